import type { Span } from '../model';

/** The run of capitalised words, initials and titles that holds `span` on its line ("Del. Stacey Plaskett"). */
export function nameRun(text: string, span: Span): string {
  let start = span.start;
  let end = span.end;
  for (;;) {
    const m = /(?<![^\s,;:“”"()])\p{Lu}[^\s,;:“”"()]*[ \t]+$/u.exec(text.slice(Math.max(0, start - 40), start));
    if (!m) break;
    start -= m[0].length;
  }
  while (end < text.length && /[^\s,;:“”"()]/u.test(text[end])) end++;
  for (;;) {
    const m = /^[ \t]+\p{Lu}[^\s,;:“”"()]*/u.exec(text.slice(end, end + 40));
    if (!m) break;
    end += m[0].length;
  }
  return text.slice(start, end);
}
