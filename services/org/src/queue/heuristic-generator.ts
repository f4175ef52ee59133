import type { ContextData } from "../core/context.schemas";
import type { GeneratorInput } from "./generator-input";

export const HEURISTIC_MODEL = "local-heuristic-v1";

const STOPWORDS = new Set(
  "a an and are as at be by for from has have in into is it its of on or our that the their this to we with you your".split(
    " ",
  ),
);

const INDUSTRIES: [string, RegExp][] = [
  ["Software", /\b(software|saas|app|apps|platform|cloud|api|developer|data)\b/],
  ["E-commerce", /\b(shop|store|ecommerce|e-commerce|retail|cart|products?)\b/],
  ["Finance", /\b(bank|finance|financial|payments?|invoice|accounting|insurance)\b/],
  ["Healthcare", /\b(health|clinic|medical|care|patients?|wellness)\b/],
  ["Education", /\b(school|course|courses|learning|education|training|students?)\b/],
  ["Professional services", /\b(consulting|agency|law|legal|services?|studio)\b/],
];

const words = (text: string) =>
  text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 2 && !STOPWORDS.has(w));

const firstSentence = (text: string) => text.split(/(?<=[.!?])\s/)[0]?.trim() ?? "";

/**
 * A deterministic stand-in for Workers AI when no AI binding exists (local dev without an
 * account). It only restates the organization's own fields and catalog, and its output is stored
 * as `heuristic_summary` so nobody mistakes it for a model's analysis.
 */
export function heuristicContext({ organization, settings, catalog }: GeneratorInput): ContextData {
  const name = settings?.platformName || organization.name;
  const description = organization.description?.trim() ?? "";
  const corpus = [organization.name, description, ...catalog.flatMap((p) => [p.name, p.description])].join(
    " ",
  );
  const tokens = words(corpus);
  const lower = tokens.join(" ");

  const counts = new Map<string, number>();
  for (const token of tokens) counts.set(token, (counts.get(token) ?? 0) + 1);
  const keywords = [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, 10)
    .map(([word]) => word);

  const offerings = catalog.slice(0, 25).map((p) => ({
    name: p.name.slice(0, 200),
    description: p.description.slice(0, 1000),
  }));
  const industry = INDUSTRIES.find(([, pattern]) => pattern.test(lower))?.[0] ?? "General";
  const audiences = organization.kind === "personal" ? ["Individuals"] : ["Businesses"];
  const summary = description
    ? `${name}: ${firstSentence(description)}`.slice(0, 2000)
    : `${name} is a ${industry.toLowerCase()} organization${catalog.length ? ` offering ${catalog.length} products` : ""}.`;

  return {
    summary,
    industry,
    offerings,
    audiences,
    valueProposition: (firstSentence(description) || `${name} serves ${audiences[0]!.toLowerCase()}.`).slice(
      0,
      1000,
    ),
    tone: "neutral",
    keywords: keywords.length > 0 ? keywords : [name.toLowerCase().slice(0, 60)],
  };
}
