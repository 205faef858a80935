import { Pool, type PoolClient } from 'pg';
import { archiveMessages } from '../../shared/strings';
import { archiveSql as sql, archiveTerms, rankArchiveRows, type ArchiveRow, type BackendResult, type SearchBackend, type SearchOptions, type SourceDoc, type SourceMeta } from '../../core';

/** A source ready to push: what extraction made of it, and the bytes it was made from. */
export interface PushItem {
  readonly doc: SourceDoc;
  readonly bytes: Uint8Array;
  readonly fingerprint: string;
}

/** What a push did to each source. */
export interface PushResult {
  readonly added: string[];
  readonly replaced: string[];
  readonly unchanged: string[];
}

/** The archive's state for `archive status`. */
export interface ArchiveStatus {
  readonly version: number | undefined;
  readonly sources: number;
  readonly passages: number;
  readonly shards: readonly { readonly name: string; readonly ok: boolean; readonly error?: string }[];
}

/** The error of a shard that did not answer, naming it. */
export class ShardError extends Error {
  constructor(readonly shard: string, cause: string) {
    super(archiveMessages.shardDown(shard, cause));
  }
}

/** How many candidates the archive sends fuse.js for a query asking for `limit` results. */
export function candidatesFor(limit: number): number {
  return Math.max(40, limit * 2);
}

/** Terms whose words stand in at most this many passages are required in a candidate query; the others only order its rows. */
const requiredReach = 20_000;
/** At least this many of a query's terms (the rarest) are required in a candidate query, however common. */
const minRequired = 2;
/** A term whose words stand in more passages than this is left out of the query for passages holding all words but one. */
const allReach = 200_000;
/** When too few passages hold every term, those holding all but one are sought among sets with a term this rare at least. */
const someReach = 5_000;
/** A push of this many passages or more refreshes the vocabulary's statistics (lookups right after a first large push took seconds without). */
const analyzeAfterPassages = 10_000;
/** Passages written per transaction of a push. */
const batchPassages = 5_000;
/**
 * A candidate query whose every required set has a term standing in more passages than this
 * is ranked by each shard itself (`sql.rankTable`): hundreds of qualifying rows a shard then
 * cost more to send and rank on the coordinator than the shard's estimate costs to ask.
 */
const rankOnShardReach = 10_000;

/** Items in runs of about `size` passages (a source is never split). */
function* batches(items: readonly PushItem[], size: number): Generator<PushItem[]> {
  let batch: PushItem[] = [];
  let passages = 0;
  for (const item of items) {
    batch.push(item);
    passages += item.doc.passages.length;
    if (passages >= size) { yield batch; batch = []; passages = 0; }
  }
  if (batch.length) yield batch;
}

/**
 * The shared archive on PostgreSQL: one server, or a coordinator whose tables are partitioned
 * over shards through postgres_fdw. The connection string is libpq's (`postgres://…?sslmode=…`);
 * a password comes from it, from PGPASSWORD or from ~/.pgpass, which `pg` reads.
 */
export class PgArchive implements SearchBackend {
  readonly name = 'archive';
  readonly #pool: Pool;
  /** The schema version's check, made once per archive object (again after a failure). */
  #versionChecked: Promise<void> | undefined;
  #shards: Shard[] | undefined;

  constructor(readonly url: string, options: { readonly statementTimeoutMs?: number } = {}) {
    // A search asks every shard at once through its own connection; each connection the
    // coordinator serves opens its own to every shard, so a few, kept open, are enough.
    this.#pool = new Pool({ connectionString: url, max: 4, connectionTimeoutMillis: 5_000, statement_timeout: options.statementTimeoutMs, application_name: 'verbatim' });
    // An idle client's failure (a server restart) must not crash the process; the next query reports it.
    this.#pool.on('error', () => undefined);
  }

  async close(): Promise<void> {
    await this.#pool.end();
  }

