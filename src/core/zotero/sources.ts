import type { Passage, SourceDoc, SourceMeta } from '../model';
import type { IIndexStore } from '../ports';
import type { IWorkspace, SourceRef } from '../service';
import { fingerprint } from '../cache/indexCache';
import { loadSourceAsync, type LoadResult, type SourceFile } from '../sources/loadSource';
import { normalize } from '../text/normalize';
import { zoteroMessages } from '../../shared/strings';
import { isoDate, readZoteroLibrary, type ZoteroAnnotation, type ZoteroAttachment, type ZoteroItem } from './library';

/** The bytes of a Zotero database, read as one consistent copy. */
export interface ZoteroDatabaseBytes {
  readonly database: Uint8Array;
  readonly wal?: Uint8Array;
  readonly betterBibtex?: Uint8Array;
  /**
   * Zotero's base directory for linked files (its preference "Linked Attachment Base
   * Directory"), which files linked as `attachments:…` are relative to; absent when not set.
   */
  readonly baseAttachmentPath?: string;
}

/**
 * A Zotero data directory as the core sees it: the host reads files, only ever for reading.
 * Paths are relative to the data directory (`storage/KEY/name.pdf`) or absolute (linked files).
 */
export interface IZoteroDirectory {
  /**
   * Changes whenever what the library's items are read from may have changed: the database, its
   * write-ahead log, Better BibTeX's file (their sizes and times) and Zotero's base directory for
   * linked files. Cheap to ask.
   */
  databaseStamp(): Promise<string>;
  /** A consistent copy of `zotero.sqlite` with its `-wal` (and `better-bibtex.sqlite`); rejects with the reason when it cannot be read. */
  readDatabase(): Promise<ZoteroDatabaseBytes>;
  /**
   * Size and modification time of each file, undefined for one that is absent, looked at
   * together: a library has thousands of attachments, each a question to the disk.
   */
  stats(paths: readonly string[]): Promise<readonly ({ readonly size: number; readonly modified: number } | undefined)[]>;
  /** A file's bytes; rejects with the reason when it cannot be read. */
  read(path: string): Promise<Uint8Array>;
  /** The file's URI, the link the editor opens. */
  uri(path: string): string;
}

/** Where the items read from a database are kept for the next start, and the code that read them. */
export interface ZoteroSourcesOptions {
  /** Keeps the items of the database last read, with its stamp: a start that finds it unchanged reads it no more. */
  readonly store?: IIndexStore;
  /** Names the code: items kept by other code are read again (as `VerbatimInit.buildId`). */
  readonly buildId?: string;
}

/** The items kept in the store, and what they were read from. */
interface SavedItems {
  readonly format: number;
  readonly build: string;
  readonly library: string;
  readonly stamp: string;
  readonly items: readonly ZoteroItem[];
}

/** The layout of `SavedItems`; bump it when it or `ZoteroItem` changes shape. */
const savedItemsFormat = 1;

/** How a Zotero item is read: its metadata and the file its text comes from, in the bytes the service fingerprints. */
interface Envelope {
  readonly zotero: 1;
  readonly item?: { readonly key: string; readonly meta: SourceMeta; readonly file: string; readonly format: 'pdf' | 'html' | 'text'; readonly size: number; readonly modified: number; readonly annotations: readonly ZoteroAnnotation[]; readonly pages?: string };
  readonly problem?: { readonly code: string; readonly message: string };
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * A Zotero library as sources, read-only. It stands between the service and the workspace:
 * `workspace(base)` lists the workspace's files and the library's items, and `load` reads an
 * item's attachment (PDF, snapshot, or Zotero's text cache when the file is missing) with
 * Zotero's metadata and the user's highlights as passages. What the service fingerprints for
 * an item is its metadata, annotations and the file's size and time, so an unchanged library
 * is checked without reading an attachment.
 */
