import type { Block, SourceDoc, SourceMeta, SourceProblem } from '../model';
import { messages, pdfMessages, toolchainMessages } from '../../shared/strings';
import { sourceProblemCodes } from '../../shared/diagnosticCodes';
import { readFrontMatter } from './frontMatter';
import { readBlocks } from '../text/paragraphs';
import { extractPassages } from '../extraction/extractPassages';
import { detectLanguage } from '../text/language';
import { trimWhere } from '../text/trim';
import { readHtmlSource, type FilePosition, type HtmlReader, type OffsetMap } from './htmlSource';
import { readPdf } from './pdfSource';
import { isMostlyUnknownGlyphs, pageAt, rowBlocks, withTables } from './pdfText';

/** Where a source's bytes came from. */
export interface SourceFile {
  readonly uri: string;
  /** Path shown to people. */
  readonly path: string;
  readonly bytes: Uint8Array;
}

export type LoadResult =
  | { readonly ok: true; readonly source: SourceDoc }
  | { readonly ok: false; readonly problem: SourceProblem };

/** How sources are read, where there is a choice. */
export interface LoadOptions {
  /** Which reader chooses a saved page's article (Readability unless said otherwise; the other is kept for comparison). */
  readonly htmlReader?: HtmlReader;
}

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * Turns a file's bytes into an indexed source, or into a problem that says why it was skipped.
 * Never throws for bad input: a broken source must not stop the others.
 */
export function loadSource(file: SourceFile, maxBytes: number, options: LoadOptions = {}): LoadResult {
  try {
    return readSource(file, maxBytes, options);
  } catch (error) {
    // A reader's own failure on input no rule foresaw is this source's problem, not the index's.
    return { ok: false, problem: { uri: file.uri, path: file.path, code: sourceProblemCodes.unreadable, message: messages.sourceUnreadable(error instanceof Error ? error.message : String(error)), skipped: true } };
  }
}

function readSource(file: SourceFile, maxBytes: number, options: LoadOptions): LoadResult {
  const fail = (code: string, message: string): LoadResult =>
    ({ ok: false, problem: { uri: file.uri, path: file.path, code, message, skipped: true } });
  if (file.bytes.length === 0) return fail('verbatim.source.empty', messages.sourceEmpty);
  if (file.bytes.length > maxBytes) {
    return fail('verbatim.source.tooLarge', messages.sourceTooLarge(maxBytes));
  }
  // A NUL byte never occurs in text a writer would cite; it marks a binary file.
  if (file.bytes.includes(0)) return fail('verbatim.source.binary', messages.sourceBinary);
  const html = isHtmlPath(file.path);
  let text: string;
  try {
    text = html ? decodeHtml(file.bytes) : decoder.decode(file.bytes);
  } catch {
    return fail('verbatim.source.encoding', messages.sourceNotUtf8);
  }
  if (text.trim() === '') return fail('verbatim.source.empty', messages.sourceEmpty);
  if (html) return loadHtml(file, text, fail, options.htmlReader);
  const front = readFrontMatter(text);
  if (!front.ok) return fail('verbatim.source.frontMatter', front.reason);
  const meta: SourceMeta = { ...front.fields, key: front.fields.key ?? keyFromPath(file.path) };
  const language = languageOf(meta, text, front.bodyStart);
  const blocks = readBlocks(text, front.bodyStart);
  const passages = extractPassages(text, blocks, meta.key, language?.tag);
  return { ok: true, source: { uri: file.uri, path: file.path, meta, text, bodyStart: front.bodyStart, blocks, passages, ...(language ? { language } : {}) } };
}

/** The language the source declares, else the one its letters show (see `text/language.ts`). */
function languageOf(meta: SourceMeta, text: string, bodyStart: number): SourceDoc['language'] {
  if (meta.language) return { tag: meta.language, detected: false };
  const detected = detectLanguage(text, bodyStart);
  return detected ? { tag: detected, detected: true } : undefined;
}

/**
 * Like `loadSource`, for every format a source may have: PDFs are read asynchronously (see
 * `loadPdf`), the others as `loadSource` reads them. Never throws.
 */
export async function loadSourceAsync(file: SourceFile, maxBytes: number): Promise<LoadResult> {
  return isPdfPath(file.path) ? loadPdf(file, maxBytes) : loadSource(file, maxBytes);
}

