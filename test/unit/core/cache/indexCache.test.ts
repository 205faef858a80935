import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { createVerbatimService, type IVerbatimService, type SourceDoc, type SourceProblem, type SourceRef } from '../../../../src/core';
import { decodeIndex, encodeIndex, indexFormatVersion, type CacheEntry } from '../../../../src/core/cache/indexCache';
import { sourceFilePosition } from '../../../../src/core/sources/loadSource';
import { defaultSettings } from '../../../../src/shared/settings';
import { draftWithCursor, joinLines, MemoryIndexStore, MemoryWorkspace, seedArticle } from '../../helpers';
import { Library } from '../../../../src/core/library';
import { generatedLibrary, source } from '../search/library';

const savedPage = readFileSync(path.join(__dirname, '../../../../../test/fixtures/html/hkfp-2017-vpn.html'), 'utf8');
const pdf = new Uint8Array(readFileSync(path.join(__dirname, '../../../../../test/fixtures/pdf/open-data-policy.pdf')));

const small = joinLines(
  '---', 'id: council-2024', 'title: Council meeting', '---', '',
  '“We will not raise the rates this year,” said Mayor Ana Ruiz.', '',
  'The treasurer said the reserve would last until spring.',
);

/** A workspace whose reads wait until `open()` is called, to look at the service while its files are still unread. */
class GatedWorkspace extends MemoryWorkspace {
  #open!: () => void;
  readonly #gate = new Promise<void>((resolve) => { this.#open = resolve; });

  open(): void {
    this.#open();
  }

  override async readFile(ref: SourceRef, maxBytes: number): Promise<Uint8Array> {
    await this.#gate;
    return super.readFile(ref, maxBytes);
  }
}

function service(workspace: MemoryWorkspace, store: MemoryIndexStore, buildId = 'build-1'): IVerbatimService {
  return createVerbatimService({ workspace, indexStore: store, buildId, settings: defaultSettings });
}

/** A cache saved by a session over `files`. */
async function savedCache(files: Record<string, string | Uint8Array>): Promise<MemoryIndexStore> {
  const store = new MemoryIndexStore();
  const first = service(new MemoryWorkspace(files), store);
  await first.reindex();
  await first.persistIndex();
  assert.ok(store.bytes, 'the session saved its index');
  return store;
}

/**
 * Starts a service over `files` with the cache in `store`, and returns what it serves once the
 * cache is restored and before it has read a single file; then lets it finish.
 */
async function reopen(files: Record<string, string | Uint8Array>, store: MemoryIndexStore) {
  const workspace = new GatedWorkspace(files);
  const reopened = service(workspace, store);
  let before: { sources: SourceDoc[]; problems: readonly SourceProblem[]; unverified: number; reads: number } | undefined;
  const done = reopened.reindex((finished) => {
    if (finished === 0) {
      before = { sources: [...reopened.sources()], problems: reopened.status().problems, unverified: reopened.status().unverified, reads: workspace.reads };
      workspace.open();
    }
  });
  await done;
  assert.ok(before, 'the service reported the restored index before reading');
  return { service: reopened, before, workspace };
}

const texts = (s: IVerbatimService) => s.sources().flatMap((d) => d.passages.map((p) => p.text));

