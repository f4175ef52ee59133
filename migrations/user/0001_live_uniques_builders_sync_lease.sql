CREATE TABLE `user_sync_lease` (
	`better_auth_user_id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `user_builder` (
	`id` text PRIMARY KEY NOT NULL,
	`draft` text NOT NULL,
	`expires_at` integer NOT NULL,
	`finalized_user_id` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
DROP INDEX `user_better_auth_user_id_unique`;--> statement-breakpoint
DROP INDEX `user_email_unique`;--> statement-breakpoint
CREATE INDEX `user_org_role_idx` ON `user` (`organization_id`,`role`);--> statement-breakpoint
CREATE UNIQUE INDEX `user_better_auth_user_id_unique` ON `user` (`better_auth_user_id`) WHERE "user"."deleted_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX `user_email_unique` ON `user` (`email`) WHERE "user"."deleted_at" is null;