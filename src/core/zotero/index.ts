/** A Zotero library as a source library, read-only: the database reader, its items, and the items as sources. */
export { ZoteroSources, type IZoteroDirectory, type ZoteroDatabaseBytes, type ZoteroSourcesOptions } from './sources';
export { readZoteroLibrary, knownUserdataVersions, type ZoteroItem, type ZoteroAttachment, type ZoteroAnnotation, type ZoteroLibraryResult } from './library';
export { zoteroCslItem, bibliographyWithZotero } from './csl';
export { formulaKey } from './citeKeys';
export { SqliteDatabase, SqliteError } from './sqlite';
export type { LoadResult, SourceFile } from '../sources/loadSource';
