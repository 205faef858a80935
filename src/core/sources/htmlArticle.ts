import { holdsNoProse } from './htmlReadable';
import { isSpace } from './htmlReadableCache';
import { isRawText, type HtmlElement, type HtmlNode, type HtmlText } from './htmlTree';

/**
 * Finds a saved page's article, the way a reader sees it, in the spirit of Mozilla's
 * Readability: page furniture (navigation, scripts, styles, forms, ads, share buttons,
 * comments, footers, figures) is left out, the element holding most of the prose wins, and
 * its headings and paragraphs come out as blocks of inline pieces with their file offsets.
 */

/** One block of the article: a heading or a paragraph, as pieces in reading order. */
export interface ArticleBlock {
  readonly heading: boolean;
  readonly pieces: readonly Piece[];
}

/**
 * A piece of a block's text. A `run` is a text node's characters as they stand in the file
 * from `start`, words and HTML white space, which the caller collapses the way a browser does;
 * a `text` piece is decoded (a character reference) or added (the quotation marks of `<q>`),
 * standing for the markup at `start`; a `space` is a line break (`<br>`), collapsed as white
 * space is. A whole text node is one piece: a page of a megabyte holds tens of thousands of
 * words, which would each be an object.
 */
export type Piece =
  | { readonly kind: 'run'; readonly data: string; readonly start: number }
  | { readonly kind: 'text'; readonly data: string; readonly start: number }
  | { readonly kind: 'space'; readonly start: number };

/** Never part of an article: code, styles, embedded objects, forms, page furniture. */
const droppedTags = new Set([
  'head', 'script', 'style', 'noscript', 'template', 'iframe', 'object', 'embed', 'svg', 'math', 'canvas',
  'form', 'button', 'input', 'select', 'textarea', 'option', 'label', 'nav', 'aside', 'footer', 'header',
  'figure', 'picture', 'img', 'video', 'audio', 'map', 'dialog', 'menu', 'title', 'meta', 'link', 'base',
]);
/** Landmark roles of page furniture. */
const droppedRoles = /^(?:navigation|banner|contentinfo|complementary|dialog|alertdialog|menu|menubar|search|form|toolbar|alert|note)$/i;
/** Class or id words that always mark furniture, even inside the article ("comment-body" is still a comment). */
const furniture = /(?:^|[\s_-])(?:ads?|advert\w*|adsbygoogle|sponsor\w*|promo\w*|comments?|comment-\w+|disqus\w*|replies|respond|share|sharing|social|newsletter|subscribe|subscription|signup|related|recommended|read-?more|outbrain|taboola|cookie\w*|gdpr|consent|popup|modal|paywall|breadcrumbs?|pagination|pager|tags?|tag-?list|byline|author-?(?:bio|box|info)|bio|sidebar|widget\w*|skip-link|screen-reader-text|sr-only|visually-hidden|print-only)(?:$|[\s_-])/i;
/** Unlikely containers unless they also look like content (Readability's `unlikelyCandidates` / `okMaybeItsACandidate`). */
const unlikely = /banner|combx|community|cover-wrap|extra|footer|gdpr|header|legends|menu|remark|rss|shoutbox|skyscraper|supplemental|agegate|yom-remote/i;
const maybeContent = /and|article|body|column|content|main|shadow|story|entry|post|text/i;
const positiveClass = /article|body|content|entry|hentry|h-entry|main|page|post|text|blog|story/i;
const negativeClass = /hidden|^hid$|\shid$|\shid\s|^hid\s|banner|combx|comment|com-|contact|foot|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|tool|widget/i;

/** Inline elements: they continue the text of the block they are in. */
const inlineTags = new Set([
  'a', 'abbr', 'b', 'bdi', 'bdo', 'cite', 'code', 'data', 'dfn', 'em', 'i', 'kbd', 'mark', 'q', 's', 'samp', 'small',
  'span', 'strong', 'sub', 'sup', 'time', 'u', 'var', 'wbr', 'del', 'ins', 'font', 'big', 'tt', 'strike', 'abbr', 'acronym', 'nobr',
]);
const headingTags = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
/** Blocks that hold prose directly (scored as paragraphs). */
const paragraphTags = new Set(['p', 'pre', 'td', 'blockquote', 'li', 'dd']);

