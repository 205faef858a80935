import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import picomatch from 'picomatch';
import type { IWorkspace, SourceRef } from '../core';
import { messages } from '../shared/strings';
import { sourceProblemCodes } from '../shared/diagnosticCodes';

/** Folders never searched for sources: they hold tools and history, not writing. */
const skippedFolders = new Set(['node_modules', '.git', '.hg', '.svn', 'out', 'dist', '.vscode-test']);
/** Stop walking a folder tree after this many entries, so a mistaken root cannot stall indexing. */
const maxEntries = 200_000;

/**
 * The Node file system as the core's workspace: sources are the files under the root folders
 * that match the patterns. A link (or a `../` path) that leads outside the roots is found but
 * never read: reading it fails with `verbatim.source.outsideWorkspace`, so the writer sees why.
 */
export class NodeWorkspace implements IWorkspace {
  #roots: string[];
  /** The roots with links resolved, once per set of roots rather than once per file read. */
  #realRoots: Promise<string[]> | undefined;

  constructor(roots: readonly string[]) {
    this.#roots = roots.map((r) => path.resolve(r));
  }

  setRoots(roots: readonly string[]): void {
    this.#roots = roots.map((r) => path.resolve(r));
    this.#realRoots = undefined;
  }

  get roots(): readonly string[] {
    return this.#roots;
  }

  /** Whether a file path is a source under `patterns` in one of the roots. */
  matches(file: string, patterns: readonly string[]): boolean {
    const isMatch = picomatch(patterns as string[], { dot: false });
    return this.#roots.some((root) => {
      const rel = path.relative(root, file);
      return !rel.startsWith('..') && !path.isAbsolute(rel) && isMatch(rel.split(path.sep).join('/'));
    });
  }

  async findSources(patterns: readonly string[]): Promise<readonly SourceRef[]> {
    const isMatch = picomatch(patterns as string[], { dot: false });
    const refs: SourceRef[] = [];
    for (const root of this.#roots) {
      let entries = 0;
      const walk = async (dir: string): Promise<void> => {
        let list: import('node:fs').Dirent[];
        try {
          list = await fs.readdir(dir, { withFileTypes: true });
        } catch {
          return;
        }
        list.sort((a, b) => a.name.localeCompare(b.name));
        for (const entry of list) {
          if (++entries > maxEntries) return;
          const full = path.join(dir, entry.name);
          if (entry.isDirectory()) {
            if (!skippedFolders.has(entry.name) && !entry.name.startsWith('.')) await walk(full);
            continue;
          }
          const rel = path.relative(root, full).split(path.sep).join('/');
          if (!isMatch(rel)) continue;
          if (entry.isFile() || entry.isSymbolicLink()) refs.push(refOf(root, full));
        }
      };
      await walk(root);
    }
    return refs;
  }

  async readFile(ref: SourceRef, maxBytes: number): Promise<Uint8Array> {
    const file = fileURLToPath(ref.uri);
    // Workspace Trust promises that sources come from the workspace folders only.
    if (!(await this.#inside(file))) {
      throw Object.assign(new Error(messages.sourceOutsideWorkspace), { code: sourceProblemCodes.outsideWorkspace });
    }
    const handle = await fs.open(file, 'r').catch((error: NodeJS.ErrnoException) => {
      throw new Error(error.code === 'ENOENT' ? 'the file does not exist' : error.code === 'EACCES' ? 'permission denied' : error.message);
    });
    try {
      const stat = await handle.stat();
      if (!stat.isFile()) throw new Error('it is not a regular file');
      const size = Math.min(stat.size, maxBytes + 1);
      const buffer = new Uint8Array(size);
      let read = 0;
      while (read < size) {
        const { bytesRead } = await handle.read(buffer, read, size - read, read);
        if (bytesRead === 0) break;
        read += bytesRead;
      }
      return buffer.subarray(0, read);
    } finally {
      await handle.close();
    }
  }

  /** Whether the file, links resolved, is inside one of the roots (links resolved too). */
  async #inside(file: string): Promise<boolean> {
    this.#realRoots ??= Promise.all(this.#roots.map((r) => fs.realpath(r).catch(() => r)));
    const realRoots = await this.#realRoots;
    // A file that does not exist is inside if its path is; opening it then says it does not exist.
    const real = await fs.realpath(file).catch(() => path.resolve(file));
    return realRoots.some((root) => {
      const rel = path.relative(root, real);
      return !rel.startsWith('..') && !path.isAbsolute(rel);
    });
  }

  /** The ref of a file path, as `findSources` would give it. */
  refFor(file: string): SourceRef {
    const root = this.#roots.find((r) => !path.relative(r, file).startsWith('..')) ?? path.dirname(file);
    return refOf(root, file);
  }
}

function refOf(root: string, file: string): SourceRef {
  return { uri: pathToFileURL(file).href, path: path.relative(root, file).split(path.sep).join('/') || path.basename(file) };
}
