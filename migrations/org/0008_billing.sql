CREATE TABLE `stripe_event` (
	`id` text PRIMARY KEY NOT NULL,
	`type` text NOT NULL,
	`organization_id` text,
	`processed_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `organization` ADD `stripe_subscription_id` text;--> statement-breakpoint
ALTER TABLE `organization` ADD `billing_event_at` integer;--> statement-breakpoint
ALTER TABLE `organization` ADD `past_due_since` integer;