import { createUserRouter } from "../../lib/types";
import * as handlers from "./ownership.handlers";
import * as routes from "./ownership.routes";

export const ownershipRouter = createUserRouter().openapi(routes.transfer, handlers.transfer);
