import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "./context";

/** What an incoming X-Request-Id (or cf-ray) must look like to be taken as the request id. */
export const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

/** Takes X-Request-Id (or cf-ray) when it is a sane token, otherwise makes one; echoes it back. */
export const requestId = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  const incoming = c.req.header("x-request-id") ?? c.req.header("cf-ray");
  const id = incoming && REQUEST_ID_PATTERN.test(incoming) ? incoming : crypto.randomUUID();
  c.set("requestId", id);
  c.header("X-Request-Id", id);
  await next();
  c.res.headers.set("X-Request-Id", id);
};
