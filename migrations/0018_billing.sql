CREATE TABLE `billing_topups` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`currency` text NOT NULL,
	`amount` integer NOT NULL,
	`status` text NOT NULL,
	`checkout_session_id` text,
	`checkout_url` text,
	`created_at` integer NOT NULL,
	`paid_at` integer
);
--> statement-breakpoint
CREATE INDEX `billing_topups_account_idx` ON `billing_topups` (`account_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `billing_topups_session_idx` ON `billing_topups` (`checkout_session_id`);--> statement-breakpoint
ALTER TABLE `billing_charges` ADD `balance_paid` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `billing_charges` ADD `retry_due` integer;--> statement-breakpoint
ALTER TABLE `billing_charges` ADD `retries` integer DEFAULT 0 NOT NULL;