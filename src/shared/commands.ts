/** Every command the extension contributes; package.json lists the same ids (checked by a test). */
export const commandIds = Object.freeze({
  insertQuote: 'verbatim.insertQuote',
  reindex: 'verbatim.reindex',
  openSource: 'verbatim.openSource',
  showProblems: 'verbatim.showProblems',
  auditWorkspace: 'verbatim.auditWorkspace',
  writeBibliography: 'verbatim.writeBibliography',
  linkBibliography: 'verbatim.linkBibliography',
});
