import type { Passage, PassageKind, SourceMeta } from '../model';
import { cjkWords } from '../search/passageIndex';
import { TermPattern } from '../search/wordMatch';

/**
 * The archive's SQL, as text with `$n` parameters only: query words, source text and metadata
 * always travel as parameters, never inside the statement. The few identifiers and options
 * that DDL cannot take as parameters (shard server names, their host and port) come from the
 * operator's command line and pass `identifier` and `literal` first.
 */

/** The schema version `archive init` brings a database to (2: word ids instead of words in passages). */
export const schemaVersion = 2;

/**
 * A word's id: PostgreSQL's `hashtext` of its UTF-8 bytes (Bob Jenkins' lookup3, as PostgreSQL's
 * `hash_bytes` on a little-endian server), so that the ids a push computes here and those a
 * migration computes on the server agree (`init` checks that they do). Two words may share an id:
 * a passage holding the other word then becomes a candidate too, and fuse.js ranks it as it
 * deserves.
 */
export function wordId(word: string): number {
  const len = utf8(word);
  const k = utf8Buffer;
  let a = (0x9e3779b9 + len + 3923095) | 0;
  let b = a;
  let c = a;
  let i = 0;
  let rest = len;
  const at = (j: number): number => k[j] | (k[j + 1] << 8) | (k[j + 2] << 16) | (k[j + 3] << 24);
  while (rest >= 12) {
    a = (a + at(i)) | 0; b = (b + at(i + 4)) | 0; c = (c + at(i + 8)) | 0;
    a = (a - c) | 0; a ^= rot(c, 4); c = (c + b) | 0;
    b = (b - a) | 0; b ^= rot(a, 6); a = (a + c) | 0;
    c = (c - b) | 0; c ^= rot(b, 8); b = (b + a) | 0;
    a = (a - c) | 0; a ^= rot(c, 16); c = (c + b) | 0;
    b = (b - a) | 0; b ^= rot(a, 19); a = (a + c) | 0;
    c = (c - b) | 0; c ^= rot(b, 4); b = (b + a) | 0;
    i += 12;
    rest -= 12;
  }
  // The last 11 bytes at most; the lowest byte of c is left for the length, as in lookup3.
  if (rest >= 9) c = (c + ((rest >= 11 ? k[i + 10] << 24 : 0) | (rest >= 10 ? k[i + 9] << 16 : 0) | (k[i + 8] << 8))) | 0;
  if (rest >= 8) { b = (b + at(i + 4)) | 0; a = (a + at(i)) | 0; }
  else if (rest >= 4) { b = (b + ((rest >= 7 ? k[i + 6] << 16 : 0) | (rest >= 6 ? k[i + 5] << 8 : 0) | (rest >= 5 ? k[i + 4] : 0))) | 0; a = (a + at(i)) | 0; }
  else if (rest > 0) a = (a + ((rest >= 3 ? k[i + 2] << 16 : 0) | (rest >= 2 ? k[i + 1] << 8 : 0) | k[i])) | 0;
  c ^= b; c = (c - rot(b, 14)) | 0;
  a ^= c; a = (a - rot(c, 11)) | 0;
  b ^= a; b = (b - rot(a, 25)) | 0;
  c ^= b; c = (c - rot(b, 16)) | 0;
  a ^= c; a = (a - rot(c, 4)) | 0;
  b ^= a; b = (b - rot(a, 14)) | 0;
  c ^= b; c = (c - rot(b, 24)) | 0;
  return c;
}

function rot(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

let utf8Buffer = new Uint8Array(256);

/** Writes `word` as UTF-8 into `utf8Buffer` (a lone surrogate as U+FFFD, as `pg` sends it); returns its length in bytes. */
function utf8(word: string): number {
  if (utf8Buffer.length < word.length * 3) utf8Buffer = new Uint8Array(word.length * 3);
  const out = utf8Buffer;
  let n = 0;
  for (let i = 0; i < word.length; i++) {
    let cp = word.charCodeAt(i);
    if (cp < 0x80) { out[n++] = cp; continue; }
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < word.length) {
      const low = word.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) { cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00); i++; }
    }
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
    if (cp < 0x800) { out[n++] = 0xc0 | (cp >> 6); out[n++] = 0x80 | (cp & 0x3f); }
    else if (cp < 0x10000) { out[n++] = 0xe0 | (cp >> 12); out[n++] = 0x80 | ((cp >> 6) & 0x3f); out[n++] = 0x80 | (cp & 0x3f); }
    else { out[n++] = 0xf0 | (cp >> 18); out[n++] = 0x80 | ((cp >> 12) & 0x3f); out[n++] = 0x80 | ((cp >> 6) & 0x3f); out[n++] = 0x80 | (cp & 0x3f); }
  }
  return n;
}

