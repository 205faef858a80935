import { trimEndWhere } from '../text/trim';
import { SqliteDatabase, SqliteError, type SqlRow, type SqlValue } from './sqlite';
import { formulaKey } from './citeKeys';

/**
 * A Zotero data directory's database read into items (see `../shared/corpus/zotero/README.md`
 * for the layout): regular items with their fields (type-specific fields under their base
 * field's name), creators, attachments and the annotations on each attachment. Read-only, from
 * bytes: the host copies `zotero.sqlite` and its `-wal` file; nothing here touches the library.
 */

/** The `userdata` schema versions this reader knows (Zotero 6.0 to 10.0). */
export const knownUserdataVersions = { oldest: 113, newest: 129 } as const;

/** A creator of an item, in Zotero's order. */
export interface ZoteroCreator {
  readonly firstName: string;
  readonly lastName: string;
  /** One-field name (an organisation) kept whole in `lastName`. */
  readonly single: boolean;
  readonly role: string;
}

/** A highlight, underline or note the user made on an attachment. */
export interface ZoteroAnnotation {
  readonly key: string;
  /** 1 highlight, 2 note, 3 image, 4 ink, 5 underline, 6 text. */
  readonly type: number;
  readonly text: string;
  readonly comment: string;
  /** The printed page number as the reader showed it ("12", "xii"). */
  readonly pageLabel: string;
  /** The 0-based index of the page in the PDF, from `sortIndex`, when it is a PDF's. */
  readonly pageIndex?: number;
}

/** A file attached to an item (or standing alone). */
export interface ZoteroAttachment {
  readonly itemID: number;
  readonly key: string;
  readonly title: string;
  /** 0 imported file, 1 imported URL (snapshot), 2 linked file, 3 linked URL, 4 embedded image. */
  readonly linkMode: number;
  readonly contentType: string;
  /** The file: relative to the data directory (`storage/KEY/name.pdf`) or absolute for a linked file; absent for a link. */
  readonly file?: string;
  /** Where Zotero keeps the text it extracted (`storage/KEY/.zotero-ft-cache`). */
  readonly textCache: string;
  readonly annotations: readonly ZoteroAnnotation[];
}

/** An item of the library that can be cited. */
export interface ZoteroItem {
  readonly itemID: number;
  readonly key: string;
  readonly libraryID: number;
  /** Zotero's item type (`journalArticle`, `webpage`, `attachment` for a standalone file). */
  readonly type: string;
  /** Fields by name; a type-specific field is also under its base field's name (`websiteTitle` → `publicationTitle`). */
  readonly fields: Readonly<Record<string, string>>;
  readonly creators: readonly ZoteroCreator[];
  readonly citationKey: string;
  /** Where the key came from, as the README documents the order. */
  readonly keySource: 'zotero' | 'betterbibtex' | 'extra' | 'formula';
  readonly attachments: readonly ZoteroAttachment[];
}

export type ZoteroLibraryResult =
  | { readonly ok: true; readonly items: readonly ZoteroItem[]; readonly userdataVersion: number }
  | { readonly ok: false; readonly code: 'verbatim.zotero.damaged' | 'verbatim.zotero.schemaNewer' | 'verbatim.zotero.schemaOlder' | 'verbatim.zotero.notZotero'; readonly reason: string; readonly version?: number };

const required: Readonly<Record<string, readonly string[]>> = {
  items: ['itemID', 'itemTypeID', 'libraryID', 'key'],
  itemData: ['itemID', 'fieldID', 'valueID'],
  itemDataValues: ['valueID', 'value'],
  itemAttachments: ['itemID', 'parentItemID', 'linkMode', 'contentType', 'path'],
  creators: ['creatorID', 'firstName', 'lastName', 'fieldMode'],
  itemCreators: ['itemID', 'creatorID', 'creatorTypeID', 'orderIndex'],
  creatorTypes: ['creatorTypeID', 'creatorType'],
};

