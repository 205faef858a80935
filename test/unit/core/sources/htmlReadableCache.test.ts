import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { Readability } from '@mozilla/readability';
import JSDOMParser from '@mozilla/readability/JSDOMParser';
import { isSpace, withCachedAnswers, type CachedReaderInternals } from '../../../../src/core/sources/htmlReadableCache';
import { buildDom } from '../../../../src/core/sources/htmlReadable';
import { parseHtml } from '../../../../src/core/sources/htmlTree';

/** JSDOMParser's nodes as these tests handle them. */
interface Node {
  readonly nodeType: number;
  readonly parentNode: Node | null;
  readonly childNodes: Node[];
  readonly children: Element[];
  textContent: string;
  remove(): void;
  appendChild(child: Node): void;
  replaceChild(newNode: Node, oldNode: Node): void;
}
interface Element extends Node {
  readonly tagName: string;
  innerHTML: string;
  getElementsByTagName(tag: string): Element[];
  getAttribute(name: string): string | undefined;
}
interface Document {
  readonly body: Element;
  createElement(tag: string): Element;
  createTextNode(text: string): Node;
}
interface Reader extends Required<CachedReaderInternals> {
  _getInnerText(e: unknown, normalizeSpaces?: boolean): string;
  parse(): { content: string } | null;
}

const parse = (html: string): Document => new JSDOMParser().parse(html, 'http://localhost/') as Document;
const readerOf = (document: Document, options: object = {}): Reader => new Readability(document as never, options) as unknown as Reader;

