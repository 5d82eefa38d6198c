// The audit HTML report in a real headless browser (Debian's /usr/bin/chromium via playwright-core):
// opened from disk, charts drawn, filter / search / sort working, hostile names inert, no network.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { sheetsToXlsx } from "../helpers/convert-fixture.js";
import { ROOT, SEED } from "../helpers/fixtures.js";
import { tempDir } from "../helpers/temp.js";

const CHROMIUM = "/usr/bin/chromium";

let browser: Browser;
let page: Page;
const dialogs: string[] = [];
const requests: string[] = [];
const pageErrors: string[] = [];

/** The file paths of the table rows, as shown. */
async function shownPaths(): Promise<string[]> {
  return page.locator("#pt-rows td.path").allTextContents();
}

beforeAll(async () => {
  const dir = tempDir("perftable-html-");
  const report = join(dir, "audit.html");
  const r = await runCli(["audit", "fixtures/audit", "-f", "html", "-o", report], { cwd: ROOT });
  expect(r.code).toBe(1);
  expect(readFileSync(report, "utf8")).toContain("</html>");

  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
  page = await context.newPage();
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on("request", (request) => requests.push(request.url()));
  page.on("pageerror", (error) => pageErrors.push(error.message));
  await page.goto(pathToFileURL(report).href, { waitUntil: "load" });
});

afterAll(async () => {
  await browser?.close();
});

describe("the audit HTML report in chromium", () => {
  it("renders the charts as SVG bars with a real size", async () => {
    const charts = page.locator("svg.chart");
    expect(await charts.count()).toBe(4);
    for (let i = 0; i < 4; i++) {
      const bars = charts.nth(i).locator("rect");
      expect(await bars.count()).toBeGreaterThan(0);
      const box = await bars.first().boundingBox();
      expect(box!.width).toBeGreaterThan(1);
      expect(box!.height).toBeGreaterThan(1);
    }
    // Money by department: the finance bureau (two tables) has the longest bar.
    const widths = await page.locator("svg.chart").first().locator("rect").evaluateAll((rects) => rects.map((r) => r.getBoundingClientRect().width));
    expect(widths[0]).toBe(Math.max(...widths));
  });

  it("lists every file and shows the overview", async () => {
    expect(await shownPaths()).toHaveLength(9);
    await expect.poll(() => page.locator("#pt-count").textContent()).toBe("9 of 9 files");
    expect(await page.locator(".verdict").textContent()).toBe("✖ 4 of 9 files fail");
    expect(await page.locator(".cards .card").first().locator(".v").textContent()).toBe("9");
  });

  it("hides passing files with the failing-only filter", async () => {
    await page.locator("#pt-failing").check();
    expect(await shownPaths()).toEqual([
      "fixtures/audit/dept-finance/finance-bureau-rollup-broken.txt",
      "fixtures/audit/unreadable/binary.txt",
      "fixtures/audit/unreadable/empty.txt",
      "fixtures/audit/unreadable/meeting-notes.txt",
    ]);
    expect(await page.locator("#pt-count").textContent()).toBe("4 of 9 files");
    await page.locator("#pt-failing").uncheck();
    expect(await shownPaths()).toHaveLength(9);
  });

  it("filters with the search box (paths, departments, projects)", async () => {
    await page.locator("#pt-search").fill("体育局");
    expect(await shownPaths()).toEqual(["fixtures/audit/dept-sports/sports-bureau-in-yuan.txt", "fixtures/audit/dept-sports/sports-bureau.txt"]);
    await page.locator("#pt-search").fill("onerror");
    expect(await shownPaths()).toEqual(["fixtures/audit/hostile/img-project-name.txt"]);
    await page.locator("#pt-search").fill("no such thing");
    expect(await shownPaths()).toEqual([]);
    expect(await page.locator("#pt-rows td.empty").textContent()).toBe("No file matches.");
    await page.locator("#pt-search").fill("");
    expect(await shownPaths()).toHaveLength(9);
  });

  it("sorts by a column, both ways", async () => {
    const header = page.locator('th[data-key="errors"] button');
    await header.click();
    const errors = () => page.locator("#pt-rows tr").evaluateAll((rows) => rows.map((r) => Number(r.children[7]!.textContent)));
    expect(await errors()).toEqual([2, 1, 1, 1, 0, 0, 0, 0, 0]);
    expect(await page.locator('th[data-key="errors"]').getAttribute("aria-sort")).toBe("descending");
    await header.click();
    expect(await errors()).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 2]);
    await page.locator('th[data-key="projects"] button').click();
    const projects = await page.locator("#pt-rows tr").evaluateAll((rows) => rows.map((r) => Number(r.children[4]!.textContent)));
    expect(projects).toEqual([...projects].sort((a, b) => b - a));
    expect(projects[0]).toBe(13);
    await page.locator('th[data-key="path"] button').click();
    expect((await shownPaths())[0]).toBe("fixtures/audit/dept-finance/finance-bureau-rollup-broken.txt");
  });

  it("sorts by department (the file data has departments, not department)", async () => {
    await page.locator('th[data-key="department"] button').click();
    expect(await page.locator('th[data-key="department"]').getAttribute("aria-sort")).toBe("ascending");
    const departments = () => page.locator("#pt-rows tr:not(.status-unreadable)").evaluateAll((rows) => rows.map((r) => r.children[2]!.textContent!));
    const ascending = await departments();
    const collator = new Intl.Collator("en", { numeric: true });
    expect(ascending).toEqual([...ascending].sort(collator.compare));
    expect(new Set(ascending).size).toBeGreaterThan(1);
    expect(ascending[0]).toBe("<b>广州开发区测试局</b>（部门）");
    await page.locator('th[data-key="department"] button').click();
    expect(await departments()).toEqual([...ascending].reverse());
    await page.locator('th[data-key="path"] button').click();
  });

  it("shows hostile project names as text and never runs them", async () => {
    await page.locator("a", { hasText: "fixtures/audit/hostile/script-project-name.txt" }).click();
    const details = page.locator("details#pt-file-5");
    expect(await details.getAttribute("open")).not.toBeNull();
    const where = details.locator(".where").first();
    await expect.poll(() => where.isVisible()).toBe(true);
    expect(await where.textContent()).toBe("<script>alert(1)</script>");
    expect(await details.locator("code").first().textContent()).toBe("<script>alert(1)</script>");
    await page.locator("details#pt-file-4 > summary").click();
    expect(await page.locator("details#pt-file-4 code").first().textContent()).toBe("<img src=x onerror=alert(1)>");
    // Nothing was injected: no element from table text, no dialog, no script error.
    expect(await page.locator("img").count()).toBe(0);
    expect(await page.locator("b", { hasText: "测试局" }).count()).toBe(0);
    expect(await page.locator("#pt-rows td", { hasText: "<b>广州开发区测试局</b>（部门）" }).count()).toBe(1);
    expect(await page.locator("script").count()).toBe(3);
    expect(dialogs).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it("requests nothing but the file itself", () => {
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((url) => !url.startsWith("file://") && !url.startsWith("data:"))).toEqual([]);
  });

  it("saves a screenshot", async () => {
    mkdirSync(join(ROOT, "test-results"), { recursive: true });
    await page.locator("#pt-failing").uncheck();
    await page.mouse.wheel(0, -100000);
    await page.screenshot({ path: join(ROOT, "test-results/audit-report.png"), fullPage: true });
    expect(readFileSync(join(ROOT, "test-results/audit-report.png")).subarray(1, 4).toString()).toBe("PNG");
  });
});

