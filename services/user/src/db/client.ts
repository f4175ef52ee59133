import { perObject } from "@svc/platform";
import { drizzle } from "drizzle-orm/d1";
import * as schema from "./schema";

/** One drizzle instance per D1 binding per isolate: building one compiles the schema's relations. */
export const createDb = perObject((d1: D1Database) => drizzle(d1, { schema, casing: "snake_case" }));
export type Db = ReturnType<typeof createDb>;
