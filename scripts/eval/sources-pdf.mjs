#!/usr/bin/env node
/**
 * Scores the PDF reader on the development set ../shared/corpus/pdf (real published PDFs with
 * poppler's pdftotext text beside each; not shipped with the project, not part of the tests).
 * The core's `loadSourceAsync` is bundled from src/ with esbuild, with pdf.js patched as the
 * package ships it (scripts/pdfjs-patches.mjs), so the script needs no build. Runnable on its own:
 *
 *   node scripts/eval/sources-pdf.mjs [--corpus DIR] [--json] [--only NAME] [--show MEASURE|uncovered]
 *
 * The reference is pdftotext's text: a reference, not ground truth (it keeps headers, drops the
 * hyphen of every word broken at a line end). Files whose text layer SOURCES.json calls
 * "garbled" or "none" are not scored on words: only on whether they are reported.
 *
 * Tokens: Unicode NFKC, lower case; a word is a run of letters, marks and digits; each Chinese or
 * Japanese character is a word of its own. Paragraphs of the reader are its text cut at blank
 * lines; "passages" are the index's passages (quotes, reported speech, clauses).
 *
 * Measures (every rule general; no file is named):
 *  - words: share of the reference's words (with multiplicity) found in the reader's text, and
 *    in its passages (the union of their spans); also without the reference's running lines
 *    (as defined for headers below, a line that is 80% one of them) and lines that are only a
 *    number, which the reader leaves out on purpose (the per-file column, marked words*); and
 *    that last share counting only words that hold a letter, since a table of figures (a tax
 *    table, a table of counts) is text a reader keeps but no passage a writer quotes.
 *  - pairs: share of the reader's consecutive word pairs, within one paragraph (or one passage),
 *    that are consecutive somewhere in the reference; also for passages outside tables' rows,
 *    which the reader reads across where pdftotext reads a table drawn column by column down
 *    each column.
 *  - headers: running lines of the reference are the first two and last two lines of each page
 *    that recur, with digits masked, on at least 3 pages and a quarter of the pages, and hold at
 *    least 4 letters; each occurrence of one (digits matching any number, case as written, so a
 *    page number glued on still matches) in the reader's paragraphs beyond those in the
 *    reference's body (a running line may be a phrase of the text too; there a hyphen of it may
 *    be missing or end a line, as pdftotext joins or breaks words) counts once, and so does
 *    a first or last paragraph of a page that is only a number (a page number) and a paragraph
 *    that is a run of five or more consecutive numbers (margin line numbers).
 *  - split words: (a) two words "t u" (a space, or a hyphen and a space, between) where "tu" is
 *    a word of the reference and "t u" never occurs there; (b) a word "t-u" where "tu" is a word
 *    of the reference and "t-u" never occurs there (a line-end hyphen kept); (c) a dash or slash
 *    glued to the word before and followed by a space ("2018– 23", "https:// www") where the
 *    reference has that dash or slash at a line end.
 *  - mid-sentence splits: a paragraph that ends without a sentence end (. ! ? : ; … 。！？,
 *    closing quotes or brackets after them) followed by one that starts with a lower-case letter.
 *  - garbled passages: passages indexed from a file whose text layer SOURCES.json calls
 *    "garbled", plus, in any file, passages where 5% or more of the characters are control
 *    characters, U+FFFD or private-use characters.
 *  - CPU: process CPU time of loadSourceAsync per file, and per 100 pages over the whole set.
 */
import * as esbuild from 'esbuild';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { pdfjsPatched } from '../pdfjs-patches.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const { values: args } = parseArgs({
  options: {
    corpus: { type: 'string', default: path.resolve(root, '../shared/corpus/pdf') },
    json: { type: 'boolean', default: false },
    only: { type: 'string' },
    show: { type: 'string' },
  },
});

