/** The Node adapters of the core's ports, shared by the language server and the command line. */
export { NodeWorkspace } from './nodeWorkspace';
export { PathsWorkspace, folderPatterns } from './pathsWorkspace';
export { NodeIndexStore, runningBuildId, indexFileName, zoteroItemsFileName, type StoreFileSystem } from './nodeIndexStore';
export { watchFolders } from './fallbackWatcher';
export { NodeZoteroDirectory } from './zoteroDirectory';
export { ZoteroSetting } from './zoteroSetting';
export { ArchiveSetting, type ArchiveSearcher } from './archive/archiveSetting';
export { PgArchive, ShardError, type PushItem, type PushResult, type ArchiveStatus } from './archive/pgArchive';
