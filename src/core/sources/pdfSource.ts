import type { SourceMeta, SourceType } from '../model';
import { pageLines, pdfLinesToText, type PdfPageLines, type PdfText, type PdfTextItem } from './pdfText';

/** A PDF read as a source: its text (see `PdfText`), where each page starts, and what its info dictionary and first page say. */
export interface PdfSource {
  readonly text: string;
  readonly pageStarts: readonly number[];
  /** Pages whose text layer is not text, left out of `text`. */
  readonly unreadablePages: readonly number[];
  /** Where each table stands in `text`: a paragraph with a row per line (see `PdfText`). */
  readonly tables: PdfText['tables'];
  readonly meta: Partial<Pick<SourceMeta, 'title' | 'author' | 'date' | 'type'>>;
  /** The number printed on each page, page 1 first, when the document tells it (see `printedPages`). */
  readonly pageLabels?: readonly (string | undefined)[];
}

/** Why a PDF could not be read: a stable `verbatim.source.*` code. */
export type PdfFailure =
  | { readonly code: 'verbatim.source.notPdf' }
  | { readonly code: 'verbatim.source.pdfEncrypted' }
  | { readonly code: 'verbatim.source.pdfDamaged'; readonly reason: string }
  | { readonly code: 'verbatim.source.pdfNoText' }
  | { readonly code: 'verbatim.source.pdfUnreadable' }
  | { readonly code: 'verbatim.source.tooLarge' };

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs', { with: { 'resolution-mode': 'import' } });

let pdfjs: Promise<PdfJs> | undefined;

/**
 * pdf.js is loaded on the first PDF only: it is a large module, and a workspace without PDFs
 * never pays for it. Its worker module runs in this thread (pdf.js's "fake worker"): importing
 * it first registers its handler where pdf.js looks before it would fetch a worker file, so a
 * bundle needs no file beside it. pdfjs-dist stays on 4.10: from 5.0 its Node build makes a
 * `DOMMatrix` as it loads, which Node has only through the native `@napi-rs/canvas` package,
 * and the extension ships its bundles alone.
 */
function loadPdfJs(): Promise<PdfJs> {
  pdfjs ??= (async () => {
    // As it loads, pdf.js's Node build warns that it cannot set up drawing (DOMMatrix, Path2D,
    // ImageData, @napi-rs/canvas), before any option can quiet it; Verbatim never draws a page,
    // so those lines alone are held back, and anything else still gets through.
    const log = console.log;
    console.log = (...args: unknown[]): void => {
      if (typeof args[0] === 'string' && drawingWarning.test(args[0])) return;
      log(...args);
    };
    // The legacy build's core-js replaces Array.prototype.push, for every array of the process,
    // with a function several times slower, over a corner case of older V8 (the error thrown on
    // an array whose length cannot be written) that no code here meets: the engine's own is put back.
    const push = Array.prototype.push;
    try {
      await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
      return await import('pdfjs-dist/legacy/build/pdf.mjs');
    } finally {
      console.log = log;
      if (Array.prototype.push !== push) Object.defineProperty(Array.prototype, 'push', { value: push, writable: true, configurable: true, enumerable: false });
    }
  })();
  return pdfjs;
}

/** pdf.js's warnings, as it loads in Node, that it cannot draw. */
const drawingWarning = /^Warning: Cannot (?:polyfill `(?:DOMMatrix|ImageData|Path2D)`|load "@napi-rs\/canvas"|access the `require` function)/;

/**
 * Extracts the text of a PDF with pdf.js, page by page. Nothing in the file is run (no
 * JavaScript, no eval of fonts), fetched (no fonts, no character maps, no network) or drawn.
 * Never throws: a file that is not a PDF, is encrypted, damaged or has no text layer (a scan)
 * gives its reason.
 */
