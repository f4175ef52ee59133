import type { User } from "@svc/contracts";
import { expectData, expectError, fileIssuer, serviceHeaders } from "@svc/platform/testing";
import { describe, expect, it } from "vitest";
import { api, createUserWith, orgId, post } from "../../../test/helpers";

const issuer = await fileIssuer();

type Page = { data: User[]; pagination: { limit: number; hasMore: boolean; nextCursor: string | null } };

describe("GET /api/v1/users/search-email", () => {
  it("finds members by email prefix, in email order, one page at a time, never across tenants", async () => {
    const tag = crypto.randomUUID().slice(0, 6);
    const organizationId = await orgId();
    const mine = [];
    for (const n of [3, 1, 2]) {
      mine.push(await createUserWith({ organizationId, email: `${tag}-${n}@example.com` }));
    }
    await createUserWith({ email: `${tag}-0@example.com` });
    await createUserWith({ organizationId, email: `other-${tag}@example.com` });
    const caller = mine[0]!;
    const headers = await issuer.headersFor(caller);

    const first = await expectData<Page>(
      await api(`/api/v1/users/search-email?q=${tag.toUpperCase()}&limit=2`, { headers }),
      200,
    );
    expect(first.data.map((u) => u.email)).toEqual([`${tag}-1@example.com`, `${tag}-2@example.com`]);
    expect(first.pagination.hasMore).toBe(true);
    const next = await expectData<Page>(
      await api(`/api/v1/users/search-email?q=${tag}&limit=2&cursor=${first.pagination.nextCursor}`, {
        headers,
      }),
      200,
    );
    expect(next.data.map((u) => u.email)).toEqual([`${tag}-3@example.com`]);
    expect(next.pagination).toEqual({ limit: 2, hasMore: false, nextCursor: null });
    expect([...first.data, ...next.data].every((u) => u.organizationId === organizationId)).toBe(true);
  });

  it("answers 400 for q shorter than 2, limit over 50 and a forged cursor; 403 for a service", async () => {
    const caller = await createUserWith({});
    const headers = await issuer.headersFor(caller);
    for (const query of ["q=a", "q=ab&limit=51", "q=ab&cursor=forged", ""]) {
      await expectError(await api(`/api/v1/users/search-email?${query}`, { headers }), 400, "INVALID_INPUT");
    }
    const svc = await api("/api/v1/users/search-email?q=ab", {
      headers: serviceHeaders(caller.organizationId!),
    });
    await expectError(svc, 403, "FORBIDDEN");
  });
});

describe("POST /api/v1/users/check-emails", () => {
  const check = (emails: unknown) => post("/api/v1/users/check-emails", { emails }, serviceHeaders());

  it("says which emails belong to a live user, case-insensitively", async () => {
    const user = await createUserWith({});
    const missing = `${crypto.randomUUID()}@example.com`;
    const { data } = await expectData<{ data: { existing: string[]; missing: string[] } }>(
      await check([user.email.toUpperCase(), missing, user.email]),
      200,
    );
    expect(data).toEqual({ existing: [user.email], missing: [missing] });
  });

  it("with an organizationId, counts only that organization's live members", async () => {
    const organizationId = await orgId();
    const member = await createUserWith({ organizationId });
    const outsider = await createUserWith({});
    const { data } = await expectData<{ data: { existing: string[]; missing: string[] } }>(
      await post(
        "/api/v1/users/check-emails",
        { emails: [member.email, outsider.email], organizationId },
        serviceHeaders(),
      ),
      200,
    );
    expect(data).toEqual({ existing: [member.email], missing: [outsider.email] });
  });

  it("accepts 100 emails and refuses 101, an empty list and a non-email (400)", async () => {
    const emails = Array.from({ length: 101 }, (_, i) => `bulk-${i}@example.com`);
    const { data } = await expectData<{ data: { missing: string[] } }>(
      await check(emails.slice(0, 100)),
      200,
    );
    expect(data.missing).toHaveLength(100);
    const body = await expectError(await check(emails), 400, "INVALID_INPUT");
    expect(body.error.details[0]?.path).toBe("body.emails");
    await expectError(await check([]), 400, "INVALID_INPUT");
    await expectError(await check(["not-an-email"]), 400, "INVALID_INPUT");
  });
});
