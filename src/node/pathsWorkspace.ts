import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { IWorkspace, SourceRef } from '../core';
import { NodeWorkspace } from './nodeWorkspace';

/** Files and folders named on the command line. Folders give their .md, .markdown, .txt, .html, .htm and .pdf files. */
export const folderPatterns = ['**/*.md', '**/*.markdown', '**/*.txt', '**/*.html', '**/*.htm', '**/*.pdf'];

/** The workspace of a command line: the paths it names, shown relative to the current folder. */
export class PathsWorkspace implements IWorkspace {
  /** Reads what the command line names: each named file or folder is a root, so it is inside. */
  readonly #files: NodeWorkspace;

  constructor(readonly paths: readonly string[]) {
    this.#files = new NodeWorkspace(paths);
  }

  /** The first path that does not exist, if any. */
  async missing(): Promise<string | undefined> {
    for (const p of this.paths) {
      if (!(await fs.stat(p).then(() => true, () => false))) return p;
    }
    return undefined;
  }

  async findSources(): Promise<readonly SourceRef[]> {
    const refs: SourceRef[] = [];
    for (const p of this.paths) {
      const full = path.resolve(p);
      const stat = await fs.stat(full);
      if (stat.isDirectory()) {
        for (const ref of await new NodeWorkspace([full]).findSources(folderPatterns)) {
          refs.push({ uri: ref.uri, path: path.relative(process.cwd(), path.join(full, ref.path)) });
        }
      } else {
        refs.push({ uri: pathToFileURL(full).href, path: path.relative(process.cwd(), full) || p });
      }
    }
    return refs;
  }

  readFile(ref: SourceRef, maxBytes: number): Promise<Uint8Array> {
    return this.#files.readFile(ref, maxBytes);
  }
}
