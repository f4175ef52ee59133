CREATE TABLE `api_key` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`name` text NOT NULL,
	`prefix` text NOT NULL,
	`hash` text NOT NULL,
	`scopes` text NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	`last_used_at` integer,
	`revoked_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_key_prefix_unique` ON `api_key` (`prefix`);--> statement-breakpoint
CREATE INDEX `api_key_org_id_idx` ON `api_key` (`organization_id`,`id`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`actor_type` text NOT NULL,
	`actor_id` text NOT NULL,
	`action` text NOT NULL,
	`resource_type` text NOT NULL,
	`resource_id` text NOT NULL,
	`request_id` text NOT NULL,
	`metadata` text,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_log_org_id_idx` ON `audit_log` (`organization_id`,`id`);--> statement-breakpoint
CREATE TABLE `counter` (
	`name` text PRIMARY KEY NOT NULL,
	`value` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `idempotency_key` (
	`scope_hash` text PRIMARY KEY NOT NULL,
	`request_hash` text NOT NULL,
	`response_status` integer,
	`response_body` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `idempotency_key_created_idx` ON `idempotency_key` (`created_at`);--> statement-breakpoint
CREATE TABLE `org_builder` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`name` text,
	`slug` text,
	`description` text,
	`website_url` text,
	`kind` text,
	`better_auth_org_id` text,
	`owner_user_id` text,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`finalized_org_id` text,
	`finalized_at` integer
);
--> statement-breakpoint
CREATE TABLE `organization_settings` (
	`organization_id` text PRIMARY KEY NOT NULL,
	`logo_url` text,
	`primary_color_hex` text,
	`platform_name` text,
	`support_email` text,
	`contact_url` text,
	`timezone` text,
	`enable_signups` integer,
	`enable_purchases` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `rate_limit_window` (
	`key` text PRIMARY KEY NOT NULL,
	`window_start` integer NOT NULL,
	`count` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `organization` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
CREATE INDEX `organization_live_name_idx` ON `organization` (lower("name"),`id`,`deleted_at`) WHERE "organization"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX `organization_live_created_idx` ON `organization` (`created_at`,`id`,`deleted_at`) WHERE "organization"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX `organization_live_updated_idx` ON `organization` (`updated_at`,`id`,`deleted_at`) WHERE "organization"."deleted_at" is null;