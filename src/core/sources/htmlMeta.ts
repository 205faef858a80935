import type { SourceMeta } from '../model';
import type { ReadableArticle } from './htmlReadable';
import { findAll, textContent, type HtmlElement, type HtmlTree } from './htmlTree';

type MetaFields = Partial<Omit<Record<keyof SourceMeta, string>, 'key'>>;

/**
 * What a saved page says about itself, from the tags publishers write for search engines and
 * social networks (Open Graph, `article:*`, Dublin Core, Parse.ly, schema.org JSON-LD, the
 * canonical link) and, failing those, from the page (`<title>`, `<h1>`, a `rel="author"`
 * link, `<time datetime>`). JSON-LD is read with `JSON.parse`, never run.
 */
export function readHtmlMeta(tree: HtmlTree, readable?: ReadableArticle): MetaFields {
  const metas = new Map<string, string>();
  for (const m of findAll(tree.root, (e) => e.name === 'meta')) {
    const name = (m.attrs.property ?? m.attrs.name ?? m.attrs.itemprop ?? '').trim().toLowerCase();
    const content = m.attrs.content?.trim();
    if (name && content && !metas.has(name)) metas.set(name, content);
  }
  const ld = jsonLdArticle(tree.root);
  const meta = (...names: string[]): string | undefined => names.map((n) => metas.get(n)).find((v) => v !== undefined && v !== '');
  const first = (name: string): HtmlElement | undefined => findAll(tree.root, (e) => e.name === name)[0];
  const clean = (s: string | undefined): string | undefined => {
    const t = s?.replace(/\s+/g, ' ').trim();
    return t ? t : undefined;
  };

  const title = clean(readable?.title ?? meta('og:title', 'twitter:title', 'dc.title', 'citation_title', 'parsely-title') ?? ldString(ld?.headline) ?? ldString(ld?.name)
    ?? textOf(first('h1')) ?? textOf(first('title')));
  const author = [readable?.byline, meta('author', 'article:author', 'parsely-author', 'dc.creator', 'citation_author', 'byl', 'sailthru.author'), ldNames(ld?.author).join('; '), ...relAuthors(tree.root)]
    .map((a) => clean(a?.replace(/^by\s+/i, '')))
    // `article:author` is often the author's profile URL, which names nobody.
    .find((a): a is string => a !== undefined && !/^https?:/i.test(a));
  const outlet = clean(readable?.siteName ?? meta('og:site_name', 'application-name', 'publisher', 'dc.publisher', 'citation_journal_title') ?? ldNames(ld?.publisher)[0]);
  const date = isoDate(meta('article:published_time', 'og:published_time', 'datepublished', 'date', 'dc.date', 'dc.date.issued', 'pubdate', 'publishdate', 'parsely-pub-date', 'sailthru.date', 'citation_publication_date')
    ?? ldString(ld?.datePublished) ?? readable?.publishedTime ?? timeOf(tree.root));
  const url = [canonical(tree.root), meta('og:url', 'twitter:url', 'parsely-link'), ldString(ld?.url), ldString(ld?.mainEntityOfPage), savedFrom(tree.comments)]
    .find((u): u is string => u !== undefined && /^https?:\/\/\S+$/i.test(u.trim()))?.trim();
  const language = clean(htmlLang(tree.root) ?? readable?.lang ?? meta('og:locale', 'language', 'dc.language')?.replace('_', '-'));
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

function textOf(e: HtmlElement | undefined): string | undefined {
  return e ? textContent(e) : undefined;
}

function canonical(root: HtmlElement): string | undefined {
  return findAll(root, (e) => e.name === 'link' && /(?:^|\s)canonical(?:\s|$)/i.test(e.attrs.rel ?? ''))[0]?.attrs.href;
}

/** The text of every `rel="author"` link, in order: the first is often a headshot with no text. */
function relAuthors(root: HtmlElement): string[] {
  return findAll(root, (e) => e.name === 'a' && /(?:^|\s)author(?:\s|$)/i.test(e.attrs.rel ?? '')).map(textContent);
}

function htmlLang(root: HtmlElement): string | undefined {
  return findAll(root, (e) => e.name === 'html')[0]?.attrs.lang;
}

function timeOf(root: HtmlElement): string | undefined {
  const times = findAll(root, (e) => e.name === 'time' && e.attrs.datetime !== undefined);
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
function jsonLdArticle(root: HtmlElement): Json | undefined {
  const candidates: Json[] = [];
  const collect = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(collect);
    else if (value && typeof value === 'object') {
      const obj = value as Json;
      candidates.push(obj);
      if (obj['@graph']) collect(obj['@graph']);
    }
  };
  for (const script of findAll(root, (e) => e.name === 'script' && /ld\+json/i.test(e.attrs.type ?? ''))) {
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
