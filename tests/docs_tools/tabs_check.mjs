// Open a built docs page in Debian's headless Chromium (driven by playwright-core) and report,
// as JSON, what a reader sees of its first language tab set: the tab labels, and for each tab
// (after a click on it) the code blocks now visible, each with its text and the highlighting
// token classes it carries. Plain Markdown has no tabs: each captioned block is reported.
// Usage: node tabs_check.mjs PLAYWRIGHT_PREFIX URL SYSTEM USER_DATA_DIR
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [prefix, url, system, userDataDir] = process.argv.slice(2);
const { chromium } = await import(
  pathToFileURL(join(prefix, "node_modules", "playwright-core", "index.mjs")).href
);

// Per docs system: the tab set, its labels, and the code blocks inside it.
const SELECTORS = {
  mkdocs: { set: ".tabbed-set", label: ":scope > .tabbed-labels > label", code: "pre > code" },
  docusaurus: { set: ".tabs-container", label: "[role=tab]", code: "pre.prism-code" },
  sphinx: { set: ".sd-tab-set", label: ":scope > label.sd-tab-label", code: "div.highlight > pre" },
  myst: { set: ".sd-tab-set", label: ":scope > label.sd-tab-label", code: "div.highlight > pre" },
};

// The highlighting classes of a block: Pygments' short classes (k, s2, nf...), Prism's
// "token keyword" (not the "token-line" wrapper, not "plain").
function tokens(element) {
  const found = new Set();
  for (const span of element.querySelectorAll("span[class]")) {
    for (const name of span.classList) {
      if (["token", "token-line", "plain", "linenos", "filename"].includes(name)) continue;
      if (span.textContent.trim()) found.add(name);
    }
  }
  return [...found].sort();
}

const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: "/usr/bin/chromium",
  headless: true,
  args: [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
  ],
});
const report = { tabs: [] };
try {
  const origin = new URL(url).origin;
  // Nothing leaves the machine: fonts and scripts from elsewhere are refused.
  await context.route("**/*", (route) =>
    route.request().url().startsWith(origin) ? route.continue() : route.abort(),
  );
  const page = await context.newPage();
  await page.goto(url, { waitUntil: "load" });
  if (system === "markdown") {
    report.tabs = await page.evaluate((source) => {
      const tokensOf = new Function(`return ${source}`)();
      return [...document.querySelectorAll("p > strong")].map((caption) => {
        const block = caption.parentElement.nextElementSibling;
        const code = block ? block.querySelector("code") ?? block : null;
        return {
          label: caption.textContent.replace(/ \(.*\)$/, ""),
          caption: caption.textContent,
          codes: code ? [{ text: code.innerText, tokens: tokensOf(code) }] : [],
        };
      });
    }, tokens.toString());
  } else {
    const chosen = SELECTORS[system];
    const set = page.locator(chosen.set).first();
    const labels = set.locator(chosen.label);
    report.labels = await labels.allInnerTexts();
    for (let i = 0; i < report.labels.length; i++) {
      await labels.nth(i).click();
      await page.waitForTimeout(50);
      const codes = set.locator(chosen.code);
      const shown = [];
      for (let j = 0; j < (await codes.count()); j++) {
        const code = codes.nth(j);
        if (!(await code.isVisible())) continue;
        shown.push({
          // Prism renders each line as a block holding a <br>: read its lines' text.
          text: await code.evaluate((el) => {
            const lines = el.querySelectorAll(".token-line");
            return lines.length ? [...lines].map((l) => l.textContent).join("\n") : el.innerText;
          }),
          tokens: await code.evaluate((el, source) => new Function(`return ${source}`)()(el), tokens.toString()),
        });
      }
      report.tabs.push({ label: report.labels[i].trim(), codes: shown });
    }
  }
} finally {
  await context.close();
}
process.stdout.write(JSON.stringify(report));
