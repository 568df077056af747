CREATE TABLE `ondemand_cta_clicks` (
	`viewer_id` text NOT NULL,
	`item_id` text NOT NULL,
	`clicks` integer NOT NULL,
	`last_clicked_at` integer NOT NULL,
	PRIMARY KEY(`viewer_id`, `item_id`),
	FOREIGN KEY (`viewer_id`) REFERENCES `ondemand_viewers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `ondemand_messages` (
	`id` text PRIMARY KEY NOT NULL,
	`event_id` text NOT NULL,
	`viewer_id` text NOT NULL,
	`text` text NOT NULL,
	`reply_to` text,
	`answer` text,
	`answered_at` integer,
	`mail_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`viewer_id`) REFERENCES `ondemand_viewers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `ondemand_messages_event_idx` ON `ondemand_messages` (`event_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `ondemand_poll_answers` (
	`viewer_id` text NOT NULL,
	`poll_id` text NOT NULL,
	`question_id` text NOT NULL,
	`answer` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`viewer_id`, `poll_id`, `question_id`),
	FOREIGN KEY (`viewer_id`) REFERENCES `ondemand_viewers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `ondemand_settings` (
	`event_id` text PRIMARY KEY NOT NULL,
	`lead_gate` integer NOT NULL,
	`name_required` integer NOT NULL,
	`contact_group_id` text,
	`allow_pause` integer NOT NULL,
	`allow_seek` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `ondemand_viewers` (
	`id` text PRIMARY KEY NOT NULL,
	`event_id` text NOT NULL,
	`email` text,
	`name` text DEFAULT '' NOT NULL,
	`contact_id` text,
	`consent_at` integer,
	`ranges` text DEFAULT '[]' NOT NULL,
	`watched_ms` integer DEFAULT 0 NOT NULL,
	`max_pos_ms` integer DEFAULT 0 NOT NULL,
	`position_ms` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ondemand_viewers_email_idx` ON `ondemand_viewers` (`event_id`,`email`);--> statement-breakpoint
CREATE INDEX `ondemand_viewers_event_idx` ON `ondemand_viewers` (`event_id`,`last_seen_at`);--> statement-breakpoint
CREATE TABLE `ondemand_views` (
	`id` text PRIMARY KEY NOT NULL,
	`viewer_id` text NOT NULL,
	`started_at` integer NOT NULL,
	`reached_before_ms` integer NOT NULL,
	`last_beat_at` integer NOT NULL,
	`beats` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`viewer_id`) REFERENCES `ondemand_viewers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `ondemand_views_viewer_idx` ON `ondemand_views` (`viewer_id`);