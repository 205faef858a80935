import type { Span } from '../model';
import type { Attribution } from './attribution';
import type { Mention } from './mentions';
import type { MarkedQuote } from './quoteMarks';

/**
 * Attribution in Chinese news prose. Chinese marks a speaker with a verb of speech right next
 * to the quotation and a punctuation mark, with no capital letters to find names by:
 *
 * - before: 周建国表示：“……” / 他说，“……” / 王丽：「……」 (a short name and a colon);
 * - after: “……，”周建国说。 / 「……。」周建国补充道。;
 * - in between: “……，”周建国说，“……” gives both parts to him;
 * - earlier in the sentence: 他强调，……：“……”;
 * - reported speech without marks: 市政府新闻办公室指出，…… / 据市数据管理局介绍，…… / ……，他说。
 *
 * The speaker phrase is what stands between the previous punctuation mark and the verb, less
 * what follows the subject (在发布会上, 还, 今天上午) and what precedes the head (在现场旁听的).
 * A title before a name (局长周建国, 发言人陈思雨) leaves the name; 他 and 她 stand for the
 * last person who spoke.
 */

/** Verbs and phrases of speech, longest first so that 补充道 wins over 道. */
const cueWords = [
  '告诉记者', '对记者说', '向记者表示', '补充说', '补充道', '接着说', '继续说', '回应称', '表示', '指出', '强调', '认为', '介绍',
  '透露', '坦言', '回应', '解释', '提到', '说道', '宣布', '声称', '直言', '呼吁', '提醒', '建议', '承认', '回答', '答道',
  '问道', '写道', '谈到', '感叹', '提出', '补充', '表态', '说', '称', '道',
].sort((a, b) => b.length - a.length);

/** Characters before 说, 称 or 道 that make them part of another word (来说, 名称, 知道). */
const notCueBefore: Record<string, string> = {
  '说': '来听据虽再小传学游劝解演', '称': '名简统俗号堪宣职对自人昵', '道': '知报渠通难频街轨味人霸车隧航赛管孔',
};

