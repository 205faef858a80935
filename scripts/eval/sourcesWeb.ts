/**
 * The web half of `npm run eval:sources`: scores the saved-page reader on the development set
 * of ../shared/corpus/web (89 pages of Mozilla Readability's test suite with its expected text
 * and metadata; see that folder's README, whose scoring this follows). Reads ../shared, so it
 * is a benchmark for developers and not part of the tests.
 *
 * Each page goes through `loadSource` as a user's saved page would. Per page and on average:
 * - title, byline, site name and published date: exact matches where the expected value is
 *   not null (white space collapsed), and bylines that name the same people ("By", case and
 *   punctuation aside);
 * - coverage: the share of the expected article's words found in the extracted text, and in
 *   the passages (the union of their spans);
 * - boilerplate: the share of the passages' words absent from the expected text;
 * - time to load each page, and the slowest.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { loadSource } from '../../src/core/sources/loadSource';
import type { HtmlReader } from '../../src/core/sources/htmlSource';

/** One page's scores. */
export interface WebPageScore {
  readonly name: string;
  readonly kind: string;
  readonly bytes: number;
  readonly ms: number;
  /** Processor time of the load, less sensitive than `ms` to other work on the machine. */
  readonly cpuMs: number;
  readonly problem?: string;
  readonly title?: boolean;
  readonly byline?: boolean;
  readonly bylineNames?: boolean;
  readonly siteName?: boolean;
  readonly published?: boolean;
  readonly textCoverage: number;
  readonly passageCoverage: number;
  readonly boilerplate: number;
  readonly got: { title?: string; byline?: string; siteName?: string; date?: string };
  readonly want: { title?: string; byline?: string; siteName?: string; date?: string };
}

/** Words as the corpus README counts them: NFKC, case-folded, runs of letters and digits, each CJK character a word. */
export function words(text: string): string[] {
  const out: string[] = [];
  for (const run of text.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}\p{M}]+/gu) ?? []) {
    for (const piece of run.match(/[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]|[^\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]+/gu) ?? []) out.push(piece);
  }
  return out;
}

export function counts(ws: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const w of ws) m.set(w, (m.get(w) ?? 0) + 1);
  return m;
}

/** Share of `expected`'s words (with multiplicity) found in `got`. */
export function coverage(expected: readonly string[], got: readonly string[]): number {
  if (expected.length === 0) return 1;
  const have = counts(got);
  let found = 0;
  for (const [w, n] of counts(expected)) found += Math.min(n, have.get(w) ?? 0);
  return found / expected.length;
}

/** Share of `got`'s words (with multiplicity) absent from `expected`. */
export function boilerplate(expected: readonly string[], got: readonly string[]): number {
  if (got.length === 0) return 0;
  const want = counts(expected);
  let extra = 0;
  for (const [w, n] of counts(got)) extra += Math.max(0, n - (want.get(w) ?? 0));
  return extra / got.length;
}

/** White space collapsed; undefined when nothing is left. */
export const collapse = (s: string | null | undefined): string | undefined => {
  const t = s?.replace(/\s+/g, ' ').trim();
  return t ? t : undefined;
};
/** The people a byline names, for a lenient comparison: "By Ann Lee and Bo Chan" ~ "Ann Lee; Bo Chan". */
export const names = (s: string): string => s.normalize('NFKC').toLowerCase().replace(/^\s*by\s+/, '').replace(/\b(?:and|by)\b/g, ' ').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

function sameDate(got: string | undefined, want: string): boolean {
  if (!got) return false;
  const w = new Date(want);
  if (/^\d{4}-\d{2}-\d{2}$/.test(got)) return !Number.isNaN(w.getTime()) && (want.slice(0, 10) === got || w.toISOString().slice(0, 10) === got);
  return new Date(got).getTime() === w.getTime();
}

/** Scores one page. */
export function scorePage(dir: string, name: string, kind: string, reader: HtmlReader): WebPageScore {
  const file = path.join(dir, name, 'source.html');
  const bytes = readFileSync(file);
  const expected = readFileSync(path.join(dir, name, 'expected.txt'), 'utf8');
  const meta = JSON.parse(readFileSync(path.join(dir, name, 'expected-metadata.json'), 'utf8')) as Record<string, string | null>;
  const want = { title: collapse(meta.title), byline: collapse(meta.byline), siteName: collapse(meta.siteName), date: collapse(meta.publishedTime) };
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const result = loadSource({ uri: `file:///${name}.html`, path: `${name}.html`, bytes: new Uint8Array(bytes) }, 4 * 1024 * 1024, { htmlReader: reader });
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const E = words(expected);
  if (!result.ok) {
    return { name, kind, bytes: bytes.length, ms, cpuMs, problem: result.problem.code, textCoverage: 0, passageCoverage: 0, boilerplate: 0, got: {}, want,
      ...(want.title ? { title: false } : {}), ...(want.byline ? { byline: false, bylineNames: false } : {}), ...(want.siteName ? { siteName: false } : {}), ...(want.date ? { published: false } : {}) };
  }
  const doc = result.source;
  const got = { title: collapse(doc.meta.title), byline: collapse(doc.meta.author), siteName: collapse(doc.meta.outlet), date: doc.meta.date };
  const P = words(passageText(doc));
  return {
    name, kind, bytes: bytes.length, ms, cpuMs, got, want,
    ...(want.title ? { title: got.title === want.title } : {}),
    ...(want.byline ? { byline: got.byline === want.byline, bylineNames: got.byline !== undefined && names(got.byline) === names(want.byline) } : {}),
    ...(want.siteName ? { siteName: got.siteName === want.siteName } : {}),
    ...(want.date ? { published: sameDate(got.date, want.date) } : {}),
    textCoverage: coverage(E, words(doc.text)),
    passageCoverage: coverage(E, P),
    boilerplate: boilerplate(E, P),
  };
}

