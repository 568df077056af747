CREATE TABLE `billing_sub_account_audit` (
	`id` text PRIMARY KEY NOT NULL,
	`parent_account_id` text NOT NULL,
	`parent_user_id` text NOT NULL,
	`sub_account_id` text NOT NULL,
	`session_hash` text NOT NULL,
	`action` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `billing_sub_account_audit_session_idx` ON `billing_sub_account_audit` (`session_hash`);--> statement-breakpoint
CREATE TABLE `billing_sub_accounts` (
	`account_id` text PRIMARY KEY NOT NULL,
	`parent_account_id` text NOT NULL,
	`status` text NOT NULL,
	`activation_hash` text,
	`delete_at` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `billing_sub_accounts_parent_idx` ON `billing_sub_accounts` (`parent_account_id`);