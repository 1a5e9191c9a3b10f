// Times httpsnippet's snippet generation for one HAR request and a list of targets.
//
// Usage: node bench/httpsnippet_bench.mjs <config.json>
// The config holds {har, targets: [[target, client], ...], warmup, reps, iterations,
// module_dir}; module_dir is the folder whose node_modules holds the pinned httpsnippet
// (bench/run.py installs it into .cache/bench-node). Prints one JSON object on stdout.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { performance } from "node:perf_hooks";

const config = JSON.parse(readFileSync(process.argv[2], "utf8"));
const require = createRequire(join(config.module_dir, "package.json"));
const { HTTPSnippet } = require("httpsnippet");
const version = require("httpsnippet/package.json").version;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

// Microseconds per snippet for `iterations` passes over every target, `reps` times.
function measure(makeSnippet) {
  const perSnippet = [];
  for (let rep = 0; rep < config.reps; rep++) {
    const start = performance.now();
    for (let i = 0; i < config.iterations; i++) {
      for (const [target, client] of config.targets) {
        const out = makeSnippet().convert(target, client);
        if (typeof out !== "string" || out.length === 0) {
          throw new Error(`httpsnippet produced no ${target}/${client} snippet`);
        }
      }
    }
    const elapsedMs = performance.now() - start;
    perSnippet.push((elapsedMs * 1000) / (config.iterations * config.targets.length));
  }
  return { median_us: median(perSnippet), runs_us: perSnippet };
}

const shared = new HTTPSnippet(config.har);
for (let i = 0; i < config.warmup; i++) {
  for (const [target, client] of config.targets) {
    shared.convert(target, client);
    new HTTPSnippet(config.har).convert(target, client);
  }
}

const convertOnly = measure(() => shared);
const withParse = measure(() => new HTTPSnippet(config.har));
const sizes = Object.fromEntries(
  config.targets.map(([t, c]) => [`${t}/${c}`, shared.convert(t, c).length]),
);

process.stdout.write(
  JSON.stringify({
    version,
    node: process.version,
    convert: convertOnly,
    construct_and_convert: withParse,
    snippet_chars: sizes,
  }) + "\n",
);
