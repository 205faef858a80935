import type { SourceMeta } from '../model';
import type { ReadableArticle } from './htmlReadable';
import { holdsNoProse } from './htmlReadable';
import { findFirst, isRawText, textContent, type HtmlElement, type HtmlTree } from './htmlTree';

type MetaFields = Partial<Omit<Record<keyof SourceMeta, string>, 'key'>>;

/**
 * What a saved page says about itself, from the tags publishers write for search engines and
 * social networks (Open Graph, `article:*`, Dublin Core, Parse.ly, schema.org JSON-LD, the
 * canonical link) and, failing those, from the page (`<title>`, `<h1>`, a `rel="author"`
 * link, `<time datetime>`). JSON-LD is read with `JSON.parse`, never run.
 */
export function readHtmlMeta(tree: HtmlTree, readable?: ReadableArticle): MetaFields {
  const named = (name: string): readonly HtmlElement[] => tree.byName.get(name) ?? [];
  const metas = new Map<string, string>();
  for (const m of named('meta')) {
    const name = (m.attrs.property ?? m.attrs.name ?? m.attrs.itemprop ?? '').trim().toLowerCase();
    const content = m.attrs.content?.trim();
    if (name && content && !metas.has(name)) metas.set(name, content);
  }
  const ld = jsonLdArticle(named('script'));
  const meta = (...names: string[]): string | undefined => names.map((n) => metas.get(n)).find((v) => v !== undefined && v !== '');
  const first = (name: string): HtmlElement | undefined => named(name)[0];
  const clean = (s: string | undefined): string | undefined => {
    const t = s?.replace(/\s+/g, ' ').trim();
    return t ? t : undefined;
  };

  const title = clean(readable?.title ?? meta('og:title', 'twitter:title', 'dc.title', 'citation_title', 'parsely-title') ?? ldString(ld?.headline) ?? ldString(ld?.name)
    ?? textOf(first('h1')) ?? textOf(first('title')));
  const outlet = clean(readable?.siteName ?? meta('og:site_name', 'application-name', 'publisher', 'dc.publisher', 'citation_journal_title') ?? ldNames(ld?.publisher)[0]
    ?? siteInTitle(textOf(findFirst(tree.root, (e) => e.name === 'title', (e) => e.name === 'svg')), [title, ...named('h1').filter((e) => !isBanner(e)).map(textContent)]));
  let found: AuthorMarks | undefined;
  const marks = (): AuthorMarks => (found ??= authorMarks(tree.elements));
  // Each later source is looked for only when the ones before it name nobody cleanly: most walk the whole page.
  const author = chooseByline([
    () => [readable?.byline], () => [meta('author', 'article:author', 'parsely-author', 'dc.creator', 'citation_author', 'byl', 'sailthru.author')], () => [ldNames(ld?.author).join('; ')],
    () => cardNames(marks()), () => [relAuthors(marks())], () => markedBylines(marks()), () => [bodyByline(tree.root, readable)],
  ], outlet);
  const date = isoDate(meta('article:published_time', 'og:published_time', 'datepublished', 'date', 'dc.date', 'dc.date.issued', 'pubdate', 'publishdate', 'parsely-pub-date', 'sailthru.date', 'citation_publication_date')
    ?? ldString(ld?.datePublished) ?? readable?.publishedTime ?? timeOf(named('time')));
  const url = [canonical(named('link')), meta('og:url', 'twitter:url', 'parsely-link'), ldString(ld?.url), ldString(ld?.mainEntityOfPage), savedFrom(tree.comments)]
    .find((u): u is string => u !== undefined && /^https?:\/\/\S+$/i.test(u.trim()))?.trim();
  const language = clean(named('html')[0]?.attrs.lang ?? readable?.lang ?? meta('og:locale', 'language', 'dc.language')?.replace('_', '-'));
  const accessed = savedDate(tree.comments);
  const fields: MetaFields = {};
  if (title) fields.title = title;
  if (author) fields.author = author;
  if (outlet) fields.outlet = outlet;
  if (date) fields.date = date;
  if (url) fields.url = url;
  if (accessed) fields.accessed = accessed;
  if (language) fields.language = language;
  return fields;
}

