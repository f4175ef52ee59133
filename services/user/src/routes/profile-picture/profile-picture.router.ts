import { createUserRouter } from "../../lib/types";
import * as handlers from "./profile-picture.handlers";
import * as routes from "./profile-picture.routes";

export const profilePictureRouter = createUserRouter()
  .openapi(routes.upload, handlers.upload)
  .openapi(routes.remove, handlers.remove);
