import { pageOf, type Block, type Passage, type SourceDoc } from '../model';
import { longDate } from '../citations/citations';
import { messages, pdfMessages } from '../../shared/strings';
import { escapeMarkdown, quoteBlock, safeLink } from './markdown';

/** "PEN America · Hong Kong Free Press · 25 January 2017 · para. 7": who, where, when. */
export function passageByline(passage: Passage, source: SourceDoc): string {
  return [
    passage.speaker,
    source.meta.outlet ?? source.meta.title ?? source.meta.key,
    source.meta.date ? longDate(source.meta.date) : undefined,
    whereIs(pageOf(passage), passage.label ?? (passage.paragraph > 0 ? messages.paragraphLabel(passage.paragraph) : undefined)),
  ].filter(Boolean).join(' · ');
}

/** "para. 7"; in a PDF with its page first: "p. 3, para. 2", "p. 3, Article 4". */
function whereIs(page: string | undefined, within: string | undefined): string | undefined {
  return page ? [pdfMessages.pageLabel(page), within].filter(Boolean).join(', ') : within;
}

/** How a reader finds a block: "para. 7", or in a PDF "p. 3, para. 2" (a heading: "p. 3"). */
export function blockLabel(block: Block): string {
  return whereIs(pageOf(block), block.number > 0 ? messages.paragraphLabel(block.number) : undefined) ?? '';
}

/** The source card: title (linked to its URL when that is http(s)), author, outlet, date. */
export function sourceCard(source: SourceDoc): string {
  const m = source.meta;
  const title = m.title ?? m.key;
  const lines = [`**${m.url && /^https?:/i.test(m.url) ? safeLink(title, m.url) : escapeMarkdown(title)}**`];
  const byline = [m.author, m.outlet, m.date ? longDate(m.date) : undefined].filter(Boolean).join(' · ');
  if (byline) lines.push(escapeMarkdown(byline));
  lines.push(`\`@${m.key.replace(/`/g, '')}\` · ${escapeMarkdown(source.path)}`);
  if (source.language) lines.push(escapeMarkdown(messages.sourceLanguage(source.language.tag, source.language.detected)));
  return lines.join('  \n');
}

/** A passage with its kind, speaker and the sentences around it. */
export function passageDetails(passage: Passage, source: SourceDoc): string {
  const parts = [quoteBlock(passage.text)];
  const kind = messages.kindLabel(passage.kind);
  parts.push(`*${escapeMarkdown(kind)}* · ${escapeMarkdown(passageByline(passage, source))}`);
  const context = contextOf(passage, source);
  if (context && context !== passage.text) parts.push(escapeMarkdown(context));
  return parts.join('\n\n');
}

/** The paragraph around a passage, cut to about 400 characters centred on it. */
export function contextOf(passage: Passage, source: SourceDoc): string | undefined {
  const block = source.blocks.find((b) => b.start <= passage.start && passage.end <= b.end);
  if (!block) return undefined;
  const text = source.text;
  let start = block.start;
  let end = block.end;
  const room = Math.max(0, 400 - (passage.end - passage.start));
  // Cut at a space near the limit; text written without spaces (Chinese) is cut at the limit.
  if (passage.start - start > room / 2) {
    const limit = passage.start - Math.floor(room / 2);
    const space = text.lastIndexOf(' ', limit);
    start = space >= block.start && limit - space <= 40 ? space + 1 : limit;
  }
  if (end - passage.end > room / 2) {
    const limit = passage.end + Math.floor(room / 2);
    const space = text.indexOf(' ', limit);
    end = space >= 0 && space - limit <= 40 ? Math.max(passage.end, space) : limit;
  }
  if (end > block.end) end = block.end;
  return `${start > block.start ? '…' : ''}${text.slice(start, end)}${end < block.end ? '…' : ''}`;
}
