import type { SourceMeta } from '../model';
import { pdfPagesToText, type PdfTextItem } from './pdfText';

/** A PDF read as a source: its text (see `PdfText`), where each page starts, and what its info dictionary says. */
export interface PdfSource {
  readonly text: string;
  readonly pageStarts: readonly number[];
  readonly meta: Partial<Pick<SourceMeta, 'title' | 'author' | 'date'>>;
}

/** Why a PDF could not be read: a stable `verbatim.source.*` code. */
export type PdfFailure =
  | { readonly code: 'verbatim.source.notPdf' }
  | { readonly code: 'verbatim.source.pdfEncrypted' }
  | { readonly code: 'verbatim.source.pdfDamaged'; readonly reason: string }
  | { readonly code: 'verbatim.source.pdfNoText' };

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
    await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
    return import('pdfjs-dist/legacy/build/pdf.mjs');
  })();
  return pdfjs;
}

/**
 * Extracts the text of a PDF with pdf.js, page by page. Nothing in the file is run (no
 * JavaScript, no eval of fonts), fetched (no fonts, no character maps, no network) or drawn.
 * Never throws: a file that is not a PDF, is encrypted, damaged or has no text layer (a scan)
 * gives its reason.
 */
export async function readPdf(bytes: Uint8Array): Promise<PdfSource | PdfFailure> {
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
    const pages: PdfTextItem[][] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent({ includeMarkedContent: false });
      const items: PdfTextItem[] = [];
      for (const item of content.items) {
        if (!('str' in item)) continue;
        const [a, b, c, d, x, y] = item.transform as number[];
        // Rotated runs are read at their own baseline; the size is the glyphs' height.
        items.push({ str: item.str, x: a >= 0 || b !== 0 ? x : x - item.width, y, width: item.width, size: item.height || Math.hypot(c, d) || Math.hypot(a, b), hasEOL: item.hasEOL });
      }
      pages.push(items);
      page.cleanup();
    }
    const { text, pageStarts } = pdfPagesToText(pages);
    if (text.trim() === '') return { code: 'verbatim.source.pdfNoText' };
    const info = ((await doc.getMetadata().catch(() => undefined))?.info ?? {}) as Record<string, unknown>;
    return { text, pageStarts, meta: metaOf(info) };
  } catch (error) {
    if ((error as { name?: unknown } | undefined)?.name === 'PasswordException') return { code: 'verbatim.source.pdfEncrypted' };
    return { code: 'verbatim.source.pdfDamaged', reason: reasonOf(error) };
  } finally {
    await task?.destroy().catch(() => undefined);
  }
}

function reasonOf(error: unknown): string {
  const reason = error instanceof Error ? error.message : String(error);
  return reason.endsWith('.') ? reason.slice(0, -1) : reason;
}

/** Title, author and creation date from the document's info dictionary, where they are filled in. */
function metaOf(info: Record<string, unknown>): PdfSource['meta'] {
  const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value.replace(/\s+/g, ' ').trim() : undefined);
  const title = text(info.Title);
  const author = text(info.Author);
  const date = pdfDate(text(info.CreationDate) ?? text(info.ModDate));
  return { ...(title ? { title } : {}), ...(author ? { author } : {}), ...(date ? { date } : {}) };
}

/** `D:20240312093000Z` → `2024-03-12`; `D:2024` → `2024`; anything else → undefined. */
export function pdfDate(value: string | undefined): string | undefined {
  const m = /^(?:D:)?(\d{4})(\d{2})?(\d{2})?/.exec(value ?? '');
  if (!m) return undefined;
  const month = m[2] && Number(m[2]) >= 1 && Number(m[2]) <= 12 ? m[2] : undefined;
  const day = month && m[3] && Number(m[3]) >= 1 && Number(m[3]) <= 31 ? m[3] : undefined;
  return [m[1], month, day].filter(Boolean).join('-');
}
