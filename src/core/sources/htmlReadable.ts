import { Readability } from '@mozilla/readability';
import JSDOMParser from '@mozilla/readability/JSDOMParser';
import { withCachedAnswers, type CachedReaderInternals } from './htmlReadableCache';
import { findFirst, textContent, type HtmlElement, type HtmlNode, type HtmlText, type HtmlTree } from './htmlTree';

/**
 * Mozilla's Readability (the reader view of Firefox) chooses a saved page's article. It runs
 * on the minimal DOM Readability ships for itself (JSDOMParser, the DOM its own test suite runs
 * on; some four times faster here than linkedom, which spends most of its time registering
 * every node for events), built from our own tree, not from the file again, so every element
 * and text node it keeps is traced, by identity, to the node of our tree it was made from, which
 * knows where it stands in the file. The text itself is then read from our tree, with its
 * offsets (see `articleBlocks`). Readability's repeated questions about the same elements are
 * answered from what each element keeps until its subtree changes (`htmlReadableCache.ts`).
 */

/** What Readability made of a page: the parts of our tree it kept, and the metadata it read. */
export interface ReadableArticle {
  /** Elements of our tree that are part of the article. */
  readonly elements: ReadonlySet<HtmlElement>;
  /** Text nodes of our tree that are part of the article, where Readability kept them by identity. */
  readonly texts: ReadonlySet<HtmlText>;
  /** The elements of our tree that hold those text nodes (Readability may have renamed them, and lost their mark). */
  readonly holders: ReadonlySet<HtmlElement>;
  readonly title?: string;
  readonly byline?: string;
  readonly siteName?: string;
  readonly publishedTime?: string;
  readonly lang?: string;
}

// Readability's types speak of the browser's DOM, which the core's TypeScript library does not
// declare; these are the few members used here.
interface DomNode {
  readonly nodeType: number;
  readonly childNodes: ArrayLike<DomNode>;
  getAttribute?(name: string): string | null;
}
interface DomElement extends DomNode {
  readonly lastChild: DomNode | null;
  setAttribute(name: string, value: string): void;
  appendChild(child: unknown): unknown;
  removeChild(child: unknown): unknown;
}
interface DomDocument {
  title: string;
  readonly documentElement: DomElement;
  readonly head: DomElement;
  readonly body: DomElement;
  createElement(name: string): DomElement;
  createTextNode(data: string): DomNode;
}

/**
 * The attributes Readability reads (visibility, roles, class and id words, bylines, metadata,
 * data tables, links); setting the others, thousands on a large page, is most of the cost of
 * building the DOM.
 */
const readAttributes = new Set(['class', 'id', 'style', 'hidden', 'aria-hidden', 'aria-modal', 'role', 'rel', 'itemprop', 'href', 'name', 'property', 'content', 'type', 'lang', 'dir', 'colspan', 'rowspan', 'datatable', 'summary']);
/** Elements Readability drops first of all (JSON-LD scripts excepted, which it reads). */
const skippedTags = new Set(['script', 'style', 'noscript', 'template']);

/** Elements that never hold article prose however Readability judges them. */
const noProse = new Set(['head', 'title', 'script', 'style', 'noscript', 'template', 'svg', 'canvas', 'img', 'picture', 'video', 'audio', 'iframe', 'object', 'embed', 'select', 'option', 'textarea', 'button', 'input', 'meta', 'link', 'base']);

/** Whether the element's text is never article prose (scripts, styles, embedded objects, form controls). */
export function holdsNoProse(e: HtmlElement): boolean {
  return noProse.has(e.name);
}

/**
 * Runs Readability on the page. Returns undefined when it finds no article, or when it fails
 * on markup it cannot handle (the caller then says the page has no article it can read).
 */
