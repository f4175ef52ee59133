import { z } from "zod";
import { type ContextData, ContextDataSchema } from "../core/context.schemas";
import type { GeneratorInput } from "./generator-input";

/** A model answer that is not usable; the message is retried like any transient failure. */
export class InvalidModelOutput extends Error {
  override name = "InvalidModelOutput";
}

/** Built on first use, not at module load: startup time is paid by every cold isolate. */
let jsonSchema: object | undefined;
function responseSchema() {
  jsonSchema ??= z.toJSONSchema(ContextDataSchema, { target: "draft-7" });
  return jsonSchema;
}

function prompt({ organization, settings, catalog }: GeneratorInput) {
  return [
    "Summarise this organization for other services that tailor analysis to a business.",
    "Answer only with JSON matching the schema. Use only the facts given; leave lists empty when unknown.",
    `Name: ${organization.name}`,
    settings?.platformName ? `Platform name: ${settings.platformName}` : "",
    organization.description ? `Description: ${organization.description}` : "",
    organization.websiteUrl ? `Website: ${organization.websiteUrl}` : "",
    catalog.length
      ? `Products:\n${catalog.map((p) => `- ${p.name}${p.description ? `: ${p.description}` : ""}`).join("\n")}`
      : "Products: none listed",
  ]
    .filter(Boolean)
    .join("\n");
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Workers AI did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** Asks Workers AI for structured output and accepts it only if it validates. */
export async function aiContext(
  ai: Ai,
  model: string,
  input: GeneratorInput,
  timeoutMs: number,
): Promise<ContextData> {
  const answer = (await withTimeout(
    ai.run(
      model as never,
      {
        messages: [
          { role: "system", content: "You produce compact, factual JSON descriptions of organizations." },
          { role: "user", content: prompt(input) },
        ],
        response_format: {
          type: "json_schema",
          json_schema: responseSchema(),
        },
      } as never,
    ),
    timeoutMs,
  )) as { response?: unknown };
  let value = answer?.response;
  if (typeof value === "string") {
    try {
      value = JSON.parse(value);
    } catch {
      throw new InvalidModelOutput("the model's answer is not JSON");
    }
  }
  const parsed = ContextDataSchema.safeParse(value);
  if (!parsed.success)
    throw new InvalidModelOutput(
      `the model's answer does not match the schema: ${parsed.error.issues[0]?.message}`,
    );
  return parsed.data;
}
