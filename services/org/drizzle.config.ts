import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "sqlite",
  schema: "./services/org/src/db/schema.ts",
  out: "./migrations/org",
  casing: "snake_case",
});