export function readableArticle(tree: HtmlTree): ReadableArticle | undefined {
  const dom = buildDom(tree);
  let parsed: ReturnType<Readability<unknown>['parse']>;
  try {
    // The serializer hands back the article's element itself, not HTML: its nodes are traced back to our tree.
    const reader = new Readability(dom.document as never, { serializer: (node: unknown) => node });
    leaner(reader as unknown as ReaderInternals, dom);
    parsed = withCachedAnswers(reader as unknown as CachedReaderInternals, () => reader.parse());
  } catch {
    return undefined;
  }
  if (!parsed?.content) return undefined;
  const keptElements = new Set<HtmlElement>();
  const keptTexts = new Set<HtmlText>();
  const holders = new Set<HtmlElement>();
  // A text node Readability made afresh (it has made a `javascript:` link plain text) is found
  // among the texts of the nearest element of ours that holds it.
  const unmatched = new Map<HtmlElement, { texts: { text: HtmlText; parent: HtmlElement }[]; next: number }>();
  const byContent = (data: string, within: HtmlElement): { text: HtmlText; parent: HtmlElement } | undefined => {
    let pending = unmatched.get(within);
    if (!pending) {
      pending = { texts: descendantTexts(within), next: 0 };
      unmatched.set(within, pending);
    }
    for (let i = pending.next; i < pending.texts.length; i++) {
      if (pending.texts[i].text.data === data) {
        pending.next = i + 1;
        return pending.texts[i];
      }
    }
    return undefined;
  };
  const visit = (node: DomNode, marked: HtmlElement | undefined): void => {
    if (node.nodeType === 3) {
      const data = (node as unknown as { textContent: string }).textContent;
      const traced = dom.textOf(node);
      if (traced) {
        keptTexts.add(traced);
        holders.add(dom.holderOf(node)!);
        return;
      }
      const text = marked && /\S/.test(data) ? byContent(data, marked) : undefined;
      if (text) {
        keptTexts.add(text.text);
        holders.add(text.parent);
      }
      return;
    }
    if (node.nodeType !== 1) return;
    const element = dom.elementOf(node);
    if (element) keptElements.add(element);
    const children = node.childNodes;
    for (let i = 0; i < children.length; i++) visit(children[i], element ?? marked);
  };
  visit(parsed.content as DomNode, undefined);
  const clean = (s: string | null | undefined): string | undefined => {
    const t = s?.replace(/\s+/g, ' ').trim();
    return t ? t : undefined;
  };
  const article: { -readonly [K in keyof ReadableArticle]: ReadableArticle[K] } = { elements: keptElements, texts: keptTexts, holders };
  const title = clean(parsed.title);
  const byline = clean(parsed.byline);
  const siteName = clean(parsed.siteName);
  const publishedTime = clean(parsed.publishedTime);
  const lang = clean(parsed.lang);
  if (title) article.title = title;
  if (byline) article.byline = byline;
  if (siteName) article.siteName = siteName;
  if (publishedTime) article.publishedTime = publishedTime;
  if (lang) article.lang = lang;
  return article;
}

/**
 * The steps of Readability (0.6) that a page's DOM goes through before it looks for the article,
 * and the two it takes after, which serve a reader view and not us. Declared optional: a
 * version that renames them is only slower here.
 */
interface ReaderInternals {
  _unwrapNoscriptImages?(doc: unknown): void;
  _removeScripts?(doc: unknown): void;
  _prepDocument?(): void;
  _grabArticle?(page?: unknown): DomElement | null;
  _postProcessContent?(article: unknown): void;
}

/**
 * Spares Readability work whose result we never read, on a large page most of its time:
 * - Before its first attempt it saves the page as HTML (`body.innerHTML`), to parse it again
 *   should it have to retry with looser rules. Here the body is rebuilt from our tree instead,
 *   and taken through the same preparation steps again, so a retry sees the page as the first
 *   attempt did, and its nodes can still be traced to our tree.
 * - It writes the article as HTML for a debug log that is off.
 * - After choosing the article it makes links absolute, unwraps nested `<div>`s and drops
 *   classes, for display; we read the chosen nodes' text from our own tree.
 */
