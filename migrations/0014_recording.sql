CREATE TABLE `egress_webhook_events` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `recording_parts` (
	`id` text PRIMARY KEY NOT NULL,
	`recording_id` text NOT NULL,
	`seq` integer NOT NULL,
	`state` text NOT NULL,
	`kept` text DEFAULT '[]' NOT NULL,
	`duration_ms` integer,
	`egress_id` text,
	`egress_rank` integer DEFAULT -1 NOT NULL,
	`error` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`recording_id`) REFERENCES `recordings`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `recording_parts_egress_id_unique` ON `recording_parts` (`egress_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `recording_parts_seq_idx` ON `recording_parts` (`recording_id`,`seq`);--> statement-breakpoint
CREATE TABLE `recording_settings` (
	`account_id` text PRIMARY KEY NOT NULL,
	`autostart` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `recording_shares` (
	`id` text PRIMARY KEY NOT NULL,
	`recording_id` text NOT NULL,
	`token` text NOT NULL,
	`revoked_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`recording_id`) REFERENCES `recordings`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `recording_shares_token_unique` ON `recording_shares` (`token`);--> statement-breakpoint
CREATE TABLE `recordings` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`event_id` text NOT NULL,
	`backend` text NOT NULL,
	`state` text NOT NULL,
	`active` integer NOT NULL,
	`partial` integer DEFAULT false NOT NULL,
	`language` text NOT NULL,
	`started_at` integer NOT NULL,
	`ended_at` integer,
	`duration_ms` integer,
	`size_bytes` integer,
	`trim_in_ms` integer,
	`trim_out_ms` integer,
	`error` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `recordings_account_idx` ON `recordings` (`account_id`,`started_at`);--> statement-breakpoint
CREATE INDEX `recordings_event_idx` ON `recordings` (`event_id`,`active`);