import { z } from "@hono/zod-openapi";

export const LogoSchema = z.object({ logoUrl: z.url().max(2048) }).openapi("Logo");

export const LogoFormSchema = z
  .object({
    // Checked by the handler (a file, then its bytes); the schema only documents it.
    logo: z.any().openapi({
      type: "string",
      format: "binary",
      maxLength: 5 * 1024 * 1024,
      description: "PNG, JPEG or WebP, at most 5 MB",
    }),
  })
  .openapi("LogoUpload");

export const UploadTicketRequestSchema = z
  .object({
    contentType: z.string().max(100).openapi({ example: "image/png" }),
    contentLength: z
      .int()
      .min(1)
      .max(2 ** 31 - 1)
      .openapi({ example: 20480 }),
  })
  .strict()
  .openapi("UploadTicketRequest");

export const UploadTicketSchema = z
  .object({
    uploadUrl: z.url().max(4096),
    tmpKey: z.string().max(200),
    expiresInSeconds: z.int().min(1).max(86_400),
    method: z.literal("PUT"),
    headers: z.record(z.string().max(64), z.string().max(1024)),
  })
  .openapi("UploadTicket");

export const FinalizeSchema = z
  .object({ tmpKey: z.string().min(1).max(200) })
  .strict()
  .openapi("FinalizeLogo");
