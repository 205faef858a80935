import type { Block, Passage, SourceDoc, SourceProblem, Span } from '../model';
import { OffsetMap, type OffsetMapData } from '../sources/htmlSource';
import { fileOffsetsOf, restoreFileOffsets } from '../sources/loadSource';
import type { PassageWords } from '../search/passageIndex';

/**
 * The layout of the index cache. Bump it whenever the layout changes or a stored field changes
 * its meaning; a cache of another version is rebuilt. Fields added to `SourceDoc`, `Block` or
 * `Passage` are stored without a bump, and changed extraction rules are caught by the host's
 * build id (`VerbatimInit.buildId`, a hash of the server's code).
 */
export const indexFormatVersion = 6;

/** "VBIX": marks a file as Verbatim's index cache. */
const magic = [0x56, 0x42, 0x49, 0x58];
/** Magic, format version, payload length, payload checksum, length of the payload's JSON: five 32-bit words. */
const headerBytes = 20;

/** One source as the cache remembers it: what its bytes were and what they gave. */
export interface CacheEntry {
  readonly uri: string;
  readonly path: string;
  /** `fingerprint(bytes)` of the bytes the source was read from. */
  readonly fingerprint: string;
  /** The indexed source, or the problem that made it skipped. */
  readonly result: { readonly doc: SourceDoc } | { readonly problem: SourceProblem };
  /** The source's passages as the search index read them, when it has them. */
  readonly words?: PassageWords;
}

/** Why a cache was not used. */
export type CacheRejection = 'missing' | 'damaged' | 'outdated';

export type DecodeResult =
  | { readonly ok: true; readonly entries: readonly CacheEntry[] }
  | { readonly ok: false; readonly reason: CacheRejection };

/**
 * Two independent 32-bit hashes of the bytes (FNV-1a and a multiply–xorshift) and their
 * length: 64 bits of hash, so a changed file keeps its fingerprint only by a rare accident.
 */
export function fingerprint(bytes: Uint8Array): string {
  const [a, b] = hash64(bytes);
  return `${bytes.length.toString(36)}-${a.toString(36)}-${b.toString(36)}`;
}

/**
 * The payload's checksum: FNV-1a's step over its 32-bit little-endian words (then its last
 * bytes), four times fewer steps than over bytes. Each step is one-to-one, so a changed word
 * always changes the sum.
 */
function checksum(bytes: Uint8Array): number {
  const prime = 0x01000193;
  let a = 0x811c9dc5;
  const words = bytes.length >>> 2;
  if (bytes.byteOffset % 4 === 0 && littleEndian) {
    const view = new Int32Array(bytes.buffer, bytes.byteOffset, words);
    for (let i = 0; i < words; i++) a = Math.imul(a ^ view[i], prime);
  } else {
    for (let i = 0; i < words; i++) {
      const k = i * 4;
      a = Math.imul(a ^ (bytes[k] | (bytes[k + 1] << 8) | (bytes[k + 2] << 16) | (bytes[k + 3] << 24)), prime);
    }
  }
  for (let i = words * 4; i < bytes.length; i++) a = Math.imul(a ^ bytes[i], prime);
  return a >>> 0;
}

const littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

