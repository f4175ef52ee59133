import { describe, expect, it } from "vitest";
import { ContextDataSchema } from "../core/context.schemas";
import { heuristicContext } from "./heuristic-generator";

const input = {
  organization: {
    name: "Acme Cloud",
    description: "Acme Cloud hosts software for bakeries. Ovens included.",
    websiteUrl: "https://acme.example",
    kind: "business" as const,
  },
  settings: { platformName: "Acme", contactUrl: null },
  catalog: [
    { name: "Oven API", description: "Bake over HTTP" },
    { name: "Dough analytics", description: "Software insights for dough" },
  ],
};

describe("heuristicContext", () => {
  it("fills the same schema the model must fill, from the organization's own data", () => {
    const data = heuristicContext(input);
    expect(ContextDataSchema.parse(data)).toEqual(data);
    expect(data).toMatchObject({
      summary: "Acme: Acme Cloud hosts software for bakeries.",
      industry: "Software",
      offerings: [
        { name: "Oven API", description: "Bake over HTTP" },
        { name: "Dough analytics", description: "Software insights for dough" },
      ],
      audiences: ["Businesses"],
      valueProposition: "Acme Cloud hosts software for bakeries.",
      tone: "neutral",
    });
    expect(data.keywords.slice(0, 4)).toEqual(["acme", "cloud", "dough", "software"]);
  });

  it("is deterministic", () => {
    expect(heuristicContext(input)).toEqual(heuristicContext(structuredClone(input)));
  });

  it("still produces a valid context for an organization with nothing but a name", () => {
    const data = heuristicContext({
      organization: { name: "Zed", description: null, websiteUrl: null, kind: "personal" },
      settings: null,
      catalog: [],
    });
    expect(ContextDataSchema.parse(data)).toEqual(data);
    expect(data).toMatchObject({
      industry: "General",
      audiences: ["Individuals"],
      keywords: ["zed"],
      offerings: [],
    });
  });
});