// What JSDOMParser and Readability 0.6 answer, worked out afresh from the tree each time.
const textOf = (n: Node): string => n.childNodes.map((c) => (c.nodeType === 3 ? c.textContent : textOf(c))).join('');
const below = (e: Node, tag: string): Element[] => e.children.flatMap((c) => [...(tag === '*' || c.tagName === tag ? [c] : []), ...below(c, tag)]);
const innerText = (e: Node, normalize = true): string => (normalize ? textOf(e).trim().replace(/\s{2,}/g, ' ') : textOf(e).trim());
function linkDensity(e: Element): number {
  const length = innerText(e).length;
  if (length === 0) return 0;
  let links = 0;
  for (const a of below(e, 'A')) links += innerText(a).length * (a.getAttribute('href') && /^#.+/.test(a.getAttribute('href')!) ? 0.3 : 1);
  return links / length;
}
function textDensity(e: Element, tags: string[]): number {
  const length = innerText(e).length;
  if (length === 0) return 0;
  return tags.flatMap((t) => below(e, t.toUpperCase())).reduce((n, c) => n + innerText(c).length, 0) / length;
}
const withoutContent = (e: Element): boolean => !textOf(e).trim().length && (!e.children.length || e.children.length === below(e, 'BR').length + below(e, 'HR').length);

/** Every element of the document, and those taken out of it, each asked every question the caches answer. */
function assertAnswers(reader: Reader, elements: readonly Element[], step: string): void {
  for (const e of elements) {
    const at = `${step}, <${e.tagName}>`;
    assert.equal(e.textContent, textOf(e), `text at ${at}`);
    for (const tag of ['*', 'p', 'A', 'SPAN', 'li']) {
      const list = e.getElementsByTagName(tag);
      assert.deepEqual([...list], below(e, tag.toUpperCase()), `${tag} below at ${at}`);
      // Marked as JSDOMParser marks its lists, which Readability refuses to remove nodes from.
      assert.equal((list as { _isLiveNodeList?: boolean })._isLiveNodeList, true);
    }
    assert.equal(reader._getInnerText(e), innerText(e), `inner text at ${at}`);
    assert.equal(reader._getInnerText(e, false), innerText(e, false), `trimmed text at ${at}`);
    assert.equal(reader._getLinkDensity(e), linkDensity(e), `link density at ${at}`);
    assert.equal(reader._getTextDensity(e, ['p', 'span']), textDensity(e, ['p', 'span']), `text density at ${at}`);
    assert.equal(reader._isElementWithoutContent(e), withoutContent(e), `emptiness at ${at}`);
    for (const separator of [',', ', ', 'b']) assert.equal(reader._getCharCount(e, separator), innerText(e).split(separator).length - 1, `count of "${separator}" at ${at}`);
  }
}

const savedPage = readFileSync(path.join(__dirname, '../../../../../test/fixtures/html/hkfp-2017-vpn.html'), 'utf8');

describe('what Readability asks of a page, answered from kept answers', () => {
  it('chooses the same article, to the character, as Readability does on its own', () => {
    // The reader's own page, and one whose nesting makes each container weigh the next.
    const nested = `<html><body>${'<div class="wrap">'.repeat(12)}${Array.from({ length: 40 }, (_, i) => `<p>Paragraph ${i}, with a <a href="#n${i}">note</a>, a <a href="/x">link</a> and  spaced\u00a0 words, enough of them to count.</p><ul><li>item</li><li><a href="/y">linked item</a></li></ul>`).join('<div class="share">share</div>')}${'</div>'.repeat(12)}</body></html>`;
    for (const html of [savedPage, nested]) {
      // Built as the reader builds it (JSDOMParser's own parser wants well-formed markup).
      const plain = readerOf(buildDom(parseHtml(html)).document as unknown as Document).parse();
      const reader = readerOf(buildDom(parseHtml(html)).document as unknown as Document);
      const kept = withCachedAnswers(reader, () => reader.parse());
      assert.ok(plain?.content);
      assert.equal(kept?.content, plain.content);
    }
  });

  it('builds the document linked as JSDOMParser’s appendChild links it, so Readability can walk and change it', () => {
    type Linked = Element & { previousSibling: Node | null; nextSibling: Node | null; previousElementSibling: Node | null; nextElementSibling: Node | null };
    const check = (element: Element): void => {
      const nodes = element.childNodes as Linked[];
      assert.deepEqual(element.children, nodes.filter((n) => n.nodeType === 1), `children of ${element.tagName}`);
      nodes.forEach((n, i) => {
        assert.equal(n.parentNode, element);
        assert.equal(n.previousSibling, nodes[i - 1] ?? null);
        assert.equal(n.nextSibling, nodes[i + 1] ?? null);
      });
      const elements = element.children as Linked[];
      elements.forEach((n, i) => {
        assert.equal(n.previousElementSibling, elements[i - 1] ?? null);
        assert.equal(n.nextElementSibling, elements[i + 1] ?? null);
        check(n);
      });
    };
    const document = buildDom(parseHtml(savedPage)).document as unknown as Document;
    check(document.body);
    // A node appended afterwards, as Readability appends, joins the lists made by the build.
    const [first] = document.body.children;
    const added = document.createElement('p');
    first.appendChild(added);
    assert.equal(first.children.at(-1), added);
    check(first);
  });

  it('counts as white space exactly what trim and \\s do', () => {
    for (let code = 0; code < 0x10000; code++) {
      const c = String.fromCharCode(code);
      assert.equal(isSpace(code), /\s/.test(c), `U+${code.toString(16)}`);
      assert.equal(isSpace(code), c.trim() === '', `U+${code.toString(16)} trimmed`);
    }
  });

  it('forgets what a change below an element makes stale: a node taken out, moved, replaced, renamed or given new text', () => {
    const document = parse('<html><body><div id="a"><p>One,  two <a href="#x">three</a></p><span> four </span><ul><li>five</li><li><a href="/y">six</a></li></ul></div><div id="b"><p>\u00a0</p><br/><span>seven\teight</span></div></body></html>');
    const reader = readerOf(document);
    withCachedAnswers(reader, () => {
      const all = (): Element[] => [document.body, ...below(document.body, '*')];
      assertAnswers(reader, all(), 'as parsed');
      const [a, b] = document.body.children;
      const link = below(a, 'A')[0];
      link.remove();
      assertAnswers(reader, [...all(), link], 'a link taken out');
      b.appendChild(link);
      assertAnswers(reader, all(), 'the link put in another container');
      const list = below(a, 'UL')[0];
      const paragraph = document.createElement('p');
      paragraph.appendChild(document.createTextNode('  a new   paragraph '));
      a.replaceChild(paragraph, list);
      assertAnswers(reader, [...all(), list], 'a list replaced by a paragraph');
      reader._setNodeTag(below(b, 'SPAN')[0], 'p');
      assertAnswers(reader, all(), 'a span renamed a paragraph');
      below(a, 'SPAN')[0].childNodes[0].textContent = 'changed text';
      assertAnswers(reader, all(), 'a text node given new text');
      b.innerHTML = '<li>nine</li><span><a href="/z">ten</a></span>';
      assertAnswers(reader, all(), 'a container given new content');
      b.textContent = '';
      assertAnswers(reader, all(), 'a container emptied');
    });
  });

  it('reads nothing kept in an earlier run after a change made between runs', () => {
    const document = parse('<html><body><div><p>kept</p><span>taken out</span></div></body></html>');
    const div = document.body.children[0];
    const reader = readerOf(document);
    withCachedAnswers(reader, () => assertAnswers(reader, [document.body, div], 'first run'));
    div.children[1].remove();
    const again = readerOf(document);
    withCachedAnswers(again, () => assertAnswers(again, [document.body, div], 'second run'));
    assert.equal(div.textContent, 'kept');
  });

  it('answers as the tree is after any sequence of changes', () => {
    const tags = ['div', 'p', 'span', 'a', 'li', 'ul', 'br'];
    const texts = fc.constantFrom('', ' ', 'word', ' two  words ', '\u00a0', '\n\t', 'a, b,c', '\u2003x\u2003');
    const op = fc.oneof(
      fc.record({ kind: fc.constant('remove' as const), node: fc.nat() }),
      fc.record({ kind: fc.constant('move' as const), node: fc.nat(), to: fc.nat() }),
      fc.record({ kind: fc.constant('replace' as const), node: fc.nat(), tag: fc.constantFrom(...tags), text: texts }),
      fc.record({ kind: fc.constant('rename' as const), node: fc.nat(), tag: fc.constantFrom(...tags) }),
      fc.record({ kind: fc.constant('text' as const), node: fc.nat(), text: texts }),
    );
    const tree: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        texts,
        fc.tuple(fc.constantFrom(...tags), fc.constantFrom('', ' href="#h"', ' href="/p"'), fc.array(tie('node'), { maxLength: 4 }))
          .map(([tag, attrs, children]) => (tag === 'br' ? '<br/>' : `<${tag}${tag === 'a' ? attrs : ''}>${children.join('')}</${tag}>`)),
      ),
    })).node;
    fc.assert(
      fc.property(fc.array(tree, { minLength: 1, maxLength: 4 }), fc.array(op, { maxLength: 12 }), (body, ops) => {
        const document = parse(`<html><body>${body.join('')}</body></html>`);
        const reader = readerOf(document);
        withCachedAnswers(reader, () => {
          const taken: Element[] = [];
          const nodes = (): Node[] => {
            const out: Node[] = [];
            const walk = (n: Node): void => n.childNodes.forEach((c) => { out.push(c); walk(c); });
            walk(document.body);
            return out;
          };
          assertAnswers(reader, [document.body, ...below(document.body, '*')], 'as parsed');
          ops.forEach((o, i) => {
            const all = nodes();
            if (all.length === 0) return;
            const node = all[o.node % all.length];
            const elements = [document.body, ...below(document.body, '*')];
            if (o.kind === 'remove') {
              node.remove();
              if (node.nodeType === 1) taken.push(node as Element);
            } else if (o.kind === 'move') {
              const to = elements[o.to % elements.length];
              // An element cannot go inside itself.
              let inside = false;
              for (let n: Node | null = to; n; n = n.parentNode) inside ||= n === node;
              if (!inside) to.appendChild(node);
            } else if (o.kind === 'replace') {
              const fresh = document.createElement(o.tag);
              fresh.appendChild(document.createTextNode(o.text));
              node.parentNode!.replaceChild(fresh, node);
              if (node.nodeType === 1) taken.push(node as Element);
            } else if (o.kind === 'rename') {
              if (node.nodeType === 1) reader._setNodeTag(node, o.tag);
            } else if (node.nodeType === 3) {
              node.textContent = o.text;
            }
            assertAnswers(reader, [document.body, ...below(document.body, '*'), ...taken], `step ${i + 1} (${o.kind})`);
          });
        });
      }),
      { numRuns: 300 },
    );
  });
});