// pdf.js is bundled in as the package bundles it (CommonJS, with the patches of dist/pdfjs.js):
// there it finds no `require` for the native canvas package it would load to draw.
const outdir = path.join(root, 'out', 'eval');
mkdirSync(outdir, { recursive: true });
const outfile = path.join(outdir, 'sources-pdf-core.cjs');
await esbuild.build({
  stdin: { contents: "export { loadSourceAsync } from './src/core/sources/loadSource';\nexport { cslItem } from './src/core/citations/csl';", resolveDir: root, loader: 'ts' },
  bundle: true, platform: 'node', target: 'node20', format: 'cjs', outfile, logLevel: 'error',
  plugins: [pdfjsPatched],
});
const { loadSourceAsync, cslItem } = createRequire(import.meta.url)(outfile);

const corpus = args.corpus;
const sourcesJson = JSON.parse(readFileSync(path.join(corpus, 'SOURCES.json'), 'utf8'));
const files = readdirSync(corpus).filter((f) => f.endsWith('.pdf') && (!args.only || f.includes(args.only))).sort();

const cjk = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]/u;
function words(text) {
  const out = [];
  for (const m of text.normalize('NFKC').toLowerCase().matchAll(/[\p{L}\p{M}\p{N}]+/gu)) {
    let run = '';
    for (const ch of m[0]) {
      if (cjk.test(ch)) { if (run) out.push(run); run = ''; out.push(ch); } else run += ch;
    }
    if (run) out.push(run);
  }
  return out;
}

function counts(list) {
  const map = new Map();
  for (const w of list) map.set(w, (map.get(w) ?? 0) + 1);
  return map;
}

/** Share of the reference's words found (with multiplicity) among `have`. */
function coverage(refCounts, have) {
  const got = counts(have);
  let total = 0;
  let found = 0;
  for (const [w, n] of refCounts) { total += n; found += Math.min(n, got.get(w) ?? 0); }
  return { found, total };
}

function pairAgreement(refPairs, units) {
  let total = 0;
  let found = 0;
  for (const unit of units) {
    const ws = words(unit);
    for (let i = 1; i < ws.length; i++) { total++; if (refPairs.has(`${ws[i - 1]} ${ws[i]}`)) found++; }
  }
  return { found, total };
}

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const mask = (line) => line.replace(/\s+/g, ' ').trim().replace(/\d+/g, '#');

