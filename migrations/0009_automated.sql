CREATE TABLE `automated_progress` (
	`event_id` text PRIMARY KEY NOT NULL,
	`applied_at_ms` integer,
	`chat_by_hand` integer DEFAULT false NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `event_timelines` (
	`event_id` text PRIMARY KEY NOT NULL,
	`timeline` text NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade
);
