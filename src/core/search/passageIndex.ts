import Fuse, { type Expression, type FuseResult, type IFuseOptions } from 'fuse.js';
import type { Passage, PassageKind, SourceDoc } from '../model';
import { normalize } from '../text/normalize';
import { TermPattern, wordPattern } from './wordMatch';
import { WordIndex, type Candidate, type CandidateQuery, type CandidateResult, type PassageWords, type Scoring } from './wordIndex';

export type { PassageWords } from './wordIndex';

/** What fuse.js ranks for each candidate passage: the fields searched, and the way back. */
interface Entry {
  readonly text: string;
  readonly speaker: string;
  readonly source: string;
  readonly passage: Passage;
  readonly doc: SourceDoc;
}

/** One search result. */
export interface SearchHit {
  readonly passage: Passage;
  readonly source: SourceDoc;
  /** 0 is a perfect match, 1 no match at all (fuse.js's scale). */
  readonly score: number;
}

export interface SearchOptions {
  readonly limit?: number;
  /** Only these kinds of passage. */
  readonly kinds?: readonly PassageKind[];
  /** Only passages matching every word (no partial matches after the full ones). */
  readonly allWords?: boolean;
}

/**
 * The one place fuse.js is configured. Each option says why it has its value.
 */
export const fuseOptions: IFuseOptions<Entry> = Object.freeze({
  keys: [
    // What a writer remembers is mostly the words of the passage; the speaker, outlet or
    // title narrow it down ("pen lifeline") without outweighing the words themselves.
    { name: 'text', weight: 0.75 },
    { name: 'speaker', weight: 0.15 },
    { name: 'source', weight: 0.1 },
  ],
  // Remembered words may stand anywhere in a long passage: location must not cost anything.
  ignoreLocation: true,
  // Long passages would otherwise rank below short ones holding the same words.
  ignoreFieldNorm: true,
  // Words in any order, each one fuzzy: extended search ANDs white-space separated terms.
  useExtendedSearch: true,
  // 0.4 lets one typo in a five-letter word through ("lifline"), and rejects unrelated words.
  threshold: 0.4,
  includeScore: true,
  // Single letters match everywhere and only add noise to the score.
  minMatchCharLength: 2,
  shouldSort: true,
});

const searchedKeys = ['text', 'speaker', 'source'] as const;

/**
 * How many candidates fuse.js ranks to find `needed` more results. fuse.js costs about 0.1 ms
 * per passage for a four-word query, so it sees only the best candidates by the word index's
 * estimate, which follows fuse.js's own formula; the margin covers matches only fuse.js sees
 * (two edits, words run together) and duplicates dropped after ranking. When too few results
 * survive, the phase asks for four times as many.
 */
function rankedFor(needed: number): number {
  return needed + Math.max(4, Math.ceil(needed / 4));
}

/**
 * The most candidates one phase asks for when repeats and filtered kinds keep the list short:
 * fuse.js is not asked to read thousands of near-identical passages for one query.
 */
const maxNeeded = 2_000;

/**
 * fuse.js reads at most this many characters of a passage when a term is too long for the
 * stretches below (over 32 characters, which fuse.js cuts into pieces): its cost grows with the
 * text, and a source of one 5 MB line can make a passage of megabytes. Such a text is given as
 * the stretch around the first word of the query it holds.
 */
const maxRankedChars = 4_000;

/** Texts this short are given to fuse.js whole: finding stretches would cost more than it saves. */
const minWindowedChars = 64;

/** A query's terms, prepared once for finding their best stretches in each candidate's text. */
export interface RankedTerms {
  readonly terms: readonly string[];
  readonly patterns: readonly TermPattern[];
  /** The most edits fuse.js accepts for each term: e / length ≤ threshold. */
  readonly allowed: readonly number[];
  /**
   * What joins two stretches: more spaces than fuse.js accepts edits for any term, so that no
   * match it accepts reaches across (a space is in no term: terms are letters and digits).
   */
  readonly gap: string;
}

