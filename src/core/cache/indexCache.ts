import type { Block, Passage, SourceDoc, SourceProblem, Span } from '../model';
import { OffsetMap, type OffsetMapData } from '../sources/htmlSource';
import { fileOffsetsOf, restoreFileOffsets } from '../sources/loadSource';
import type { PassageWords } from '../search/passageIndex';
import { passageTag } from '../search/passages';

/**
 * The layout of the index cache. Bump it whenever the layout changes or a stored field changes
 * its meaning; a cache of another version is rebuilt. Fields added to `SourceDoc`, `Block` or
 * `Passage` are stored without a bump, and changed extraction rules are caught by the host's
 * build id (`VerbatimInit.buildId`, a hash of the server's code).
 */
export const indexFormatVersion = 7;

/** "VBIX": marks a file as Verbatim's index cache. */
const magic = [0x56, 0x42, 0x49, 0x58];
/** Magic, format version, payload length, payload checksum, lengths of the directory's JSON and of the blob: six 32-bit words. */
const headerBytes = 24;
/** The checksum covers the lengths in the header and the payload. */
const checked = 16;

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
 * bytes), in four lanes taking every fourth word, which a processor runs side by side (one lane
 * waits on each multiplication in turn), then the lanes mixed. Each step is one-to-one, so a
 * changed word always changes its lane, and the mix keeps every lane's change.
 */
function checksum(bytes: Uint8Array): number {
  const prime = 0x01000193;
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  let c = 0x2b5e9c3d;
  let d = 0x7a1d4e6b;
  const words = bytes.length >>> 2;
  const whole = words & ~3;
  const view = bytes.byteOffset % 4 === 0 && littleEndian ? new Int32Array(bytes.buffer, bytes.byteOffset, words) : undefined;
  const word = (i: number): number => {
    const k = i * 4;
    return bytes[k] | (bytes[k + 1] << 8) | (bytes[k + 2] << 16) | (bytes[k + 3] << 24);
  };
  if (view) {
    for (let i = 0; i < whole; i += 4) {
      a = Math.imul(a ^ view[i], prime);
      b = Math.imul(b ^ view[i + 1], prime);
      c = Math.imul(c ^ view[i + 2], prime);
      d = Math.imul(d ^ view[i + 3], prime);
    }
  } else {
    for (let i = 0; i < whole; i += 4) {
      a = Math.imul(a ^ word(i), prime);
      b = Math.imul(b ^ word(i + 1), prime);
      c = Math.imul(c ^ word(i + 2), prime);
      d = Math.imul(d ^ word(i + 3), prime);
    }
  }
  for (let i = whole; i < words; i++) a = Math.imul(a ^ word(i), prime);
  for (let i = words * 4; i < bytes.length; i++) a = Math.imul(a ^ bytes[i], prime);
  // Each lane enters one-to-one: a change in one lane alone changes the sum.
  for (const lane of [b, c, d]) a = Math.imul(a ^ lane, prime);
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
 * `Directory.shapes`) and the values of those fields. A passage's text and key are left out where
 * they follow from the source. Rows instead of objects make the cache smaller and quicker to
 * parse, and a field added to `Block` or `Passage` is kept without a change here.
 */
type StoredRow = readonly unknown[];

/** A source's blocks and passages as stored: JSON of their own, parsed when they are first asked for. */
interface StoredBody {
  readonly blocks: readonly StoredRow[];
  readonly passages: readonly StoredRow[];
}

/** Where something lies: [start, length], in bytes of the blob or in 32-bit words of the lists. */
type Extent = readonly [number, number];

interface StoredDoc {
  /** Every field of the source but its uri and path (so new fields are kept too); its text, blocks and passages null. */
  readonly fields: Omit<SourceDoc, 'uri' | 'path' | 'text' | 'blocks' | 'passages'> & { readonly text: null; readonly blocks: null; readonly passages: null };
  /** The text's UTF-8 bytes in the blob. */
  readonly text: Extent;
  /** The JSON of its `StoredBody` in the blob. */
  readonly body: Extent;
  readonly offsets?: OffsetMapData;
  /** The passages' word lists among the 32-bit words, and their tags (`passageTag`), one per passage. */
  readonly words?: Extent;
  readonly tags?: Extent;
}

interface StoredEntry {
  readonly uri: string;
  readonly path: string;
  readonly fingerprint: string;
  readonly doc?: StoredDoc;
  readonly problem?: SourceProblem;
}

/** What is parsed at once: every entry but the texts, blocks and passages of its source. */
interface Directory {
  /** The build and extraction settings the entries were made with. */
  readonly stamp: string;
  /** The field names of each shape of stored passage. */
  readonly shapes: readonly (readonly string[])[];
  /** The words the stored word lists number. */
  readonly vocabulary: readonly string[];
  /** The speakers the stored tags number. */
  readonly speakers: readonly string[];
  readonly entries: readonly StoredEntry[];
}

