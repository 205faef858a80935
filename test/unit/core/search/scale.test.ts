import * as assert from 'node:assert/strict';
import { PassageIndex, exhaustiveSearch } from '../../../../src/core/search/passageIndex';
import { generatedLibrary, random, remembered, source } from './library';

describe('search in a large library', () => {
  const docs = generatedLibrary(120, 40);
  const index = new PassageIndex();
  for (const doc of docs) index.setSource(doc);
  const passages = docs.flatMap((d) => d.passages);

  it('indexes every passage of every source', () => {
    assert.equal(index.size, passages.length);
  });

  it('never misses a remembered quotation that fuse.js finds reading every passage', function () {
    // The full scan is the slow reference this index exists to avoid.
    this.timeout(60_000);
    const smaller = generatedLibrary(40, 40, 5);
    const smallIndex = new PassageIndex();
    for (const doc of smaller) smallIndex.setSource(doc);
    const pool = smaller.flatMap((d) => d.passages);
    const rng = random(12);
    let fast = 0;
    let slow = 0;
    for (let i = 0; i < 24; i++) {
      const target = pool[Math.floor(rng() * pool.length)];
      const query = remembered(target, rng, i % 2 === 1);
      const found = smallIndex.search(query, { limit: 20 }).slice(0, 5).some((h) => h.passage.text === target.text);
      const foundSlowly = exhaustiveSearch(smaller, query, { limit: 20 }).slice(0, 5).some((h) => h.passage.text === target.text);
      if (foundSlowly) assert.ok(found, `"${query}" should find "${target.text}" as the full scan does`);
      fast += Number(found);
      slow += Number(foundSlowly);
    }
    assert.ok(fast >= slow, `found ${fast} of 24, the full scan ${slow}`);
    assert.ok(fast >= 21, `found ${fast} of 24`);
  });

  it('gives every passage it lists the score fuse.js gives it reading every passage', function () {
    this.timeout(60_000);
    const rng = random(11);
    for (let i = 0; i < 10; i++) {
      const query = remembered(passages[Math.floor(rng() * passages.length)], rng, i % 2 === 1);
      // Every passage holding all the words, scored by fuse.js over the whole library.
      const everything = new Map(exhaustiveSearch(docs, query, { limit: 100_000, allWords: true }).map((h) => [h.passage, h.score]));
      const hits = index.search(query, { limit: 20, allWords: true });
      assert.ok(hits.length > 0, `"${query}" finds something`);
      for (const h of hits) assert.equal(h.score, everything.get(h.passage), `score of "${h.passage.text}" for "${query}"`);
    }
  });

  it('keeps to the kinds asked for', () => {
    const hits = index.search('council budget hospital', { limit: 30, kinds: ['clause'] });
    assert.ok(hits.length > 0);
    assert.ok(hits.every((h) => h.passage.kind === 'clause'));
  });

  it('with allWords, lists only passages holding every word', () => {
    const hits = index.search('reservoir drought ferry', { allWords: true, limit: 50 });
    assert.ok(hits.length > 0);
    for (const h of hits) for (const w of ['reservoir', 'drought', 'ferry']) assert.match(h.passage.text, new RegExp(w));
  });

  it('fills the list with passages holding some of the words, after those holding all', () => {
    const hits = index.search('reservoir zebra', { limit: 10 });
    assert.equal(hits.length, 10);
    assert.ok(hits.every((h) => h.passage.text.includes('reservoir')));
    assert.ok(hits.every((h) => h.score >= 0.25), 'partial matches rank after full ones');
  });

  it('matches a word typed as the start of a longer one', () => {
    const [first] = index.search('reservo drough', { limit: 1 });
    assert.match(first.passage.text, /reservoir/);
    assert.match(first.passage.text, /drought/);
  });
});

describe('keeping the index up to date', () => {
  it('replacing a source changes what it finds and leaves the others alone', () => {
    const index = new PassageIndex();
    index.setSource(source('a', [{ text: 'The bridge will reopen in May.' }]));
    index.setSource(source('b', [{ text: 'The ferry timetable changes in June.' }]));
    index.setSource(source('a', [{ text: 'The tunnel will close in winter.' }]));
    assert.equal(index.size, 2);
    assert.deepEqual(index.search('bridge reopen', { allWords: true }), []);
    assert.equal(index.search('tunnel winter')[0]?.source.meta.key, 'a');
    assert.equal(index.search('ferry timetable')[0]?.source.meta.key, 'b');
  });

  it('forgets a removed source and keeps finding the rest after many replacements', () => {
    const index = new PassageIndex();
    const others = generatedLibrary(5, 20, 3);
    for (const doc of others) index.setSource(doc);
    // Enough replaced passages to make the index compact itself at least once.
    for (let version = 0; version < 30; version++) {
      index.setSource(source('draft', Array.from({ length: 1000 }, (_, i) => ({ text: `Version ${version} of clause ${i} on harbour dues.`, kind: 'clause' as const }))));
    }
    assert.equal(index.size, 100 + 1000);
    assert.match(index.search('version 29 harbour', { limit: 1 })[0].passage.text, /^Version 29 /);
    assert.ok(!index.search('version 28 harbour', { limit: 50, allWords: true }).some((h) => h.passage.text.startsWith('Version 28 ')));
    const sample = others[2].passages[7];
    assert.ok(index.search(sample.text, { limit: 5 }).some((h) => h.passage === sample));
    index.removeSource('memory:/sources/draft.md');
    assert.equal(index.size, 100);
    assert.deepEqual(index.search('harbour dues version', { allWords: true }), []);
  });
});
