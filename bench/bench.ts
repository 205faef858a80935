/**
 * The search benchmark's worker, bundled and started by bench/run.mjs (read that file's header
 * first). One process measures one engine on one corpus, so that memory figures are its own.
 *
 *   node bench.js prepare <polnear train dir> <metadata.tsv> <seed.md> <cache.json>
 *   node --expose-gc bench.js measure <cache.json> <corpus> <engine> <budget ms>
 *   node bench.js queries <cache.json> <corpus> <engine>   (each query's median, slowest first)
 *
 * Reads ../shared/corpus (PolNeAR), which is not shipped with the project: this is a
 * developer's benchmark, not a test.
 */
import { closeSync, openSync, readFileSync, readdirSync, writeFileSync, writeSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import Fuse from 'fuse.js';
import uFuzzy from '@leeoniya/ufuzzy';
import MiniSearch from 'minisearch';
import type { Passage, PassageKind, SourceDoc, SourceMeta } from '../src/core/model';
import { loadSource } from '../src/core/sources/loadSource';
import { PassageIndex } from '../src/core/search/passageIndex';
import { Library } from '../src/core/library';
import { checkDraft } from '../src/core/check/checkDraft';

// ---------------------------------------------------------------------------------------------
// Corpora

/** What `prepare` caches: the seed and PolNeAR as Verbatim indexes them, plus article metadata. */
interface Cache {
  readonly seed: SourceDoc[];
  readonly polnear: SourceDoc[];
  readonly metadata: readonly { outlet: string; author: string; title: string }[];
}

function prepare(polnearDir: string, metadataFile: string, seedFile: string, cacheFile: string): void {
  const load = (path: string, uri: string): SourceDoc | undefined => {
    const r = loadSource({ uri, path: uri, bytes: readFileSync(path) }, 1e9);
    return r.ok ? { ...r.source, blocks: [] } : undefined;
  };
  const seed = [load(seedFile, 'seed/hkfp-2017-vpn.md')!];
  const polnear = readdirSync(polnearDir).filter((f) => f.endsWith('.txt')).sort()
    .map((f) => load(`${polnearDir}/${f}`, `polnear/${f}`)).filter((d): d is SourceDoc => d !== undefined);
  const metadata = readFileSync(metadataFile, 'utf8').split('\n').slice(1).filter(Boolean).map((line) => {
    const cols = line.split('\t');
    return { outlet: cols[4], author: cols[6], title: cols[7] };
  });
  writeFileSync(cacheFile, JSON.stringify({ seed, polnear, metadata } satisfies Cache));
}

/** Deterministic pseudo-random numbers (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const wordRe = /[\p{L}\p{N}]+/gu;
const stopwords = new Set('that this with from have been were they their there what when which would about could should after before them than then into over also just more most only some such very will your said says these those where while being other because'.split(' '));

/** Words a writer would remember: four letters or more, not the commonest function words. */
function memorable(text: string): { word: string; at: number }[] {
  const out: { word: string; at: number }[] = [];
  for (const m of text.matchAll(wordRe)) {
    const word = m[0].toLowerCase();
    if (word.length >= 4 && !stopwords.has(word) && !/^\d+$/.test(word)) out.push({ word, at: m.index });
  }
  return out;
}

/** A passage the query was made from, and the query. */
interface Query {
  readonly text: string;
  readonly target: string;
  readonly typo: boolean;
}

interface Corpus {
  readonly name: string;
  readonly docs: SourceDoc[];
  readonly passages: Passage[];
  readonly docOf: SourceDoc[];
  readonly queries: Query[];
  readonly note: string;
}

const queryCount = 40;

/**
 * Scale-ups: each passage joins the first half of one real PolNeAR passage to the second half
 * of another (cut at a word boundary), so passages are distinct while their words, lengths and
 * kinds are those of real news. One passage in four also gets a word made of two real words
 * ("clintonrally"), so the vocabulary keeps growing with the corpus as a real library's does
 * (about 250,000 words at 1,000,000 passages) instead of stopping at PolNeAR's 23,000.
 * Passages are grouped 25 to a source with the metadata of a real PolNeAR article.
 */
function scaleUp(cache: Cache, size: number): Corpus {
  const docs: SourceDoc[] = [];
  const passages: Passage[] = [];
  const docOf: SourceDoc[] = [];
  const queries = scaleDocs(cache, size, (doc) => {
    docs.push(doc);
    for (const p of doc.passages) { passages.push(p); docOf.push(doc); }
  });
  return { name: scaleLabel(size), docs, passages, docOf, queries, note: 'scale-up of real PolNeAR passages (halves joined)' };
}

function scaleLabel(n: number): string {
  return n >= 1_000_000 ? `scale-${n / 1_000_000}M` : `scale-${n / 1000}k`;
}

/**
 * The scale-up's sources, handed to `onDoc` one at a time as they are made (so that a corpus of
 * ten million passages need not be held at once), and its queries.
 */
function scaleDocs(cache: Cache, size: number, onDoc: (doc: SourceDoc) => void): Query[] {
  const pool = cache.polnear.flatMap((d) => d.passages).filter((p) => memorable(p.text).length >= 4);
  const rng = random(20170125);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)];
  const cut = (text: string): number => {
    const middle = Math.floor(text.length / 2);
    const space = text.indexOf(' ', middle);
    return space < 0 ? middle : space;
  };
  // Each passage's text is its two halves joined by a space: kept as halves only.
  const halves: { first: string; second: string; kind: PassageKind }[] = [];
  const perDoc = 25;
  for (let d = 0; halves.length < size; d++) {
    const key = `scale-${d}`;
    const meta: SourceMeta = { key, ...pick(cache.metadata) };
    const specs: { text: string; kind: PassageKind; speaker?: string }[] = [];
    for (let i = 0; i < perDoc && halves.length < size; i++) {
      const a = pick(pool);
      const b = pick(pool);
      let first = a.text.slice(0, cut(a.text)).trim();
      const second = b.text.slice(cut(b.text)).trim();
      if (rng() < 0.25) {
        const words = memorable(first);
        const other = memorable(pick(pool).text);
        if (words.length && other.length) {
          const w = pick(words);
          first = first.slice(0, w.at) + w.word + pick(other).word + first.slice(w.at + w.word.length);
        }
      }
      specs.push({ text: `${first} ${second}`, kind: a.kind, speaker: a.speaker });
      halves.push({ first, second, kind: a.kind });
    }
    const text = specs.map((s) => s.text).join('\n\n');
    let offset = 0;
    const docPassages: Passage[] = specs.map((s, i) => {
      const start = offset;
      offset += s.text.length + 2;
      return {
        id: `${key}#${s.kind}-${i + 1}-1`, key, kind: s.kind, text: text.slice(start, start + s.text.length),
        ...(s.speaker ? { speaker: s.speaker } : {}), speakerMention: null, paragraph: i + 1,
        sentence: { start, end: start + s.text.length }, start, end: start + s.text.length,
      };
    });
    onDoc({ uri: `bench:/${key}.md`, path: `${key}.md`, meta, text, bodyStart: 0, blocks: [], passages: docPassages });
  }
  // Queries: two remembered words from each half of a quotation, so the passage is the one
  // that holds them all (other passages share one half, not both).
  const qrng = random(size);
  const queries: Query[] = [];
  for (let tries = 0; queries.length < queryCount && tries < 100_000; tries++) {
    const i = Math.floor(qrng() * halves.length);
    const h = halves[i];
    if (h.kind !== 'quote') continue;
    const real = (s: string): { word: string; at: number }[] => memorable(s).filter((w) => realWords.has(w.word));
    const a = real(h.first);
    const b = real(h.second);
    if (a.length < 2 || b.length < 2) continue;
    const words = [...choose(a, 2, qrng), ...choose(b, 2, qrng)].map((w) => w.word);
    queries.push(makeQuery(words, `${h.first} ${h.second}`, queries.length, qrng));
  }
  return queries;
}

