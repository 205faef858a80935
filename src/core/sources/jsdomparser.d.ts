// Readability ships its own minimal DOM without types; this is the one call Verbatim makes
// (the document's members are typed where they are used, in htmlReadable.ts).
declare module '@mozilla/readability/JSDOMParser' {
  /** Readability's minimal HTML parser and DOM. */
  export default class JSDOMParser {
    /** Parses well-formed HTML into a document whose address is `url`. */
    parse(html: string, url?: string): unknown;
  }
}