/** Where a phrase of speech ends the way a cue does: punctuation, a quotation mark or the end. */
const afterCue = /[：:，,。！？!?；;“”「『"\s]/;
/** Punctuation that bounds a speaker phrase. */
const boundary = /[，,。！？!?；;：:、“”「」『』"（）()《》\s—…]/;

/** Words that start a clause without being its subject. */
const leadingConnectors = /^(?:但是|但|而且|而|并且|并|此外|另外|对此|同时|不过|然而|随后|因此|所以|其中|另一方面|与此同时)/;
/** Words after a subject that begin an adverbial or a modal (周建国在发布会上, 他还). */
const afterSubject = /[在于向对就也还则都又曾已\p{Nd}]|接受|当天|今天|昨天|明天|日前|近日|此前|随后|再次|进一步|同时|一再|反复|明确|特别|专门|上午|下午|晚间/u;
/** Titles that stand before a name: 局长周建国, 发言人陈思雨. */
const titles = /副?局长|副?主任|副?部长|副?市长|副?省长|副?县长|副?区长|副?主席|副?会长|理事长|秘书长|副?院长|副?所长|副?校长|副?厅长|副?处长|副?科长|书记|发言人|负责人|董事长|总经理|副?经理|总裁|首席执行官|创始人|教授|研究员|专家|律师|代表|委员|记者|工程师|医生|主管|站长|队长|组长|总监|市民|居民|村民|网友|学生|老师|家长|司机|店主|职员|员工/g;
/** The name after a title: two to four Han characters, or a transcribed name with a middle dot. */
const nameAfterTitle = /^(?:\p{Script=Han}{2,4}|\p{Script=Han}{1,8}[·•]\p{Script=Han}{1,8})$/u;
/** Heads of organisation names. */
const organisationEnd = /(?:办公室|委员会|政府|[局委部厅院办署处所会组台社报网]|中心|公司|集团|协会|学会|商会|联合会|银行|法院|检察院|大学|学院|医院|机构|单位|部门|平台|基金会)$/;
const pronouns = /^(?:他们|她们|他|她)/;

const cueStarts = new Set(cueWords.map((c) => c[0]));

/** A cue at `at` in `text`: its length, or 0 when none starts there or it is part of another word. */
function cueAt(text: string, at: number, end: number): number {
  if (!cueStarts.has(text[at])) return 0;
  for (const cue of cueWords) {
    if (!text.startsWith(cue, at)) continue;
    const after = at + cue.length;
    if (after < end && !afterCue.test(text[after])) continue;
    if (cue.length === 1 && notCueBefore[cue]?.includes(text[at - 1] ?? '')) return 0;
    return cue.length;
  }
  return 0;
}

/**
 * The speaker phrase ending at `end` (where a cue starts), read back to the previous
 * punctuation, at most 30 characters; null when no phrase stands there.
 */
export function speakerBefore(text: string, end: number, floor: number): Mention | null {
  let start = end;
  while (start > floor && end - start < 30 && !boundary.test(text[start - 1])) start--;
  if (start < end && end - start >= 30) return null;
  return cleanPhrase(text, start, end);
}

/** Trims a raw phrase to its subject: connectors off the front, adverbials off the back, a title off a name. */
function cleanPhrase(text: string, start: number, end: number): Mention | null {
  const lead = leadingConnectors.exec(text.slice(start, end));
  if (lead && end - start > lead[0].length) start += lead[0].length;
  const pronoun = pronouns.exec(text.slice(start, end));
  if (pronoun) return { start, end: start + pronoun[0].length, text: pronoun[0], kind: 'pronoun' };
  // The subject comes first: what follows it from the first adverbial on is not part of it.
  const cut = firstIndexFrom(afterSubject, text.slice(start, end), 2);
  if (cut >= 0) end = start + cut;
  // "在现场旁听的市民代表王丽": the head after the last 的.
  const phrase = text.slice(start, end);
  const de = phrase.lastIndexOf('的');
  if (de >= 0 && phrase.length - de - 1 >= 2) start += de + 1;
  if (end - start < 2 || end - start > 24) return null;
  const head = text.slice(start, end);
  // A name after the last title: "市数据管理局局长周建国" → "周建国".
  let afterTitle = -1;
  titles.lastIndex = 0;
  for (let m = titles.exec(head); m; m = titles.exec(head)) afterTitle = m.index + m[0].length;
  if (afterTitle > 0 && nameAfterTitle.test(head.slice(afterTitle))) {
    return { start: start + afterTitle, end, text: head.slice(afterTitle), kind: 'name' };
  }
  if (afterTitle === head.length) return { start, end, text: head, kind: 'reference' };
  return { start, end, text: head, kind: 'name' };
}

function firstIndexFrom(pattern: RegExp, s: string, from: number): number {
  const m = pattern.exec(s.slice(from));
  return m ? m.index + from : -1;
}

/** The last cue (followed by its punctuation) in `[from, to)` with a speaker before it. */
function lastCueIn(text: string, from: number, to: number): Attribution | undefined {
  let found: Attribution | undefined;
  for (let i = from; i < to; i++) {
    const length = cueAt(text, i, to);
    if (!length || !/[：:，,]/.test(text[i + length] ?? '')) continue;
    const mention = speakerBefore(text, i, from);
    if (mention) found = { mention, cue: i };
    i += length - 1;
  }
  return found;
}

/** "周建国表示：“" and "王丽：「": the speaker introducing the quotation that opens at `open`. */
function introducing(text: string, open: number, floor: number): Attribution | undefined {
  let i = open;
  while (i > floor && /\s/.test(text[i - 1])) i--;
  const colon = i > floor && /[：:，,]/.test(text[i - 1]);
  if (colon) i--;
  for (let length = 1; length <= 5 && i - length >= floor; length++) {
    const at = i - length;
    if (cueAt(text, at, i) === length) {
      const mention = speakerBefore(text, at, floor);
      return mention ? { mention, cue: at } : undefined;
    }
  }
  // "王丽：「……」": a short name alone before a colon at the start of a sentence.
  if (colon && /[：:]/.test(text[i])) {
    let s = i;
    while (s > floor && !boundary.test(text[s - 1])) s--;
    const sentenceStart = s === floor || /[。！？!?\n]/.test(text[s - 1]);
    if (sentenceStart && i - s >= 2 && i - s <= 12) {
      const mention = cleanPhrase(text, s, i);
      if (mention) return { mention, cue: i };
    }
  }
  return undefined;
}

/** "“……，”周建国说。": the speaker named right after the quotation that closes at `close`. */
function following(text: string, close: number, end: number): Attribution | undefined {
  let i = close + 1;
  if (/[，,]/.test(text[i] ?? '')) i++;
  const start = i;
  for (; i < end && i - start <= 30; i++) {
    if (boundary.test(text[i])) return undefined;
    const length = cueAt(text, i, end);
    if (length && i > start) {
      const mention = cleanPhrase(text, start, i);
      return mention ? { mention, cue: i } : undefined;
    }
  }
  return undefined;
}

/**
 * The speaker of each quotation of one paragraph, by quotation index: introduced before it,
 * named right after it, named earlier in its sentence, else the same as the nearest other
 * quotation of the paragraph that has one.
 */
export function attributeQuotesZh(text: string, block: Span, quotes: readonly MarkedQuote[], groups: readonly Span[]): Map<number, Attribution> {
  const own = new Map<number, Attribution>();
  let g = 0;
  quotes.forEach((quote, q) => {
    while (g < groups.length - 1 && groups[g].end <= quote.open) g++;
    const group = groups[g] ?? block;
    const floor = Math.max(block.start, q > 0 ? Math.min(quote.open, quotes[q - 1].close + 1) : block.start);
    const found = introducing(text, quote.open, floor)
      ?? (quote.unclosed ? undefined : following(text, quote.close, block.end))
      ?? lastCueIn(text, Math.max(group.start, floor), quote.open);
    if (found) own.set(q, found);
  });
  // The nearest attributed quotation before, else the nearest after: two passes, linear.
  const result = new Map(own);
  let previous: Attribution | undefined;
  for (let q = 0; q < quotes.length; q++) {
    const found = own.get(q);
    if (found) previous = found;
    else if (previous) result.set(q, previous);
  }
  let next: Attribution | undefined;
  for (let q = quotes.length - 1; q >= 0; q--) {
    const found = own.get(q);
    if (found) next = found;
    else if (!result.has(q) && next) result.set(q, next);
  }
  return result;
}

/** Reported speech in a Chinese sentence without quotation marks. */
export function findReportedZh(text: string, sentence: Span): { content: Span; mention: Mention } | null {
  let end = sentence.end;
  while (end > sentence.start && /[。！？!?…\s]/.test(text[end - 1])) end--;
  const s = text.slice(sentence.start, end);
  // "据市数据管理局介绍，……"
  const according = /^据(.{2,24}?)(?:介绍|透露|表示|称|报道|统计|说|指出|通报|披露)[，,]/u.exec(s);
  if (according) {
    const mention = cleanPhrase(text, sentence.start + 1, sentence.start + 1 + according[1].length);
    const from = sentence.start + according[0].length;
    if (mention && end - from >= 4) return { content: { start: from, end }, mention };
  }
  // "市政府新闻办公室指出，……" in the sentence's first or second clause.
  let clauses = 0;
  for (let i = sentence.start; i < end && clauses < 2; i++) {
    if (/[，,]/.test(text[i])) { clauses++; continue; }
    const length = cueAt(text, i, end);
    if (!length) continue;
    if (/[，,：:]/.test(text[i + length] ?? '')) {
      const mention = speakerBefore(text, i, sentence.start);
      const from = i + length + 1;
      if (mention && end - from >= 4) return { content: { start: from, end }, mention };
    }
    i += length - 1;
  }
  // "……，周建国说。"
  const comma = Math.max(s.lastIndexOf('，'), s.lastIndexOf(','));
  if (comma >= 4) {
    const at = sentence.start + comma + 1;
    for (let i = at + 1; i < end; i++) {
      const length = cueAt(text, i, end);
      if (length && i + length === end) {
        const mention = cleanPhrase(text, at, i);
        if (mention) return { content: { start: sentence.start, end: sentence.start + comma }, mention };
      }
    }
  }
  return null;
}

/**
 * A paragraph that ends by introducing the quotation of the next one ("周建国说：").
 */
export function introducerZh(text: string, block: Span): Mention | undefined {
  let end = block.end;
  while (end > block.start && /\s/.test(text[end - 1])) end--;
  if (!/[：:]/.test(text[end - 1] ?? '')) return undefined;
  return introducing(text, end, block.start)?.mention;
}

/** The sentence after a quotation that only names its speaker ("周建国补充道。"). */
export function isAttributionTail(text: string, sentence: Span): boolean {
  let end = sentence.end;
  while (end > sentence.start && /[。！？!?\s]/.test(text[end - 1])) end--;
  if (end - sentence.start > 30) return false;
  for (let i = sentence.start + 1; i < end; i++) {
    if (boundary.test(text[i])) return false;
    const length = cueAt(text, i, end);
    if (length) return i + length === end;
  }
  return false;
}

/**
 * Who the people and organisations of a Chinese source are, in reading order: 他 and 她 stand
 * for the last person who spoke, a surname with a title (周局长) for the last speaker of that
 * surname.
 */
export class ZhSpeakers {
  readonly #spoken: { name: string; at: number; organisation: boolean }[] = [];

  spoke(name: string, at: number): void {
    this.#spoken.push({ name, at, organisation: organisationEnd.test(name) });
  }

  resolve(mention: Mention): string {
    // Only the latest speakers are candidates, so a source of 100,000 quotations stays linear.
    const spoken = this.#spoken;
    const latest = (test: (s: { name: string; at: number; organisation: boolean }) => boolean): string | undefined => {
      for (let i = spoken.length - 1; i >= 0 && i >= spoken.length - 200; i--) if (spoken[i].at < mention.start && test(spoken[i])) return spoken[i].name;
      return undefined;
    };
    if (mention.kind === 'pronoun') {
      if (mention.text === '他' || mention.text === '她') return latest((s) => !s.organisation && mention.start - s.at < 3000) ?? mention.text;
      return mention.text;
    }
    const surnameTitle = /^(\p{Script=Han})(?:副?局长|副?主任|副?部长|副?市长|教授|律师|先生|女士|老师|会长|院长|经理|总)$/u.exec(mention.text);
    if (surnameTitle) return latest((s) => !s.organisation && s.name.startsWith(surnameTitle[1])) ?? mention.text;
    return mention.text;
  }
}
