import type { ZoteroCreator } from './library';

/** What the key formula reads of an item. */
export interface KeyedItem {
  readonly fields: Readonly<Record<string, string>>;
  readonly creators: readonly ZoteroCreator[];
}

/**
 * Words Better BibTeX's `shorttitle` skips (its list of function words, in English and the
 * common European languages).
 */
const functionWords = new Set(('a ab aboard about above across after against al along amid among an and anti around as at before behind below beneath beside besides between beyond but by d da das de del dell dello dei degli della delle dem den der des despite die do down du during ein eine einem einen einer eines el en et except for from gli i il in inside into is l la las le les like lo los near nor of off on onto or over past per plus round save since so some sur than the through to toward towards un una unas under underneath une unlike uno unos until up upon versus via von while with within without yet zu zum').split(' '));

/** Latin letters with their marks taken off, and everything but ASCII letters and digits dropped. */
function ascii(s: string): string {
  return s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/ß/g, 'ss').replace(/æ/gi, 'ae').replace(/ø/gi, 'o').replace(/[^A-Z0-9]/gi, '');
}

/**
 * The key Better BibTeX's default formula gives (`auth.lower + shorttitle(3,3) + year`): the
 * first author's family name in lower case, the first three words of the title that are not
 * function words, each with a capital, and the year: `deanMapReduceSimplifiedData2008`.
 * Diacritics are folded to ASCII; an item with none of the three gets `zotero`.
 */
export function formulaKey(item: KeyedItem): string {
  const authors = item.creators.filter((c) => c.role === 'author');
  const first = (authors.length ? authors : item.creators)[0];
  const auth = first ? ascii(first.lastName.split(/\s+/).join('')).toLowerCase() : '';
  const words = (item.fields.title ?? '').split(/[\s\-–—:;,.!?()[\]{}"'“”‘’/]+/u).filter((w) => w && !functionWords.has(w.toLowerCase()));
  const title = words.slice(0, 3).map((w) => ascii(w)).filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1)).join('');
  const year = /^(\d{4})/.exec(item.fields.date ?? '')?.[1];
  const key = `${auth}${title}${year && year !== '0000' ? year : ''}`;
  return key || 'zotero';
}
