import * as assert from 'node:assert/strict';
import { findMarkedQuotes, quoteStyleOf } from '../../../../src/core/extraction/quoteMarks';

/** The inner texts of the quotations of a one-block text. */
function inner(text: string): string[] {
  return findMarkedQuotes(text, { start: 0, end: text.length }).map((q) => text.slice(q.inner.start, q.inner.end));
}

describe('findMarkedQuotes', () => {
  it('pairs curly and straight marks that a writer mixed', () => {
    assert.deepEqual(inner('“One," he said, "two.” Then "three".'), ['One,', 'two.', 'three']);
  });

  it('keeps straight quotations nested in a straight quotation inside it', () => {
    assert.deepEqual(inner('"He shouted "stop" twice," she said.'), ['He shouted "stop" twice,']);
  });

  it('reads a closing mark typed for an opening one when the next mark closes too', () => {
    assert.deepEqual(inner('He says,” there are rules to follow.” And that was all.'), ['there are rules to follow.']);
  });

  it('reports a quotation left open, running to the end of the block', () => {
    const text = 'She said “we will be back';
    const [quote] = findMarkedQuotes(text, { start: 0, end: text.length });
    assert.equal(quote.unclosed, true);
    assert.equal(quote.closeMark, '');
    assert.equal(text.slice(quote.inner.start, quote.inner.end), 'we will be back');
  });

  it('does not take apostrophes and plural possessives for single quotation marks', () => {
    const text = 'The voters’ choice isn’t ‘final’, he said.';
    const block = { start: 0, end: text.length };
    assert.deepEqual(findMarkedQuotes(text, block, 'single').map((q) => text.slice(q.inner.start, q.inner.end)), ['final']);
    // In a source that quotes with double marks, single ones are never quotations of their own.
    assert.deepEqual(findMarkedQuotes(text, block, 'double'), []);
  });

  it('reads guillemets and corner brackets in either style', () => {
    assert.deepEqual(inner('Il a dit « non » hier ; 他说「好」。'), ['non', '好']);
  });
});

describe('quoteStyleOf', () => {
  it('is double for American news prose, whose headlines quote with single marks', () => {
    assert.equal(quoteStyleOf('Trump: ‘I Will Win’\n\n“We will win,” Trump said. “Big.”'), 'double');
  });

  it('is double for a short text whose single marks all stand inside a double quotation', () => {
    assert.equal(quoteStyleOf('Varga said: “The council ignored the words ‘harbour’ and ‘ferry’ all year.”'), 'double');
  });

  it('is single for British prose', () => {
    assert.equal(quoteStyleOf('‘We will win,’ she said. ‘He told me “never”,’ she added.'), 'single');
  });
});
