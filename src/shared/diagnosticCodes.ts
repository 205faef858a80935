/**
 * Every diagnostic code Verbatim reports, in one table: the verdicts of a draft's quotations
 * and the problems of its sources. Codes are stable: settings, editors and scripts key on them.
 */
export const diagnosticCodes = Object.freeze({
  edited: 'verbatim.edited',
  altered: 'verbatim.altered',
  misattributed: 'verbatim.misattributed',
  wrongSource: 'verbatim.wrong-source',
  notFound: 'verbatim.not-found',
  context: 'verbatim.context',
  draftTooLong: 'verbatim.draftTooLong',
  speakerUnverified: 'verbatim.speakerUnverified',
} as const);

/** Why a source was skipped, or what is wrong with one that was indexed: `verbatim.source.*`. */
export const sourceProblemCodes = Object.freeze({
  unreadable: 'verbatim.source.unreadable',
  outsideWorkspace: 'verbatim.source.outsideWorkspace',
  empty: 'verbatim.source.empty',
  tooLarge: 'verbatim.source.tooLarge',
  binary: 'verbatim.source.binary',
  encoding: 'verbatim.source.encoding',
  frontMatter: 'verbatim.source.frontMatter',
  noArticle: 'verbatim.source.noArticle',
  notPdf: 'verbatim.source.notPdf',
  pdfEncrypted: 'verbatim.source.pdfEncrypted',
  pdfDamaged: 'verbatim.source.pdfDamaged',
  pdfNoText: 'verbatim.source.pdfNoText',
  pdfUnreadable: 'verbatim.source.pdfUnreadable',
  pdfUnreadablePages: 'verbatim.source.pdfUnreadablePages',
  duplicateKey: 'verbatim.source.duplicateKey',
} as const);

/** A code of a draft's diagnostic. */
export type DiagnosticCode = (typeof diagnosticCodes)[keyof typeof diagnosticCodes];

/** A code of a source's problem; a literal outside the table does not type-check. */
export type SourceProblemCode = (typeof sourceProblemCodes)[keyof typeof sourceProblemCodes];
