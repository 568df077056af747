CREATE TABLE `event_access_settings` (
	`event_id` text PRIMARY KEY NOT NULL,
	`sealed_password` text,
	`shared_presenter_link` integer DEFAULT true NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `personal_link_uses` (
	`id` text PRIMARY KEY NOT NULL,
	`event_id` text NOT NULL,
	`token_id` text NOT NULL,
	`participant_id` text,
	`used_at` integer NOT NULL,
	`address` text,
	`device` text,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`token_id`) REFERENCES `event_tokens`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `personal_link_uses_token_idx` ON `personal_link_uses` (`token_id`,`used_at`);--> statement-breakpoint
ALTER TABLE `event_tokens` ADD `role` text DEFAULT 'attendee' NOT NULL;--> statement-breakpoint
ALTER TABLE `event_tokens` ADD `revoked_at` integer;--> statement-breakpoint
ALTER TABLE `event_tokens` ADD `expires_at` integer;