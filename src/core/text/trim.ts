/**
 * Trimming by a character test, in linear time. A pattern such as `/[\s,.]+$/` is tried at
 * every position of a run it cannot finish, which is quadratic on a long run in hostile text
 * (a source of 100,000 spaces); these walk the string once.
 */

/** `text` without the characters at its end that `trimmed` accepts. */
export function trimEndWhere(text: string, trimmed: (ch: string) => boolean): string {
  let end = text.length;
  while (end > 0 && trimmed(text[end - 1])) end--;
  return text.slice(0, end);
}

/** `text` without the characters at its start that `trimmed` accepts. */
export function trimStartWhere(text: string, trimmed: (ch: string) => boolean): string {
  let start = 0;
  while (start < text.length && trimmed(text[start])) start++;
  return text.slice(start);
}

/** `text` without the characters at either end that `trimmed` accepts. */
export function trimWhere(text: string, trimmed: (ch: string) => boolean): string {
  return trimStartWhere(trimEndWhere(text, trimmed), trimmed);
}

/** Every run of white space that holds a line break, as one space (a block quotation's lines joined). */
export function joinLines(text: string): string {
  if (!text.includes('\n')) return text;
  const lines = text.split('\n');
  let out = lines[0].trimEnd();
  for (let i = 1; i < lines.length; i++) {
    const last = i === lines.length - 1;
    const line = last ? lines[i].trimStart() : lines[i].trim();
    // A blank line inside the run belongs to the same run of white space.
    if (line === '' && !last) continue;
    out += ` ${line}`;
  }
  return out;
}
