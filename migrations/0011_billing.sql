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
CREATE TABLE `billing_seller_stripe` (
	`account_id` text PRIMARY KEY NOT NULL,
	`secret_key_sealed` text NOT NULL,
	`webhook_secret_sealed` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `billing_ticket_orders` (
	`id` text PRIMARY KEY NOT NULL,
	`event_id` text NOT NULL,
	`account_id` text NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`status` text NOT NULL,
	`currency` text NOT NULL,
	`amount` integer NOT NULL,
	`checkout_session_id` text,
	`checkout_url` text,
	`payment_intent_id` text,
	`hold_until` integer NOT NULL,
	`fulfilled_at` integer,
	`token_id` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `billing_ticket_orders_session_idx` ON `billing_ticket_orders` (`checkout_session_id`);--> statement-breakpoint
CREATE INDEX `billing_ticket_orders_event_idx` ON `billing_ticket_orders` (`event_id`,`status`);--> statement-breakpoint
CREATE TABLE `billing_ticket_prices` (
	`event_id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`currency` text NOT NULL,
	`amount` integer NOT NULL,
	`seats` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `billing_accounts` ADD `buyer_name` text;--> statement-breakpoint
ALTER TABLE `billing_accounts` ADD `buyer_address` text;--> statement-breakpoint
ALTER TABLE `billing_charges` ADD `hosted_url` text;--> statement-breakpoint
ALTER TABLE `billing_charges` ADD `failure` text;--> statement-breakpoint
CREATE INDEX `billing_charges_gateway_idx` ON `billing_charges` (`gateway_invoice_id`);--> statement-breakpoint
CREATE INDEX `billing_charges_status_idx` ON `billing_charges` (`status`);