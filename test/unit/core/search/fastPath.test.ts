import * as assert from 'node:assert/strict';
import { PassageIndex, exhaustiveSearch } from '../../../../src/core/search/passageIndex';
import type { SourceDoc } from '../../../../src/core/model';
import { generatedLibrary, random, source } from './library';

/** One typo of the kinds writers make: a letter dropped, two swapped, one replaced, one doubled. */
function mistype(word: string, kind: number, rng: () => number): string {
  const at = 1 + Math.floor(rng() * (word.length - 2));
  if (kind === 0) return word.slice(0, at) + word.slice(at + 1);
  if (kind === 1) return word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2);
  if (kind === 2) return word.slice(0, at) + (word[at] === 'e' ? 'a' : 'e') + word.slice(at + 1);
  return word.slice(0, at) + word[at] + word.slice(at);
}

function indexOf(docs: readonly SourceDoc[]): PassageIndex {
  const index = new PassageIndex();
  for (const doc of docs) index.setSource(doc);
  return index;
}

describe('the word index against fuse.js reading every passage', () => {
  const docs = generatedLibrary(30, 40, 21);
  const index = indexOf(docs);
  const pool = docs.flatMap((d) => d.passages);

  it('lists the passage a writer remembers, and those holding every word meant, as fuse.js does reading every passage', function () {
    // The full scan is the slow reference the index exists to avoid.
    this.timeout(120_000);
    const rng = random(99);
    for (let i = 0; i < 16; i++) {
      const target = pool[Math.floor(rng() * pool.length)];
      const words = [...new Set(target.text.toLowerCase().match(/[a-z]{5,}/g) ?? [])].slice(0, 3);
      const typed = [...words];
      if (i % 2 === 1) typed[typed.length - 1] = mistype(words[words.length - 1], (i >> 1) % 4, rng);
      const query = typed.join(' ');
      const fast = index.search(query, { limit: 20 });
      const slow = exhaustiveSearch(docs, query, { limit: 20 });
      const found = (hits: typeof fast): boolean => hits.slice(0, 5).some((h) => h.passage.text === target.text);
      if (found(slow)) assert.ok(found(fast), `"${query}" finds "${target.text}" as the full scan does`);
      // fuse.js also accepts two or three edits in a long word ("inflation" in "insurance"),
      // which the index leaves out; the passages holding every word the writer meant are listed
      // as fuse.js lists them, with its scores, in its order.
      const meant = (hits: typeof fast): string[] => hits
        .filter((h) => words.every((w) => h.passage.text.toLowerCase().includes(w)))
        .slice(0, 5).map((h) => `${h.score} ${h.source.meta.key} ${h.passage.text}`);
      // The full scan's list of 20 can be full of those looser matches before it reaches them.
      const expected = meant(slow);
      assert.deepEqual(meant(fast).slice(0, expected.length), expected, `passages holding every word of "${query}"`);
    }
  });

  it('finds a word mistyped at any position, as fuse.js reading every passage does', function () {
    this.timeout(120_000);
    // Words of four to nine letters, each with every typo of each kind at every position.
    for (const word of ['rent', 'ferry', 'budget', 'harvest', 'reservoir']) {
      const target = pool.find((p) => p.text.includes(word))!;
      for (let at = 0; at < word.length; at++) {
        const typos = new Set([
          word.slice(0, at) + word.slice(at + 1),
          word.slice(0, at) + (word[at] === 'x' ? 'q' : 'x') + word.slice(at + 1),
          word.slice(0, at) + 'x' + word.slice(at),
          at + 1 < word.length ? word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2) : word,
        ]);
        // Words typed shorter than four letters are matched only as typed (see terms.ts).
        for (const typo of [...typos].filter((t) => t.length >= 4)) {
          const query = `${typo} ${target.speaker ?? ''}`.trim();
          const expected = exhaustiveSearch(docs, query, { limit: 5 }).map((h) => `${h.score} ${h.passage.id}`);
          const found = index.search(query, { limit: 5 }).map((h) => `${h.score} ${h.passage.id}`);
          // The best score fuse.js gives is found, for the passages it lists with it.
          assert.equal(found[0]?.split(' ')[0], expected[0]?.split(' ')[0], `"${query}"`);
        }
      }
    }
  });

  it('keeps to the kinds asked for, with the scores fuse.js gives, the passages holding every word first', function () {
    this.timeout(120_000);
    const rng = random(5);
    for (const kinds of [['clause'], ['reported', 'quote']] as const) {
      for (let i = 0; i < 4; i++) {
        const ofKind = pool.filter((p) => kinds.includes(p.kind as never));
        const target = ofKind[Math.floor(rng() * ofKind.length)];
        const words = [...new Set(target.text.toLowerCase().match(/[a-z]{5,}/g) ?? [])].slice(0, 3);
        const query = words.join(' ');
        const fast = index.search(query, { limit: 20, kinds });
        const slow = exhaustiveSearch(docs, query, { limit: 100_000, kinds });
        const scores = new Map(slow.map((h) => [h.passage, h.score]));
        assert.equal(fast.length, Math.min(20, slow.length), `"${query}" fills the list`);
        for (const h of fast) {
          assert.ok(kinds.includes(h.passage.kind as never), `"${query}": ${h.passage.kind}`);
          // fuse.js also takes two or three edits in a long word as a match ("tariff" in
          // "traffic"): such a passage, which the index lists with the partial matches, is the
          // one allowed difference.
          const full = scores.get(h.passage)!;
          const looser = h.score >= 0.25 && full < 0.25 && Math.abs(h.score - 0.25 - full) < 1e-9;
          if (!looser) assert.equal(h.score, full, `"${query}": score of "${h.passage.text}"`);
        }
        const holdsAll = (hits: typeof fast): string[] => hits.filter((h) => words.every((w) => h.passage.text.toLowerCase().includes(w))).map((h) => h.passage.id);
        const all = holdsAll(slow).slice(0, 20);
        assert.deepEqual(holdsAll(fast).slice(0, all.length), all, `"${query}": passages holding every word`);
      }
    }
  });

  it('fills a list of one kind from passages of that kind, however many of other kinds hold more of the words', function () {
    this.timeout(60_000);
    // Thousands of passages of another kind hold two of the three words; the one quotation asked
    // for holds one.
    const crowded = [source('crowded', [
      ...Array.from({ length: 2100 }, (_, i) => ({ text: `alpha beta filler${i}`, kind: 'reported' as const })),
      ...Array.from({ length: 2150 }, (_, i) => ({ text: `gamma other${i}`, kind: 'reported' as const })),
      { text: 'gamma is what she said', kind: 'quote' as const },
    ])];
    const hits = indexOf(crowded).search('alpha beta gamma', { kinds: ['quote'], limit: 5 });
    assert.deepEqual(hits.map((h) => h.passage.text), exhaustiveSearch(crowded, 'alpha beta gamma', { kinds: ['quote'], limit: 5 }).map((h) => h.passage.text));
    assert.deepEqual(hits.map((h) => h.passage.text), ['gamma is what she said']);
  });

  it('finds the same passages after sources are added a few at a time as after adding them at once', () => {
    const growing = new PassageIndex();
    for (const [i, doc] of docs.entries()) {
      growing.setSource(doc);
      // Searching between additions posts the new passages a few at a time.
      if (i % 7 === 0) growing.search('council budget');
    }
    for (const query of ['reservoir drought', 'hosptal nurses', 'ferry tariff harvest', 'the mayor budget']) {
      assert.deepEqual(growing.search(query).map((h) => h.passage.id + h.score), index.search(query).map((h) => h.passage.id + h.score), query);
    }
  });
});

