import { readFileSync } from 'node:fs';
import * as path from 'node:path';

/** The Zotero fixtures, written by test/fixtures/zotero/make-fixtures.py from Zotero's schema. */
export const zoteroFixtures = path.join(__dirname, '../../../../../test/fixtures/zotero');

/** A fixture file's bytes. */
export function zoteroFixture(...parts: string[]): Uint8Array {
  return new Uint8Array(readFileSync(path.join(zoteroFixtures, ...parts)));
}
