import * as assert from 'node:assert/strict';
import { splitSentences } from '../../../../src/core/text/sentences';

function sentences(text: string, locale = 'en'): string[] {
  return splitSentences(text, { start: 0, end: text.length }, locale).map((s) => text.slice(s.start, s.end));
}

describe('splitSentences', () => {
  it('does not end a sentence after a title or an initial', () => {
    assert.deepEqual(sentences('Mr. Smith met Sen. Jones. John F. Kennedy was not there.'), [
      'Mr. Smith met Sen. Jones.',
      'John F. Kennedy was not there.',
    ]);
  });

  it('does not end a sentence inside a quotation that closes later', () => {
    assert.deepEqual(sentences('She said “We came. We saw.” Then she left.'), ['She said “We came. We saw.”', 'Then she left.']);
  });

  it('ends Chinese sentences at 。', () => {
    assert.deepEqual(sentences('运营商应当登记。未经批准不得经营。', 'zh'), ['运营商应当登记。', '未经批准不得经营。']);
  });

  it('cuts a very long paragraph into the same sentences as a short one would give', () => {
    const unit = 'The board met on Tuesday. Mr. Lee spoke first! ';
    const text = unit.repeat(2000).trim();
    const found = sentences(text);
    assert.equal(found.length, 4000);
    assert.equal(found[2001], 'Mr. Lee spoke first!');
  });
});
