import { describe, expect, it } from "vitest";
import { emailDomain, normalizeDomain } from "./domains.normalize";

describe("normalizeDomain", () => {
  it.each([
    ["acme.com", "acme.com"],
    ["ACME.Com", "acme.com"],
    ["  acme.com  ", "acme.com"],
    ["acme.com.", "acme.com"],
    ["eng.acme.com", "eng.acme.com"],
    ["acme.co.uk", "acme.co.uk"],
    ["bücher.de", "xn--bcher-kva.de"],
    ["BÜCHER.de.", "xn--bcher-kva.de"],
    ["xn--bcher-kva.de", "xn--bcher-kva.de"],
    ["例え.jp", "xn--r8jz45g.jp"],
    // Private suffixes are not refused (ICANN list only); their owner alone can publish the record.
    ["github.io", "github.io"],
  ])("%s → %s", (input, expected) => {
    expect(normalizeDomain(input)).toEqual({ domain: expected });
  });

  it.each([
    ["", "invalid"],
    [".", "invalid"],
    ["acme", "public_suffix"],
    ["com", "public_suffix"],
    ["co.uk", "public_suffix"],
    ["COM.", "public_suffix"],
    ["127.0.0.1", "ip_literal"],
    ["10.0.0.1.", "ip_literal"],
    ["0x7f.1", "ip_literal"],
    ["[::1]", "ip_literal"],
    ["2001:db8::1", "ip_literal"],
    ["localhost", "localhost"],
    ["app.localhost", "localhost"],
    ["gmail.com", "free_mail"],
    ["Outlook.com", "free_mail"],
    ["mail.yahoo.com", "free_mail"],
    ["acme.com/path", "invalid"],
    ["user@acme.com", "invalid"],
    ["acme .com", "invalid"],
    ["-acme.com", "invalid"],
    ["acme_corp.com", "invalid"],
    [`${"a".repeat(64)}.com`, "invalid"],
    [`${"a.".repeat(130)}com`, "invalid"],
  ])("refuses %j as %s", (input, reason) => {
    expect(normalizeDomain(input)).toEqual({ rejected: reason });
  });

  it("takes an email's domain, or null when no organization could own it", () => {
    expect(emailDomain("Ada@ACME.com")).toBe("acme.com");
    expect(emailDomain("ada@gmail.com")).toBeNull();
    expect(emailDomain("no-at-sign")).toBeNull();
  });
});