/** The ids of words, each once, in ascending order (as `verbatim_word_ids` makes them on the server). */
export function wordIds(words: readonly string[]): number[] {
  const sorted = new Int32Array(words.length);
  for (let i = 0; i < words.length; i++) sorted[i] = wordId(words[i]);
  sorted.sort();
  const ids: number[] = [];
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) ids.push(sorted[i]);
  return ids;
}

/** Words the server's `hashtext` must agree on with `wordId` (ASCII, accented, Chinese; each tail length of lookup3). */
export const idProbe: readonly string[] = ['ab', 'vpn', 'ship', 'ferry', 'budget', 'müller', 'lifeline', 'ministers', 'coöperate', 'electricity', 'internetworking', '网络安全法', 'a1b2c3d4e5f6g7h8i9j'];

/**
 * The tables of a single server or of one shard: they hold the rows. A passage's `terms` are the
 * distinct words the in-process index would search in it (text, speaker, source label), kept
 * in a GIN index: a candidate query reads the posting lists of the words a query's terms
 * match, never a passage's text.
 */
export const storageSchema: readonly string[] = [
  // intarray: a GIN operator class for int4[] and an overlap that merges sorted arrays, where
  // PostgreSQL's own compares every element with every other.
  'CREATE EXTENSION IF NOT EXISTS intarray',
  // The ids of words as `wordId` computes them, for the migration from words to ids.
  `CREATE OR REPLACE FUNCTION verbatim_word_ids(words text[]) RETURNS int4[] LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$SELECT coalesce(array_agg(DISTINCT hashtext(w) ORDER BY hashtext(w)), '{}') FROM unnest(words) AS w$$`,
  `CREATE TABLE IF NOT EXISTS verbatim_source (
    source_id text NOT NULL PRIMARY KEY,
    path text NOT NULL,
    fingerprint text NOT NULL,
    meta text NOT NULL,
    bytes bytea NOT NULL,
    passages integer NOT NULL,
    pushed_at timestamptz NOT NULL DEFAULT now(),
    words text[] NOT NULL DEFAULT '{}',
    word_passages int4[] NOT NULL DEFAULT '{}')`,
  `CREATE TABLE IF NOT EXISTS verbatim_passage (
    source_id text NOT NULL,
    ord integer NOT NULL,
    kind text NOT NULL,
    path text NOT NULL,
    meta text NOT NULL,
    passage text NOT NULL,
    terms int4[] NOT NULL,
    speaker int4[] NOT NULL,
    label int4[] NOT NULL,
    PRIMARY KEY (source_id, ord))`,
  // Version 1 kept the words themselves (text[]) in passages, and found the counts to take from
  // the vocabulary in the passages a push replaced. Version 2 keeps their ids, and each source
  // keeps its words and how many of its passages hold each.
  `DO $$BEGIN
    IF (SELECT atttypid FROM pg_attribute WHERE attrelid = 'verbatim_passage'::regclass AND attname = 'terms') = 'text[]'::regtype THEN
      ALTER TABLE verbatim_source ADD COLUMN IF NOT EXISTS words text[] NOT NULL DEFAULT '{}', ADD COLUMN IF NOT EXISTS word_passages int4[] NOT NULL DEFAULT '{}';
      UPDATE verbatim_source s SET words = c.words, word_passages = c.n
        FROM (SELECT source_id, array_agg(w ORDER BY w) AS words, array_agg(n ORDER BY w) AS n
          FROM (SELECT source_id, w, count(*)::int AS n FROM verbatim_passage, unnest(terms) AS w GROUP BY source_id, w) x GROUP BY source_id) c
        WHERE c.source_id = s.source_id;
      DROP INDEX IF EXISTS verbatim_passage_terms;
      ALTER TABLE verbatim_passage ALTER COLUMN terms TYPE int4[] USING verbatim_word_ids(terms),
        ALTER COLUMN speaker TYPE int4[] USING verbatim_word_ids(speaker), ALTER COLUMN label TYPE int4[] USING verbatim_word_ids(label);
    END IF;
  END$$`,
  // New entries wait in GIN's pending list, which every query reads whole until VACUUM merges it
  // (docs/archive.md: VACUUM after a bulk load; autovacuum does it for inserts in time).
  'CREATE INDEX IF NOT EXISTS verbatim_passage_words ON verbatim_passage USING gin (terms gin__int_ops)',
  // A source's bytes are as large as all its passages together, and its word list (thousands
  // of words) is larger than 2 kB too: PostgreSQL compresses both as it stores them, and with
  // its default (pglz) that took about half of a source's insert (68 sources on one shard:
  // 90–170 ms with pglz, 45–70 with lz4), for a little more disk with lz4. A server built
  // without lz4 keeps pglz.
  `DO $$BEGIN
    ALTER TABLE verbatim_source ALTER COLUMN bytes SET COMPRESSION lz4, ALTER COLUMN words SET COMPRESSION lz4, ALTER COLUMN word_passages SET COMPRESSION lz4;
  EXCEPTION WHEN feature_not_supported OR invalid_parameter_value THEN NULL;
  END$$`,
  // postgres_fdw reads a shard through a cursor, which PostgreSQL plans for its first tenth of
  // rows, often a scan of every passage; a candidate query wants all its rows, through the index.
  // A login that does not own the database cannot set it: docs/archive.md says how to by hand.
  `DO $$BEGIN
    EXECUTE format('ALTER DATABASE %I SET cursor_tuple_fraction = 1.0', current_database());
  EXCEPTION WHEN insufficient_privilege THEN
    RAISE WARNING 'set cursor_tuple_fraction = 1.0 on this database as its owner, or candidate queries through a coordinator may scan every passage';
  END$$`,
];

