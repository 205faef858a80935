import * as assert from 'node:assert/strict';
import { tokenize } from '../../../../src/core/extraction/tokens';

const words = (text: string): string[] => tokenize(text, { start: 0, end: text.length }).map((t) => `${t.kind}:${t.text}`);

describe('tokens of a sentence', () => {
  it('keeps names, abbreviations and joined words whole, in plain ASCII and beyond it', () => {
    assert.deepEqual(words("Sen. O'Brien of AT&T met J. Müller-Lüdenscheidt in the U.S. at 9.30."), [
      'word:Sen.', "word:O'Brien", 'word:of', 'word:AT&T', 'word:met', 'word:J.', 'word:Müller-Lüdenscheidt',
      'word:in', 'word:the', 'word:U.S.', 'word:at', 'word:9.30', 'punct:.',
    ]);
  });

  it('reads a word on past a letter, accent, curly apostrophe or invisible hyphen beyond ASCII', () => {
    assert.deepEqual(words('Cafe\u0301 Mül\u00adler’s “naïve” co‑op'), ['word:Cafe\u0301', 'word:Müller’s', 'punct:“', 'word:naïve', 'punct:”', 'word:co', 'punct:‑', 'word:op']);
  });

  it('ends a word at the end of the text read, even where a joining mark stands last', () => {
    assert.deepEqual(words("rock'n'roll, it's over-"), ["word:rock'n'roll", 'punct:,', "word:it's", 'word:over', 'punct:-']);
    const text = 'Smith-Jones said';
    assert.deepEqual(tokenize(text, { start: 0, end: 6 }).map((t) => t.text), ['Smith', '-']);
  });

  it('stands one quotation token for the quoted words', () => {
    const text = 'He said “no way” today.';
    const tokens = tokenize(text, { start: 0, end: text.length }, [{ start: 8, end: 16 }]);
    assert.deepEqual(tokens.map((t) => `${t.kind}:${t.text}`), ['word:He', 'word:said', 'quote:“QUOTE”', 'word:today', 'punct:.']);
  });
});