export async function readPdf(bytes: Uint8Array, maxTextChars = Infinity): Promise<PdfSource | PdfFailure> {
  // A PDF starts with its header, possibly after some junk in the first kilobyte.
  const head = String.fromCharCode(...bytes.subarray(0, 1024));
  if (!head.includes('%PDF-')) return { code: 'verbatim.source.notPdf' };
  let lib: PdfJs;
  try {
    lib = await loadPdfJs();
  } catch (error) {
    return { code: 'verbatim.source.pdfDamaged', reason: reasonOf(error) };
  }
  let task: ReturnType<PdfJs['getDocument']> | undefined;
  try {
    task = lib.getDocument({
      // A copy, as a plain Uint8Array (pdf.js refuses a Node Buffer and may take the buffer over).
      data: new Uint8Array(bytes),
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      useWorkerFetch: false,
      isOffscreenCanvasSupported: false,
      isImageDecoderSupported: false,
      enableXfa: false,
      stopAtErrors: false,
      verbosity: lib.VerbosityLevel.ERRORS,
    });
    const doc = await task.promise;
    const pages: PdfPageLines[] = [];
    let chars = 0;
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent({ includeMarkedContent: false });
      const items = textRuns(content.items);
      for (const item of items) chars += item.str.length;
      pages.push(pageLines(items));
      page.cleanup();
      // The limit is on the text, which cannot shrink much once joined: stop reading.
      if (chars > maxTextChars * 1.2) return { code: 'verbatim.source.tooLarge' };
    }
    const read = pdfLinesToText(pages);
    if (read.text.length > maxTextChars) return { code: 'verbatim.source.tooLarge' };
    if (read.text.trim() === '') return { code: read.unreadablePages.length ? 'verbatim.source.pdfUnreadable' : 'verbatim.source.pdfNoText' };
    const info = ((await doc.getMetadata().catch(() => undefined))?.info ?? {}) as Record<string, unknown>;
    const pageLabels = printedPages(await doc.getPageLabels().catch(() => null), read.printedPages, doc.numPages);
    return { text: read.text, pageStarts: read.pageStarts, unreadablePages: read.unreadablePages, tables: read.tables, meta: metaOf(info, read, doc.numPages), ...(pageLabels ? { pageLabels } : {}) };
  } catch (error) {
    if ((error as { name?: unknown } | undefined)?.name === 'PasswordException') return { code: 'verbatim.source.pdfEncrypted' };
    return { code: 'verbatim.source.pdfDamaged', reason: reasonOf(error) };
  } finally {
    await task?.destroy().catch(() => undefined);
  }
}

/** What pdf.js's `getTextContent` lists for a page: runs of text and marks of marked content. */
type PdfJsItem = Awaited<ReturnType<import('pdfjs-dist/legacy/build/pdf.mjs', { with: { 'resolution-mode': 'import' } }).PDFPageProxy['getTextContent']>>['items'][number];

/**
 * pdf.js's runs of a page → `PdfTextItem`s. A function of its own, apart from the asynchronous
 * `readPdf`: this loop runs for every run of every page, and V8 compiles a small function once
 * where it would compile the whole of `readPdf` again each time the loop's objects change shape.
 */
function textRuns(items: readonly PdfJsItem[]): PdfTextItem[] {
  const runs: PdfTextItem[] = [];
  for (const item of items) {
    if (!('str' in item)) continue;
    const m = item.transform as number[];
    const a = m[0];
    const b = m[1];
    const c = m[2];
    const d = m[3];
    // Rotated runs are read at their own baseline; the size is the glyphs' height.
    runs.push({ str: item.str, x: a >= 0 || b !== 0 ? m[4] : m[4] - item.width, y: m[5], width: item.width, size: item.height || Math.hypot(c, d) || Math.hypot(a, b), hasEOL: item.hasEOL, turned: Math.abs(b) > Math.abs(a) * 0.1 || Math.abs(c) > Math.abs(d) * 0.1 });
  }
  return runs;
}

/**
 * The number printed on each page: the PDF's own page labels ("i", "ii", "1", …) when it has
 * them and they are not just the pages counted from 1, else the numbers its running headers
 * and footers show (`read`). Undefined when neither tells more than the count.
 */
export function printedPages(labels: readonly string[] | null, read: readonly (string | undefined)[] | undefined, pages: number): (string | undefined)[] | undefined {
  const own = labels?.length === pages ? labels.map((l) => (l.trim() ? l.trim() : undefined)) : undefined;
  if (own && own.some((l, i) => l !== undefined && l !== String(i + 1)) && new Set(own.filter(Boolean)).size === own.filter(Boolean).length) return own;
  return read ? [...read] : undefined;
}

function reasonOf(error: unknown): string {
  const reason = error instanceof Error ? error.message : String(error);
  return reason.endsWith('.') ? reason.slice(0, -1) : reason;
}


