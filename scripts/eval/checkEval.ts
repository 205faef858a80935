import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { createVerbatimService, type Finding, type IWorkspace, type SourceRef } from '../../src/core';
// The corpus reader of the extraction evaluation, so both read PolNeAR the same way.
// @ts-expect-error: a plain JavaScript module without types
import { loadSplit } from '../eval-polnear.mjs';

interface Gold { start: number; end: number; closed: boolean; source: [number, number][] | null }
interface Article { name: string; file: string; text: string; gold: Gold[] }
interface Case { kind: string; faithful: boolean; draft: string; article: string; original: string }

const flaggedVerdicts = new Set(['altered', 'misattributed', 'wrong-source', 'not-found']);
const pronouns = /^(?:he|she|they|it|we|i|you|him|her|them)$/i;
const auxiliaries = /\b(is|are|was|were|will|would|can|could|should|do|does|did|has|have|had|must)\b (?!not\b)/;
const numberWords = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

/** Sentences that give a quotation to a speaker, as writers word them. */
const attributionForms: ((name: string, quote: string) => string)[] = [
  (n, q) => `${n}, a longtime observer of the race, said “${q}”`,
  (n, q) => `According to ${n}, “${q}”`,
  (n, q) => `${n} told reporters: “${q}”`,
  (n, q) => `“${q.replace(/[.]$/, ',')}” ${n} said.`,
  (n, q) => `A person close to the campaign, ${n}, said “${q}”`,
  (n, q) => `${n} spoke on Tuesday.\n\nHe said: “${q}”`,
  (n, q) => `In an interview, ${n} said that “${q}”`,
];

class ArticlesWorkspace implements IWorkspace {
  constructor(private readonly articles: readonly Article[]) {}
  async findSources(): Promise<readonly SourceRef[]> {
    return this.articles.map((a) => ({ uri: `polnear:/${a.file}`, path: a.file }));
  }
  async readFile(ref: SourceRef): Promise<Uint8Array> {
    return new TextEncoder().encode(this.articles.find((a) => a.file === ref.path)!.text);
  }
}

/** The last word of a name that is a word (no age, no party in parentheses), lower-cased, without a possessive. */
function surname(name: string): string {
  const words = name.replace(/\([^)]*\)/g, ' ').replace(/['’]s?(?=\s|,|$)/g, '').split(/[\s,]+/).filter((w) => /^\p{L}/u.test(w));
  return (words.at(-1) ?? '').replace(/[^\p{L}\p{N}-]/gu, '').toLowerCase();
}

/** Whether a speaker phrase names someone, rather than describing ("His", "Another", "Trump's mind", "Clinton supporters"). */
function isName(name: string): boolean {
  if (/^(?:His|Her|Their|Its|Our|My|Another|One|Several|Some|Many|Most|All|Both|Each|This|That|These|Those|According)\b/.test(name)) return false;
  const words = name.replace(/\([^)]*\)/g, ' ').split(/[\s,]+/).filter((w) => /^\p{L}/u.test(w));
  return words.length > 0 && /^\p{Lu}/u.test(words.at(-1)!);
}

/** A deterministic choice, so every run checks the same cases. */
function pick<T>(items: readonly T[], seed: number): T {
  return items[Math.abs(seed) % items.length];
}

function speakerName(article: Article, gold: Gold): string | undefined {
  if (!gold.source) return undefined;
  const name = gold.source.map(([s, e]) => article.text.slice(s, e)).join(' ').trim();
  const words = name.split(/\s+/);
  if (pronouns.test(name) || words.length > 4 || !/^\p{Lu}/u.test(name) || /^(?:The|A|An)\b/.test(name)) return undefined;
  return name;
}