function leaner(reader: ReaderInternals, dom: ReadableDom): void {
  const body = dom.document.body;
  Object.defineProperty(body, 'innerHTML', {
    configurable: true,
    // What Readability keeps is only handed back to the setter below.
    get: () => '',
    set: () => {
      dom.rebuildBody();
      reader._unwrapNoscriptImages?.(dom.document);
      reader._removeScripts?.(dom.document);
      reader._prepDocument?.();
    },
  });
  const grab = reader._grabArticle;
  if (typeof grab === 'function') {
    reader._grabArticle = function (this: ReaderInternals, page?: unknown): DomElement | null {
      const article = grab.call(this, page);
      if (article) Object.defineProperty(article, 'innerHTML', { configurable: true, value: '' });
      return article;
    };
  }
  if (typeof reader._postProcessContent === 'function') reader._postProcessContent = () => undefined;
}

/** The text nodes under an element of our tree, in document order, each with its parent. */
function descendantTexts(element: HtmlElement): { text: HtmlText; parent: HtmlElement }[] {
  const out: { text: HtmlText; parent: HtmlElement }[] = [];
  const walk = (e: HtmlElement): void => {
    for (const c of e.children) {
      if (c.type === 'text') out.push({ text: c, parent: e });
      else walk(c);
    }
  };
  walk(element);
  return out;
}

/** Readability's document, built from our tree, and the way back. */
export interface ReadableDom {
  readonly document: DomDocument;
  /** The element of our tree an element of the document was made from. */
  elementOf(node: object): HtmlElement | undefined;
  /** The text of our tree a text node of the document was made from. */
  textOf(node: object): HtmlText | undefined;
  /** The element of our tree holding the text a text node of the document was made from. */
  holderOf(node: object): HtmlElement | undefined;
  /** Empties the document's body and fills it again from our tree, as `buildDom` first did. */
  rebuildBody(): void;
}

