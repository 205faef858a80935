import { sourceTypes, type SourceDoc, type SourceMeta, type SourceType } from '../model';

/**
 * Sources as CSL-JSON, the bibliography format of Pandoc's citeproc, Zotero and most citation
 * processors, so `pandoc --citeproc --bibliography references.json draft.md` renders the
 * draft's `[@key, para. 7]` citations in any citation style.
 */

/** A name as CSL-JSON writes it: a person (family, given) or an organisation (literal). */
export type CslName =
  | { readonly family: string; readonly given?: string; readonly 'non-dropping-particle'?: string }
  | { readonly literal: string };

/** A CSL date: `{ "date-parts": [[2017, 1, 25]] }`, or the text as written when it is not a plain date. */
export type CslDate = { readonly 'date-parts': readonly (readonly number[])[] } | { readonly raw: string };

/** One bibliography entry (the fields Verbatim knows; CSL has many more). */
export interface CslItem {
  readonly id: string;
  readonly type: SourceType;
  readonly title?: string;
  readonly author?: readonly CslName[];
  readonly 'container-title'?: string;
  readonly publisher?: string;
  readonly issued?: CslDate;
  readonly URL?: string;
  readonly accessed?: CslDate;
  readonly language?: string;
}

/** The bibliography of a set of sources: one entry per citation key (the first source with a key wins). */
export function cslBibliography(sources: readonly SourceDoc[]): CslItem[] {
  const seen = new Set<string>();
  const items: CslItem[] = [];
  for (const source of sources) {
    if (seen.has(source.meta.key)) continue;
    seen.add(source.meta.key);
    items.push(cslItem(source.meta, source.passages.some((p) => p.label !== undefined)));
  }
  return items;
}

/**
 * The entry of one source. A type the source shows (a PDF's) is kept; otherwise a source whose
 * clauses are numbered provisions is a rule (`legislation`); one with an outlet is a news
 * article; one with only a URL a web page.
 */
export function cslItem(meta: SourceMeta, isRule = false): CslItem {
  const url = meta.url && /^https?:\/\//i.test(meta.url) ? meta.url : undefined;
  const shown = sourceTypes.find((t) => t === meta.type);
  const type: CslItem['type'] = shown ?? (isRule ? 'legislation' : meta.outlet ? 'article-newspaper' : url ? 'webpage' : 'document');
  const item: { -readonly [K in keyof CslItem]: CslItem[K] } = { id: meta.key, type };
  if (meta.title) item.title = meta.title;
  const authors = meta.author ? cslNames(meta.author) : [];
  if (authors.length) item.author = authors;
  // The outlet is the newspaper an article appears in; a rule's "outlet" is the body that publishes it, not a code it belongs to.
  if (meta.outlet && type === 'legislation') item.publisher = meta.outlet;
  else if (meta.outlet) item['container-title'] = meta.outlet;
  if (meta.date) item.issued = cslDate(meta.date);
  if (url) item.URL = url;
  if (meta.accessed) item.accessed = cslDate(meta.accessed);
  if (meta.language) item.language = meta.language;
  return item;
}

/** "2017-01-25" → `[[2017, 1, 25]]`, "2017-01" → `[[2017, 1]]`, "2017" → `[[2017]]`; anything else is kept as written. */
export function cslDate(date: string): CslDate {
  const m = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:$|T)/.exec(date.trim());
  if (!m) return { raw: date };
  return { 'date-parts': [[m[1], m[2], m[3]].filter((p): p is string => p !== undefined).map(Number)] };
}

/** Words that mark a body rather than a person ("United Nations General Assembly", "PEN America", "Reuters Staff"). */
const organisation = /\b(?:assembly|association|agency|america|bank|board|bureau|center|centre|commission|committee|company|congress|corporation|council|court|department|desk|editors?|editorial|foundation|government|group|inc|institute|league|ltd|ministry|nations|news|office|organi[sz]ation|parliament|party|press|reuters|service|society|staff|team|times|union|university|watch|wire)\b|^(?:the|un|eu|who|afp|ap|bbc|ap news)\b/i;
/** Lower-case particles that belong to the family name ("Ursula von der Leyen", "Vincent van Gogh"). */
const particles = new Set(['van', 'von', 'der', 'den', 'de', 'del', 'della', 'di', 'da', 'du', 'la', 'le', 'dos', 'das', 'ter', 'ten', 'bin', 'ibn', 'al']);

/**
 * Splits an author field into CSL names: several authors are separated by ";", " and " or
 * "&" (or "," between full names); "Family, Given" is read as written; organisations, names
 * in a script without spaces between names (Chinese, Japanese) and single words are kept
 * whole as `literal`, since splitting them would be wrong.
 */
export function cslNames(author: string): CslName[] {
  let parts = author.split(/;|\band\b|&/).map((p) => p.trim()).filter(Boolean);
  // "Catherine Lai, Tom Grundy" names two people; "Lai, Catherine" one.
  if (parts.length === 1 && parts[0].includes(',')) {
    const pieces = parts[0].split(',').map((p) => p.trim()).filter(Boolean);
    if (pieces.length > 2 || pieces.every((p) => p.split(/\s+/).length >= 2)) parts = pieces;
  }
  return parts.map(cslName);
}

function cslName(name: string): CslName {
  const inverted = /^([^,]+),\s*([^,\s][^,]*)$/.exec(name);
  if (inverted && !organisation.test(name)) return { family: inverted[1].trim(), given: inverted[2].trim() };
  const words = name.split(/\s+/);
  if (words.length < 2 || words.length > 5 || organisation.test(name) || /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}]/u.test(name) || !/^\p{Lu}/u.test(name)) {
    return { literal: name };
  }
  let familyStart = words.length - 1;
  while (familyStart > 1 && particles.has(words[familyStart - 1])) familyStart--;
  const given = words.slice(0, familyStart).join(' ');
  const particle = words.slice(familyStart, words.length - 1).join(' ');
  return particle
    ? { family: words[words.length - 1], given, 'non-dropping-particle': particle }
    : { family: words[words.length - 1], given };
}