/**
 * Title, author, date and kind of a PDF. The info dictionary's title and author are taken
 * only when they read as a title or a name: generators fill them with file names ("Microsoft
 * Word - 102314.docx"), program names, account names ("Administrator") and placeholders. The
 * first page's printed title stands in for a missing or junk title. A date printed on the
 * first page (the latest one the file was not made before) wins over the creation date: files
 * are often made or saved again long after the document is dated.
 */
function metaOf(info: Record<string, unknown>, read: PdfText, pages: number): PdfSource['meta'] {
  const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value.replace(/\s+/g, ' ').trim() : undefined);
  const firstPage = read.text.slice(0, read.pageStarts[1] ?? read.text.length);
  const infoTitle = text(info.Title);
  const title = (infoTitle && isRealTitle(infoTitle) ? infoTitle : undefined) ?? read.printedTitle;
  const infoAuthor = text(info.Author);
  const author = infoAuthor && isRealName(infoAuthor) ? infoAuthor : undefined;
  const created = pdfDate(text(info.CreationDate));
  const modified = pdfDate(text(info.ModDate));
  const latest = [created, modified].filter((d): d is string => d !== undefined).sort().at(-1);
  // The latest date printed on the first page that is not after the file was made, give or take a
  // month (a document is often filed a day after its file is made); a later one is a deadline.
  const months = (d: string): number => Number(d.slice(0, 4)) * 12 + Number(d.slice(5, 7) || 12);
  const printed = printedDates(firstPage).filter((d) => !latest || months(d) <= months(latest) + 1).sort().at(-1);
  const date = printed ?? created ?? modified;
  const type = pdfTypeOf(title ?? '', firstPage, read.text, pages);
  return { ...(title ? { title } : {}), ...(author ? { author } : {}), ...(date ? { date } : {}), type };
}