const utf8 = new TextEncoder();
// The checksum has vouched for the bytes; strict decoding would only cost time.
const fromUtf8 = new TextDecoder();

/**
 * The cache as bytes: a header (magic, format version, payload length and checksum, lengths of
 * the directory's JSON and of the blob), then the payload: the directory as UTF-8 JSON, the
 * blob (each source's text and the JSON of its blocks and passages, in UTF-8), and after it
 * (from the next multiple of four) the passages' word lists and tags as little-endian 32-bit
 * integers. `stamp` names the code and the settings that made the entries. A reopened index
 * parses the directory only: each source's text, blocks and passages are read from the blob
 * when they are first asked for, and the search index is built from the lists and tags.
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
  const speakers = new Map<string, number>();
  const lists = new Runs<Int32Array>();
  const storeInts = (out: Int32Array): Extent => lists.add(out);
  const storeWords = (words: PassageWords, passages: readonly Passage[]): { words: Extent; tags: Extent } => {
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
    // Tags from the passages themselves, so that they always number the passages the source has.
    const tags = new Int32Array(passages.length);
    for (let i = 0; i < passages.length; i++) {
      const name = passages[i].speaker;
      let speaker = -1;
      if (name) {
        speaker = speakers.get(name) ?? speakers.size;
        if (speaker === speakers.size) speakers.set(name, speaker);
      }
      tags[i] = passageTag(passages[i].kind, speaker);
    }
    return { words: storeInts(out), tags: storeInts(tags) };
  };
  const blob = new Runs<Uint8Array>();
  const storeBytes = (bytes: Uint8Array): Extent => blob.add(bytes);
  const stored = entries.map((entry) => storeEntry(entry, shapeOf, storeWords, storeBytes));
  const blobLength = blob.length;
  const directory: Directory = { stamp, shapes: [...shapes.keys()].map((name) => name.split(',')), vocabulary, speakers: [...speakers.keys()], entries: stored };
  const json = utf8.encode(JSON.stringify(directory));
  const blobAt = headerBytes + json.length;
  const intsAt = align4(blobAt + blobLength);
  const out = new Uint8Array(intsAt + lists.length * 4);
  out.set(magic, 0);
  out.set(json, headerBytes);
  let at = blobAt;
  for (const bytes of blob.parts) {
    out.set(bytes, at);
    at += bytes.length;
  }
  const view = new DataView(out.buffer);
  at = intsAt;
  for (const list of lists.parts) for (let i = 0; i < list.length; i++, at += 4) view.setInt32(at, list[i], true);
  view.setUint32(4, indexFormatVersion);
  view.setUint32(8, out.length - headerBytes);
  view.setUint32(16, json.length);
  view.setUint32(20, blobLength);
  view.setUint32(12, checksum(out.subarray(checked)));
  return out;
}

/** Arrays laid end to end: each added one's place as [start, length], in its own units. */
class Runs<T extends { readonly length: number }> {
  readonly parts: T[] = [];
  length = 0;
  add(part: T): Extent {
    this.parts.push(part);
    this.length += part.length;
    return [this.length - part.length, part.length];
  }
}

function align4(n: number): number {
  return (n + 3) & ~3;
}

/**
 * The entries of a cache, or why it cannot be used: absent, cut short, corrupted, of another
 * format, or made by other code or settings than `stamp` says. Never throws. A source's text,
 * blocks and passages are read from `bytes` when first asked for (the checksum has vouched for
 * them), so `bytes` must not change afterwards.
 */
export function decodeIndex(bytes: Uint8Array | undefined, stamp: string): DecodeResult {
  if (!bytes || bytes.length === 0) return { ok: false, reason: 'missing' };
  if (bytes.length < headerBytes || magic.some((m, i) => bytes[i] !== m)) return { ok: false, reason: 'damaged' };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(4) !== indexFormatVersion) return { ok: false, reason: 'outdated' };
  if (view.getUint32(8) !== bytes.length - headerBytes) return { ok: false, reason: 'damaged' };
  if (view.getUint32(12) !== checksum(bytes.subarray(checked))) return { ok: false, reason: 'damaged' };
  const jsonLength = view.getUint32(16);
  const blobLength = view.getUint32(20);
  const blobAt = headerBytes + jsonLength;
  const intsAt = align4(blobAt + blobLength);
  if (intsAt > bytes.length || (bytes.length - intsAt) % 4 !== 0) return { ok: false, reason: 'damaged' };
  let directory: Directory;
  try {
    directory = JSON.parse(fromUtf8.decode(bytes.subarray(headerBytes, blobAt))) as Directory;
  } catch {
    return { ok: false, reason: 'damaged' };
  }
  if (typeof directory !== 'object' || directory === null || !Array.isArray(directory.entries) || !Array.isArray(directory.shapes) || !Array.isArray(directory.vocabulary) || !Array.isArray(directory.speakers)) return { ok: false, reason: 'damaged' };
  if (directory.stamp !== stamp) return { ok: false, reason: 'outdated' };
  const stored: Stored = { directory, blob: bytes.subarray(blobAt, blobAt + blobLength), ints: int32s(bytes, intsAt) };
  try {
    return { ok: true, entries: directory.entries.map((entry) => restoreEntry(entry, stored)) };
  } catch {
    return { ok: false, reason: 'damaged' };
  }
}

