import { type CallSource, createServiceCaller } from "@svc/platform";
import { z } from "zod";

const ProductsSchema = z.object({
  data: z.array(z.object({ name: z.string(), description: z.string().nullish() }).loose()),
});
export type Product = { name: string; description: string };

const MAX_PRODUCTS = 50;

/**
 * The organization's product catalog from the product service, when one is configured.
 * Network errors and 5xx throw (the message is retried); an unconfigured service means no catalog.
 */
export async function fetchCatalog(
  source: CallSource & { env: OrgEnv },
  organizationId: string,
): Promise<Product[]> {
  if (!source.env.PRODUCT_SERVICE_URL) return [];
  const call = createServiceCaller(source, {
    name: "product service",
    baseUrl: source.env.PRODUCT_SERVICE_URL,
    timeoutMs: 10_000,
  });
  const res = await call("GET", "/api/v1/products", {
    organizationId,
    query: { organizationId, limit: MAX_PRODUCTS },
  });
  if (res.status === 404) return [];
  const parsed = ProductsSchema.safeParse(res.body);
  if (res.status !== 200 || !parsed.success)
    throw new Error(`product service answered ${res.status} with an unexpected body`);
  return parsed.data.data
    .slice(0, MAX_PRODUCTS)
    .map((p) => ({ name: p.name, description: p.description ?? "" }));
}
