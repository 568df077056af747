CREATE TABLE `file_uploads` (
	`file_id` text PRIMARY KEY NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`file_id`) REFERENCES `files`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `file_uploads_expiry_idx` ON `file_uploads` (`expires_at`);