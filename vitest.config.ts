import { defineConfig } from "vitest/config";
import { projects } from "./vitest.workspace.ts";

export default defineConfig({
  test: {
    // Request log lines are printed only for failing tests.
    silent: "passed-only",
    projects,
  },
});
