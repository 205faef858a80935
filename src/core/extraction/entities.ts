import type { Mention } from './mentions';
import { nameTitles, notNames, referenceNouns } from './lexicon';
import { isCapitalized, type Token } from './tokens';

interface Named {
  readonly name: string;
  readonly at: number;
  readonly organisation: boolean;
}

const organisationWords = /\b(?:Ministry|Department|Party|Committee|Commission|Campaign|Association|Institute|University|College|Council|News|Times|Post|Press|Journal|Company|Inc|Corp|Corporation|Group|Bank|Agency|Administration|Government|House|Foundation|Center|Centre|Office|Court|Police|Congress|Senate|Network|Organi[sz]ation|Union|Federation|Bureau|Services?|Fund|Board|Authority|Trust|Club|Project|Watch|Alliance|Coalition|Society|Media|Reuters|Guardian|CNN|BBC|Fox|America|International|Republicans?|Democrats?|GOP|DNC|RNC|FBI|CIA|NATO|UN|EU)\b/;

/**
 * Follows the people and organisations a source names, in reading order, so that a later
 * short mention ("he", "the ministry", "Smith", "MIIT") resolves to the fullest name given
 * earlier ("Charlie Smith", "the Ministry of Industry and Information Technology (MIIT)").
 */
/** How many of the latest names and speakers a mention may resolve to. */
const maxLookback = 200;

export class EntityTracker {
  readonly #names: Named[] = [];
  readonly #speakers: Named[] = [];
  /** One-word names ("Trump"), for the antecedent of a relative "who". */
  readonly #singles: Named[] = [];

  /** Learns the multi-word names and acronym definitions among `tokens`. */
  observe(tokens: readonly Token[]): void {
    for (let i = 0; i < tokens.length; i++) {
      if (!isCapitalized(tokens[i]) || (notNames.has(tokens[i].text) && !nameTitles.has(tokens[i].text))) continue;
      let j = i;
      const parts = [tokens[i].text.replace(/[’']s$/, '')];
      // A possessive ends a name: "China’s VPN crackdown" names China, not "China’s VPN".
      while (j + 1 < tokens.length && !/[’']s$/.test(tokens[j].text)) {
        const next = tokens[j + 1];
        if (isCapitalized(next) && !notNames.has(next.text)) { parts.push(next.text.replace(/[’']s$/, '')); j++; continue; }
        if (next.kind === 'word' && /^(?:of|for|and|de|van|von)$/.test(next.text) && isCapitalized(tokens[j + 2])) { parts.push(next.text); j++; continue; }
        break;
      }
      let name = parts.join(' ');
      // "Full Name (ABBR)": the acronym becomes part of the name so either form resolves to it.
      if (tokens[j + 1]?.text === '(' && /^[\p{Lu}\d&]{2,}$/u.test(tokens[j + 2]?.text ?? '') && tokens[j + 3]?.text === ')') {
        name += ` (${tokens[j + 2].text})`;
        j += 3;
      }
      if (parts.length === 1 && i > 0) this.#singles.push({ name, at: tokens[i].start, organisation: false });
      if (parts.length >= 2 || name.endsWith(')')) {
        this.#names.push({ name: stripTitles(name), at: tokens[i].start, organisation: organisationWords.test(name) || /\([\p{Lu}\d&]{2,}\)$/u.test(name) });
      }
      i = j;
    }
  }

  /** Records who spoke at `at`, so pronouns after it can find them first. */
  spoke(name: string, at: number): void {
    this.#speakers.push({ name, at, organisation: organisationWords.test(name) || /^[\p{Lu}\d&]{2,}$/u.test(name) });
  }

  /** The fullest name a mention stands for, from what was read before `mention.start`. */
  resolve(mention: Mention): string {
    const before = (n: Named): boolean => n.at < mention.start;
    // Only the most recent names are candidates: an article names far fewer, and a source of
    // 100,000 names must not make every mention scan them all.
    const latest = (list: readonly Named[], test: (n: Named) => boolean): Named | undefined => {
      for (let i = list.length - 1; i >= Math.max(0, list.length - maxLookback); i--) if (before(list[i]) && test(list[i])) return list[i];
      return undefined;
    };
    const text = mention.text;
    if (mention.kind === 'pronoun') {
      const word = text.toLowerCase();
      if (word === 'who') {
        // A relative pronoun stands right after its antecedent ("Barack Obama, who …").
        const near = (n: Named): boolean => mention.start - n.at < 160;
        const full = latest(this.#names, near);
        const single = latest(this.#singles, near);
        const antecedent = single && (!full || single.at > full.at + full.name.length) ? single : full;
        return antecedent ? this.resolve({ ...mention, text: antecedent.name, kind: 'name' }) : text;
      }
      if (word === 'he' || word === 'she') {
        // Pronouns reach back a few paragraphs at most; farther back they have other referents.
        const recent = (n: Named): boolean => !n.organisation && mention.start - n.at < 3000;
        return (latest(this.#speakers, recent) ?? latest(this.#names, (n) => recent(n) && n.name.split(' ').length <= 4))?.name ?? text;
      }
      if (word === 'it' || word === 'they') {
        const recent = (n: Named): boolean => n.organisation && mention.start - n.at < 3000;
        return (latest(this.#speakers, recent) ?? latest(this.#names, recent))?.name ?? text;
      }
      return text;
    }
    if (mention.kind === 'reference') {
      const heads = text.toLowerCase().split(/\s+/).filter((w) => referenceNouns.has(w));
      const head = heads[heads.length - 1];
      const named = latest(this.#names, (n) => new RegExp(`\\b${head}\\b`, 'i').test(n.name))
        ?? latest(this.#speakers, (n) => new RegExp(`\\b${head}\\b`, 'i').test(n.name));
      return named?.name ?? text;
    }
    const name = stripTitles(text.replace(/^the\s+/i, ''));
    const words = name.split(' ');
    if (words.length === 1) {
      const acronym = latest(this.#names, (n) => n.name.endsWith(`(${name})`));
      if (acronym) return acronym.name;
      const fullName = (n: Named): boolean => {
        const parts = n.name.split(' ');
        return parts.length > 1 && !n.organisation && (parts[parts.length - 1] === name || parts[0] === name);
      };
      // The later of the two lists' latest, as if they were one list in reading order.
      const spoken = latest(this.#speakers, fullName);
      const named = latest(this.#names, fullName);
      const full = spoken && named ? (named.at < spoken.at ? spoken : named) : spoken ?? named;
      if (full) return full.name;
    } else {
      const longer = latest(this.#names, (n) => n.name !== name && n.name.endsWith(` ${name}`));
      if (longer && !longer.organisation) return longer.name;
    }
    return name;
  }
}

function stripTitles(name: string): string {
  const words = name.split(' ');
  let i = 0;
  while (i < words.length - 1 && nameTitles.has(words[i].replace(/\.$/, ''))) i++;
  return words.slice(i).join(' ');
}
