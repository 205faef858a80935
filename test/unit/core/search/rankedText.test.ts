import * as assert from 'node:assert/strict';
import Fuse, { type Expression } from 'fuse.js';
import { fuseOptions, rankedTerms, rankedText } from '../../../../src/core/search/passageIndex';
import { generatedLibrary, random } from './library';

/** fuse.js's verdict on one field with the project's options: its score, or undefined for no match. */
function fuseScore(text: string, terms: readonly string[], mode: 'all' | 'some'): number | undefined {
  const leaf = (term: string): Expression => ({ text: term });
  const expression: Expression = mode === 'all' ? { $and: terms.map(leaf) } : { $or: terms.map(leaf) };
  const [hit] = new Fuse([{ text, speaker: '', source: '' }], fuseOptions as never).search(expression);
  return hit?.score;
}

/** A word as a writer might mistype it, or not. */
function typed(word: string, rng: () => number): string {
  if (word.length < 3) return word;
  const at = Math.floor(rng() * (word.length - 1));
  switch (Math.floor(rng() * 6)) {
    case 0: return word.slice(0, at) + word.slice(at + 1);
    case 1: return word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2);
    case 2: return word.slice(0, at) + 'xq'[Math.floor(rng() * 2)] + word.slice(at + 1);
    case 3: return word.slice(0, at) + word[at] + word.slice(at);
    case 4: return word.slice(0, at) + word.slice(at + 2);
    default: return word;
  }
}

describe('the stretches of a passage fuse.js ranks', () => {
  it('give every query the score fuse.js gives the whole text, typos and misses included', function () {
    // fuse.js over whole texts is the slow reference.
    this.timeout(120_000);
    const rng = random(5);
    const docs = generatedLibrary(6, 30, 11);
    // Long passages (several sentences run together), where the stretches are much shorter.
    const texts = docs.map((d) => d.passages.map((p) => p.text).join(' ') + ' Harbour-master’s REPORT, 2017: ÉTÉ café naïve.');
    const words = [...new Set(texts.join(' ').toLowerCase().match(/\p{L}+|\d+/gu) ?? [])];
    let compared = 0;
    let windowed = 0;
    for (let i = 0; i < 300; i++) {
      const text = texts[i % texts.length];
      const n = 1 + Math.floor(rng() * 4);
      const terms = Array.from({ length: n }, () => {
        const r = rng();
        // Mostly words of the library (some absent from this text), sometimes two run together or a short piece.
        if (r < 0.1) return words[Math.floor(rng() * words.length)].slice(0, 2 + Math.floor(rng() * 2));
        if (r < 0.2) return (words[Math.floor(rng() * words.length)] + words[Math.floor(rng() * words.length)]).slice(0, 14);
        return typed(words[Math.floor(rng() * words.length)], rng);
      }).filter((t) => t.length >= 2);
      if (terms.length === 0) continue;
      const stretches = rankedText(text, rankedTerms(terms));
      if (stretches.length < text.length) windowed++;
      for (const mode of ['all', 'some'] as const) {
        assert.equal(fuseScore(stretches, terms, mode), fuseScore(text, terms, mode), `${mode} of "${terms.join(' ')}"`);
        compared++;
      }
    }
    assert.ok(compared > 500 && windowed > 250, `${compared} comparisons, ${windowed} on stretches`);
  });

  it('finds a term mistyped anywhere in a long text, as fuse.js does', () => {
    const text = `${'the council met again on tuesday. '.repeat(30)}Our harbour master resigned after the flooding. ${'nothing else happened. '.repeat(30)}`;
    const terms = ['harbur', 'resigend', 'flooding'];
    const stretches = rankedText(text, rankedTerms(terms));
    assert.ok(stretches.length < 200, stretches);
    assert.equal(fuseScore(stretches, terms, 'all'), fuseScore(text, terms, 'all'));
    assert.notEqual(fuseScore(text, terms, 'all'), undefined);
  });

  it('keeps Chinese text searchable by a run of characters', () => {
    const text = `${'会议今天继续讨论预算问题。'.repeat(12)}周建国说数据多跑路群众少跑腿。${'其他事项没有变化。'.repeat(12)}`;
    for (const terms of [['数据多跑'], ['周建国', '群众'], ['数据少跑']]) {
      assert.equal(fuseScore(rankedText(text, rankedTerms(terms)), terms, 'all'), fuseScore(text, terms, 'all'), terms.join(' '));
    }
  });
});
