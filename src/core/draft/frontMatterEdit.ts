import { isMap, isScalar, parseDocument } from 'yaml';

/** A replacement of `[start, end)` of a document's text by `newText`. */
export interface TextReplacement {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

/**
 * The one edit that sets a top-level field of a Markdown draft's YAML front matter
 * (`bibliography: references.json`): the field (its key and its value, a list or block
 * included, as the YAML parser reads them) is replaced when it exists, added before the closing `---` when it does not, and a front
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
  const existing = fieldSpan(yaml, field);
  if (existing) return { start: bodyStart + existing.start, end: bodyStart + existing.end, newText: line };
  const at = bodyStart + close.index;
  return { start: at, end: at, newText: `${line}${eol}` };
}

/**
 * Where a top-level field stands in front matter's YAML: from its key to the end of its value,
 * without the line breaks after it. Undefined when the front matter has no such field, or is
 * not a mapping the parser can read (the field is then added).
 */
function fieldSpan(yaml: string, field: string): { start: number; end: number } | undefined {
  let contents: unknown;
  try {
    contents = parseDocument(yaml, { uniqueKeys: false }).contents;
  } catch {
    return undefined;
  }
  if (!isMap(contents)) return undefined;
  const pair = contents.items.find((p) => isScalar(p.key) && String(p.key.value) === field);
  const keyRange = pair && isScalar(pair.key) ? pair.key.range : undefined;
  if (!pair || !keyRange) return undefined;
  const value = pair.value as { range?: readonly number[] | null } | null;
  const end = Math.max(keyRange[1], value?.range?.[1] ?? 0);
  return { start: keyRange[0], end: keyRange[0] + withoutTrailingBlankLines(yaml.slice(keyRange[0], end)).length };
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
