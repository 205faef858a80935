import { parse as parseYaml } from 'yaml';
import type { SourceMeta } from '../model';

/** Result of splitting a source into front matter and body. */
export type FrontMatterResult =
  | { readonly ok: true; readonly fields: Partial<Record<keyof SourceMeta, string>>; readonly bodyStart: number }
  | { readonly ok: false; readonly reason: string };

const fieldNames: readonly (keyof SourceMeta)[] = ['key', 'title', 'author', 'outlet', 'date', 'url', 'accessed', 'language'];

/**
 * Reads YAML front matter delimited by `---` lines at the very start of the text.
 * A text without front matter is fine (no fields, body from 0); an opening `---` without a
 * closing one, or YAML that does not parse to a mapping, is an error the caller reports.
 */
export function readFrontMatter(text: string): FrontMatterResult {
  const open = /^---[ \t]*\r?\n/.exec(text);
  if (!open) return { ok: true, fields: {}, bodyStart: 0 };
  const close = /^(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/m;
  close.lastIndex = 0;
  const rest = text.slice(open[0].length);
  const end = close.exec(rest);
  if (!end) return { ok: false, reason: 'front matter opened with --- is never closed' };
  const yamlText = rest.slice(0, end.index);
  let data: unknown;
  try {
    data = parseYaml(yamlText, { maxAliasCount: 50, uniqueKeys: false });
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { ok: false, reason: `front matter is not valid YAML: ${message}` };
  }
  if (data === null || data === undefined) data = {};
  if (typeof data !== 'object' || Array.isArray(data)) {
    return { ok: false, reason: 'front matter is not a list of `name: value` fields' };
  }
  const record = data as Record<string, unknown>;
  const fields: Partial<Record<keyof SourceMeta, string>> = {};
  for (const name of fieldNames) {
    const value = record[name === 'key' ? 'id' : name];
    const text = scalarText(value);
    if (text !== undefined && text.trim() !== '') fields[name] = text.trim();
  }
  return { ok: true, fields, bodyStart: open[0].length + end.index + end[0].length };
}

/** YAML turns `date: 2017-01-25` into a Date and `id: 42` into a number; keep their text. */
function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
  if (Array.isArray(value)) {
    const parts = value.map(scalarText).filter((p): p is string => p !== undefined);
    return parts.length ? parts.join('; ') : undefined;
  }
  return undefined;
}
