CREATE TABLE `context_job` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`crawl_id` text,
	`status` text DEFAULT 'queued' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`context_id` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `context_job_org_created_idx` ON `context_job` (`organization_id`,`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `context_job_one_active_per_org` ON `context_job` (`organization_id`) WHERE "context_job"."status" in ('queued', 'running');--> statement-breakpoint
CREATE TABLE `organization_context` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`job_id` text NOT NULL,
	`crawl_id` text,
	`context_type` text DEFAULT 'ai_generated_summary' NOT NULL,
	`structured_data` text NOT NULL,
	`model` text NOT NULL,
	`generated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `organization_context_job_id_unique` ON `organization_context` (`job_id`);--> statement-breakpoint
CREATE INDEX `organization_context_org_generated_idx` ON `organization_context` (`organization_id`,`generated_at`);