/** Every word of PolNeAR's passages: query words are taken from these only. */
let realWords = new Set<string>();

function realCorpus(name: string, docs: SourceDoc[], note: string): Corpus {
  const passages = docs.flatMap((d) => d.passages);
  const docOf = docs.flatMap((d) => d.passages.map(() => d));
  const rng = random(docs.length);
  const quotes = passages.filter((p) => memorable(p.text).length >= 4);
  const preferred = quotes.filter((p) => p.kind === 'quote').length >= queryCount ? quotes.filter((p) => p.kind === 'quote') : quotes;
  const queries: Query[] = [];
  const used = new Set<number>();
  for (let tries = 0; queries.length < Math.min(queryCount, preferred.length * 2) && tries < 100_000; tries++) {
    const i = Math.floor(rng() * preferred.length);
    if (used.has(i) && preferred.length >= queryCount) continue;
    used.add(i);
    const p = preferred[i];
    queries.push(makeQuery(choose(memorable(p.text), 4, rng).map((w) => w.word), p.text, queries.length, rng));
  }
  return { name, docs, passages, docOf, queries, note };
}

/** `n` of `xs` at random, in their order in the text. */
function choose<T extends { at: number }>(xs: readonly T[], n: number, rng: () => number): T[] {
  const pool = [...xs];
  const out: T[] = [];
  while (out.length < n && pool.length) out.push(pool.splice(Math.floor(rng() * pool.length), 1)[0]);
  return out.sort((a, b) => a.at - b.at);
}

