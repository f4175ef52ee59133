import { describe, expect, it } from "vitest";
import { FreeText, NameText } from "./text";

const name = NameText(255);
const text = FreeText(5000);

describe("NameText and FreeText", () => {
  it("normalise to NFC (a decomposed é is stored composed) and trim names", () => {
    expect(name.parse("  Cafe\u0301 ")).toBe("Caf\u00e9");
    expect(text.parse("Cafe\u0301")).toBe("Caf\u00e9");
  });

  it.each([
    ["NUL", "a\u0000b"],
    ["ESC sequence", "a\u001b[31mred"],
    ["newline", "a\nb"],
    ["DEL", "a\u007fb"],
    ["C1 CSI", "a\u009bb"],
  ])("reject a C0/C1 control (%s) in names and free text", (_, value) => {
    expect(name.safeParse(value).success).toBe(false);
    expect(text.safeParse(value).success).toBe(false);
  });

  it.each([
    ["RLO", "evil\u202Egpj.exe"],
    ["LRE", "a\u202Ab"],
    ["RLI isolate", "a\u2067b"],
    ["PDI", "a\u2069b"],
  ])("reject a bidi override or isolate (%s) in names and free text", (_, value) => {
    expect(name.safeParse(value).success).toBe(false);
    expect(text.safeParse(value).success).toBe(false);
  });

  it("keep ordinary right-to-left text and the implicit marks", () => {
    expect(name.parse("شركة أكمي")).toBe("شركة أكمي");
    expect(text.parse("Acme \u200fשלום\u200e")).toBe("Acme \u200fשלום\u200e");
  });

  it("say which rule failed", () => {
    const result = name.safeParse("a\u202Eb");
    expect(result.error?.issues[0]?.message).toMatch(/bidirectional/);
  });
});
