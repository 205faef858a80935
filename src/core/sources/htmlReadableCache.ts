import JSDOMParser from '@mozilla/readability/JSDOMParser';

/**
 * Readability judges a page by asking the same elements the same questions again and again:
 * the text of a candidate and of each of its paragraphs, lists and links (`textContent`,
 * `_getInnerText`), and the elements of each tag under it (`getElementsByTagName`, some twenty
 * tags for each container it weighs in `_cleanConditionally`). On JSDOMParser each answer walks
 * the element's whole subtree: on a large page, most of Readability's time.
 *
 * Here each element keeps its answers until its subtree changes. JSDOMParser's nodes change
 * only through `appendChild`, `remove` (which `removeChild` calls), `replaceChild`, the
 * `innerHTML` and `textContent` setters, and, Readability's one change made by hand, the tag
 * name `_setNodeTag` writes (see `withCachedAnswers`): each of these forgets the answers of the
 * element changed and of every element above it, whose subtrees hold it. An element taken out
 * keeps its answers, as its own subtree did not change.
 *
 * The answers are kept and read only while `withCachedAnswers` runs, and each run reads only
 * its own: anywhere else JSDOMParser answers as it always did, and a change made outside a run
 * (building the document) has nothing to forget.
 */

/** What an element keeps of its text; a member is undefined until first asked for. */
interface TextAnswers {
  /** The run of `withCachedAnswers` they were kept in: those of another run are not read. */
  readonly run: number;
  text: string | undefined;
  /** The shape of the text's white space (see `Spacing`). */
  spacing: Spacing | undefined;
  /** `_getInnerText(e, false)` and `_getInnerText(e, true)`. */
  trimmed: string | undefined;
  normalized: string | undefined;
}

/** The members of JSDOMParser's nodes read here. */
interface JsNode {
  readonly nodeType: number;
  readonly parentNode: JsNode | null;
  readonly childNodes: readonly JsNode[];
  readonly textContent: string;
  texts?: TextAnswers;
  /** The elements below, by upper-case tag name (`*` for all), in document order, for each tag asked for in `run`. */
  tags?: TagLists;
}
interface JsElement extends JsNode {
  readonly children: readonly JsElement[];
  tagName: string;
}
type NodeList = JsElement[] & { _isLiveNodeList?: boolean };

/** An element's lists of the elements below it by tag, kept in one run of `withCachedAnswers`. */
interface TagLists {
  readonly run: number;
  readonly lists: Map<string, JsElement[]>;
  /** Whether `lists` holds every tag found below (all but `*`): a tag it lacks has no element there. */
  every: boolean;
  /**
   * Undefined while nothing has been taken out from below since the lists were made; after
   * that, the tags whose lists have been cleared of the elements taken out since.
   */
  checked: Set<string> | undefined;
}

/** The list of a tag found nowhere below; never changed (callers are handed copies). */
const noElements: JsElement[] = [];

/** The Readability internals whose answers are kept (0.6); optional: a version that renames them is only slower. */
export interface CachedReaderInternals {
  _getInnerText?(e: unknown, normalizeSpaces?: boolean): string;
  _isElementWithoutContent?(node: unknown): boolean;
  _getLinkDensity?(element: unknown): number;
  _getTextDensity?(e: unknown, tags: string[]): number;
  _getAllNodesWithTag?(node: unknown, tagNames: string[]): ArrayLike<unknown>;
  _getCharCount?(e: unknown, s?: string): number;
  _setNodeTag?(node: unknown, tag: string): unknown;
  readonly REGEXPS?: { readonly normalize?: RegExp; readonly hashUrl?: RegExp };
}

let active = 0;
/** Bumped by each `withCachedAnswers`: answers kept in an earlier run are never read, so a change made between runs need forget nothing. */
let run = 0;
let installed: boolean | undefined;

/**
 * A change at or below `node`: every element from it up forgets its text (unless only a tag
 * name changed) and its lists of elements by tag (unless only a text changed). The elements
 * below keep theirs, which the lists above are made from again when next asked for.
 */
function forget(node: JsNode | null, text = true, tags = true): void {
  if (!active) return;
  for (let n = node; n; n = n.parentNode) {
    if (text && n.texts !== undefined) n.texts = undefined;
    if (tags && n.tags !== undefined) n.tags = undefined;
  }
}