/** A document with the same elements and text as our tree, each traceable to it (exported for tests). */
export function buildDom(tree: HtmlTree): ReadableDom {
  // An address of no page: Readability makes the article's links absolute against it, and
  // the links are not read.
  const document = new JSDOMParser().parse('<html><head></head><body></body></html>', 'http://localhost/') as unknown as DomDocument;
  // What went straight into the body, in order, with the element of ours that held it.
  const inBody: { node: HtmlNode; parent: HtmlElement }[] = [];
  let rebuilding = false;
  // The nodes made for the children of the elements being filled, innermost last (see `fill`).
  const made: (DomNode & Linked)[] = [];
  /**
   * The node made for `child`, filled; undefined when it is skipped or is the document's own
   * (then filled in place). With `to`, one of the document's own elements, the node is appended
   * to it before it is filled, so what the page's nested <html>, <head> or <body> put there
   * follows it, as when every node was appended as it was made.
   */
  const make = (child: HtmlNode, from: HtmlElement, to?: DomElement): (DomNode & Linked) | undefined => {
    if (child.type === 'text') {
      const node = document.createTextNode(child.data) as DomNode & Linked & Traced;
      node.madeFromText = child;
      node.madeFromHolder = from;
      to?.appendChild(node);
      return node;
    }
    // Readability removes these before it reads anything; copying them would only cost time.
    if (skippedTags.has(child.name) && !(child.name === 'script' && /ld\+json/i.test(child.attrs.type ?? ''))) return undefined;
    // The page's own <html>, <head> and <body> are the document's: their children go there
    // (and when the body is rebuilt, whatever they put in it is in `inBody` already).
    const own = child.name === 'html' ? document.documentElement : child.name === 'head' ? document.head : child.name === 'body' ? document.body : undefined;
    if (own) {
      if (rebuilding) return undefined;
      setAttributes(own, child);
      (own as DomElement & Traced).madeFrom = child;
      for (const c of child.children) place(c, child, own);
      return undefined;
    }
    const element = document.createElement(child.name) as DomElement & Linked & Traced;
    setAttributes(element, child);
    element.madeFrom = child;
    to?.appendChild(element);
    fill(element, child);
    return element;
  };
  /**
   * Gives a new element the nodes made for `from`'s children, linked as `appendChild` links
   * them (siblings, element siblings, parent), in lists of their own length: appended one by
   * one, each list would grow to room for sixteen or more, for every element of the page.
   */
  const fill = (element: DomElement & Linked, from: HtmlElement): void => {
    const base = made.length;
    // Indexed loops: an iterator for each element's children would be garbage.
    const kids = from.children;
    for (let i = 0; i < kids.length; i++) {
      const node = make(kids[i], from);
      if (node) made.push(node);
    }
    if (made.length === base) return;
    const childNodes = made.slice(base);
    let previous: (DomNode & Linked) | null = null;
    let elements = 0;
    for (let i = 0; i < childNodes.length; i++) {
      const node = childNodes[i];
      node.previousSibling = previous;
      if (previous) previous.nextSibling = node;
      node.parentNode = element;
      previous = node;
      if (node.nodeType === 1) elements++;
    }
    element.childNodes = childNodes;
    if (elements > 0) {
      const children = elements === childNodes.length ? childNodes.slice() : childNodes.filter((n) => n.nodeType === 1);
      let previousElement: (DomNode & Linked) | null = null;
      for (let i = 0; i < children.length; i++) {
        const node = children[i];
        node.previousElementSibling = previousElement;
        if (previousElement) previousElement.nextElementSibling = node;
        previousElement = node;
      }
      element.children = children;
    }
    made.length = base;
  };
  /** Appends what is made for `child` to `to`, one of the document's own elements (its <html>, <head> or <body>). */
  const place = (child: HtmlNode, from: HtmlElement, to: DomElement): void => {
    if (to === document.body && !rebuilding) inBody.push({ node: child, parent: from });
    make(child, from, to);
  };
  for (const c of tree.root.children) place(c, tree.root, document.body);
  // JSDOMParser's parser sets the title as it reads the first <title>; the browser's is the
  // first outside an <svg>, whose <title> names a drawing.
  const title = findFirst(tree.root, (e) => e.name === 'title', (e) => e.name === 'svg');
  if (title) document.title = textContent(title).trim();
  const rebuildBody = (): void => {
    const body = document.body;
    while (body.lastChild) body.removeChild(body.lastChild);
    rebuilding = true;
    for (const { node, parent } of inBody) place(node, parent, body);
    rebuilding = false;
  };
  return {
    document,
    elementOf: (node) => (node as Traced).madeFrom,
    textOf: (node) => (node as Traced).madeFromText,
    holderOf: (node) => (node as Traced).madeFromHolder,
    rebuildBody,
  };
}

/**
 * A node of the document as `buildDom` marks it with what it was made from: a property of its
 * own, where a map from node to node would cost more than building the document (tens of
 * thousands of entries on a large page).
 */
interface Traced {
  madeFrom?: HtmlElement;
  madeFromText?: HtmlText;
  madeFromHolder?: HtmlElement;
}

/** The members of JSDOMParser's nodes that `appendChild` sets, set by `buildDom` itself for the nodes it makes. */
interface Linked {
  childNodes: (DomNode & Linked)[];
  children: (DomNode & Linked)[];
  parentNode: DomNode | null;
  previousSibling: DomNode | null;
  nextSibling: DomNode | null;
  previousElementSibling: DomNode | null;
  nextElementSibling: DomNode | null;
}

/** Sets on a new element the attributes of ours that Readability reads. */
function setAttributes(element: DomElement, from: HtmlElement): void {
  for (const name in from.attrs) {
    if (readAttributes.has(name)) element.setAttribute(name, from.attrs[name]);
  }
}