/**
 * Reads the items of a Zotero database (`zotero.sqlite` and its `-wal`, when there is one) and,
 * when given, Better BibTeX's `better-bibtex.sqlite` for citation keys. Never throws: a damaged
 * file or an unknown schema is a result that says why.
 */
export function readZoteroLibrary(database: Uint8Array, wal?: Uint8Array, betterBibtex?: Uint8Array, baseAttachmentPath?: string): ZoteroLibraryResult {
  let db: SqliteDatabase;
  try {
    db = new SqliteDatabase(database, wal);
  } catch (error) {
    return { ok: false, code: 'verbatim.zotero.damaged', reason: reasonOf(error) };
  }
  try {
    if (!db.hasTable('version') || !db.hasTable('items')) return { ok: false, code: 'verbatim.zotero.notZotero', reason: 'the database has no Zotero tables' };
    const versionRow = db.rows('version').find((r) => r.schema === 'userdata');
    const version = Number(versionRow?.version);
    if (!Number.isFinite(version)) return { ok: false, code: 'verbatim.zotero.damaged', reason: 'the schema version is missing' };
    if (version > knownUserdataVersions.newest) return { ok: false, code: 'verbatim.zotero.schemaNewer', reason: `schema version ${version} is newer than the newest known (${knownUserdataVersions.newest})`, version };
    if (version < knownUserdataVersions.oldest) return { ok: false, code: 'verbatim.zotero.schemaOlder', reason: `schema version ${version} is older than the oldest known (${knownUserdataVersions.oldest})`, version };
    for (const [table, columns] of Object.entries(required)) {
      const have = new Set(db.columns(table));
      const missing = columns.find((c) => !have.has(c));
      if (!db.hasTable(table) || missing) return { ok: false, code: 'verbatim.zotero.damaged', reason: `table ${table} lacks ${missing ?? 'everything'}` };
    }
    return { ok: true, items: readItems(db, betterBibtex, baseAttachmentPath), userdataVersion: version };
  } catch (error) {
    return { ok: false, code: 'verbatim.zotero.damaged', reason: reasonOf(error) };
  }
}

function reasonOf(error: unknown): string {
  if (error instanceof SqliteError) return error.message;
  return error instanceof Error ? error.message : String(error);
}

const text = (value: SqlValue | undefined): string => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '');
const num = (value: SqlValue | undefined): number => (typeof value === 'number' ? value : Number.NaN);

/** Rows of the first of `tables` the database has (the `…Combined` tables Zotero fills at start, else the global ones). */
function rowsOfFirst(db: SqliteDatabase, ...tables: string[]): SqlRow[] {
  const rows = tables.filter((t) => db.hasTable(t)).map((t) => db.rows(t)).find((r) => r.length > 0);
  return rows ?? [];
}

function group<T>(rows: readonly T[], by: (row: T) => number): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const row of rows) {
    const k = by(row);
    let list = out.get(k);
    if (!list) out.set(k, list = []);
    list.push(row);
  }
  return out;
}