/**
 * A node taken out from below `parent`: every element from there up forgets its text, and its
 * lists by tag keep what they hold in document order but may hold elements no longer below it,
 * which are dropped from each list when it is next read (see `checkedList`). Readability takes
 * out hundreds of nodes one by one as it cleans the article, asking the article about a tag
 * between each: the lists are not made again from the whole article each time.
 */
function forgetTakenOut(parent: JsNode | null): void {
  if (!active) return;
  for (let n = parent; n; n = n.parentNode) {
    if (n.texts !== undefined) n.texts = undefined;
    const tags = n.tags;
    if (tags !== undefined && tags.run === run) {
      if (tags.checked === undefined) tags.checked = new Set();
      else tags.checked.clear();
    }
  }
}

/** Whether `element` is (still) below `root`. */
function isBelow(element: JsNode, root: JsNode): boolean {
  for (let p = element.parentNode; p; p = p.parentNode) if (p === root) return true;
  return false;
}

/**
 * The list of `tag` that `owner` keeps, cleared of the elements taken out from below it since
 * it was made; undefined when it keeps none. (Its order stays right: taking out moves nothing
 * that stays; a node put anywhere makes the elements above it forget their lists.)
 */
function checkedList(owner: JsNode, kept: TagLists, tag: string): JsElement[] | undefined {
  const list = kept.lists.get(tag);
  if (list === undefined || kept.checked === undefined || kept.checked.has(tag)) return list;
  let still = list;
  for (let i = 0; i < list.length; i++) {
    if (isBelow(list[i], owner)) continue;
    // The first element taken out: the rest is copied as it is checked.
    still = list.slice(0, i);
    for (let j = i + 1; j < list.length; j++) if (isBelow(list[j], owner)) still.push(list[j]);
    kept.lists.set(tag, still);
    break;
  }
  kept.checked.add(tag);
  return still;
}

function textsOf(node: JsNode): TextAnswers {
  const texts = node.texts;
  if (texts !== undefined && texts.run === run) return texts;
  return (node.texts = { run, text: undefined, spacing: undefined, trimmed: undefined, normalized: undefined });
}

/** The lists of elements by tag an element keeps in this run. */
function tagsOf(node: JsNode): TagLists {
  const tags = node.tags;
  if (tags !== undefined && tags.run === run) return tags;
  return (node.tags = { run, lists: new Map(), every: false, checked: undefined });
}

/** What an element keeps of the elements below it of one tag in this run: the list, `noElements` when it knows there are none, else undefined. */
function keptList(e: JsNode, tag: string): JsElement[] | undefined {
  const kept = e.tags;
  if (kept === undefined || kept.run !== run) return undefined;
  return checkedList(e, kept, tag) ?? (kept.every && tag !== '*' ? noElements : undefined);
}

/**
 * The elements under `root`, in document order, whose tag is `tag` (all of them for `*`); the
 * lists the elements below already keep are taken as they are (Readability asks each of a
 * page's nested candidates for its links, the innermost first).
 */
function elementsByTag(root: JsElement, tag: string): JsElement[] {
  const out: JsElement[] = [];
  const all = tag === '*';
  const walk = (e: JsElement): void => {
    const children = e.children;
    for (let i = 0; i < children.length; i++) {
      const child = children[i];
      if (all || child.tagName === tag) out.push(child);
      const known = keptList(child, tag);
      if (known) {
        for (let j = 0; j < known.length; j++) out.push(known[j]);
      } else {
        walk(child);
      }
    }
  };
  walk(root);
  return out;
}

/**
 * Every element under `root` put in its tag's list, each list in document order, in one walk
 * (what the elements below keep of every tag is taken as it is). Readability asks the same
 * element about tag after tag (some twenty for each container it weighs, a dozen of the whole
 * document and of the article): one walk then answers them all, where each would walk again.
 * The list of `*`, if kept, stays.
 */
function bucketByTag(root: JsElement, kept: TagLists): void {
  const lists = kept.lists;
  const everything = checkedList(root, kept, '*');
  lists.clear();
  if (everything) lists.set('*', everything);
  const listOf = (tag: string): JsElement[] => {
    let list = lists.get(tag);
    if (list === undefined) {
      list = [];
      lists.set(tag, list);
    }
    return list;
  };
  const walk = (e: JsElement): void => {
    const children = e.children;
    for (let i = 0; i < children.length; i++) {
      const child = children[i];
      listOf(child.tagName).push(child);
      const below = child.tags;
      // Lists that may hold elements taken out are not taken: the child is walked.
      if (below !== undefined && below.run === run && below.every && below.checked === undefined) {
        for (const [tag, elements] of below.lists) {
          if (tag === '*') continue;
          const list = listOf(tag);
          for (let j = 0; j < elements.length; j++) list.push(elements[j]);
        }
      } else {
        walk(child);
      }
    }
  };
  walk(root);
  kept.every = true;
  kept.checked = undefined;
}

