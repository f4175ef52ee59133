import { describe, expect, it } from "vitest";
import { findSecret, randomToken, safeEqual, secretFingerprint, sha256Hex } from "./crypto";

describe("safeEqual", () => {
  it("is true only for identical strings, whatever their lengths", () => {
    expect(safeEqual("secret-key", "secret-key")).toBe(true);
    expect(safeEqual("secret-key", "secret-kez")).toBe(false);
    expect(safeEqual("secret-key", "secret-key-longer")).toBe(false);
    expect(safeEqual("secret-key-longer", "secret-key")).toBe(false);
    expect(safeEqual("", "x")).toBe(false);
    expect(safeEqual("", "")).toBe(true);
  });

  it("compares bytes, not UTF-16 units", () => {
    expect(safeEqual("clé", "cle\u0301")).toBe(false);
    expect(safeEqual("clé", "clé")).toBe(true);
  });
});

describe("findSecret", () => {
  it("finds the matching key in a rotation list", () => {
    expect(findSecret("new", ["old", "new"])).toBe("new");
    expect(findSecret("old", ["old", "new"])).toBe("old");
    expect(findSecret("other", ["old", "new"])).toBeUndefined();
    expect(findSecret("ol", ["old", "new"])).toBeUndefined();
    expect(findSecret("x", [])).toBeUndefined();
  });

  it("gives each configured secret a stable fingerprint that is not the secret", async () => {
    const a = await secretFingerprint("key-a");
    expect(a).toMatch(/^[0-9a-f]{12}$/);
    expect(await secretFingerprint("key-a")).toBe(a);
    expect(await secretFingerprint("key-b")).not.toBe(a);
  });
});

describe("sha256Hex and randomToken", () => {
  it("hashes to the known SHA-256 digest", async () => {
    expect(await sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("makes url-safe tokens of the requested entropy that do not repeat", () => {
    const a = randomToken(32);
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(randomToken(32)).not.toBe(a);
  });
});