/**
 * The site's name as the page's `<title>` gives it around the article's headline: "Headline -
 * Site", "Site | Headline", "Headline : Section : Site" (the outermost part). Only where the
 * rest of the title is the headline itself (the page's title as read, or a first-level
 * heading), so that a title that merely has a dash in it names no site.
 */
export function siteInTitle(pageTitle: string | undefined, headlines: readonly (string | undefined)[]): string | undefined {
  const squash = (t: string): string => t.replace(/\s+/g, ' ').trim();
  const whole = squash(pageTitle ?? '');
  if (!whole) return undefined;
  for (const raw of headlines) {
    const headline = squash(raw ?? '');
    if (!headline || headline === whole) continue;
    // The headline must be whole parts of the title ("Evolve: Shared…" has no part "Shared…"),
    // and the site is the outermost part of the rest ("Headline : Section : Site").
    if (whole.endsWith(headline)) {
      const before = whole.slice(0, whole.length - headline.length);
      const sep = titleSeparatorAtEnd.exec(before);
      if (sep) return siteName(before.slice(0, sep.index).split(titleSeparator)[0]);
    }
    if (whole.startsWith(headline)) {
      const after = whole.slice(headline.length);
      const sep = titleSeparatorAtStart.exec(after);
      if (sep) return siteName(after.slice(sep[0].length).split(titleSeparator).at(-1)!);
    }
  }
  return undefined;
}

/** What stands between a page title's parts ("Headline - Site", "Site | Headline", "A :: B"). */
const separatorText = String.raw` (?:[|•·»~:/–—-]|::) `;
const titleSeparator = new RegExp(separatorText);
const titleSeparatorAtEnd = new RegExp(separatorText + '$');
const titleSeparatorAtStart = new RegExp('^' + separatorText);

/** A part of a title that can be a site's name: a few words, not a sentence. */
function siteName(part: string): string | undefined {
  // A document's identifier ("draft-lee-harbour-04") is no site's name either.
  if (/^[\p{Ll}\d]+(?:[-_.][\p{Ll}\d]+)+$/u.test(part) && /\d/.test(part)) return undefined;
  return part.split(' ').length <= 5 && part.length <= 60 ? part : undefined;
}

/** A heading that is all one link: the site's banner leading home, not an article's headline. */
function isBanner(h: HtmlElement): boolean {
  const solid = h.children.filter((c) => c.type === 'element' || /\S/.test(c.data));
  return solid.length === 1 && solid[0].type === 'element' && solid[0].name === 'a';
}

function textOf(e: HtmlElement | undefined): string | undefined {
  return e ? textContent(e) : undefined;
}

function canonical(links: readonly HtmlElement[]): string | undefined {
  return links.find((e) => /(?:^|\s)canonical(?:\s|$)/i.test(e.attrs.rel ?? ''))?.attrs.href;
}

/** The elements that may hold a byline, found in one pass over the page's elements (a large page has tens of thousands). */
interface AuthorMarks {
  /** `rel="author"` links. */
  readonly links: HtmlElement[];
  /** Authors' hCards and schema.org authors (`class="author vcard"`, `itemprop="author"`). */
  readonly cards: HtmlElement[];
  /** Elements whose class names a byline in French, Spanish, Italian or Portuguese ("auteur", "autor", "firma"), which Readability's English words miss. */
  readonly marked: HtmlElement[];
}

