import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position } from 'vscode-languageserver-types';
import { createVerbatimService, type IIndexStore, type IVerbatimService, type IWorkspace, type SourceRef } from '../../src/core';
import { defaultSettings, type VerbatimSettings } from '../../src/shared/settings';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

/** Lines joined with \n, so documents read in tests as they read in an editor. */
export function joinLines(...lines: string[]): string {
  return lines.join('\n');
}

/** A workspace in memory: paths to text (or bytes). Fake, not mock: it behaves like a folder. */
export class MemoryWorkspace implements IWorkspace {
  readonly files = new Map<string, string | Uint8Array>();
  reads = 0;

  constructor(files: Record<string, string | Uint8Array> = {}) {
    for (const [p, content] of Object.entries(files)) this.files.set(p, content);
  }

  async findSources(): Promise<readonly SourceRef[]> {
    return [...this.files.keys()].sort().map((p) => ({ uri: `memory:/${p}`, path: p }));
  }

  async readFile(ref: SourceRef, maxBytes: number): Promise<Uint8Array> {
    this.reads++;
    const content = this.files.get(ref.path);
    if (content === undefined) throw new Error('the file does not exist');
    const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
    return bytes.subarray(0, maxBytes + 1);
  }
}

/** A service over the given files, already indexed. */
export async function indexedService(files: Record<string, string | Uint8Array>, settings: Partial<VerbatimSettings> = {}): Promise<IVerbatimService> {
  const service = createVerbatimService({ workspace: new MemoryWorkspace(files), settings: { ...defaultSettings, ...settings } });
  await service.reindex();
  return service;
}

/** The seed article, a real news source, from the test fixtures. */
export const seedArticle = readFileSync(path.join(__dirname, '../../../test/fixtures/seed/hkfp-2017-vpn.md'), 'utf8');

/** Marks the cursor in a draft written inline. */
export const cursor = '‸';

/** A Markdown document from text holding one cursor mark, and the cursor's position. */
export function draftWithCursor(text: string, uri = 'memory:/draft.md'): { document: TextDocument; position: Position } {
  const at = text.indexOf(cursor);
  if (at < 0) throw new Error('the draft has no cursor mark');
  const document = TextDocument.create(uri, 'markdown', 1, text.slice(0, at) + text.slice(at + cursor.length));
  return { document, position: document.positionAt(at) };
}

/** An index store in memory: what was saved last, and how often. */
export class MemoryIndexStore implements IIndexStore {
  bytes: Uint8Array | undefined;
  saves = 0;

  async load(): Promise<Uint8Array | undefined> {
    return this.bytes;
  }

  async save(bytes: Uint8Array): Promise<void> {
    this.saves++;
    this.bytes = bytes.slice();
  }
}
