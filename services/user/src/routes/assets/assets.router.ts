import { assetRoute, serveAsset } from "@svc/platform";
import { createUserRouter } from "../../lib/types";

/** Keys hold slashes, which a `{key}` path parameter cannot, so the route is documented and matched apart. */
export const assetsRouter = createUserRouter();
assetsRouter.openAPIRegistry.registerPath(assetRoute("getUserAsset"));
assetsRouter.get("/assets/*", (c) => serveAsset(c, c.env.R2_BUCKET));