describe('which words are read within a typo, and which passages fill the list', () => {
  const all = { text: 'The candidate said the cost of the June vote was high.', kind: 'reported' as const };
  const neighbour = { text: 'The candidate said the cast of the June show was long.', kind: 'reported' as const };
  const most = { text: 'The cost of the June vote rose again.', kind: 'reported' as const };

  it('takes words as typed while some passage holds them all: passages holding most of them follow, a near word ("cast" for "cost") among them', () => {
    const index = indexOf([source('a', [all]), source('b', [neighbour]), source('c', [most])]);
    const hits = index.search('candidate cost june');
    assert.equal(hits[0].passage.text, all.text);
    assert.ok(hits[0].score < 0.25, 'the passage holding every word is a full match');
    const near = hits.find((h) => h.passage.text === neighbour.text);
    assert.ok(near && near.score >= 0.25, 'the passage holding "cast" is listed with the partial matches');
    assert.ok(hits.some((h) => h.passage.text === most.text));
  });

  it('reads every word within a typo when no passage holds them all as typed', () => {
    const index = indexOf([source('b', [neighbour]), source('c', [most])]);
    const hits = index.search('candidate cost june');
    assert.equal(hits[0].passage.text, neighbour.text);
    assert.ok(hits[0].score < 0.25, '"cast" is read as "cost" mistyped');
  });

  it('lists a passage holding most of the words though not the rarest, as fuse.js reading every passage does', () => {
    // 25 passages hold the rarest word and one other; one quotation holds the other two.
    const docs = [
      source('pairs', Array.from({ length: 25 }, (_, i) => ({ text: `The zephyr met the quorum, item ${i + 1}.`, kind: 'reported' as const }))),
      source('quote', [{ text: 'The quorum lit a lantern at dusk.', kind: 'quote', speaker: 'the warden' }]),
      source('lanterns', Array.from({ length: 30 }, (_, i) => ({ text: `A lantern stood by door ${i + 1}.`, kind: 'reported' as const }))),
    ];
    const query = 'zephyr quorum lantern';
    const fast = indexOf(docs).search(query);
    const slow = exhaustiveSearch(docs, query);
    assert.equal(slow[0].passage.text, 'The quorum lit a lantern at dusk.');
    assert.deepEqual(fast.slice(0, 5).map((h) => `${h.score} ${h.passage.id}`), slow.slice(0, 5).map((h) => `${h.score} ${h.passage.id}`));
  });

  it('asks a common word of the few passages holding the rarer ones, and lists what fuse.js reading every passage lists', function () {
    this.timeout(60_000);
    // "council" is in every passage; the three rarer words in a few dozen. Passages holding
    // three of the four words are found from the rarer words alone.
    const docs = [
      // Two of the words, listed first: they would win ties if the common word were not asked.
      source('s1', Array.from({ length: 40 }, (_, i) => ({ text: `Harbour ferry times, item ${i + 1}.`, kind: 'reported' as const }))),
      source('s2', Array.from({ length: 30 }, (_, i) => ({ text: `The harbour ferry council met, item ${i + 1}.`, kind: 'reported' as const }))),
      source('s3', Array.from({ length: 5 }, (_, i) => ({ text: `A harbour tariff went to the council, item ${i + 1}.`, kind: 'quote' as const, speaker: 'the clerk' }))),
      source('s4', Array.from({ length: 2000 }, (_, i) => ({ text: `The council sat again, item ${i + 1}.`, kind: 'reported' as const }))),
    ];
    const query = 'harbour ferry tariff council';
    const fast = indexOf(docs).search(query);
    const slow = exhaustiveSearch(docs, query);
    assert.equal(fast.length, 20);
    assert.deepEqual(fast.map((h) => `${h.score} ${h.passage.id}`), slow.map((h) => `${h.score} ${h.passage.id}`));
  });
});

