CREATE TABLE `room_states` (
	`event_id` text PRIMARY KEY NOT NULL,
	`status` text NOT NULL,
	`mode` text NOT NULL,
	`chat_enabled` integer NOT NULL,
	`qa_open` integer NOT NULL,
	`collaboration` integer NOT NULL,
	`published_question_id` text,
	`started_at` integer,
	`ended_at` integer,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `events` ADD `agenda` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `events` ADD `waiting_message` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `events` ADD `thank_you_url` text;