describe('the index cache', () => {
  it('gives back every source, passage (with its page in a PDF), problem and the way back into a saved page', async function () {
    this.timeout(20_000);
    const files = { 'sources/seed.md': seedArticle, 'sources/page.html': savedPage, 'sources/empty.md': '', 'sources/policy.pdf': pdf };
    const store = await savedCache(files);
    const original = service(new MemoryWorkspace(files), new MemoryIndexStore());
    await original.reindex();
    const { before } = await reopen(files, store);
    assert.deepEqual(before.sources, original.sources());
    assert.ok(before.sources.find((s) => s.path.endsWith('.pdf'))?.passages.some((p) => p.page === 2), 'a PDF passage keeps its page');
    assert.deepEqual(before.problems, original.status().problems);
    assert.deepEqual(before.problems.map((p) => p.path), ['sources/empty.md']);
    const page = before.sources.find((s) => s.path.endsWith('.html'))!;
    const fresh = original.sources().find((s) => s.path.endsWith('.html'))!;
    for (const p of page.passages) assert.deepEqual(sourceFilePosition(page, p.start), sourceFilePosition(fresh, p.start));
    assert.ok(sourceFilePosition(page, page.passages[0].start), 'the saved page maps back into its HTML');
  });

  it('answers completion from the cache before any source is read, marked incomplete', async () => {
    const store = await savedCache({ 'sources/seed.md': seedArticle });
    const workspace = new GatedWorkspace({ 'sources/seed.md': seedArticle });
    const reopened = service(workspace, store);
    let answered: { label: string; incomplete: boolean; reads: number; unverified: number } | undefined;
    const done = reopened.reindex((finished) => {
      if (finished !== 0) return;
      const { document, position } = draftWithCursor('Critics warned the rules would “lifeline‸');
      const list = reopened.provideCompletion(document, position, { triggerKind: 3 })!;
      const keys = reopened.provideCompletion(draftWithCursor('As reported [@hk‸').document, draftWithCursor('As reported [@hk‸').position)!;
      assert.equal(keys.isIncomplete, true, 'citation keys too may grow while sources are checked');
      answered = { label: String(list.items[0]?.label), incomplete: list.isIncomplete, reads: workspace.reads, unverified: reopened.status().unverified };
      workspace.open();
    });
    await done;
    assert.deepEqual(answered, { label: 'close the last lifeline to a free internet.', incomplete: true, reads: 0, unverified: 1 });
    assert.equal(reopened.status().unverified, 0);
  });

  it('keeps an unchanged source as it was restored, without extracting it again', async () => {
    const files = { 'sources/seed.md': seedArticle };
    const { service: reopened, before } = await reopen(files, await savedCache(files));
    assert.equal(reopened.sources()[0], before.sources[0]);
  });

  it('extracts a source changed since the cache was saved again, and no longer offers its old passage', async () => {
    const store = await savedCache({ 'sources/council.md': small });
    const changed = small.replace('We will not raise the rates this year', 'We will raise the rates by two per cent');
    const { service: reopened } = await reopen({ 'sources/council.md': changed }, store);
    assert.ok(texts(reopened).includes('We will raise the rates by two per cent,'));
    assert.ok(!texts(reopened).some((t) => t.includes('not raise')), 'the stale quotation is gone');
    assert.equal(reopened.search('not raise the rates this year').filter((h) => h.passage.text.includes('not raise')).length, 0);
  });

  it('drops a source deleted since the cache was saved, and adds a new one', async () => {
    const store = await savedCache({ 'sources/council.md': small, 'sources/seed.md': seedArticle });
    const { service: reopened } = await reopen({ 'sources/seed.md': seedArticle, 'sources/new.md': small }, store);
    assert.deepEqual(reopened.sources().map((s) => s.path), ['sources/new.md', 'sources/seed.md']);
  });

  it('saves again after a change, so the next start does not see the stale source', async () => {
    const store = await savedCache({ 'sources/council.md': small });
    const changed = small.replace('not raise', 'double');
    const { service: reopened } = await reopen({ 'sources/council.md': changed }, store);
    await reopened.persistIndex();
    const { before } = await reopen({ 'sources/council.md': changed }, store);
    assert.ok(before.sources[0].passages.some((p) => p.text.includes('double')));
  });

  it('lets no source read meanwhile be overwritten by the cache that is still loading', async () => {
    const store = await savedCache({ 'sources/council.md': small });
    const changed = small.replace('not raise', 'double');
    let release!: () => void;
    const loading = new Promise<void>((resolve) => { release = resolve; });
    const slowStore = { load: async () => { await loading; return store.bytes; }, save: (bytes: Uint8Array) => store.save(bytes) };
    const reopened = createVerbatimService({ workspace: new MemoryWorkspace({ 'sources/council.md': changed }), indexStore: slowStore, buildId: 'build-1' });
    // Settings changed at start-up: a second reindex overtakes the first while the cache loads.
    const first = reopened.reindex();
    const second = reopened.reindex();
    const update = reopened.updateSource({ uri: 'memory:/sources/council.md', path: 'sources/council.md' });
    release();
    await Promise.all([first, second, update]);
    assert.ok(texts(reopened).some((t) => t.includes('double')));
    assert.ok(!texts(reopened).some((t) => t.includes('not raise')));
    assert.equal(reopened.status().unverified, 0);
  });

  it('is not used by another build or with another size limit', async () => {
    const files = { 'sources/seed.md': seedArticle };
    const store = await savedCache(files);
    const other = createVerbatimService({ workspace: new MemoryWorkspace(files), indexStore: store, buildId: 'build-2' });
    let served = -1;
    await other.reindex((done) => { if (done === 0) served = other.sources().length; });
    assert.equal(served, 0);
    assert.equal(decodeIndex(store.bytes, 'another stamp').ok, false);
  });

  it('refuses a cache of another format version, or whose checksum does not match', async () => {
    const store = await savedCache({ 'sources/seed.md': seedArticle });
    const bytes = store.bytes!;
    const stamp = JSON.stringify({ build: 'build-1', maxSourceSizeKB: defaultSettings.maxSourceSizeKB });
    assert.equal(decodeIndex(bytes, stamp).ok, true);
    const version = bytes.slice();
    new DataView(version.buffer).setUint32(4, indexFormatVersion + 1);
    assert.deepEqual(decodeIndex(version, stamp), { ok: false, reason: 'outdated' });
    for (const at of [20, Math.floor(bytes.length / 2), bytes.length - 2]) {
      const flipped = bytes.slice();
      flipped[at] ^= 0x04;
      assert.deepEqual(decodeIndex(flipped, stamp), { ok: false, reason: 'damaged' }, `a bit changed at byte ${at}`);
    }
  });

  it('refuses a cache cut off at any byte, and never serves any of it', async () => {
    const entries: CacheEntry[] = [];
    const store = await savedCache({ 'sources/council.md': small });
    const bytes = store.bytes!;
    const stamp = JSON.stringify({ build: 'build-1', maxSourceSizeKB: defaultSettings.maxSourceSizeKB });
    for (let cut = 0; cut < bytes.length; cut++) {
      const result = decodeIndex(bytes.subarray(0, cut), stamp);
      assert.equal(result.ok, false, `cut after ${cut} of ${bytes.length} bytes`);
    }
    const whole = decodeIndex(bytes, stamp);
    assert.ok(whole.ok);
    entries.push(...whole.entries);
    assert.equal(entries.length, 1);
    // The whole service, started on a cut cache: nothing is served before the file is read, and the source is rebuilt.
    for (let cut = 0; cut < bytes.length; cut += 61) {
      const cutStore = new MemoryIndexStore();
      cutStore.bytes = bytes.slice(0, cut);
      const { service: reopened, before } = await reopen({ 'sources/council.md': small }, cutStore);
      assert.equal(before.sources.length, 0, `cut after ${cut} bytes`);
      assert.equal(reopened.sources().length, 1);
      await reopened.persistIndex();
      assert.equal(decodeIndex(cutStore.bytes, stamp).ok, true, 'a good cache replaces the damaged one');
    }
  });

  it('round-trips through its bytes exactly', () => {
    const doc: SourceDoc = {
      uri: 'memory:/a.md', path: 'a.md', meta: { key: 'a', title: 'A' }, text: 'x “y” z', bodyStart: 0,
      blocks: [{ start: 0, end: 7, kind: 'paragraph', number: 1 }],
      passages: [{ id: 'a#quote-1-1', key: 'a', kind: 'quote', text: 'y', speakerMention: null, paragraph: 1, sentence: { start: 0, end: 7 }, start: 3, end: 4, marks: { open: '“', close: '”' } }],
    };
    const entries: CacheEntry[] = [
      { uri: doc.uri, path: doc.path, fingerprint: 'f1', result: { doc } },
      { uri: 'memory:/b.md', path: 'b.md', fingerprint: 'f2', result: { problem: { uri: 'memory:/b.md', path: 'b.md', code: 'verbatim.source.empty', message: 'empty', skipped: true } } },
    ];
    const decoded = decodeIndex(encodeIndex('s', entries), 's');
    assert.ok(decoded.ok);
    assert.deepEqual(decoded.entries, entries);
  });

  it('keeps fields of sources, blocks and passages that it was not written for', () => {
    // A field added to the model later (a page number, say) must come back, not vanish silently.
    const doc = {
      uri: 'memory:/a.pdf', path: 'a.pdf', meta: { key: 'a' }, text: 'x “y” z', bodyStart: 0, sheets: 3,
      blocks: [{ start: 0, end: 7, kind: 'paragraph', number: 1, sheet: 2 }],
      passages: [{ id: 'a#quote-1-1', key: 'a', kind: 'quote', text: 'y', speakerMention: null, paragraph: 1, sheet: 2, sentence: { start: 0, end: 7 }, start: 3, end: 4 }],
    } as unknown as SourceDoc;
    const entries: CacheEntry[] = [{ uri: doc.uri, path: doc.path, fingerprint: 'f', result: { doc } }];
    const decoded = decodeIndex(encodeIndex('s', entries), 's');
    assert.ok(decoded.ok);
    assert.deepEqual(decoded.entries, entries);
  });
});

