// The peers make bench times samplegen against, as one long-lived, warm Node process.
//
// Usage: node bench/peers.mjs <module_dir>
// module_dir holds the node_modules with the pinned httpsnippet and @scalar/snippetz
// (bench/run.py installs them into .cache/bench-node). The process reads one JSON command
// per line on stdin and answers one JSON line on stdout, so bench/run.py can interleave
// the peers' rounds with its own while Node's JIT stays warm:
//
//   {"cmd": "setup", "har": {...}, "targets": [["python", "requests"], ...]}
//     -> {"versions": {...}, "node": "v20...", "bytes": {"httpsnippet": N, "snippetz": N}}
//   {"cmd": "round", "peer": "httpsnippet" | "snippetz", "iterations": N}
//     -> {"us_per_snippet": wall, "cpu_us_per_snippet": cpu}
//        (N passes over every target, timed as one block: wall clock, and the CPU time of
//        this process from process.cpuUsage(), which a wait for a busy core does not count)
//   {"cmd": "quit"}
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { createInterface } from "node:readline";
import { performance } from "node:perf_hooks";

const moduleDir = process.argv[2];
const require = createRequire(join(moduleDir, "package.json"));
const { HTTPSnippet } = require("httpsnippet");
const snippetzEntry = require.resolve("@scalar/snippetz");
const { snippetz } = await import(pathToFileURL(snippetzEntry).href);
const versions = {
  httpsnippet: require("httpsnippet/package.json").version,
  snippetz: JSON.parse(
    (await import("node:fs")).readFileSync(
      join(moduleDir, "node_modules", "@scalar", "snippetz", "package.json"),
      "utf8",
    ),
  ).version,
};

// snippetz names some targets differently from httpsnippet.
const SNIPPETZ_TARGET = { node: "node", shell: "shell" };

let peers = {};
let targets = [];
let sink = 0; // keeps the results alive so no engine can drop the work

function setup(har, wanted) {
  targets = wanted;
  const shared = new HTTPSnippet(har);
  const printer = snippetz();
  const request = { ...har };
  peers = {
    // The like-for-like: the HAR parsed once (as our spec is loaded once), then converted.
    httpsnippet: (target, client) => shared.convert(target, client),
    snippetz: (target, client) => printer.print(SNIPPETZ_TARGET[target] ?? target, client, request),
  };
  const bytes = {};
  for (const [name, make] of Object.entries(peers)) {
    bytes[name] = 0;
    for (const [target, client] of targets) {
      const out = make(target, client);
      if (typeof out !== "string" || out.length === 0) {
        throw new Error(`${name} produced no ${target}/${client} snippet`);
      }
      bytes[name] += Buffer.byteLength(out, "utf8");
    }
  }
  return { versions, node: process.version, bytes };
}

function round(peer, iterations) {
  const make = peers[peer];
  const cpu = process.cpuUsage();
  const start = performance.now();
  for (let i = 0; i < iterations; i++) {
    for (const [target, client] of targets) {
      sink += make(target, client).length;
    }
  }
  const elapsedMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  const snippets = iterations * targets.length;
  return {
    us_per_snippet: (elapsedMs * 1000) / snippets,
    cpu_us_per_snippet: (used.user + used.system) / snippets,
  };
}

const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  const command = JSON.parse(line);
  let answer;
  if (command.cmd === "setup") answer = setup(command.har, command.targets);
  else if (command.cmd === "round") answer = round(command.peer, command.iterations);
  else if (command.cmd === "quit") break;
  else answer = { error: `unknown command ${command.cmd}` };
  process.stdout.write(JSON.stringify(answer) + "\n");
}
process.stderr.write(sink > 0 ? "" : "no work was done\n");