/**
 * The most bytes a PDF file may have: the size limit applies to a PDF's text, and this only
 * keeps a file no one would cite (a gigabyte of images) from being read into memory.
 */
export const maxPdfFileBytes = 256 * 1024 * 1024;

/** PDFs: `.pdf`. */
export function isPdfPath(path: string): boolean {
  return /\.pdf$/i.test(path);
}

/**
 * A PDF: the text pdf.js extracts (see `pdfPagesToText`) becomes the source's text, so
 * paragraphs and passages work as for any source; the info dictionary stands in for front
 * matter, and the key comes from the file name. Paragraphs are counted on each page, and each
 * block and passage knows its page.
 */
async function loadPdf(file: SourceFile, maxBytes: number): Promise<LoadResult> {
  const fail = (code: string, message: string): LoadResult =>
    ({ ok: false, problem: { uri: file.uri, path: file.path, code, message, skipped: true } });
  if (file.bytes.length === 0) return fail('verbatim.source.empty', messages.sourceEmpty);
  // The limit is on the text: a PDF of scanned figures may be large and hold little of it.
  if (file.bytes.length > maxPdfFileBytes) return fail('verbatim.source.tooLarge', pdfMessages.fileTooLarge(maxPdfFileBytes));
  const pdf = await readPdf(file.bytes, maxBytes);
  if ('code' in pdf) {
    switch (pdf.code) {
      case 'verbatim.source.notPdf': return fail(pdf.code, pdfMessages.notPdf);
      case 'verbatim.source.pdfEncrypted': return fail(pdf.code, pdfMessages.encrypted);
      case 'verbatim.source.pdfNoText': return fail(pdf.code, pdfMessages.noText);
      case 'verbatim.source.pdfUnreadable': return fail(pdf.code, pdfMessages.unreadable);
      case 'verbatim.source.tooLarge': return fail(pdf.code, pdfMessages.textTooLarge(maxBytes));
      case 'verbatim.source.pdfDamaged': return fail(pdf.code, pdfMessages.damaged(pdf.reason));
    }
  }
  const meta: SourceMeta = { ...pdf.meta, key: keyFromPath(file.path) };
  const onEachPage = new Map<number, number>();
  const blocks: Block[] = withTables(readBlocks(pdf.text, 0), pdf.tables).map((block) => {
    const page = pageAt(pdf.pageStarts, block.start);
    const number = block.kind === 'paragraph' ? (onEachPage.get(page) ?? 0) + 1 : 0;
    if (number) onEachPage.set(page, number);
    const pageLabel = pdf.pageLabels?.[page - 1];
    return { ...block, number, page, ...(pageLabel ? { pageLabel } : {}) };
  });
  const language = languageOf(meta, pdf.text, 0);
  const passages = extractPassages(pdf.text, rowBlocks(pdf.text, blocks, pdf.tables), meta.key, language?.tag).filter((passage) => !isMostlyUnknownGlyphs(passage.text)).map((passage) => {
    const block = blockAt(blocks, passage.start);
    return block?.page ? { ...passage, page: block.page, ...(block.pageLabel ? { pageLabel: block.pageLabel } : {}) } : passage;
  });
  const notices = pdf.unreadablePages.length ? [{ code: 'verbatim.source.pdfUnreadablePages', message: pdfMessages.unreadablePages(pdf.unreadablePages) }] : undefined;
  return { ok: true, source: { uri: file.uri, path: file.path, meta, text: pdf.text, bodyStart: 0, blocks, passages, pages: pdf.pageStarts.length, ...(language ? { language } : {}), ...(notices ? { notices } : {}) } };
}