describe('indexing a library for the first time', () => {
  it('answers completion from the sources read so far, marked incomplete, and says indexing goes on', async () => {
    const files = { 'sources/a-council.md': small, 'sources/b-seed.md': seedArticle };
    const indexing = createVerbatimService({ workspace: new MemoryWorkspace(files), settings: defaultSettings });
    const answers: { labels: string[]; incomplete: boolean }[] = [];
    await indexing.reindex((done) => {
      const { document, position } = draftWithCursor('She said “‸');
      const list = indexing.provideCompletion(document, position, { triggerKind: 3 })!;
      answers[done] = { labels: list.items.map((i) => String(i.label)), incomplete: list.isIncomplete };
    });
    assert.deepEqual(answers[1], { labels: ['We will not raise the rates this year,', 'Indexing sources… 1/2'], incomplete: true });
    assert.ok(answers[2].labels.includes('close the last lifeline to a free internet.'));
  });
});

describe('the index cache and the search index', () => {
  const docs = generatedLibrary(20, 30, 3);
  const entriesOf = (library: Library): CacheEntry[] => docs.map((doc) => ({ uri: doc.uri, path: doc.path, fingerprint: 'f', result: { doc }, words: library.passageWords(doc.uri) }));
  const results = (library: Library, query: string): string[] => library.search(query, { limit: 20 }).map((h) => `${h.source.meta.key} ${h.passage.id} ${h.score}`);
  const queries = ['council budget', 'hosptal nurses strike', 'ferry tariff harvest', 'the mayor', 'reservoir drougth summer', 'zebra pension'];

  it('keeps the passages\' word lists, so a reopened library is indexed without reading its texts, and searches alike', () => {
    const first = new Library();
    for (const doc of docs) first.set(doc);
    const decoded = decodeIndex(encodeIndex('s', entriesOf(first)), 's');
    assert.ok(decoded.ok);
    assert.ok(decoded.entries.every((e) => e.words && e.words.lists.length > 0), 'every source has its word lists');
    const reopened = new Library();
    for (const entry of decoded.entries) if ('doc' in entry.result) reopened.set(entry.result.doc, entry.words);
    for (const query of queries) assert.deepEqual(results(reopened, query), results(first, query), query);
    // The lists are what the reopened index holds: saved again, they are the same.
    const again = decodeIndex(encodeIndex('s', docs.map((doc) => ({ uri: doc.uri, path: doc.path, fingerprint: 'f', result: { doc }, words: reopened.passageWords(doc.uri) }))), 's');
    assert.ok(again.ok);
    assert.deepEqual(again.entries.map((e) => [...e.words!.lists].map((id) => e.words!.vocabulary[id])), decoded.entries.map((e) => [...e.words!.lists].map((id) => e.words!.vocabulary[id])));
  });

  it('keeps a text repeated in one source listed once after reopening', () => {
    const repeats = source('repeats', [
      ...Array.from({ length: 50 }, () => ({ text: 'We will review the rules next year.', speaker: 'the minister' })),
      { text: 'The rules of the harbour were reviewed last year.', kind: 'reported' as const },
    ]);
    const first = new Library();
    first.set(repeats);
    const decoded = decodeIndex(encodeIndex('s', [{ uri: repeats.uri, path: repeats.path, fingerprint: 'f', result: { doc: repeats }, words: first.passageWords(repeats.uri) }]), 's');
    assert.ok(decoded.ok && decoded.entries[0].words);
    const reopened = new Library();
    const [entry] = decoded.entries;
    if ('doc' in entry.result) reopened.set(entry.result.doc, entry.words);
    const hits = reopened.search('review rules next year');
    assert.equal(hits.filter((h) => h.passage.text === 'We will review the rules next year.').length, 1);
    assert.deepEqual(hits.map((h) => `${h.passage.id} ${h.score}`), first.search('review rules next year').map((h) => `${h.passage.id} ${h.score}`));
  });

  it('reads the texts of a source whose word lists do not fit its passages', () => {
    const first = new Library();
    for (const doc of docs) first.set(doc);
    const shifted = entriesOf(first).map((entry, i, all) => ({ ...entry, words: all[(i + 1) % all.length].words }));
    const decoded = decodeIndex(encodeIndex('s', shifted), 's');
    assert.ok(decoded.ok);
    const reopened = new Library();
    for (const entry of decoded.entries) {
      if (!('doc' in entry.result)) continue;
      // Another source's lists, cut to this source's number of passages less one.
      const lists = entry.words!.lists.subarray(0, entry.words!.lists.length - 1);
      reopened.set(entry.result.doc, { vocabulary: entry.words!.vocabulary, lists });
    }
    for (const query of queries) assert.deepEqual(results(reopened, query), results(first, query), query);
    // Lists that fit are taken as they are (the cache's checksum and build stamp vouch for
    // them): given another source's, the index searches those words, not the text.
    const trusting = new Library();
    for (const entry of decoded.entries) if ('doc' in entry.result) trusting.set(entry.result.doc, entry.words);
    assert.notDeepEqual(queries.map((q) => results(trusting, q)), queries.map((q) => results(first, q)));
  });
});