const keyboard: Record<string, string> = {
  q: 'wa', w: 'qes', e: 'wrd', r: 'etf', t: 'ryg', y: 'tuh', u: 'yij', i: 'uok', o: 'ipl', p: 'ol',
  a: 'qsz', s: 'awdz', d: 'sefx', f: 'drgc', g: 'fthv', h: 'gyjb', j: 'hukn', k: 'jilm', l: 'kop',
  z: 'asx', x: 'zsdc', c: 'xdfv', v: 'cfgb', b: 'vghn', n: 'bhjm', m: 'njk',
};

/** Every other query gets one typo in one of its longer words: a letter dropped, swapped, hit next to, or doubled. */
function makeQuery(words: string[], target: string, n: number, rng: () => number): Query {
  const typo = n % 2 === 1;
  if (typo) {
    const long = words.map((w, i) => ({ w, i })).filter(({ w }) => w.length >= 5);
    if (long.length) {
      const { w, i } = long[Math.floor(rng() * long.length)];
      const at = 1 + Math.floor(rng() * (w.length - 2));
      const kind = Math.floor(n / 2) % 4;
      const near = keyboard[w[at]] ?? 'e';
      words[i] = kind === 0 ? w.slice(0, at) + w.slice(at + 1)
        : kind === 1 ? w.slice(0, at) + w[at + 1] + w[at] + w.slice(at + 2)
        : kind === 2 ? w.slice(0, at) + near[Math.floor(rng() * near.length)] + w.slice(at + 1)
        : w.slice(0, at) + w[at] + w.slice(at);
    }
  }
  return { text: words.join(' '), target, typo };
}

/** The passages a scale-up's name asks for ("scale-100k" → 100,000); undefined for a real corpus. */
function scaleSize(name: string): number | undefined {
  return /^scale-/.test(name) ? Number(name.replace(/^scale-/, '').replace(/k$/, '000').replace(/M$/, '000000')) : undefined;
}

/** Query words are PolNeAR's own (see `realWords`). */
function learnRealWords(cache: Cache): void {
  realWords = new Set(cache.polnear.flatMap((d) => d.passages.flatMap((p) => memorable(p.text).map((w) => w.word))));
}

function corpusFor(cache: Cache, name: string): Corpus {
  learnRealWords(cache);
  if (name === 'seed') return realCorpus('seed', cache.seed, 'the seed article (test/fixtures/seed/hkfp-2017-vpn.md)');
  if (name === 'polnear') return realCorpus('polnear', cache.polnear, 'PolNeAR train articles, real news');
  return scaleUp(cache, scaleSize(name) ?? NaN);
}