export class ZoteroSources {
  readonly #dir: IZoteroDirectory;
  #stamp: string | undefined;
  #items: readonly ZoteroItem[] = [];
  #problem: { code: string; message: string } | undefined;
  /** Envelopes of the items listed last, by URI. */
  #envelopes = new Map<string, Envelope>();

  readonly #options: ZoteroSourcesOptions;

  constructor(dir: IZoteroDirectory, options: ZoteroSourcesOptions = {}) {
    this.#dir = dir;
    this.#options = options;
  }

  /** The items read last (after `refresh`). */
  get items(): readonly ZoteroItem[] {
    return this.#items;
  }

  /** Why the library could not be read, if it could not. */
  get problem(): { readonly code: string; readonly message: string } | undefined {
    return this.#problem;
  }

  /** Reads the database again if it changed since it was last read. */
  async refresh(): Promise<void> {
    let stamp: string;
    try {
      stamp = await this.#dir.databaseStamp();
    } catch (error) {
      this.#fail('verbatim.zotero.unreadable', zoteroMessages.unreadable(reason(error)));
      this.#stamp = undefined;
      return;
    }
    if (stamp === this.#stamp) return;
    // At a start, the items kept from a database with the same stamp are the items it holds.
    const saved = this.#stamp === undefined && !this.#problem ? await this.#savedItems(stamp) : undefined;
    if (saved) {
      this.#stamp = stamp;
      this.#items = saved;
      return;
    }
    let bytes: ZoteroDatabaseBytes;
    try {
      bytes = await this.#dir.readDatabase();
    } catch (error) {
      this.#fail('verbatim.zotero.unreadable', zoteroMessages.unreadable(reason(error)));
      return;
    }
    this.#stamp = stamp;
    const result = readZoteroLibrary(bytes.database, bytes.wal, bytes.betterBibtex, bytes.baseAttachmentPath);
    if (result.ok) {
      this.#items = result.items;
      this.#problem = undefined;
      this.#saveItems(stamp, result.items);
    } else {
      this.#fail(result.code, zoteroMessages.libraryProblem(result.code, result.reason));
    }
  }

  /** The items kept for a database of this stamp, if the store holds them whole. */
  async #savedItems(stamp: string): Promise<readonly ZoteroItem[] | undefined> {
    const bytes = await this.#options.store?.load().catch(() => undefined);
    if (!bytes) return undefined;
    // The first line is the fingerprint of the rest: a damaged copy is not used.
    const text = decoder.decode(bytes);
    const newline = text.indexOf('\n');
    const body = text.slice(newline + 1);
    if (newline < 0 || text.slice(0, newline) !== fingerprint(encoder.encode(body))) return undefined;
    try {
      const saved = JSON.parse(body) as SavedItems;
      const current = saved.format === savedItemsFormat && saved.build === (this.#options.buildId ?? '') && saved.library === this.#dir.uri('zotero.sqlite') && saved.stamp === stamp;
      return current && Array.isArray(saved.items) ? saved.items : undefined;
    } catch {
      return undefined;
    }
  }

  /** Keeps the items read for the next start; a failure to keep them costs that start a read of the database, nothing more. */
  #saveItems(stamp: string, items: readonly ZoteroItem[]): void {
    const store = this.#options.store;
    if (!store) return;
    const saved: SavedItems = { format: savedItemsFormat, build: this.#options.buildId ?? '', library: this.#dir.uri('zotero.sqlite'), stamp, items };
    const body = JSON.stringify(saved);
    void store.save(encoder.encode(`${fingerprint(encoder.encode(body))}\n${body}`)).catch(() => undefined);
  }

  #fail(code: string, message: string): void {
    this.#items = [];
    this.#problem = { code, message };
  }

