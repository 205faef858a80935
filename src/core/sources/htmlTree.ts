import { Parser } from 'htmlparser2';

/**
 * A saved web page as a tree that remembers where everything stands in the file, so the
 * article's text can be mapped back to the HTML. Built by htmlparser2's tokenizer (a parser
 * only: nothing is fetched, executed or rendered).
 */
export interface HtmlElement {
  readonly type: 'element';
  /** Lower-case tag name. */
  readonly name: string;
  /** Attribute values, entities decoded; names lower-case. */
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: HtmlNode[];
  parent: HtmlElement | undefined;
  /** Offset of `<` of the start tag. */
  readonly start: number;
  /** Offset after the end tag (or where the element was implicitly closed). */
  end: number;
}

/**
 * A piece of text as the tokenizer reports it: either a literal run (`entity: false`, the
 * text stands in the file from `start` character for character) or one character reference
 * (`&rsquo;`, `&#8217;`) decoded to `data`.
 */
export interface HtmlText {
  readonly type: 'text';
  readonly data: string;
  readonly start: number;
  readonly end: number;
  readonly entity: boolean;
}

export type HtmlNode = HtmlElement | HtmlText;

/** What `parseHtml` returns: the root (a synthetic `#document` element) and the comments. */
export interface HtmlTree {
  readonly root: HtmlElement;
  /** Comment texts, in order (a saved page's "saved from url=" comment lives there). */
  readonly comments: readonly string[];
  /**
   * Every element, in document order (the order of `findAll`), and by tag name: recorded as
   * the parser makes them (each one goes after all that came before it), so what is looked
   * for by tag or among all elements takes no walk of the tree.
   */
  readonly elements: readonly HtmlElement[];
  readonly byName: ReadonlyMap<string, readonly HtmlElement[]>;
}

/** Elements whose content is never parsed as markup; their text is kept only for `<script type="application/ld+json">` and `<title>`. */
const rawTextElements = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'plaintext']);

/** How deep elements nest in the tree (Chromium's HTML parser stops nesting at 512 too). */
export const maxDepth = 512;

/** Parses `html` into a tree with file offsets. Never throws; malformed markup is repaired the way htmlparser2 repairs it. */
export function parseHtml(html: string): HtmlTree {
  const root: HtmlElement = { type: 'element', name: '#document', attrs: {}, children: [], parent: undefined, start: 0, end: html.length };
  const comments: string[] = [];
  const elements: HtmlElement[] = [];
  const byName = new Map<string, HtmlElement[]>();
  // The elements open at this point, innermost last.
  const open: HtmlElement[] = [];
  let current = root;
  // Assigned in onparserinit, before any other callback runs.
  let parser!: Parser;
  const handler = {
    onparserinit(p: Parser) { parser = p; },
    onopentag(name: string, attrs: Record<string, string>) {
      // Past `maxDepth`, an element goes beside the last one at that depth, as browsers build
      // such pages: every walk over the tree stays within a bounded depth.
      const parent = open.length >= maxDepth ? open[maxDepth - 1] : current;
      const element: HtmlElement = { type: 'element', name, attrs, children: [], parent, start: parser.startIndex, end: html.length };
      parent.children.push(element);
      // An element goes under one still open, so after every element made before it, in document order.
      elements.push(element);
      const named = byName.get(name);
      if (named) named.push(element);
      else byName.set(name, [element]);
      open.push(element);
      current = element;
    },
    onclosetag(name: string, isImplied: boolean) {
      // htmlparser2 closes elements in order; guard against a stray close of the root.
      if (current === root || current.name !== name) return;
      current.end = isImplied ? parser.startIndex : parser.endIndex + 1;
      open.pop();
      current = open.at(-1) ?? root;
    },
    ontext(data: string) {
      const start = parser.startIndex;
      const end = parser.endIndex + 1;
      // The tokenizer reports a character reference as its own event; a literal run has the file's length.
      const entity = data.length !== end - start || !html.startsWith(data, start);
      current.children.push({ type: 'text', data, start, end, entity });
    },
    oncomment(data: string) { comments.push(data); },
  };
  const p = new Parser(handler, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: false });
  p.end(html);
  root.end = html.length;
  return { root, comments, elements, byName };
}

/** Whether the element's content is raw text (script, style, title…), not markup. */
export function isRawText(element: HtmlElement): boolean {
  return rawTextElements.has(element.name);
}

/** Every element under `root` (depth first, document order) that satisfies `test`. */
export function findAll(root: HtmlElement, test: (e: HtmlElement) => boolean): HtmlElement[] {
  const found: HtmlElement[] = [];
  const visit = (e: HtmlElement): void => {
    for (const child of e.children) {
      if (child.type !== 'element') continue;
      if (test(child)) found.push(child);
      visit(child);
    }
  };
  visit(root);
  return found;
}

/** The first element under `root` (depth first, document order) that satisfies `test`, not looking inside elements that satisfy `skip`. */
export function findFirst(root: HtmlElement, test: (e: HtmlElement) => boolean, skip?: (e: HtmlElement) => boolean): HtmlElement | undefined {
  for (const child of root.children) {
    if (child.type !== 'element') continue;
    if (test(child)) return child;
    if (skip?.(child)) continue;
    const found = findFirst(child, test, skip);
    if (found) return found;
  }
  return undefined;
}

/** The text content of an element, as decoded characters (markup dropped, white space kept). */
export function textContent(element: HtmlElement): string {
  let out = '';
  const visit = (e: HtmlElement): void => {
    for (const child of e.children) {
      if (child.type === 'text') out += child.data;
      else visit(child);
    }
  };
  visit(element);
  return out;
}