function casesFor(article: Article, others: readonly string[], otherNames: readonly string[], fabricated: readonly string[], seed: number): Case[] {
  const key = article.file.replace(/\.txt$/, '');
  const cases: Case[] = [];
  const names = [...new Set(article.gold.map((g) => speakerName(article, g)).filter((n): n is string => Boolean(n)))];
  article.gold.forEach((gold, gi) => {
    const text = article.text.slice(gold.start, gold.end);
    const words = text.split(/\s+/).filter(Boolean);
    if (!gold.closed || words.length < 6 || /\n/.test(text)) return;
    const s = seed + gi * 7919;
    const add = (kind: string, faithful: boolean, quote: string, before = ''): void => {
      cases.push({ kind, faithful, draft: `${before}“${quote}” [@${key}].`, article: article.name, original: text });
    };
    add('verbatim', true, text);
    if (/’/.test(text)) add('straight apostrophes', true, text.replace(/’/g, "'"));
    if (words.length >= 10) {
      const a = 3 + (s % Math.max(1, words.length - 8));
      const k = 2 + (s % 3);
      add('ellipsis', true, [...words.slice(0, a), '…', ...words.slice(a + k)].join(' '));
    }
    const speaker = speakerName(article, gold);
    if (speaker) {
      add('attributed', true, text, `${speaker} said `);
      // Another speaker: a name (not "His", "Another", "Trump's mind") whose surname differs, read
      // without an age, a party or a possessive ("Jim Bennett, 57," and "Clinton’s" are the same people).
      const wrongFor = (n: string): boolean => isName(n) && surname(n) !== surname(speaker);
      const other = names.filter(wrongFor);
      const wrong = other.length ? pick(other, s) : pick(otherNames.filter(wrongFor), s);
      add('misattributed', false, text, `${wrong} said `);
      // The ways news prose names a speaker: appositions and descriptions around the name,
      // "according to", "told", the attribution after the quotation, a pronoun in the next paragraph.
      const form = pick(attributionForms, s + 3);
      cases.push({ kind: 'attributed, varied', faithful: true, draft: `${form(speaker, text)} [@${key}].`, article: article.name, original: text });
      cases.push({ kind: 'misattributed, varied', faithful: false, draft: `${form(wrong, text)} [@${key}].`, article: article.name, original: text });
    }
    const digit = words.findIndex((w) => /\d/.test(w));
    const numberWord = words.findIndex((w) => numberWords.includes(w.toLowerCase()));
    if (digit >= 0) add('number', false, words.map((w, i) => (i === digit ? w.replace(/\d/, (d) => String((Number(d) + 1) % 10)) : w)).join(' '));
    else if (numberWord >= 0) add('number', false, words.map((w, i) => (i === numberWord ? pick(numberWords.filter((n) => n !== w.toLowerCase()), s) : w)).join(' '));
    if (/\bnot\b/.test(text)) add('negation', false, text.replace(/\bnot /, ''));
    else if (auxiliaries.test(text)) add('negation', false, text.replace(auxiliaries, '$1 not '));
    const middle = words.map((w, i) => ({ w, i })).filter(({ w, i }) => i > 0 && i < words.length - 1 && /^\p{Ll}{4,}$/u.test(w));
    if (middle.length) {
      const { i } = pick(middle, s);
      const replacement = pick(others.filter((o) => o !== words[i].toLowerCase()), s + i);
      add('word replaced', false, words.map((w, j) => (j === i ? replacement : w)).join(' '));
      add('word dropped', false, words.filter((_, j) => j !== i).join(' '));
      const next = i + 1 < words.length - 1 ? i + 1 : i - 1;
      if (words[next].toLowerCase() !== words[i].toLowerCase()) {
        const swapped = [...words];
        [swapped[i], swapped[next]] = [swapped[next], swapped[i]];
        add('words swapped', false, swapped.join(' '));
      }
    }
    const capital = words.findIndex((w, i) => i > 0 && /^\p{Lu}\p{Ll}+$/u.test(w) && !/[.!?]$/.test(words[i - 1]));
    if (capital >= 0) {
      const replacement = pick(otherNames.map((n) => n.split(' ').pop()!).filter((n) => /^\p{Lu}\p{Ll}+$/u.test(n) && n !== words[capital]), s);
      add('name changed', false, words.map((w, i) => (i === capital ? replacement : w)).join(' '));
    }
    if (fabricated.length) add('fabricated', false, pick(fabricated, s));
  });
  return cases;
}

