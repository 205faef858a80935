import type { Passage, PassageKind, SourceMeta } from '../model';
import { normalize } from '../text/normalize';

/**
 * The archive's SQL, as text with `$n` parameters only: query words, source text and metadata
 * always travel as parameters, never inside the statement. The few identifiers and options
 * that DDL cannot take as parameters (shard server names, their host and port) come from the
 * operator's command line and pass `identifier` and `literal` first.
 */

/** The schema version `archive init` brings a database to. */
export const schemaVersion = 1;

/** The tables of a single server or of one shard: they hold the rows. */
export const storageSchema: readonly string[] = [
  'CREATE EXTENSION IF NOT EXISTS pg_trgm',
  `CREATE TABLE IF NOT EXISTS verbatim_source (
    source_id text NOT NULL PRIMARY KEY,
    path text NOT NULL,
    fingerprint text NOT NULL,
    meta text NOT NULL,
    bytes bytea NOT NULL,
    passages integer NOT NULL,
    pushed_at timestamptz NOT NULL DEFAULT now())`,
  `CREATE TABLE IF NOT EXISTS verbatim_passage (
    source_id text NOT NULL,
    ord integer NOT NULL,
    kind text NOT NULL,
    path text NOT NULL,
    meta text NOT NULL,
    passage text NOT NULL,
    words text NOT NULL,
    extra text NOT NULL,
    PRIMARY KEY (source_id, ord))`,
  // The candidate query's LIKE and <% both use this index.
  'CREATE INDEX IF NOT EXISTS verbatim_passage_words ON verbatim_passage USING gin (words gin_trgm_ops)',
];

/** The archive's own record of its version, on the server clients connect to. */
export const versionTable = 'CREATE TABLE IF NOT EXISTS verbatim_archive (name text PRIMARY KEY, value text NOT NULL)';
export const readVersion = "SELECT value FROM verbatim_archive WHERE name = 'schema_version'";
export const writeVersion = "INSERT INTO verbatim_archive (name, value) VALUES ('schema_version', $1) ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value";

/** A shard as the coordinator knows it. */
export interface ShardSpec {
  /** The foreign server's name, used in error messages ("shard2"). */
  readonly name: string;
  readonly host: string;
  readonly port: number;
  readonly dbname: string;
  readonly user: string;
  /** Stored in the coordinator's user mapping (the catalog), never in a settings file. */
  readonly password?: string;
}

/** An SQL identifier the operator chose; anything but plain lower-case names is refused. */
export function identifier(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`not a plain SQL name: ${JSON.stringify(name)}`);
  return name;
}

