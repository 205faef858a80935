import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import { archiveSql as sql, createVerbatimService } from '../../src/core';
import { exhaustiveSearch } from '../../src/core/search/passageIndex';
import { defaultSettings } from '../../src/shared/settings';
import { PathsWorkspace } from '../../src/node';
import { extract } from '../../src/cli/archive';
import { main } from '../../src/cli/main';
import { PgArchive } from '../../src/node/archive/pgArchive';
import { Cluster } from './cluster';
import { article, writeLibrary } from './library';

describe('the shared archive over three shards through postgres_fdw', function () {
  let coordinator: Cluster;
  let shards: Cluster[] = [];
  let library: string;

  before(async function () {
    coordinator = await Cluster.start();
    for (let i = 0; i < 3; i++) shards.push(await Cluster.start());
    library = writeLibrary(120, 11);
  });

  after(function () {
    for (const c of [coordinator, ...shards]) c?.destroy();
    shards = [];
  });

  it('is created by `archive init --shard`, filled by `archive push` and spreads sources over the shards', async function () {
    const out: string[] = [];
    assert.equal(await main(['archive', 'init', '--db', coordinator.url, ...shards.flatMap((s) => ['--shard', s.url])], (s) => out.push(s)), 0);
    assert.equal(await main(['archive', 'push', path.join(library, 'sources'), '--db', coordinator.url, '--json'], (s) => out.push(s)), 0);
    const pushed = JSON.parse(out[1]) as { added: string[] };
    assert.equal(pushed.added.length, 120);
    const archive = new PgArchive(coordinator.url);
    try {
      const status = await archive.status();
      assert.equal(status.sources, 120);
      assert.deepEqual(status.shards.map((s) => [s.name, s.ok]), [['shard1', true], ['shard2', true], ['shard3', true]]);
      for (const shard of shards) {
        const held = new PgArchive(shard.url);
        try {
          const n = (await held.status()).sources;
          assert.ok(n > 10 && n < 110, `each shard holds part of the sources (${n})`);
        } finally {
          await held.close();
        }
      }
    } finally {
      await archive.close();
    }
  });

  it('changes nothing when the library is pushed again, and replaces a changed source on its shard, its words counted once', async function () {
    const archive = new PgArchive(coordinator.url);
    const client = new Client({ connectionString: coordinator.url });
    await client.connect();
    try {
      const items = await extract([path.join(library, 'sources')]);
      const again = await archive.push(items);
      assert.deepEqual([again.added.length, again.replaced.length, again.unchanged.length], [0, 0, 120]);
      writeFileSync(path.join(library, 'sources', 'article-5.md'), article(5, 11, 'anew '));
      const changed = await archive.push(await extract([path.join(library, 'sources', 'article-5.md')]));
      assert.deepEqual(changed.replaced, ['article-5']);
      const now = await extract([path.join(library, 'sources')]);
      const expected = new Map<string, number>();
      for (const item of now) for (const p of item.doc.passages) for (const w of sql.passageTerms(p, item.doc.meta).terms) expected.set(w, (expected.get(w) ?? 0) + 1);
      const held = new Map((await client.query<{ word: string; df: string }>('SELECT word, df FROM verbatim_word WHERE df <> 0')).rows.map((r) => [r.word, Number(r.df)]));
      assert.deepEqual(held, expected, 'each word counts the passages that hold it now');
      const rows = Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM verbatim_passage')).rows[0].n);
      assert.equal(rows, now.reduce((n, i) => n + i.doc.passages.length, 0), 'no passage is left over or doubled');
      assert.equal((await archive.search('anew', { limit: 3 })).hits[0]?.passage.key, 'article-5');
    } finally {
      await client.end();
      await archive.close();
    }
  });

  it('finds what fuse.js finds over the whole library', async function () {
    const service = createVerbatimService({ workspace: new PathsWorkspace([path.join(library, 'sources')]), settings: defaultSettings });
    await service.reindex();
    const archive = new PgArchive(coordinator.url);
    try {
      for (const query of ['housing budget', 'lifline internet', 'Okafor ferry']) {
        const whole = exhaustiveSearch(service.sources(), query, { limit: 5 });
        const remote = await archive.search(query, { limit: 5 });
        assert.deepEqual(remote.failed, []);
        assert.deepEqual(remote.hits.map((h) => h.score), whole.map((h) => h.score), `scores for "${query}"`);
      }
    } finally {
      await archive.close();
    }
  });

  it('has each shard test the word ids of a candidate query in its own index, not the coordinator row by row', async function () {
    const client = new Client({ connectionString: coordinator.url });
    await client.connect();
    try {
      const statement = sql.candidateQuery('verbatim_passage_shard1', { groups: [['housing'], ['budget']], required: [[0, 1]], max: 40 });
      const plan = (await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (VERBOSE) ${statement.text}`, [...statement.values])).rows.map((r) => r['QUERY PLAN']).join('\n');
      const remote = /Remote SQL: (.*)/.exec(plan)?.[1] ?? '';
      assert.match(remote, /WHERE .*terms OPERATOR\(public\.&&\)/, plan);
      assert.doesNotMatch(plan, /^\s*Filter:/m, 'nothing is left for the coordinator to filter');
    } finally {
      await client.end();
    }
  });

  it('has a shard rank the rows of a candidate query that many rows qualify for, and send only the best', async function () {
    // Fresh statistics on the shard, as after a bulk load: its estimate decides where to rank.
    const shard = new Client({ connectionString: shards[0].url });
    await shard.connect();
    await shard.query('ANALYZE verbatim_passage').finally(() => shard.end());
    const client = new Client({ connectionString: coordinator.url });
    await client.connect();
    try {
      // Dozens of this small library's passages hold both words: more than the five asked for.
      const statement = sql.candidateQuery(sql.rankTable('shard1'), { groups: [['housing'], ['budget']], exact: [['housing'], ['budget']], required: [[0, 1]], max: 5 });
      const plan = (await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (VERBOSE) ${statement.text}`, [...statement.values])).rows.map((r) => r['QUERY PLAN']).join('\n');
      const remote = /Remote SQL: (.*)/.exec(plan)?.[1] ?? '';
      assert.match(remote, /WHERE .*terms OPERATOR\(public\.&&\).* ORDER BY .* LIMIT 5\b/, plan);
      assert.doesNotMatch(plan, /^\s*(Sort|Limit)\b/m, 'the coordinator neither sorts nor cuts');
    } finally {
      await client.end();
    }
  });

  it('names a stopped shard within two seconds and answers from the others, marked partial', async function () {
    const archive = new PgArchive(coordinator.url);
    try {
      const before = await archive.search('housing budget', { limit: 50 });
      shards[1].stop();
      const started = performance.now();
      const after = await archive.search('housing budget', { limit: 50 });
      const elapsed = performance.now() - started;
      assert.deepEqual(after.failed, ['shard2']);
      assert.ok(elapsed < 2_000, `reported after ${Math.round(elapsed)} ms`);
      assert.ok(after.hits.length > 0, 'the other shards answer');
      const onShard2 = new Set(before.hits.map((h) => h.passage.key).filter((k) => !after.hits.some((h) => h.passage.key === k)));
      assert.ok(onShard2.size > 0, 'the stopped shard\'s sources are missing');
      const out: string[] = [];
      assert.equal(await main(['search', 'housing budget', '--db', coordinator.url, '--json'], (s) => out.push(s)), 0);
      const answer = JSON.parse(out.join('')) as { partial: boolean; failedShards: string[] };
      assert.equal(answer.partial, true);
      assert.deepEqual(answer.failedShards, ['shard2']);
      const status: string[] = [];
      assert.equal(await main(['archive', 'status', '--db', coordinator.url], (s) => status.push(s)), 1);
      assert.match(status.join(''), /shard2: DOWN/);
    } finally {
      await archive.close();
    }
  });
});
