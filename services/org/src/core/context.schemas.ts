import { z } from "@hono/zod-openapi";

/** What the generator must produce — by Workers AI (structured output) or the local heuristic. */
export const ContextDataSchema = z
  .object({
    summary: z.string().min(1).max(2000),
    industry: z.string().min(1).max(120),
    offerings: z
      .array(z.object({ name: z.string().min(1).max(200), description: z.string().max(1000) }).strict())
      .max(25),
    audiences: z.array(z.string().min(1).max(200)).max(15),
    valueProposition: z.string().min(1).max(1000),
    tone: z.string().min(1).max(120),
    keywords: z.array(z.string().min(1).max(60)).max(30),
  })
  .strict()
  .openapi("OrganizationContextData");
export type ContextData = z.infer<typeof ContextDataSchema>;

/** The queue message; validated on the consumer side too, since a queue is a trust boundary. */
export const ContextMessageSchema = z.object({
  jobId: z.uuid(),
  organizationId: z.uuid(),
  crawlId: z.string().min(1).max(255).optional(),
});
export type ContextMessage = z.infer<typeof ContextMessageSchema>;
