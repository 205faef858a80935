/** Every command the extension contributes; package.json lists the same ids (checked by a test). */
export const commandIds = Object.freeze({
  insertQuote: 'verbatim.insertQuote',
  reindex: 'verbatim.reindex',
  openSource: 'verbatim.openSource',
  showProblems: 'verbatim.showProblems',
  auditWorkspace: 'verbatim.auditWorkspace',
  writeBibliography: 'verbatim.writeBibliography',
  linkBibliography: 'verbatim.linkBibliography',
  openPassage: 'verbatim.openPassage',
  insertPassage: 'verbatim.insertPassage',
  copyCitation: 'verbatim.copyCitation',
  addSampleSource: 'verbatim.addSampleSource',
  addSources: 'verbatim.addSources',
  createDraft: 'verbatim.createDraft',
  getStarted: 'verbatim.getStarted',
  setArchivePassword: 'verbatim.setArchivePassword',
});

/** The Sources view in the Explorer. */
export const sourcesViewId = 'verbatim.sources';

/** The walkthrough, as `workbench.action.openWalkthrough` names it (publisher.name#id). */
export const walkthroughId = 'verbatim.verbatim#gettingStarted';

/** Context keys the extension sets (package.json `when` clauses and walkthrough steps read them). */
export const contextKeys = Object.freeze({
  active: 'verbatim.active',
  hasSources: 'verbatim.hasSources',
  /** Set once the first indexing has finished (so the view's welcome does not flash meanwhile). */
  indexed: 'verbatim.indexed',
  quoteInserted: 'verbatim.quoteInserted',
});
