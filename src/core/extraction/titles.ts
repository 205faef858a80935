import { trimWhere } from '../text/trim';
import type { Span } from '../model';

/**
 * Titles in quotation marks: the names of shows, books, films, songs, articles and the like
 * ("said on ABC’s “This Week”", "his book “The Art of the Deal”"). They are written in title
 * case and stand where a work's name stands: after a possessive or a word that names a kind
 * of work, or before one ("“Scandal” star Kerry Washington").
 *
 * Everything else in quotation marks is kept as a quotation, short phrases included: in
 * news prose a quoted phrase ("called the system “rigged”") is nearly always somebody's words.
 */
export function isTitle(text: string, inner: Span, open: number, close: number): boolean {
  return titleAt(text, inner, open, close, maxListItems);
}

/** How many items before it a title of a list looks back over for the one its cue introduces. */
const maxListItems = 8;

function titleAt(text: string, inner: Span, open: number, close: number, itemsBack: number): boolean {
  if (isCitedTitle(text, open, close)) return true;
  const words = text.slice(inner.start, inner.end).split(/\s+/).filter(Boolean);
  if (words.length === 0 || words.length > 14 || !isTitleCase(words)) return false;
  const before = text.slice(Math.max(0, open - 60), open).replace(/\s+/g, ' ');
  const after = text.slice(close + 1, close + 40).replace(/\s+/g, ' ');
  if (titleBefore.test(before) || titleAfter.test(after)) return true;
  // A programme someone spoke to: "Fiorina told “Fox and Friends”". One word ("told “Yes”") may be an answer.
  if (words.length >= 2 && /\btold $/.test(before)) return true;
  // One of a list of titles: "starred in “Parks and Recreation” and “Guardians of the Galaxy”". The
  // list's cue stands before its first item, so an item is a title when the one before it is.
  const previous = itemsBack > 0 ? previousItem(text, open) : undefined;
  return previous !== undefined && titleAt(text, { start: previous.open + 1, end: previous.close }, previous.open, previous.close, itemsBack - 1);
}

/**
 * The quotation right before the one opening at `open` when the two are items of a list: only a
 * comma (inside or after the first's marks), "and" or "or" stands between them.
 */
function previousItem(text: string, open: number): { open: number; close: number } | undefined {
  const window = text.slice(Math.max(0, open - 12), open);
  const gap = /[”"][,;]?\s+(?:(?:and|or)\s+)?$/.exec(window);
  if (!gap) return undefined;
  const close = open - gap[0].length;
  if (!(text[close - 1] === ',' || /^[”"][,;]/.test(gap[0]) || /\s(?:and|or)\s+$/.test(gap[0]))) return undefined;
  const from = Math.max(0, close - 100);
  const start = text.slice(from, close).search(/[“"][^“”"\n]*$/);
  return start < 0 ? undefined : { open: from + start, close };
}

/** Minor words that title case leaves in lower case. */
const minorWords = new Set(('a an the and or nor but of to in on at for with by from as is are be vs via into over up out off per than that ' +
  'this it its not no so if de la le del von van').split(' '));

function isTitleCase(words: readonly string[]): boolean {
  let capitals = 0;
  for (let i = 0; i < words.length; i++) {
    const word = trimWhere(words[i], (c) => !/[\p{L}\p{N}]/u.test(c));
    if (word === '') continue;
    if (/^[\p{Lu}\p{N}]/u.test(word)) { capitals++; continue; }
    if (i === 0 || !minorWords.has(word.toLowerCase())) return false;
  }
  return capitals > 0;
}

/** Kinds of works and programmes, and the verbs and prepositions that introduce their names. */
const workNouns = String.raw`(?:show|shows|program|programme|series|episode|segment|broadcast|podcast|film|movie|documentary|sitcom|drama|comedy|book|memoir|novel|biography|album|song|single|hit|play|musical|opera|column|op-ed|article|essay|editorial|story|headline|report|paper|study|magazine|newsletter|blog|video|ad|advert|advertisement|spot|commercial|poem|painting|exhibit|exhibition|track|anthem|tune|classic|game|channel|network|thriller|miniseries|docuseries|sketch|special|season|installment|volume|poster|hymn|ballad)`;
// The mark follows directly, possibly after a comma or a colon.
const titleBefore = new RegExp(
  String.raw`(?:['’]s?|\b${workNouns}s?(?: (?:of|on|from|in|including|such as|like))?|\b(?:titled|entitled|named|called|dubbed|on|in|with|watch(?:ed|ing)?|(?<!(?:that|which) )read(?:ing)?|starr(?:ed|ing) in|appear(?:s|ed|ing)? on|aired on|host(?:s|ed|ing)?(?: of)?|(?:co-)?author(?:ed| of)?|creator of|star of|edit(?:s|ed|ing|or of)|roles? in|season \w+ of|wrote|write|writes|written|publish(?:ed|es)?|produc(?:ed|es)|direct(?:ed|s)|perform(?:ed|s|ing)?|sang|sing(?:s|ing)?|play(?:ed|s|ing)?))[,:]?\s?$`,
  'i',
);
// After it: a role or a kind of work ("“Scandal” star", "“The Apprentice” TV show"), or a kind of
// work set beside it ("“Chi-Raq,” a movie about Chicago violence").
const titleAfter = new RegExp(
  // workNouns keeps its group for titleBefore, where \b applies to all of it.
  // eslint-disable-next-line regexp/no-useless-non-capturing-group
  String.raw`^[,.]?\s(?:star|stars|host|hosts|co-host|creator|author|actor|actress|cast|anchor|producer|${workNouns})\b` +
    String.raw`|^[,.]?\s(?:TV|television|radio|reality|talk|Broadway|web|cable|late-night)\s${workNouns}\b` +
    String.raw`|^,?\s(?:a|an)\s(?:[\w-]+\s){0,2}${workNouns}\b`,
  'i',
);

/**
 * The title in a reference ("^ Zawinski, Jamie (1996). "nscp dorm". Retrieved 2007-10-12."):
 * the marks close before the full stop or comma that ends a reference's field, and the title
 * opens the entry (after a list mark) or follows its authors or its date. Titles of references
 * are written in any case, so none is required here.
 */
function isCitedTitle(text: string, open: number, close: number): boolean {
  if (!/^[.,](?:\s|$)/.test(text.slice(close + 1, close + 3))) return false;
  const lineStart = text.lastIndexOf('\n', open - 1) + 1;
  const before = text.slice(Math.max(lineStart, open - 120), open).trim();
  // Nothing before the marks is a reference only when a reference's fields go on after them: a
  // paragraph that opens with a quotation closed before its full stop is prose.
  if (before === '') return referenceFieldAfter.test(text.slice(close + 1, close + 60));
  return listMarkOnly.test(before) || citationDate.test(before) || citationAuthors.test(before);
}

/** What follows a reference's title: where it was read or published, or when. */
const referenceFieldAfter = /^[.,]\s*(?:Retrieved|Archived|Accessed|In\s|Available|\(?\d|\p{Lu}[\p{L}.]*(?:\s\p{Lu}[\p{L}.]*)*(?:,|\.\s\d|\s\d))/u;

/** What may stand before a reference's title: nothing but a list mark, a date in parentheses, or authors ending with a full stop. */
const listMarkOnly = /^(?:[\^↑*•·–-]|\[?\d{1,3}[.\]])?$/;
const citationDate = /\((?:\p{L}+\.? ){0,2}\d{4}\p{Ll}?\)[.,:]?$/u;
const citationAuthors = /^[\^↑]?[^"“”.^↑]{2,80}\.$/;
