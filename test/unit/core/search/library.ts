import type { Passage, PassageKind, SourceDoc } from '../../../../src/core/model';

/** Deterministic pseudo-random numbers (mulberry32), so a generated library is the same every run. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const vocabulary = (
  'council budget reservoir summer drought minister hospital nurses strike union wages teachers ' +
  'school district funding election ballot county commissioner bridge closure traffic engineer ' +
  'harbour ferry tariff exports farmers harvest rainfall flooding insurance premiums housing ' +
  'rent tenants landlord eviction court ruling appeal judge prosecutor evidence police station ' +
  'museum archive library opening hours volunteers charity donation mayor governor senator ' +
  'pipeline permit emissions climate target factory workers layoffs pension reform inflation ' +
  'interest rates central bank currency market investors shares quarterly profit warning ' +
  'airport runway expansion noise residents petition protest square cathedral restoration ' +
  'vaccine clinic patients waiting list surgery doctors shortage ambulance response times'
).split(' ');

const speakers = ['the mayor', 'Maria Lopez', 'the union', 'Governor Chen', 'the ministry', 'Ahmed Karimi', 'the court'];

/** A source of passages written inline: one per entry, with its kind and speaker. */
export function source(key: string, passages: readonly { text: string; kind?: PassageKind; speaker?: string }[]): SourceDoc {
  const text = passages.map((p) => p.text).join('\n\n');
  let offset = 0;
  const built: Passage[] = passages.map((p, i) => {
    const start = offset;
    offset += p.text.length + 2;
    const kind = p.kind ?? 'quote';
    return {
      id: `${key}#${kind}-${i + 1}-1`, key, kind, text: p.text, ...(p.speaker ? { speaker: p.speaker } : {}),
      speakerMention: null, paragraph: i + 1, sentence: { start, end: start + p.text.length }, start, end: start + p.text.length,
    };
  });
  return { uri: `memory:/sources/${key}.md`, path: `sources/${key}.md`, meta: { key, outlet: 'The Daily Ledger' }, text, bodyStart: 0, blocks: [], passages: built };
}

/** A library of `sources` sources of `perSource` generated sentences each, the same every run. */
export function generatedLibrary(sources: number, perSource: number, seed = 7): SourceDoc[] {
  const rng = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)];
  const kinds: PassageKind[] = ['quote', 'quote', 'reported', 'clause'];
  const docs: SourceDoc[] = [];
  for (let s = 0; s < sources; s++) {
    const passages = Array.from({ length: perSource }, () => {
      const words = Array.from({ length: 8 + Math.floor(rng() * 12) }, () => pick(vocabulary));
      const kind = pick(kinds);
      return { text: `${words.join(' ')}.`, kind, speaker: kind === 'clause' ? undefined : pick(speakers) };
    });
    docs.push(source(`source-${s}`, passages));
  }
  return docs;
}

/** Four words remembered from a passage, in order, the second one mistyped when `typo` is set. */
export function remembered(passage: Passage, rng: () => number, typo: boolean): string {
  const words = passage.text.toLowerCase().match(/[a-z]+/g) ?? [];
  const chosen = [...new Set(words)].filter((w) => w.length >= 5);
  const four: string[] = [];
  while (four.length < 4 && chosen.length) four.push(chosen.splice(Math.floor(rng() * chosen.length), 1)[0]);
  if (typo && four.length > 1) {
    const w = four[1];
    const at = 1 + Math.floor(rng() * (w.length - 2));
    four[1] = w.slice(0, at) + w.slice(at + 1);
  }
  return four.join(' ');
}