/**
 * The vocabulary, on the server clients connect to (the coordinator when sharded): every word
 * of the archive's passages and in how many passages it stands. A query's terms are looked up
 * here first (as typed, inside longer words through the trigram index, within one typo through
 * the primary key), and the rarest decide which posting lists a candidate query reads.
 */
export const vocabularySchema: readonly string[] = [
  'CREATE EXTENSION IF NOT EXISTS pg_trgm',
  'CREATE TABLE IF NOT EXISTS verbatim_word (word text NOT NULL PRIMARY KEY, df bigint NOT NULL)',
  // Every push changes the counts of thousands of words: room on each page lets the new row
  // versions stay there (HOT), without a new entry in the key and in the trigram index each.
  'ALTER TABLE verbatim_word SET (fillfactor = 50)',
  'CREATE INDEX IF NOT EXISTS verbatim_word_trgm ON verbatim_word USING gin (word gin_trgm_ops)',
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
 * shards in parallel. The vocabulary stays on the coordinator.
 */
export function coordinatorSchema(shards: readonly ShardSpec[]): string[] {
  // intarray here too, and named to postgres_fdw: its overlap operator is then sent to the shards,
  // where their word index serves it, instead of every row coming back to be tested here.
  const statements = ['CREATE EXTENSION IF NOT EXISTS postgres_fdw', 'CREATE EXTENSION IF NOT EXISTS intarray', ...vocabularySchema];
  for (const s of shards) {
    const name = identifier(s.name);
    const options = `host ${literal(s.host)}, port ${literal(String(s.port))}, dbname ${literal(s.dbname)}, async_capable 'true', fetch_size '2000', batch_size '1000', connect_timeout '2', extensions 'intarray'`;
    statements.push(`DROP SERVER IF EXISTS ${name} CASCADE`);
    statements.push(`CREATE SERVER ${name} FOREIGN DATA WRAPPER postgres_fdw OPTIONS (${options})`);
    statements.push(`CREATE USER MAPPING FOR PUBLIC SERVER ${name} OPTIONS (user ${literal(s.user)}${s.password ? `, password ${literal(s.password)}` : ''})`);
  }
  statements.push('DROP TABLE IF EXISTS verbatim_passage, verbatim_source CASCADE');
  statements.push(`CREATE TABLE verbatim_source (source_id text NOT NULL, path text NOT NULL, fingerprint text NOT NULL, meta text NOT NULL, bytes bytea NOT NULL, passages integer NOT NULL, pushed_at timestamptz NOT NULL DEFAULT now(), words text[] NOT NULL DEFAULT '{}', word_passages int4[] NOT NULL DEFAULT '{}') PARTITION BY HASH (source_id)`);
  statements.push(`CREATE TABLE verbatim_passage (source_id text NOT NULL, ord integer NOT NULL, kind text NOT NULL, path text NOT NULL, meta text NOT NULL, passage text NOT NULL, terms int4[] NOT NULL, speaker int4[] NOT NULL, label int4[] NOT NULL) PARTITION BY HASH (source_id)`);
  shards.forEach((s, i) => {
    const name = identifier(s.name);
    for (const table of ['verbatim_source', 'verbatim_passage']) {
      statements.push(`CREATE FOREIGN TABLE ${table}_${name} PARTITION OF ${table} FOR VALUES WITH (MODULUS ${shards.length}, REMAINDER ${i}) SERVER ${name} OPTIONS (table_name ${literal(table)})`);
    }
    // The same passages again, for candidate queries that many rows qualify for: planned with the
    // shard's own estimates (a remote EXPLAIN), which lets postgres_fdw send the ORDER BY … LIMIT
    // to the shard, so that it ranks its rows and sends the best 40 rather than all of them.
    // Without them the coordinator guesses a handful of rows and sorts them itself; with them on
    // every query, each pays the EXPLAINs' round trips (docs/archive.md).
    statements.push(`CREATE FOREIGN TABLE ${rankTable(s.name)} (source_id text NOT NULL, ord integer NOT NULL, kind text NOT NULL, terms int4[] NOT NULL, speaker int4[] NOT NULL, label int4[] NOT NULL) SERVER ${name} OPTIONS (table_name 'verbatim_passage', use_remote_estimate 'true')`);
  });
  return statements;
}

/** The grants on the coordinator's ranking tables (after `roles`, which creates the roles). */
export function coordinatorRoles(shards: readonly ShardSpec[]): string[] {
  return shards.length ? [`GRANT SELECT ON ${shards.map((s) => rankTable(s.name)).join(', ')} TO verbatim_reader, verbatim_writer`] : [];
}

/** The coordinator's second foreign table over a shard's passages, for candidate queries the shard ranks itself. */
export function rankTable(server: string): string {
  return `verbatim_rank_${identifier(server)}`;
}

/** The partition of sources on a shard (by its foreign server's name), as `coordinatorSchema` names it. */
export function sourcePartition(server: string): string {
  return `verbatim_source_${identifier(server)}`;
}

/** The shards of a coordinator, by foreign server, with the partition of passages each holds. */
export const listShards = `SELECT s.srvname AS name, c.relname AS partition, pg_get_expr(c.relpartbound, c.oid) AS bound,
    to_regclass('verbatim_rank_' || s.srvname) IS NOT NULL AS ranked
  FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_foreign_table f ON f.ftrelid = c.oid
  JOIN pg_foreign_server s ON s.oid = f.ftserver
  WHERE i.inhparent = 'verbatim_passage'::regclass ORDER BY s.srvname`;

/**
 * The words a passage is found by (`terms`): those of its text, its speaker and its source's
 * key, outlet, author and title (the fields fuse.js searches), lower-cased and normalised as
 * the in-process index reads a query, Chinese and Japanese runs cut into words, each once; and
 * those of the speaker alone and of the source alone, since fuse.js scores a word found in
 * the speaker field, then in the source's, better than in the text only.
 */
export function passageTerms(passage: Passage, meta: SourceMeta, label: readonly string[] = labelWords(meta)): { terms: string[]; speaker: string[]; label: readonly string[] } {
  const speaker = passage.speaker ? [...new Set(wordsOf(passage.speaker))] : [];
  const terms = new Set(wordsOf(passage.text));
  for (const w of speaker) terms.add(w);
  for (const w of label) terms.add(w);
  return { terms: [...terms], speaker, label };
}

/** The words of a source's key, outlet, author and title, each once: those of every passage's `label` (a push reads them once per source). */
export function labelWords(meta: SourceMeta): string[] {
  return [...new Set(wordsOf([meta.key, meta.outlet ?? '', meta.author ?? '', meta.title ?? ''].join(' ')))];
}

function wordsOf(text: string): string[] {
  // The words `normalize` would leave, without its offset map (the push's hot loop): soft hyphens
  // joined, NFC, full-width letters and digits as ASCII; its other folds touch no letter or digit.
  const ascii = isAscii(text);
  const folded = ascii ? text : text.replace(/\u00ad/g, '').normalize('NFC').replace(/[\uff10-\uff19\uff21-\uff3a]/gi, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  // PostgreSQL text holds no NUL; the splits below never keep one.
  const words = folded.toLowerCase().split(ascii ? /[^a-z0-9]+/ : /[^\p{L}\p{N}]+/u);
  const out: string[] = [];
  for (const w of words) {
    if (w.length < 2) continue;
    out.push(w);
    if (!ascii && cjkRun.test(w)) for (const piece of cjkWords(w)) if (piece.length >= 2) out.push(piece);
  }
  return out;
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

const cjkRun = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/** A LIKE pattern for `term` anywhere (or, for a term of two characters, at a word's start), its wildcards and the escape character taken literally. */
export function containsPattern(term: string): string {
  const escaped = term.replace(/[\\%_]/g, (c) => `\\${c}`);
  return term.length >= 3 ? `%${escaped}%` : `${escaped}%`;
}

/** Terms shorter than this are matched as typed only: one edit in three letters matches half the vocabulary (as in process). */
const minTypoLength = 4;
/** Longer terms get no variants: no word is that long, and each character adds 75 variants. */
const maxTypoLength = 40;
const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';

/**
 * The words within one edit of a term (a letter left out, added, changed, or two swapped), the
 * typos fuse.js forgives in a word; letters added or changed are drawn from a–z, digits and
 * the term's own letters.
 */
export function oneEditAway(term: string): string[] {
  if ([...term].length < minTypoLength || term.length > maxTypoLength) return [term];
  const chars = [...term];
  const letters = [...new Set([...alphabet, ...chars])];
  const out = new Set<string>([term]);
  for (let i = 0; i <= chars.length; i++) {
    const before = chars.slice(0, i).join('');
    const after = chars.slice(i).join('');
    const rest = chars.slice(i + 1).join('');
    for (const c of letters) out.add(before + c + after);
    if (i < chars.length) {
      out.add(before + rest);
      for (const c of letters) out.add(before + c + rest);
      if (i + 1 < chars.length) out.add(before + chars[i + 1] + chars[i] + chars.slice(i + 2).join(''));
    }
  }
  return [...out];
}

/** A statement and its parameters. */
export interface Statement {
  readonly text: string;
  readonly values: readonly unknown[];
}

/**
 * The vocabulary's words that may match each term (`k`, from 1; 0 for a word that is one of the
 * terms' one-edit variants, which `termGroups` gives to the terms it matches), as two statements
 * that two connections run at once, each on a core of its own (they take about as long as each
 * other): the variants through the primary key, and the most frequent words holding each term
 * through the trigram index.
 */
export function vocabularyQueries(terms: readonly string[], perTerm = 64): Statement[] {
  // A probe of the primary key per variant: with thousands of variants the planner would
  // otherwise read the whole vocabulary.
  const variants: Statement = {
    text: 'SELECT 0 AS k, w.word, w.df FROM unnest($1::text[]) AS v(word) CROSS JOIN LATERAL (SELECT word, df FROM verbatim_word WHERE word = v.word LIMIT 1) w',
    values: [[...new Set(terms.flatMap(oneEditAway))]],
  };
  return [variants, perTermQuery(terms, perTerm, (term, p) => `word LIKE ${p(containsPattern(term))}`)];
}

/**
 * The words holding a stretch like each term (pg_trgm's word similarity), for terms that found
 * nothing through `vocabularyQueries` (a typo inside a longer word); `k` as there.
 */
export function similarWordsQuery(terms: readonly string[], perTerm = 64): Statement {
  return perTermQuery(terms, perTerm, (term, p) => (term.length >= minTypoLength ? `${p(term)} <% word` : undefined));
}

/** One subquery per term, its condition's parameter its own, so that the trigram index serves it. */
function perTermQuery(terms: readonly string[], perTerm: number, condition: (term: string, param: (v: unknown) => string) => string | undefined): Statement {
  const values: unknown[] = [];
  const param = (v: unknown): string => { values.push(v); return `$${values.length}`; };
  const limit = param(perTerm);
  const parts: string[] = [];
  terms.forEach((term, i) => {
    const where = condition(term, param);
    if (where) parts.push(`(SELECT ${i + 1} AS k, word, df FROM verbatim_word WHERE ${where} ORDER BY df DESC LIMIT ${limit})`);
  });
  return { text: parts.length ? parts.join('\n    UNION\n    ') : 'SELECT 0 AS k, NULL AS word, 0 AS df WHERE false', values };
}

/**
 * The words fuse.js matches for each term, from the vocabulary's rows, and the passages they
 * reach: a word holding the term, or, for a term of four characters or more, a stretch of it
 * within one edit (two neighbouring letters swapped counting as one), as in process.
 */
export function termGroups(terms: readonly string[], rows: readonly { k: number; word: string; df: number }[]): { groups: string[][]; reach: number[]; exact: string[][] } {
  const patterns = terms.map((t) => (t.length >= minTypoLength && t.length <= 32 ? new TermPattern(t) : undefined));
  const found: { word: string; df: number }[][] = terms.map(() => []);
  const seen = terms.map(() => new Set<string>());
  for (const { k, word, df } of rows) {
    for (const i of k === 0 ? terms.map((_, j) => j) : [k - 1]) {
      const pattern = patterns[i];
      if (seen[i].has(word) || !(word.includes(terms[i]) || (pattern && (pattern.edits(word) <= 1 || pattern.swappedIn(word))))) continue;
      seen[i].add(word);
      found[i].push({ word, df });
    }
  }
  // The most frequent words of each term: the rest (run-together words of badly saved pages, rare
  // forms) reach few passages, and every word a query carries costs on every passage it ranks.
  const kept = found.map((words) => words.sort((a, b) => b.df - a.df || (a.word < b.word ? -1 : 1)).slice(0, maxWordsPerTerm));
  // The kept words holding the term as typed: fuse.js finds it in them without an error, where a
  // word one edit away ("than" for "thank") costs one, so among passages holding as many terms
  // those holding these rank first.
  return {
    groups: kept.map((words) => words.map((w) => w.word)),
    reach: kept.map((words) => words.reduce((n, w) => n + w.df, 0)),
    exact: kept.map((words, i) => words.map((w) => w.word).filter((w) => w.includes(terms[i]))),
  };
}

/** Words a term brings to a candidate query at most. */
const maxWordsPerTerm = 24;

/** Highlights, then quotations, then the rest: the kinds the ranking prefers among equal matches. */
const preference = "CASE kind WHEN 'highlight' THEN 0 WHEN 'quote' THEN 1 ELSE 2 END";

/** What a candidate query asks: passages holding every group of one of `required`'s sets. */
export interface CandidateSpec {
  /** Each term's words, as the vocabulary gave them. */
  readonly groups: readonly (readonly string[])[];
  /** Sets of groups (indexes): a passage qualifies when it holds every group of some set. */
  readonly required: readonly (readonly number[])[];
  readonly max: number;
  readonly kinds?: readonly PassageKind[];
  /** Each term's words that hold it as typed (`termGroups`' `exact`): passages holding more of them rank first among those holding as many groups. */
  readonly exact?: readonly (readonly string[])[];
}

/**
 * The candidate query on one table: the keys of the passages that qualify, those holding most of
 * the query's groups first, then those holding most terms as typed (not only a word one edit
 * away), then highlights and quotations (ranked first among equals, as in
 * process), then those holding most in the speaker field, then in the source's, then the
 * shorter (fuse.js scores a word in a short field higher). Groups not required only order the
 * rows, so a word found in most passages never has its posting list read. Only keys and ranks
 * come back: the passages themselves are read for the best rows alone (`candidateRows`).
 */
export function candidateQuery(table: string, spec: CandidateSpec): Statement {
  const values: unknown[] = [];
  const param = (v: unknown): string => { values.push(v); return `$${values.length}`; };
  const groups = spec.groups.map((g) => param(wordIds(g)));
  // With one set, every passage holds its groups: only the others are counted row by row.
  const held = spec.required.length === 1 ? new Set(spec.required[0]) : new Set<number>();
  const hits = [String(held.size), ...groups.filter((_, i) => !held.has(i)).map((g) => `(terms && ${g}::int4[])::int`)].join(' + ');
  const spoken = groups.map((g) => `(speaker && ${g}::int4[])::int`).join(' + ');
  const labelled = groups.map((g) => `(label && ${g}::int4[])::int`).join(' + ');
  // A group whose words all hold the term counts as typed wherever it counts at all.
  const exactly = spec.exact ? spec.exact.map((words, i) => (words.length === spec.groups[i].length ? (held.has(i) ? '1' : `(terms && ${groups[i]}::int4[])::int`) : words.length ? `(terms && ${param(wordIds(words))}::int4[])::int` : '0')).join(' + ') || '0' : '0';
  const where = spec.required.map((set) => `(${set.map((i) => `terms && ${groups[i]}::int4[]`).join(' AND ')})`).join(' OR ');
  const kindFilter = spec.kinds && spec.kinds.length ? ` AND kind = ANY(${param([...spec.kinds])}::text[])` : '';
  const text = `SELECT source_id, ord, ${hits} AS hits, ${preference} AS pref, ${spoken} AS spoken, ${labelled} AS labelled, ${exactly} AS exact, cardinality(terms) AS size FROM ${identifier(table)} WHERE (${where})${kindFilter} ORDER BY hits DESC, exact DESC, pref, spoken DESC, labelled DESC, size, source_id, ord LIMIT ${param(spec.max)}`;
  return { text, values };
}

/** A row of `candidateQuery`: a passage's key and the ranks it is ordered by. */
export interface CandidateKey {
  readonly source_id: string;
  readonly ord: number;
  readonly hits: number;
  readonly pref: number;
  readonly spoken: number;
  readonly labelled: number;
  readonly exact: number;
  readonly size: number;
}

/** The best `max` of several tables' candidate keys, in `candidateQuery`'s order. */
export function bestKeys(keys: readonly CandidateKey[], max: number): CandidateKey[] {
  return [...keys].sort((a, b) => b.hits - a.hits || b.exact - a.exact || a.pref - b.pref || b.spoken - a.spoken || b.labelled - a.labelled || a.size - b.size
    || (a.source_id < b.source_id ? -1 : a.source_id > b.source_id ? 1 : a.ord - b.ord)).slice(0, max);
}

/**
 * The passages of candidate keys. The condition is a product (these sources, these ordinals),
 * so that it is sent to the shards as it is and served by the primary key; the caller keeps
 * the pairs it asked for.
 */
export function candidateRows(table: string, keys: readonly CandidateKey[]): Statement {
  return {
    text: `SELECT source_id, ord, path, meta, passage FROM ${identifier(table)} WHERE source_id = ANY($1::text[]) AND ord = ANY($2::int[])`,
    values: [[...new Set(keys.map((k) => k.source_id))], [...new Set(keys.map((k) => Number(k.ord)))]],
  };
}

/** Serialises pushes of the same sources (on the server clients write through); locks are taken in one order, so two pushes never wait on each other in a cycle. */
export const lockSources = 'SELECT pg_advisory_xact_lock(hashtext(id)) FROM (SELECT DISTINCT id FROM unnest($1::text[]) AS u(id) ORDER BY id) s';
export const sourceFingerprints = 'SELECT source_id, fingerprint FROM verbatim_source WHERE source_id = ANY($1::text[])';
/** Fresh statistics for the vocabulary after a large push, so that its lookups keep their indexes (a warning, not an error, for a role that does not own it). */
export const analyzeVocabulary = 'ANALYZE verbatim_word';
/** Deletes sources' passages. */
export const deletePassages = 'DELETE FROM verbatim_passage WHERE source_id = ANY($1::text[])';
/** Deletes sources' records, with each one's words and how many of its passages held each: the counts to take from the vocabulary. */
export const deleteSources = 'DELETE FROM verbatim_source WHERE source_id = ANY($1::text[]) RETURNING source_id, words, word_passages';
/**
 * Sources' records into `table` (the sources' table or one shard's partition of it); each one's
 * words and their counts as space-separated strings (words hold no space). The sources' bytes
 * travel as one binary parameter ($5) cut by their lengths ($9): an array of bytea goes as text,
 * each file written out in hex by the client and read back by the server.
 */
export function insertSources(table = 'verbatim_source'): string {
  return `INSERT INTO ${identifier(table)} (source_id, path, fingerprint, meta, bytes, passages, words, word_passages)
  SELECT u.source_id, u.path, u.fingerprint, u.meta, substring($5::bytea FROM u.start FOR u.size), u.passages, string_to_array(u.words, ' '), string_to_array(u.counts, ' ')::int4[]
  FROM (SELECT *, 1 + coalesce(sum(size) OVER (ORDER BY n ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)::int AS start
    FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $9::int[], $6::int[], $7::text[], $8::text[]) WITH ORDINALITY AS u(source_id, path, fingerprint, meta, size, passages, words, counts, n)) u`;
}
/**
 * Which hash partition (its remainder) each source falls in, as PostgreSQL routes it: a push
 * writes each shard's passages straight into its partition, so that postgres_fdw sends them in
 * batches rather than one statement per row.
 */
export const routeSources = `SELECT u.id AS source_id, r.r AS remainder FROM unnest($1::text[]) AS u(id), generate_series(0, $2::int - 1) AS r(r)
  WHERE satisfies_hash_partition('verbatim_passage'::regclass, $2::int, r.r, u.id)`;

/** The remainder of a partition's bound (`FOR VALUES WITH (modulus 3, remainder 1)`). */
export function remainderOf(bound: string): number | undefined {
  const m = /remainder (\d+)/i.exec(bound);
  return m ? Number(m[1]) : undefined;
}

/**
 * Passages of several sources into `table` (the passages' table or one shard's partition of it),
 * as two JSON arrays: the passages (`s` their source's position in the second array from 1, `o`
 * ord, `k` kind, `p` the passage, `t` and `sp` the ids of its words and of its speaker's), and
 * their sources once each (`n` the position, `id`, `path`, `meta`, `l` the ids of its label's
 * words). One parameter each: the server reads JSON in C, where arrays of strings would be
 * escaped and joined by the client one element at a time.
 */
export function insertPassages(table = 'verbatim_passage'): string {
  return `INSERT INTO ${identifier(table)} (source_id, ord, kind, path, meta, passage, terms, speaker, label)
  SELECT s.id, p.o, p.k, s.path, s.meta::text, p.p::text, p.t, p.sp, s.l
  FROM json_to_recordset($1::json) AS p(s int, o int, k text, p json, t int4[], sp int4[])
  JOIN json_to_recordset($2::json) AS s(n int, id text, path text, meta json, l int4[]) ON s.n = p.s`;
}

/** Adds to (or, negative, takes from) the words' passage counts, in the words' order, so that concurrent pushes lock rows in one order. */
export const countWords = `INSERT INTO verbatim_word (word, df) SELECT * FROM unnest($1::text[], $2::bigint[]) AS u(word, df) ORDER BY word
  ON CONFLICT (word) DO UPDATE SET df = verbatim_word.df + EXCLUDED.df`;
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

/** The vocabulary's grants, on the server clients connect to. */
export const vocabularyRoles: readonly string[] = [
  'GRANT SELECT ON verbatim_word TO verbatim_reader',
  'GRANT SELECT, INSERT, UPDATE ON verbatim_word TO verbatim_writer',
];
