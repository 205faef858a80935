#!/usr/bin/env node
/**
 * Search benchmark: Verbatim's search against fuse.js used plainly, uFuzzy and MiniSearch, on
 * the same corpora and the same queries, in one run.
 *
 *   npm run bench [-- --json] [-- --corpora seed,polnear,scale-10k,scale-100k,scale-1M]
 *                 [-- --engines verbatim,fuse,ufuzzy,minisearch] [-- --budget SECONDS]
 *
 * READS ../shared/corpus BESIDE THE REPOSITORY: the PolNeAR train articles (real news, in
 * ../shared/corpus/polnear/train/text, with polnear/metadata.tsv) and builds its scale-ups from
 * them. That corpus is not shipped with the project, so this is a developer's benchmark and is
 * not part of `npm test`; it stops with a message (exit status 2) when the corpus is absent.
 *
 * Corpora: the seed article; the PolNeAR train articles indexed by Verbatim's own pipeline; and
 * deterministic scale-ups of PolNeAR's passages to 10,000, 100,000 and 1,000,000 passages (see
 * `scaleUp` in bench.ts). Queries: 40 per corpus, four words remembered from a real quotation
 * (in their order, lower-case), every other one with one typo (a letter dropped, two swapped,
 * a neighbouring key, a letter doubled). Each engine returns its 20 best; recall@5 counts a
 * query as found when the passage it came from (or one with the same text) is in the first 5.
 *
 * Figures: index build time; p50 and p95 of query latency over every query sample (up to five
 * passes over the queries after a warm-up, within a time budget per engine and corpus: slow
 * engines answer fewer queries, which the `queries` column shows); recall@5 over the first
 * pass; p50/p95 cpu: the same latencies in CPU time of the process (user + system), which a
 * busy machine inflates less than wall-clock time; memory: the engine's peak heap and external memory above the corpus it indexes
 * (peakRssMB is the whole process, corpus included). Each engine and corpus is measured in a
 * fresh Node process (`--expose-gc`), one after the other, so that they do not share memory
 * or JIT state; the machine's load affects every engine alike only if nothing else runs.
 *
 * For Verbatim also: build CPU time; one changed source indexed again (`setSource` and the
 * posting lists brought up to date), p95 over 20 sources; and a 5,000-word draft quoting the
 * library 100 times checked with `checkDraft` (libraries of up to 100,000 passages).
 *
 * JSON (--json): {"runs":[{"corpus","passages","engine","buildMs","p50Ms","p95Ms","recallAt5","memoryMB",…}]}
 */
