import { escapeRegExp } from '../text/escapeRegExp';

/** A replacement of `[start, end)` of a document's text by `newText`. */
export interface TextReplacement {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

/**
 * The one edit that sets a top-level field of a Markdown draft's YAML front matter
 * (`bibliography: references.json`): the field's line (and its indented or list lines) is
 * replaced when it exists, added before the closing `---` when it does not, and a front
 * matter block is created when the draft has none. Nothing else of the draft changes.
 */
export function setFrontMatterField(text: string, field: string, value: string): TextReplacement {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const line = `${field}: ${yamlScalar(value)}`;
  const bom = text.startsWith('\uFEFF') ? 1 : 0;
  const open = /^---[ \t]*\r?\n/.exec(text.slice(bom));
  const close = open ? /^(?:---|\.\.\.)[ \t]*$/m.exec(text.slice(bom + open[0].length)) : null;
  if (!open || !close) {
    return { start: bom, end: bom, newText: `---${eol}${line}${eol}---${eol}${eol}` };
  }
  const bodyStart = bom + open[0].length;
  const yaml = text.slice(bodyStart, bodyStart + close.index);
  const existing = new RegExp(`^${escapeRegExp(field)}[ \\t]*:.*(?:\\r?\\n(?:[ \\t]+.*|-[ \\t].*|[ \\t]*))*`, 'm').exec(yaml);
  if (existing) {
    // Keep the line break (and blank lines) after the entry; replace the entry itself.
    const entry = withoutTrailingBlankLines(existing[0]);
    const start = bodyStart + existing.index;
    return { start, end: start + entry.length, newText: line };
  }
  const at = bodyStart + close.index;
  return { start: at, end: at, newText: `${line}${eol}` };
}

/** A YAML scalar for a path: plain when that is unambiguous, single-quoted otherwise. */
function yamlScalar(value: string): string {
  const plain = /^[\p{L}\p{N}_./~][\p{L}\p{N}_./~ ()+-]*$/u.test(value) && !/\s$/.test(value);
  return plain ? value : `'${value.replace(/'/g, "''")}'`;
}

/**
 * The text without the line breaks (and the blanks after each) at its end: `/(?:\r?\n[ \t]*)+$/`
 * walked backwards once, since that pattern is quadratic on a long run of blank lines.
 */
function withoutTrailingBlankLines(text: string): string {
  let end = text.length;
  for (;;) {
    let at = end;
    while (at > 0 && (text[at - 1] === ' ' || text[at - 1] === '\t')) at--;
    if (at === 0 || text[at - 1] !== '\n') break;
    at--;
    if (at > 0 && text[at - 1] === '\r') at--;
    end = at;
  }
  return text.slice(0, end);
}
