/**
 * Numbers of provisions in rules and laws, so a clause can be cited as "art. 5(1)(a)" or
 * "第五条（一）". Levels: 0 chapters and parts (they reset what follows), 1 articles and
 * sections, 2 numbered paragraphs, 3 lettered items.
 */
export interface ProvisionMarker {
  readonly level: 0 | 1 | 2 | 3;
  /** The marker as it reads ("Article 5", "(a)", "第五条"). */
  readonly text: string;
  /** Length of the marker and the space after it in the source line. */
  readonly length: number;
}

const patterns: readonly [RegExp, ProvisionMarker['level']][] = [
  [/^(?:Chapter|Part|Title)\s+[\dIVXLC]+[A-Z]?\b[.:]?\s*/, 0],
  [/^第[一二三四五六七八九十百千零〇\d]+[章节編编]\s*/, 0],
  [/^(?:Article|Art\.|Section|Sec\.|Rule|Regulation|Clause)\s+\d+[A-Za-z]?\b[.:]?\s*/, 1],
  [/^§+\s*\d+[A-Z]?\.?\s*/i, 1],
  [/^第[一二三四五六七八九十百千零〇\d]+条\s*/, 1],
  [/^第[一二三四五六七八九十百千零〇\d]+款\s*/, 2],
  [/^[（(][一二三四五六七八九十]+[)）]\s*/, 2],
  [/^\(\d{1,3}\)\s*/, 2],
  [/^\d{1,3}[.)]\s+/, 2],
  [/^第[一二三四五六七八九十百千零〇\d]+项\s*/, 3],
  [/^\((?:[a-z]|[ivx]{1,5})\)\s*/, 3],
];

/** The provision marker a line starts with, if any. */
export function provisionMarker(line: string): ProvisionMarker | null {
  for (const [pattern, level] of patterns) {
    const m = pattern.exec(line);
    if (m) return { level, text: m[0].trim().replace(/[.:]$/, ''), length: m[0].length };
  }
  return null;
}

/** Keeps the current article, paragraph and item while reading a rule in order. */
export class ProvisionTracker {
  #parts: string[] = [];

  /** The article or section the text is in, for paragraphs under an "Article 19" heading. */
  get current(): string | undefined {
    return this.#parts[0] || undefined;
  }

  /** A Markdown heading ends the article it follows. */
  leave(): void {
    this.#parts = [];
  }

  /** Returns the full label of the provision that `marker` opens ("Article 5(1)(a)"). */
  enter(marker: ProvisionMarker): string | undefined {
    if (marker.level === 0) {
      this.#parts = [];
      return undefined;
    }
    this.#parts.length = marker.level - 1;
    for (let i = 0; i < marker.level - 1; i++) this.#parts[i] ??= '';
    this.#parts[marker.level - 1] = marker.text;
    return this.#parts.filter(Boolean).map((p, i) => (i > 0 && /^\d+$/.test(p.replace(/[.)]$/, '')) ? `(${p.replace(/[.)]$/, '')})` : p.replace(/\.$/, ''))).join('');
  }
}
