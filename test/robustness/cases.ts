import type { VerbatimSettings } from '../../src/shared/settings';

/**
 * Pathological inputs: sources a writer might drop into `sources/` by mistake, or that a hostile
 * site might serve, and drafts no editor would stop anyone from typing. Each is generated in the
 * child process that runs it, so the test process never holds them.
 */
export interface RobustnessCase {
  readonly name: string;
  /** Sources added to the workspace next to the two good ones (the seed article and the UDHR). */
  readonly sources?: () => Record<string, string | Uint8Array>;
  /** The draft every editor feature is asked about; by default one that quotes and cites the bad source. */
  readonly draft?: () => string;
  readonly settings?: Partial<VerbatimSettings>;
  /** What the writer should see for the bad source: it is indexed, or skipped with a problem of this code. */
  readonly expect?: { readonly indexed: string } | { readonly problem: string; readonly path: string };
  /** Lines of the draft are what matter: the checker must find this many quotations at least. */
  readonly minFindings?: number;
  /** Every feature is also asked halfway through indexing, as a writer typing meanwhile would. */
  readonly whileIndexing?: boolean;
  /** How long the whole case may take before it counts as hung, when indexing alone is long. */
  readonly hangDeadlineMs?: number;
}

const encoder = new TextEncoder();
const bytes = (...parts: (string | number[])[]): Uint8Array => {
  const chunks = parts.map((p) => (typeof p === 'string' ? encoder.encode(p) : Uint8Array.from(p)));
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) { out.set(c, at); at += c.length; }
  return out;
};

/** A readable sentence with a quotation, repeated to any length. */
const sentence = 'The minister said “we will review the rules next year” at the press conference. ';
const repeatTo = (unit: string, length: number): string => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
const MB = 1024 * 1024;
const front = (id: string): string => `---\nid: ${id}\ntitle: A hostile source\n---\n\n`;
const bad = (text: string | Uint8Array, name = 'sources/bad.md'): (() => Record<string, string | Uint8Array>) => () => ({ [name]: text });
const quoteDraft = (body: string): string => `# Draft\n\n${body}\n`;

