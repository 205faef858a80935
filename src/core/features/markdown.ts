/**
 * Safe Markdown for hovers and completion documentation. Source text is untrusted: it must
 * never become a link, an image, HTML or a command. Every ASCII punctuation character is
 * backslash-escaped (CommonMark's universal escape, which also stops autolinks such as
 * `https\:\/\/…` and `www\.…` from being recognised), control and bidirectional-override
 * characters are dropped, and line breaks become spaces so text cannot start a block.
 */
export function escapeMarkdown(text: string): string {
  // Control characters are what the first pattern strips; the last is CommonMark's own
  // definition of ASCII punctuation, as ranges.
  /* eslint-disable no-control-regex, regexp/no-obscure-range */
  return text
    .replace(/[\u0000-\u0008\v\f\u000e-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g, '')
    .replace(/\s+/g, ' ')
    .replace(/[!-/:-@[-`{-~]/g, (c) => `\\${c}`);
  /* eslint-enable no-control-regex, regexp/no-obscure-range */
}

/**
 * A link only for `http:` and `https:` URLs, with the characters that could end the link
 * destination percent-encoded; anything else is shown as escaped text.
 */
export function safeLink(label: string, url: string | undefined): string {
  if (!url) return escapeMarkdown(label);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return escapeMarkdown(label);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:' && parsed.protocol !== 'file:') return escapeMarkdown(label);
  const href = parsed.href.replace(/[()<>\s"'`\\[\]]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  return `[${escapeMarkdown(label)}](${href})`;
}

/** How much of a passage or paragraph a hover shows: a screenful, even of a one-line megabyte source. */
const maxQuotedChars = 2000;

/** A block quotation of untrusted text, cut after `maxQuotedChars` characters. */
export function quoteBlock(text: string): string {
  const shown = text.length > maxQuotedChars ? `${text.slice(0, maxQuotedChars - 1)}…` : text;
  return `> ${escapeMarkdown(shown)}`;
}
