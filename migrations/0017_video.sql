CREATE TABLE `room_playback` (
	`event_id` text PRIMARY KEY NOT NULL,
	`anchor` text NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade
);
