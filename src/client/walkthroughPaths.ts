/**
 * Where the walkthrough puts things, from the settings alone (no editor API, so it is unit-tested).
 */
import { patternFolder } from '../shared/patterns';

/**
 * The folder the first source pattern with one reads from (`sources/**\/*.md` → `sources`);
 * `sources` when no pattern names a folder inside the workspace.
 */
export function sourceFolderOf(patterns: readonly string[]): string {
  for (const pattern of patterns) {
    const folder = patternFolder(pattern);
    if (folder) return folder;
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