import * as esbuild from 'esbuild';
import { execFileSync } from 'node:child_process';
import { statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { json, log, metadata, option, polnearText, requireCorpus, root, seed, workFolder } from './setup.mjs';

const allCorpora = ['seed', 'polnear', 'scale-10k', 'scale-100k', 'scale-1M'];
const allEngines = ['verbatim', 'fuse', 'ufuzzy', 'minisearch'];
const corpora = option('--corpora', allCorpora.join(',')).split(',');
const engines = option('--engines', allEngines.join(',')).split(',');
const budgetMs = Number(option('--budget', '60')) * 1000;
requireCorpus('The benchmark');
const work = workFolder();
const bundle = path.join(work, 'bench.js');
await esbuild.build({
  entryPoints: [path.join(root, 'bench', 'bench.ts')], outfile: bundle, bundle: true, platform: 'node',
  target: 'node20', format: 'cjs', mainFields: ['module', 'main'], logLevel: 'warning',
});

log('Verbatim search benchmark. Reads ../shared/corpus/polnear (PolNeAR train, real news); not part of npm test.');
log(`Node ${process.version}, ${(await import('node:os')).cpus().length} CPUs. Budget ${budgetMs / 1000} s of queries per engine and corpus.`);
const cache = path.join(work, 'corpus-cache.json');
const t0 = Date.now();
execFileSync(process.execPath, [bundle, 'prepare', polnearText, metadata, seed, cache], { stdio: ['ignore', 'ignore', 'inherit'] });
log(`Indexed PolNeAR with Verbatim's pipeline in ${((Date.now() - t0) / 1000).toFixed(1)} s (${(statSync(cache).size / 2 ** 20).toFixed(1)} MB cached).`);

const runs = [];
for (const corpus of corpora) {
  for (const engine of engines) {
    const started = Date.now();
    try {
      const out = execFileSync(process.execPath, ['--expose-gc', '--max-old-space-size=12288', bundle, 'measure', cache, corpus, engine, String(budgetMs)],
        { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 });
      const run = JSON.parse(out.trim().split('\n').pop());
      runs.push(run);
      log(`  ${corpus.padEnd(10)} ${engine.padEnd(10)} done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    } catch (e) {
      log(`  ${corpus.padEnd(10)} ${engine.padEnd(10)} FAILED: ${e.message.split('\n')[0]}`);
    }
  }
}

writeFileSync(path.join(work, 'last-run.json'), `${JSON.stringify({ runs }, null, 1)}\n`);
if (json) {
  process.stdout.write(`${JSON.stringify({ runs }, null, 1)}\n`);
} else {
  log('');
  log(table(runs));
  log('');
  for (const line of ratios(runs)) log(line);
  log('');
  for (const line of growth(runs)) log(line);
  log('');
  for (const line of upkeep(runs)) log(line);
}

/** Keeping the index current and checking a draft, for Verbatim. */
function upkeep(rows) {
  const v = rows.filter((r) => r.engine === 'verbatim' && r.reindexP95Ms !== undefined);
  if (!v.length) return [];
  const out = ['Verbatim keeping up (one changed source indexed again, p95 of 20; a 5,000-word draft with 100 quotations checked, median of 3):'];
  for (const r of v) {
    const draft = r.draftCheckMs === undefined ? 'draft check not measured at this size'
      : `draft check ${fmt(r.draftCheckMs)} ms (cpu ${fmt(r.draftCheckCpuMs)} ms, ${r.draftFindings} findings; the first check ${fmt(r.draftFirstCheckMs)} ms, cpu ${fmt(r.draftFirstCheckCpuMs)} ms)`;
    out.push(`  ${r.corpus.padEnd(10)} ${r.passages.toLocaleString('en').padStart(9)} passages: re-index ${fmt(r.reindexP95Ms)} ms (cpu ${fmt(r.reindexP95CpuMs)} ms); ${draft}`);
  }
  return out;
}

function table(rows) {
  const head = ['corpus', 'passages', 'engine', 'build ms', 'build cpu', 'p50 ms', 'p95 ms', 'p50 cpu', 'p95 cpu', 'recall@5', 'memory MB', 'peak RSS MB', 'queries'];
  const body = rows.map((r) => [r.corpus, r.passages.toLocaleString('en'), r.engine, fmt(r.buildMs), fmt(r.buildCpuMs), fmt(r.p50Ms), fmt(r.p95Ms), fmt(r.p50CpuMs), fmt(r.p95CpuMs), r.recallAt5.toFixed(3), fmt(r.memoryMB), String(r.peakRssMB), String(r.queries)]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => (i < 3 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  return [line(head), `|${widths.map((w, i) => (i < 3 ? ':' : '-') + '-'.repeat(w) + (i < 3 ? '-' : ':')).join('|')}|`, ...body.map(line)].join('\n');
}

function fmt(x) {
  return x >= 100 ? Math.round(x).toLocaleString('en') : x >= 10 ? x.toFixed(1) : x.toFixed(2);
}

/** Verbatim's p95 relative to each peer's, per corpus: "12× faster" means the peer's p95 is 12 times Verbatim's. */
function ratios(rows) {
  const out = ['Verbatim against each peer (p95 latency ratio; recall@5 difference):'];
  for (const corpus of new Set(rows.map((r) => r.corpus))) {
    const v = rows.find((r) => r.corpus === corpus && r.engine === 'verbatim');
    if (!v) continue;
    const parts = rows.filter((r) => r.corpus === corpus && r.engine !== 'verbatim').map((p) => {
      const times = p.p95Ms / v.p95Ms;
      const recall = v.recallAt5 - p.recallAt5;
      return `${p.engine} ${times >= 1 ? `${fmt(times)}× faster` : `${fmt(1 / times)}× slower`} (recall ${recall >= 0 ? '+' : ''}${recall.toFixed(3)})`;
    });
    out.push(`  ${corpus.padEnd(10)} ${parts.join('; ')}`);
  }
  return out;
}

/** How Verbatim's costs grow with the number of passages, as exponents between scale-ups. */
function growth(rows) {
  const v = rows.filter((r) => r.engine === 'verbatim' && r.corpus.startsWith('scale-')).sort((a, b) => a.passages - b.passages);
  if (v.length < 2) return [];
  const exp = (a, b, key) => Math.log(b[key] / a[key]) / Math.log(b.passages / a.passages);
  const out = ['How Verbatim\'s cost grows with size (exponent k in cost ∝ passages^k, between consecutive scale-ups):'];
  for (let i = 1; i < v.length; i++) {
    const [a, b] = [v[i - 1], v[i]];
    out.push(`  ${a.corpus} → ${b.corpus}: query p50 ${fmt(a.p50Ms)} → ${fmt(b.p50Ms)} ms (k = ${exp(a, b, 'p50Ms').toFixed(2)}), p95 ${fmt(a.p95Ms)} → ${fmt(b.p95Ms)} ms (k = ${exp(a, b, 'p95Ms').toFixed(2)}), `
      + `build k = ${exp(a, b, 'buildMs').toFixed(2)}, memory k = ${exp(a, b, 'memoryMB').toFixed(2)}; vocabulary ${a.vocabulary.toLocaleString('en')} → ${b.vocabulary.toLocaleString('en')} words`);
  }
  out.push('  A query costs the piece lists of its words in the vocabulary (which grows more slowly than the library), the posting lists of its words from the rarest on (which grow');
  out.push('  with it; a common word is asked of the passages the rarer ones reached instead of being followed),');
  out.push('  and fuse.js over a fixed number of candidates (which does not). Building reads every passage once (linear) and sorts the vocabulary\'s pieces once (n log n in the vocabulary).');
  return out;
}