/** The parts of a cache its entries are restored from. */
interface Stored {
  readonly directory: Directory;
  readonly blob: Uint8Array;
  readonly ints: Int32Array;
}

/** The little-endian 32-bit integers of `bytes` from `from` on, without a copy where the platform and alignment allow. */
function int32s(bytes: Uint8Array, from: number): Int32Array {
  const count = (bytes.length - from) >> 2;
  if (littleEndian && (bytes.byteOffset + from) % 4 === 0) return new Int32Array(bytes.buffer, bytes.byteOffset + from, count);
  const view = new DataView(bytes.buffer, bytes.byteOffset + from, count * 4);
  return Int32Array.from({ length: count }, (_, i) => view.getInt32(i * 4, true));
}

function storeEntry(
  entry: CacheEntry,
  shapeOf: (fields: readonly string[]) => number,
  storeWords: (words: PassageWords, passages: readonly Passage[]) => { words: Extent; tags: Extent },
  storeBytes: (bytes: Uint8Array) => Extent,
): StoredEntry {
  const base = { uri: entry.uri, path: entry.path, fingerprint: entry.fingerprint };
  if ('problem' in entry.result) return { ...base, problem: entry.result.problem };
  const { text, blocks, passages } = entry.result.doc;
  // Text, blocks and passages kept in their place as nulls, so that the restored source lists
  // its fields in their order.
  const fields = { ...entry.result.doc, text: null, blocks: null, passages: null } as Record<string, unknown> & StoredDoc['fields'];
  delete fields.uri;
  delete fields.path;
  const row = (object: object, fields: readonly string[]): StoredRow =>
    [shapeOf(fields), ...fields.map((field) => (object as Record<string, unknown>)[field])];
  // What the source already says is left out: the text, the key, the key before an id's "#",
  // and a sentence that is the passage itself; spans are stored as [start, end].
  const key = fields.meta.key;
  const storedPassages = passages.map((p) => {
    const compact: Record<string, unknown> = { ...p };
    if (p.text === text.slice(p.start, p.end)) delete compact.text;
    if (p.key === key) delete compact.key;
    if (p.id.startsWith(`${key}#`)) compact.id = p.id.slice(key.length);
    if (p.sentence.start === p.start && p.sentence.end === p.end) delete compact.sentence;
    else compact.sentence = [p.sentence.start, p.sentence.end];
    if (p.speakerMention) compact.speakerMention = [p.speakerMention.start, p.speakerMention.end];
    return row(compact, Object.keys(compact));
  });
  const body: StoredBody = { blocks: blocks.map((b) => row(b, Object.keys(b))), passages: storedPassages };
  const offsets = fileOffsetsOf(entry.result.doc)?.toData();
  const words = entry.words ? storeWords(entry.words, passages) : {};
  const doc: StoredDoc = { fields, text: storeBytes(utf8.encode(text)), body: storeBytes(utf8.encode(JSON.stringify(body))), ...(offsets ? { offsets } : {}), ...words };
  return { ...base, doc };
}

/** An object from a stored row; throws on a row of no known shape. */
function fromRow(row: StoredRow, shapes: readonly (readonly string[])[]): Record<string, unknown> {
  const fields = Array.isArray(row) ? shapes[row[0] as number] : undefined;
  if (!fields) throw new Error('bad row');
  const object: Record<string, unknown> = {};
  for (let i = 0; i < fields.length; i++) object[fields[i]] = row[i + 1];
  return object;
}

/** True when `extent` lies within `length`. */
function within(extent: unknown, length: number): extent is Extent {
  if (!Array.isArray(extent)) return false;
  const [start, size] = extent as unknown[];
  return Number.isInteger(start) && Number.isInteger(size) && (start as number) >= 0 && (size as number) >= 0 && (start as number) + (size as number) <= length;
}

/**
 * Throws on an entry of the wrong shape, so that a cache that passed its checksum yet is not
 * ours is still refused. The source's text, blocks and passages are read on first use.
 */