function hash64(bytes: Uint8Array): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < bytes.length; i++) {
    const x = bytes[i];
    a = Math.imul(a ^ x, 0x01000193);
    b = Math.imul(b ^ x, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return [a >>> 0, b >>> 0];
}

/**
 * A block or passage as stored: the index of its shape (the names of its fields, in
 * `Payload.shapes`) and the values of those fields. A passage's text and key are left out where
 * they follow from the source. Rows instead of objects make the cache smaller and quicker to
 * parse, and a field added to `Block` or `Passage` is kept without a change here.
 */
type StoredRow = readonly unknown[];

interface StoredDoc {
  /** Every field of the source but its uri, path, blocks and passages (so new fields are kept too). */
  readonly fields: Omit<SourceDoc, 'uri' | 'path' | 'blocks' | 'passages'>;
  readonly blocks: readonly StoredRow[];
  readonly passages: readonly StoredRow[];
  readonly offsets?: OffsetMapData;
  /** Where the passages' word lists lie among the payload's 32-bit words: [start, length]. */
  readonly words?: readonly [number, number];
}

interface StoredEntry {
  readonly uri: string;
  readonly path: string;
  readonly fingerprint: string;
  readonly doc?: StoredDoc;
  readonly problem?: SourceProblem;
}

interface Payload {
  /** The build and extraction settings the entries were made with. */
  readonly stamp: string;
  /** The field names of each shape of stored passage. */
  readonly shapes: readonly (readonly string[])[];
  /** The words the stored word lists number. */
  readonly vocabulary: readonly string[];
  readonly entries: readonly StoredEntry[];
}

/**
 * The cache as bytes: a header (magic, format version, payload length and checksum, length of
 * the payload's JSON), then the payload: the entries as UTF-8 JSON, and after it (from the next
 * multiple of four) the passages' word lists as little-endian 32-bit integers. `stamp` names the
 * code and the settings that made the entries.
 */
export function encodeIndex(stamp: string, entries: readonly CacheEntry[]): Uint8Array {
  const shapes = new Map<string, number>();
  const shapeOf = (fields: readonly string[]): number => {
    const name = fields.join(',');
    let shape = shapes.get(name);
    if (shape === undefined) shapes.set(name, shape = shapes.size);
    return shape;
  };
  // The word lists, renumbered over the words they use (the index's vocabulary also holds words
  // of sources gone).
  const vocabulary: string[] = [];
  let numbering: { words: readonly string[]; ids: Int32Array } | undefined;
  const lists: Int32Array[] = [];
  let listed = 0;
  const storeWords = (words: PassageWords): [number, number] => {
    if (numbering?.words !== words.vocabulary) numbering = { words: words.vocabulary, ids: new Int32Array(words.vocabulary.length).fill(-1) };
    const { ids } = numbering;
    const out = new Int32Array(words.lists.length);
    for (let at = 0; at < out.length;) {
      const count = out[at] = words.lists[at];
      at++;
      for (const end = at + count; at < end; at++) {
        const id = words.lists[at];
        if (ids[id] < 0) {
          ids[id] = vocabulary.length;
          vocabulary.push(words.vocabulary[id]);
        }
        out[at] = ids[id];
      }
    }
    lists.push(out);
    listed += out.length;
    return [listed - out.length, out.length];
  };
  const stored = entries.map((entry) => storeEntry(entry, shapeOf, storeWords));
  const payload: Payload = { stamp, shapes: [...shapes.keys()].map((name) => name.split(',')), vocabulary, entries: stored };
  const json = new TextEncoder().encode(JSON.stringify(payload));
  const wordsAt = headerBytes + align4(json.length);
  const out = new Uint8Array(wordsAt + listed * 4);
  out.set(magic, 0);
  out.set(json, headerBytes);
  const view = new DataView(out.buffer);
  let at = wordsAt;
  for (const list of lists) for (let i = 0; i < list.length; i++, at += 4) view.setInt32(at, list[i], true);
  view.setUint32(4, indexFormatVersion);
  view.setUint32(8, out.length - headerBytes);
  view.setUint32(12, checksum(out.subarray(headerBytes)));
  view.setUint32(16, json.length);
  return out;
}

function align4(n: number): number {
  return (n + 3) & ~3;
}

/**
 * The entries of a cache, or why it cannot be used: absent, cut short, corrupted, of another
 * format, or made by other code or settings than `stamp` says. Never throws.
 */
export function decodeIndex(bytes: Uint8Array | undefined, stamp: string): DecodeResult {
  if (!bytes || bytes.length === 0) return { ok: false, reason: 'missing' };
  if (bytes.length < headerBytes || magic.some((m, i) => bytes[i] !== m)) return { ok: false, reason: 'damaged' };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(4) !== indexFormatVersion) return { ok: false, reason: 'outdated' };
  if (view.getUint32(8) !== bytes.length - headerBytes) return { ok: false, reason: 'damaged' };
  const body = bytes.subarray(headerBytes);
  if (view.getUint32(12) !== checksum(body)) return { ok: false, reason: 'damaged' };
  const jsonLength = view.getUint32(16);
  if (jsonLength > body.length || (body.length - align4(jsonLength)) % 4 !== 0) return { ok: false, reason: 'damaged' };
  let payload: Payload;
  try {
    // The checksum has vouched for the bytes; strict decoding would only cost time.
    payload = JSON.parse(new TextDecoder().decode(body.subarray(0, jsonLength))) as Payload;
  } catch {
    return { ok: false, reason: 'damaged' };
  }
  if (typeof payload !== 'object' || payload === null || !Array.isArray(payload.entries) || !Array.isArray(payload.shapes) || !Array.isArray(payload.vocabulary)) return { ok: false, reason: 'damaged' };
  if (payload.stamp !== stamp) return { ok: false, reason: 'outdated' };
  const words = int32s(bytes, headerBytes + align4(jsonLength));
  try {
    return { ok: true, entries: payload.entries.map((entry) => restoreEntry(entry, payload.shapes, payload.vocabulary, words)) };
  } catch {
    return { ok: false, reason: 'damaged' };
  }
}

/** The little-endian 32-bit integers of `bytes` from `from` on, without a copy where the platform and alignment allow. */
function int32s(bytes: Uint8Array, from: number): Int32Array {
  const count = (bytes.length - from) >> 2;
  if (littleEndian && (bytes.byteOffset + from) % 4 === 0) return new Int32Array(bytes.buffer, bytes.byteOffset + from, count);
  const view = new DataView(bytes.buffer, bytes.byteOffset + from, count * 4);
  return Int32Array.from({ length: count }, (_, i) => view.getInt32(i * 4, true));
}

