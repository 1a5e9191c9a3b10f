// openapi-snippet (pinned; Kong's httpsnippet 2 underneath), the peer that renders from an
// OpenAPI document, in two modes for bench/documents.py.
//
//   node bench/openapi_peer.mjs <module_dir> process <doc.json> <ops.json> <out_dir>
//     The whole job as one process, as a docs build would run it: read and parse the
//     document, then for every operation of ops.json ([[path, method], ...]) render the
//     snippets of every target in ops.json's "targets" and write each into out_dir
//     (one file per operation and target, like samplegen's output folder).
//
//   node bench/openapi_peer.mjs <module_dir> serve
//     A long-lived, warm process: one JSON command per line on stdin, one JSON answer per
//     line on stdout, so bench/documents.py can interleave its rounds with samplegen's:
//       {"cmd": "setup", "doc": "doc.json", "ops": [[path, method], ...], "targets": [...]}
//         -> {"version": "0.14.0", "node": "v20...", "bytes": N, "snippets": N, "failed": N}
//       {"cmd": "round", "iterations": N}
//         -> {"us_per_op": wall, "cpu_us_per_op": cpu}  (N passes over every operation)
//       {"cmd": "quit"}
import { createRequire } from "node:module";
import { join } from "node:path";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { performance } from "node:perf_hooks";

const [moduleDir, mode, ...rest] = process.argv.slice(2);
const require = createRequire(join(moduleDir, "package.json"));
const OpenAPISnippet = require("openapi-snippet");

let doc = null;
let ops = [];
let targets = [];
let sink = 0; // keeps the results alive so no engine can drop the work

function snippets(path, method) {
  return OpenAPISnippet.getEndpointSnippets(doc, path, method, targets).snippets;
}

if (mode === "process") {
  const [docPath, opsPath, outDir] = rest;
  doc = JSON.parse(readFileSync(docPath, "utf8"));
  ({ ops, targets } = JSON.parse(readFileSync(opsPath, "utf8")));
  ops.forEach(([path, method], i) => {
    const folder = join(outDir, String(i));
    mkdirSync(folder, { recursive: true });
    let made = [];
    try {
      made = snippets(path, method);
    } catch {
      // an operation the peer cannot render: nothing written (as in serve's setup)
    }
    for (const snippet of made) writeFileSync(join(folder, snippet.id), snippet.content);
  });
} else if (mode === "serve") {
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) {
    const command = JSON.parse(line);
    let answer;
    try {
      if (command.cmd === "setup") answer = setup(command);
      else if (command.cmd === "round") answer = round(command.iterations);
      else if (command.cmd === "quit") break;
      else answer = { error: `unknown command ${command.cmd}` };
    } catch (err) {
      answer = { error: String(err && err.stack ? err.stack : err) };
    }
    process.stdout.write(JSON.stringify(answer) + "\n");
  }
  process.stderr.write(sink > 0 ? "" : "no work was done\n");
} else {
  process.stderr.write("usage: openapi_peer.mjs <module_dir> process|serve ...\n");
  process.exit(2);
}

function setup(command) {
  doc = JSON.parse(readFileSync(command.doc, "utf8"));
  targets = command.targets;
  ops = [];
  let bytes = 0;
  let count = 0;
  let failed = 0;
  for (const [path, method] of command.ops) {
    try {
      for (const snippet of snippets(path, method)) {
        bytes += Buffer.byteLength(snippet.content, "utf8");
        count += 1;
      }
      ops.push([path, method]);
    } catch {
      failed += 1; // an operation the peer cannot render is left out of the rounds
    }
  }
  const version = require("openapi-snippet/package.json").version;
  return { version, node: process.version, bytes, snippets: count, ops: ops.length, failed };
}

function round(iterations) {
  const cpu = process.cpuUsage();
  const start = performance.now();
  for (let i = 0; i < iterations; i++) {
    for (const [path, method] of ops) {
      for (const snippet of snippets(path, method)) sink += snippet.content.length;
    }
  }
  const elapsedMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  const done = iterations * ops.length;
  return {
    us_per_op: (elapsedMs * 1000) / done,
    cpu_us_per_op: (used.user + used.system) / done,
  };
}
