CREATE TABLE `billing_commissions` (
	`id` text PRIMARY KEY NOT NULL,
	`partner_id` text NOT NULL,
	`charge_id` text NOT NULL,
	`kind` text NOT NULL,
	`source_ref` text NOT NULL,
	`amount` integer NOT NULL,
	`currency` text NOT NULL,
	`payout_id` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `billing_commissions_source_idx` ON `billing_commissions` (`kind`,`source_ref`);--> statement-breakpoint
CREATE INDEX `billing_commissions_partner_idx` ON `billing_commissions` (`partner_id`);--> statement-breakpoint
CREATE TABLE `billing_partners` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`code` text NOT NULL,
	`rate_bp` integer NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `billing_partners_account_idx` ON `billing_partners` (`account_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `billing_partners_code_idx` ON `billing_partners` (`code`);--> statement-breakpoint
CREATE TABLE `billing_payouts` (
	`id` text PRIMARY KEY NOT NULL,
	`partner_id` text NOT NULL,
	`period` text NOT NULL,
	`currency` text NOT NULL,
	`amount` integer NOT NULL,
	`status` text NOT NULL,
	`created_at` integer NOT NULL,
	`paid_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `billing_payouts_period_idx` ON `billing_payouts` (`partner_id`,`period`,`currency`);--> statement-breakpoint
CREATE TABLE `billing_referrals` (
	`account_id` text PRIMARY KEY NOT NULL,
	`partner_id` text NOT NULL,
	`signed_up_at` integer NOT NULL
);
--> statement-breakpoint
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
CREATE INDEX `billing_sub_accounts_parent_idx` ON `billing_sub_accounts` (`parent_account_id`);--> statement-breakpoint
ALTER TABLE `billing_charges` ADD `gateway_payment_ref` text;--> statement-breakpoint
ALTER TABLE `billing_charges` ADD `refunded` integer DEFAULT 0 NOT NULL;