/** Whether an element is page furniture that no article contains. */
export function isDropped(e: HtmlElement): boolean {
  if (droppedTags.has(e.name) || isRawText(e)) return true;
  const a = e.attrs;
  if ('hidden' in a || a['aria-hidden'] === 'true' || droppedRoles.test(a.role ?? '')) return true;
  if (/display\s*:\s*none|visibility\s*:\s*hidden/i.test(a.style ?? '')) return true;
  const names = `${a.class ?? ''} ${a.id ?? ''}`;
  if (furniture.test(names)) return true;
  // A <body> or <article> named "header-wrap" is still the page; only smaller containers are unlikely.
  return e.name !== 'body' && e.name !== 'article' && e.name !== 'main' && unlikely.test(names) && !maybeContent.test(names);
}

/** The text of an element with dropped furniture left out, white space collapsed. */
function visibleText(e: HtmlElement): string {
  let out = '';
  const visit = (el: HtmlElement): void => {
    for (const c of el.children) {
      if (c.type === 'text') out += c.data;
      else if (!isDropped(c)) visit(c);
    }
  };
  visit(e);
  return out.replace(/\s+/g, ' ').trim();
}

function linkDensity(e: HtmlElement, textLength: number): number {
  if (textLength === 0) return 0;
  let linked = 0;
  const visit = (el: HtmlElement): void => {
    for (const c of el.children) {
      if (c.type !== 'element' || isDropped(c)) continue;
      if (c.name === 'a') linked += visibleText(c).length;
      else visit(c);
    }
  };
  visit(e);
  return linked / textLength;
}

function classWeight(e: HtmlElement): number {
  let weight = 0;
  for (const name of [e.attrs.class, e.attrs.id]) {
    if (!name) continue;
    if (negativeClass.test(name)) weight -= 25;
    if (positiveClass.test(name)) weight += 25;
  }
  if (e.attrs.itemprop === 'articleBody') weight += 50;
  return weight;
}

function tagWeight(e: HtmlElement): number {
  switch (e.name) {
    case 'article': return 10;
    case 'div': case 'main': case 'section': return 5;
    case 'pre': case 'td': case 'blockquote': return 3;
    case 'address': case 'ol': case 'ul': case 'dl': case 'dd': case 'dt': case 'li': case 'form': return -3;
    case 'h1': case 'h2': case 'h3': case 'h4': case 'h5': case 'h6': case 'th': return -5;
    default: return 0;
  }
}

/** Whether every child of the element is text or inline (a `<div>` used as a paragraph). */
function holdsOnlyInline(e: HtmlElement): boolean {
  return e.children.every((c) => c.type === 'text' || inlineTags.has(c.name) || c.name === 'br' || isDropped(c));
}

/**
 * The element that holds the article: every prose block scores its parent and grandparent
 * (more for longer text and more commas), the container with the highest score, discounted
 * by how much of its text is links, wins. Falls back to `<body>` (or the whole document).
 */
export function findArticle(root: HtmlElement): HtmlElement {
  const scores = new Map<HtmlElement, number>();
  const score = (e: HtmlElement): number => {
    let s = scores.get(e);
    if (s === undefined) {
      s = tagWeight(e) + classWeight(e);
      scores.set(e, s);
    }
    return s;
  };
  const visit = (e: HtmlElement): void => {
    for (const c of e.children) {
      if (c.type !== 'element' || isDropped(c)) continue;
      const prose = paragraphTags.has(c.name) || ((c.name === 'div' || c.name === 'section') && holdsOnlyInline(c));
      if (prose) {
        const text = visibleText(c);
        if (text.length >= 25) {
          const points = 1 + (text.match(/[,，、]/g)?.length ?? 0) + Math.min(3, Math.floor(text.length / 100));
          let ancestor: HtmlElement | undefined = c.parent;
          for (let level = 0; ancestor && ancestor.name !== '#document' && level < 3; level++, ancestor = ancestor.parent) {
            scores.set(ancestor, score(ancestor) + points / (level === 0 ? 1 : level * 2));
          }
        }
      }
      visit(c);
    }
  };
  visit(root);
  let best: HtmlElement | undefined;
  let bestScore = 0;
  for (const [e, s] of scores) {
    const text = visibleText(e);
    const final = s * (1 - linkDensity(e, text.length));
    if (final > bestScore) { best = e; bestScore = final; }
  }
  if (!best) return findBody(root) ?? root;
  // The prose may be split over sibling containers (a lead paragraph, then the body): climb
  // while the parent holds clearly more prose than the winner alone.
  for (let parent = best.parent; parent && parent.name !== '#document' && parent.name !== 'html'; parent = parent.parent) {
    const ps = scores.get(parent) ?? 0;
    if (ps < bestScore * 0.75 || isDropped(parent)) break;
    best = parent;
    bestScore = Math.max(bestScore, ps);
  }
  return best;
}

