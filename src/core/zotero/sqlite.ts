/**
 * A small read-only reader of the SQLite file format (https://www.sqlite.org/fileformat2.html):
 * the database header, table B-trees with their overflow pages, the record format, the schema
 * table, and a write-ahead log laid over the file. Bytes in, rows out: it never writes, locks
 * or opens anything, so a copy of a database read while its program runs is read safely, and
 * it runs where native modules and `node:sqlite` do not (the editor's extension host).
 */

/** A value of a column as SQLite stores it (integers beyond 2^53 lose precision). */
export type SqlValue = number | string | Uint8Array | null;

/** One row of a table: its rowid and its columns by name. */
export interface SqlRow {
  readonly rowid: number;
  readonly [column: string]: SqlValue;
}

/** Why a database could not be read; `message` says where. */
export class SqliteError extends Error {}

/** A table as the schema describes it. */
interface TableInfo {
  readonly rootPage: number;
  readonly columns: readonly string[];
  /** The column that is an alias of the rowid (`INTEGER PRIMARY KEY`), stored as NULL in records. */
  readonly rowidColumn: number;
}

const header = 'SQLite format 3\u0000';
const utf8 = new TextDecoder('utf-8');
/** Deeper than any real table B-tree (a 4 KiB page holds hundreds of children): a cycle in a damaged file. */
const maxDepth = 64;

/** A database read from its bytes, with the committed pages of its `-wal` file applied when given. */
export class SqliteDatabase {
  readonly #bytes: Uint8Array;
  readonly #pageSize: number;
  readonly #usable: number;
  readonly #pageCount: number;
  /** Page number → the newest committed copy of the page in the write-ahead log. */
  readonly #walPages: ReadonlyMap<number, Uint8Array>;
  readonly #tables = new Map<string, TableInfo>();
  /** Decodes text columns; only UTF-8 databases are read (`encoding` 1). */
  readonly #decode = (bytes: Uint8Array): string => utf8.decode(bytes);

