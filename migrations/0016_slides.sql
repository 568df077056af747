CREATE TABLE `stage_presentations` (
	`event_id` text PRIMARY KEY NOT NULL,
	`file_id` text NOT NULL,
	`title` text NOT NULL,
	`page` integer NOT NULL,
	`page_count` integer NOT NULL,
	`opened_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`file_id`) REFERENCES `files`(`id`) ON UPDATE no action ON DELETE cascade
);
