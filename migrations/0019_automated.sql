CREATE TABLE `automated_overrides` (
	`id` text PRIMARY KEY NOT NULL,
	`event_id` text NOT NULL,
	`at` integer NOT NULL,
	`position_ms` integer NOT NULL,
	`kind` text NOT NULL,
	`action` text NOT NULL,
	`by` text NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `automated_overrides_event_idx` ON `automated_overrides` (`event_id`,`at`);--> statement-breakpoint
CREATE TABLE `automated_rules` (
	`series_id` text PRIMARY KEY NOT NULL,
	`rule` text NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`series_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `automated_sessions` (
	`event_id` text PRIMARY KEY NOT NULL,
	`series_id` text NOT NULL,
	`from_rule` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`series_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `automated_sessions_series_idx` ON `automated_sessions` (`series_id`);