  /**
   * Creates or migrates the schema. With `shardUrls`, this server becomes the coordinator: each
   * shard gets the tables and the coordinator partitions over them (shard1, shard2, … in order).
   */
  async init(shardUrls: readonly string[] = []): Promise<{ from: number | undefined; to: number }> {
    const shards: sql.ShardSpec[] = [];
    for (const [i, shardUrl] of shardUrls.entries()) {
      const shard = new Pool({ connectionString: shardUrl, max: 1 });
      try {
        await checkWordIds(shard);
        await runAll(shard, [...sql.storageSchema, ...sql.roles]);
      } finally {
        await shard.end();
      }
      const u = new URL(shardUrl);
      shards.push({ name: `shard${i + 1}`, host: u.hostname, port: Number(u.port || 5432), dbname: decodeURIComponent(u.pathname.slice(1)) || 'postgres', user: decodeURIComponent(u.username) || 'postgres', password: u.password ? decodeURIComponent(u.password) : undefined });
    }
    const client = await this.#pool.connect();
    try {
      if (shards.length === 0) await checkWordIds(client);
      await client.query('BEGIN');
      await client.query(sql.versionTable);
      const from = await version(client);
      for (const statement of shards.length ? [...sql.coordinatorSchema(shards), ...sql.roles, ...sql.coordinatorRoles(shards)] : [...sql.storageSchema, ...sql.vocabularySchema, ...sql.roles]) await client.query(statement);
      for (const statement of sql.vocabularyRoles) await client.query(statement);
      await client.query('GRANT SELECT ON verbatim_archive TO verbatim_reader, verbatim_writer');
      await client.query(sql.writeVersion, [String(sql.schemaVersion)]);
      await client.query('COMMIT');
      this.#shards = undefined;
      this.#versionChecked = undefined;
      return { from, to: sql.schemaVersion };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /**
   * Adds or replaces sources. Sources go in batches (about `batchPassages` passages each), one
   * transaction per batch: a source's old passages stay until its new ones are all written, a
   * batch that fails leaves every source of it as it was, and a source whose bytes are unchanged
   * is left as it is. `beforeCommit` runs inside each batch's transaction, once per source
   * (tests interrupt a push there).
   */
  async push(items: readonly PushItem[], beforeCommit?: (client: PoolClient, item: PushItem) => Promise<void>): Promise<PushResult> {
    const result: PushResult = { added: [], replaced: [], unchanged: [] };
    // The last of several items with the same key wins, as it would pushed one after another.
    const latest = [...new Map(items.map((item) => [item.doc.meta.key, item])).values()];
    await this.#checkVersion();
    const client = await this.#pool.connect();
    // A connection the server ends mid-push fails the running query; the event adds nothing.
    const ignore = (): void => undefined;
    client.on('error', ignore);
    let broken: Error | undefined;
    try {
      for (const batch of batches(latest, batchPassages)) {
        await client.query('BEGIN');
        try {
          const ids = batch.map((item) => item.doc.meta.key);
          await client.query(sql.lockSources, [ids]);
          const old = new Map((await client.query<{ source_id: string; fingerprint: string }>(sql.sourceFingerprints, [ids])).rows.map((r) => [r.source_id, r.fingerprint]));
          const changed = batch.filter((item) => old.get(item.doc.meta.key) !== item.fingerprint);
          for (const item of batch) if (!changed.includes(item)) result.unchanged.push(item.doc.meta.key);
          if (changed.length) await this.#write(client, changed, old.size > 0);
          if (beforeCommit) for (const item of changed) await beforeCommit(client, item);
          await client.query('COMMIT');
          for (const item of changed) (old.has(item.doc.meta.key) ? result.replaced : result.added).push(item.doc.meta.key);
        } catch (error) {
          broken = error instanceof Error ? error : new Error(String(error));
          await client.query('ROLLBACK').catch(() => undefined);
          throw error;
        }
      }
      if (latest.reduce((n, item) => n + item.doc.passages.length, 0) >= analyzeAfterPassages) await client.query(sql.analyzeVocabulary);
    } finally {
      client.off('error', ignore);
      // A client whose push failed is closed rather than reused: its connection may be gone.
      client.release(broken);
    }
    return result;
  }

  /**
   * Removes sources (by citation key) with their passages, in one transaction, and takes their
   * words from the vocabulary's counts. Keys the archive does not hold are named in `missing`;
   * removing them again changes nothing.
   */
  async remove(keys: readonly string[]): Promise<{ removed: string[]; missing: string[] }> {
    const ids = [...new Set(keys)];
    await this.#checkVersion();
    const client = await this.#pool.connect();
    try {
      await client.query('BEGIN');
      try {
        await client.query(sql.lockSources, [ids]);
        const counts = new Map<string, number>();
        const removed = await this.#delete(client, ids, counts);
        const words = [...counts].filter(([, n]) => n !== 0);
        if (words.length) await client.query(sql.countWords, [words.map(([w]) => w), words.map(([, n]) => n)]);
        await client.query('COMMIT');
        const gone = new Set(removed);
        return { removed: ids.filter((id) => gone.has(id)), missing: ids.filter((id) => !gone.has(id)) };
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    } finally {
      client.release();
    }
  }

  /** Deletes sources' passages and records inside the caller's transaction, taking their words' passage counts off `counts`; returns the ids deleted. */
  async #delete(client: PoolClient, ids: readonly string[], counts: Map<string, number>): Promise<string[]> {
    await client.query(sql.deletePassages, [ids]);
    const deleted: string[] = [];
    for (const r of (await client.query<{ source_id: string; words: string[]; word_passages: number[] }>(sql.deleteSources, [ids])).rows) {
      deleted.push(r.source_id);
      r.words.forEach((w, i) => counts.set(w, (counts.get(w) ?? 0) - r.word_passages[i]));
    }
    return deleted;
  }

  /**
   * Writes a batch of new or changed sources inside the caller's transaction; `replacing` when
   * some were there before. Sharded, each shard's sources and passages go straight into its
   * partitions, as its passages did already, so that each shard gets one statement of each.
   */
  async #write(client: PoolClient, items: readonly PushItem[], replacing: boolean): Promise<void> {
    const ids = items.map((item) => item.doc.meta.key);
    const counts = new Map<string, number>();
    if (replacing) await this.#delete(client, ids, counts);
    const shards = await this.#shardList(client);
    const route = shards.length ? new Map((await client.query<{ source_id: string; remainder: number }>(sql.routeSources, [ids, shards.length])).rows.map((r) => [r.source_id, Number(r.remainder)])) : undefined;
    const targets = shards.length ? shards : [{ remainder: -1, partition: 'verbatim_passage', sourcePartition: 'verbatim_source' }];
    // Rows written straight into a partition skip its bound's check: a source no shard takes
    // fails the batch (rolled back) rather than being reported as pushed and written nowhere.
    const unrouted = route ? items.filter((item) => !targets.some((t) => t.remainder === route.get(item.doc.meta.key))) : [];
    if (unrouted.length) throw new Error(archiveMessages.unrouted(unrouted.map((item) => item.doc.meta.key)));
    for (const target of targets) {
      const mine = route ? items.filter((item) => route.get(item.doc.meta.key) === target.remainder) : items;
      if (mine.length === 0) continue;
      const src = { id: [] as string[], path: [] as string[], fingerprint: [] as string[], meta: [] as string[], bytes: [] as Uint8Array[], sizes: [] as number[], passages: [] as number[], words: [] as string[], counts: [] as string[] };
      const rows: { s: number; o: number; k: string; p: unknown; t: number[]; sp: number[] }[] = [];
      const sources: { n: number; id: string; path: string; meta: unknown; l: number[] }[] = [];
      for (const item of mine) {
        const own = new Map<string, number>();
        const n = sources.length + 1;
        const label = sql.labelWords(item.doc.meta);
        item.doc.passages.forEach((p, ord) => {
          const words = sql.passageTerms(p, item.doc.meta, label);
          for (const t of words.terms) own.set(t, (own.get(t) ?? 0) + 1);
          rows.push({ s: n, o: ord, k: p.kind, p, t: sql.wordIds(words.terms), sp: sql.wordIds(words.speaker) });
        });
        sources.push({ n, id: item.doc.meta.key, path: item.doc.path, meta: item.doc.meta, l: sql.wordIds(label) });
        for (const [w, c] of own) counts.set(w, (counts.get(w) ?? 0) + c);
        src.id.push(item.doc.meta.key); src.path.push(item.doc.path); src.fingerprint.push(item.fingerprint); src.meta.push(JSON.stringify(item.doc.meta));
        src.bytes.push(item.bytes); src.sizes.push(item.bytes.length); src.passages.push(item.doc.passages.length);
        src.words.push([...own.keys()].join(' ')); src.counts.push([...own.values()].join(' '));
      }
      await client.query(sql.insertSources(target.sourcePartition), [src.id, src.path, src.fingerprint, src.meta, Buffer.concat(src.bytes), src.passages, src.words, src.counts, src.sizes]);
      if (rows.length) await client.query(sql.insertPassages(target.partition), [JSON.stringify(rows), JSON.stringify(sources)]);
    }
    // Last, so that the vocabulary's rows are locked for as short a time as possible.
    const words = [...counts].filter(([, n]) => n !== 0);
    if (words.length) await client.query(sql.countWords, [words.map(([w]) => w), words.map(([, n]) => n)]);
  }

  /**
   * Refuses an archive whose schema is not the one this client reads and writes (not created
   * yet, not migrated, or newer) with a message saying what to run, instead of the SQL error
   * its first query would give.
   */
  #checkVersion(): Promise<void> {
    this.#versionChecked ??= (async () => {
      const r = await this.#pool.query<{ value: string }>(sql.readVersion).catch((error: unknown) => {
        if ((error as { code?: string }).code === '42P01') return { rows: [] };
        throw error;
      });
      const found = r.rows.length ? Number(r.rows[0].value) : undefined;
      if (found !== sql.schemaVersion) throw new Error(archiveMessages.schemaVersion(found, sql.schemaVersion));
    })();
    const check = this.#versionChecked;
    void check.catch(() => { if (this.#versionChecked === check) this.#versionChecked = undefined; });
    return check;
  }

  /** Counts, the schema version and each shard's health. */
  async status(): Promise<ArchiveStatus> {
    const client = await this.#pool.connect();
    try {
      const v = await version(client).catch(() => undefined);
      const shards = await this.#shardList(client);
      const health = [];
      for (const s of shards) {
        try {
          await client.query(`SELECT 1 FROM ${sql.identifier(s.partition)} LIMIT 1`);
          health.push({ name: s.name, ok: true });
        } catch (error) {
          health.push({ name: s.name, ok: false, error: messageOf(error) });
        }
      }
      if (health.some((h) => !h.ok)) return { version: v, sources: NaN, passages: NaN, shards: health };
      const counts = await client.query<{ sources: string; passages: string }>(sql.countAll);
      return { version: v, sources: Number(counts.rows[0].sources), passages: Number(counts.rows[0].passages), shards: health };
    } finally {
      client.release();
    }
  }

  /**
   * Candidates from the archive ranked by the in-process fuse.js code. When a shard does not
   * answer, the others are asked one by one and the shard is named in `failed`.
   */
  async search(query: string, options: SearchOptions = {}): Promise<BackendResult> {
    const { rows, failed } = await this.candidates(query, candidatesFor(options.limit ?? 20), options);
    return { hits: rankArchiveRows(rows, query, options), failed };
  }

  /**
   * The candidate rows for a query, and the shards that failed. The query's terms are looked
   * up in the vocabulary; passages holding every term whose words are rare enough come first
   * ('all'); when they are too few, passages holding some of the rarest terms ('some').
   */
  async candidates(query: string, max: number, options: SearchOptions = {}): Promise<{ rows: ArchiveRow[]; failed: string[] }> {
    const terms = archiveTerms(query);
    if (terms.length === 0) return { rows: [], failed: [] };
    await this.#checkVersion();
    const rows = (await Promise.all(sql.vocabularyQueries(terms).map((statement) => this.#vocabulary(statement)))).flat();
    // A term that found no word as typed, in a word or one edit away: words with a stretch like it.
    const missing = terms.filter((_, i) => !rows.some((r) => r.k === i + 1));
    if (missing.length) rows.push(...(await this.#vocabulary(sql.similarWordsQuery(missing))).map((r) => ({ ...r, k: r.k === 0 ? 0 : terms.indexOf(missing[r.k - 1]) + 1 })));
    const { groups, reach, exact } = sql.termGroups(terms, rows);
    const present = groups.map((_, i) => i).filter((i) => groups[i].length > 0).sort((a, b) => reach[a] - reach[b]);
    if (present.length === 0) return { rows: [], failed: [] };
    const common = (i: number): boolean => reach[i] > allReach;
    // Only the rarer terms' posting lists are read (the rarest always); the others count in the
    // ranking, so passages holding every word still come first.
    // The two rarest at least: a single common term would have every passage holding it ranked
    // row by row (each rank compares word lists), where two intersect in the index first.
    const all = present.filter((i) => reach[i] <= requiredReach);
    const required = all.length >= Math.min(minRequired, present.length) ? all : present.slice(0, minRequired);
    // Many qualifying rows when even the rarest required term stands in many passages.
    const many = (sets: readonly (readonly number[])[]): boolean => sets.every((set) => Math.min(...set.map((i) => reach[i])) > rankOnShardReach);
    const first = await this.#candidateRows({ groups, exact, required: [required], max, kinds: options.kinds }, many([required]));
    if (first.rows.length >= Math.min(max, options.limit ?? 20) || present.length === 1) return first;
    // Too few hold every word: a writer may misremember one. Passages holding all but one follow.
    const relaxed = present.map((left) => present.filter((i) => i !== left && !common(i))).filter((set) => set.length > 0 && set.some((i) => reach[i] <= someReach));
    if (relaxed.length === 0) return first;
    const second = await this.#candidateRows({ groups, exact, required: relaxed, max, kinds: options.kinds }, many(relaxed));
    const seen = new Set(first.rows.map((r) => `${r.sourceId}\0${r.passage.id}`));
    return {
      rows: [...first.rows, ...second.rows.filter((r) => !seen.has(`${r.sourceId}\0${r.passage.id}`))],
      failed: [...new Set([...first.failed, ...second.failed])].sort(),
    };
  }

  /**
   * One candidate query: the best keys of every shard (or of the single server), asked at once,
   * then the passages of the best `max` of them. A shard that fails is named, the others answer.
   * With `many` (many rows qualify), each shard ranks its own rows where the coordinator has
   * the tables for it.
   */
  async #candidateRows(spec: sql.CandidateSpec, many: boolean): Promise<{ rows: ArchiveRow[]; failed: string[] }> {
    const shards = await this.#shardList();
    const tables = shards.length ? shards.map((s) => ({ table: s.partition, ranking: many && s.ranked ? sql.rankTable(s.name) : s.partition, name: s.name })) : [{ table: 'verbatim_passage', ranking: 'verbatim_passage', name: '' }];
    const failed: string[] = [];
    let lastError: unknown;
    const keys = (await Promise.all(tables.map(async ({ table, ranking, name }) => {
      const statement = sql.candidateQuery(ranking, spec);
      try {
        return (await this.#pool.query<sql.CandidateKey>(statement.text, [...statement.values])).rows.map((k) => ({ ...k, table }));
      } catch (error) {
        if (!name) throw error;
        failed.push(name);
        lastError = error;
        return [];
      }
    }))).flat();
    if (failed.length && failed.length === tables.length) throw new ShardError(failed.sort().join(', '), messageOf(lastError));
    const best = sql.bestKeys(keys, spec.max) as (sql.CandidateKey & { table: string })[];
    const rank = new Map(best.map((k, i) => [`${k.source_id}\0${k.ord}`, i]));
    const rows: { r: ArchiveRow; i: number }[] = [];
    await Promise.all(tables.map(async ({ table, name }) => {
      const mine = best.filter((k) => k.table === table);
      if (mine.length === 0) return;
      const statement = sql.candidateRows(table, mine);
      try {
        for (const row of (await this.#pool.query<{ source_id: string; ord: number; path: string; meta: string; passage: string }>(statement.text, [...statement.values])).rows) {
          const i = rank.get(`${row.source_id}\0${row.ord}`);
          if (i !== undefined) rows.push({ r: toRow(row), i });
        }
      } catch {
        if (name) failed.push(name);
      }
    }));
    return { rows: rows.sort((a, b) => a.i - b.i).map((x) => x.r), failed: [...new Set(failed)].sort() };
  }

  async #vocabulary(statement: sql.Statement): Promise<{ k: number; word: string; df: number }[]> {
    return (await this.#pool.query<{ k: string; word: string; df: string }>(statement.text, [...statement.values])).rows.map((r) => ({ k: Number(r.k), word: r.word, df: Number(r.df) }));
  }

  /** The sources (by citation key) and the bytes they were pushed from. */
  async sourceFiles(ids: readonly string[]): Promise<{ id: string; path: string; bytes: Uint8Array }[]> {
    if (ids.length === 0) return [];
    const result = await this.#pool.query<{ source_id: string; path: string; bytes: Buffer }>(sql.sourceBytes, [[...ids]]);
    return result.rows.map((r) => ({ id: r.source_id, path: r.path, bytes: new Uint8Array(r.bytes) }));
  }

  async #shardList(client?: PoolClient): Promise<Shard[]> {
    if (!this.#shards) {
      const result = await (client ?? this.#pool).query<{ name: string; partition: string; bound: string; ranked: boolean }>(sql.listShards).catch(() => ({ rows: [] }));
      this.#shards = result.rows.map((r) => ({ name: r.name, partition: r.partition, sourcePartition: sql.sourcePartition(r.name), remainder: sql.remainderOf(r.bound) ?? -1, ranked: r.ranked }));
    }
    return this.#shards;
  }
}

/** A shard as the coordinator's catalog names it; `ranked` when the coordinator has its ranking table (archives set up before it have not, until `init` runs again). */
interface Shard {
  readonly name: string;
  readonly partition: string;
  readonly sourcePartition: string;
  readonly remainder: number;
  readonly ranked: boolean;
}

async function runAll(pool: Pool, statements: readonly string[]): Promise<void> {
  for (const statement of statements) await pool.query(statement);
}

/**
 * Refuses a server whose `hashtext` gives other ids than `wordId` (a big-endian machine, a
 * database whose default collation is not deterministic): passages pushed from here and those
 * migrated there would not be found by the same ids.
 */
async function checkWordIds(db: Pool | PoolClient): Promise<void> {
  const r = await db.query<{ w: string; id: number }>('SELECT w, hashtext(w) AS id FROM unnest($1::text[]) AS w', [[...sql.idProbe]]);
  const wrong = r.rows.find((row) => row.id !== sql.wordId(row.w));
  if (wrong) throw new Error(archiveMessages.wordIds(wrong.w, wrong.id, sql.wordId(wrong.w)));
}

async function version(client: PoolClient): Promise<number | undefined> {
  const r = await client.query<{ value: string }>(sql.readVersion);
  return r.rows.length ? Number(r.rows[0].value) : undefined;
}

function toRow(r: { source_id: string; path: string; meta: string; passage: string }): ArchiveRow {
  return { sourceId: r.source_id, path: r.path, meta: JSON.parse(r.meta) as SourceMeta, passage: JSON.parse(r.passage) as ArchiveRow['passage'] };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