/** The reference's running lines (see the header comment) as regular expressions. */
function runningLines(reference) {
  const pages = reference.split('\f').filter((p) => p.trim() !== '');
  if (pages.length < 3) return [];
  const seen = new Map();
  for (const page of pages) {
    const lines = page.split('\n').map((l) => l.trim()).filter(Boolean);
    const edges = new Set([...lines.slice(0, 2), ...lines.slice(-2)].map(mask));
    for (const s of edges) seen.set(s, (seen.get(s) ?? 0) + 1);
  }
  const least = Math.max(3, Math.ceil(pages.length / 4));
  return [...seen].filter(([s, n]) => n >= least && (s.match(/\p{L}/gu) ?? []).length >= 4)
    .map(([s]) => {
      const pattern = escape(s).replace(/#/g, '\\d+').replace(/ /g, '\\s*');
      // In the reference's body, pdftotext may have broken the phrase at one of its hyphens or
      // joined it there dropping the hyphen ("2021-NCSC57", "2021-⏎NCSC-57").
      return { line: s, re: new RegExp(pattern, 'g'), inBody: new RegExp(pattern.replace(/-/g, '(?:-\\s*)?'), 'g') };
    });
}

/** Where each page starts in a source's text: the first block of each page. */
function pageStartsOf(source) {
  const starts = [];
  for (const block of source.blocks) if (block.page !== undefined && starts[block.page - 1] === undefined) starts[block.page - 1] = block.start;
  return starts.filter((s) => s !== undefined);
}

const sentenceEnd = /[.!?:;…。！？][\s"'”’»」』)\]]*$/u;

/** The reference without its running lines and its lines that are only a number (page and margin line numbers). */
function referenceBody(reference, running) {
  return reference.split('\n').filter((line) => {
    const l = line.trim();
    if (/^(?:\d{1,4}|[ivxlc]{1,7})$/i.test(l)) return false;
    return !running.some(({ re }) => { re.lastIndex = 0; const m = re.exec(l); return m !== null && m[0].length >= l.length * 0.8; });
  }).join('\n');
}

function analyse(name, source, reference) {
  const ref = reference.normalize('NFKC');
  const refWords = words(ref);
  const refCounts = counts(refWords);
  const running = runningLines(reference);
  const bodyCounts = counts(words(referenceBody(ref, running)));
  const refVocab = new Set(refWords);
  const refPairs = new Set();
  for (let i = 1; i < refWords.length; i++) refPairs.add(`${refWords[i - 1]} ${refWords[i]}`);
  const refFlat = ref.toLowerCase().replace(/\s+/g, ' ');
  const paragraphs = source.text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  // The union of the passages' spans, so a quote inside a clause is counted once.
  const spans = [...source.passages].map((p) => [p.start, p.end]).sort((a, b) => a[0] - b[0]);
  const merged = [];
  for (const [s, e] of spans) {
    const last = merged.at(-1);
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  const passageTexts = merged.map(([s, e]) => source.text.slice(s, e));
  // A table's rows (a paragraph of several lines: only tables are) read across, where pdftotext
  // reads a table drawn column by column down each column: their pairs are also told apart.
  const tables = source.blocks.filter((b) => source.text.slice(b.start, b.end).includes('\n'));
  const outsideTables = merged.filter(([s]) => !tables.some((b) => s >= b.start && s < b.end)).map(([s, e]) => source.text.slice(s, e));
  const examples = { headers: [], split: [], midSentence: [], garbled: [], uncovered: [] };
  // The text no passage covers, line by line, the lines with most words first (`--show uncovered`).
  let from = 0;
  for (const [s, e] of [...merged, [source.text.length, source.text.length]]) {
    for (const line of source.text.slice(from, s).split('\n')) {
      const n = words(line).length;
      if (n) examples.uncovered.push([n, line.trim()]);
    }
    from = Math.max(from, e);
  }
  examples.uncovered = examples.uncovered.sort((a, b) => b[0] - a[0]).map(([n, line]) => `${n} ${line.slice(0, 110)}`);

  let headers = 0;
  const body = referenceBody(ref, running);
  const lettered = (list) => list.filter((w) => /\p{L}/u.test(w));
  const bodyLetterCounts = counts(lettered(words(body)));
  for (const { re, inBody, line } of running) {
    // Occurrences beyond those the reference's body holds: a running line may also be a phrase of the text.
    const inText = paragraphs.reduce((n, p) => n + (p.match(re)?.length ?? 0), 0);
    const leaked = Math.max(0, inText - (body.match(inBody)?.length ?? 0));
    if (leaked) { headers += leaked; examples.headers.push(`${leaked} × ${line}`); }
  }
  // Page numbers are the first or last paragraph of a page; margin line numbers stand anywhere.
  const starts = pageStartsOf(source);
  for (let i = 0; i < starts.length; i++) {
    const page = source.text.slice(starts[i], starts[i + 1] ?? source.text.length).split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
    page.forEach((p, k) => {
      const numbers = p.split(/\s+/).map(Number);
      const lineNumbers = numbers.length >= 5 && numbers.every((n, j) => Number.isInteger(n) && (j === 0 || n === numbers[j - 1] + 1));
      if (((k === 0 || k === page.length - 1) && /^(?:\d{1,4}|[ivxlc]{1,7})$/i.test(p)) || lineNumbers) { headers++; examples.headers.push(p); }
    });
  }

  let split = 0;
  const text = source.text.normalize('NFKC');
  for (const m of text.matchAll(/(?<![\p{L}\p{M}])([\p{L}\p{M}]+)(-?) +([\p{L}\p{M}]+)/gu)) {
    const [t, u] = [m[1].toLowerCase(), m[3].toLowerCase()];
    if (refVocab.has(t + u) && !refFlat.includes(`${t} ${u}`) && !(m[2] && refFlat.includes(`${t}- ${u}`))) { split++; examples.split.push(m[0]); }
  }
  // Overlapping pairs ("a b c") are read by a second pass that starts one word later.
  for (const m of text.matchAll(/(?<![\p{L}\p{M}])([\p{L}\p{M}]+)[-\u2010]([\p{L}\p{M}]+)(?![\p{L}\p{M}-])/gu)) {
    const [t, u] = [m[1].toLowerCase(), m[2].toLowerCase()];
    if (refVocab.has(t + u) && !refFlat.includes(`${t}-${u}`) && !refFlat.includes(`${t}\u2010${u}`)) { split++; examples.split.push(m[0]); }
  }
  for (const m of text.matchAll(/(\S+[–—/]) (\S+)/gu)) {
    const left = m[1].slice(-12);
    if (new RegExp(`${escape(left)}\\n`).test(ref)) { split++; examples.split.push(m[0]); }
  }

  let midSentence = 0;
  for (let i = 1; i < paragraphs.length; i++) {
    if (!sentenceEnd.test(paragraphs[i - 1]) && /^\p{Ll}/u.test(paragraphs[i])) {
      midSentence++;
      examples.midSentence.push(`${paragraphs[i - 1].slice(-50)} ¶ ${paragraphs[i].slice(0, 50)}`);
    }
  }

  const garbledLayer = /garbled/i.test(sourcesJson[name]?.text_layer ?? '');
  let garbled = 0;
  for (const p of source.passages) {
    const bad = (p.text.match(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffd\ue000-\uf8ff]/gu) ?? []).length;
    if (garbledLayer || bad >= p.text.length * 0.05) { garbled++; examples.garbled.push(p.text.slice(0, 60)); }
  }

  return {
    text: coverage(refCounts, words(source.text)),
    passages: coverage(refCounts, passageTexts.flatMap(words)),
    bodyText: coverage(bodyCounts, words(source.text)),
    bodyPassages: coverage(bodyCounts, passageTexts.flatMap(words)),
    bodyLetterPassages: coverage(bodyLetterCounts, lettered(passageTexts.flatMap(words))),
    pairsText: pairAgreement(refPairs, paragraphs),
    pairsPassages: pairAgreement(refPairs, passageTexts),
    pairsOutsideTables: pairAgreement(refPairs, outsideTables),
    headers, split, midSentence, garbled, examples,
  };
}

// Every file is read (and timed) first, and scored after: the scoring's own garbage, collected
// while the next file was read, was counted in that file's CPU time.
const loaded = [];
for (const file of files) {
  const bytes = new Uint8Array(readFileSync(path.join(corpus, file)));
  const cpu = process.cpuUsage();
  const result = await loadSourceAsync({ uri: `file:///${file}`, path: file, bytes }, 64 * 1024 * 1024);
  const used = process.cpuUsage(cpu);
  loaded.push({ file, result, cpuMs: (used.user + used.system) / 1000 });
}
const rows = [];
for (const { file, result, cpuMs } of loaded) {
  const info = sourcesJson[file] ?? {};
  const reference = readFileSync(path.join(corpus, file.replace(/\.pdf$/, '.pdftotext.txt')), 'utf8');
  const scored = !/garbled|none/i.test(info.text_layer ?? '');
  const row = { file, pages: info.pages ?? 0, cpuMs, scored, textLayer: info.text_layer ?? '' };
  if (!result.ok) {
    row.problem = result.problem.code;
  } else {
    const { source } = result;
    row.notices = (source.notices ?? []).map((n) => n.code);
    row.meta = source.meta;
    row.csl = cslItem(source.meta, source.passages.some((p) => p.label !== undefined)).type;
    row.passages = source.passages.length;
    Object.assign(row, analyse(file, source, reference));
  }
  rows.push(row);
}

const pct = (f) => (f.total ? (100 * f.found / f.total) : 100);
const sum = (list) => list.reduce((a, b) => ({ found: a.found + b.found, total: a.total + b.total }), { found: 0, total: 0 });
const scored = rows.filter((r) => r.scored && r.text);
const totals = {
  files: rows.length,
  scoredFiles: scored.length,
  wordsText: pct(sum(scored.map((r) => r.text))),
  wordsPassages: pct(sum(scored.map((r) => r.passages))),
  bodyText: pct(sum(scored.map((r) => r.bodyText))),
  bodyPassages: pct(sum(scored.map((r) => r.bodyPassages))),
  bodyLetterPassages: pct(sum(scored.map((r) => r.bodyLetterPassages))),
  pairsText: pct(sum(scored.map((r) => r.pairsText))),
  pairsPassages: pct(sum(scored.map((r) => r.pairsPassages))),
  pairsOutsideTables: pct(sum(scored.map((r) => r.pairsOutsideTables))),
  headers: scored.reduce((a, r) => a + r.headers, 0),
  split: scored.reduce((a, r) => a + r.split, 0),
  midSentence: scored.reduce((a, r) => a + r.midSentence, 0),
  garbled: rows.reduce((a, r) => a + (r.garbled ?? 0), 0),
  unscoredReported: rows.filter((r) => !r.scored).map((r) => `${r.file}: ${r.problem ?? (r.notices?.length ? r.notices.join(',') : 'indexed')}`),
  cpuMsPer100Pages: 100 * rows.reduce((a, r) => a + r.cpuMs, 0) / rows.reduce((a, r) => a + r.pages, 0),
};

if (args.json) {
  process.stdout.write(`${JSON.stringify({ totals, rows: rows.map(({ examples, ...r }) => r) }, null, 2)}\n`);
} else {
  const f1 = (x) => x.toFixed(1).padStart(5);
  console.log('file                                               pages  cpu ms  words* text/pass pairs text/pass  hdr split mid garb  result / CSL type');
  for (const r of rows) {
    const name = r.file.replace(/\.pdf$/, '').slice(0, 50).padEnd(50);
    if (!r.text) { console.log(`${name} ${String(r.pages).padStart(5)} ${r.cpuMs.toFixed(0).padStart(7)}  ${''.padEnd(70)}${r.problem}`); continue; }
    const result = `${r.notices.length ? r.notices.join(',') : 'indexed'} / ${r.csl}${r.scored ? '' : ' (not scored)'}`;
    console.log(`${name} ${String(r.pages).padStart(5)} ${r.cpuMs.toFixed(0).padStart(7)}  ${f1(pct(r.bodyText))} ${f1(pct(r.bodyPassages))}      ${f1(pct(r.pairsText))} ${f1(pct(r.pairsPassages))}    ${String(r.headers).padStart(4)} ${String(r.split).padStart(5)} ${String(r.midSentence).padStart(3)} ${String(r.garbled).padStart(4)}  ${result}`);
  }
  console.log(`
PDF sources (${totals.scoredFiles} of ${totals.files} files scored against pdftotext, ${corpus})
  words of pdftotext in the text / in passages   ${totals.wordsText.toFixed(1)}% / ${totals.wordsPassages.toFixed(1)}%
    the same, without pdftotext's running lines   ${totals.bodyText.toFixed(1)}% / ${totals.bodyPassages.toFixed(1)}%
    in passages, words holding a letter only      ${totals.bodyLetterPassages.toFixed(1)}%
  adjacent pairs agreeing, text / passages        ${totals.pairsText.toFixed(1)}% / ${totals.pairsPassages.toFixed(1)}%
    passages outside tables' rows                 ${totals.pairsOutsideTables.toFixed(1)}%
  running headers, footers, page numbers          ${totals.headers}
  words split or spaced at line ends              ${totals.split}
  paragraphs split mid-sentence                   ${totals.midSentence}
  garbled passages indexed                        ${totals.garbled}
  not scored (no or garbled text layer)           ${totals.unscoredReported.join('; ')}
  CPU per 100 pages (whole set)                   ${totals.cpuMsPer100Pages.toFixed(0)} ms`);
  if (args.show) {
    for (const r of rows) {
      const list = r.examples?.[args.show] ?? [];
      if (list.length) console.log(`\n${r.file}:\n  ${list.slice(0, args.show === 'uncovered' ? Infinity : 40).join('\n  ')}`);
    }
  }
}
