#!/usr/bin/env node
/**
 * Zotero benchmark: a Zotero data directory indexed cold (no index cache) and warm (the cache of
 * the cold run, every item checked against the library), then completion from four remembered
 * words of the user's highlights.
 *
 *   npx tsc -p . && node bench/zotero/run.mjs [--library DIR] [--synthetic N [--with-pdfs]] [--json]
 *
 * READS ../shared/corpus/zotero BESIDE THE REPOSITORY: by default the real library in
 * ../shared/corpus/zotero/libraries/San7o-research-papers-collection (read-only: it is copied to a
 * temporary folder first, and read there); `--synthetic N` instead builds a library of N items
 * with bench/zotero/make-synthetic.py (Python's sqlite3, Zotero's schema from ../shared, and with
 * `--with-pdfs` the real library's PDFs as one attachment in ten). Each phase runs in a fresh Node process.
 * The Zotero library's items are kept beside the index cache, as the language server keeps them, so
 * the warm phase reads the database only if it changed.
 * Figures: wall-clock and CPU time (user + system) of the process for reading the database alone,
 * for the cold and the warm reindex, and p50/p95 of completion over the queries, with how often
 * the highlight the words came from is offered first. Nothing is asserted: this prints figures.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const out = path.join(repo, 'out');
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const option = (name) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };

if (option('--phase')) await phase(option('--phase'), option('--library'), option('--cache'));
else await main();

async function main() {
  if (!existsSync(path.join(out, 'src/core/index.js'))) { console.error('run `npx tsc -p .` first'); process.exit(2); }
  const work = mkdtempSync(path.join(tmpdir(), 'verbatim-zotero-bench-'));
  try {
    const real = path.resolve(repo, '../shared/corpus/zotero/libraries/San7o-research-papers-collection');
    let library = option('--library');
    const synthetic = option('--synthetic');
    if (synthetic) {
      library = path.join(work, 'Zotero');
      const pdfs = args.includes('--with-pdfs') ? ['--pdfs', path.join(real, 'storage')] : [];
      execFileSync('python3', [path.join(here, 'make-synthetic.py'), library, '--items', synthetic, ...pdfs], { stdio: 'inherit' });
    } else {
      if (!existsSync(library ?? real)) { console.error(`no library at ${library ?? real}`); process.exit(2); }
      // Never read the shared copy in place: a reader must not depend on it staying as it is.
      cpSync(library ?? real, path.join(work, 'Zotero'), { recursive: true });
      library = path.join(work, 'Zotero');
    }
    const cache = path.join(work, 'cache');
    const results = {};
    for (const name of ['database', 'cold', 'warm', 'queries']) {
      const run = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--phase', name, '--library', library, '--cache', cache], { encoding: 'utf8', maxBuffer: 1 << 26 });
      if (run.status !== 0) { console.error(run.stderr); process.exit(1); }
      results[name] = JSON.parse(run.stdout.trim().split('\n').pop());
    }
    if (args.includes('--json')) console.log(JSON.stringify(results, null, 2));
    else for (const [name, r] of Object.entries(results)) console.log(name.padEnd(9), JSON.stringify(r));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function cpuMs(start) {
  const u = process.cpuUsage(start);
  return Math.round((u.user + u.system) / 1000);
}

async function phase(name, library, cache) {
  const { createVerbatimService, ZoteroSources, readZoteroLibrary } = require(path.join(out, 'src/core/index.js'));
  const { NodeZoteroDirectory } = require(path.join(out, 'src/node/zoteroDirectory.js'));
  const { NodeIndexStore } = require(path.join(out, 'src/node/nodeIndexStore.js'));
  const { defaultSettings } = require(path.join(out, 'src/shared/settings.js'));
  const dir = new NodeZoteroDirectory(library);
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  if (name === 'database') {
    const bytes = await dir.readDatabase();
    const read = performance.now();
    const result = readZoteroLibrary(bytes.database, bytes.wal, bytes.betterBibtex);
    console.log(JSON.stringify({ bytes: bytes.database.length + (bytes.wal?.length ?? 0), readMs: Math.round(read - t0), parseMs: Math.round(performance.now() - read), cpuMs: cpuMs(cpu), items: result.ok ? result.items.length : result.reason }));
    return;
  }
  // The library's items are kept beside the index cache, as the language server keeps them.
  const zotero = new ZoteroSources(dir, { store: new NodeIndexStore(cache, undefined, 'zotero-items.json'), buildId: 'bench' });
  const empty = { findSources: async () => [], readFile: async () => { throw new Error('no file'); } };
  const service = createVerbatimService({ workspace: zotero.workspace(empty), loadSource: zotero.load, settings: { ...defaultSettings, maxSourceSizeKB: 32768 }, indexStore: new NodeIndexStore(cache), buildId: 'bench' });
  let searchable;
  const status = await service.reindex((done, total) => { if (searchable === undefined && (total === 0 || done > 0)) searchable = performance.now() - t0; });
  const ms = Math.round(performance.now() - t0);
  const cpuIndex = cpuMs(cpu);
  await service.persistIndex();
  if (name !== 'queries') {
    const kinds = {};
    for (const s of service.sources()) for (const p of s.passages) kinds[p.kind] = (kinds[p.kind] ?? 0) + 1;
    console.log(JSON.stringify({ items: zotero.items.length, sources: status.sources, passages: status.passages, kinds, problems: status.problems.length, searchableMs: Math.round(searchable ?? ms), ms, cpuMs: cpuIndex }));
    return;
  }
  // Four words remembered from the middle of each highlight (in order, lower-case), as a writer types them.
  const highlights = service.sources().flatMap((s) => s.passages.filter((p) => p.kind === 'highlight')).slice(0, 40);
  const { TextDocument } = require('vscode-languageserver-textdocument');
  const times = [];
  const cpuTimes = [];
  let first = 0;
  // One completion first: the first search builds what later ones reuse, as in an editor that has answered once.
  const warm = TextDocument.create('file:///warm.md', 'markdown', 1, '“data');
  service.provideCompletion(warm, warm.positionAt(5), { triggerKind: 3 });
  for (const h of highlights) {
    const w = h.text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((x) => x.length > 1);
    const at = Math.max(0, Math.floor(w.length / 2) - 2);
    const typed = w.slice(at, at + 4).join(' ');
    const draft = `As the study put it, “${typed}`;
    const document = TextDocument.create('file:///draft.md', 'markdown', 1, draft);
    const position = document.positionAt(draft.length);
    for (let pass = 0; pass < 3; pass++) {
      const s = performance.now();
      const c = process.cpuUsage();
      const list = service.provideCompletion(document, position, { triggerKind: 3 });
      times.push(performance.now() - s);
      const u = process.cpuUsage(c);
      cpuTimes.push((u.user + u.system) / 1000);
      if (pass === 0 && list.items[0]?.textEdit?.newText.includes(h.text.trim())) first++;
    }
  }
  const pct = (list, q) => { const sorted = [...list].sort((a, b) => a - b); return Number((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0).toFixed(2)); };
  console.log(JSON.stringify({ queries: highlights.length, highlightFirst: first, p50Ms: pct(times, 0.5), p95Ms: pct(times, 0.95), p50CpuMs: pct(cpuTimes, 0.5), p95CpuMs: pct(cpuTimes, 0.95), passages: service.status().passages }));
}