// ---------------------------------------------------------------------------------------------
// Engines: each builds from the corpus and answers a query with passages, best first.

interface Engine {
  search(query: string): Passage[];
  /** Distinct words indexed (Verbatim only). */
  readonly vocabulary?: number;
  /** Further figures (Verbatim only), measured after the queries. */
  more?(): Record<string, number>;
}

const limit = 20;

const engines: Record<string, (c: Corpus) => Engine> = {
  verbatim(c) {
    const index = new PassageIndex();
    for (const doc of c.docs) index.setSource(doc);
    index.flush();
    return {
      search: (q) => index.search(q, { limit }).map((h) => h.passage),
      vocabulary: index.vocabulary,
      more: () => ({ ...reindexing(c, index), ...draftChecking(c) }),
    };
  },
  // fuse.js the plain way: one Fuse over every passage, location ignored, text and speaker.
  fuse(c) {
    const fuse = new Fuse(c.passages, { keys: ['text', 'speaker'], ignoreLocation: true, includeScore: true });
    return { search: (q) => fuse.search(q, { limit }).map((r) => r.item) };
  },
  // uFuzzy set up for typos (one insertion, deletion, substitution or transposition per term).
  ufuzzy(c) {
    const haystack = c.passages.map((p) => (p.speaker ? `${p.text} ${p.speaker}` : p.text));
    const uf = new uFuzzy({ intraMode: 1, intraIns: 1, intraSub: 1, intraTrn: 1, intraDel: 1 });
    return {
      search(q) {
        const [idxs, info, order] = uf.search(haystack, q);
        if (!idxs) return [];
        const ranked = info && order ? order.map((i) => info.idx[i]) : idxs;
        return ranked.slice(0, limit).map((i) => c.passages[i]);
      },
    };
  },
  // MiniSearch with its usual fuzzy and prefix search (BM25 ranking, terms OR-ed).
  minisearch(c) {
    const ms = new MiniSearch<{ id: number; text: string; speaker: string }>({ fields: ['text', 'speaker'], storeFields: [] });
    ms.addAll(c.passages.map((p, id) => ({ id, text: p.text, speaker: p.speaker ?? '' })));
    return { search: (q) => ms.search(q, { fuzzy: 0.2, prefix: true }).slice(0, limit).map((r) => c.passages[r.id as number]) };
  },
};

/**
 * One source changed and indexed again (`setSource`, posting lists brought up to date), for 20
 * sources spread over the library: p95 of wall-clock and CPU time.
 */
function reindexing(c: Corpus, index: PassageIndex): Record<string, number> {
  const wall: number[] = [];
  const cpu: number[] = [];
  const picks = Array.from({ length: 20 }, (_, i) => c.docs[Math.floor((i * c.docs.length) / 20)]);
  for (const doc of picks) {
    const changed: SourceDoc = { ...doc, passages: doc.passages.map((p, i) => (i === 0 ? { ...p, text: `${p.text} (updated)` } : p)) };
    const u = process.cpuUsage();
    const s = performance.now();
    index.setSource(changed);
    index.flush();
    wall.push(performance.now() - s);
    const used = process.cpuUsage(u);
    cpu.push((used.user + used.system) / 1000);
  }
  for (const doc of picks) index.setSource(doc);
  return { reindexP95Ms: round(percentile(wall.sort((a, b) => a - b), 95)), reindexP95CpuMs: round(percentile(cpu.sort((a, b) => a - b), 95)) };
}

/**
 * A 5,000-word draft quoting the library 100 times (every third quotation altered by a word,
 * every fifth cited by key), checked with Verbatim's draft check (`checkDraft`) against the
 * whole library: the median of three checks, after one that warms the library's caches, each
 * after a source is saved again so that no answer of the check before is reused.
 * Libraries of more than 100,000 passages are skipped (a second copy of the index).
 */
