import { expect } from "vitest";
import { GATEWAY_KEY, SERVICE_KEY } from "./constants";

export const serviceHeaders = (organizationId?: string): Record<string, string> => ({
  "x-internal-key": GATEWAY_KEY,
  "x-service-api-key": SERVICE_KEY,
  ...(organizationId ? { "x-organization-id": organizationId } : {}),
});

export const userHeaders = (token: string, organizationId?: string): Record<string, string> => ({
  "x-internal-key": GATEWAY_KEY,
  authorization: `Bearer ${token}`,
  ...(organizationId ? { "x-organization-id": organizationId } : {}),
});

export const json = (body: unknown, headers: Record<string, string> = {}) => ({
  body: JSON.stringify(body),
  headers: { ...headers, "content-type": "application/json" },
});

/** Asserts the whole error envelope, not only the status. */
export async function expectError(res: Response, status: number, code: string) {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  const body = JSON.parse(text);
  expect(body).toEqual({
    error: { code, message: expect.any(String), details: expect.any(Array) },
    requestId: res.headers.get("x-request-id"),
    timestamp: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
  });
  expect(body.error.message.length).toBeGreaterThan(0);
  return body as { error: { code: string; message: string; details: { path?: string; message: string }[] } };
}

export async function expectData<T = Record<string, unknown>>(res: Response, status: number): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return JSON.parse(text) as T;
}
