// Browser tests (test/browser/): the HTML report driven in Debian's chromium by playwright-core.
// Run with `npm run test:browser`; plain `npm test` excludes them so it needs no browser.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/browser/**/*.browser.test.ts"],
    testTimeout: 60000,
    hookTimeout: 60000,
    pool: "forks",
  },
});