/** An SQL string literal for DDL options (quotes doubled; NUL refused). */
export function literal(value: string): string {
  if (value.includes('\0')) throw new Error('a NUL character cannot be stored');
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * The coordinator's schema: both tables hash-partitioned by source, each partition a foreign
 * table on one shard (postgres_fdw), so a source's passages and its record live on the same
 * shard and are written in one remote transaction. `async_capable` lets one query scan the
 * shards in parallel; `extensions` lets pg_trgm's operators run on the shards.
 */
export function coordinatorSchema(shards: readonly ShardSpec[]): string[] {
  const statements = ['CREATE EXTENSION IF NOT EXISTS postgres_fdw', 'CREATE EXTENSION IF NOT EXISTS pg_trgm'];
  for (const s of shards) {
    const name = identifier(s.name);
    const options = `host ${literal(s.host)}, port ${literal(String(s.port))}, dbname ${literal(s.dbname)}, async_capable 'true', extensions 'pg_trgm', fetch_size '2000', batch_size '1000', connect_timeout '2'`;
    statements.push(`DROP SERVER IF EXISTS ${name} CASCADE`);
    statements.push(`CREATE SERVER ${name} FOREIGN DATA WRAPPER postgres_fdw OPTIONS (${options})`);
    statements.push(`CREATE USER MAPPING FOR PUBLIC SERVER ${name} OPTIONS (user ${literal(s.user)}${s.password ? `, password ${literal(s.password)}` : ''})`);
  }
  statements.push('DROP TABLE IF EXISTS verbatim_passage, verbatim_source CASCADE');
  statements.push(`CREATE TABLE verbatim_source (source_id text NOT NULL, path text NOT NULL, fingerprint text NOT NULL, meta text NOT NULL, bytes bytea NOT NULL, passages integer NOT NULL, pushed_at timestamptz NOT NULL DEFAULT now()) PARTITION BY HASH (source_id)`);
  statements.push(`CREATE TABLE verbatim_passage (source_id text NOT NULL, ord integer NOT NULL, kind text NOT NULL, path text NOT NULL, meta text NOT NULL, passage text NOT NULL, words text NOT NULL, extra text NOT NULL) PARTITION BY HASH (source_id)`);
  shards.forEach((s, i) => {
    const name = identifier(s.name);
    for (const table of ['verbatim_source', 'verbatim_passage']) {
      statements.push(`CREATE FOREIGN TABLE ${table}_${name} PARTITION OF ${table} FOR VALUES WITH (MODULUS ${shards.length}, REMAINDER ${i}) SERVER ${name} OPTIONS (table_name ${literal(table)})`);
    }
  });
  return statements;
}

/** The shards of a coordinator, by foreign server, with the partition of passages each holds. */
export const listShards = `SELECT s.srvname AS name, c.relname AS partition
  FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_foreign_table f ON f.ftrelid = c.oid
  JOIN pg_foreign_server s ON s.oid = f.ftserver
  WHERE i.inhparent = 'verbatim_passage'::regclass ORDER BY s.srvname`;

/**
 * What the in-process index searches for a passage, as lower-cased normalised strings: all of
 * it (`words`, indexed), and the speaker and source fields alone (`extra`), since fuse.js scores
 * a word found in two fields better than in one.
 */
export function passageWords(passage: Passage, meta: SourceMeta): { words: string; extra: string } {
  const label = [meta.key, meta.outlet, meta.author, meta.title].filter(Boolean).join(' ');
  // PostgreSQL text holds no NUL; these strings are only for finding candidates.
  const clean = (s: string): string => normalize(s).text.toLowerCase().replace(/\0/g, ' ');
  const extra = clean(`${passage.speaker ?? ''} | ${label}`);
  return { words: `${clean(passage.text)} | ${extra}`, extra };
}

/** A LIKE pattern for `term` anywhere, its wildcards and the escape character taken literally. */
export function containsPattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** A statement and its parameters. */
export interface Statement {
  readonly text: string;
  readonly values: readonly unknown[];
}

/**
 * The candidate query: passages holding any of the terms as typed, or, for a term of six
 * characters or more, either half of it (a single typo leaves one half whole, and a half of
 * three characters or more is found through the trigram index). Those holding more terms as
 * typed come first, then more halves, then more terms also in the speaker or source fields
 * (fuse.js scores a word found in two fields better). Only LIKE is used: pg_trgm's similarity
 * operators read every matching text whole and cost seconds on long passages. fuse.js ranks
 * what comes back. Terms of two characters cannot use a trigram index and only order the rows
 * unless nothing longer was typed.
 */
export function candidateQuery(table: string, terms: readonly string[], max: number, kinds?: readonly PassageKind[]): Statement | undefined {
  if (terms.length === 0) return undefined;
  const values: unknown[] = [];
  const param = (v: unknown): string => { values.push(v); return `$${values.length}`; };
  const long = terms.some((t) => t.length >= 3);
  const conditions: string[] = [];
  const held: string[] = [];
  const near: string[] = [];
  const twice: string[] = [];
  for (const term of terms) {
    const like = param(containsPattern(term));
    held.push(`(words LIKE ${like})::int`);
    twice.push(`(extra LIKE ${like})::int`);
    if (term.length >= 3 || !long) conditions.push(`words LIKE ${like}`);
    if (term.length >= 6) {
      const middle = Math.floor(term.length / 2);
      for (const half of [term.slice(0, middle), term.slice(middle)]) {
        const h = param(containsPattern(half));
        conditions.push(`words LIKE ${h}`);
        near.push(`(words LIKE ${h})::int`);
      }
    }
  }
  const kindFilter = kinds && kinds.length ? ` AND kind = ANY(${param([...kinds])}::text[])` : '';
  const order = [held, near, twice].filter((x) => x.length).map((x) => `${x.join(' + ')} DESC`).join(', ');
  const text = `SELECT source_id, path, meta, passage FROM ${identifier(table)} WHERE (${conditions.join(' OR ')})${kindFilter} ORDER BY ${order}, source_id, ord LIMIT ${param(max)}`;
  return { text, values };
}

/** Rows of one source for `replacePassages`: columns as parallel arrays, sent as parameters. */
export function passageColumns(passages: readonly Passage[], meta: SourceMeta): { ord: number[]; kind: string[]; passage: string[]; words: string[]; extra: string[] } {
  const words = passages.map((p) => passageWords(p, meta));
  return {
    ord: passages.map((_, i) => i),
    kind: passages.map((p) => p.kind),
    passage: passages.map((p) => JSON.stringify(p)),
    words: words.map((w) => w.words),
    extra: words.map((w) => w.extra),
  };
}

/** Serialises pushes of one source (on the server clients write through). */
export const lockSource = 'SELECT pg_advisory_xact_lock(hashtext($1))';
export const sourceFingerprint = 'SELECT fingerprint FROM verbatim_source WHERE source_id = $1';
export const deletePassages = 'DELETE FROM verbatim_passage WHERE source_id = $1';
export const deleteSource = 'DELETE FROM verbatim_source WHERE source_id = $1';
export const insertSource = 'INSERT INTO verbatim_source (source_id, path, fingerprint, meta, bytes, passages) VALUES ($1, $2, $3, $4, $5, $6)';
export const insertPassages = `INSERT INTO verbatim_passage (source_id, ord, kind, path, meta, passage, words, extra)
  SELECT $1, u.ord, u.kind, $2, $3, u.passage, u.words, u.extra FROM unnest($4::int[], $5::text[], $6::text[], $7::text[], $8::text[]) AS u(ord, kind, passage, words, extra)`;
export const countAll = 'SELECT (SELECT count(*) FROM verbatim_source) AS sources, (SELECT count(*) FROM verbatim_passage) AS passages';
export const sourceBytes = 'SELECT source_id, path, bytes FROM verbatim_source WHERE source_id = ANY($1::text[])';

/** The two roles: writers search (read only), ingest pushes. Created once, granted on every init. */
export const roles: readonly string[] = [
  `DO $$BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'verbatim_reader') THEN CREATE ROLE verbatim_reader NOLOGIN; END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'verbatim_writer') THEN CREATE ROLE verbatim_writer NOLOGIN; END IF;
  END$$`,
  'GRANT SELECT ON verbatim_source, verbatim_passage TO verbatim_reader',
  'GRANT SELECT, INSERT, DELETE ON verbatim_source, verbatim_passage TO verbatim_writer',
];
