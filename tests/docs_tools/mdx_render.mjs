// Compile an MDX page with @mdx-js/mdx (MDX 3) and render it with stub components.
// Usage: node mdx_render.mjs PAGE.mdx MDX_PREFIX WORKDIR
// Prints the rendered tree as JSON: {tag|component, props, children}; text as strings.
// The stubs stand in for react/jsx-runtime and every @theme/* import, so the test sees
// exactly what the compiled page renders: which Tabs, which TabItems, which code.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [page, mdxPrefix, work] = process.argv.slice(2);
const mdx = await import(
  pathToFileURL(join(mdxPrefix, "node_modules", "@mdx-js", "mdx", "index.js")).href
);
const compiled = String(await mdx.compile(await readFile(page, "utf8"), { format: "mdx" }));

async function stubPackage(name, files) {
  const dir = join(work, "node_modules", ...name.split("/"));
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, "package.json"), JSON.stringify({ name, type: "module", main: "index.js", exports: Object.fromEntries(Object.keys(files).map((f) => [f === "index.js" ? "." : `./${f.replace(/\.js$/, "")}`, `./${f}`])) }));
  for (const [file, text] of Object.entries(files)) await writeFile(join(dir, file), text);
}
await stubPackage("react", {
  "jsx-runtime.js":
    "export const Fragment = 'Fragment';\n" +
    "export function jsx(type, props) { return { type, props }; }\nexport const jsxs = jsx;\n",
});
for (const [, name] of compiled.matchAll(/from ["']@theme\/([\w-]+)["']/g)) {
  await stubPackage(`@theme/${name}`, {
    "index.js": `export default function ${name}(props) { return { component: "${name}", props }; }\n`,
  });
}
const file = join(work, "page.mjs");
await writeFile(file, compiled);
const { default: MDXContent } = await import(pathToFileURL(file).href);

function walk(node) {
  if (node === null || node === undefined || typeof node === "boolean") return [];
  if (typeof node === "string" || typeof node === "number") return [String(node)];
  if (Array.isArray(node)) return node.flatMap(walk);
  if (typeof node.type === "function") return walk(node.type(node.props));
  const { children, ...props } = node.props ?? {};
  const kids = walk(children);
  if (node.component) return [{ component: node.component, props, children: kids }];
  if (node.type === "Fragment") return kids;
  return [{ tag: node.type, props, children: kids }];
}
process.stdout.write(JSON.stringify(walk(MDXContent({}))));