  /** The library's items as sources (one per item, from its best attachment), and the library's problem as one entry. */
  async refs(): Promise<SourceRef[]> {
    await this.refresh();
    const envelopes = new Map<string, Envelope>();
    if (this.#problem) envelopes.set(this.#dir.uri('zotero.sqlite'), { zotero: 1, problem: this.#problem });
    const refs: SourceRef[] = this.#problem ? [{ uri: this.#dir.uri('zotero.sqlite'), path: 'zotero.sqlite' }] : [];
    const readable = await this.#readable(this.#items);
    for (const [i, item] of this.#items.entries()) {
      const chosen = readable[i];
      if (!chosen) continue;
      const { attachment, file, format, stat } = chosen;
      const uri = this.#dir.uri(file);
      const name = file.split(/[\\/]/).pop() ?? file;
      const path = `zotero/${attachment.key}/${name}`;
      envelopes.set(uri, { zotero: 1, item: { key: item.key, meta: metaOf(item, attachment), file, format, size: stat.size, modified: stat.modified, annotations: attachment.annotations, ...(item.fields.pages ? { pages: item.fields.pages } : {}) } });
      refs.push({ uri, path });
    }
    this.#envelopes = envelopes;
    return refs.sort((a, b) => a.path.localeCompare(b.path));
  }

  /**
   * The attachment each item is read from: the one the user annotated, else a PDF, else a
   * snapshot, else any other file with Zotero's text cache; the file itself when present, else
   * that cache. The files are looked at in rounds, each item's first choice in the first, the
   * next choice of the items whose file was missing in the next, so that a library whose files
   * are all there is looked at once, one file per item.
   */
  async #readable(items: readonly ZoteroItem[]): Promise<(Readable | undefined)[]> {
    const choices = items.map(choicesOf);
    const chosen: (Readable | undefined)[] = new Array(items.length);
    const next = new Array<number>(items.length).fill(0);
    let waiting = choices.flatMap((c, i) => (c.length ? [i] : []));
    while (waiting.length > 0) {
      const stats = await this.#dir.stats(waiting.map((i) => choices[i][next[i]].file)).catch(() => [] as undefined[]);
      const left: number[] = [];
      for (const [k, i] of waiting.entries()) {
        const stat = stats[k];
        if (stat && stat.size > 0) chosen[i] = { ...choices[i][next[i]], stat };
        else if (++next[i] < choices[i].length) left.push(i);
      }
      waiting = left;
    }
    return chosen;
  }

  /** Whether a URI is one of the library's items (or its problem). */
  has(uri: string): boolean {
    return this.#envelopes.has(uri);
  }

  /** The workspace's sources and the library's, as one workspace. */
  workspace(base: IWorkspace): IWorkspace {
    return {
      findSources: async (patterns) => [...await base.findSources(patterns), ...await this.refs()],
      readFile: async (ref, maxBytes) => {
        const envelope = this.#envelopes.get(ref.uri);
        return envelope ? encoder.encode(JSON.stringify(envelope)) : base.readFile(ref, maxBytes);
      },
    };
  }