  /** Reads the header and the schema; throws `SqliteError` when the bytes are no SQLite database. */
  constructor(bytes: Uint8Array, wal?: Uint8Array) {
    if (bytes.length < 100 || ascii(bytes, 0, 16) !== header) throw new SqliteError('not an SQLite database (the header is missing)');
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const size = view.getUint16(16);
    this.#pageSize = size === 1 ? 65536 : size;
    if (this.#pageSize < 512 || (this.#pageSize & (this.#pageSize - 1)) !== 0) throw new SqliteError(`page size ${this.#pageSize} is not valid`);
    this.#usable = this.#pageSize - bytes[20];
    if (this.#usable < 480) throw new SqliteError('the reserved space leaves pages too small');
    if (view.getUint32(56) > 1) throw new SqliteError('text is not stored as UTF-8');
    this.#bytes = bytes;
    const log = wal && wal.length >= 32 ? readWal(wal, this.#pageSize) : undefined;
    this.#walPages = log?.pages ?? new Map();
    this.#pageCount = log?.pageCount ?? Math.floor(bytes.length / this.#pageSize);
    for (const row of this.#scan(1, ['type', 'name', 'tbl_name', 'rootpage', 'sql'], -1)) {
      if (row.type !== 'table' || typeof row.name !== 'string' || typeof row.rootpage !== 'number' || typeof row.sql !== 'string') continue;
      // WITHOUT ROWID tables are index B-trees; nothing read here is stored that way.
      if (/\bwithout\s+rowid\s*$/i.test(row.sql.slice(-40))) continue;
      const parsed = columnsOf(row.sql);
      this.#tables.set(row.name.toLowerCase(), { rootPage: row.rootpage, ...parsed });
    }
  }

  /** Whether the database has this table. */
  hasTable(name: string): boolean {
    return this.#tables.has(name.toLowerCase());
  }

  /** The column names of a table, as declared. */
  columns(name: string): readonly string[] {
    return this.#tables.get(name.toLowerCase())?.columns ?? [];
  }

  /** Every row of a table, in rowid order; throws `SqliteError` for a missing table or a damaged page. */
  rows(name: string): SqlRow[] {
    const table = this.#tables.get(name.toLowerCase());
    if (!table) throw new SqliteError(`no table "${name}"`);
    return [...this.#scan(table.rootPage, table.columns, table.rowidColumn)];
  }

  #page(n: number): Uint8Array {
    if (n < 1 || n > this.#pageCount) throw new SqliteError(`page ${n} is beyond the end of the database`);
    const logged = this.#walPages.get(n);
    if (logged) return logged;
    const start = (n - 1) * this.#pageSize;
    if (start + this.#pageSize > this.#bytes.length) throw new SqliteError(`page ${n} is missing (the file is cut short)`);
    return this.#bytes.subarray(start, start + this.#pageSize);
  }

  *#scan(root: number, columns: readonly string[], rowidColumn: number): Generator<SqlRow> {
    const stack: { page: number; depth: number }[] = [{ page: root, depth: 0 }];
    // A page reached twice is a cycle in a damaged file: without this, a page listing itself as
    // several children would be walked an exponential number of times.
    const seen = new Set<number>();
    while (stack.length) {
      const { page: n, depth } = stack.pop()!;
      if (depth > maxDepth || seen.has(n)) throw new SqliteError('a table B-tree leads back to a page it has read (a cycle)');
      seen.add(n);
      const page = this.#page(n);
      const at = n === 1 ? 100 : 0;
      const type = page[at];
      const cells = (page[at + 3] << 8) | page[at + 4];
      if (type === 0x05) {
        const children: number[] = [];
        for (let i = 0; i < cells; i++) children.push(u32(page, pointer(page, at + 12, i)));
        children.push(u32(page, at + 8));
        // Popped last first: children are pushed in reverse so rows come out in rowid order.
        for (let i = children.length - 1; i >= 0; i--) stack.push({ page: children[i], depth: depth + 1 });
      } else if (type === 0x0d) {
        for (let i = 0; i < cells; i++) yield this.#leafCell(page, pointer(page, at + 8, i), columns, rowidColumn);
      } else {
        throw new SqliteError(`page ${n} is not a table page (type ${type})`);
      }
    }
  }

  #leafCell(page: Uint8Array, offset: number, columns: readonly string[], rowidColumn: number): SqlRow {
    const [size, a] = varint(page, offset);
    const [rowid, b] = varint(page, a);
    const payload = this.#payload(page, b, size);
    const values = record(payload, this.#decode);
    const row: Record<string, SqlValue> = { rowid };
    columns.forEach((name, i) => { row[name] = i === rowidColumn ? rowid : (values[i] ?? null); });
    return row as SqlRow;
  }

  /** A cell's payload, gathered from the page and its overflow pages. */
  #payload(page: Uint8Array, start: number, size: number): Uint8Array {
    const u = this.#usable;
    const x = u - 35;
    if (size <= x) {
      if (start + size > page.length) throw new SqliteError('a cell runs past its page');
      return page.subarray(start, start + size);
    }
    const m = Math.floor(((u - 12) * 32) / 255) - 23;
    const k = m + ((size - m) % (u - 4));
    const local = k <= x ? k : m;
    const out = new Uint8Array(size);
    out.set(page.subarray(start, start + local));
    let filled = local;
    let next = u32(page, start + local);
    let hops = 0;
    while (filled < size) {
      if (next === 0 || ++hops > this.#pageCount) throw new SqliteError('an overflow chain is broken');
      const over = this.#page(next);
      const take = Math.min(u - 4, size - filled);
      out.set(over.subarray(4, 4 + take), filled);
      filled += take;
      next = u32(over, 0);
    }
    return out;
  }
}

/** The cell pointer `i` of a page whose pointer array starts at `at`. */
function pointer(page: Uint8Array, at: number, i: number): number {
  return (page[at + 2 * i] << 8) | page[at + 2 * i + 1];
}

function u32(bytes: Uint8Array, at: number): number {
  return ((bytes[at] << 24) >>> 0) + (bytes[at + 1] << 16) + (bytes[at + 2] << 8) + bytes[at + 3];
}

function ascii(bytes: Uint8Array, start: number, end: number): string {
  return String.fromCharCode(...bytes.subarray(start, end));
}

/** SQLite's variable-length integer: up to nine bytes, big-endian, seven bits a byte (all eight in the ninth). */
export function varint(bytes: Uint8Array, at: number): [value: number, next: number] {
  let value = 0;
  for (let i = 0; i < 8; i++) {
    const b = bytes[at + i];
    if (b === undefined) throw new SqliteError('a number runs past its page');
    value = value * 128 + (b & 0x7f);
    if (b < 0x80) return [value, at + i + 1];
  }
  return [value * 256 + bytes[at + 8], at + 9];
}

/** The values of a record (header of serial types, then the bodies). */
export function record(payload: Uint8Array, decode: (bytes: Uint8Array) => string): SqlValue[] {
  const [headerSize, first] = varint(payload, 0);
  if (headerSize > payload.length) throw new SqliteError('a record header runs past its record');
  const types: number[] = [];
  for (let at = first; at < headerSize;) {
    const [type, next] = varint(payload, at);
    types.push(type);
    at = next;
  }
  const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
  const values: SqlValue[] = [];
  let at = headerSize;
  for (const type of types) {
    const width = serialWidth(type);
    if (at + width > payload.length) throw new SqliteError('a record runs past its end');
    values.push(serialValue(type, payload, view, at, width, decode));
    at += width;
  }
  return values;
}

function serialWidth(type: number): number {
  if (type >= 12) return Math.floor((type - 12) / 2);
  return [0, 1, 2, 3, 4, 6, 8, 8, 0, 0, 0, 0][type];
}

function serialValue(type: number, payload: Uint8Array, view: DataView, at: number, width: number, decode: (bytes: Uint8Array) => string): SqlValue {
  switch (type) {
    case 0: return null;
    case 1: return view.getInt8(at);
    case 2: return view.getInt16(at);
    case 3: return (view.getInt8(at) * 65536) + view.getUint16(at + 1);
    case 4: return view.getInt32(at);
    case 5: return view.getInt16(at) * 2 ** 32 + view.getUint32(at + 2);
    case 6: return Number(view.getBigInt64(at));
    case 7: return view.getFloat64(at);
    case 8: return 0;
    case 9: return 1;
    case 10: case 11: throw new SqliteError(`serial type ${type} is reserved`);
  }
  const bytes = payload.subarray(at, at + width);
  return type % 2 === 0 ? bytes : decode(bytes);
}

/**
 * The column names of a `CREATE TABLE` statement and which one aliases the rowid. Constraints
 * (`PRIMARY KEY (…)`, `UNIQUE (…)`, `FOREIGN KEY …`, `CHECK …`, `CONSTRAINT …`) are not columns.
 */
export function columnsOf(sql: string): { columns: string[]; rowidColumn: number } {
  const open = sql.indexOf('(');
  const close = sql.lastIndexOf(')');
  if (open < 0 || close < open) throw new SqliteError('a table definition has no column list');
  const parts: string[] = [];
  let depth = 0;
  let quote = '';
  let start = open + 1;
  for (let i = open + 1; i < close; i++) {
    const c = sql[i];
    if (quote) { if (c === quote) quote = ''; continue; }
    if (c === '"' || c === "'" || c === '`' || c === '[') { quote = c === '[' ? ']' : c; continue; }
    if (c === '-' && sql[i + 1] === '-') { const end = sql.indexOf('\n', i); i = end < 0 ? close : end; continue; }
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) { parts.push(sql.slice(start, i)); start = i + 1; }
  }
  parts.push(sql.slice(start, close));
  const columns: string[] = [];
  let rowidColumn = -1;
  for (const raw of parts) {
    const part = raw.replace(/--[^\n]*/g, '').trim();
    if (!part || /^(?:primary\s+key|unique|foreign\s+key|check|constraint)\b/i.test(part)) continue;
    const name = /^(?:"((?:[^"]|"")+)"|`([^`]+)`|\[([^\]]+)\]|([^\s(]+))/.exec(part);
    if (!name) continue;
    const column = (name[1]?.replace(/""/g, '"') ?? name[2] ?? name[3] ?? name[4]);
    if (/^\S+\s+integer\s+primary\s+key\b(?!\s+desc)/i.test(part.replace(/^(?:"(?:[^"]|"")+"|`[^`]+`|\[[^\]]+\])/, 'c'))) rowidColumn = columns.length;
    columns.push(column);
  }
  return { columns, rowidColumn };
}

/**
 * The pages a write-ahead log holds for the database, as of its last commit: frames are read
 * while their salts match the log's header and their checksums chain; a frame after the last
 * commit frame belongs to a transaction not committed and is ignored.
 */
function readWal(wal: Uint8Array, pageSize: number): { pages: Map<number, Uint8Array>; pageCount: number } | undefined {
  const magic = u32(wal, 0);
  if (magic !== 0x377f0682 && magic !== 0x377f0683) return undefined;
  const bigEndian = magic === 0x377f0683;
  if (u32(wal, 8) !== pageSize) return undefined;
  const salt1 = u32(wal, 16);
  const salt2 = u32(wal, 20);
  let sums = walChecksum(wal, 0, 24, [0, 0], bigEndian);
  if (sums[0] !== u32(wal, 24) || sums[1] !== u32(wal, 28)) return undefined;
  const frameSize = 24 + pageSize;
  const pending = new Map<number, Uint8Array>();
  const pages = new Map<number, Uint8Array>();
  let pageCount: number | undefined;
  for (let at = 32; at + frameSize <= wal.length; at += frameSize) {
    if (u32(wal, at + 8) !== salt1 || u32(wal, at + 12) !== salt2) break;
    sums = walChecksum(wal, at, at + 8, sums, bigEndian);
    sums = walChecksum(wal, at + 24, at + frameSize, sums, bigEndian);
    if (sums[0] !== u32(wal, at + 16) || sums[1] !== u32(wal, at + 20)) break;
    pending.set(u32(wal, at), wal.subarray(at + 24, at + frameSize));
    const commitSize = u32(wal, at + 4);
    if (commitSize > 0) {
      for (const [n, page] of pending) pages.set(n, page);
      pending.clear();
      pageCount = commitSize;
    }
  }
  return pageCount === undefined ? undefined : { pages, pageCount };
}

/** The log's running checksum over `[start, end)`, read as 32-bit words in the log's byte order. */
function walChecksum(bytes: Uint8Array, start: number, end: number, [s0, s1]: readonly number[], bigEndian: boolean): [number, number] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let a = s0;
  let b = s1;
  for (let i = start; i < end; i += 8) {
    a = (a + view.getUint32(i, !bigEndian) + b) >>> 0;
    b = (b + view.getUint32(i + 4, !bigEndian) + a) >>> 0;
  }
  return [a, b];
}
