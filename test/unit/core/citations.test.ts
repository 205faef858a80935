import * as assert from 'node:assert/strict';
import { findCitations, findLocatorIn, formatCitation, formatLocator, locatorOf, parseLocator, nextFootnoteNumber, longDate } from '../../../src/core/citations/citations';
import type { SourceMeta } from '../../../src/core';

const meta: SourceMeta = { key: 'hkfp-2017-vpn', author: 'Catherine Lai', outlet: 'Hong Kong Free Press', date: '2017-01-25', title: 'China’s IT ministry says VPN crackdown will not affect normal operations of foreign companies', url: 'https://hongkongfp.com/x' };

describe('citations', () => {
  it('cites a passage of a PDF by page and paragraph, or page and article', () => {
    const base = { id: 'x', key: 'p', kind: 'clause' as const, text: 't', start: 0, end: 1, speakerMention: null, sentence: { start: 0, end: 1 } };
    assert.equal(formatLocator(locatorOf({ ...base, paragraph: 2, page: 3 })!), 'p. 3, para. 2');
    assert.equal(formatLocator(locatorOf({ ...base, paragraph: 2, page: 3, label: 'Article 4(b)' })!), 'p. 3, art. 4(b)');
    assert.equal(formatLocator(locatorOf({ ...base, paragraph: 0, page: 3 })!), 'p. 3');
    assert.equal(formatLocator(locatorOf({ ...base, paragraph: 2, page: 3, pageLabel: '125' })!), 'p. 125, para. 2', 'the page as printed on it');
    assert.equal(formatCitation('parenthetical', meta, { kind: 'paragraph', paragraph: 2, page: '3' }).inline, '(Lai 2017, p. 3, para. 2)');
  });

  it('reads page locators with and without a paragraph or article', () => {
    assert.deepEqual(parseLocator('p. 3, para. 2'), { kind: 'paragraph', paragraph: 2, page: '3' });
    assert.deepEqual(parseLocator('p.3 ¶ 2'), { kind: 'paragraph', paragraph: 2, page: '3' });
    assert.deepEqual(parseLocator('page 12, art. 4(b)'), { kind: 'provision', label: 'Article 4(b)', page: '12' });
    assert.deepEqual(parseLocator('pp. 3-4'), { kind: 'page', page: '3' });
    assert.deepEqual(parseLocator('p. iv'), { kind: 'page', page: 'iv' }, 'a printed roman page');
    assert.deepEqual(parseLocator('p. 125, para. 2'), { kind: 'paragraph', paragraph: 2, page: '125' });
    assert.deepEqual(parseLocator('para. 7'), { kind: 'paragraph', paragraph: 7 });
    assert.deepEqual(findCitations('“Quote” [@policy, p. 2, para. 1; @other, para. 4]').map((c) => c.locator), [
      { kind: 'paragraph', paragraph: 1, page: '2' },
      { kind: 'paragraph', paragraph: 4 },
    ]);
    assert.deepEqual(findLocatorIn('Harbourside Council, “Open Data Policy”, 12 March 2024, p. 2, para. 1. [@policy]'), { kind: 'paragraph', paragraph: 1, page: '2' });
    assert.equal(findLocatorIn('He stood up. 3 people left.'), undefined);
  });

  it('formats a Pandoc citation with a paragraph locator', () => {
    assert.equal(formatCitation('pandoc', meta, { kind: 'paragraph', paragraph: 7 }).inline, '[@hkfp-2017-vpn, para. 7]');
  });

  it('formats a provision as an article locator', () => {
    assert.equal(formatCitation('pandoc', meta, { kind: 'provision', label: 'Article 5(1)(a)' }).inline, '[@hkfp-2017-vpn, art. 5(1)(a)]');
  });

  it('formats a parenthetical citation from the author surname and year', () => {
    assert.equal(formatCitation('parenthetical', meta, { kind: 'paragraph', paragraph: 7 }).inline, '(Lai 2017, para. 7)');
    assert.equal(formatCitation('parenthetical', { key: 'x', outlet: 'Reuters' }, undefined).inline, '(Reuters)');
  });

  it('formats a footnote reference and its definition', () => {
    const c = formatCitation('footnote', meta, { kind: 'paragraph', paragraph: 7 }, 3);
    assert.equal(c.inline, '[^3]');
    assert.equal(c.footnote, '[^3]: Catherine Lai, “China’s IT ministry says VPN crackdown will not affect normal operations of foreign companies”, Hong Kong Free Press, 25 January 2017, para. 7, https://hongkongfp.com/x. [@hkfp-2017-vpn]');
  });

  it('finds bracketed, grouped and bare citations, but not e-mail addresses', () => {
    const text = 'As [see @a, para. 2; @b-2, art. 5] and @c said; mail me@example.org.';
    assert.deepEqual(findCitations(text).map((c) => [c.key, c.locator]), [
      ['a', { kind: 'paragraph', paragraph: 2 }],
      ['b-2', { kind: 'provision', label: 'Article 5' }],
      ['c', undefined],
    ]);
  });

  it('reads locators the way writers type them', () => {
    assert.deepEqual(parseLocator(' para. 12'), { kind: 'paragraph', paragraph: 12 });
    assert.deepEqual(parseLocator('¶ 3'), { kind: 'paragraph', paragraph: 3 });
    assert.deepEqual(parseLocator('paragraph 4'), { kind: 'paragraph', paragraph: 4 });
    assert.equal(parseLocator(''), undefined);
  });

  it('numbers a new footnote after the highest one in the draft', () => {
    assert.equal(nextFootnoteNumber('a[^1] b[^4]\n\n[^1]: x\n[^4]: y'), 5);
    assert.equal(nextFootnoteNumber('no notes'), 1);
  });

  it('writes dates the long way', () => {
    assert.equal(longDate('2017-01-25'), '25 January 2017');
    assert.equal(longDate('2017-01'), 'January 2017');
    assert.equal(longDate('last spring'), 'last spring');
  });
});
