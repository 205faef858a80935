/**
 * Which language's rules read a source. Front matter's `language` decides; without it the
 * language is guessed from the letters of the text: Chinese, Japanese and Korean are told apart
 * from each other and from alphabetic text by their scripts, which is all the rules need (they
 * differ in sentence ends, quotation marks, attribution cues and provision numbers, not in
 * vocabulary). Alphabetic text keeps the default rules, written for English.
 */

/** The families of rules Verbatim has. */
export type RuleFamily = 'zh' | 'ja' | 'ko' | 'default';

/** How many characters of the body are read to guess (a long page says no more than its start). */
const sampleChars = 20_000;
/** Letters needed before guessing at all: a title or a few words say too little. */
const minLetters = 8;

/**
 * The language of `text` (from `from` on) as a BCP 47 primary tag, `zh`, `ja` or `ko`, when
 * letters of those scripts make at least a third of its letters; undefined otherwise. Japanese
 * is told from Chinese by its kana, which any Japanese sentence holds and Chinese never does.
 */
export function detectLanguage(text: string, from = 0): 'zh' | 'ja' | 'ko' | undefined {
  let han = 0;
  let kana = 0;
  let hangul = 0;
  let letters = 0;
  const end = Math.min(text.length, from + sampleChars);
  for (let i = from; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      if ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) letters++;
      continue;
    }
    const ch = text[i];
    if (isHan(c) || (c >= 0xd840 && c <= 0xd87f)) { han++; letters++; } // a surrogate pair counts once, by its high half
    else if ((c >= 0x3040 && c <= 0x30ff) || (c >= 0x31f0 && c <= 0x31ff) || (c >= 0xff66 && c <= 0xff9f)) { kana++; letters++; }
    else if ((c >= 0xac00 && c <= 0xd7a3) || (c >= 0x1100 && c <= 0x11ff) || (c >= 0x3130 && c <= 0x318f)) { hangul++; letters++; }
    else if (c < 0xdc00 || c > 0xdfff) { if (/\p{L}/u.test(ch)) letters++; }
  }
  if (letters < minLetters) return undefined;
  const share = (n: number): number => n / letters;
  if (share(hangul) >= 1 / 3 && hangul >= han) return 'ko';
  // Kana are a third or more of Japanese prose; a Chinese text quoting a Japanese name has a few.
  if (share(han + kana) >= 1 / 3 && kana >= Math.max(2, (han + kana) * 0.1)) return 'ja';
  if (share(han + kana) >= 1 / 3) return 'zh';
  return undefined;
}

function isHan(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff) || c === 0x3007;
}

/** The rule family of a BCP 47 tag (`zh-CN`, `zh-Hant-TW`, `cmn`, `yue`, `ja-JP`, `ko`). */
export function ruleFamily(language: string | undefined): RuleFamily {
  const primary = (language ?? '').trim().toLowerCase().split(/[-_]/)[0];
  if (primary === 'zh' || primary === 'cmn' || primary === 'yue' || primary === 'wuu' || primary === 'hak' || primary === 'nan' || primary === 'lzh') return 'zh';
  if (primary === 'ja' || primary === 'jpn') return 'ja';
  if (primary === 'ko' || primary === 'kor') return 'ko';
  return 'default';
}

/** True for the families whose text is written without spaces between words. */
export function writtenWithoutSpaces(family: RuleFamily): boolean {
  return family === 'zh' || family === 'ja';
}

/** Han, kana or Hangul: letters of the scripts written in CJK texts. */
export const cjkLetter = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