/**
 * Wraps JSDOMParser's prototypes, once. Returns false when a member is not where this version
 * expects it (a new JSDOMParser): nothing is then wrapped, and Readability runs as shipped.
 */
function install(): boolean {
  const document = new JSDOMParser().parse('<html><head></head><body></body></html>') as {
    createElement(tag: string): object;
    createTextNode(text: string): object;
  };
  const elementProto = Object.getPrototypeOf(document.createElement('div')) as Record<string, unknown>;
  const nodeProto = Object.getPrototypeOf(elementProto) as Record<string, unknown>;
  const textProto = Object.getPrototypeOf(document.createTextNode('')) as Record<string, unknown>;
  const documentProto = Object.getPrototypeOf(document) as Record<string, unknown>;
  const elementText = Object.getOwnPropertyDescriptor(elementProto, 'textContent');
  const elementHtml = Object.getOwnPropertyDescriptor(elementProto, 'innerHTML');
  const textText = Object.getOwnPropertyDescriptor(textProto, 'textContent');
  const textHtml = Object.getOwnPropertyDescriptor(textProto, 'innerHTML');
  const { appendChild, remove, replaceChild } = nodeProto;
  const byTag = elementProto.getElementsByTagName;
  if (
    !elementText?.get || !elementText.set || !elementHtml?.set || !textText?.set || !textHtml?.set ||
    typeof appendChild !== 'function' || typeof remove !== 'function' || typeof replaceChild !== 'function' ||
    typeof byTag !== 'function' || documentProto.getElementsByTagName !== byTag || Object.getPrototypeOf(documentProto) !== nodeProto
  ) {
    return false;
  }
  const originalText = elementText.get;
  nodeProto.appendChild = function (this: JsNode, child: JsNode): unknown {
    // A child that has a parent is first taken out of it (`remove`, which forgets for the old parent).
    const result: unknown = appendChild.call(this, child);
    forget(this);
    return result;
  };
  nodeProto.remove = function (this: JsNode): unknown {
    const parent = this.parentNode;
    const result: unknown = remove.call(this);
    forgetTakenOut(parent);
    return result;
  };
  nodeProto.replaceChild = function (this: JsNode, newNode: JsNode, oldNode: JsNode): unknown {
    const result: unknown = replaceChild.call(this, newNode, oldNode);
    forget(this);
    return result;
  };
  // A text node's new text changes no list of elements; an element's new content changes them all.
  const setterForgetting = (set: (this: JsNode, value: string) => void, ofParent: boolean) =>
    function (this: JsNode, value: string): void {
      set.call(this, value);
      if (ofParent) forget(this, true, false);
      else forget(this);
    };
  Object.defineProperty(textProto, 'textContent', { ...textText, set: setterForgetting(textText.set, true) });
  Object.defineProperty(textProto, 'innerHTML', { ...textHtml, set: setterForgetting(textHtml.set, true) });
  Object.defineProperty(elementProto, 'innerHTML', { ...elementHtml, set: setterForgetting(elementHtml.set, false) });
  Object.defineProperty(elementProto, 'textContent', {
    ...elementText,
    set: setterForgetting(elementText.set, false),
    get(this: JsElement): string {
      if (!active) return originalText.call(this) as string;
      const answers = textsOf(this);
      if (answers.text === undefined) answers.text = textOf(this);
      return answers.text;
    },
  });
  const getElementsByTagName = function (this: JsElement, tag: string): NodeList {
    if (!active) return byTag.call(this, tag) as NodeList;
    const name = tag.toUpperCase();
    const kept = tagsOf(this);
    let found = checkedList(this, kept, name);
    if (found === undefined && kept.every && name !== '*') found = noElements;
    if (found === undefined) {
      // An element asked about a second tag, or one outside the tree (the document, the article
      // being assembled), is asked about many: they are all sorted out at once. A candidate
      // asked only for its links walks for those alone.
      if (name !== '*' && (kept.lists.size > 0 || this.parentNode === null)) {
        bucketByTag(this, kept);
        found = kept.lists.get(name) ?? noElements;
      } else {
        found = elementsByTag(this, name);
        kept.lists.set(name, found);
        kept.checked?.add(name);
      }
    }
    // A copy, marked as JSDOMParser marks its lists: what the caller does with it is not kept.
    const out: NodeList = found.slice();
    out._isLiveNodeList = true;
    return out;
  };
  elementProto.getElementsByTagName = getElementsByTagName;
  documentProto.getElementsByTagName = getElementsByTagName;
  return true;
}