function authorMarks(elements: readonly HtmlElement[]): AuthorMarks {
  const marks: AuthorMarks = { links: [], cards: [], marked: [] };
  for (const e of elements) {
    const { rel, class: cls, itemprop } = e.attrs;
    if (rel !== undefined && e.name === 'a' && /(?:^|\s)author(?:\s|$)/i.test(rel)) marks.links.push(e);
    // Not any hCard: an encyclopaedia's infobox is the card of its subject.
    if ((cls !== undefined && /(?:^|\s)(?:author|byline|contributor|creator)(?:\s|$)/i.test(cls)) || (itemprop !== undefined && /\bauthor\b/i.test(itemprop))) marks.cards.push(e);
    if (cls !== undefined && /(?:^|[\s_-])(?:auteur|autor|autore|firma|signature)(?:$|[\s_-])/i.test(cls)) marks.marked.push(e);
  }
  return marks;
}

/**
 * The names of the `rel="author"` links, one after the other (the first is often a headshot
 * with no text; an article by two people links both), each name once.
 */
function relAuthors(marks: AuthorMarks): string | undefined {
  const names = marks.links.map((e) => textContent(e).replace(/\s+/g, ' ').trim()).filter((n) => n !== '');
  const distinct = [...new Set(names)];
  return distinct.length ? distinct.join('; ') : undefined;
}

/** The person's name in an hCard or schema.org author (`class="author vcard"` → `class="fn"`, `itemprop="author"` → `itemprop="name"`), without the role beside it. */
function cardNames(marks: AuthorMarks): string[] {
  const out: string[] = [];
  for (const card of marks.cards) {
    const name = findFirst(card, (e) => / fn /.test(` ${e.attrs.class ?? ''} `.replace(/\s+/g, ' ')) || e.attrs.itemprop === 'name');
    if (name) out.push(textContent(name));
  }
  return out;
}

function markedBylines(marks: AuthorMarks): string[] {
  return marks.marked.map(textContent).filter((t) => t.trim().length > 0 && t.length < 200);
}

/**
 * A byline that only the page's text gives: a text of its own, before the article's first
 * paragraph (the headline, a date or this very line may already be part of the article), that
 * is "By" and a name of two to four capitalised words ("By Ann Lee", the outlet on the next
 * line), or "By:" and such a name in the element after it.
 */
function bodyByline(root: HtmlElement, readable: ReadableArticle | undefined): string | undefined {
  // Not case-blind: "By the time…" is a sentence, not a byline.
  const by = String.raw`^\s*(?:[Bb]y|BY|[Pp]ar|[Pp]or|[Vv]on|[Dd]oor):?\s*`;
  const name = String.raw`\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){1,3}\s*$`;
  const byline = new RegExp(by + name, 'u');
  const byAlone = new RegExp(by + '$', 'u');
  const nameAlone = new RegExp('^\\s*' + name, 'u');
  let found: string | undefined;
  let done = false;
  const visit = (e: HtmlElement): void => {
    const children = e.children;
    for (let i = 0; i < children.length; i++) {
      const c = children[i];
      if (done) return;
      if (c.type === 'text') {
        // "By Ann Lee", or "By:" and the name in a link after it.
        const next = children[i + 1];
        if (byline.test(c.data)) found = c.data;
        else if (byAlone.test(c.data) && next?.type === 'element' && nameAlone.test(textContent(next))) found = textContent(next);
        done = found !== undefined || (readable?.texts.has(c) === true && c.data.trim().length >= 100);
      } else if (!holdsNoProse(c) && !isRawText(c)) visit(c);
    }
  };
  visit(root);
  return found;
}

