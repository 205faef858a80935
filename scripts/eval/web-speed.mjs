#!/usr/bin/env node
/**
 * How fast a saved web page is read and indexed, and whether a change to the reader changed
 * what it reads. What is timed is what indexing a page waits for: the file's bytes made a source
 * (`loadSource`: decoding, parsing, Readability, our blocks and offset map, metadata, passages)
 * and the source added to a library (`Library.set`: its passages' words in the search index).
 * Left out, because the first search or check after indexing pays for it, not the indexing:
 * the search index's postings brought up to date and the source's normalised text and words. Reads the development set ../shared/corpus/web (Readability's test pages; not
 * shipped with the project, not part of the tests).
 *
 * The core's `loadSource` is bundled with esbuild from this checkout's src/ and, with `--base
 * DIR`, from another copy of the sources (for instance `git archive HEAD~3 src | tar -x -C DIR`),
 * so the two are timed in one process, their runs alternated: the machine is shared and its
 * speed drifts. CPU time (process.cpuUsage) and wall time are given as ranges over the runs.
 *
 *   node scripts/eval/web-speed.mjs [--page NAME] [--runs N] [--base DIR] [--new DIR] [--dump FILE] [--profile]
 *
 * `--new DIR` times the sources under DIR instead of this checkout's (alone, in a process of
 * its own: the runs of two versions in one process share its heap, and each pays for the
 * other's garbage). *
 * `--dump FILE` writes what every page gives (text, metadata, blocks, passages, and the offset
 * map as the file offset of every offset of the text) as JSON, to be compared byte for byte with
 * the dump of another version. `--profile` runs the
 * page once more at the end between `console.profile` marks (use with `node --cpu-prof`).
 */
import * as esbuild from 'esbuild';
import { existsSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const argv = process.argv.slice(2);
const arg = (name) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const pages = path.join(repo, '..', 'shared', 'corpus', 'web', 'pages');
if (!existsSync(pages)) {
  console.error(`No corpus at ${pages}.`);
  process.exit(2);
}

/** Bundles `loadSource`, `fileOffsetsOf` and `Library` from the sources under `root` (a folder holding src/) and imports them. */
async function load(root, label) {
  const dir = mkdtempSync(path.join(tmpdir(), `verbatim-speed-${label}-`));
  // A copy of the sources elsewhere finds its dependencies in this checkout.
  if (!existsSync(path.join(root, 'node_modules'))) symlinkSync(path.join(repo, 'node_modules'), path.join(root, 'node_modules'));
  const outfile = path.join(dir, 'load.mjs');
  await esbuild.build({
    stdin: { contents: "export { loadSource, fileOffsetsOf } from './src/core/sources/loadSource'; export { Library } from './src/core/library';", resolveDir: root, loader: 'ts' },
    bundle: true, platform: 'node', format: 'esm', outfile, logLevel: 'error',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  return import(pathToFileURL(outfile).href);
}

const readers = [{ label: 'new', ...(await load(path.resolve(arg('--new') ?? repo), 'new')) }];
if (arg('--base')) readers.unshift({ label: 'base', ...(await load(path.resolve(arg('--base')), 'base')) });

const read = (loadSource, name, bytes) => loadSource({ uri: `file:///${name}.html`, path: `${name}.html`, bytes }, 4 * 1024 * 1024);
/** A page read and added to a library of its own, as the index reads each source. */
const index = (reader, name, bytes) => {
  const result = read(reader.loadSource, name, bytes);
  if (result.ok) new reader.Library().set(result.source);
  return result;
};

if (arg('--dump')) {
  const out = {};
  for (const name of readdirSync(pages).sort()) {
    const bytes = new Uint8Array(readFileSync(path.join(pages, name, 'source.html')));
    const result = read(readers.at(-1).loadSource, name, bytes);
    if (!result.ok) { out[name] = result.problem; continue; }
    const { text, meta, blocks, passages, bodyStart, language } = result.source;
    // Where each character of the text (and the end) stands in the file: what the map answers,
    // which two versions may store in different but equivalent runs.
    const map = readers.at(-1).fileOffsetsOf(result.source);
    const offsets = map && Array.from({ length: text.length + 1 }, (_, i) => map.fileOffset(i));
    out[name] = { meta, language, bodyStart, text, blocks, passages, offsets };
  }
  writeFileSync(arg('--dump'), JSON.stringify(out));
  console.log(`wrote ${Object.keys(out).length} pages to ${arg('--dump')}`);
}

const page = arg('--page') ?? 'wikipedia-2';
const runs = Number(arg('--runs') ?? 10);
const bytes = new Uint8Array(readFileSync(path.join(pages, page, 'source.html')));
const times = new Map(readers.map((r) => [r.label, { cpu: [], wall: [] }]));
// One warm-up run each: the first run compiles the code.
for (const r of readers) index(r, page, bytes);
for (let i = 0; i < runs; i++) {
  for (const r of i % 2 ? [...readers].reverse() : readers) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const result = index(r, page, bytes);
    const wall = performance.now() - t0;
    const cpu = process.cpuUsage(c0);
    if (!result.ok) throw new Error(`${page}: ${result.problem.code}`);
    times.get(r.label).cpu.push((cpu.user + cpu.system) / 1000);
    times.get(r.label).wall.push(wall);
  }
}
const range = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return `${s[0].toFixed(0)}–${s.at(-1).toFixed(0)} ms (median ${s[s.length >> 1].toFixed(0)})`;
};
console.log(`${page}, ${(bytes.length / 1e6).toFixed(2)} MB, ${runs} runs each after one warm-up`);
for (const [label, t] of times) console.log(`  ${label.padEnd(5)} cpu ${range(t.cpu)}   wall ${range(t.wall)}`);
if (argv.includes('--profile')) {
  console.profile?.('read');
  for (let i = 0; i < 5; i++) index(readers.at(-1), page, bytes);
  console.profileEnd?.('read');
}