  /** Loads a source: a Zotero item from its attachment, anything else as `loadSourceAsync` does. Never throws. */
  readonly load = async (file: SourceFile, maxBytes: number): Promise<LoadResult> => {
    if (!this.#envelopes.has(file.uri)) return loadSourceAsync(file, maxBytes);
    const fail = (code: string, message: string): LoadResult => ({ ok: false, problem: { uri: file.uri, path: file.path, code, message, skipped: true } });
    let envelope: Envelope;
    try {
      envelope = JSON.parse(decoder.decode(file.bytes)) as Envelope;
    } catch {
      return fail('verbatim.zotero.unreadable', zoteroMessages.unreadable('the item could not be read'));
    }
    if (envelope.problem) return fail(envelope.problem.code, envelope.problem.message);
    const item = envelope.item;
    if (!item) return fail('verbatim.zotero.unreadable', zoteroMessages.unreadable('the item could not be read'));
    if (item.size > maxBytes) return fail('verbatim.source.tooLarge', zoteroMessages.tooLarge(item.meta.title ?? item.key, maxBytes));
    let bytes: Uint8Array;
    try {
      bytes = await this.#dir.read(item.file);
    } catch (error) {
      return fail('verbatim.source.unreadable', zoteroMessages.unreadable(reason(error)));
    }
    const loaded = await loadSourceAsync({ uri: file.uri, path: `${item.key}.${item.format === 'text' ? 'txt' : item.format}`, bytes }, maxBytes);
    if (!loaded.ok) return { ok: false, problem: { ...loaded.problem, path: file.path } };
    return { ok: true, source: asZoteroSource(loaded.source, file.path, item.meta, item.annotations, item.pages) };
  };
}

/** A file an item can be read from, in the format it is read as. */
interface Choice {
  readonly attachment: ZoteroAttachment;
  readonly file: string;
  readonly format: 'pdf' | 'html' | 'text';
}

/** A choice whose file is there, with its size and time. */
interface Readable extends Choice {
  readonly stat: { readonly size: number; readonly modified: number };
}

/** The files an item can be read from, best first (see `ZoteroSources.#readable`). */
function choicesOf(item: ZoteroItem): Choice[] {
  const rank = (a: ZoteroAttachment): number => (a.annotations.some(isQuotable) ? 0 : 3) + (a.contentType === 'application/pdf' ? 0 : a.contentType === 'text/html' ? 1 : 2);
  const choices: Choice[] = [];
  for (const attachment of [...item.attachments].sort((a, b) => rank(a) - rank(b))) {
    const format = attachment.contentType === 'application/pdf' ? 'pdf' : attachment.contentType === 'text/html' || attachment.contentType === 'application/xhtml+xml' ? 'html' : undefined;
    if (attachment.file && format) choices.push({ attachment, file: attachment.file, format });
    choices.push({ attachment, file: attachment.textCache, format: 'text' });
  }
  return choices;
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A highlight or underline with text: the kinds of annotation a writer quotes. */
function isQuotable(a: ZoteroAnnotation): boolean {
  return (a.type === 1 || a.type === 5) && a.text.trim() !== '';
}

/** Zotero's metadata as a source's: the key, title, authors ("Given Family; …"), date, publication, URL, language. */
export function metaOf(item: ZoteroItem, attachment: ZoteroAttachment): SourceMeta {
  const f = item.fields;
  const authors = item.creators.filter((c) => c.role === 'author');
  const names = (authors.length ? authors : item.creators).map((c) => (c.single || !c.firstName ? c.lastName : `${c.firstName} ${c.lastName}`)).filter(Boolean);
  const title = f.title || attachment.title;
  const date = isoDate(f.date);
  const accessed = isoDate(f.accessDate);
  const url = f.url && /^https?:\/\//i.test(f.url) ? f.url : undefined;
  return {
    key: item.citationKey,
    ...(title ? { title } : {}),
    ...(names.length ? { author: names.join('; ') } : {}),
    ...(f.publicationTitle ? { outlet: f.publicationTitle } : {}),
    ...(date ? { date } : {}),
    ...(url ? { url } : {}),
    ...(accessed ? { accessed } : {}),
    ...(f.language ? { language: f.language } : {}),
  };
}

/**
 * A loaded attachment as the item's source: Zotero's metadata in place of the file's, every
 * passage under the item's key, and the user's highlights as passages of their own kind, found
 * in the text (a highlight Zotero read with errors is matched by its first and last words) and
 * cited by the page number printed on the page.
 */
export function asZoteroSource(doc: SourceDoc, path: string, meta: SourceMeta, annotations: readonly ZoteroAnnotation[], pages?: string): SourceDoc {
  doc = withPrintedPages(doc, annotations, pages);
  const rekey = (p: Passage): Passage => ({ ...p, key: meta.key, id: meta.key + p.id.slice(p.id.indexOf('#')) });
  const highlights: Passage[] = [];
  const normalized = normalize(doc.text);
  for (const a of annotations) {
    if (!isQuotable(a)) continue;
    const span = locate(normalized, doc.text, a.text);
    if (!span) continue;
    // The page Zotero's reader showed: its label as printed, on the page counted from the first.
    const page = a.pageIndex !== undefined ? a.pageIndex + 1 : undefined;
    const pageLabel = a.pageLabel.trim() || (page !== undefined ? doc.blocks.find((b) => b.page === page)?.pageLabel : undefined);
    highlights.push({
      id: `${meta.key}#highlight-${a.key}`, key: meta.key, kind: 'highlight', text: doc.text.slice(span.start, span.end),
      start: span.start, end: span.end, speakerMention: null, paragraph: 0, sentence: span,
      ...(page !== undefined ? { page } : {}), ...(pageLabel ? { pageLabel } : {}), ...(a.comment.trim() ? { comment: a.comment.trim() } : {}),
    });
  }
  const language = meta.language ? { language: { tag: meta.language, detected: false } } : {};
  return { ...doc, path, meta, ...language, passages: [...highlights, ...doc.passages.map(rekey)] };
}

/**
 * A PDF whose pages show no numbering of their own, numbered as Zotero knows it: by the page
 * labels of the user's highlights (Zotero's reader reads them from the page), when they all
 * agree on one offset from the counted pages, else by the item's page range ("211-233") when it
 * spans exactly the PDF's pages. A PDF that numbers its own pages keeps its numbers.
 */
function withPrintedPages(doc: SourceDoc, annotations: readonly ZoteroAnnotation[], pages: string | undefined): SourceDoc {
  if (doc.pages === undefined || doc.blocks.some((b) => b.pageLabel !== undefined)) return doc;
  const offsets = new Set(annotations.filter((a) => a.pageIndex !== undefined && /^\d{1,6}$/.test(a.pageLabel.trim())).map((a) => Number(a.pageLabel.trim()) - (a.pageIndex! + 1)));
  let offset: number | undefined = offsets.size === 1 ? [...offsets][0] : undefined;
  const range = /^\s*(\d{1,6})\s*[-–—]\s*(\d{1,6})\s*$/.exec(pages ?? '');
  if (offset === undefined && offsets.size === 0 && range && Number(range[2]) - Number(range[1]) + 1 === doc.pages) offset = Number(range[1]) - 1;
  if (!offset) return doc;
  // Pages before the first numbered one (a cover) keep no printed number.
  const label = <T extends { readonly page?: number }>(x: T): T => (x.page && x.page + offset >= 1 ? { ...x, pageLabel: String(x.page + offset) } : x);
  return { ...doc, blocks: doc.blocks.map(label), passages: doc.passages.map(label) };
}

/** Shortest highlight matched by its ends alone: below it only the whole text is trusted. */
const endsWords = 4;

/**
 * Where a highlight's text stands in the source: the text itself under normalisation, else the
 * stretch from its first words to its last words (Zotero's text of a highlight may drop or
 * join letters, "tsoolve" for "to solve"), if that stretch is about as long as the highlight.
 */
function locate(normalized: { text: string; map: readonly number[] }, original: string, wanted: string): { start: number; end: number } | undefined {
  const needle = normalize(wanted).text;
  if (needle.length < 2) return undefined;
  const span = (from: number, to: number) => ({ start: normalized.map[from], end: normalized.map[to - 1] + 1 + (original.charCodeAt(normalized.map[to - 1]) >= 0xd800 && original.charCodeAt(normalized.map[to - 1]) <= 0xdbff ? 1 : 0) });
  const exact = normalized.text.indexOf(needle);
  if (exact >= 0) return span(exact, exact + needle.length);
  const words = needle.split(' ');
  if (words.length < endsWords * 2) return undefined;
  const head = words.slice(0, endsWords).join(' ');
  const tail = words.slice(-endsWords).join(' ');
  for (let from = normalized.text.indexOf(head); from >= 0; from = normalized.text.indexOf(head, from + 1)) {
    const to = normalized.text.indexOf(tail, from + head.length);
    if (to < 0) return undefined;
    const length = to + tail.length - from;
    if (length <= needle.length * 1.2 + 10 && length >= needle.length * 0.8 - 10) return span(from, to + tail.length);
  }
  return undefined;
}