/** Words that name a date or the act of publishing, where a byline's name ends ("Ann Lee Tuesday, Aug. 17", "Ann Lee on June 29, 2014", "Ann Lee Published …"). */
const dateInByline = /\s(?:(?:on|le|el|am)\s+)?(?:(?:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|janv|févr|avr|juil|déc|ene|abr|ago|dic)\p{L}*\.?\s+\d|(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|(?:(?:last\s+)?(?:published|updated|posted)|publié|actualizado|publicado|aktualisiert|veröffentlicht)\b)/iu;

/**
 * A byline as a citation names its people: "By", "Par", "Por" and the like dropped, and what
 * follows the names cut off (a date or time, "| outlet", "- role", "@handle", ", OUTLET" in
 * capitals after a name that is not, a role after names in capitals). Undefined when nothing
 * is left that names a person or a body: a domain, the outlet itself, a bare label ("Authors").
 */
export function cleanByline(raw: string | undefined, outlet?: string): string | undefined {
  // A byline is a line; a longer text in an author tag is not one.
  let s = raw?.slice(0, 500).replace(/\s+/g, ' ').trim();
  if (!s) return undefined;
  // `article:author` is often the author's profile URL, which names nobody.
  if (/^https?:/i.test(s)) return undefined;
  s = s.replace(/^(?:by|par|por|von|door)\b\s*:?\s*/i, '');
  const date = dateInByline.exec(` ${s}`);
  if (date) s = s.slice(0, Math.max(0, date.index - 1));
  const cut = s.search(/[\d|•@]|\s[-–—]\s/);
  if (cut >= 0) s = s.slice(0, cut);
  // Names written in capitals, then a role that is not ("LILIAN ALEMAGNA, LAURE BRETTON Envoyés spéciaux").
  const words = s.split(' ');
  const caps = (w: string): boolean => /\p{Lu}{2}/u.test(w) && !/\p{Ll}/u.test(w);
  if (words.length > 2 && caps(words[0]) && caps(words[1])) {
    const end = words.findIndex((w) => !caps(w) && !/^(?:and|et|[ye&]|und|de|van|von)$/i.test(w));
    if (end > 0) s = words.slice(0, end).join(' ');
  }
  // "Ann Lee, CNN": an outlet in capitals after a name that is not in capitals.
  const comma = s.lastIndexOf(',');
  const after = s.slice(comma + 1);
  if (comma > 0 && /\p{Ll}/u.test(s.slice(0, comma)) && /\p{Lu}/u.test(after) && !/\p{Ll}/u.test(after)) s = s.slice(0, comma);
  const punctuation = (c: string | undefined): boolean => c !== undefined && /[\s,;:/–—-]/.test(c);
  let start = 0;
  let end = s.length;
  while (start < end && punctuation(s[start])) start++;
  while (end > start && punctuation(s[end - 1])) end--;
  s = s.slice(start, end);
  if (!/\p{L}/u.test(s)) return undefined;
  if (/^[\w.-]+\.\p{L}{2,}$/u.test(s) || /^(?:authors?|auteurs?|autor(?:es)?|staff|admin(?:istrator)?|editor|byline)$/i.test(s)) return undefined;
  const letters = (t: string): string => t.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  const site = outlet ? letters(outlet.replace(/\.\w+$/, '')) : '';
  // The publisher's company in the `author` tag ("Ediciones El País" for "El País"); a blog
  // named after its author is still the author's, with or without a handle in brackets.
  const bracket = s.lastIndexOf('(');
  const named = letters(bracket > 0 && s.endsWith(')') ? s.slice(0, bracket) : s);
  if (site.length >= 5 && named.includes(site) && named !== site) return undefined;
  return s;
}

/**
 * The first byline that names someone once cleaned. When it still reads as more than a name
 * (over four words, none of them joining two names) and a later one is part of it, the later
 * one is the name ("Andrea Stone" in "Andrea Stone Senior Washington Correspondent").
 */
function chooseByline(sources: readonly (() => readonly (string | undefined)[])[], outlet: string | undefined): string | undefined {
  let first: string | undefined;
  for (const source of sources) {
    for (const candidate of source()) {
      const cleaned = cleanByline(candidate, outlet);
      if (cleaned === undefined) continue;
      if (first === undefined) {
        first = cleaned;
        const words = first.split(' ');
        if (words.length <= 4 || words.some((w) => /^(?:and|et|y|und|&)$/i.test(w) || /[,;]$/.test(w))) return first;
      } else if (cleaned.length < first.length && first.toLowerCase().includes(cleaned.toLowerCase())) {
        return cleaned;
      }
    }
  }
  return first;
}

function timeOf(elements: readonly HtmlElement[]): string | undefined {
  const times = elements.filter((e) => e.attrs.datetime !== undefined);
  return (times.find((t) => /publish/i.test(`${t.attrs.class ?? ''} ${t.attrs.itemprop ?? ''}`)) ?? times[0])?.attrs.datetime;
}

/** "2017-01-25T06:30:40+08:00" → "2017-01-25" (the publisher's own calendar day); other forms as far as they are plain. */
export function isoDate(value: string | undefined): string | undefined {
  const v = value?.trim();
  if (!v) return undefined;
  const iso = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(v);
  if (iso) return [iso[1], iso[2], iso[3]].filter(Boolean).join('-');
  const parsed = new Date(v);
  return Number.isNaN(parsed.getTime()) ? undefined : parsed.toISOString().slice(0, 10);
}

/** Chrome and Internet Explorer write `<!-- saved from url=(0071)https://… -->` into a saved page. */
function savedFrom(comments: readonly string[]): string | undefined {
  for (const c of comments) {
    const m = /saved from url=\(\d+\)(\S+)/i.exec(c) ?? /url:\s*(https?:\/\/\S+)/i.exec(c);
    if (m) return m[1];
  }
  return undefined;
}

/** SingleFile writes `saved date: Wed Jan 25 2017 …` into the page it saves. */
function savedDate(comments: readonly string[]): string | undefined {
  for (const c of comments) {
    const m = /saved date:\s*([^\n]+)/i.exec(c);
    if (m) return isoDate(m[1]);
  }
  return undefined;
}

type Json = Record<string, unknown>;

/** The first schema.org object that describes an article (NewsArticle, Article, BlogPosting, …), searched through `@graph`. */
function jsonLdArticle(scripts: readonly HtmlElement[]): Json | undefined {
  const candidates: Json[] = [];
  const collect = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(collect);
    else if (value && typeof value === 'object') {
      const obj = value as Json;
      candidates.push(obj);
      if (obj['@graph']) collect(obj['@graph']);
    }
  };
  for (const script of scripts.filter((e) => /ld\+json/i.test(e.attrs.type ?? ''))) {
    try {
      collect(JSON.parse(jsonOf(textContent(script))));
    } catch {
      // Broken JSON-LD is common and says nothing about the article; the meta tags still do.
    }
  }
  const types = (o: Json): string[] => [o['@type']].flat().filter((t): t is string => typeof t === 'string');
  return candidates.find((o) => types(o).some((t) => /Article|BlogPosting|Report|NewsArticle/i.test(t)));
}

/**
 * The JSON of a JSON-LD script. Pages written as XHTML wrap it in `<![CDATA[ … ]]>`, often
 * behind `//` or `/* *\/` so that old browsers skip the markers: the JSON is what lies from the
 * first `{` or `[` to the last `}` or `]`.
 */
function jsonOf(script: string): string {
  if (!script.includes('<![CDATA[')) return script;
  const starts = [script.indexOf('{'), script.indexOf('[', script.indexOf('<![CDATA[') + 9)].filter((i) => i >= 0);
  const end = Math.max(script.lastIndexOf('}'), script.lastIndexOf(']', script.lastIndexOf(']]>') - 1));
  return starts.length && end > Math.min(...starts) ? script.slice(Math.min(...starts), end + 1) : script;
}

function ldString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const obj = value as Json;
    return ldString(obj['@id'] ?? obj.url ?? obj.name);
  }
  return undefined;
}

function ldNames(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(ldNames);
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') {
    const name = (value as Json).name;
    return typeof name === 'string' ? [name] : [];
  }
  return [];
}
