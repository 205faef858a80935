import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { rootRelativeFile, type ReportFile } from '../core';

/** The formats `verbatim check --format` writes. */
export const checkFormats = ['text', 'json', 'sarif', 'github', 'junit', 'gitlab'] as const;

/** One of `checkFormats`. */
export type CheckFormat = typeof checkFormats[number];

/**
 * Where the files of a check stand for CI tools: relative to `root` (the repository's top,
 * by default the current folder) when inside it, else by their absolute file URI.
 */
export function rootLocation(root: string): { locate: (p: string) => ReportFile; rootUri: string } {
  const top = path.resolve(root);
  const rootUri = pathToFileURL(top).href.replace(/\/?$/, '/');
  const locate = (p: string): ReportFile => {
    const full = path.resolve(p);
    const relative = path.relative(top, full);
    if (relative === '' || relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) return { path: full, uri: pathToFileURL(full).href };
    return rootRelativeFile(relative.split(path.sep).join('/'));
  };
  return { locate, rootUri };
}
