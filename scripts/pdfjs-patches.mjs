/**
 * Small changes to pdf.js, applied as it is bundled (scripts/build.mjs for dist/pdfjs.js, and
 * the PDF evaluation, scripts/eval/sources-pdf.mjs), for a reader that only ever asks pdf.js
 * for text. Each replaces one exact passage of pdfjs-dist's legacy build; the build fails when
 * a passage is not found (a new pdf.js), so that a patch is looked at again, never silently
 * dropped. test/lsp/pdf.test.ts reads test/fixtures/pdf/embedded-fonts.pdf with the built
 * pdf.js: a font the patch leaves untranslated and one whose program alone names its signs.
 */
import { readFileSync } from 'node:fs';

/** The patches: which file of pdfjs-dist/legacy/build, why, the exact passage and what replaces it. */
export const pdfjsPatches = [
  {
    file: 'pdf.worker.mjs',
    why: 'A font program is translated to OpenType only where it can change the text: Verbatim never draws a glyph.',
    // pdf.js turns every embedded font program into an OpenType font for the browser to draw
    // with: a third of the time it takes to read a PDF's text. The text itself comes from the
    // PDF's ToUnicode map or encoding, and the widths from the font's /Widths; the program adds
    // to them only in the cases pdf.js's adjustType1ToUnicode, adjustTrueTypeToUnicode and
    // Type1Font (widths of glyphs the PDF leaves out) handle, and there it is still translated,
    // except a Type 1 program whose widths the PDF gives all: its built-in encoding stands in
    // its clear-text header, which is all that is read of it (TeX's fonts without a ToUnicode
    // map). Anywhere else, the glyph's Unicode value and width are the ones the translated
    // font gives: its font matrix only rescales widths that adjustWidths scales back. The font
    // is left as it is before translation (not marked missing: pdf.js would then take its
    // unnamed glyphs for spaces), with what amendFallbackToUnicode adds after a translation.
    // A header that cannot be read sends the font down pdf.js's own way.
    from: `    [type, subtype] = getFontFileType(file, properties);
    if (type !== this.type || subtype !== this.subtype) {
      info("Inconsistent font file Type/SubType, expected: " + \`\${this.type}/\${this.subtype} but found: \${type}/\${subtype}.\`);
    }
`,
    to: `    [type, subtype] = getFontFileType(file, properties);
    if (type !== this.type || subtype !== this.subtype) {
      info("Inconsistent font file Type/SubType, expected: " + \`\${this.type}/\${this.subtype} but found: \${type}/\${subtype}.\`);
    }
    const programForText = fontProgramForText(type, subtype, file, properties);
    if (programForText !== "all") {
      try {
        if (programForText === "header") {
          const headerBlock = getHeaderBlock(file, properties.length1);
          new Type1Parser(headerBlock.stream, false, SEAC_ANALYSIS_ENABLED).extractFontHeader(properties);
          adjustWidths(properties);
          if (properties.builtInEncoding) {
            adjustType1ToUnicode(properties, properties.builtInEncoding);
          }
        }
        amendFallbackToUnicode(properties);
        this.type = type;
        this.subtype = subtype;
        this.fontMatrix = properties.fontMatrix;
        this.widths = properties.widths;
        this.defaultWidth = properties.defaultWidth;
        this.toUnicode = properties.toUnicode;
        return;
      } catch {
        file.reset();
      }
    }
`,
  },
  {
    file: 'pdf.worker.mjs',
    why: 'The rule of the patch above: how much of a font program the text needs ("all", its Type 1 "header", or "none").',
    from: `class Font {
  constructor(name, file, properties) {`,
    to: `function fontProgramForText(type, subtype, file, properties) {
  if (properties.isInternalFont) {
    return "all";
  }
  const mapped = properties.hasIncludedToUnicodeMap || properties.toUnicode instanceof IdentityToUnicodeMap;
  switch (type) {
    case "CIDFontType2":
      return "none";
    case "TrueType":
    case "OpenType":
      return mapped || properties.hasEncoding || !(properties.flags & FontFlags.Symbolic) || properties.defaultEncoding === WinAnsiEncoding ? "none" : "all";
    case "Type1":
    case "MMType1":
    case "CIDFontType0":
      if (subtype === "Type1C" || subtype === "CIDFontType0C") {
        return mapped || properties.hasEncoding && properties.baseEncodingName ? "none" : "all";
      }
      if (properties.composite || file.peekBytes(2)[0] === 0x80) {
        return "all";
      }
      for (let code = properties.firstChar; code <= properties.lastChar; code++) {
        if (properties.widths[code] === undefined) {
          return "all";
        }
      }
      return mapped || properties.hasEncoding && properties.baseEncodingName ? "none" : "header";
    default:
      return "all";
  }
}
class Font {
  constructor(name, file, properties) {`,
  },
  {
    file: 'pdf.worker.mjs',
    why: 'The text matrix of every glyph is computed without the two arrays pdf.js allocates for it on the way.',
    // getTextContent asks for the current text transform two or three times per glyph; pdf.js
    // builds it as ctm × (text matrix × text state matrix), each product a new array (in a
    // profile of the PDF evaluation, Util.transform alone took some 5% of the time, and its
    // arrays feed the garbage collector). The same products, term for term in the same order
    // (so the numbers are the same to the last bit), into one array.
    from: `      return Util.transform(textState.ctm, Util.transform(textState.textMatrix, tsm));
    }`,
    to: `      const m = textState.textMatrix;
      const a = m[0] * tsm[0] + m[2] * tsm[1],
        b = m[1] * tsm[0] + m[3] * tsm[1],
        c = m[0] * tsm[2] + m[2] * tsm[3],
        d = m[1] * tsm[2] + m[3] * tsm[3],
        e = m[0] * tsm[4] + m[2] * tsm[5] + m[4],
        f = m[1] * tsm[4] + m[3] * tsm[5] + m[5];
      const n = textState.ctm;
      return [n[0] * a + n[2] * b, n[1] * a + n[3] * b, n[0] * c + n[2] * d, n[1] * c + n[3] * d, n[0] * e + n[2] * f + n[4], n[1] * e + n[3] * f + n[5]];
    }`,
  },
  {
    file: 'pdf.worker.mjs',
    why: 'A saved text state is a copy of the text state, not an object that inherits from it.',
    // pdf.js saves the text state (operator q, a form XObject) as Object.create(state): every
    // save makes an object with a prototype of its own, so every function that reads the state
    // (the text transform, each glyph's advance, the operators' switch) meets a new shape of
    // object at each save, and V8 throws away its optimised code and compiles it again, over and
    // over (in the PDF evaluation, most of the process's time in V8's compiler threads). A copy
    // of every field keeps one shape. The state's fields are all set in its constructor and only
    // the current state is ever changed (a saved one is restored as it was), so what the text
    // reads is the same: the arrays changed in place are copied as before, the others shared.
    from: `  clone() {
    const clone = Object.create(this);
    clone.textMatrix = this.textMatrix.slice();
    clone.textLineMatrix = this.textLineMatrix.slice();
    clone.fontMatrix = this.fontMatrix.slice();
    return clone;
  }`,
    to: `  clone() {
    const clone = Object.create(TextState.prototype);
    clone.ctm = this.ctm;
    clone.fontName = this.fontName;
    clone.fontSize = this.fontSize;
    clone.loadedName = this.loadedName;
    clone.font = this.font;
    clone.fontMatrix = this.fontMatrix.slice();
    clone.textMatrix = this.textMatrix.slice();
    clone.textLineMatrix = this.textLineMatrix.slice();
    clone.charSpacing = this.charSpacing;
    clone.wordSpacing = this.wordSpacing;
    clone.leading = this.leading;
    clone.textHScale = this.textHScale;
    clone.textRise = this.textRise;
    return clone;
  }`,
  },
  {
    file: 'pdf.mjs',
    why: "A page's text comes from pdf.js's worker in parts of up to 10,000 runs, not of 100.",
    // The worker runs in this thread (see src/core/sources/pdfSource.ts), yet pdf.js still sends
    // a page's text as a stream of parts of at most 100 runs, each a message copied with
    // structuredClone, answered by a message asking for more, and a pause of the content
    // stream's reading that picks it up again. How the text is cut into parts never changes it
    // (pdf.js also cuts it wherever a 20 ms slice of time runs out). Parts stay at most some
    // 10,000 runs (most pages are one part): the reader appends each part's runs as the
    // arguments of one call (push(...items)), and a call of far more arguments overflows the stack.
    from: `    const TEXT_CONTENT_CHUNK_SIZE = 100;`,
    to: `    const TEXT_CONTENT_CHUNK_SIZE = 10000;`,
  },
  {
    file: 'pdf.worker.mjs',
    why: "Each part of a page's text is sent as an object of its own that the worker never touches again, marked so.",
    // The worker reuses one object for the parts of a page's text, giving it new lists after
    // sending it: a part handed over without a copy (the patch below) must be an object of its
    // own. Its runs, their transforms and its styles are made new for each run and never
    // changed once in the list.
    from: `      sink.enqueue(textContent, length);`,
    to: `      sink.enqueue({
        items: textContent.items,
        styles: textContent.styles,
        lang: textContent.lang,
        handedOver: true
      }, length);`,
  },
  {
    file: 'pdf.mjs',
    why: "A part of a page's text reaches the reader without structuredClone: the worker runs in the same thread.",
    // pdf.js copies every message between its worker and the document with structuredClone,
    // even when the worker runs in the same thread (the "fake worker" Verbatim uses): for the
    // text of every page, a copy of every run, made, read once and thrown away (some 4% of the
    // time the PDF evaluation takes, and garbage to collect). A part of text the patch above
    // marks is handed over as it is; every other message is still copied.
    from: `  postMessage(obj, transfer) {
    const event = {
      data: structuredClone(obj, transfer ? {`,
    to: `  postMessage(obj, transfer) {
    const event = {
      data: obj?.chunk?.handedOver === true && !transfer ? obj : structuredClone(obj, transfer ? {`,
  },
  {
    file: 'pdf.mjs',
    why: "A document's XMP metadata is not parsed: Verbatim reads only its info dictionary.",
    // getMetadata parses the document's XMP packet with pdf.js's XML parser as it answers, for
    // a field (metadata) that readPdf never reads; the info dictionary comes as before.
    from: `      metadata: results[1] ? new Metadata(results[1]) : null,`,
    to: `      metadata: null,`,
  },
];

/** pdf.js's source `path` (a file of pdfjs-dist/legacy/build) with the patches for it applied; throws when one does not apply. */
export function patchPdfJs(path, source) {
  let out = source;
  for (const patch of pdfjsPatches) {
    if (!path.endsWith(`/${patch.file}`)) continue;
    const at = out.indexOf(patch.from);
    if (at < 0 || out.indexOf(patch.from, at + 1) >= 0) throw new Error(`pdf.js patch does not apply to ${patch.file} (${patch.why})`);
    out = out.slice(0, at) + patch.to + out.slice(at + patch.from.length);
  }
  return out;
}

/** An esbuild plugin that applies the patches to pdf.js's legacy build as it is bundled. */
export const pdfjsPatched = {
  name: 'pdfjs-patched',
  setup(build) {
    build.onLoad({ filter: /[\\/]pdfjs-dist[\\/]legacy[\\/]build[\\/]pdf(?:\.worker)?\.mjs$/ }, (args) => ({
      contents: patchPdfJs(args.path.replace(/\\/g, '/'), readFileSync(args.path, 'utf8')),
      loader: 'js',
    }));
  },
};
