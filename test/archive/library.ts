import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const words = ('budget council housing river school hospital election ferry bridge tariff vaccine drought harbour ' +
  'pension railway curfew subsidy lifeline internet museum library factory strike teachers nurses farmers ' +
  'deficit inflation wages rents flood wildfire refinery airport tunnel mayor minister senator border ' +
  'contract audit pipeline reservoir clinic stadium license permit reform ballot').split(' ');
const names = ['Maria Lopez', 'John Okafor', 'Wei Chen', 'Anna Schmidt', 'Omar Haddad', 'Ines Duarte', 'Kenji Sato', 'Ruth Adler'];
const outlets = ['Harbour Times', 'Valley Post', 'Metro Ledger', 'Coast Wire'];

/** A small deterministic pseudo-random generator, so that the library is the same on every run. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Writes `count` news articles with quotations and reported speech into a new folder; returns it. */
export function writeLibrary(count: number, seed = 7, variant = ''): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'verbatim-lib-'));
  mkdirSync(path.join(dir, 'sources'));
  for (let i = 0; i < count; i++) writeFileSync(path.join(dir, 'sources', `article-${i}.md`), article(i, seed, variant));
  return dir;
}

/** One article: front matter, then paragraphs each holding a quotation and a reported statement. */
export function article(i: number, seed = 7, variant = ''): string {
  const random = prng(seed * 100_003 + i);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const sentence = (n: number) => Array.from({ length: n }, () => pick(words)).join(' ');
  const paragraphs: string[] = [];
  for (let p = 0; p < 4; p++) {
    const speaker = pick(names);
    paragraphs.push(`“The ${sentence(6)} ${variant}must ${sentence(5)},” said ${speaker}. ${speaker.split(' ')[1]} said that the ${sentence(7)} would ${sentence(4)}.`);
  }
  return `---\nid: article-${i}\ntitle: The ${sentence(3)}\nauthor: ${pick(names)}\noutlet: ${pick(outlets)}\ndate: 2024-0${1 + (i % 9)}-1${i % 10}\n---\n\n${paragraphs.join('\n\n')}\n`;
}
