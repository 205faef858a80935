import { cslBibliography, cslDate, type CslDate, type CslName } from '../citations/csl';
import type { SourceDoc } from '../model';
import { isoDate, type ZoteroItem } from './library';
import type { ZoteroSources } from './sources';

/** CSL types by Zotero item type (Zotero's schema, `csl.types`); anything else is a `document`. */
const cslTypes: Readonly<Record<string, string>> = {
  preprint: 'article', journalArticle: 'article-journal', magazineArticle: 'article-magazine', newspaperArticle: 'article-newspaper',
  bill: 'bill', book: 'book', podcast: 'broadcast', tvBroadcast: 'broadcast', radioBroadcast: 'broadcast', bookSection: 'chapter',
  dataset: 'dataset', dictionaryEntry: 'entry-dictionary', encyclopediaArticle: 'entry-encyclopedia', artwork: 'graphic',
  hearing: 'hearing', interview: 'interview', case: 'legal_case', statute: 'legislation', manuscript: 'manuscript', map: 'map',
  film: 'motion_picture', videoRecording: 'motion_picture', conferencePaper: 'paper-conference', patent: 'patent',
  letter: 'personal_communication', email: 'personal_communication', instantMessage: 'personal_communication', forumPost: 'post',
  blogPost: 'post-weblog', report: 'report', computerProgram: 'software', audioRecording: 'song', presentation: 'speech',
  standard: 'standard', thesis: 'thesis', webpage: 'webpage',
};

/** CSL text variables by Zotero field (base-field names; Zotero's schema, `csl.fields.text`, the ones writers' styles use). */
const cslFields: Readonly<Record<string, string>> = {
  title: 'title', publicationTitle: 'container-title', publisher: 'publisher', place: 'publisher-place', volume: 'volume',
  issue: 'issue', pages: 'page', DOI: 'DOI', ISBN: 'ISBN', ISSN: 'ISSN', url: 'URL', language: 'language', edition: 'edition',
  abstractNote: 'abstract', shortTitle: 'title-short', number: 'number', section: 'section', series: 'collection-title',
  journalAbbreviation: 'container-title-short', genre: 'genre', type: 'genre', medium: 'medium', numPages: 'number-of-pages',
};

/** CSL name variables by Zotero creator role; other roles are left out. */
const cslRoles: Readonly<Record<string, string>> = {
  author: 'author', editor: 'editor', translator: 'translator', seriesEditor: 'collection-editor', bookAuthor: 'container-author',
  director: 'director', interviewer: 'interviewer', recipient: 'recipient', reviewedAuthor: 'reviewed-author', composer: 'composer',
};

/** A Zotero item as CSL-JSON, as Zotero itself exports it (type, fields, names, dates), under the item's citation key. */
export function zoteroCslItem(item: ZoteroItem): Record<string, unknown> {
  const csl: Record<string, unknown> = { id: item.citationKey, type: cslTypes[item.type] ?? 'document' };
  for (const [field, variable] of Object.entries(cslFields)) {
    const value = item.fields[field]?.trim();
    if (value && !(variable === 'URL' && !/^https?:\/\//i.test(value))) csl[variable] ??= value;
  }
  if (!csl.title && item.attachments[0]?.title) csl.title = item.attachments[0].title;
  for (const creator of item.creators) {
    const variable = cslRoles[creator.role];
    if (!variable) continue;
    const name: CslName = creator.single || !creator.firstName ? { literal: creator.lastName } : { family: creator.lastName, given: creator.firstName };
    csl[variable] = [...((csl[variable] as CslName[] | undefined) ?? []), name];
  }
  const issued = isoDate(item.fields.date);
  if (issued) csl.issued = cslDate(issued) satisfies CslDate;
  const accessed = isoDate(item.fields.accessDate);
  if (accessed) csl.accessed = cslDate(accessed);
  return csl;
}

/** The bibliography of `sources` (see `cslBibliography`), each Zotero item's entry as Zotero exports it. */
export function bibliographyWithZotero(sources: readonly SourceDoc[], zotero: ZoteroSources | undefined): unknown[] {
  const items = cslBibliography(sources);
  if (!zotero) return items;
  const byKey = new Map(zotero.items.map((item) => [item.citationKey, item]));
  const fromZotero = new Set(sources.filter((s) => zotero.has(s.uri)).map((s) => s.meta.key));
  return items.map((item) => {
    const zoteroItem = fromZotero.has(item.id) ? byKey.get(item.id) : undefined;
    return zoteroItem ? zoteroCslItem(zoteroItem) : item;
  });
}
