CREATE TABLE `logo_upload` (
	`tmp_key` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`content_type` text NOT NULL,
	`content_length` integer NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`uploaded_at` integer,
	`finalized_at` integer
);
--> statement-breakpoint
CREATE INDEX `logo_upload_expires_idx` ON `logo_upload` (`expires_at`);