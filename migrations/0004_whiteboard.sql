CREATE TABLE `whiteboard_updates` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` text NOT NULL,
	`data` blob NOT NULL,
	`compacted` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `whiteboard_updates_event_idx` ON `whiteboard_updates` (`event_id`,`seq`);