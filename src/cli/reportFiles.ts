import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { rootRelativeFile, type ReportFile } from '../core';
import type { CheckSeverities, SeverityLevel } from '../shared/settings';

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

const levels: readonly SeverityLevel[] = ['error', 'warning', 'information', 'hint', 'off'];

/**
 * The levels of `--severity KIND=LEVEL,…` over the defaults, with the kinds and levels of the
 * `verbatim.check.severity` setting; a kind or level it does not know is an error, not ignored.
 */
export function severitiesFrom(spec: string, base: CheckSeverities): CheckSeverities {
  const chosen: Record<string, SeverityLevel> = { ...base };
  for (const pair of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    const [kind, level] = pair.split('=').map((s) => s.trim());
    if (!Object.hasOwn(base, kind)) throw new Error(`--severity: unknown kind "${kind}" (one of ${Object.keys(base).join(', ')})`);
    if (!levels.includes(level as SeverityLevel)) throw new Error(`--severity: ${kind} takes ${levels.join(', ')}, not "${level ?? ''}"`);
    chosen[kind] = level as SeverityLevel;
  }
  return Object.freeze(chosen) as unknown as CheckSeverities;
}
