import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "sqlite",
  schema: "./services/user/src/db/schema.ts",
  out: "./migrations/user",
  casing: "snake_case",
});