/** JSDOMParser's text of an element: its text nodes' text in document order, each child element's own kept answer. */
function textOf(node: JsNode): string {
  let out = '';
  const nodes = node.childNodes;
  for (let i = 0; i < nodes.length; i++) {
    const child = nodes[i];
    // A comment's text is not part of it (JSDOMParser walks into the comment's no children).
    out += child.nodeType === 3 || child.nodeType === 1 ? child.textContent : textOf(child);
  }
  return out;
}

/**
 * What Readability measures of a text without needing the text: how many of its characters are
 * not white space, how many runs of white space stand between them (each one character once
 * `_getInnerText` has trimmed the text and collapsed its runs, so the two add up to that text's
 * length), and whether it begins and ends with white space. `String.prototype.trim` and the
 * `\s` of Readability's `normalize` agree on what white space is (ECMAScript's WhiteSpace and
 * LineTerminator); so does `isSpace`, made from `\s` itself.
 */
interface Spacing {
  readonly solid: number;
  readonly gaps: number;
  readonly lead: boolean;
  readonly trail: boolean;
}

const none: Spacing = { solid: 0, gaps: 0, lead: false, trail: false };

/**
 * Whether a UTF-16 code unit is white space to `\s` and `trim`: ECMAScript's LineTerminator
 * (LF, CR, U+2028, U+2029) and WhiteSpace (TAB, VT, FF, U+FEFF and Unicode's Zs: the space,
 * U+00A0, U+1680, U+2000 to U+200A, U+202F, U+205F, U+3000). A unit test holds it to `\s`.
 */
