DROP INDEX `organization_live_slug_idx`;--> statement-breakpoint
DROP INDEX `organization_live_name_idx`;--> statement-breakpoint
DROP INDEX `organization_live_created_idx`;--> statement-breakpoint
DROP INDEX `organization_live_updated_idx`;--> statement-breakpoint
CREATE INDEX `organization_live_name_idx` ON `organization` (lower("name"),`id`,`deleted_at`) WHERE "organization"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX `organization_live_created_idx` ON `organization` (`created_at`,`id`,`deleted_at`) WHERE "organization"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX `organization_live_updated_idx` ON `organization` (`updated_at`,`id`,`deleted_at`) WHERE "organization"."deleted_at" is null;--> statement-breakpoint
ALTER TABLE `idempotency_key` ADD `response_headers` text;