describe('bounded work on pathological sources', () => {
  it('lists a sentence repeated thousands of times in one source once, and still finds the rest', () => {
    const repeated = Array.from({ length: 5000 }, () => ({ text: 'we will review the rules next year', speaker: 'The minister' }));
    const index = indexOf([
      source('repeats', [...repeated, { text: 'the rules of the harbour were reviewed last year' }]),
      source('other', [{ text: 'the ferry will review its timetable next year' }]),
    ]);
    const hits = index.search('review rules next year', { limit: 20 });
    assert.equal(hits.filter((h) => h.passage.text === 'we will review the rules next year').length, 1);
    assert.equal(hits[0].passage.text, 'we will review the rules next year');
    assert.ok(hits.some((h) => h.source.meta.key === 'other'), 'a passage of another source matching some words follows');
  });

  it('finds words in the middle of a passage of a megabyte', () => {
    const filler = 'lorem ipsum dolor sit amet '.repeat(40_000);
    const index = indexOf([source('long', [{ text: `${filler}the harbour master resigned ${filler}` }]), source('short', [{ text: 'the harbour master stayed' }])]);
    const hits = index.search('harbour master resigned', { limit: 5 });
    assert.equal(hits[0].source.meta.key, 'long');
  });

  it('indexes words of any script, as runs of letters and digits', () => {
    const index = indexOf([source('scripts', [
      { text: 'Ærøskøbing’s café reopened.' }, { text: '中國 VPN 用戶' }, { text: 'The 𝒜lpha fund, №7.' }, { text: 'Ünïcode ﬁnance rules' },
    ])]);
    assert.match(index.search('ærøskøbing café')[0].passage.text, /Ærøskøbing/);
    assert.match(index.search('中國')[0].passage.text, /中國/);
    assert.match(index.search('𝒜lpha fund')[0].passage.text, /𝒜lpha/);
    assert.match(index.search('ünïcode')[0].passage.text, /Ünïcode/);
  });
});
