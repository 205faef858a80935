import { parseFullName } from 'parse-full-name';
import { sourceTypes, type SourceDoc, type SourceMeta, type SourceType } from '../model';

/**
 * Sources as CSL-JSON, the bibliography format of Pandoc's citeproc, Zotero and most citation
 * processors, so `pandoc --citeproc --bibliography references.json draft.md` renders the
 * draft's `[@key, para. 7]` citations in any citation style.
 */

/** A name as CSL-JSON writes it: a person (family, given) or an organisation (literal). */
export type CslName =
  | { readonly family: string; readonly given?: string; readonly 'non-dropping-particle'?: string; readonly suffix?: string }
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
const organisation = /\b(?:assembly|association|agency|america|bank|board|bureau|center|centre|commission|committee|company|congress|corporation|council|court|department|desk|editors?|editorial|foundation|government|group|inc|institute|league|ltd|magazine|ministry|nations|news|office|organi[sz]ation|parliament|party|press|reuters|service|society|staff|team|times|union|university|watch|wire)\b|^(?:the|un|eu|who|afp|ap|bbc|ap news)\b/i;
/** Degrees and credentials written after a name ("Brenda Goodman, MA"): not part of the name a citation prints. */
const degree = /^(?:ma|m\.a\.|ms|msc|mphil|mba|mph|mfa|ba|b\.a\.|bs|bsc|md|m\.d\.|phd|ph\.d\.|dphil|jd|j\.d\.|llm|ll\.m\.|rn|do|dds|cpa|esq|esquire)$/i;
/** Lower-case particles that belong to a family name ("Ursula von der Leyen", "Vincent van Gogh"). */
const particles = new Set(['van', 'von', 'der', 'den', 'de', 'del', 'della', 'di', 'da', 'du', 'la', 'le', 'dos', 'das', 'ter', 'ten', 'bin', 'ibn', 'al', 'y', 'e', 'zu', 'af']);
/** Generational suffixes, which CSL keeps with the name ("Martin Luther King Jr."). */
const generation = /^(?:jr|jnr|sr|snr|ii|iii|iv|v)\.?$/i;

/**
 * Splits an author field into CSL names: several authors are separated by ";", or by " and ",
 * "&" or "," between full names of two words or more ("Ann Lee and Bo Chan"; "Mac & i" and
 * "Johnson & Johnson" are one name). Each person's name is cut by parse-full-name, which knows
 * particles ("Mark Di Stefano", "Ursula von der Leyen"), "Family, Given", titles and
 * suffixes; degrees ("MA", "PhD") are dropped. Organisations, names in a script without spaces
 * between names (Chinese, Japanese) and single words are kept whole as `literal`, since
 * splitting them would be wrong.
 */
export function cslNames(author: string): CslName[] {
  const people = author.split(';').map((p) => p.trim()).filter(Boolean);
  return people.flatMap((part) => splitJoined(part)).map(cslName);
}

/** "Ann Lee and Bo Chan" → two names; "Mac & i", "Lai, Catherine", "Brenda Goodman, MA" → one. */
function splitJoined(part: string): string[] {
  const full = (p: string): boolean => p.split(/\s+/).length >= 2 && !degree.test(p) && !generation.test(p);
  const joined: string[] = [''];
  for (const word of part.replace(/&/g, ' & ').split(/\s+/)) {
    if (word === '&' || word.toLowerCase() === 'and') joined.push('');
    else joined[joined.length - 1] = `${joined[joined.length - 1]} ${word}`.trim();
  }
  if (joined.length > 1 && !joined.every(full)) return [part];
  return joined.flatMap((p) => {
    const pieces = p.split(',').map((x) => x.trim()).filter(Boolean);
    // "Catherine Lai, Tom Grundy" names two people; "Lai, Catherine" and "Goodman, MA" one.
    return pieces.length > 1 && pieces.every(full) ? pieces : [p];
  });
}

function cslName(name: string): CslName {
  const words = name.split(/\s+/);
  // A person's name has no digits or colons, and no lower-case word but a particle ("Contributors to Wikimedia projects").
  if (/[\d:@/]/.test(name.replace(/\([^()]*\)/g, '')) || words.some((w) => /^\p{Ll}/u.test(w) && !particles.has(w))) return { literal: name };
  if (organisation.test(name) || /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}]/u.test(name) || !/^\p{Lu}/u.test(name) || /&/.test(name)) {
    return { literal: name };
  }
  // Degrees go first, so that the parser does not take "MA" for a family name.
  const tokens = name.replace(/,/g, ', ').split(/\s+/).filter(Boolean);
  while (tokens.length > 1 && degree.test(tokens[tokens.length - 1])) {
    tokens.pop();
    tokens[tokens.length - 1] = tokens[tokens.length - 1].replace(/,$/, '');
  }
  const bare = tokens.join(' ');
  if (bare.split(/[\s,]+/).length < 2 || words.length > 6) return { literal: bare || name };
  const parsed = parseFullName(bare, 'all', false, false, true);
  if (!parsed.last || !parsed.first) return { literal: bare };
  // Lower-case particles go with the family name but are not sorted on ("von der Leyen" under L);
  // a capitalised one is part of the family name itself ("Di Stefano").
  const lastWords = parsed.last.split(/\s+/);
  let p = 0;
  while (p < lastWords.length - 1 && /^\p{Ll}/u.test(lastWords[p])) p++;
  const given = [parsed.first, parsed.middle].filter(Boolean).join(' ');
  const out: { family: string; given?: string; 'non-dropping-particle'?: string; suffix?: string } = { family: lastWords.slice(p).join(' ') };
  if (given) out.given = given;
  if (p > 0) out['non-dropping-particle'] = lastWords.slice(0, p).join(' ');
  if (parsed.suffix && generation.test(parsed.suffix)) out.suffix = parsed.suffix;
  return out;
}
