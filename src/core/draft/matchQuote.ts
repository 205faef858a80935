import type { Passage, SourceDoc, Span } from '../model';
import type { Library } from '../library';
import { normalize } from '../text/normalize';

/** How a quotation in a draft relates to the sources. */
export interface QuoteMatch {
  /** `exact`: same characters; `normalized`: same under the contract; `differs`: only a nearby passage; `none`. */
  readonly kind: 'exact' | 'normalized' | 'differs' | 'none';
  readonly source?: SourceDoc;
  readonly passage?: Passage;
  /** Where the quoted words stand in the source (for `exact` and `normalized`). */
  readonly span?: Span;
}

/**
 * Finds where a quotation comes from: the exact characters first, then the same text under the
 * normalisation contract, then the nearest passage by fuzzy search (which locates, never
 * certifies). Sources cited next to the quotation are tried first.
 */
export function matchQuote(library: Library, quote: string, preferredKeys: readonly string[] = []): QuoteMatch {
  const trimmed = quote.trim();
  if (!trimmed) return { kind: 'none' };
  const sources = library.sources();
  const ordered = [
    ...sources.filter((s) => preferredKeys.includes(s.meta.key)),
    ...sources.filter((s) => !preferredKeys.includes(s.meta.key)),
  ];
  for (const source of ordered) {
    const at = source.text.indexOf(trimmed, source.bodyStart);
    if (at >= 0) {
      const span = { start: at, end: at + trimmed.length };
      return { kind: 'exact', source, span, passage: library.passageAt(source, span) };
    }
  }
  const wanted = normalize(trimmed, { stripEmphasis: true }).text;
  for (const source of ordered) {
    const n = library.normalized(source);
    const at = n.text.indexOf(wanted);
    if (at >= 0 && n.map[at] >= source.bodyStart) {
      const span = { start: n.map[at], end: n.map[at + wanted.length - 1] + 1 };
      return { kind: 'normalized', source, span, passage: library.passageAt(source, span) };
    }
  }
  // Most words of a misquotation survive; a quotation none of whose passages holds nearly all
  // of its words is not a misquotation of them.
  const words = wanted.split(/\s+/).filter((w) => w.length > 3).slice(0, 16);
  const hit = library.search(words.join(' '), { limit: 1, allWords: true })[0]
    ?? (words.length > 3 ? library.search(words.slice(0, Math.ceil(words.length * 0.75)).join(' '), { limit: 1, allWords: true })[0] : undefined);
  if (hit && hit.score < 0.35) return { kind: 'differs', source: hit.source, passage: hit.passage };
  return { kind: 'none' };
}