/** Whether a UTF-16 code unit is HTML's white space: space, tab, line feed, form feed, carriage return. */
export function isHtmlSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 12 || code === 13;
}

/** The parts of a page chosen as its article (see `readableArticle`): elements, and text nodes kept by identity. */
export interface ArticleSelection {
  readonly elements: ReadonlySet<HtmlElement>;
  readonly texts: ReadonlySet<HtmlText>;
  readonly holders: ReadonlySet<HtmlElement>;
}

/** Furniture by its tag or landmark role, wherever it stands: navigation, asides, footers, forms, dialogs. */
function isFurnitureTag(e: HtmlElement): boolean {
  return furnitureTags.has(e.name) || droppedRoles.test(e.attrs.role ?? '');
}
// Figures too: a caption or photo credit is not the article's prose, and counting it would shift paragraph numbers.
const furnitureTags = new Set(['nav', 'aside', 'footer', 'form', 'dialog', 'menu', 'figure', 'figcaption']);
/** Class or id words of furniture found inside articles ("read more" is not one: an article may continue in such a container). */
const furnitureInArticle = /(?:^|[\s_-])(?:ads?|advert\w*|sponsor\w*|promo\w*|comments?|comment-\w+|disqus\w*|replies|respond|share|sharing|social|newsletter|subscribe|signup|related|recommended|outbrain|taboola|cookie\w*|gdpr|consent|breadcrumbs?|pagination|pager|tags|tag-?list|author-?(?:bio|box|info)|bio|widget\w*|skip-link|screen-reader-text|sr-only|visually-hidden|print-only)(?:$|[\s_-])/i;

/**
 * Parts of Readability's choice that a class or id word, a furniture tag or a landmark role
 * marks as furniture (an author box, comments, share buttons, related links, a navigation
 * list, a figure's caption), those marked by a name only when they hold less than half of the
 * article's text. A container that holds most of it stays whatever its name
 * (`js-social-anchor-start`, `tag-maritime-industry`, `modal-open` name the article's own
 * wrappers on real pages); so does a `<form>` (ASP.NET pages hold the whole page, the article
 * with it, in one form), while navigation, asides and footers never are the article's.
 */
function minorParts(root: HtmlElement, selection: ArticleSelection, within: ReadonlySet<HtmlElement>): Set<HtmlElement> {
  const sizes = new Map<HtmlElement, number>();
  const size = (e: HtmlElement, kept: boolean): number => {
    let n = 0;
    // Indexed, as in `articleBlocks`: an iterator for each element would be garbage.
    const children = e.children;
    for (let i = 0; i < children.length; i++) {
      const c = children[i];
      if (c.type === 'text') n += kept || selection.texts.has(c) ? trimmedLength(c.data) : 0;
      else if (within.has(c) && !holdsNoProse(c)) n += size(c, selection.elements.has(c));
    }
    sizes.set(e, n);
    return n;
  };
  const total = size(root, selection.elements.has(root));
  const minor = new Set<HtmlElement>();
  sizes.forEach((n, e) => {
    if (e.name === 'form' ? n < total * 0.5 : isFurnitureTag(e) || (n < total * 0.5 && namedFurniture(e))) minor.add(e);
  });
  return minor;
}

/**
 * Whether the element's class or id names furniture, the id only when it has at most two
 * words: one of more is a heading's slug ("sharing-with-a-single-developer"). The two are
 * tested apart (a word of the pattern never holds white space, so none stands across them),
 * and the id's words are counted only when it names furniture: asked of every element of the
 * article, this makes no string.
 */
function namedFurniture(e: HtmlElement): boolean {
  if (furnitureInArticle.test(e.attrs.class ?? '')) return true;
  const id = e.attrs.id;
  return id !== undefined && furnitureInArticle.test(id) && idWords(id) <= 2;
}

/** How many pieces `id.split(/[\s_-]+/)` makes, without making them. */
function idWords(id: string): number {
  let pieces = 1;
  for (let i = 0; i < id.length; ) {
    if (!isIdSeparator(id.charCodeAt(i))) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < id.length && isIdSeparator(id.charCodeAt(j))) j++;
    pieces++;
    i = j;
  }
  return pieces;
}

/** `[\s_-]`: white space as `\s` knows it, underscore or hyphen. */
function isIdSeparator(code: number): boolean {
  return code === 95 || code === 45 || isSpace(code);
}