export async function run(argv: string[], root: string): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { split: { type: 'string', default: 'dev' }, articles: { type: 'string' }, corpus: { type: 'string' }, errors: { type: 'string', default: '0' }, json: { type: 'boolean' } } });
  const corpus = values.corpus ?? path.resolve(root, '../shared/corpus/polnear');
  const split = values.split!;
  const otherSplit = split === 'dev' ? 'train' : 'dev';
  // --articles N takes every k-th article so a sample of a large split spans its publishers.
  const all: Article[] = loadSplit(corpus, split);
  const wanted = values.articles ? Number(values.articles) : all.length;
  const step = Math.max(1, Math.floor(all.length / wanted));
  const articles = all.filter((_, i) => i % step === 0).slice(0, wanted);
  const other: Article[] = loadSplit(corpus, otherSplit).slice(0, 100);
  const fabricated = other.flatMap((a) => a.gold.filter((g) => g.closed).map((g) => a.text.slice(g.start, g.end))).filter((t) => t.split(/\s+/).length >= 6 && !/\n/.test(t));
  const vocabulary = [...new Set(articles.flatMap((a) => a.text.toLowerCase().match(/\b[a-z]{5,9}\b/g) ?? []))].sort();
  const otherNames = [...new Set(articles.flatMap((a) => a.gold.map((g) => speakerName(a, g)).filter((n): n is string => Boolean(n))))].sort();

  const service = createVerbatimService({ workspace: new ArticlesWorkspace(articles) });
  const started = performance.now();
  await service.reindex();
  const indexMs = performance.now() - started;
  const cases = articles.flatMap((a, i) => casesFor(a, vocabulary, otherNames, fabricated, i * 104729));
  const byKind = new Map<string, { total: number; hit: number; misses: { c: Case; f: Finding | undefined }[] }>();
  let findingsWithNote = 0;
  const checkStarted = performance.now();
  for (const c of cases) {
    const finding = (await service.checkDraft(c.draft))?.[0];
    const verdict = finding?.verdict ?? 'none';
    if (finding?.speakerUnverified) findingsWithNote++;
    const hit = c.faithful ? !flaggedVerdicts.has(verdict) : c.kind.startsWith('misattributed') ? verdict === 'misattributed' : flaggedVerdicts.has(verdict);
    const entry = byKind.get(c.kind) ?? { total: 0, hit: 0, misses: [] };
    entry.total++;
    if (hit) entry.hit++;
    else entry.misses.push({ c, f: finding });
    byKind.set(c.kind, entry);
  }
  const checkMs = performance.now() - checkStarted;
  const rows = [...byKind.entries()].map(([kind, e]) => ({ kind, faithful: cases.find((c) => c.kind === kind)!.faithful, total: e.total, share: e.hit / e.total, ...(e) }));
  const sum = (faithful: boolean) => rows.filter((r) => r.faithful === faithful && (faithful || !r.kind.startsWith('misattributed'))).reduce((a, r) => ({ total: a.total + r.total, hit: a.hit + r.hit }), { total: 0, hit: 0 });
  const problems = sum(false);
  const faithful = sum(true);
  if (values.json) {
    console.log(JSON.stringify({ split, articles: articles.length, cases: cases.length, rows: rows.map(({ kind, faithful: f, total, hit }) => ({ kind, faithful: f, total, correct: hit })), flagged: problems.hit / problems.total, wronglyFlagged: 1 - faithful.hit / faithful.total }, null, 2));
    return 0;
  }
  console.log(`PolNeAR ${split}: ${articles.length} articles as sources (indexed in ${indexMs.toFixed(0)} ms), ${cases.length} quotations checked in ${checkMs.toFixed(0)} ms`);
  console.log('');
  console.log('kind of change          quotations   handled right');
  for (const r of rows) console.log(`${(r.faithful ? '  faithful: ' : '  problem:  ') + r.kind.padEnd(22)} ${String(r.total).padStart(6)}   ${(100 * r.share).toFixed(1).padStart(5)}% ${r.faithful ? 'not flagged' : r.kind === 'misattributed' ? 'called misattributed' : 'flagged'}`);
  console.log('');
  console.log(`altered and fabricated quotations flagged: ${(100 * problems.hit / problems.total).toFixed(1)}% (${problems.hit}/${problems.total})`);
  const mis = byKind.get('misattributed');
  if (mis) console.log(`misattributed quotations called so:        ${(100 * mis.hit / mis.total).toFixed(1)}% (${mis.hit}/${mis.total})`);
  const varied = byKind.get('misattributed, varied');
  if (varied) console.log(`  …with varied attributions:               ${(100 * varied.hit / varied.total).toFixed(1)}% (${varied.hit}/${varied.total})`);
  const unverified = cases.length ? findingsWithNote : 0;
  console.log(`speaker left unverified (information):   ${unverified} quotations`);
  console.log(`faithful quotations wrongly flagged:       ${(100 * (1 - faithful.hit / faithful.total)).toFixed(2)}% (${faithful.total - faithful.hit}/${faithful.total})`);
  const n = Number(values.errors);
  if (n > 0) {
    for (const r of rows) {
      if (!r.misses.length) continue;
      console.log(`\n== ${r.kind}: ${r.misses.length} missed`);
      for (const { c, f } of r.misses.slice(0, n)) {
        console.log(`  ${c.article}\n    draft:  ${c.draft.slice(0, 220)}\n    source: ${c.original.slice(0, 160)}\n    → ${f?.verdict ?? 'no quotation found'}${f?.sourceSpeaker ? ` (source speaker ${f.sourceSpeaker})` : ''}${f?.quote.speaker ? ` (draft speaker ${f.quote.speaker.name})` : ''}${f?.speakerUnverified ? ` (unverified: ${f.speakerUnverified.reason}${f.speakerUnverified.sourceSpeaker ? `, ${f.speakerUnverified.sourceSpeaker}` : ''})` : ''}${f?.passage ? ` (source passage speaker ${f.passage.speaker ?? 'none'})` : ''}`);
      }
    }
  }
  return 0;
}
