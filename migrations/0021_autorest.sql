ALTER TABLE `automated_overrides` ADD `actor_id` text;--> statement-breakpoint
ALTER TABLE `automated_overrides` ADD `actor_name` text;