// Open a built MkDocs Material page in Debian's headless Chromium (driven by playwright-core)
// and report what a reader sees, as JSON, for the test to judge.
// Usage: node browser_check.mjs PLAYWRIGHT_PREFIX BASE_URL USER_DATA_DIR
// Reports: the first tab set's labels; per label, the code visible after clicking it; the
// text the copy button put on the clipboard (for the last tab's first block); and the
// label selected on a second page after choosing one here (linked tabs).
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [prefix, base, userDataDir] = process.argv.slice(2);
const { chromium } = await import(
  pathToFileURL(join(prefix, "node_modules", "playwright-core", "index.mjs")).href
);
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: "/usr/bin/chromium",
  headless: true,
  args: [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
  ],
});
const report = {};
try {
  // Nothing leaves the machine: fonts and scripts from elsewhere are refused.
  await context.route("**/*", (route) =>
    route.request().url().startsWith(base) ? route.continue() : route.abort(),
  );
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: base });
  const page = await context.newPage();
  await page.goto(`${base}/`, { waitUntil: "load" });
  const set = page.locator(".tabbed-set").first();
  const labels = set.locator(":scope > .tabbed-labels > label");
  report.labels = await labels.allInnerTexts();
  report.visible = {};
  for (let i = 0; i < report.labels.length; i++) {
    await labels.nth(i).click();
    const codes = set.locator(":scope > .tabbed-content > .tabbed-block pre > code");
    const shown = [];
    for (let j = 0; j < (await codes.count()); j++) {
      if (await codes.nth(j).isVisible()) shown.push(await codes.nth(j).innerText());
    }
    report.visible[report.labels[i]] = shown;
  }
  // The last tab is selected now: copy its first block with Material's copy button.
  const block = set.locator(":scope > .tabbed-content > .tabbed-block").last().locator("pre").first();
  await block.hover();
  await block.locator('button[data-md-type="copy"]').click();
  report.copied = await page.evaluate(() => navigator.clipboard.readText());
  report.chosen = report.labels[report.labels.length - 1];
  await page.goto(`${base}/second/`, { waitUntil: "load" });
  const second = page.locator(".tabbed-set").first();
  report.second_labels = await second.locator(":scope > .tabbed-labels > label").allInnerTexts();
  report.second_selected = await second.evaluate((el) => {
    const checked = el.querySelector(":scope > input:checked");
    return el.querySelector(`:scope > .tabbed-labels > label[for="${checked.id}"]`).innerText;
  });
} finally {
  await context.close();
}
process.stdout.write(JSON.stringify(report));
