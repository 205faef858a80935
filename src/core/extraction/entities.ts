import type { Mention } from './mentions';
import { nameTitles, notNames, openingVerbs, referenceNouns, speakerNouns } from './lexicon';
import { isCapitalized, type Token } from './tokens';
import { givenNameGender, pronounGender, wordGender, type Gender } from './gender';

interface Named {
  readonly name: string;
  readonly at: number;
  readonly organisation: boolean;
  /** Where the name ends in the text, when known. */
  readonly end?: number;
  /** A place or a building ("Trinity Church", "the Halls of Justice"): no one "he" or "she" stands for. */
  readonly place?: boolean;
}

/** Words that make a name a place or a building. */
const placeWords = /\b(?:Church|Cathedral|Chapel|Mosque|Synagogue|Temple|Street|Avenue|Road|Lane|Boulevard|Highway|Square|Plaza|Halls?|Park|Gardens?|Bridge|Tower|Building|River|Lake|Mountains?|Mount|Island|Islands|Bay|Coast|Beach|Harbou?r|Sea|Ocean|Gulf|Canal|Valley|Desert|Forest|County|City|Province|Republic|Kingdom|Airport|Station|Hospital|Hotel|Museum|Library|Palace|Castle|Stadium|Arena|Theat(?:er|re)|Prison|Jail|Cemetery)\b/;
/** Prepositions that put a name in the place of a place ("at Trinity Church", "into the Tombs"). */
const locative = /^(?:in|at|into|near|across|through|toward|towards|outside|inside|around|within|onto|beside|past)$/i;

const organisationWords = /\b(?:Ministry|Department|Party|Committee|Commission|Campaign|Association|Institute|University|College|Council|News|Times|Post|Press|Journal|Company|Inc|Corp|Corporation|Group|Bank|Agency|Administration|Government|House|Foundation|Center|Centre|Office|Court|Police|Congress|Senate|Network|Organi[sz]ation|Union|Federation|Bureau|School|Academy|Services?|Fund|Board|Authority|Trust|Club|Project|Watch|Alliance|Coalition|Society|Media|Reuters|Guardian|CNN|BBC|Fox|America|International|Republicans?|Democrats?|GOP|DNC|RNC|FBI|CIA|NATO|UN|EU)\b/;

/**
 * Follows the people and organisations a source names, in reading order, so that a later
 * short mention ("he", "the ministry", "Smith", "MIIT") resolves to the fullest name given
 * earlier ("Charlie Smith", "the Ministry of Industry and Information Technology (MIIT)").
 */
/** Possessive pronouns and the pronoun each stands for. */
const possessivePronouns = new Map([['his', 'he'], ['her', 'she'], ['their', 'they'], ['its', 'it']]);

/** How many of the latest names and speakers a mention may resolve to. */
const maxLookback = 200;

export class EntityTracker {
  readonly #names: Named[] = [];
  readonly #speakers: Named[] = [];
  /** One-word names ("Trump"), for the antecedent of a relative "who". */
  readonly #singles: Named[] = [];
  /** Genders the source tells, by full name and by surname ("Irma Castel", "Ditto"). */
  readonly #genders = new Map<string, Gender>();

