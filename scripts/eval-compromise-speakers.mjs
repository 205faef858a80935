#!/usr/bin/env node
/**
 * Measures what the NLP library `compromise` (a devDependency, not shipped) would give speaker
 * attribution, beside Verbatim's own rules, to decide whether to adopt it.
 *
 * Reads ../shared/corpus/polnear (dev split, its scoring as in scripts/eval-polnear.mjs) and
 * ../shared/corpus/web (the real saved pages) beside the repository. Those corpora are not
 * shipped with the project, so this script is a benchmark for developers and is NOT part of the
 * default test command.
 *
 *   node scripts/eval-compromise-speakers.mjs [--split dev|train]
 *
 * Three figures:
 *
 * 1. Finder, PolNeAR: compromise's people() and organizations() in a quotation's paragraph,
 *    outside quotations, the one nearest the quotation (else the last one of the paragraphs
 *    before), as the quotation's speaker; scored as eval-polnear.mjs scores attribution.
 * 2. Filter, PolNeAR: Verbatim's speakers kept only where compromise calls the words of the
 *    speaker mention a person, an organisation or a pronoun; how many right speakers it would
 *    drop and how many wrong ones it would catch.
 * 3. Filter, web pages: of the speakers Verbatim gives on the real pages, the share compromise
 *    calls a person or an organisation where the page names them, beside the rule of
 *    scripts/eval-web-speakers.mjs.
 */
import * as esbuild from 'esbuild';
import nlp from 'compromise';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { loadSplit } from './eval-polnear.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({ options: { split: { type: 'string', default: 'dev' } } });
const polnear = path.resolve(here, '../../shared/corpus/polnear');
const web = path.resolve(here, '../../shared/corpus/web');

const outfile = path.join(mkdtempSync(path.join(tmpdir(), 'verbatim-nlp-')), 'core.mjs');
await esbuild.build({
  stdin: {
    contents: "export { loadSource } from './src/core/sources/loadSource'; export { extractPassages } from './src/core/extraction/extractPassages'; export { readBlocks } from './src/core/text/paragraphs';",
    resolveDir: path.resolve(here, '..'), loader: 'ts',
  },
  bundle: true, platform: 'node', format: 'esm', outfile, logLevel: 'error',
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});
const { loadSource, extractPassages, readBlocks } = await import(pathToFileURL(outfile).href);

/** The spans compromise calls people, organisations (and pronouns, when asked) in `text`, offset by `base`. */
function entities(text, base, withPronouns = false) {
  const doc = nlp(text);
  const spans = [];
  const add = (view, kind) => {
    for (const item of view.json({ offset: true })) {
      spans.push({ kind, text: item.text, start: base + item.offset.start, end: base + item.offset.start + item.offset.length });
    }
  };
  add(doc.people(), 'person');
  add(doc.organizations(), 'organisation');
  if (withPronouns) add(doc.pronouns(), 'pronoun');
  return spans;
}

