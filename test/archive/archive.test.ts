import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { archiveSql as sql, createVerbatimService, type SearchHit } from '../../src/core';
import { exhaustiveSearch } from '../../src/core/search/passageIndex';
import { defaultSettings } from '../../src/shared/settings';
import { PathsWorkspace } from '../../src/node';
import { extract } from '../../src/cli/archive';
import { main } from '../../src/cli/main';
import { PgArchive } from '../../src/node/archive/pgArchive';
import { Cluster } from './cluster';
import { article, writeLibrary } from './library';

const queries = ['housing budget', 'lifline internet', 'ferry tunnel strike', 'Lopez vaccine', 'harbour reservoir', 'nurses wages', 'drougt subsidy', 'Metro Ledger clinic'];

async function count(url: string, sql: string, values: unknown[] = []): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return Number((await client.query<{ n: string }>(sql, values)).rows[0].n);
  } finally {
    await client.end();
  }
}

describe('the shared archive on one PostgreSQL server', function () {
  let cluster: Cluster;
  let archive: PgArchive;
  let library: string;

  before(async function () {
    cluster = await Cluster.start();
    archive = new PgArchive(cluster.url);
    await archive.init();
    library = writeLibrary(400);
  });

  after(async function () {
    await archive?.close();
    cluster?.destroy();
  });

  it('creates its schema once and says so when asked again', async function () {
    assert.deepEqual(await archive.init(), { from: 2, to: 2 });
    assert.equal((await archive.status()).version, 2);
  });

  it('computes the same word ids as the server, so that a migrated archive and a pushed one agree', async function () {
    const client = new Client({ connectionString: cluster.url });
    await client.connect();
    try {
      const words = ['zoë', 'co\u00adoperate', '😀emoji', 'ａｂｃ', ...Array.from({ length: 30 }, (_, n) => 'abcdefghijklmnopqrstuvwxyz0123456789'.slice(0, n + 1))];
      const rows = (await client.query<{ w: string; id: number; ids: number[] }>('SELECT w, hashtext(w) AS id, verbatim_word_ids(ARRAY[w, w]) AS ids FROM unnest($1::text[]) AS w', [words])).rows;
      for (const row of rows) {
        assert.equal(row.id, sql.wordId(row.w), `the id of "${row.w}"`);
        assert.deepEqual(row.ids, sql.wordIds([row.w, row.w]));
      }
    } finally {
      await client.end();
    }
  });

  it('finds the top results fuse.js finds over the whole library, never worse than the in-process index', async function () {
    const items = await extract([path.join(library, 'sources')]);
    await archive.push(items);
    const service = createVerbatimService({ workspace: new PathsWorkspace([path.join(library, 'sources')]), settings: defaultSettings });
    await service.reindex();
    for (const query of queries) {
      const whole = exhaustiveSearch(service.sources(), query, { limit: 5 });
      const local = service.search(query, { limit: 5 });
      const remote = (await archive.search(query, { limit: 5 })).hits;
      assert.equal(whole.length, 5, `fuse.js finds "${query}"`);
      assert.deepEqual(remote.map((h) => h.score), whole.map((h) => h.score), `the scores of the top 5 for "${query}"`);
      // Passages with equal scores may come in another order; those above the last score are the same.
      const above = (hits: readonly SearchHit[]) => hits.filter((h) => h.score < hits[hits.length - 1].score).map((h) => h.passage.id).sort();
      assert.deepEqual(above(remote), above(whole), `the top 5 for "${query}"`);
      remote.forEach((h, i) => assert.ok(h.score <= local[i].score, `result ${i + 1} for "${query}" is at least as good as in process`));
    }
  });

  it('changes nothing when the same sources are pushed twice, and replaces a changed one', async function () {
    const dir = mkdtempSync(path.join(tmpdir(), 'verbatim-push-'));
    writeFileSync(path.join(dir, 'twice.md'), article(9001));
    const first = await archive.push(await extract([dir]));
    assert.deepEqual(first.added, ['article-9001']);
    const before = await count(cluster.url, 'SELECT count(*) AS n FROM verbatim_passage WHERE source_id = $1', ['article-9001']);
    const words = () => count(cluster.url, 'SELECT sum(df * length(word)) AS n FROM verbatim_word');
    const vocabularyBefore = await words();
    const again = await archive.push(await extract([dir]));
    assert.deepEqual(again, { added: [], replaced: [], unchanged: ['article-9001'] });
    assert.equal(await words(), vocabularyBefore, 'the vocabulary\'s counts are as they were');
    assert.equal(await count(cluster.url, 'SELECT count(*) AS n FROM verbatim_passage WHERE source_id = $1', ['article-9001']), before);
    writeFileSync(path.join(dir, 'twice.md'), article(9001, 7, 'surely '));
    const changed = await archive.push(await extract([dir]));
    assert.deepEqual(changed.replaced, ['article-9001']);
    assert.equal(await count(cluster.url, "SELECT count(*) AS n FROM verbatim_passage WHERE source_id = $1 AND passage NOT LIKE '%surely%' AND kind = 'quote'", ['article-9001']), 0);
  });

  it('removes a source with `verbatim archive remove`: its passages leave search and its words the vocabulary', async function () {
    const dir = mkdtempSync(path.join(tmpdir(), 'verbatim-remove-'));
    writeFileSync(path.join(dir, 'removed.md'), article(9003, 7, 'zanzibarian '));
    const words = () => count(cluster.url, 'SELECT coalesce(sum(df * length(word)), 0) AS n FROM verbatim_word');
    const vocabularyBefore = await words();
    await archive.push(await extract([dir]));
    assert.ok((await archive.search('zanzibarian', { limit: 5 })).hits.some((h) => h.passage.key === 'article-9003'), 'found once pushed');
    const lines: string[] = [];
    assert.equal(await main(['archive', 'remove', 'article-9003', '--db', cluster.url], (s) => lines.push(s)), 0);
    assert.match(lines.join(''), /^1 removed/);
    assert.equal(await count(cluster.url, 'SELECT count(*) AS n FROM verbatim_passage WHERE source_id = $1', ['article-9003']), 0);
    assert.equal(await count(cluster.url, 'SELECT count(*) AS n FROM verbatim_source WHERE source_id = $1', ['article-9003']), 0);
    assert.equal((await archive.search('zanzibarian', { limit: 5 })).hits.length, 0, 'no longer found');
    assert.equal(await words(), vocabularyBefore, 'the vocabulary\'s counts are as before the push');
    const again: string[] = [];
    assert.equal(await main(['archive', 'remove', 'article-9003', '--db', cluster.url], (s) => again.push(s)), 1, 'a key the archive does not hold fails the command');
    assert.match(again.join(''), /not in the archive: article-9003/);
  });

  it('keeps the old passages when a push dies half-way', async function () {
    const dir = mkdtempSync(path.join(tmpdir(), 'verbatim-kill-'));
    writeFileSync(path.join(dir, 'killed.md'), article(9002));
    await archive.push(await extract([dir]));
    const oldCount = await count(cluster.url, 'SELECT count(*) AS n FROM verbatim_passage WHERE source_id = $1', ['article-9002']);
    writeFileSync(path.join(dir, 'killed.md'), article(9002, 7, 'newly '));
    // The server ends the pushing connection after the new passages are written, before the commit.
    await assert.rejects(archive.push(await extract([dir]), async (client) => { await client.query('SELECT pg_terminate_backend(pg_backend_pid())'); }));
    assert.equal(await count(cluster.url, 'SELECT count(*) AS n FROM verbatim_passage WHERE source_id = $1', ['article-9002']), oldCount);
    assert.equal(await count(cluster.url, "SELECT count(*) AS n FROM verbatim_passage WHERE source_id = $1 AND passage LIKE '%newly%'", ['article-9002']), 0);
    const after = await archive.search('newly', { limit: 5 });
    assert.equal(after.hits.filter((h) => h.passage.key === 'article-9002').length, 0);
  });

  it('gives back each source of a push the very bytes it was pushed from, binary ones too', async function () {
    const items = (await extract([path.join(library, 'sources')])).slice(0, 3).map((item, i) => ({ ...item, doc: { ...item.doc, meta: { ...item.doc.meta, key: `bytes-${i}` } } }));
    const binary = new Uint8Array([0, 255, 0x5c, 0x22, 0x7b, 0x2c, 0x7d, 0xc3, 0x28, 0]);
    items[1] = { ...items[1], bytes: binary };
    items[2] = { ...items[2], bytes: new Uint8Array(0) };
    await archive.push(items);
    const back = await archive.sourceFiles(items.map((item) => item.doc.meta.key));
    for (const item of items) assert.deepEqual(back.find((f) => f.id === item.doc.meta.key)?.bytes, item.bytes, item.doc.meta.key);
  });

  it('keeps hostile query and source text as text', async function () {
    const dir = mkdtempSync(path.join(tmpdir(), 'verbatim-hostile-'));
    const hostile = `quotes ' " \\\\ back\\slash 100% under_score '); DROP TABLE verbatim_passage; -- $1 \u0000`;
    const long = 'zebra '.repeat(1_700);
    writeFileSync(path.join(dir, 'hostile.md'), `---\nid: o'hara-%_\\\ntitle: "Robert'); DROP TABLE verbatim_source; --"\n---\n\n“The quartermaster said ${hostile.replace('\u0000', '')} loudly,” said Dan O'Hara.\n\n“${long},” said Dan O'Hara.\n`);
    await archive.push(await extract([dir]));
    for (const query of [hostile, `'; DROP TABLE verbatim_passage; --`, '%', '_', '\\', `${'x'.repeat(10_000)}`, 'quartermaster 100%', 'zebra zebra']) {
      const result = await archive.search(query, { limit: 5 });
      assert.ok(Array.isArray(result.hits), `"${query.slice(0, 20)}" answers`);
    }
    const found = await archive.search('quartermaster under_score', { limit: 3 });
    assert.equal(found.hits[0]?.passage.key, "o'hara-%_\\");
    assert.ok((await archive.search('%', { limit: 3 })).hits.every((h) => h.passage.text.includes('%')), 'a % matches only a % sign, not everything');
    assert.ok(await count(cluster.url, 'SELECT count(*) AS n FROM verbatim_passage') > 1000, 'no table was dropped');
  });

  it('loses and duplicates nothing while eight writers push and eight searchers query', async function () {
    const variants = Array.from({ length: 8 }, (_, w) => {
      const dir = mkdtempSync(path.join(tmpdir(), `verbatim-writer-${w}-`));
      for (let i = 0; i < 12; i++) writeFileSync(path.join(dir, `c${i}.md`), article(5000 + i, 7, `variant${w} `));
      return dir;
    });
    const items = await Promise.all(variants.map((dir) => extract([dir])));
    const writers = items.map(() => new PgArchive(cluster.url));
    const searchers = Array.from({ length: 8 }, () => new PgArchive(cluster.url));
    let writing = true;
    const seen: string[][] = [];
    try {
      const searching = searchers.map(async (s, i) => {
        do {
          const hits = (await s.search(queries[i], { limit: 50 })).hits.map((h) => h.passage.id + h.source.meta.key);
          seen.push(hits);
        } while (writing);
      });
      await Promise.all(writers.map((w, i) => w.push(items[i])));
      writing = false;
      await Promise.all(searching);
    } finally {
      await Promise.all([...writers, ...searchers].map((a) => a.close()));
    }
    for (const hits of seen) assert.equal(new Set(hits).size, hits.length, 'no result is listed twice');
    for (let i = 0; i < 12; i++) {
      const id = `article-${5000 + i}`;
      const rows = await count(cluster.url, 'SELECT count(*) AS n FROM verbatim_passage WHERE source_id = $1', [id]);
      assert.equal(rows, items[0].find((it) => it.doc.meta.key === id)!.doc.passages.length, `${id} holds one copy of its passages`);
      const variantsHeld = await count(cluster.url, "SELECT count(DISTINCT substring(passage from 'variant[0-9]')) AS n FROM verbatim_passage WHERE source_id = $1 AND kind = 'quote'", [id]);
      assert.equal(variantsHeld, 1, `${id} holds the passages of one push only`);
    }
  });

  it('answers `verbatim search --db` with the workspace and the archive together', async function () {
    const lines: string[] = [];
    const dir = mkdtempSync(path.join(tmpdir(), 'verbatim-local-'));
    writeFileSync(path.join(dir, 'local.md'), '---\nid: local-one\n---\n\n“The gondola budget is a housing lifeline,” said Pat Local.\n');
    const code = await main(['search', 'gondola lifeline', '--sources', dir, '--db', cluster.url, '--json', '--limit', '5'], (s) => lines.push(s));
    assert.equal(code, 0);
    const answer = JSON.parse(lines.join('')) as { results: { key: string; score: number }[]; partial: boolean };
    assert.equal(answer.partial, false);
    const keys = answer.results.map((r) => r.key);
    assert.equal(keys[0], 'local-one', `the workspace source is among the results: ${JSON.stringify(answer.results.map((r) => [r.key, r.score]))}`);
    assert.ok(keys.some((k) => k.startsWith('article-')), 'archive sources are among the results');
  });

  it('checks a draft against the archive with `verbatim check --db`', async function () {
    const service = createVerbatimService({ workspace: new PathsWorkspace([path.join(library, 'sources', 'article-3.md')]), settings: defaultSettings });
    await service.reindex();
    const quote = service.sources()[0].passages.find((p) => p.kind === 'quote')!;
    const dir = mkdtempSync(path.join(tmpdir(), 'verbatim-draft-'));
    writeFileSync(path.join(dir, 'draft.md'), `# Draft\n\nThe mayor was blunt: “${quote.text}” [@${quote.key}]\n\nShe added: “${quote.text.replace(/must/, 'must never')}” [@${quote.key}]\n`);
    const lines: string[] = [];
    const code = await main(['check', path.join(dir, 'draft.md'), '--db', cluster.url, '--json'], (s) => lines.push(s));
    const findings = (JSON.parse(lines.join('')) as { findings: { verdict: string; sourceKey: string | null }[] }).findings;
    assert.equal(findings.length, 2);
    assert.equal(findings[0].verdict, 'verbatim');
    assert.equal(findings[0].sourceKey, quote.key);
    assert.notEqual(findings[1].verdict, 'verbatim');
    assert.notEqual(findings[1].verdict, 'not-found');
    assert.equal(findings[1].sourceKey, quote.key);
    assert.ok(code === 0 || code === 1);
  });
});
