import type { SourceDoc, SourceMeta, SourceProblem } from '../model';
import { messages } from '../../shared/strings';
import { readFrontMatter } from './frontMatter';
import { readBlocks } from '../text/paragraphs';
import { extractPassages } from '../extraction/extractPassages';

/** Where a source's bytes came from. */
export interface SourceFile {
  readonly uri: string;
  /** Path shown to people. */
  readonly path: string;
  readonly bytes: Uint8Array;
}

export type LoadResult =
  | { readonly ok: true; readonly source: SourceDoc }
  | { readonly ok: false; readonly problem: SourceProblem };

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * Turns a file's bytes into an indexed source, or into a problem that says why it was skipped.
 * Never throws for bad input: a broken source must not stop the others.
 */
export function loadSource(file: SourceFile, maxBytes: number): LoadResult {
  const fail = (code: string, message: string): LoadResult =>
    ({ ok: false, problem: { uri: file.uri, path: file.path, code, message, skipped: true } });
  if (file.bytes.length === 0) return fail('verbatim.source.empty', messages.sourceEmpty);
  if (file.bytes.length > maxBytes) {
    return fail('verbatim.source.tooLarge', messages.sourceTooLarge(maxBytes));
  }
  // A NUL byte never occurs in text a writer would cite; it marks a binary file.
  if (file.bytes.includes(0)) return fail('verbatim.source.binary', messages.sourceBinary);
  let text: string;
  try {
    text = decoder.decode(file.bytes);
  } catch {
    return fail('verbatim.source.encoding', messages.sourceNotUtf8);
  }
  if (text.trim() === '') return fail('verbatim.source.empty', messages.sourceEmpty);
  const front = readFrontMatter(text);
  if (!front.ok) return fail('verbatim.source.frontMatter', front.reason);
  const meta: SourceMeta = { ...front.fields, key: front.fields.key ?? keyFromPath(file.path) };
  const blocks = readBlocks(text, front.bodyStart);
  const passages = extractPassages(text, blocks, meta.key);
  return { ok: true, source: { uri: file.uri, path: file.path, meta, text, bodyStart: front.bodyStart, blocks, passages } };
}

/** `sources/hkfp-2017-vpn.md` → `hkfp-2017-vpn`; characters Pandoc keys cannot hold become `-`. */
export function keyFromPath(path: string): string {
  const name = path.split(/[\\/]/).pop() ?? path;
  const stem = name.replace(/\.[^.]+$/, '') || name;
  return stem.replace(/[^\p{L}\p{N}_:.#$%&+?<>~/-]+/gu, '-').replace(/^-+|-+$/g, '') || 'source';
}