export function rankedTerms(terms: readonly string[]): RankedTerms {
  const threshold = fuseOptions.threshold!;
  const allowed = terms.map((t) => {
    let e = 0;
    while ((e + 1) / t.length <= threshold) e++;
    return e;
  });
  return {
    terms,
    patterns: terms.map((t) => new TermPattern(t.length <= 32 ? t : t.slice(0, 32))),
    allowed,
    gap: ' '.repeat(Math.max(0, ...allowed) + 1),
  };
}

/**
 * The text fuse.js ranks for a passage: only the stretches of it where the query's terms match
 * best, which gives the score fuse.js gives the whole text, at a fraction of its cost.
 *
 * Why the score is the same: with `ignoreLocation`, fuse.js (Bitap) scores a term against a
 * field by the fewest edits e turning the term into some stretch of the field (e / length; 0.001
 * at least), and accepts the match when that is within the threshold and, for e > 0, the
 * characters from the leftmost such stretch's start (length + e of them) include two
 * neighbours that occur in the term (`minMatchCharLength`). Each term's stretch is kept whole:
 * where it occurs as typed, the first occurrence; otherwise the leftmost stretch with fewest
 * edits and the length + e characters from its start (`TermPattern.bestStart`), plus the one
 * character before it. Stretches are kept in the text's order (overlapping ones merged) and
 * joined by more spaces than fuse.js accepts edits. Then no stretch of the joined text matches a
 * term better than the whole text does (each part lies within the text, and crossing a gap costs
 * more edits than fuse.js accepts), each term's best stretch is in it, and none to its left ties
 * with it (the character kept before it makes any start in the gap cost more); so each term's
 * edits, acceptance and leftmost stretch, hence fuse.js's score, are the same. The stretches are
 * cut from the lower-cased text, which fuse.js would search anyway (it lower-cases again,
 * changing nothing). A field equal to a term scores better than a match inside it, so a
 * single stretch that would be just the term is not used. test/unit/core/search/rankedText.test.ts holds fuse.js to this.
 */
export function rankedText(text: string, query: RankedTerms): string {
  if (text.length <= minWindowedChars) return text;
  const { terms, patterns, allowed, gap } = query;
  const lower = text.toLowerCase();
  if (lower.length !== text.length || terms.some((t) => t.length > 32)) return cappedText(text, lower, terms);
  const starts: number[] = [];
  const ends: number[] = [];
  for (let k = 0; k < terms.length; k++) {
    const term = terms[k];
    let at = lower.indexOf(term);
    let end = at + term.length;
    if (at < 0) {
      const best = patterns[k].bestStart(lower);
      if (best.edits > allowed[k]) continue;
      at = best.start;
      end = Math.min(lower.length, at + term.length + best.edits);
    }
    // Kept in order of start, by insertion.
    let i = starts.length;
    starts.push(0);
    ends.push(0);
    const from = Math.max(0, at - 1);
    while (i > 0 && starts[i - 1] > from) {
      starts[i] = starts[i - 1];
      ends[i] = ends[i - 1];
      i--;
    }
    starts[i] = from;
    ends[i] = end;
  }
  let out = '';
  for (let i = 0; i < starts.length;) {
    const from = starts[i];
    let to = ends[i];
    for (i++; i < starts.length && starts[i] <= to; i++) to = Math.max(to, ends[i]);
    out += (out ? gap : '') + lower.slice(from, to);
  }
  // fuse.js scores a field equal to a term 0, better than any match inside a longer text.
  return terms.includes(out) ? text : out;
}

/** The old way, for a text or term fuse.js reads otherwise: at most maxRankedChars around the first term found. */
function cappedText(text: string, lower: string, terms: readonly string[]): string {
  if (text.length <= maxRankedChars) return text;
  let at = -1;
  for (const term of terms) {
    at = lower.indexOf(term);
    if (at >= 0) break;
  }
  const start = Math.max(0, Math.min(text.length - maxRankedChars, at - maxRankedChars / 2));
  return text.slice(start, start + maxRankedChars);
}