function draftChecking(c: Corpus): Record<string, number> {
  if (c.passages.length > 100_000) return {};
  const library = new Library();
  for (const doc of c.docs) library.set(doc);
  const rng = random(5000);
  const filler = 'the council said on tuesday that residents would be told more about plans for the new road once the review had been finished and published'.split(' ');
  const paragraphs: string[] = [];
  let words = 0;
  for (let q = 0; q < 100; q++) {
    const i = Math.floor(rng() * c.passages.length);
    const p = c.passages[i];
    let quoted = p.text.split(/\s+/).slice(0, 30).join(' ').replace(/[“”"]/g, '');
    if (q % 3 === 1) quoted = quoted.replace(/\b(\w{5,})\b/, 'altered');
    const cite = q % 5 === 0 ? ` [@${c.docOf[i].meta.key}]` : '';
    const lead = Array.from({ length: 18 }, (_, k) => filler[(q + k) % filler.length]).join(' ');
    paragraphs.push(`${lead[0].toUpperCase()}${lead.slice(1)}. “${quoted},” ${p.speaker ?? 'a spokesperson'} said${cite}.`);
    words += 20 + quoted.split(' ').length;
  }
  while (words < 5000) {
    const line = Array.from({ length: 25 }, (_, k) => filler[(words + k) % filler.length]).join(' ');
    paragraphs.splice(Math.floor(rng() * paragraphs.length), 0, `${line[0].toUpperCase()}${line.slice(1)}.`);
    words += 25;
  }
  const draft = paragraphs.join('\n\n');
  // The first check also reads every source once (normalised texts and their word lists).
  const firstCpu = process.cpuUsage();
  const firstStart = performance.now();
  checkDraft(library, draft);
  const firstMs = performance.now() - firstStart;
  const firstUsed = process.cpuUsage(firstCpu);
  const wall: number[] = [];
  const cpu: number[] = [];
  let findings = 0;
  for (let run = 0; run < 3; run++) {
    // A source saved again between checks (as in an editor): no answer of the previous check is
    // reused, while the library's caches (normalised texts, word lists) stay warm.
    library.set(c.docs[run % c.docs.length]);
    const u = process.cpuUsage();
    const s = performance.now();
    findings = checkDraft(library, draft)?.length ?? 0;
    wall.push(performance.now() - s);
    const used = process.cpuUsage(u);
    cpu.push((used.user + used.system) / 1000);
  }
  return {
    draftCheckMs: round(wall.sort((a, b) => a - b)[1]), draftCheckCpuMs: round(cpu.sort((a, b) => a - b)[1]), draftFindings: findings,
    draftFirstCheckMs: round(firstMs), draftFirstCheckCpuMs: round((firstUsed.user + firstUsed.system) / 1000),
  };
}

// ---------------------------------------------------------------------------------------------
// Measuring

declare const gc: (() => void) | undefined;

function memory(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
}

function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

function measure(cacheFile: string, corpusName: string, engineName: string, budgetMs: number): void {
  const cache = JSON.parse(readFileSync(cacheFile, 'utf8')) as Cache;
  const corpus = corpusFor(cache, corpusName);
  (cache as { polnear?: unknown }).polnear = undefined;
  realWords = new Set();
  gc?.();
  const base = memory();
  let peak = 0;
  const sample = (): void => { peak = Math.max(peak, memory() - base); };
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const engine = engines[engineName](corpus);
  const buildMs = performance.now() - t0;
  const buildCpu = process.cpuUsage(c0);
  sample();
  gc?.();
  sample();
  const retained = memory() - base;

  // Warm-up (JIT), not measured, on queries of another corpus shape: the first three reversed.
  for (const q of corpus.queries.slice(0, 3)) engine.search(q.text.split(' ').reverse().join(' '));
  const times: number[] = [];
  const cpu: number[] = [];
  let found = 0;
  let asked = 0;
  const started = performance.now();
  const passes = 5;
  for (let pass = 0; pass < passes; pass++) {
    for (const q of corpus.queries) {
      if (performance.now() - started > budgetMs && asked >= 3) break;
      const c = process.cpuUsage();
      const s = performance.now();
      const results = engine.search(q.text);
      times.push(performance.now() - s);
      const used = process.cpuUsage(c);
      cpu.push((used.user + used.system) / 1000);
      if (pass === 0) {
        asked++;
        if (results.slice(0, 5).some((p) => p.text === q.target)) found++;
      }
    }
    sample();
    if (performance.now() - started > budgetMs) break;
  }
  const sorted = [...times].sort((a, b) => a - b);
  const sortedCpu = [...cpu].sort((a, b) => a - b);
  const result = {
    corpus: corpus.name, passages: corpus.passages.length, engine: engineName,
    buildMs: round(buildMs), buildCpuMs: round((buildCpu.user + buildCpu.system) / 1000), p50Ms: round(percentile(sorted, 50)), p95Ms: round(percentile(sorted, 95)),
    p50CpuMs: round(percentile(sortedCpu, 50)), p95CpuMs: round(percentile(sortedCpu, 95)),
    recallAt5: round(found / Math.max(1, asked), 3), memoryMB: round(peak / 2 ** 20, 1),
    retainedMB: round(retained / 2 ** 20, 1), peakRssMB: round(process.resourceUsage().maxRSS / 1024, 0),
    queries: asked, samples: times.length, note: corpus.note,
    vocabulary: engine.vocabulary,
    ...engine.more?.(),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** Each query's median time over five passes, slowest first: where a corpus's tail comes from. */
function perQuery(cacheFile: string, corpusName: string, engineName: string): void {
  const cache = JSON.parse(readFileSync(cacheFile, 'utf8')) as Cache;
  const corpus = corpusFor(cache, corpusName);
  const engine = engines[engineName](corpus);
  for (const q of corpus.queries.slice(0, 3)) engine.search(q.text.split(' ').reverse().join(' '));
  const times = corpus.queries.map(() => [] as number[]);
  for (let pass = 0; pass < 5; pass++) {
    corpus.queries.forEach((q, i) => {
      const s = performance.now();
      engine.search(q.text);
      times[i].push(performance.now() - s);
    });
  }
  const rows = corpus.queries.map((q, i) => ({ q: q.text, ms: times[i].sort((a, b) => a - b)[2] })).sort((a, b) => b.ms - a.ms);
  for (const r of rows) process.stdout.write(`${r.ms.toFixed(2).padStart(8)} ms  ${r.q}\n`);
}

const [command, ...args] = process.argv.slice(2);
if (command === 'prepare') prepare(args[0], args[1], args[2], args[3]);
else if (command === 'measure') measure(args[0], args[1], args[2], Number(args[3]));
else if (command === 'queries') perQuery(args[0], args[1], args[2]);
// The corpus and its queries as JSON, for the archive benchmark (bench/archive.mjs).
// Sources go one per line (docs.ndjson beside the file) as they are made, so that ten million
// passages are never held at once; the file itself holds the name and the queries.
else if (command === 'dump') {
  const cache = JSON.parse(readFileSync(args[0], 'utf8')) as Cache;
  const out = openSync(args[2].replace(/\.json$/, '.docs.ndjson'), 'w');
  let pending: string[] = [];
  const flush = (): void => { writeSync(out, pending.join('')); pending = []; };
  const write = (doc: SourceDoc): void => { pending.push(`${JSON.stringify(doc)}\n`); if (pending.length >= 1000) flush(); };
  let name: string;
  let queries: Query[];
  const size = scaleSize(args[1]);
  if (size) {
    learnRealWords(cache);
    queries = scaleDocs(cache, size, write);
    name = scaleLabel(size);
  } else {
    const c = corpusFor(cache, args[1]);
    c.docs.forEach(write);
    ({ name, queries } = c);
  }
  flush();
  closeSync(out);
  writeFileSync(args[2], JSON.stringify({ name, queries }));
}
else throw new Error(`unknown command ${command}`);