  /** Learns the multi-word names and acronym definitions among `tokens`. */
  observe(tokens: readonly Token[]): void {
    for (let i = 0; i < tokens.length; i++) {
      if (!isCapitalized(tokens[i]) || (notNames.has(tokens[i].text) && !nameTitles.has(tokens[i].text))) continue;
      // "Said Ana Wells, …": a verb of speech that opens a sentence is no part of the name after it.
      if (openingVerbs.test(tokens[i].text) && (i === 0 || /^[.!?]$/.test(tokens[i - 1].text) || tokens[i - 1].kind === 'quote')) continue;
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
      this.#learnGender(tokens, i, j, parts);
      if (parts.length === 1) this.#singles.push({ name, at: tokens[i].start, end: tokens[j].end, organisation: false });
      if (parts.length >= 2 || name.endsWith(')')) {
        const the = tokens[i - 1]?.text.toLowerCase() === 'the';
        const preposition = the ? tokens[i - 2] : tokens[i - 1];
        const prepositionWord = preposition?.kind === 'word' ? preposition.text : '';
        // Many of those words are surnames too ("Ann Park", "Frank Church"): a place word
        // counts only where a place stands, after "the" or a preposition of place or motion.
        // A possessive names the owner of the place: "at Donald Trump’s rally".
        const possessive = /[’']s$/.test(tokens[j].text);
        const place = !possessive && (locative.test(prepositionWord) || (placeWords.test(name) && (the || /^(?:to|from|of|via)$/i.test(prepositionWord))));
        this.#names.push({ name: stripTitles(name), at: tokens[i].start, end: tokens[j].end, organisation: organisationWords.test(afterTitle(name)) || /\([\p{Lu}\d&]{2,}\)$/u.test(name), place });
        // "Haoyu Zhang and Alden Thorn": each of two people named together is named too.
        const and = parts.indexOf('and');
        if (and > 0 && !organisationWords.test(name)) {
          for (const side of [parts.slice(0, and), parts.slice(and + 1)]) {
            if (side.length >= 2) this.#names.push({ name: stripTitles(side.join(' ')), at: tokens[i].start, organisation: false, place });
          }
        }
      }
      i = j;
    }
  }

  /** Whether a resolved name may be the person "he" or "she" stands for: no body, place, pair or person of the other gender. */
  #person(name: string, pronoun: string): boolean {
    if (organisationWords.test(afterTitle(name)) || /^[\p{Lu}\d&]{2,}$/u.test(name) || name.includes(' and ')) return false;
    if (!this.#agrees(name, pronoun)) return false;
    return !this.#names.some((n) => n.name === name && (n.organisation || n.place));
  }

  /** Whether "he" or "she" may stand for `name`: its gender is unknown or the pronoun's. */
  #agrees(name: string, pronoun: string): boolean {
    const wanted = pronounGender(pronoun);
    const known = this.#genderOf(name);
    return wanted === undefined || known === undefined || known === wanted;
  }