/** fuse.js's scoring as configured above, for the candidate estimate (weights sum to 1 as fuse.js makes them). */
const scoring: Scoring = (() => {
  const keys = fuseOptions.keys as readonly { name: string; weight: number }[];
  const total = keys.reduce((sum, key) => sum + key.weight, 0);
  const weight = (name: string): number => (keys.find((key) => key.name === name)?.weight ?? 0) / total;
  return { weights: { text: weight('text'), speaker: weight('speaker'), source: weight('source') }, threshold: fuseOptions.threshold! };
})();

/**
 * The searchable index of every passage of every source. Sources are replaced or removed one
 * at a time, without rebuilding the rest.
 *
 * fuse.js ranks; it never reads the whole library. A word index (`wordIndex.ts`) proposes the
 * passages that hold every query word as typed or within one typo (for the words that seem
 * mistyped: see there), best first by an estimate of fuse.js's own score, and fuse.js scores
 * and orders those few with the options above. The cost of a query thus follows the number of
 * passages holding its rarest word, not the library's size.
 */
export class PassageIndex {
  readonly #words = new WordIndex(scoring);

  /** Number of passages indexed. */
  get size(): number {
    return this.#words.size;
  }

  /** Number of distinct words in the index (texts, speakers and source labels). */
  get vocabulary(): number {
    return this.#words.vocabulary;
  }

  /** Adds a source's passages, replacing any it had before; `words` as `passageWords` gave them (from the index cache). */
  setSource(doc: SourceDoc, words?: PassageWords): void {
    this.#words.add(doc, sourceLabel(doc), words);
  }

  /** A source's passages as the index read them, to be saved with the index cache. */
  passageWords(uri: string): PassageWords | undefined {
    return this.#words.passageWords(uri);
  }

  removeSource(uri: string): void {
    this.#words.remove(uri);
  }

  /** Makes the index ready for a search now; otherwise the first search after changes does it. */
  flush(): void {
    this.#words.flush();
  }