function restoreEntry(stored: StoredEntry, from: Stored): CacheEntry {
  if (typeof stored.uri !== 'string' || typeof stored.path !== 'string' || typeof stored.fingerprint !== 'string') throw new Error('bad entry');
  const base = { uri: stored.uri, path: stored.path, fingerprint: stored.fingerprint };
  if (stored.problem) {
    if (typeof stored.problem.code !== 'string' || typeof stored.problem.message !== 'string') throw new Error('bad problem');
    return { ...base, result: { problem: { ...stored.problem, uri: stored.uri, path: stored.path } } };
  }
  const s = stored.doc;
  if (!s || typeof s.fields?.meta?.key !== 'string' || !within(s.text, from.blob.length) || !within(s.body, from.blob.length)) throw new Error('bad source');
  const { blob, directory: { shapes, vocabulary, speakers } } = from;
  const parts: RestoredParts = { textBytes: blob.subarray(s.text[0], s.text[0] + s.text[1]), bodyBytes: blob.subarray(s.body[0], s.body[0] + s.body[1]), key: s.fields.meta.key, shapes };
  // Built field by field in the stored order, each lazy field defined where its null stands:
  // sources of the same fields then share one hidden class (a field turned from data into a
  // getter afterwards would give each its own).
  const doc: Record<string | symbol, unknown> = { uri: stored.uri, path: stored.path };
  Object.defineProperty(doc, restored, { value: parts });
  const fields = s.fields as unknown as Record<string, unknown>;
  for (const name of lazyFields.keys()) if (fields[name] !== null) throw new Error('bad source');
  for (const name in fields) {
    const get = lazyFields.get(name);
    if (get) Object.defineProperty(doc, name, { get, enumerable: true, configurable: true });
    else doc[name] = fields[name];
  }
  if (s.offsets) restoreFileOffsets(doc as unknown as SourceDoc, new OffsetMap('', s.offsets));
  // Lists that do not lie within the payload are dropped: the index then reads the passages.
  const lists = within(s.words, from.ints.length) ? from.ints.subarray(s.words[0], s.words[0] + s.words[1]) : undefined;
  const tags = within(s.tags, from.ints.length) ? from.ints.subarray(s.tags[0], s.tags[0] + s.tags[1]) : undefined;
  return { ...base, result: { doc: doc as unknown as SourceDoc }, ...(lists ? { words: { vocabulary, lists, ...(tags ? { tags, speakers } : {}) } } : {}) };
}

/** What a restored source reads its text, blocks and passages from, when first asked for. */
interface RestoredParts {
  /** Dropped once read, so that the cache's bytes are freed once every source has read its own. */
  textBytes?: Uint8Array;
  bodyBytes?: Uint8Array;
  readonly key: string;
  readonly shapes: readonly (readonly string[])[];
  text?: string;
  body?: { readonly blocks: Block[]; readonly passages: Passage[] };
}

/** Where a restored source keeps its `RestoredParts` (a property no one enumerates). */
const restored = Symbol('restored');

function partsOf(doc: object): RestoredParts {
  return (doc as Record<symbol, RestoredParts>)[restored];
}

function restoredText(this: object): string {
  const parts = partsOf(this);
  if (parts.text === undefined) {
    parts.text = fromUtf8.decode(parts.textBytes);
    parts.textBytes = undefined;
  }
  return parts.text;
}

function restoredBody(this: object): { readonly blocks: Block[]; readonly passages: Passage[] } {
  const parts = partsOf(this);
  if (!parts.body) {
    parts.body = restoreBody(JSON.parse(fromUtf8.decode(parts.bodyBytes)) as StoredBody, restoredText.call(this), parts.key, parts.shapes);
    parts.bodyBytes = undefined;
  }
  return parts.body;
}

/**
 * A restored source's text, blocks and passages: own enumerable properties (spreading and
 * comparing read them as any other), each read when first asked for and kept. The same getters
 * for every source, so that restored sources share their hidden classes.
 */
const lazyFields: ReadonlyMap<string, (this: object) => unknown> = new Map<string, (this: object) => unknown>([
  ['text', restoredText],
  ['blocks', function blocks(this: object) { return restoredBody.call(this).blocks; }],
  ['passages', function passages(this: object) { return restoredBody.call(this).passages; }],
]);

/** A source's blocks and passages from their stored rows. Throws on rows of the wrong shape, which the checksum makes as good as impossible. */
function restoreBody(s: StoredBody, text: string, key: string, shapes: readonly (readonly string[])[]): { blocks: Block[]; passages: Passage[] } {
  if (!Array.isArray(s?.blocks) || !Array.isArray(s.passages)) throw new Error('bad source');
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
  return { blocks, passages };
}