  #genderOf(name: string): Gender | undefined {
    const words = name.split(' ');
    // The given name may follow an office ("Harbor Bank CEO Paul Denning"): the first known one before the surname.
    return this.#genders.get(name) ?? this.#genders.get(words[words.length - 1]) ?? words.slice(0, -1).map(givenNameGender).find((g) => g !== undefined);
  }

  /**
   * What the text tells of the gender of the name at tokens `i`…`j`: a title or gendered noun in
   * it or before it ("Mrs. Smith", "spokeswoman Irma Castel"), one in an apposition after it
   * ("Smith, a spokeswoman for …"), else a common given name.
   */
  #learnGender(tokens: readonly Token[], i: number, j: number, parts: readonly string[]): void {
    let gender: Gender | undefined;
    for (const part of parts) gender ??= wordGender(part);
    gender ??= wordGender(tokens[i - 1]?.text ?? '');
    if (tokens[j + 1]?.text === ',') {
      for (let k = j + 2; k < tokens.length && k <= j + 5 && tokens[k].kind === 'word' && gender === undefined; k++) gender = wordGender(tokens[k].text);
    }
    const words = parts.filter((w) => !nameTitles.has(w.replace(/\.$/, '')));
    if (words.length === 0) return;
    gender ??= words.length > 1 ? givenNameGender(words[0]) : undefined;
    if (gender === undefined) return;
    const full = words.join(' ');
    if (!this.#genders.has(full)) this.#genders.set(full, gender);
    if (words.length > 1 && !this.#genders.has(words[words.length - 1])) this.#genders.set(words[words.length - 1], gender);
  }

  /** Records who spoke at `at`, so pronouns after it can find them first. */
  spoke(name: string, at: number): void {
    this.#speakers.push({ name, at, organisation: organisationWords.test(name) || /^[\p{Lu}\d&]{2,}$/u.test(name) });
  }

  /** The fullest name a mention stands for, from what was read before `mention.start`. */
  resolve(mention: Mention): string {
    const before = (n: Named): boolean => n.at < mention.start;
    // A name made of two ("Haoyu and Alden") stands for neither alone.
    // Only the most recent names are candidates: an article names far fewer, and a source of
    // 100,000 names must not make every mention scan them all.
    const latest = (list: readonly Named[], test: (n: Named) => boolean): Named | undefined => {
      for (let i = list.length - 1; i >= Math.max(0, list.length - maxLookback); i--) if (before(list[i]) && test(list[i])) return list[i];
      return undefined;
    };
    const text = mention.text;
    if (mention.antecedent) {
      const antecedent = this.resolve(mention.antecedent);
      if (this.#person(antecedent, text.toLowerCase())) return antecedent;
    }
    if (mention.kind === 'pronoun') {
      // A possessive stands for whom its pronoun would: "his claim" is his.
      const word = possessivePronouns.get(text.toLowerCase()) ?? text.toLowerCase();
      if (word === 'who') {
        // A relative pronoun stands right after its antecedent ("Barack Obama, who …").
        // Only the name it follows, past a comma at most: in "said the stranger, who …" the
        // antecedent is no name, and an earlier one ("Wall-street") is not it.
        const near = (n: Named): boolean => n.end !== undefined && n.end <= mention.start && mention.start - n.end <= 3;
        const full = latest(this.#names, near);
        const single = latest(this.#singles, near);
        const antecedent = single && (!full || single.at > full.at + full.name.length) ? single : full;
        return antecedent ? this.resolve({ ...mention, text: antecedent.name, kind: 'name' }) : text;
      }
      if (word === 'he' || word === 'she') {
        // Pronouns reach back a few paragraphs at most; farther back they have other referents.
        // One person: not a body, a place, or two people named together ("Haoyu and Alden").
        const recent = (n: Named): boolean => !n.organisation && !n.place && !n.name.includes(' and ') && !notOnePerson(n.name) && mention.start - n.at < 3000 && this.#agrees(n.name, word);
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
        return parts.length > 1 && !n.organisation && !n.name.includes(' and ') && (parts[parts.length - 1] === name || parts[0] === name);
      };
      // The later of the two lists' latest, as if they were one list in reading order.
      const spoken = latest(this.#speakers, fullName);
      const named = latest(this.#names, fullName);
      const full = spoken && named ? (named.at < spoken.at ? spoken : named) : spoken ?? named;
      if (full) return full.name;
    } else {
      const longer = latest(this.#names, (n) => n.name !== name && n.name.endsWith(` ${name}`) && !n.name.includes(' and '));
      if (longer && !longer.organisation) return longer.name;
    }
    return name;
  }
}

/**
 * A name without the office before it ("House Speaker Leon Marsh" → "Leon Marsh", "Senate Majority
 * Leader Leon Marsh" → "Leon Marsh"): the words after the last title, when they start a name.
 * The office's words ("House", "Senate") make no organisation of the person who holds it.
 */
function afterTitle(name: string): string {
  const words = name.split(' ');
  for (let i = words.length - 2; i >= 0; i--) {
    if (nameTitles.has(words[i].replace(/\.$/, ''))) return /^\p{Lu}/u.test(words[i + 1]) ? words.slice(i + 1).join(' ') : name;
  }
  return name;
}

/**
 * A description of several people ("lawmakers", "some officials") or of a body or a document ("The
 * bank", "the report"), which "he" or "she" never stands for.
 */
function notOnePerson(name: string): boolean {
  if (/^(?:the|a|an|its|their)\s/i.test(name) && bodyHeads.test(name)) return true;
  if (/^\p{Ll}/u.test(name) && /[^s]s$/.test(name) && !/(?:ss|us|is)$/.test(name)) return true;
  // "Lawmakers" opening a sentence: a plural of a noun for people, unlike a surname ("Jones").
  const last = name.slice(name.lastIndexOf(' ') + 1).toLowerCase();
  return last.endsWith('s') && speakerNouns.has(last.slice(0, -1));
}

const bodyHeads = /\b(?:bank|company|firm|ministry|department|agency|government|administration|campaign|committee|commission|council|court|group|office|bureau|authority|party|union|association|foundation|institute|network|newspaper|paper|website|site|team|board|fund|service|platform|report|study|survey|poll|statement|letter|memo|release|document|law|rules|lawsuit|complaint|book|ad|video)s?$/i;

function stripTitles(name: string): string {
  // Most names begin with no title: they are kept as they are, without splitting them.
  const space = name.indexOf(' ');
  if (space < 0 || !nameTitles.has(name.slice(0, space).replace(/\.$/, ''))) return name;
  const words = name.split(' ');
  let i = 0;
  while (i < words.length - 1 && nameTitles.has(words[i].replace(/\.$/, ''))) i++;
  return words.slice(i).join(' ');
}