/** The text the passages cover: the union of their spans, so a sentence and the quotation inside it count once. */
export function passageText(doc: { readonly text: string; readonly passages: readonly { readonly start: number; readonly end: number }[] }): string {
  const spans = doc.passages.map((p) => [p.start, p.end] as const).sort((a, b) => a[0] - b[0]);
  let inPassages = '';
  let reach = 0;
  for (const [s, e] of spans) {
    const from = Math.max(s, reach);
    if (e > from) inPassages += ' ' + doc.text.slice(from, e);
    reach = Math.max(reach, e);
  }
  return inPassages;
}

export const pct = (n: number, d: number): string => (d ? `${((100 * n) / d).toFixed(1)}%` : '–');

function summary(label: string, pages: readonly WebPageScore[]): string[] {
  const field = (k: 'title' | 'byline' | 'bylineNames' | 'siteName' | 'published'): string => {
    const scored = pages.filter((p) => p[k] !== undefined);
    return `${pct(scored.filter((p) => p[k]).length, scored.length)} (${scored.filter((p) => p[k]).length}/${scored.length})`;
  };
  const mean = (k: 'textCoverage' | 'passageCoverage' | 'boilerplate'): string => pct(pages.reduce((s, p) => s + p[k], 0), pages.length);
  const indexed = pages.filter((p) => !p.problem).length;
  return [
    `${label} (${pages.length} pages)`,
    `  saved pages indexed         ${indexed}/${pages.length}`,
    `  title exact                 ${field('title')}`,
    `  byline exact                ${field('byline')}`,
    `  byline, same names          ${field('bylineNames')}`,
    `  site name exact             ${field('siteName')}`,
    `  published date              ${field('published')}`,
    `  article words in text       ${mean('textCoverage')}`,
    `  article words in passages   ${mean('passageCoverage')}`,
    `  boilerplate in passages     ${mean('boilerplate')}`,
  ];
}

/** Runs the web section; returns the lines to print and the per-page scores. */
export function runWeb(corpus: string, options: { readonly errors?: number; readonly page?: string; readonly reader?: string }): { lines: string[]; pages: WebPageScore[] } | undefined {
  const dir = path.join(corpus, 'web', 'pages');
  const index = path.join(corpus, 'web', 'index.tsv');
  if (!existsSync(index)) return undefined;
  const kinds = new Map(readFileSync(index, 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t')).map(([n, k]) => [n, k]));
  const names = readdirSync(dir).filter((n) => kinds.has(n) && (!options.page || n === options.page)).sort();
  // One page first, untimed, so that compiling the reader is not counted against the first page.
  const reader: HtmlReader = options.reader === 'own' ? 'own' : 'readability';
  if (names.length) scorePage(dir, names[0], kinds.get(names[0])!, reader);
  const pages = names.map((n) => scorePage(dir, n, kinds.get(n)!, reader));
  const real = pages.filter((p) => p.kind === 'real');
  const lines = [`Saved web pages: ../shared/corpus/web (Readability test pages), reader: ${reader}`, ...summary('real pages', real), ...summary('synthetic pages', pages.filter((p) => p.kind !== 'real'))];
  const slowest = [...pages].sort((a, b) => b.ms - a.ms)[0];
  const largest = [...pages].sort((a, b) => b.bytes - a.bytes)[0];
  if (slowest) {
    const both = (p: WebPageScore): string => `${p.ms.toFixed(0)} ms (${p.cpuMs.toFixed(0)} ms of processor time)`;
    lines.push(`speed: slowest ${slowest.name} ${both(slowest)}, ${(slowest.bytes / 1e6).toFixed(2)} MB; largest ${largest.name} ${both(largest)}, ${(largest.bytes / 1e6).toFixed(2)} MB; all pages ${pages.reduce((s, p) => s + p.ms, 0).toFixed(0)} ms`);
  }
  const problems = pages.filter((p) => p.problem);
  if (problems.length) lines.push(`not indexed: ${problems.map((p) => `${p.name} (${p.problem})`).join(', ')}`);
  const n = options.errors ?? 0;
  if (n > 0) {
    lines.push('', 'real pages, lowest passage coverage:');
    for (const p of [...real].sort((a, b) => a.passageCoverage - b.passageCoverage).slice(0, n)) {
      lines.push(`  ${p.name}: text ${pct(p.textCoverage, 1)}, passages ${pct(p.passageCoverage, 1)}, boilerplate ${pct(p.boilerplate, 1)}`);
    }
    lines.push('real pages, most boilerplate:');
    for (const p of [...real].sort((a, b) => b.boilerplate - a.boilerplate).slice(0, n)) lines.push(`  ${p.name}: ${pct(p.boilerplate, 1)}`);
    for (const k of ['title', 'byline', 'siteName', 'published'] as const) {
      const wrong = pages.filter((p) => p[k] === false);
      if (!wrong.length) continue;
      lines.push(`${k} misses:`);
      const g = k === 'published' ? 'date' : k;
      for (const p of wrong.slice(0, n)) lines.push(`  ${p.name}: got ${JSON.stringify(p.got[g])}, want ${JSON.stringify(p.want[g])}`);
    }
  }
  return { lines, pages };
}