/** The length of `s.trim()`, without making the trimmed string. */
function trimmedLength(s: string): number {
  let start = 0;
  let end = s.length;
  while (start < end && isSpace(s.charCodeAt(start))) start++;
  while (end > start && isSpace(s.charCodeAt(end - 1))) end--;
  return end - start;
}

/** The elements of each group and every element that holds one of them: the way down to the article's parts. */
function withAncestors(...groups: Iterable<HtmlElement>[]): Set<HtmlElement> {
  const all = new Set<HtmlElement>();
  for (const elements of groups) {
    for (const e of elements) {
      for (let a: HtmlElement | undefined = e; a && !all.has(a); a = a.parent) all.add(a);
    }
  }
  return all;
}

function findBody(root: HtmlElement): HtmlElement | undefined {
  for (const c of root.children) {
    if (c.type !== 'element') continue;
    if (c.name === 'body') return c;
    const inner = findBody(c);
    if (inner) return inner;
  }
  return undefined;
}

/**
 * The article's blocks in reading order. Block elements (paragraphs, headings, list items,
 * quotations, table cells, `<div>`s of text) start a new block; two `<br>` in a row do too.
 * `<q>` gets curly quotation marks, as a browser shows it. Blocks that are mostly links
 * ("Read more: …" lists) are left out.
 */
export function articleBlocks(article: HtmlElement, selection?: ArticleSelection): ArticleBlock[] {
  const within = selection ? withAncestors(selection.elements, selection.holders) : undefined;
  const minor = selection ? minorParts(article, selection, within!) : undefined;
  // Without a selection, the article is everything under `article` but page furniture.
  const skipped = (e: HtmlElement): boolean => (selection && within ? holdsNoProse(e) || !within.has(e) || minor!.has(e) : isDropped(e));
  const textKept = (t: HtmlText, parent: HtmlElement): boolean => !selection || selection.texts.has(t) || selection.elements.has(parent);
  const blocks: ArticleBlock[] = [];
  let pieces: Piece[] = [];
  let heading = false;
  let linkChars = 0;
  let breaks = 0;
  // The block's characters that are not HTML white space, and whether any is not white space at all.
  let chars = 0;
  let hasText = false;
  const flush = (): void => {
    // A short block that is mostly links is navigation that slipped through ("Read more: …");
    // Readability weighs link density itself, and keeps a table of linked titles that is the article.
    if (hasText && (selection || !(chars < 200 && linkChars / Math.max(1, chars) > 0.5))) blocks.push({ heading, pieces });
    pieces = [];
    heading = false;
    linkChars = 0;
    breaks = 0;
    chars = 0;
    hasText = false;
  };
  const decoded = (data: string, start: number): void => {
    pieces.push({ kind: 'text', data, start });
    chars += data.length;
    hasText ||= /\S/.test(data);
  };
  const text = (t: HtmlText): void => {
    const data = t.data;
    if (t.entity) {
      if (data !== '') {
        decoded(data, t.start);
        breaks = 0;
      }
      return;
    }
    if (data === '') return;
    pieces.push({ kind: 'run', data, start: t.start });
    // Its words (a non-breaking space is a character of one, not HTML white space).
    let words = 0;
    for (let i = 0; i < data.length; i++) {
      const code = data.charCodeAt(i);
      if (isHtmlSpace(code)) continue;
      words++;
      hasText ||= !isSpace(code);
    }
    chars += words;
    if (words > 0) breaks = 0;
  };
  const visit = (e: HtmlElement, inLink: boolean): void => {
    // Indexed: an iterator for each element of the article would be garbage.
    const children: readonly HtmlNode[] = e.children;
    for (let i = 0; i < children.length; i++) {
      const c = children[i];
      if (c.type === 'text') {
        if (!textKept(c, e)) continue;
        if (inLink) linkChars += trimmedLength(c.data);
        text(c);
        continue;
      }
      if (skipped(c)) continue;
      if (c.name === 'br') {
        if (++breaks >= 2) flush();
        else pieces.push({ kind: 'space', start: c.start });
        continue;
      }
      if (c.name === 'hr') { flush(); continue; }
      if (inlineTags.has(c.name)) {
        if (c.name === 'q') decoded('“', c.start);
        visit(c, inLink || c.name === 'a');
        if (c.name === 'q') decoded('”', Math.max(c.start, c.end - 4));
        continue;
      }
      // Any other element is a block: what came before it ends, its own text is a block of its own.
      flush();
      heading = headingTags.has(c.name);
      visit(c, inLink);
      flush();
    }
  };
  visit(article, false);
  flush();
  return blocks;
}