function storeEntry(entry: CacheEntry, shapeOf: (fields: readonly string[]) => number, storeWords: (words: PassageWords) => [number, number]): StoredEntry {
  const base = { uri: entry.uri, path: entry.path, fingerprint: entry.fingerprint };
  if ('problem' in entry.result) return { ...base, problem: entry.result.problem };
  const { blocks, passages } = entry.result.doc;
  const fields: Record<string, unknown> & StoredDoc['fields'] = { ...entry.result.doc };
  for (const field of ['uri', 'path', 'blocks', 'passages']) delete fields[field];
  const row = (object: object, fields: readonly string[]): StoredRow =>
    [shapeOf(fields), ...fields.map((field) => (object as Record<string, unknown>)[field])];
  // What the source already says is left out: the text, the key, the key before an id's "#",
  // and a sentence that is the passage itself; spans are stored as [start, end].
  const key = fields.meta.key;
  const storedPassages = passages.map((p) => {
    const compact: Record<string, unknown> = { ...p };
    if (p.text === fields.text.slice(p.start, p.end)) delete compact.text;
    if (p.key === key) delete compact.key;
    if (p.id.startsWith(`${key}#`)) compact.id = p.id.slice(key.length);
    if (p.sentence.start === p.start && p.sentence.end === p.end) delete compact.sentence;
    else compact.sentence = [p.sentence.start, p.sentence.end];
    if (p.speakerMention) compact.speakerMention = [p.speakerMention.start, p.speakerMention.end];
    return row(compact, Object.keys(compact));
  });
  const offsets = fileOffsetsOf(entry.result.doc)?.toData();
  const words = entry.words ? { words: storeWords(entry.words) } : {};
  return { ...base, doc: { fields, blocks: blocks.map((b) => row(b, Object.keys(b))), passages: storedPassages, ...(offsets ? { offsets } : {}), ...words } };
}

/** An object from a stored row; throws on a row of no known shape. */
function fromRow(row: StoredRow, shapes: readonly (readonly string[])[]): Record<string, unknown> {
  const fields = shapes[row[0] as number];
  if (!fields) throw new Error('bad row');
  const object: Record<string, unknown> = {};
  for (let i = 0; i < fields.length; i++) object[fields[i]] = row[i + 1];
  return object;
}

/** Throws on an entry of the wrong shape, so that a cache that passed its checksum yet is not ours is still refused. */
function restoreEntry(stored: StoredEntry, shapes: readonly (readonly string[])[], vocabulary: readonly string[], words: Int32Array): CacheEntry {
  if (typeof stored.uri !== 'string' || typeof stored.path !== 'string' || typeof stored.fingerprint !== 'string') throw new Error('bad entry');
  const base = { uri: stored.uri, path: stored.path, fingerprint: stored.fingerprint };
  if (stored.problem) {
    if (typeof stored.problem.code !== 'string' || typeof stored.problem.message !== 'string') throw new Error('bad problem');
    return { ...base, result: { problem: { ...stored.problem, uri: stored.uri, path: stored.path } } };
  }
  const s = stored.doc;
  if (!s || typeof s.fields?.text !== 'string' || typeof s.fields.meta?.key !== 'string' || !Array.isArray(s.blocks) || !Array.isArray(s.passages)) throw new Error('bad source');
  const { text, meta: { key } } = s.fields;
  const blocks = s.blocks.map((row) => fromRow(row, shapes) as unknown as Block);
  const span = (value: unknown): Span => {
    if (!Array.isArray(value) || typeof value[0] !== 'number' || typeof value[1] !== 'number') throw new Error('bad span');
    return { start: value[0], end: value[1] };
  };
  const passages = s.passages.map((row): Passage => {
    const p = fromRow(row, shapes);
    p.key ??= key;
    p.text ??= text.slice(p.start as number, p.end as number);
    if (typeof p.id === 'string' && p.id.startsWith('#')) p.id = key + p.id;
    p.sentence = p.sentence === undefined ? { start: p.start, end: p.end } : span(p.sentence);
    p.speakerMention = p.speakerMention === null || p.speakerMention === undefined ? null : span(p.speakerMention);
    return p as unknown as Passage;
  });
  const doc: SourceDoc = { uri: stored.uri, path: stored.path, ...s.fields, blocks, passages };
  if (s.offsets) restoreFileOffsets(doc, new OffsetMap('', s.offsets));
  // Lists that do not lie within the payload are dropped: the index then reads the texts.
  const [start, length] = Array.isArray(s.words) ? s.words : [-1, 0];
  const lists = Number.isInteger(start) && Number.isInteger(length) && start >= 0 && length >= 0 && start + length <= words.length ? words.subarray(start, start + length) : undefined;
  return { ...base, result: { doc }, ...(lists ? { words: { vocabulary, lists } } : {}) };
}