const overlaps = (a, b) => Math.max(a.start, b.start) < Math.min(a.end, b.end);
const lastWord = (name) => name.toLowerCase().replace(/['’]s\b/g, '').split(/\s+/).map((w) => w.replace(/[^\p{L}\p{N}]/gu, '')).filter(Boolean).at(-1) ?? '';
const sourceText = (text, ranges) => ranges.map(([s, e]) => text.slice(s, e)).join(' ');
function right(text, speaker, mention, source) {
  if (mention && source.some(([s, e]) => Math.max(s, mention.start) < Math.min(e, mention.end))) return true;
  const word = lastWord(speaker ?? '');
  return word !== '' && word === lastWord(sourceText(text, source));
}
function iou(a, b) {
  const inter = Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
  return inter / (Math.max(a.end, b.end) - Math.min(a.start, b.start));
}

// ---------------------------------------------------------------------------------------
// PolNeAR: finder and filter

const articles = loadSplit(polnear, values.split);
let evaluated = 0;
const ours = { right: 0 };
const finder = { right: 0, none: 0 };
const filter = { keptRight: 0, droppedRight: 0, keptWrong: 0, droppedWrong: 0 };
let nlpMs = 0;
let ourMs = 0;
for (const article of articles) {
  const { text } = article;
  let t0 = performance.now();
  const passages = extractPassages(text, readBlocks(text, 0), 'k', undefined).filter((p) => p.kind === 'quote');
  ourMs += performance.now() - t0;
  t0 = performance.now();
  // Paragraphs as the corpus scoring reads them: each line.
  const paragraphs = [...text.matchAll(/[^\n]+/g)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  const found = paragraphs.map((p) => entities(text.slice(p.start, p.end), p.start, true));
  nlpMs += performance.now() - t0;
  const quoteSpans = article.gold.map((g) => ({ start: g.start - 1, end: g.end + 1 }));
  const used = new Set();
  for (const gold of article.gold) {
    if (!gold.source) continue;
    let best;
    for (const p of passages) if (!used.has(p) && iou(p, gold) >= 0.8 && (!best || iou(p, gold) > iou(best, gold))) best = p;
    if (!best) continue;
    used.add(best);
    evaluated++;
    const ok = right(text, best.speaker, best.speakerMention, gold.source);
    if (ok) ours.right++;

    // Finder: the nearest person or organisation of the paragraph outside quotations, else the latest before.
    const at = paragraphs.findIndex((p) => gold.start >= p.start && gold.start < p.end);
    const outside = (e) => e.kind !== 'pronoun' && !quoteSpans.some((q) => overlaps(e, q));
    const candidates = (found[at] ?? []).filter(outside);
    let pick = candidates.sort((a, b) => distance(a, gold) - distance(b, gold))[0];
    for (let k = at - 1; !pick && k >= 0 && k >= at - 3; k--) pick = found[k].filter(outside).at(-1);
    if (!pick) finder.none++;
    else if (right(text, pick.text, pick, gold.source)) finder.right++;

    // Filter: does compromise call our mention a person, an organisation or a pronoun?
    if (best.speaker) {
      const mention = best.speakerMention;
      const confirmed = mention && (found[paragraphs.findIndex((p) => mention.start >= p.start && mention.start < p.end)] ?? []).some((e) => overlaps(e, mention));
      filter[`${confirmed ? 'kept' : 'dropped'}${ok ? 'Right' : 'Wrong'}`]++;
    }
  }
}
function distance(span, gold) {
  return Math.max(span.start - gold.end, gold.start - span.end, 0);
}

const pct = (n, d) => `${(100 * n / Math.max(1, d)).toFixed(1)}%`;
console.log(`PolNeAR ${values.split}: ${articles.length} articles, ${evaluated} matched quotations with a Source span`);
console.log(`  Verbatim's rules            attribution ${(ours.right / evaluated).toFixed(3)} (${ours.right}/${evaluated}), extraction ${ourMs.toFixed(0)} ms`);
console.log(`  compromise as finder        attribution ${(finder.right / evaluated).toFixed(3)} (${finder.right}/${evaluated}; ${finder.none} with no candidate), tagging ${nlpMs.toFixed(0)} ms`);
const keptAll = filter.keptRight + filter.keptWrong;
console.log(`  compromise as filter        keeps ${keptAll} speakers: drops ${filter.droppedRight} right ones (${pct(filter.droppedRight, filter.keptRight + filter.droppedRight)} of the right), catches ${filter.droppedWrong} wrong ones (${pct(filter.droppedWrong, filter.keptWrong + filter.droppedWrong)} of the wrong)`);
console.log(`                              attribution if dropped speakers count as missing: ${(filter.keptRight / evaluated).toFixed(3)}`);

// ---------------------------------------------------------------------------------------
// Web pages: does compromise call the speakers Verbatim gives a person or an organisation?

const rows = readFileSync(path.join(web, 'index.tsv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t'));
let given = 0;
let confirmed = 0;
const unconfirmed = [];
for (const [name, kind] of rows) {
  if (kind !== 'real') continue;
  const bytes = readFileSync(path.join(web, 'pages', name, 'source.html'));
  const result = loadSource({ uri: `web:/${name}`, path: `${name}.html`, bytes }, 5_000_000);
  if (!result.ok) continue;
  const { text } = result.source;
  for (const p of result.source.passages) {
    if (p.kind !== 'quote' || !p.speaker || !p.speakerMention) continue;
    given++;
    const m = p.speakerMention;
    const from = Math.max(0, text.lastIndexOf('\n', m.start) + 1);
    const to = text.indexOf('\n', m.end) < 0 ? text.length : text.indexOf('\n', m.end);
    const spans = entities(text.slice(from, to), from, true);
    if (spans.some((e) => overlaps(e, m))) confirmed++;
    else unconfirmed.push(`${name}: ${p.speaker}`);
  }
}
console.log(`web pages (real): ${given} speakers given by Verbatim; compromise calls ${confirmed} (${pct(confirmed, given)}) a person, organisation or pronoun where the page names them`);
console.log(`  not confirmed (distinct): ${[...new Set(unconfirmed)].slice(0, 40).join("; ")}`);