function readItems(db: SqliteDatabase, betterBibtex: Uint8Array | undefined, baseAttachmentPath: string | undefined): ZoteroItem[] {
  const typeNames = new Map(rowsOfFirst(db, 'itemTypesCombined', 'itemTypes').map((r) => [num(r.itemTypeID), text(r.typeName)]));
  const fieldNames = new Map(rowsOfFirst(db, 'fieldsCombined', 'fields').map((r) => [num(r.fieldID), text(r.fieldName)]));
  const baseOf = new Map(rowsOfFirst(db, 'baseFieldMappingsCombined', 'baseFieldMappings').map((r) => [`${num(r.itemTypeID)}:${num(r.fieldID)}`, num(r.baseFieldID)]));
  const values = new Map(db.rows('itemDataValues').map((r) => [num(r.valueID), text(r.value)]));
  const roles = new Map(db.rows('creatorTypes').map((r) => [num(r.creatorTypeID), text(r.creatorType)]));
  const creators = new Map(db.rows('creators').map((r) => [num(r.creatorID), r]));
  const trashed = new Set(db.hasTable('deletedItems') ? db.rows('deletedItems').map((r) => num(r.itemID)) : []);
  const items = db.rows('items').filter((r) => !trashed.has(num(r.itemID)));
  const itemById = new Map(items.map((r) => [num(r.itemID), r]));
  const typeOf = (id: number): string => typeNames.get(num(itemById.get(id)?.itemTypeID)) ?? '';

  const fields = new Map<number, Record<string, string>>();
  for (const r of db.rows('itemData')) {
    const id = num(r.itemID);
    const item = itemById.get(id);
    if (!item) continue;
    const fieldID = num(r.fieldID);
    const name = fieldNames.get(fieldID);
    const value = values.get(num(r.valueID));
    if (!name || value === undefined) continue;
    let record = fields.get(id);
    if (!record) fields.set(id, record = {});
    record[name] = value;
    const base = fieldNames.get(baseOf.get(`${num(item.itemTypeID)}:${fieldID}`) ?? -1);
    if (base) record[base] = value;
  }

  const creatorsOf = group(db.rows('itemCreators'), (r) => num(r.itemID));
  const annotationsOf = group(db.hasTable('itemAnnotations') ? db.rows('itemAnnotations').filter((r) => itemById.has(num(r.itemID))) : [], (r) => num(r.parentItemID));
  const attachmentRows = db.rows('itemAttachments').filter((r) => itemById.has(num(r.itemID)));
  const attachmentsOf = group(attachmentRows.filter((r) => r.parentItemID !== null), (r) => num(r.parentItemID));
  const attachmentById = new Map(attachmentRows.map((r) => [num(r.itemID), r]));

  const attachment = (r: SqlRow): ZoteroAttachment => {
    const id = num(r.itemID);
    const key = text(itemById.get(id)?.key);
    const linkMode = num(r.linkMode);
    const path = text(r.path);
    let file: string | undefined;
    if ((linkMode === 0 || linkMode === 1) && path.startsWith('storage:')) file = `storage/${key}/${path.slice('storage:'.length)}`;
    else if (linkMode === 2 && (path.startsWith('/') || /^[A-Z]:[\\/]/i.test(path))) file = path;
    // A linked file under the user's base folder ("attachments:Papers/x.pdf"), where Zotero's preferences say it is.
    else if (linkMode === 2 && path.startsWith('attachments:') && baseAttachmentPath) file = `${trimEndWhere(baseAttachmentPath, (c) => c === '/' || c === '\\')}/${path.slice('attachments:'.length)}`;
    const annotations = (annotationsOf.get(id) ?? []).map((a): ZoteroAnnotation => {
      const sortIndex = text(a.sortIndex);
      const page = /^(\d{5})\|/.exec(sortIndex);
      return {
        key: text(itemById.get(num(a.itemID))?.key), type: num(a.type), text: text(a.text), comment: text(a.comment), pageLabel: text(a.pageLabel),
        ...(page && contentTypeOf(r) === 'application/pdf' ? { pageIndex: Number(page[1]) } : {}),
      };
    }).sort((a, b) => (a.pageIndex ?? 0) - (b.pageIndex ?? 0));
    return { itemID: id, key, title: fields.get(id)?.title ?? '', linkMode, contentType: contentTypeOf(r), ...(file ? { file } : {}), textCache: `storage/${key}/.zotero-ft-cache`, annotations };
  };

  const bbtKeys = betterBibtexKeys(betterBibtex);
  const out: ZoteroItem[] = [];
  for (const r of items) {
    const id = num(r.itemID);
    const type = typeOf(id);
    if (type === 'note' || type === 'annotation') continue;
    let attachments: ZoteroAttachment[];
    if (type === 'attachment') {
      // A file with a parent is read with its parent; one standing alone is its own item.
      const own = attachmentById.get(id);
      if (!own || own.parentItemID !== null) continue;
      attachments = [attachment(own)];
    } else {
      attachments = (attachmentsOf.get(id) ?? []).map(attachment);
    }
    const itemFields = fields.get(id) ?? {};
    const itemCreators = (creatorsOf.get(id) ?? [])
      .sort((a, b) => num(a.orderIndex) - num(b.orderIndex))
      .map((c): ZoteroCreator => {
        const row = creators.get(num(c.creatorID));
        return { firstName: text(row?.firstName), lastName: text(row?.lastName), single: num(row?.fieldMode) === 1, role: roles.get(num(c.creatorTypeID)) ?? 'author' };
      });
    const key = text(r.key);
    const libraryID = num(r.libraryID);
    const extraKey = (itemFields.extra ?? '').split('\n').map((line) => /^Citation Key:\s*(\S+)$/i.exec(line.trim())?.[1]).find(Boolean);
    const bbt = bbtKeys.get(`${libraryID}:${key}`);
    const [citationKey, keySource]: [string, ZoteroItem['keySource']] = itemFields.citationKey?.trim()
      ? [itemFields.citationKey.trim(), 'zotero']
      : bbt ? [bbt, 'betterbibtex'] : extraKey ? [extraKey, 'extra'] : ['', 'formula'];
    out.push({ itemID: id, key, libraryID, type, fields: itemFields, creators: itemCreators, citationKey, keySource, attachments });
  }
  return withFormulaKeys(out);
}

