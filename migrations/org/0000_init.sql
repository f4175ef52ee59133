CREATE TABLE `organization` (
	`id` text PRIMARY KEY NOT NULL,
	`better_auth_org_id` text,
	`name` text NOT NULL,
	`slug` text NOT NULL,
	`description` text,
	`logo_url` text,
	`website_url` text,
	`status` text DEFAULT 'pending' NOT NULL,
	`kind` text DEFAULT 'business' NOT NULL,
	`subscription_tier` text DEFAULT 'free' NOT NULL,
	`subscription_status` text DEFAULT 'none' NOT NULL,
	`stripe_customer_id` text,
	`seats` integer,
	`creator_id` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `organization_better_auth_org_id_unique` ON `organization` (`better_auth_org_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `organization_slug_unique` ON `organization` (`slug`);--> statement-breakpoint
CREATE UNIQUE INDEX `organization_stripe_customer_id_unique` ON `organization` (`stripe_customer_id`);