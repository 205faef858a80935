/**
 * Where the walkthrough puts things, from the settings alone (no editor API, so it is unit-tested).
 */

/**
 * The folder the first source pattern reads from: the part before its first wildcard
 * (`sources/**\/*.md` → `sources`, `research/sources/*.txt` → `research/sources`). A pattern
 * that starts with a wildcard, is absolute or climbs out of the folder gives `sources`.
 */
export function sourceFolderOf(patterns: readonly string[]): string {
  for (const pattern of patterns) {
    const segments = pattern.replace(/\\/g, '/').split('/');
    const fixed: string[] = [];
    for (const segment of segments.slice(0, -1)) {
      if (/[*?[\]{}!]/.test(segment)) break;
      fixed.push(segment);
    }
    const folder = fixed.filter((s) => s !== '.' && s !== '').join('/');
    if (!folder || pattern.startsWith('/') || /^[a-z]:/i.test(pattern) || fixed.includes('..')) continue;
    return folder;
  }
  return 'sources';
}

/**
 * Whether an edit to a draft put in a quotation with its citation, as completion and the
 * insert-quote picker do: a closing quotation mark followed by a Pandoc, footnote or
 * parenthetical citation.
 */
export function insertsCitedQuote(inserted: string): boolean {
  return /[”」"’]\s?(?:\[@[^\]\n]+\]|\[\^\d+\]|\([^()\n]+\))/.test(inserted);
}