export function isSpace(code: number): boolean {
  if (code < 0x1680) return code === 32 || (code >= 9 && code <= 13) || code === 0xa0;
  return code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

/**
 * The spacing of a node's text, kept by each element (a text node's is counted again from its
 * characters: keeping it too would cost more than counting). The children's spacings are
 * joined one after the other: the solid characters add up, and where two texts with solid
 * characters meet, white space at the end of the first or the start of the second makes one
 * more gap.
 */
function spacingOf(node: JsNode): Spacing {
  const answers = node.nodeType === 1 ? textsOf(node) : undefined;
  if (answers?.spacing) return answers.spacing;
  let solid = 0;
  let gaps = 0;
  let lead = false;
  let trail = false;
  const nodes = node.childNodes;
  for (let i = 0; i < nodes.length; i++) {
    const child = nodes[i];
    if (child.nodeType === 3) {
      const text = child.textContent;
      for (let k = 0; k < text.length; k++) {
        if (isSpace(text.charCodeAt(k))) {
          if (solid === 0) lead = true;
          trail = true;
        } else {
          if (trail && solid > 0) gaps++;
          trail = false;
          solid++;
        }
      }
      continue;
    }
    const b = spacingOf(child);
    if (b.solid === 0) {
      if (solid === 0) lead ||= b.lead;
      trail ||= b.trail;
    } else {
      if (solid === 0) lead ||= b.lead;
      else if (trail || b.lead) gaps++;
      solid += b.solid;
      gaps += b.gaps;
      trail = b.trail;
    }
  }
  const spacing: Spacing = solid === 0 && !lead && !trail ? none : { solid, gaps, lead, trail };
  if (answers) answers.spacing = spacing;
  return spacing;
}

/** The length of `_getInnerText(e)`: the text trimmed, each run of white space in it one character. */
function innerTextLength(node: JsNode): number {
  const spacing = spacingOf(node);
  return spacing.solid + spacing.gaps;
}

/**
 * Runs `read` (Readability's `parse` on a JSDOMParser document) with the elements' answers
 * kept, `reader` answering `_getInnerText` from them and forgetting them when `_setNodeTag`
 * renames an element (it writes the tag name by hand on JSDOMParser's nodes).
 */
export function withCachedAnswers<T>(reader: CachedReaderInternals, read: () => T): T {
  if (installed === undefined) {
    // A JSDOMParser whose insides differ from what `install` expects leaves Readability as shipped.
    try {
      installed = install();
    } catch {
      installed = false;
    }
  }
  if (!installed) return read();
  const innerText = reader._getInnerText;
  const setNodeTag = reader._setNodeTag;
  const withoutContent = reader._isElementWithoutContent;
  const linkDensity = reader._getLinkDensity;
  const textDensity = reader._getTextDensity;
  const normalize = reader.REGEXPS?.normalize;
  const hashUrl = reader.REGEXPS?.hashUrl;
  if (
    typeof innerText !== 'function' || typeof setNodeTag !== 'function' || typeof withoutContent !== 'function' ||
    typeof linkDensity !== 'function' || typeof textDensity !== 'function' || typeof reader._getAllNodesWithTag !== 'function' ||
    !(normalize instanceof RegExp) || !(hashUrl instanceof RegExp)
  ) {
    return read();
  }
  reader._setNodeTag = function (this: unknown, node: unknown, tag: string): unknown {
    const result = setNodeTag.call(this, node, tag);
    // The elements above it list it by its tag (another DOM than JSDOMParser's replaces it, which forgets by itself).
    forget((node as JsNode).parentNode, false, true);
    return result;
  };
  reader._getInnerText = function (this: unknown, e: unknown, normalizeSpaces?: boolean): string {
    const node = e as JsNode;
    if (!active || node.nodeType !== 1) return innerText.call(this, e, normalizeSpaces);
    const text = node.textContent;
    const answers = textsOf(node);
    answers.trimmed ??= text.trim();
    // Readability's default is to normalise; only a falsy value given says not to.
    if (normalizeSpaces !== undefined && !normalizeSpaces) return answers.trimmed;
    answers.normalized ??= answers.trimmed.replace(normalize, ' ');
    return answers.normalized;
  };
  // Readability asks it of every <div>, <section> and heading as it walks the page, each time
  // trimming the element's whole text only to see whether anything is left.
  reader._isElementWithoutContent = function (this: unknown, node: unknown): boolean {
    const n = node as JsElement;
    // An element with text is never without content; the others are asked the whole question.
    if (active && n.nodeType === 1 && spacingOf(n).solid > 0) return false;
    return withoutContent.call(this, node);
  };
  // Readability 0.6's own two, with each length of `_getInnerText` read from the kept spacing
  // instead of made text, the terms added in the same order (the same figure to the last bit).
  reader._getLinkDensity = function (this: CachedReaderInternals, element: unknown): number {
    const e = element as JsElement;
    if (!active || e.nodeType !== 1) return linkDensity.call(this, element);
    const textLength = innerTextLength(e);
    if (textLength === 0) return 0;
    let linkLength = 0;
    const links = (e as unknown as { getElementsByTagName(tag: string): (JsElement & { getAttribute(name: string): string | undefined })[] }).getElementsByTagName('a');
    for (const link of links) {
      const href = link.getAttribute('href');
      const coefficient = href && hashUrl.test(href) ? 0.3 : 1;
      linkLength += innerTextLength(link) * coefficient;
    }
    return linkLength / textLength;
  };
  reader._getTextDensity = function (this: CachedReaderInternals, element: unknown, tags: string[]): number {
    const e = element as JsElement;
    if (!active || e.nodeType !== 1) return textDensity.call(this, element, tags);
    const textLength = innerTextLength(e);
    if (textLength === 0) return 0;
    let childrenLength = 0;
    const children = this._getAllNodesWithTag!(e, tags) as ArrayLike<JsNode>;
    for (let i = 0; i < children.length; i++) childrenLength += innerTextLength(children[i]);
    return childrenLength / textLength;
  };
  // Readability 0.6's own, counting the separators in the kept text instead of cutting it into
  // pieces (it asks it of every container it may clean, with the container's whole text).
  if (typeof reader._getCharCount === 'function') {
    reader._getCharCount = function (this: CachedReaderInternals, e: unknown, s?: string): number {
      const text = this._getInnerText!(e);
      const separator = s || ',';
      let count = 0;
      for (let at = text.indexOf(separator); at >= 0; at = text.indexOf(separator, at + separator.length)) count++;
      return count;
    };
  }
  run++;
  active++;
  try {
    return read();
  } finally {
    active--;
  }
}