  /**
   * Passages for the words a writer remembers, best first. Every word must match (fuzzily);
   * when that leaves fewer results than asked for, passages matching some of the words follow.
   * A passage whose text appears twice in one source is listed once, and a sentence is not
   * listed beside the reported speech or term it holds when that matches as well.
   */
  search(query: string, options: SearchOptions = {}): SearchHit[] {
    return inTwoReadings(query, options, (terms, opts, ranked = terms) => this.#words.withTerms(terms, (candidatesFor) => searchWith(ranked, opts, candidatesFor)));
  }
}

/**
 * fuse.js over every passage of `docs`, as Verbatim searched before the word index: what
 * `PassageIndex.search` returns, found the slow way. For tests and the benchmark.
 */
export function exhaustiveSearch(docs: readonly SourceDoc[], query: string, options: SearchOptions = {}): SearchHit[] {
  const labels = docs.map((doc) => sourceLabel(doc));
  let slot = 0;
  const all: Candidate[] = docs.flatMap((doc, i) => doc.passages.map((passage) => ({ slot: slot++, passage, doc, label: labels[i] })));
  return inTwoReadings(query, options, (terms, opts, ranked = terms) => searchWith(ranked, opts, () => ({ candidates: all, truncated: false })));
}

/**
 * A query in Chinese or Japanese is typed without spaces, so its words are not known: "数据多跑"
 * is four characters copied from the middle of a passage, "周建国试点" a speaker and a word. The
 * query is first read as typed, each run of such characters one term that must appear as it is
 * (fuse.js finds it inside the passage's text); when that leaves too few results, the runs are
 * cut into words (see `cjkWords`) and passages holding each word anywhere follow.
 */
function inTwoReadings(query: string, options: SearchOptions, run: (terms: readonly string[], options: SearchOptions, ranked?: readonly string[]) => SearchHit[]): SearchHit[] {
  const figures = cutFigures(query);
  if (figures.length > 0) {
    // A figure the query's words would cut into single digits ("4.5%") is ranked as typed, and
    // found through its digits as words of the index.
    const rest = queryTerms(figures.reduce((q, f) => q.split(f).join(' '), normalize(query).text));
    const pieces = figures.flatMap((f) => f.split(/[.,]/));
    return run([...new Set([...rest, ...pieces])], options, [...rest, ...figures]);
  }
  const terms = queryTerms(query);
  const words = queryTerms(query, true);
  const split = words.length > 0 && words.join(' ') !== terms.join(' ');
  const hits = terms.length > 0 ? run(terms, split ? { ...options, allWords: true } : options) : [];
  const limit = options.limit ?? 20;
  if (!split || hits.length >= limit) return hits;
  const seen = new Set(hits.map((h) => h.passage));
  // A passage found only by the words, not by the run as typed, ranks after those found by it.
  const more = run(words, { ...options, limit: limit + hits.length }).filter((h) => !seen.has(h.passage) && !hits.some((k) => k.source === h.source && k.passage.text === h.passage.text));
  return [...hits, ...more.map((h) => ({ ...h, score: Math.min(1, h.score + 0.1) }))].slice(0, limit);
}

function sourceLabel(doc: SourceDoc): string {
  return [doc.meta.key, doc.meta.outlet, doc.meta.author, doc.meta.title].filter(Boolean).join(' ');
}

/**
 * The search itself: fuse.js ranks the candidates of each phase (every word, then some of the
 * words) and the results are collected best first, a text repeated in one source once.
 */
function searchWith(terms: readonly string[], options: SearchOptions, candidatesFor: (query: CandidateQuery) => CandidateResult): SearchHit[] {
  const limit = options.limit ?? 20;
  if (limit <= 0) return [];
  const kinds = options.kinds;
  const normalized = new Map<Passage, string>();
  const normal = (p: Passage): string => {
    let n = normalized.get(p);
    if (n === undefined) normalized.set(p, n = normalize(p.text).text);
    return n;
  };
  // Only results of one source can repeat each other, so texts are normalised only when two
  // results share a source.
  const repeats = (into: readonly SearchHit[], passage: Passage, doc: SourceDoc): boolean =>
    into.some((h) => h.source.meta.key === doc.meta.key && (h.passage.text === passage.text || normal(h.passage) === normal(passage)));
  // A sentence is a clause beside the reported speech or the term it holds: for words that
  // passage matches as well, the sentence would list the same words twice, and the passage (with
  // its speaker) is the one listed. Words of the sentence around it make the sentence the better match.
  const within = (inner: Passage, outer: Passage): boolean => inner !== outer && outer.start <= inner.start && inner.end <= outer.end;
  const collect = (results: readonly FuseResult<Entry>[], penalty: number, into: SearchHit[]): void => {
    for (const r of results) {
      if (into.length >= limit) return;
      const { passage, doc } = r.item;
      if (kinds && !kinds.includes(passage.kind)) continue;
      if (repeats(into, passage, doc)) continue;
      if (!figuresFound(passage.text, terms)) continue;
      if (passage.kind === 'clause' && into.some((h) => h.source === doc && within(h.passage, passage))) continue;
      const hit = { passage, source: doc, score: Math.min(1, (r.score ?? 1) + penalty) };
      // Listed first by a tie in score, the sentence gives its place to the passage it holds.
      const outer = into.findIndex((h) => h.source === doc && h.passage.kind === 'clause' && h.score >= hit.score && within(passage, h.passage));
      if (outer >= 0) into[outer] = hit;
      else into.push(hit);
    }
  };
  let hits: SearchHit[] = [];
  /** Where the index keeps each passage proposed, for asking it not to propose a result again. */
  const slots = new Map<Passage, number>();
  const prepared = rankedTerms(terms);
  // Ranks the candidates of one phase; asks for more when too many of them were repeats or
  // filtered out to fill the list.
  const phase = (mode: 'all' | 'some', expression: Expression, penalty: number): void => {
    for (let needed = limit - hits.length; ; needed = Math.min(maxNeeded, needed * 4)) {
      const exclude = new Set(hits.map((h) => slots.get(h.passage)!));
      const { candidates, truncated } = candidatesFor({ kinds, mode, max: rankedFor(needed), needed, exclude });
      for (const c of candidates) slots.set(c.passage, c.slot);
      const entries = candidates.map(({ passage, doc, label }): Entry => ({ text: rankedText(passage.text, prepared), speaker: passage.speaker ?? '', source: rankedText(label, prepared), passage, doc }));
      const into = [...hits];
      collect(rank(new Fuse(entries, fuseOptions).search(expression)), penalty, into);
      if (into.length >= limit || !truncated || needed >= maxNeeded) {
        hits = into;
        return;
      }
    }
  };
  // Each word must match one of the fields, not necessarily the same one ("pen lifeline").
  const anyField = (term: string): Expression => ({ $or: searchedKeys.map((key) => ({ [key]: term })) });
  phase('all', { $and: terms.map(anyField) }, 0);
  if (hits.length < limit && terms.length > 1 && !options.allWords) phase('some', { $or: terms.map(anyField) }, 0.25);
  return hits;
}

/**
 * Whether a passage that is mostly figures (a table's row, "All berths 764 12,529 13,000") holds
 * one of the terms in its own words: a title or a speaker matching the query lets any other
 * passage of the source in, but a row of figures only when its label or a figure was asked for,
 * so that rows never crowd the passages a word query looks for.
 */
function figuresFound(text: string, terms: readonly string[]): boolean {
  const lower = text.toLowerCase();
  const words = lower.match(wordPattern) ?? [];
  let figures = 0;
  for (const w of words) if (!/\p{L}/u.test(w)) figures++;
  if (figures * 2 <= words.length) return true;
  return terms.some((t) => lower.includes(t));
}

/**
 * Direct quotations first among equals: they are what a writer most often looks for; the
 * writer's own highlights before them, well ahead, since the writer marked them to quote.
 */
function rank(results: FuseResult<Entry>[]): FuseResult<Entry>[] {
  const preferred = { highlight: 0.1, quote: 0.02, reported: 0, clause: 0, term: 0 } as const;
  const boost = (r: FuseResult<Entry>): number => (r.score ?? 1) - preferred[r.item.passage.kind];
  return results.sort((a, b) => boost(a) - boost(b));
}

/** The figures of a query that its words would cut into pieces of one digit ("4.5", "3,2"): fuse.js never matches a term of one character. */
function cutFigures(query: string): string[] {
  const figures: string[] = [];
  for (const [figure] of normalize(query).text.matchAll(/(?<![\d.,])\d+(?:[.,]\d+)+/g)) if (figure.split(/[.,]/).some((piece) => piece.length < 2)) figures.push(figure);
  return figures;
}

/**
 * The query's words, lower-cased, without punctuation or the characters fuse.js's extended
 * search reads as operators (' = ! ^ $ |), so that what a writer types is always words. A
 * term of one character is dropped: fuse.js (`minMatchCharLength: 2`) never matches it.
 * With `cutCjk`, runs of Chinese and Japanese characters are cut into words (`cjkWords`).
 */
export function queryTerms(query: string, cutCjk = false): string[] {
  const terms = normalize(query).text.toLowerCase().split(/[^\p{L}\p{N}]+/u);
  return (cutCjk ? terms.flatMap((t) => (cjkRun.test(t) ? cjkWords(t) : [t])) : terms)
    .filter((w) => w.length >= 2)
    .slice(0, 12);
}

const cjkRun = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
let wordSegmenter: Intl.Segmenter | undefined;

/**
 * The words of a run of Chinese or Japanese characters, by the dictionary of Unicode's word
 * segmentation (ICU, built into JavaScript). A name the dictionary does not know comes out as
 * single characters ("周|建国", "王|丽"): neighbouring single characters are joined, and a single
 * one left over joins the word after it (before it at the end), since fuse.js never matches a
 * term of one character. Every word is a stretch of the run as typed.
 */
export function cjkWords(run: string): string[] {
  wordSegmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  const pieces: string[] = [];
  let singles = '';
  for (const { segment } of wordSegmenter.segment(run)) {
    if (segment.length === 1) { singles += segment; continue; }
    if (singles.length === 1) pieces.push(singles + segment);
    else { if (singles) pieces.push(singles); pieces.push(segment); }
    singles = '';
  }
  if (singles.length === 1 && pieces.length) pieces[pieces.length - 1] += singles;
  else if (singles) pieces.push(singles);
  return pieces;
}
