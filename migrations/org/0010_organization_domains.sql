CREATE TABLE `organization_domain` (
	`organization_id` text NOT NULL,
	`domain` text NOT NULL,
	`state` text DEFAULT 'pending' NOT NULL,
	`verification_token` text NOT NULL,
	`failure_reason` text,
	`verified_at` integer,
	`last_checked_at` integer,
	`consecutive_misses` integer DEFAULT 0 NOT NULL,
	`auto_join` integer DEFAULT false NOT NULL,
	`auto_joins` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`organization_id`, `domain`)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `organization_domain_verified_unique` ON `organization_domain` (`domain`) WHERE "organization_domain"."state" = 'verified';--> statement-breakpoint
CREATE INDEX `organization_domain_recheck_idx` ON `organization_domain` (`last_checked_at`) WHERE "organization_domain"."state" = 'verified';