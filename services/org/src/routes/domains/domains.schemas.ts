import { z } from "@hono/zod-openapi";
import { IdSchema, TimestampSchema } from "@svc/contracts";
import { pathParams } from "@svc/platform";

/** A domain as written in a path; normalised and judged by the handler (400 with the reason). */
const DomainParam = z.string().min(1).max(300).openapi({ example: "acme.com" });

export const DomainParams = pathParams({ id: IdSchema, domain: DomainParam });
export const LookupParams = pathParams({ domain: DomainParam });

export const MAX_DOMAINS = 20;

export const PutDomainsSchema = z
  .object({ domains: z.array(z.string().max(300)).max(MAX_DOMAINS) })
  .strict()
  .openapi("PutDomains");

export const PatchDomainSchema = z.object({ autoJoin: z.boolean() }).strict().openapi("PatchDomain");

export const DomainSchema = z
  .object({
    domain: z.string().max(253).openapi({ example: "acme.com" }),
    state: z.enum(["pending", "verified", "failed"]),
    verification: z.object({
      recordName: z.string().max(300).openapi({ example: "_org-verification.acme.com" }),
      recordType: z.literal("TXT"),
      recordValue: z.string().max(64),
    }),
    failureReason: z.enum(["nxdomain", "no_txt_record", "token_mismatch"]).nullable(),
    verifiedAt: TimestampSchema.nullable(),
    lastCheckedAt: TimestampSchema.nullable(),
    autoJoin: z.boolean(),
  })
  .openapi("Domain");
