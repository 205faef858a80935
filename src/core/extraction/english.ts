import type { Block } from '../model';
import { ruleFamily } from '../text/language';

/**
 * Whether the English rules of attribution (speech verbs, "according to", names told by their
 * capitals) may read a source. A declared language decides; an undeclared alphabetic text is
 * English unless the commonest words of French, German, Spanish, Italian or Portuguese
 * outnumber English ones in its first paragraphs: "Une" and "Deux" are no speakers.
 */
export function readsAsEnglish(text: string, blocks: readonly Block[], locale: string | undefined): boolean {
  if (locale !== undefined && locale.trim() !== '') {
    const primary = locale.trim().toLowerCase().split(/[-_]/)[0];
    return primary === 'en' || primary === 'eng';
  }
  if (ruleFamily(locale) !== 'default') return false;
  const counts = new Map<string, number>();
  let read = 0;
  for (const block of blocks) {
    const sample = text.slice(block.start, Math.min(block.end, block.start + sampleChars - read));
    for (const m of sample.toLowerCase().matchAll(/\p{L}+/gu)) {
      const language = commonWords.get(m[0]);
      if (language) counts.set(language, (counts.get(language) ?? 0) + 1);
    }
    read += sample.length;
    if (read >= sampleChars) break;
  }
  const english = counts.get('en') ?? 0;
  return [...counts.entries()].every(([language, n]) => language === 'en' || n <= english);
}

/** How much of a source is read to tell its language: its start says as much as the rest. */
const sampleChars = 8_000;

/** Words frequent in one language and rare in the others, by language. */
const commonWords = new Map<string, string>([
  ...'the and of to is was that with for are said this have from by not but they which'.split(' ').map((w) => [w, 'en'] as const),
  ...'le la les des et est une dans pour que qui sur pas par avec sont mais cette aux ont été'.split(' ').map((w) => [w, 'fr'] as const),
  ...'der die das und ist nicht ein eine mit sich den auf dem zu auch sie es wird sind für'.split(' ').map((w) => [w, 'de'] as const),
  ...'el los las y es en una por con para del se al lo como más pero sus'.split(' ').map((w) => [w, 'es'] as const),
  ...'il di che è per non una sono della gli alla nel anche più ma come'.split(' ').map((w) => [w, 'it'] as const),
  ...'o os as um uma não do da dos das em para com que mais foi são'.split(' ').map((w) => [w, 'pt'] as const),
]);