function contentTypeOf(r: SqlRow): string {
  return text(r.contentType).toLowerCase();
}

/**
 * Gives the items without a key one made by the formula, each unique among all keys: a key
 * another item has gets `a`, `b`, … appended, in the order the items were added (as Better
 * BibTeX disambiguates).
 */
function withFormulaKeys(items: ZoteroItem[]): ZoteroItem[] {
  const taken = new Set(items.filter((i) => i.citationKey).map((i) => i.citationKey));
  return items.map((item) => {
    if (item.citationKey) return item;
    const base = formulaKey(item);
    let key = base;
    for (let n = 0; taken.has(key); n++) key = base + suffix(n);
    taken.add(key);
    return { ...item, citationKey: key };
  });
}

/** a, b, …, z, aa, ab, … */
function suffix(n: number): string {
  let s = '';
  let k = n;
  do {
    s = String.fromCharCode(97 + (k % 26)) + s;
    k = Math.floor(k / 26) - 1;
  } while (k >= 0);
  return s;
}

/**
 * Citation keys from Better BibTeX's database (`citationkey` table of BBT 6 and later), by
 * `libraryID:itemKey`. A database that cannot be read gives no keys: the formula stands in.
 */
function betterBibtexKeys(bytes: Uint8Array | undefined): Map<string, string> {
  const keys = new Map<string, string>();
  if (!bytes) return keys;
  try {
    const db = new SqliteDatabase(bytes);
    if (!db.hasTable('citationkey')) return keys;
    for (const r of db.rows('citationkey')) {
      const key = text(r.citationKey ?? r.citationkey).trim();
      if (key) keys.set(`${num(r.libraryID)}:${text(r.itemKey)}`, key);
    }
  } catch {
    // Better BibTeX's file is its own; a damaged one must not stop the library.
  }
  return keys;
}

/** A multipart date ("2008-01-00 January 2008") as an ISO date with its unknown parts left off ("2008-01"). */
export function isoDate(multipart: string | undefined): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(multipart ?? '');
  if (!m || m[1] === '0000') return undefined;
  if (m[2] === '00') return m[1];
  return m[3] === '00' ? `${m[1]}-${m[2]}` : `${m[1]}-${m[2]}-${m[3]}`;
}
