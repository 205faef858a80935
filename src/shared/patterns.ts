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
