CREATE TABLE `attendance` (
	`id` text PRIMARY KEY NOT NULL,
	`event_id` text NOT NULL,
	`participant_id` text NOT NULL,
	`joined_at` integer NOT NULL,
	`left_at` integer,
	`address` text,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `attendance_event_idx` ON `attendance` (`event_id`,`participant_id`);--> statement-breakpoint
CREATE TABLE `event_bans` (
	`id` text PRIMARY KEY NOT NULL,
	`event_id` text NOT NULL,
	`participant_id` text NOT NULL,
	`email` text,
	`address` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `event_bans_event_idx` ON `event_bans` (`event_id`);--> statement-breakpoint
CREATE TABLE `cta_clicks` (
	`cta_id` text NOT NULL,
	`participant_id` text NOT NULL,
	`clicks` integer NOT NULL,
	`last_clicked_at` integer NOT NULL,
	PRIMARY KEY(`cta_id`, `participant_id`),
	FOREIGN KEY (`cta_id`) REFERENCES `cta_shows`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `cta_shows` (
	`id` text PRIMARY KEY NOT NULL,
	`event_id` text NOT NULL,
	`message` text NOT NULL,
	`button_label` text NOT NULL,
	`url` text NOT NULL,
	`shown_at` integer NOT NULL,
	`ends_at` integer,
	`closed_at` integer,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `cta_shows_event_idx` ON `cta_shows` (`event_id`);--> statement-breakpoint
CREATE TABLE `mode_changes` (
	`id` text PRIMARY KEY NOT NULL,
	`event_id` text NOT NULL,
	`mode` text NOT NULL,
	`participant_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `poll_answers` (
	`poll_id` text NOT NULL,
	`question_id` text NOT NULL,
	`participant_id` text NOT NULL,
	`answer` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`poll_id`, `question_id`, `participant_id`),
	FOREIGN KEY (`poll_id`) REFERENCES `polls`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `polls` (
	`id` text PRIMARY KEY NOT NULL,
	`event_id` text NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`questions` text NOT NULL,
	`status` text NOT NULL,
	`results_visible` integer NOT NULL,
	`position` integer NOT NULL,
	`created_at` integer NOT NULL,
	`started_at` integer,
	`ended_at` integer,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `polls_event_idx` ON `polls` (`event_id`);--> statement-breakpoint
CREATE TABLE `question_votes` (
	`question_id` text NOT NULL,
	`participant_id` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`question_id`, `participant_id`),
	FOREIGN KEY (`question_id`) REFERENCES `questions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `questions` (
	`id` text PRIMARY KEY NOT NULL,
	`event_id` text NOT NULL,
	`participant_id` text NOT NULL,
	`author_name` text NOT NULL,
	`text` text NOT NULL,
	`state` text NOT NULL,
	`chat_message_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`chat_message_id`) REFERENCES `chat_messages`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `questions_event_idx` ON `questions` (`event_id`);--> statement-breakpoint
ALTER TABLE `chat_messages` ADD `deleted_at` integer;--> statement-breakpoint
ALTER TABLE `participants` ADD `hand_raised` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `participants` ADD `media_granted` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `participants` ADD `excluded` text;--> statement-breakpoint
ALTER TABLE `participants` ADD `excluded_at` integer;--> statement-breakpoint
CREATE INDEX `participants_email_idx` ON `participants` (`event_id`,`email`);