import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { GramIndex } from '../../../../src/core/search/gramIndex';
import { TermPattern } from '../../../../src/core/search/wordMatch';
import { random } from './library';

/** A vocabulary laid out as the word index keeps it: units end to end, with each word's start. */
function laidOut(words: readonly string[]): { chars: Uint16Array; starts: Int32Array } {
  const starts = new Int32Array(words.length + 1);
  const chars = new Uint16Array(words.reduce((n, w) => n + w.length, 0));
  let at = 0;
  words.forEach((w, i) => {
    for (let k = 0; k < w.length; k++) chars[at++] = w.charCodeAt(k);
    starts[i + 1] = at;
  });
  return { chars, starts };
}

/** The words holding a stretch within one typo of the term (two neighbours swapped too, with `swaps`), found by reading them all. */
function withinOneTypo(words: readonly string[], term: string, swaps: boolean): number[] {
  const pattern = new TermPattern(term);
  return words.flatMap((w, i) => {
    const d = pattern.edits(w);
    return d === 1 || (swaps && d === 2 && pattern.swappedIn(w)) ? [i] : [];
  });
}

const runs = Number(process.env.VERBATIM_PROPERTY_RUNS ?? 2000);

describe('the vocabulary\'s pieces', () => {
  const rng = random(11);
  const letters = 'aeinorstlcdhu';
  const word = (): string => Array.from({ length: 3 + Math.floor(rng() * 8) }, () => letters[Math.floor(rng() * letters.length)]).join('');
  const vocabulary = [...new Set(Array.from({ length: 3000 }, word)), 'café', 'naïve', 'zürich'];

  it('proposes every word within one typo of a typed word, both ways of finding them', function () {
    this.timeout(60_000);
    const grams = new GramIndex();
    const { chars, starts } = laidOut(vocabulary);
    grams.sync(chars, starts, vocabulary.length);
    const term = fc.array(fc.constantFrom(...letters, 'é', 'ü', 'x'), { minLength: 4, maxLength: 9 }).map((units) => units.join(''));
    // The word index asks for swaps from five letters on (two edits in five are within fuse.js's
    // threshold); any term with swaps is asked here, as another threshold would.
    fc.assert(fc.property(term, fc.boolean(), (t, swaps) => {
      const expected = withinOneTypo(vocabulary, t, swaps);
      for (const way of ['cut', 'spell'] as const) {
        const proposed = new Set(grams.typoCandidates(t, swaps, way));
        const missed = expected.filter((w) => !proposed.has(w)).map((w) => vocabulary[w]);
        assert.deepEqual(missed, [], `"${t}" (${way})`);
      }
    }), { numRuns: Math.ceil(runs / 10) });
  });

  it('proposes words added after the pieces were sorted, and letters new to the vocabulary', () => {
    const grams = new GramIndex();
    const words = [...vocabulary];
    let laid = laidOut(words);
    grams.sync(laid.chars, laid.starts, words.length);
    // Fewer than a quarter more: they are listed apart from the sorted pieces.
    words.push('bridgework', 'ljubljana');
    laid = laidOut(words);
    grams.sync(laid.chars, laid.starts, words.length);
    for (const way of ['cut', 'spell'] as const) {
      const proposed = [...grams.typoCandidates('bridgwork', false, way)].map((w) => words[w]);
      assert.ok(proposed.includes('bridgework'), way);
      assert.ok([...grams.typoCandidates('ljubljama', false, way)].map((w) => words[w]).includes('ljubljana'), way);
    }
  });
});
