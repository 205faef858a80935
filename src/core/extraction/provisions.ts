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

const digits: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const units: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** The value of a Chinese numeral (十二, 二十一, 一百零五) or of Arabic digits; undefined when it is neither. */
export function chineseNumber(s: string): number | undefined {
  if (/^\d+$/.test(s)) return Number(s);
  if (s === '' || s.length > 12) return undefined;
  let total = 0;
  let pending = 0;
  for (const ch of s) {
    if (ch in digits) pending = digits[ch];
    else if (ch in units) {
      total += (pending || 1) * units[ch];
      pending = 0;
    } else return undefined;
  }
  return total + pending;
}

/** 1 → 一, 12 → 十二, 21 → 二十一, 105 → 一百零五 (up to 9,999). */
export function chineseNumeral(n: number): string {
  const names = '零一二三四五六七八九';
  if (n < 10) return names[n];
  if (n < 20) return `十${n % 10 ? names[n % 10] : ''}`;
  const parts: string[] = [];
  let zero = false;
  for (const [unit, name] of [[1000, '千'], [100, '百'], [10, '十'], [1, '']] as const) {
    const d = Math.floor(n / unit) % 10;
    if (d === 0) { zero = parts.length > 0; continue; }
    if (zero) { parts.push('零'); zero = false; }
    parts.push(names[d] + name);
  }
  return parts.join('');
}

/**
 * Where a clause stands in a Chinese rule: its article (条), its paragraph (款, counted by
 * position, since paragraphs carry no number in the text) and its item (项, numbered （一）).
 */
export interface ZhProvision {
  readonly article: ZhArticle;
  readonly paragraph: number;
  readonly item?: number;
}

/** An article as read so far; `paragraphs` grows while the article's paragraphs are read. */
export interface ZhArticle {
  readonly text: string;
  paragraphs: number;
}

/**
 * The label lawyers cite a Chinese provision by: 第三条, 第三条第二款, 第四条第一款第（二）项.
 * An article of one paragraph is cited without 第一款 (第五条第（一）项).
 */
export function zhLabel(p: ZhProvision): string {
  const paragraph = p.article.paragraphs > 1 ? `第${chineseNumeral(p.paragraph)}款` : '';
  const item = p.item !== undefined ? `第（${chineseNumeral(p.item)}）项` : '';
  return `${p.article.text}${paragraph}${item}`;
}

/** Follows articles, paragraphs and items of a Chinese rule read in order. */
export class ZhProvisionTracker {
  #article: ZhArticle | undefined;
  #paragraph = 0;

  /** The position a numbered line opens (第三条, （一）), or undefined outside an article. */
  enter(marker: ProvisionMarker): ZhProvision | undefined {
    const article = /^第([一二三四五六七八九十百千零〇两\d]+)条$/.exec(marker.text);
    if (article) {
      const n = chineseNumber(article[1]);
      this.#article = { text: n === undefined ? marker.text : `第${chineseNumeral(n)}条`, paragraphs: 1 };
      this.#paragraph = 1;
      return { article: this.#article, paragraph: 1 };
    }
    if (marker.level === 0) { this.leave(); return undefined; }
    const item = /^[（(]([一二三四五六七八九十]+)[)）]$/.exec(marker.text);
    if (item && this.#article) return { article: this.#article, paragraph: this.#paragraph, item: chineseNumber(item[1]) };
    return undefined;
  }

  /** An unnumbered paragraph inside an article: its next 款. */
  paragraph(): ZhProvision | undefined {
    if (!this.#article) return undefined;
    this.#paragraph++;
    this.#article.paragraphs = Math.max(this.#article.paragraphs, this.#paragraph);
    return { article: this.#article, paragraph: this.#paragraph };
  }

  /** A heading ends the article it follows. */
  leave(): void {
    this.#article = undefined;
    this.#paragraph = 0;
  }
}

/** A Chinese provision label read into numbers: 第三条第二款第（一）项, 第3条, 第五条（一）. */
export function zhProvisionParts(label: string): { article: number; paragraph?: number; item?: number } | undefined {
  const numeral = '[一二三四五六七八九十百千零〇两\\d]+';
  const m = new RegExp(`^第(${numeral})条(?:第(${numeral})款)?(?:第?[（(](${numeral})[)）]项?|第(${numeral})项)?$`).exec(label.replace(/\s+/g, ''));
  if (!m) return undefined;
  const article = chineseNumber(m[1]);
  if (article === undefined) return undefined;
  const paragraph = m[2] ? chineseNumber(m[2]) : undefined;
  const itemText = m[3] ?? m[4];
  const item = itemText ? chineseNumber(itemText) : undefined;
  return { article, ...(paragraph !== undefined ? { paragraph } : {}), ...(item !== undefined ? { item } : {}) };
}

/**
 * Whether a cited Chinese provision names the clause labelled `label`. A citation without 款
 * names the first paragraph when it gives an item (第五条第（一）项), and the article's first
 * clause when it gives neither (第三条).
 */
export function citesZhProvision(cited: string, label: string): boolean {
  const want = zhProvisionParts(cited);
  const have = zhProvisionParts(label);
  if (!want || !have || want.article !== have.article) return false;
  if (want.paragraph === undefined && want.item === undefined) return true;
  if ((want.paragraph ?? 1) !== (have.paragraph ?? 1)) return false;
  return want.item === undefined || want.item === have.item;
}
