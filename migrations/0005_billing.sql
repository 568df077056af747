CREATE TABLE `billing_accounts` (
	`account_id` text PRIMARY KEY NOT NULL,
	`status` text NOT NULL,
	`state` text NOT NULL,
	`time_zone` text NOT NULL,
	`country` text NOT NULL,
	`vat_id` text,
	`gateway_customer_id` text,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `billing_balance_entries` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`currency` text NOT NULL,
	`amount` integer NOT NULL,
	`kind` text NOT NULL,
	`ref` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `billing_balance_ref_idx` ON `billing_balance_entries` (`kind`,`ref`);--> statement-breakpoint
CREATE TABLE `billing_charges` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`kind` text NOT NULL,
	`status` text NOT NULL,
	`currency` text NOT NULL,
	`net` integer NOT NULL,
	`tax` integer NOT NULL,
	`total` integer NOT NULL,
	`tax_rate_bp` integer NOT NULL,
	`reverse_charge` integer NOT NULL,
	`tax_note` text NOT NULL,
	`lines` text NOT NULL,
	`service_from` text NOT NULL,
	`service_until` text NOT NULL,
	`number` text,
	`gateway_invoice_id` text,
	`created_at` integer NOT NULL,
	`paid_at` integer
);
--> statement-breakpoint
CREATE INDEX `billing_charges_account_idx` ON `billing_charges` (`account_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `billing_charges_number_idx` ON `billing_charges` (`number`);--> statement-breakpoint
CREATE TABLE `billing_invoice_counters` (
	`key` text PRIMARY KEY NOT NULL,
	`last` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `billing_webhook_events` (
	`id` text PRIMARY KEY NOT NULL,
	`type` text NOT NULL,
	`received_at` integer NOT NULL
);
