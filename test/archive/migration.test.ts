import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { archiveSql as sql, createVerbatimService } from '../../src/core';
import { exhaustiveSearch } from '../../src/core/search/passageIndex';
import { defaultSettings } from '../../src/shared/settings';
import { PathsWorkspace } from '../../src/node';
import { extract } from '../../src/cli/archive';
import { main } from '../../src/cli/main';
import { PgArchive, type PushItem } from '../../src/node/archive/pgArchive';
import { Cluster } from './cluster';
import { article, writeLibrary } from './library';

/** Version 1's tables, as `archive init` created them before passages kept word ids. */
const version1 = [
  'CREATE EXTENSION IF NOT EXISTS pg_trgm',
  'CREATE TABLE verbatim_source (source_id text NOT NULL PRIMARY KEY, path text NOT NULL, fingerprint text NOT NULL, meta text NOT NULL, bytes bytea NOT NULL, passages integer NOT NULL, pushed_at timestamptz NOT NULL DEFAULT now())',
  'CREATE TABLE verbatim_passage (source_id text NOT NULL, ord integer NOT NULL, kind text NOT NULL, path text NOT NULL, meta text NOT NULL, passage text NOT NULL, terms text[] NOT NULL, speaker text[] NOT NULL, label text[] NOT NULL, PRIMARY KEY (source_id, ord))',
  'CREATE INDEX verbatim_passage_terms ON verbatim_passage USING gin (terms)',
  'CREATE TABLE verbatim_word (word text NOT NULL PRIMARY KEY, df bigint NOT NULL)',
  'CREATE INDEX verbatim_word_trgm ON verbatim_word USING gin (word gin_trgm_ops)',
  'CREATE TABLE verbatim_archive (name text PRIMARY KEY, value text NOT NULL)',
  "INSERT INTO verbatim_archive VALUES ('schema_version', '1')",
];

/** Fills version 1's tables with `items` as version 1 pushed them: each passage's words as text. */
async function pushVersion1(client: Client, items: readonly PushItem[]): Promise<void> {
  const df = new Map<string, number>();
  for (const item of items) {
    await client.query('INSERT INTO verbatim_source (source_id, path, fingerprint, meta, bytes, passages) VALUES ($1, $2, $3, $4, $5, $6)',
      [item.doc.meta.key, item.doc.path, item.fingerprint, JSON.stringify(item.doc.meta), Buffer.from(item.bytes), item.doc.passages.length]);
    for (const [ord, p] of item.doc.passages.entries()) {
      const words = sql.passageTerms(p, item.doc.meta);
      for (const w of words.terms) df.set(w, (df.get(w) ?? 0) + 1);
      await client.query('INSERT INTO verbatim_passage VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)',
        [item.doc.meta.key, ord, p.kind, item.doc.path, JSON.stringify(item.doc.meta), JSON.stringify(p), words.terms, words.speaker, words.label]);
    }
  }
  await client.query('INSERT INTO verbatim_word SELECT * FROM unnest($1::text[], $2::bigint[])', [[...df.keys()], [...df.values()]]);
}

/** In how many passages of `items` each word stands, as the vocabulary must count it. */
function expectedCounts(items: readonly PushItem[]): Map<string, number> {
  const df = new Map<string, number>();
  for (const item of items) for (const p of item.doc.passages) for (const w of sql.passageTerms(p, item.doc.meta).terms) df.set(w, (df.get(w) ?? 0) + 1);
  return df;
}

async function vocabulary(client: Client): Promise<Map<string, number>> {
  const rows = (await client.query<{ word: string; df: string }>('SELECT word, df FROM verbatim_word WHERE df <> 0')).rows;
  return new Map(rows.map((r) => [r.word, Number(r.df)]));
}

describe('an archive of schema version 1 brought to version 2 by `archive init`', function () {
  let cluster: Cluster;
  let client: Client;
  let sources: string;

  before(async function () {
    cluster = await Cluster.start();
    client = new Client({ connectionString: cluster.url });
    await client.connect();
    for (const statement of version1) await client.query(statement);
    sources = path.join(writeLibrary(60, 5), 'sources');
    await pushVersion1(client, await extract([sources]));
  });

  after(async function () {
    await client?.end();
    cluster?.destroy();
  });

  it('tells a client of the new version to run `archive init` before it searches or pushes, and writes nothing', async function () {
    const archive = new PgArchive(cluster.url);
    const count = async (): Promise<number> => Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM verbatim_passage')).rows[0].n);
    const before = await count();
    try {
      await assert.rejects(archive.search('housing budget', { limit: 5 }), /schema is at version 1, this Verbatim needs version 2: run "verbatim archive init/);
      const dir = mkdtempSync(path.join(tmpdir(), 'verbatim-unmigrated-'));
      writeFileSync(path.join(dir, 'article-900.md'), article(900, 5, 'early '));
      await assert.rejects(archive.push(await extract([dir])), /run "verbatim archive init/);
      assert.equal(await count(), before, 'nothing was pushed into the old tables');
    } finally {
      await archive.close();
    }
  });

  it('is migrated in place, and found again by the same searches', async function () {
    const out: string[] = [];
    assert.equal(await main(['archive', 'init', '--db', cluster.url], (s) => out.push(s)), 0);
    assert.match(out.join(''), /migrated from version 1 at version 2/);
    const type = await client.query<{ t: string }>("SELECT format_type(atttypid, atttypmod) AS t FROM pg_attribute WHERE attrelid = 'verbatim_passage'::regclass AND attname = 'terms'");
    assert.equal(type.rows[0].t, 'integer[]', 'passages hold word ids');
    const service = createVerbatimService({ workspace: new PathsWorkspace([sources]), settings: defaultSettings });
    await service.reindex();
    const archive = new PgArchive(cluster.url);
    try {
      for (const query of ['housing budget', 'lifline internet', 'Okafor ferry', 'Metro Ledger clinic']) {
        const whole = exhaustiveSearch(service.sources(), query, { limit: 5 });
        const remote = await archive.search(query, { limit: 5 });
        assert.deepEqual(remote.hits.map((h) => h.score), whole.map((h) => h.score), `scores for "${query}"`);
      }
    } finally {
      await archive.close();
    }
    out.length = 0;
    assert.equal(await main(['archive', 'init', '--db', cluster.url], (s) => out.push(s)), 0);
    assert.match(out.join(''), /archive schema is at version 2/, 'a second init changes nothing');
  });

  it('counts each word’s passages right when a migrated source is replaced, and changes nothing when pushed twice', async function () {
    const dir = mkdtempSync(path.join(tmpdir(), 'verbatim-migrated-'));
    writeFileSync(path.join(dir, 'article-7.md'), article(7, 5, 'freshly '));
    const changed = await extract([dir]);
    const archive = new PgArchive(cluster.url);
    try {
      assert.deepEqual((await archive.push(changed)).replaced, ['article-7']);
      const all = (await extract([sources])).filter((i) => i.doc.meta.key !== 'article-7').concat(changed);
      assert.deepEqual(await vocabulary(client), expectedCounts(all), 'the vocabulary counts the passages the archive now holds');
      const passages = Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM verbatim_passage')).rows[0].n);
      assert.deepEqual(await archive.push(changed), { added: [], replaced: [], unchanged: ['article-7'] });
      assert.deepEqual(await vocabulary(client), expectedCounts(all));
      assert.equal(Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM verbatim_passage')).rows[0].n), passages);
      const found = await archive.search('freshly', { limit: 3 });
      assert.equal(found.hits[0]?.passage.key, 'article-7', 'the new passages are found by their words');
    } finally {
      await archive.close();
    }
  });
});