export const cases: readonly RobustnessCase[] = [
  // ---- sources ----
  { name: 'a source of one 5 MB line is skipped as too large under the default limit',
    sources: () => ({ 'sources/line.md': repeatTo(sentence, 5 * MB) }), expect: { problem: 'verbatim.source.tooLarge', path: 'sources/line.md' } },
  { name: 'a source of one 5 MB line is indexed when the limit allows it',
    sources: () => ({ 'sources/line.md': front('line') + repeatTo(sentence, 5 * MB) }), settings: { maxSourceSizeKB: 6 * 1024 }, expect: { indexed: 'line' } },
  { name: 'a source of one 5 MB line without a single sentence break is indexed when the limit allows it',
    sources: () => ({ 'sources/words.md': front('words') + repeatTo('lorem ipsum dolor sit amet ', 5 * MB) }), settings: { maxSourceSizeKB: 6 * 1024 }, expect: { indexed: 'words' } },
  { name: 'a source of 100,000 curly quotation marks is indexed',
    sources: () => ({ 'sources/marks.md': front('marks') + '“a” '.repeat(50_000) }), expect: { indexed: 'marks' } },
  { name: 'a source of 100,000 straight quotation marks is indexed',
    sources: () => ({ 'sources/straight.md': front('straight') + '"'.repeat(100_000) }), expect: { indexed: 'straight' } },
  { name: 'a source of 100,000 opening marks that never close is indexed',
    sources: () => ({ 'sources/open.md': front('open') + '“word '.repeat(100_000) }), expect: { indexed: 'open' } },
  { name: 'a source of quotations nested 10,000 deep is indexed',
    sources: () => ({ 'sources/nested.md': front('nested') + 'He said “she said ‘'.repeat(5_000) + 'yes' + '’ and ”'.repeat(5_000) }), expect: { indexed: 'nested' } },
  { name: 'a source of 20,000 paragraphs each opening a quotation the next one closes is indexed',
    sources: () => ({ 'sources/paras.md': front('paras') + '“This begins a quotation\n\nthat ends here,” he said.\n\n'.repeat(10_000) }), expect: { indexed: 'paras' } },
  { name: 'a source with NUL bytes is skipped as binary',
    sources: bad(bytes('Some text', [0, 0, 0], ' and more “quoted words here” said Smith.')), expect: { problem: 'verbatim.source.binary', path: 'sources/bad.md' } },
  { name: 'a source with invalid UTF-8 is skipped as not UTF-8',
    sources: bad(bytes('Caf', [0xe9], ' “quoted words here” said Smith.')), expect: { problem: 'verbatim.source.encoding', path: 'sources/bad.md' } },
  { name: 'a source with encoded lone surrogates is skipped as not UTF-8',
    sources: bad(bytes('Text ', [0xed, 0xa0, 0x80], ' “quoted words here” said Smith.')), expect: { problem: 'verbatim.source.encoding', path: 'sources/bad.md' } },
  { name: 'a source in UTF-16 is skipped with a clear reason',
    sources: bad(Uint8Array.from([0xff, 0xfe, ...[...'He said “hello there”.'].flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8])])), expect: { problem: 'verbatim.source.binary', path: 'sources/bad.md' } },
  { name: 'a source with CRLF line ends is indexed',
    sources: () => ({ 'sources/crlf.md': (front('crlf') + 'First paragraph.\n\n“We will act,” said Smith.\n').replace(/\n/g, '\r\n') }), expect: { indexed: 'crlf' } },
  { name: 'a source with CR line ends is indexed',
    sources: () => ({ 'sources/cr.md': (front('cr') + 'First paragraph.\n\n“We will act,” said Smith.\n').replace(/\n/g, '\r') }), expect: { indexed: 'cr' } },
  { name: 'a source with mixed line ends is indexed',
    sources: () => ({ 'sources/mixed.md': '---\r\nid: mixed\n---\r\rFirst paragraph.\n\r\n“We will act,” said Smith.\r\r“And soon,” she said.\n' }), expect: { indexed: 'mixed' } },
  { name: 'a source starting with a byte order mark keeps its front matter',
    sources: () => ({ 'sources/bom.md': bytes([0xef, 0xbb, 0xbf], front('bom-key'), '“We will act,” said Smith.\n') }), expect: { indexed: 'bom-key' } },
  { name: 'a source in right-to-left script with bidi controls and combining marks is indexed',
    sources: () => ({ 'sources/rtl.md': front('rtl') + 'قال الوزير «سنراجع القواعد العام المقبل» في المؤتمر.\n\n\u202eאמר השר ״נבדוק את הכללים״\u202c.\n\n' + 'Z' + '\u0301\u0327\u0308'.repeat(10_000) + ' “x\u0308'.repeat(1000) + '”.\n' }), expect: { indexed: 'rtl' } },
  { name: 'a source of block quotations nested 10,000 deep is indexed',
    sources: () => ({ 'sources/deep.md': front('deep') + '> '.repeat(10_000) + '“We will act,” said Smith.\n' }), expect: { indexed: 'deep' } },
  { name: 'a source of lists nested 10,000 deep is indexed',
    sources: () => ({ 'sources/lists.md': front('lists') + '- '.repeat(10_000) + '“We will act,” said Smith.\n' + '1. '.repeat(10_000) + 'Item.\n' }), expect: { indexed: 'lists' } },
  { name: 'a source with 1.5 MB of front matter is indexed',
    sources: () => ({ 'sources/front.md': `---\nid: front\ntitle: Huge\n${Array.from({ length: 60_000 }, (_, i) => `field${i}: value number ${i}`).join('\n')}\n---\n\n“We will act,” said Smith.\n` }), expect: { indexed: 'front' } },
  { name: 'a source whose front matter is a YAML alias bomb is skipped with a reason',
    sources: () => ({ 'sources/bomb.md': `---\na: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\nid: [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n---\n\n“We will act,” said Smith.\n` }),
    expect: { problem: 'verbatim.source.frontMatter', path: 'sources/bomb.md' } },
  { name: 'a source whose front matter nests 10,000 deep is skipped with a reason',
    sources: () => ({ 'sources/yamldeep.md': `---\nid: ${'['.repeat(10_000)}x${']'.repeat(10_000)}\n---\n\n“We will act,” said Smith.\n` }),
    expect: { problem: 'verbatim.source.frontMatter', path: 'sources/yamldeep.md' } },
  { name: 'a source whose front matter never closes is skipped with a reason',
    sources: () => ({ 'sources/open-front.md': `---\nid: x\n${'title: y\n'.repeat(100_000)}` }), expect: { problem: 'verbatim.source.frontMatter', path: 'sources/open-front.md' } },
  { name: 'an empty source is skipped as empty',
    sources: () => ({ 'sources/empty.md': '' }), expect: { problem: 'verbatim.source.empty', path: 'sources/empty.md' } },
  { name: 'a source of white space only is skipped as empty',
    sources: () => ({ 'sources/blank.md': ' \n\t\r\n'.repeat(10_000) }), expect: { problem: 'verbatim.source.empty', path: 'sources/blank.md' } },
  { name: 'a source of front matter only is indexed with no passages',
    sources: () => ({ 'sources/meta.md': front('meta') }), expect: { indexed: 'meta' } },
  { name: 'a source of 200,000 attribution verbs and names is indexed',
    sources: () => ({ 'sources/said.md': front('said') + 'Smith said Jones told Brown according to Green, '.repeat(40_000) + '“yes.”\n' }), expect: { indexed: 'said' } },
  { name: 'a source of 100,000 provision numbers is indexed',
    sources: () => ({ 'sources/rules.md': front('rules') + Array.from({ length: 30_000 }, (_, i) => `Article ${i} (a) (1) 第${i}条`).join('\n') }), expect: { indexed: 'rules' } },
  { name: 'a folder of 100,000 tiny files is indexed, with the empty ones reported, and every feature answers while indexing goes on',
    sources: () => Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [
      `sources/tiny/f${String(i).padStart(6, '0')}.md`, i % 1000 === 0 ? '' : `“Item ${i} is ready,” said clerk ${i % 97}.\n`,
    ])),
    expect: { problem: 'verbatim.source.empty', path: 'sources/tiny/f000000.md' }, whileIndexing: true, hangDeadlineMs: 240_000 },
  { name: 'a source of 1 MB of punctuation and abbreviations is indexed',
    sources: () => ({ 'sources/dots.md': front('dots') + repeatTo('Mr. U.S. e.g. ... !?. ', MB) }), expect: { indexed: 'dots' } },
  { name: 'a Chinese source of 600,000 characters without a space, 40,000 attributed quotations in one paragraph, is indexed',
    sources: () => ({ 'sources/zh.md': front('zh') + repeatTo('他说：“好。”周建国表示，', 600_000) }), expect: { indexed: 'zh' } },
  { name: 'a Chinese source of 10,000 articles, each with two paragraphs and two items, is indexed',
    sources: () => ({ 'sources/zhrules.md': front('zhrules') + Array.from({ length: 10_000 }, (_, i) => `第${i}条 下列：（一）甲；（二）乙。\n\n前款规定。`).join('\n\n') }), expect: { indexed: 'zhrules' } },

  // ---- drafts ----
  { name: 'a draft of one 5 MB line', draft: () => repeatTo('The minister said “we will review the rules” [@hkfp-2017-vpn]. ', 5 * MB) },
  { name: 'a draft of 100,000 curly quotation marks', draft: () => quoteDraft('“lifeline” '.repeat(50_000)) },
  { name: 'a draft of 100,000 straight quotation marks', draft: () => quoteDraft('"'.repeat(100_000)) },
  { name: 'a draft of 100,000 opening marks that never close', draft: () => quoteDraft('“close the last '.repeat(100_000)) },
  { name: 'a draft of quotations nested 10,000 deep', draft: () => quoteDraft('He said “she said ‘'.repeat(5_000) + 'lifeline' + '’ and ”'.repeat(5_000)) },
  { name: 'a draft of 20,000 cited quotations, one per paragraph',
    draft: () => Array.from({ length: 20_000 }, (_, i) => `Critics called it “the last lifeline to a free internet” [@hkfp-2017-vpn, para. ${i % 12}].`).join('\n\n'), minFindings: 1000 },
  { name: 'a draft with NUL bytes', draft: () => quoteDraft('PEN America said \u0000“close the last\u0000 lifeline to a free internet.” [@hkfp-2017-vpn]\u0000'), minFindings: 1 },
  { name: 'a draft with lone surrogates', draft: () => quoteDraft('PEN America said “close the \ud800last lifeline\udfff to a free internet.” [@hkfp-\udc00] \ud83d'), minFindings: 1 },
  { name: 'a draft with CRLF line ends', draft: () => quoteDraft('PEN America said “close the last\nlifeline to a free internet.” [@hkfp-2017-vpn, para. 7]\n\n“VPN users will face prison terms” [@hkfp-2017-vpn]').replace(/\n/g, '\r\n'), minFindings: 2 },
  { name: 'a draft with CR line ends', draft: () => quoteDraft('PEN America said “close the last\nlifeline to a free internet.” [@hkfp-2017-vpn, para. 7]\n\n“VPN users will face prison terms” [@hkfp-2017-vpn]').replace(/\n/g, '\r'), minFindings: 2 },
  { name: 'a draft with mixed line ends', draft: () => 'Title\r\n\r\nPEN America said “close the last\rlifeline to a free internet.” [@hkfp-2017-vpn, para. 7]\n\r\n“VPN users will face prison terms” [@hkfp-2017-vpn]\r', minFindings: 2 },
  { name: 'a draft starting with a byte order mark and front matter', draft: () => '\ufeff---\ntitle: “not a quotation at all here”\n---\n\nPEN America said “close the last lifeline to a free internet.” [@hkfp-2017-vpn, para. 7]', minFindings: 1 },
  { name: 'a draft in right-to-left script with bidi controls and combining marks',
    draft: () => quoteDraft('قال الوزير «سنراجع القواعد العام المقبل» [@hkfp-2017-vpn].\n\n\u202eאמר השר ״נבדוק את הכללים״\u202c.\n\n' + 'Z' + '\u0301\u0327\u0308'.repeat(10_000) + ' “li\u0308feline'.repeat(1000) + '”') },
  { name: 'a draft of block quotations nested 10,000 deep', draft: () => quoteDraft('> '.repeat(10_000) + '“close the last lifeline to a free internet.” [@hkfp-2017-vpn]\n' + '> '.repeat(10_000) + '— PEN America [@hkfp-2017-vpn]') },
  { name: 'a draft of 10,000 one-line block quotations', draft: () => quoteDraft('> the last lifeline to a free internet\n'.repeat(10_000) + '> — PEN America [@hkfp-2017-vpn, para. 7]') },
  { name: 'a draft of lists nested 10,000 deep', draft: () => quoteDraft('- '.repeat(10_000) + '“close the last lifeline to a free internet.” [@hkfp-2017-vpn]\n' + '1. '.repeat(10_000) + '“lifeline”'), minFindings: 1 },
  { name: 'a draft with 1.5 MB of front matter', draft: () => `---\ntitle: Huge\n${Array.from({ length: 60_000 }, (_, i) => `field${i}: “value” number ${i}`).join('\n')}\n---\n\nPEN America said “close the last lifeline to a free internet.” [@hkfp-2017-vpn, para. 7]`, minFindings: 1 },
  { name: 'a draft whose front matter is a YAML alias bomb',
    draft: () => `---\na: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n---\n\nPEN America said “close the last lifeline to a free internet.” [@hkfp-2017-vpn, para. 7]` },
  { name: 'an empty draft', draft: () => '' },
  { name: 'a draft of 50,000 citations', draft: () => quoteDraft('“lifeline” [@hkfp-2017-vpn, para. 7; @udhr-1948, art. 19] '.repeat(50_000)) },
  { name: 'a draft of 10,000 footnote references', draft: () => quoteDraft(Array.from({ length: 10_000 }, (_, i) => `“the last lifeline to a free internet”[^${i}]`).join(' ') + '\n\n' + Array.from({ length: 10_000 }, (_, i) => `[^${i}]: [@hkfp-2017-vpn, para. 7]`).join('\n')) },
  { name: 'a draft of 100,000 backticks and unclosed code spans', draft: () => quoteDraft('`“lifeline` ``x '.repeat(30_000)) },
  { name: 'a draft with an unclosed HTML comment and 100,000 tags', draft: () => quoteDraft('<!-- “lifeline” ' + '<b x="“y”">'.repeat(100_000)) },
  { name: 'a draft of 100,000 unclosed links', draft: () => quoteDraft('[“lifeline”]( '.repeat(100_000)) },
  { name: 'a draft of 100,000 open brackets and at signs', draft: () => quoteDraft('[@'.repeat(100_000)) },
  { name: 'a draft of 5,000 unclosed code fences', draft: () => quoteDraft('```\n“lifeline”\n'.repeat(5_000)) },
];
