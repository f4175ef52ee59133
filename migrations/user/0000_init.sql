CREATE TABLE `user` (
	`id` text PRIMARY KEY NOT NULL,
	`better_auth_user_id` text NOT NULL,
	`organization_id` text,
	`email` text NOT NULL,
	`name` text DEFAULT '' NOT NULL,
	`profile_picture_url` text,
	`onboarding_id` text,
	`permissions` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`role` text DEFAULT 'member' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `user_better_auth_user_id_unique` ON `user` (`better_auth_user_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `user_email_unique` ON `user` (`email`);--> statement-breakpoint
CREATE INDEX `user_org_id_idx` ON `user` (`organization_id`,`id`);--> statement-breakpoint
CREATE INDEX `user_org_email_idx` ON `user` (`organization_id`,`email`);