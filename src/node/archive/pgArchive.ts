import { Pool, type PoolClient } from 'pg';
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
    super(`archive shard "${shard}" did not answer: ${cause}`);
  }
}

/** How many candidates the archive sends fuse.js for a query asking for `limit` results. */
export function candidatesFor(limit: number): number {
  return Math.max(200, limit * 10);
}

/**
 * The shared archive on PostgreSQL: one server, or a coordinator whose tables are partitioned
 * over shards through postgres_fdw. The connection string is libpq's (`postgres://…?sslmode=…`);
 * a password comes from it, from PGPASSWORD or from ~/.pgpass, which `pg` reads.
 */
export class PgArchive implements SearchBackend {
  readonly name = 'archive';
  readonly #pool: Pool;
  #shards: { name: string; partition: string }[] | undefined;

  constructor(readonly url: string, options: { readonly statementTimeoutMs?: number } = {}) {
    this.#pool = new Pool({ connectionString: url, max: 8, connectionTimeoutMillis: 5_000, statement_timeout: options.statementTimeoutMs, application_name: 'verbatim' });
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
        await runAll(shard, [...sql.storageSchema, ...sql.roles]);
      } finally {
        await shard.end();
      }
      const u = new URL(shardUrl);
      shards.push({ name: `shard${i + 1}`, host: u.hostname, port: Number(u.port || 5432), dbname: decodeURIComponent(u.pathname.slice(1)) || 'postgres', user: decodeURIComponent(u.username) || 'postgres', password: u.password ? decodeURIComponent(u.password) : undefined });
    }
    const client = await this.#pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(sql.versionTable);
      const from = await version(client);
      for (const statement of shards.length ? [...sql.coordinatorSchema(shards), ...sql.roles] : [...sql.storageSchema, ...sql.roles]) await client.query(statement);
      await client.query('GRANT SELECT ON verbatim_archive TO verbatim_reader, verbatim_writer');
      await client.query(sql.writeVersion, [String(sql.schemaVersion)]);
      await client.query('COMMIT');
      this.#shards = undefined;
      return { from, to: sql.schemaVersion };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /**
   * Adds or replaces sources, each in a transaction of its own: its old passages stay until its
   * new ones are all written. A source whose bytes are unchanged is left as it is.
   * `beforeCommit` runs inside each source's transaction (tests interrupt a push there).
   */
  async push(items: readonly PushItem[], beforeCommit?: (client: PoolClient, item: PushItem) => Promise<void>): Promise<PushResult> {
    const result: PushResult = { added: [], replaced: [], unchanged: [] };
    const client = await this.#pool.connect();
    // A connection the server ends mid-push fails the running query; the event adds nothing.
    const ignore = (): void => undefined;
    client.on('error', ignore);
    let broken: Error | undefined;
    try {
      for (const item of items) {
        const id = item.doc.meta.key;
        await client.query('BEGIN');
        try {
          await client.query(sql.lockSource, [id]);
          const old = await client.query<{ fingerprint: string }>(sql.sourceFingerprint, [id]);
          if (old.rows[0]?.fingerprint === item.fingerprint) {
            await client.query('COMMIT');
            result.unchanged.push(id);
            continue;
          }
          const meta = JSON.stringify(item.doc.meta);
          await client.query(sql.deletePassages, [id]);
          await client.query(sql.deleteSource, [id]);
          await client.query(sql.insertSource, [id, item.doc.path, item.fingerprint, meta, Buffer.from(item.bytes), item.doc.passages.length]);
          const cols = sql.passageColumns(item.doc.passages, item.doc.meta);
          await client.query(sql.insertPassages, [id, item.doc.path, meta, cols.ord, cols.kind, cols.passage, cols.words, cols.extra]);
          if (beforeCommit) await beforeCommit(client, item);
          await client.query('COMMIT');
          (old.rows.length ? result.replaced : result.added).push(id);
        } catch (error) {
          broken = error instanceof Error ? error : new Error(String(error));
          await client.query('ROLLBACK').catch(() => undefined);
          throw error;
        }
      }
    } finally {
      client.off('error', ignore);
      // A client whose push failed is closed rather than reused: its connection may be gone.
      client.release(broken);
    }
    return result;
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

  /** The candidate rows for a query, and the shards that failed. */
  async candidates(query: string, max: number, options: SearchOptions = {}): Promise<{ rows: ArchiveRow[]; failed: string[] }> {
    const terms = archiveTerms(query);
    const statement = sql.candidateQuery('verbatim_passage', terms, max, options.kinds);
    if (!statement) return { rows: [], failed: [] };
    try {
      return { rows: toRows((await this.#pool.query(statement.text, [...statement.values])).rows), failed: [] };
    } catch (error) {
      const shards = await this.#shardList();
      if (shards.length === 0) throw error;
      const failed: string[] = [];
      const rows: ArchiveRow[] = [];
      await Promise.all(shards.map(async (s) => {
        const part = sql.candidateQuery(s.partition, terms, max, options.kinds)!;
        try {
          rows.push(...toRows((await this.#pool.query(part.text, [...part.values])).rows));
        } catch {
          failed.push(s.name);
        }
      }));
      if (failed.length === shards.length) throw new ShardError(failed.join(', '), messageOf(error));
      return { rows, failed: failed.sort() };
    }
  }

  /** The sources (by citation key) and the bytes they were pushed from. */
  async sourceFiles(ids: readonly string[]): Promise<{ id: string; path: string; bytes: Uint8Array }[]> {
    if (ids.length === 0) return [];
    const result = await this.#pool.query<{ source_id: string; path: string; bytes: Buffer }>(sql.sourceBytes, [[...ids]]);
    return result.rows.map((r) => ({ id: r.source_id, path: r.path, bytes: new Uint8Array(r.bytes) }));
  }

  async #shardList(client?: PoolClient): Promise<{ name: string; partition: string }[]> {
    if (!this.#shards) {
      const result = await (client ?? this.#pool).query<{ name: string; partition: string }>(sql.listShards).catch(() => ({ rows: [] }));
      this.#shards = result.rows;
    }
    return this.#shards;
  }
}

async function runAll(pool: Pool, statements: readonly string[]): Promise<void> {
  for (const statement of statements) await pool.query(statement);
}

async function version(client: PoolClient): Promise<number | undefined> {
  const r = await client.query<{ value: string }>(sql.readVersion);
  return r.rows.length ? Number(r.rows[0].value) : undefined;
}

function toRows(rows: readonly { source_id: string; path: string; meta: string; passage: string }[]): ArchiveRow[] {
  return rows.map((r) => ({ sourceId: r.source_id, path: r.path, meta: JSON.parse(r.meta) as SourceMeta, passage: JSON.parse(r.passage) as ArchiveRow['passage'] }));
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