/** The last block starting at or before `offset` (blocks are in text order). */
function blockAt(blocks: readonly Block[], offset: number): Block | undefined {
  let lo = 0;
  let hi = blocks.length - 1;
  if (hi < 0 || blocks[0].start > offset) return undefined;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (blocks[mid].start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return blocks[lo];
}

/** `sources/hkfp-2017-vpn.md` → `hkfp-2017-vpn`; characters Pandoc keys cannot hold become `-`. */
export function keyFromPath(path: string): string {
  const name = path.split(/[\\/]/).pop() ?? path;
  const stem = name.replace(/\.[^.]+$/, '') || name;
  return trimWhere(stem.replace(/[^\p{L}\p{N}_:.#$%&+?<>~/-]+/gu, '-'), (c) => c === '-') || 'source';
}

/** Saved web pages: `.html` and `.htm`. */
export function isHtmlPath(path: string): boolean {
  return /\.html?$/i.test(path);
}

/** Where the text of each converted source (a saved web page) stands in its file. */
const fileOffsets = new WeakMap<SourceDoc, OffsetMap>();

/**
 * The position in the source's own file of an offset into its text. For Markdown and text
 * sources the text is the file and this returns undefined; for a saved web page the text is
 * the article extracted from the HTML, and this maps it back into the HTML exactly.
 */
export function sourceFilePosition(source: SourceDoc, offset: number): FilePosition | undefined {
  return fileOffsets.get(source)?.filePosition(offset);
}

/** The way back from a converted source's text to its file, if it has one (for the index cache). */
export function fileOffsetsOf(source: SourceDoc): OffsetMap | undefined {
  return fileOffsets.get(source);
}

/** Gives a source read back from the index cache the way back to its file it had when extracted. */
export function restoreFileOffsets(source: SourceDoc, offsets: OffsetMap): void {
  fileOffsets.set(source, offsets);
}

/**
 * A saved page: the article's text (see `readHtmlSource`) becomes the source's text, so
 * offsets, paragraphs and passages work as for any source; the page's metadata stands in for
 * front matter. The page is parsed, never run.
 */
function loadHtml(file: SourceFile, html: string, fail: (code: string, message: string) => LoadResult, reader: HtmlReader | undefined): LoadResult {
  const page = readHtmlSource(html, reader);
  if (page.emptyBecause) {
    const why = { scripted: toolchainMessages.sourceNoArticleScripted, noText: toolchainMessages.sourceNoArticleNoText, furniture: toolchainMessages.sourceNoArticleFurniture };
    return fail('verbatim.source.noArticle', why[page.emptyBecause]);
  }
  const meta: SourceMeta = { ...page.meta, key: keyFromPath(file.path) };
  const language = languageOf(meta, page.text, 0);
  const blocks = readBlocks(page.text, 0);
  const passages = extractPassages(page.text, blocks, meta.key, language?.tag);
  const source: SourceDoc = { uri: file.uri, path: file.path, meta, text: page.text, bodyStart: 0, blocks, passages, ...(language ? { language } : {}) };
  fileOffsets.set(source, page.offsets);
  return { ok: true, source };
}

/**
 * A page declares its encoding in a `<meta charset>` near the top; pages saved from older
 * sites are often windows-1252 or GBK. Without a declaration, or with one the platform cannot
 * decode, the page must be UTF-8 like every other source.
 */
function decodeHtml(bytes: Uint8Array): string {
  const head = String.fromCharCode(...bytes.subarray(0, 2048));
  // Bounded: the head searched is at most 2,048 characters.
  // eslint-disable-next-line regexp/no-super-linear-backtracking
  const label = /<meta[^>]+charset\s*=\s*["']?\s*([\w:.-]+)/i.exec(head)?.[1]?.toLowerCase();
  if (!label || label === 'utf-8' || label === 'utf8') return decoder.decode(bytes);
  let declared: { decode(bytes: Uint8Array): string };
  try {
    declared = windows1252Labels.has(label) ? { decode: decodeWindows1252 } : new TextDecoder(label, { fatal: true });
  } catch {
    return decoder.decode(bytes);
  }
  // A page saved by a browser is written back as UTF-8 while keeping its old declaration.
  try {
    return decoder.decode(bytes);
  } catch {
    return declared.decode(bytes);
  }
}

/** The labels the web reads as windows-1252 (the Encoding Standard), which Node's TextDecoder reads as ISO-8859-1. */
const windows1252Labels = new Set(['windows-1252', 'cp1252', 'x-cp1252', 'iso-8859-1', 'iso8859-1', 'latin1', 'l1', 'ascii', 'us-ascii', 'iso_8859-1', 'cp819', 'ibm819']);
/** Bytes 0x80–0x9F of windows-1252 (curly quotes, dashes, €); the others are ISO-8859-1. */
const windows1252High = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b >= 0x80 && b <= 0x9f ? windows1252High[b - 0x80] : String.fromCharCode(b);
  return out;
}
