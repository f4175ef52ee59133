// Drives every operation of a service's own `/openapi.json` and checks each answer against it.
//
// The validator is @cfworker/json-schema: it is built for Workers (no `new Function` code generation,
// which workerd forbids and Ajv relies on) and supports JSON Schema 2020-12, the dialect of OpenAPI
// 3.1. We validate against the served document, not the zod schemas behind it, because the document
// is what integrators generate clients from: a response that fits the zod schema but not what the
// document says (a dropped `nullable`, a header that was never declared) is exactly what this test
// exists to catch.
import { Validator } from "@cfworker/json-schema";
import { expect } from "vitest";
import { imageForm, makePng } from "./images";

type Schema = Record<string, unknown>;
interface HeaderDoc {
  required?: boolean;
  schema?: Schema;
}
interface ResponseDoc {
  headers?: Record<string, HeaderDoc>;
  content?: Record<string, { schema?: Schema }>;
}
export interface OperationDoc {
  operationId: string;
  parameters?: { name: string; in: string; required?: boolean; example?: unknown; schema?: Schema }[];
  requestBody?: { content: Record<string, { example?: unknown; schema?: Schema }> };
  responses: Record<string, ResponseDoc>;
  "x-access"?: { principals: string[] };
}
interface Document {
  paths: Record<string, Record<string, OperationDoc>>;
  components?: Schema;
}

/** How to call one operation: its path parameters, credentials, and anything the example cannot give. */
export interface ContractCall {
  params?: Record<string, string>;
  headers: Record<string, string>;
  /** Replaces the documented example (a body that must name rows this test created). */
  body?: unknown;
  /** Sent instead of a JSON body (a multipart form, raw bytes). */
  rawBody?: BodyInit;
  contentType?: string;
}

/**
 * Headers every HTTP answer may carry without the API document naming them: framing and the
 * runtime's own. Anything else a response carries must be documented for that status.
 */
const TRANSPORT_HEADERS = new Set([
  "content-type",
  "content-length",
  "content-encoding",
  "transfer-encoding",
  "date",
  "vary",
  "connection",
  "keep-alive",
  "server",
]);

export interface ContractResult {
  operationId: string;
  status: number;
  problems: string[];
}

const fill = (path: string, params: Record<string, string>) =>
  path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${path}: no value for {${name}}`);
    return encodeURIComponent(value);
  });

/** The one file field a documented multipart body has (its schema is a component). */
function fileField(schema: Schema | undefined, components: Schema | undefined) {
  const ref = typeof schema?.$ref === "string" ? schema.$ref.split("/").pop() : undefined;
  const schemas = (components?.schemas ?? {}) as Record<string, Schema>;
  const resolved = ref ? schemas[ref] : schema;
  const [field] = Object.keys((resolved?.properties ?? {}) as Schema);
  if (!field) throw new Error("a multipart body without a documented field");
  return field;
}

async function requestFor(
  method: string,
  path: string,
  op: OperationDoc,
  call: ContractCall,
  components: Schema | undefined,
) {
  const headers: Record<string, string> = { ...call.headers };
  let body: BodyInit | undefined;
  const content = op.requestBody?.content ?? {};
  if (call.rawBody !== undefined) {
    body = call.rawBody;
    if (call.contentType) headers["content-type"] = call.contentType;
  } else if (content["application/json"]) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(call.body ?? content["application/json"].example);
  } else if (content["multipart/form-data"]) {
    const field = fileField(content["multipart/form-data"].schema, components);
    body = imageForm(field, await makePng(), "image/png", "image.png");
  } else if (Object.keys(content).some((type) => type.startsWith("image/"))) {
    headers["content-type"] = "image/png";
    body = await makePng();
  }
  const query = new URLSearchParams();
  for (const param of op.parameters ?? []) {
    if (param.in !== "query" || !param.required) continue;
    const example = param.example ?? param.schema?.example;
    if (example === undefined)
      throw new Error(`${path}: required query parameter ${param.name} has no example`);
    query.set(param.name, String(example));
  }
  const search = query.size > 0 ? `?${query}` : "";
  return {
    url: `${fill(path, call.params ?? {})}${search}`,
    init: { method: method.toUpperCase(), headers, body } satisfies RequestInit,
  };
}

/** What in one answer the document does not say: status, headers, body. */
async function check(res: Response, op: OperationDoc, components: Schema | undefined) {
  const problems: string[] = [];
  const doc = op.responses[String(res.status)] ?? op.responses.default;
  if (!doc) {
    problems.push(`status ${res.status} is not documented: ${await res.text()}`);
    return problems;
  }
  const declared = Object.fromEntries(
    Object.entries(doc.headers ?? {}).map(([name, header]) => [name.toLowerCase(), header]),
  );
  for (const [name, header] of Object.entries(declared)) {
    if (header.required && !res.headers.has(name)) problems.push(`required header ${name} is missing`);
  }
  for (const [name, value] of res.headers) {
    if (TRANSPORT_HEADERS.has(name)) continue;
    const header = declared[name];
    if (!header) {
      problems.push(`header ${name} is not documented for ${res.status}`);
      continue;
    }
    if (header.schema) {
      const coerced = header.schema.type === "integer" ? Number(value) : value;
      const result = new Validator(header.schema, "2020-12", false).validate(coerced);
      if (!result.valid) problems.push(`header ${name}: ${JSON.stringify(result.errors.slice(0, 3))}`);
    }
  }
  const type = res.headers.get("content-type")?.split(";")[0]?.trim();
  const text = await res.text();
  if (!type) {
    if (doc.content && Object.keys(doc.content).length > 0 && text.length > 0) {
      problems.push("a body without a content type");
    }
    return problems;
  }
  const media = doc.content?.[type] ?? doc.content?.[`${type.split("/")[0]}/*`];
  if (!media) {
    problems.push(`content type ${type} is not documented for ${res.status}`);
    return problems;
  }
  if (type === "application/json" && media.schema) {
    const schema = { ...media.schema, components };
    const result = new Validator(schema, "2020-12", false).validate(JSON.parse(text));
    if (!result.valid) {
      problems.push(`body does not match the schema: ${JSON.stringify(result.errors.slice(0, 4))}`);
    }
  }
  return problems;
}

/**
 * Calls every operation of `document` once, in the document's order, with what `callFor` gives
 * (its parameters and credentials), the documented request example and the documented examples
 * of its required query parameters, and returns what each
 * answer did not match. `callFor` may create rows first; it is awaited before each call.
 */
export async function driveDocument(
  fetcher: (path: string, init: RequestInit) => Promise<Response>,
  document: Document,
  callFor: (path: string, op: OperationDoc) => Promise<ContractCall> | ContractCall,
): Promise<ContractResult[]> {
  const results: ContractResult[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const call = await callFor(path, op);
      const { url, init } = await requestFor(method, path, op, call, document.components);
      const res = await fetcher(url, init);
      results.push({
        operationId: op.operationId,
        status: res.status,
        problems: await check(res, op, document.components),
      });
    }
  }
  return results;
}

/** Asserts that every answer matched, and how many operations answered with success. */
export function expectAllDocumented(results: ContractResult[], minimumSuccesses: number) {
  const failing = results.filter((result) => result.problems.length > 0);
  expect(failing).toEqual([]);
  const successes = results.filter((result) => result.status < 300).map((result) => result.operationId);
  expect(successes.length, `operations that succeeded: ${successes.join(", ")}`).toBeGreaterThanOrEqual(
    minimumSuccesses,
  );
}
