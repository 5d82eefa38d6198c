import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    exclude: ["test/browser/**", "node_modules/**"],
    testTimeout: 30000,
    pool: "threads",
    // Each test file gets a temporary folder of its own (see the file).
    setupFiles: ["test/helpers/private-tmp.ts"],
  },
});
