CREATE TABLE `billing_jobs` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`account_id` text NOT NULL,
	`run_at` integer NOT NULL,
	`status` text NOT NULL,
	`dedupe_key` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `billing_jobs_dedupe_idx` ON `billing_jobs` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `billing_jobs_due_idx` ON `billing_jobs` (`status`,`run_at`);--> statement-breakpoint
CREATE TABLE `billing_promo_codes` (
	`code` text PRIMARY KEY NOT NULL,
	`percent_off` integer NOT NULL,
	`periods` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `billing_accounts` ADD `buyer_name` text;--> statement-breakpoint
ALTER TABLE `billing_accounts` ADD `buyer_address` text;--> statement-breakpoint
ALTER TABLE `billing_charges` ADD `hosted_url` text;--> statement-breakpoint
ALTER TABLE `billing_charges` ADD `failure` text;--> statement-breakpoint
CREATE INDEX `billing_charges_gateway_idx` ON `billing_charges` (`gateway_invoice_id`);--> statement-breakpoint
CREATE INDEX `billing_charges_status_idx` ON `billing_charges` (`status`);