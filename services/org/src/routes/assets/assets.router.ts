import { assetRoute, serveAsset } from "@svc/platform";
import { createOrgRouter } from "../../lib/types";

/** Keys hold slashes, which a `{key}` path parameter cannot, so the route is documented and matched apart. */
export const assetsRouter = createOrgRouter();
assetsRouter.openAPIRegistry.registerPath(assetRoute("getOrganizationAsset"));
assetsRouter.get("/assets/*", (c) => serveAsset(c, c.env.R2_BUCKET));
