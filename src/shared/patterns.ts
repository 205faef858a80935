/**
 * The folder a glob pattern reads from: its segments before the first wildcard
 * (`sources/**\/*.md` → `sources`, `./research/notes/*.txt` → `research/notes`). Undefined for
 * a pattern that starts with a wildcard, is absolute, or climbs out of the workspace folder.
 */
export function patternFolder(pattern: string): string | undefined {
  const normalised = pattern.replace(/\\/g, '/');
  if (normalised.startsWith('/') || /^[a-z]:/i.test(normalised)) return undefined;
  const fixed: string[] = [];
  for (const segment of normalised.split('/').slice(0, -1)) {
    if (/[*?[\]{}!]/.test(segment)) break;
    if (segment === '..') return undefined;
    if (segment !== '.' && segment !== '') fixed.push(segment);
  }
  return fixed.length ? fixed.join('/') : undefined;
}

/** A file watcher the server asks the editor for: a glob, and whether only deletions matter. */
export interface WatchedGlob {
  readonly globPattern: string;
  readonly deletionsOnly: boolean;
}

/**
 * What to watch for the source patterns: the files they match, in any workspace folder; and,
 * since a deleted folder is reported as the folder alone (which no source pattern matches),
 * deletions in and of the folders the patterns read.
 */
export function watchedGlobs(sources: readonly string[]): WatchedGlob[] {
  const folders = [...new Set(sources.map(patternFolder).filter((f) => f !== undefined))];
  return [
    ...sources.map((pattern) => ({ globPattern: `**/${pattern.replace(/^\*\*\//, '')}`, deletionsOnly: false })),
    ...folders.flatMap((folder) => [`**/${folder}`, `**/${folder}/**`]).map((globPattern) => ({ globPattern, deletionsOnly: true })),
  ];
}
