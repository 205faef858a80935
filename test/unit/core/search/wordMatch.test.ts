import * as assert from 'node:assert/strict';
import { TermPattern, wordsOf } from '../../../../src/core/search/wordMatch';

describe('measuring a typed word against a source word', () => {
  const edits = (term: string, word: string): number => new TermPattern(term).edits(word);

  it('counts a word typed as it stands, or as part of a longer word, as no edit', () => {
    assert.equal(edits('lifeline', 'lifeline'), 0);
    assert.equal(edits('intern', 'internet'), 0);
    assert.equal(edits('net', 'internet'), 0);
  });

  it('counts a letter left out, added or replaced as one edit', () => {
    assert.equal(edits('lifline', 'lifeline'), 1);
    assert.equal(edits('internett', 'internet'), 1);
    assert.equal(edits('govt', 'government'), 1);
  });

  it('counts two swapped letters as two edits, as fuse.js does, and recognises the swap', () => {
    const pattern = new TermPattern('hosptial');
    assert.equal(pattern.edits('hospital'), 2);
    assert.ok(pattern.swappedIn('hospitals'));
    assert.ok(!pattern.swappedIn('hostile'));
  });

  it('reads words as runs of letters and digits, lower-cased, each once', () => {
    assert.deepEqual(wordsOf('“Close the LAST lifeline,” PEN said — 2017, the last.'), ['close', 'the', 'last', 'lifeline', 'pen', 'said', '2017']);
    assert.deepEqual(wordsOf('中國 VPN'), ['中國', 'vpn']);
  });
});
