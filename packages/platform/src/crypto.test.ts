import { describe, expect, it } from "vitest";
import { findSecret, randomToken, safeEqual, sha256Hex } from "./crypto";

describe("safeEqual", () => {
  it("is true only for identical strings, whatever their lengths", async () => {
    expect(await safeEqual("secret-key", "secret-key")).toBe(true);
    expect(await safeEqual("secret-key", "secret-kez")).toBe(false);
    expect(await safeEqual("secret-key", "secret-key-longer")).toBe(false);
    expect(await safeEqual("", "x")).toBe(false);
  });
});

describe("findSecret", () => {
  it("finds the matching key in a rotation list", async () => {
    expect(await findSecret("new", ["old", "new"])).toBe("new");
    expect(await findSecret("old", ["old", "new"])).toBe("old");
    expect(await findSecret("other", ["old", "new"])).toBeUndefined();
    expect(await findSecret("x", [])).toBeUndefined();
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
