CREATE TABLE `callme_callbacks` (
	`id` text PRIMARY KEY NOT NULL,
	`package_id` text NOT NULL,
	`phone` text NOT NULL,
	`email` text NOT NULL,
	`date` text NOT NULL,
	`time` text NOT NULL,
	`at` integer NOT NULL,
	`address` text NOT NULL,
	`created_at` integer NOT NULL,
	`done_at` integer,
	FOREIGN KEY (`package_id`) REFERENCES `callme_packages`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `callme_callbacks_package_idx` ON `callme_callbacks` (`package_id`,`at`);--> statement-breakpoint
CREATE TABLE `callme_calls` (
	`id` text PRIMARY KEY NOT NULL,
	`package_id` text NOT NULL,
	`visitor_id` text NOT NULL,
	`state` text NOT NULL,
	`consultant_id` text,
	`rejected_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`answered_at` integer,
	`ended_at` integer,
	FOREIGN KEY (`package_id`) REFERENCES `callme_packages`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`visitor_id`) REFERENCES `callme_visitors`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `callme_calls_package_idx` ON `callme_calls` (`package_id`);--> statement-breakpoint
CREATE TABLE `callme_chats` (
	`id` text PRIMARY KEY NOT NULL,
	`package_id` text NOT NULL,
	`visitor_id` text NOT NULL,
	`state` text NOT NULL,
	`consultant_id` text,
	`queued_at` integer NOT NULL,
	`claimed_at` integer,
	`closed_at` integer,
	FOREIGN KEY (`package_id`) REFERENCES `callme_packages`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`visitor_id`) REFERENCES `callme_visitors`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`consultant_id`) REFERENCES `callme_consultants`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `callme_chats_package_state_idx` ON `callme_chats` (`package_id`,`state`);--> statement-breakpoint
CREATE INDEX `callme_chats_visitor_idx` ON `callme_chats` (`visitor_id`);--> statement-breakpoint
CREATE TABLE `callme_consultant_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`consultant_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`consultant_id`) REFERENCES `callme_consultants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `callme_consultants` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`email` text NOT NULL,
	`first_name` text NOT NULL,
	`last_name` text NOT NULL,
	`password_hash` text NOT NULL,
	`may_receive_calls` integer NOT NULL,
	`email_chat_history` integer NOT NULL,
	`status` text NOT NULL,
	`photo` blob,
	`photo_type` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `callme_consultants_email_unique` ON `callme_consultants` (`email`);--> statement-breakpoint
CREATE INDEX `callme_consultants_account_idx` ON `callme_consultants` (`account_id`);--> statement-breakpoint
CREATE TABLE `callme_messages` (
	`id` text PRIMARY KEY NOT NULL,
	`chat_id` text NOT NULL,
	`author` text NOT NULL,
	`kind` text NOT NULL,
	`body` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`chat_id`) REFERENCES `callme_chats`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `callme_messages_chat_idx` ON `callme_messages` (`chat_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `callme_packages` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`name` text NOT NULL,
	`company_name` text NOT NULL,
	`company_url` text NOT NULL,
	`language` text NOT NULL,
	`time_zone` text NOT NULL,
	`hours` text NOT NULL,
	`websites` text NOT NULL,
	`button` text NOT NULL,
	`page` text NOT NULL,
	`logo` blob,
	`logo_type` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `callme_packages_account_idx` ON `callme_packages` (`account_id`);--> statement-breakpoint
CREATE TABLE `callme_visitors` (
	`id` text PRIMARY KEY NOT NULL,
	`package_id` text NOT NULL,
	`token_hash` text NOT NULL,
	`address` text NOT NULL,
	`user_agent` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	FOREIGN KEY (`package_id`) REFERENCES `callme_packages`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `callme_visitors_token_idx` ON `callme_visitors` (`token_hash`);--> statement-breakpoint
CREATE INDEX `callme_visitors_package_idx` ON `callme_visitors` (`package_id`);