/** What generators and file systems put in a title field in place of a title. */
const junkTitle = /\.(?:docx?|rtf|odt|pdf|p65|qxd|qxp|indd|wpd|txt|html?|xlsx?|pptx?|exe|dvi|ps|tex|tmp|jpe?g|png|tiff?)\b|^(?:microsoft\s+(?:word|powerpoint|excel)\b|untitled\b|document\d*$|title$|no title|none$|unknown$|\(?anonymous\)?$|temp|slide\s*\d|pdf$|print$|\d+$)|^(?:array|hash|code|scalar)\(0x[0-9a-f]+\)|[\\/][^ ]*[\\/]|^[\w-]+\.[a-z]{2,4}$|^[^\p{L}]*$/iu;
/** What generators and operating systems put in an author field in place of a name. */
const junkAuthor = /^(?:administrator|admin|user|owner|author|unknown|default|guest|test|none|system|root|staff|preferred customer|valued customer|licensed user|windows user|microsoft|adobe|hp|ibm|dell|compaq|pc|owner-pc|[^\s\d]*\d\S*)$|\.(?:exe|dll|docx?)\b|\bversion\b|\b(?:acrobat|distiller|pdfmaker|pscript|latex|tex|word|writer|pdf)\b|^(?:array|hash)\(0x|[\\/@:]|^[^\p{L}]*$/iu;

/** Whether an info dictionary's title reads as one (not a file name, a generator's string or a placeholder). */
export function isRealTitle(title: string): boolean {
  return !junkTitle.test(title) && (title.match(/\p{L}/gu) ?? []).length >= 3;
}

/** Whether an info dictionary's author reads as a name (not an account, a program or a placeholder). */
export function isRealName(author: string): boolean {
  // One word is an account's name ("jsmith", "Txus"), unless it is an acronym ("GAO").
  return !junkAuthor.test(author) && (/\s/.test(author) || /^\p{Lu}{2,}$/u.test(author)) && (author.match(/\p{L}/gu) ?? []).length >= 2;
}

/** Month names in English, French and German, each with its number. */
const months: Record<string, number> = {
  january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8, september: 9, october: 10, november: 11, december: 12,
  jan: 1, feb: 2, mar: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
  janvier: 1, février: 2, mars: 3, avril: 4, mai: 5, juin: 6, juillet: 7, août: 8, septembre: 9, octobre: 10, novembre: 11, décembre: 12,
  januar: 1, februar: 2, märz: 3, juni: 6, juli: 7, oktober: 10, dezember: 12,
};
const monthName = `(${Object.keys(months).sort((a, b) => b.length - a.length).join('|')})\\.?`;

/** Dates written on a page ("June 13, 2013", "13 June 2013", "7. September 1949", "2013-06-13"; else "June 2013"), as ISO dates. */
function printedDates(text: string): string[] {
  const dates: string[] = [];
  const iso = (y: string, m: number, d: string): void => {
    const day = Number(d);
    if (m >= 1 && m <= 12 && day >= 1 && day <= 31 && Number(y) >= 1000) dates.push(`${y}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
  };
  const month = (name: string): number => months[name.toLowerCase()] ?? 0;
  for (const m of text.matchAll(new RegExp(`(?<![\\p{L}\\d])${monthName} (\\d{1,2}),? (\\d{4})(?!\\d)`, 'giu'))) iso(m[3], month(m[1]), m[2]);
  for (const m of text.matchAll(new RegExp(`(?<![\\p{L}\\d])(\\d{1,2})(?:\\.|er)? ${monthName},? (\\d{4})(?!\\d)`, 'giu'))) iso(m[3], month(m[2]), m[1]);
  for (const m of text.matchAll(/\b(\d{4})-(\d{2})-(\d{2})\b/g)) iso(m[1], Number(m[2]), m[3]);
  if (dates.length) return dates;
  // A month and a year only ("December 1998").
  for (const m of text.matchAll(new RegExp(`(?<![\\p{L}\\d])${monthName},? (\\d{4})(?!\\d)`, 'giu'))) {
    if (month(m[1]) && Number(m[2]) >= 1000) dates.push(`${m[2]}-${String(month(m[1])).padStart(2, '0')}`);
  }
  return dates;
}

/**
 * The CSL type a PDF shows evidence of: a court's decision, a paper (an abstract and
 * references), a book (an ISBN, many pages), a report, a law (a statute's name in its title);
 * otherwise a plain `document`, never `legislation` by default.
 */
export function pdfTypeOf(title: string, firstPage: string, text: string, pages: number): SourceType {
  const head = `${title}\n${firstPage.slice(0, 4000)}`;
  if (/\b(?:v\.|vs\.|versus|In re)\s/.test(head) && /\b(?:court|judge|justice|opinion|plaintiffs?|defendants?|appellants?|appellees?|petitioners?|respondents?)\b/i.test(head)) return 'legal_case';
  if (/\b(?:abstract|résumé|zusammenfassung)\b/i.test(head) && /^(?:references|bibliography|bibliographie|références|literatur)$/im.test(text)) {
    return /\b(?:proceedings|conference|workshop|symposium|colloque|conférence)\b/i.test(text.slice(0, 20000)) ? 'paper-conference' : 'article-journal';
  }
  if (pages >= 100 && /\bISBN\b/.test(text.slice(0, 50000))) return 'book';
  // A law's name in the title, or a rule's name with numbered provisions under it, and no word of a report about one.
  const report = /\b(?:report|summary|guide|analysis|overview|instructions)\b/i.test(head.slice(0, 1500));
  if (!report && /\b(?:act|code|constitution|statute|regulation|ordinance|decree|directive|treaty|declaration of)\b/i.test(title)) return 'legislation';
  if (!report && /\b(?:policy|rules|by-?laws?|charter)\b/i.test(title) && /^(?:Article|Section|Rule|§)\s*\d+/m.test(firstPage)) return 'legislation';
  if (/\b(?:report|summary|analysis|overview|results|quarter(?:ly)?|instructions|guidance|guide|study|review|memorandum|strategy)\b/i.test(head.slice(0, 1500))) return 'report';
  return 'document';
}

/** `D:20240312093000Z` → `2024-03-12`; `D:2024` → `2024`; anything else → undefined. */
export function pdfDate(value: string | undefined): string | undefined {
  const m = /^(?:D:)?(\d{4})(\d{2})?(\d{2})?/.exec(value ?? '');
  // No PDF was made before 1990: an earlier year is a placeholder ("D:00000101").
  if (!m || Number(m[1]) < 1990) return undefined;
  const month = m[2] && Number(m[2]) >= 1 && Number(m[2]) <= 12 ? m[2] : undefined;
  const day = month && m[3] && Number(m[3]) >= 1 && Number(m[3]) <= 31 ? m[3] : undefined;
  return [m[1], month, day].filter(Boolean).join('-');
}