describe("a workbook with a sheet whose table could not be read", () => {
  it("shows the departments of the sheets read, and why under them", async () => {
    const dir = tempDir("perftable-html-sheet-");
    const book = join(dir, "departments.xlsx");
    const notes = Array.from({ length: 1001 }, (_, i) => `填报口径说明第${i + 1}条`).join("\n");
    writeFileSync(book, await sheetsToXlsx([["金融工作局", SEED], ["附表", `${notes}\n${SEED}`]]));
    // Both files in one folder: the rows' order follows the paths, and the
    // fixtures folder sorts before or after the temporary folder depending on
    // where the clone is.
    const empty = join(dir, "empty.txt");
    copyFileSync(join(ROOT, "fixtures/audit/unreadable/empty.txt"), empty);
    const report = join(dir, "audit.html");
    expect((await runCli(["audit", book, empty, "-f", "html", "--lang", "en", "-o", report])).code).toBe(1);
    const sheetPage = await browser.newPage();
    await sheetPage.goto(pathToFileURL(report).href, { waitUntil: "load" });
    const cells = sheetPage.locator("#pt-rows tr");
    expect(await cells.evaluateAll((rows) => rows.map((r) => r.className))).toEqual(["status-unreadable", "status-unreadable"]);
    const department = cells.nth(0).locator("td").nth(2);
    expect(await department.evaluate((td) => td.firstChild!.textContent)).toBe("广州开发区金融工作局（部门）");
    expect(await department.locator(".reason").textContent()).toMatch(/^no performance table read on sheet 附表: /);
    // A file with nothing read: the reason alone, as before.
    expect(await cells.nth(1).locator("td").nth(2).textContent()).toBe(await cells.nth(1).locator("td .reason").textContent());
    await sheetPage.close();
  });
});
