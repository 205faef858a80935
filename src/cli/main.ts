import { parseArgs } from 'node:util';
import { readFile, writeFile } from 'node:fs/promises';
import { cslBibliography } from '../core/citations/csl';
import { createVerbatimService, describeFinding, formatReport, lineAndCharacter, passageByline, type DraftReport, type IVerbatimService, type IWorkspace, type SearchHit } from '../core';
import { toSeverity } from '../core/features/diagnostics';
import { defaultSettings } from '../shared/settings';
import { PathsWorkspace } from './pathsWorkspace';
import { NodeIndexStore, runningBuildId } from '../server/nodeIndexStore';
import { archiveCommand, archiveUrl, archiveUsage, ArchiveUsageError, printHits, searchWithArchive, workspaceWithArchive } from './archive';

const usage = `Usage:
  verbatim index PATH... [--json]                       index sources (files or folders)
  verbatim search QUERY --sources PATH [--limit N] [--json]   find passages
  verbatim check DRAFT... --sources PATH [--json]       check the quotations of drafts
  verbatim bib --sources PATH [--out FILE]              the sources as a CSL-JSON bibliography
  verbatim lsp --stdio                                  run the language server
${archiveUsage}
  --cache DIR (index, search, check, bib)               keep the index in DIR, to start faster next time
  verbatim --help | --version`;

/** A failure the user caused: shown as one line, exit code 2. */
class UsageError extends Error {}

/** Runs the command line; returns the exit code. */
export async function main(argv: readonly string[], out: (s: string) => void = (s) => process.stdout.write(s)): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'index': return await index(rest, out);
      case 'search': return await search(rest, out);
      case 'check': return await check(rest, out);
      case 'bib': return await bib(rest, out);
      case 'lsp': return lsp(rest);
      case 'archive': return await archiveCommand(rest, out);
      case '--version': case '-v': out(`${version()}\n`); return 0;
      case '--help': case '-h': case 'help': out(`${usage}\n`); return 0;
      case undefined: throw new UsageError('no command given');
      default: throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    const message = error instanceof UsageError || error instanceof ArchiveUsageError ? `${error.message}\n${usage}` : error instanceof Error ? error.message : String(error);
    process.stderr.write(`verbatim: ${message}\n`);
    return 2;
  }
}

function parse(args: readonly string[], options: Record<string, { type: 'string' | 'boolean' }>) {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message.split('\n')[0] : String(error));
  }
}

async function load(paths: readonly string[], cache?: string | boolean, archive?: IWorkspace): Promise<IVerbatimService> {
  if (paths.length === 0 && !archive) throw new UsageError('no source path given');
  const paths_ = new PathsWorkspace(paths);
  const missing = await paths_.missing();
  if (missing) throw new Error(`no such file or folder: ${missing}`);
  const workspace = archive ?? paths_;
  const indexStore = typeof cache === 'string' ? new NodeIndexStore(cache) : undefined;
  const service = createVerbatimService({ workspace, settings: defaultSettings, indexStore, buildId: runningBuildId() });
  await service.reindex();
  await service.persistIndex();
  return service;
}

async function index(args: readonly string[], out: (s: string) => void): Promise<number> {
  const { values, positionals } = parse(args, { json: { type: 'boolean' }, cache: { type: 'string' } });
  const service = await load(positionals, values.cache);
  const sources = service.sources();
  const status = service.status();
  if (values.json) {
    out(`${JSON.stringify({
      sources: sources.map((s) => ({ ...s.meta, path: s.path, passages: s.passages.length })),
      passages: sources.flatMap((s) => s.passages.map((p) => ({
        id: p.id, key: p.key, kind: p.kind, text: p.text, speaker: p.speaker ?? null,
        speakerMention: p.speakerMention ? { start: p.speakerMention.start, end: p.speakerMention.end } : null,
        paragraph: p.paragraph, ...(p.page ? { page: p.page } : {}), start: p.start, end: p.end, ...(p.label ? { label: p.label } : {}),
      }))),
      problems: status.problems.map((p) => ({ path: p.path, code: p.code, message: p.message, skipped: p.skipped })),
    }, null, 2)}\n`);
  } else {
    const rows = sources.map((s) => {
      const count = (kind: string) => String(s.passages.filter((p) => p.kind === kind).length);
      return [s.meta.key, count('quote'), count('reported'), count('clause'), s.path];
    });
    out(table([['KEY', 'QUOTES', 'REPORTED', 'CLAUSES', 'PATH'], ...rows], [false, true, true, true, false]));
    out(`${sources.length} sources, ${status.passages} passages\n`);
    for (const p of status.problems) out(`${p.skipped ? 'skipped' : 'warning'}: ${p.path}: ${p.message}\n`);
  }
  return 0;
}

async function search(args: readonly string[], out: (s: string) => void): Promise<number> {
  const { values, positionals } = parse(args, { sources: { type: 'string' }, limit: { type: 'string' }, json: { type: 'boolean' }, cache: { type: 'string' }, db: { type: 'string' } });
  const query = positionals.join(' ').trim();
  if (!query) throw new UsageError('no query given');
  const db = archiveUrl(typeof values.db === 'string' ? values.db : undefined);
  if (!values.sources && !db) throw new UsageError('--sources PATH is required');
  const limit = values.limit === undefined ? 10 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit takes a whole number from 1 up, not "${values.limit}"`);
  const service = values.sources ? await load(String(values.sources).split(','), values.cache) : undefined;
  let hits = service?.search(query, { limit }) ?? [];
  let failed: readonly string[] = [];
  if (db) ({ hits, failed } = await searchWithArchive(db, hits, query, limit));
  for (const shard of failed) process.stderr.write(`warning: archive shard "${shard}" did not answer; results are partial\n`);
  if (values.json) {
    out(`${JSON.stringify({ query, results: hits.map((h) => ({ ...passageJson(h), score: Number(h.score.toFixed(4)) })), ...(db ? { partial: failed.length > 0, failedShards: failed } : {}) }, null, 2)}\n`);
    return 0;
  }
  if (!service) {
    printHits(hits, out);
    return 0;
  }
  if (hits.length === 0) {
    out('no passage matches\n');
    return 0;
  }
  hits.forEach((h, i) => {
    out(`${String(i + 1).padStart(2)}. ${h.passage.kind === 'quote' ? `“${h.passage.text}”` : h.passage.text}\n`);
    out(`    ${passageByline(h.passage, h.source)} · [@${h.passage.key}] · ${h.passage.kind} · score ${h.score.toFixed(2)}\n`);
  });
  for (const p of service.status().problems) process.stderr.write(`${p.skipped ? 'skipped' : 'warning'}: ${p.path}: ${p.message}\n`);
  return 0;
}

/**
 * Checks every quotation of the drafts. Exit code 0 when nothing has error severity, 1 when
 * something does, 2 for bad arguments or unreadable input.
 */
async function check(args: readonly string[], out: (s: string) => void): Promise<number> {
  const { values, positionals } = parse(args, { sources: { type: 'string' }, json: { type: 'boolean' }, cache: { type: 'string' }, db: { type: 'string' } });
  if (positionals.length === 0) throw new UsageError('no draft given');
  const db = archiveUrl(typeof values.db === 'string' ? values.db : undefined);
  if (!values.sources && !db) throw new UsageError('--sources PATH is required');
  const draftFiles = new PathsWorkspace(positionals);
  const missing = await draftFiles.missing();
  if (missing) throw new Error(`no such file or folder: ${missing}`);
  const sourcePaths = values.sources ? String(values.sources).split(',') : [];
  let archive: IWorkspace | undefined;
  if (db) {
    const drafts = await Promise.all((await draftFiles.findSources()).filter((ref) => /\.(?:md|markdown|txt)$/i.test(ref.path)).map((ref) => readFile(new URL(ref.uri), 'utf8')));
    const joined = await workspaceWithArchive(db, sourcePaths, drafts);
    archive = joined.workspace;
    for (const shard of joined.failed) process.stderr.write(`warning: archive shard "${shard}" did not answer; checked against the others only\n`);
  }
  const service = await load(sourcePaths, values.cache, archive);
  const sourceUris = new Set(service.sources().map((s) => s.uri));
  const reports: DraftReport[] = [];
  for (const ref of await draftFiles.findSources()) {
    // Drafts are Markdown; a folder's other files (sources, saved pages) are not checked as drafts.
    if (sourceUris.has(ref.uri) || !/\.(?:md|markdown|txt)$/i.test(ref.path)) continue;
    const text = await readFile(new URL(ref.uri), 'utf8').catch((error: Error) => { throw new Error(`cannot read ${ref.path}: ${error.message}`); });
    reports.push({ path: ref.path, text, findings: service.checkDraft(text) ?? [] });
  }
  const levels = service.settings.checkSeverity;
  let errors = 0;
  const findings = reports.flatMap((r) => r.findings.map((f) => {
    const described = describeFinding(f);
    const severity = described ? levels[described.level] : 'off';
    if (severity === 'error') errors++;
    const at = lineAndCharacter(r.text, f.quote.span.start);
    return {
      file: r.path, line: at.line, character: at.character, quote: f.quote.text, verdict: f.verdict,
      severity: described && toSeverity(severity) ? severity : 'none',
      speaker: f.passage?.speaker ?? null, sourceKey: f.source?.meta.key ?? null, passageId: f.passage?.id ?? null,
      paragraph: f.passage?.paragraph ?? null, ...(f.passage?.page ? { page: f.passage.page } : {}), message: described?.message ?? null,
      ...(f.qualifier ? { qualifier: f.qualifier } : {}),
    };
  }));
  if (values.json) out(`${JSON.stringify({ findings }, null, 2)}\n`);
  else out(formatReport(reports, 'text'));
  return errors > 0 ? 1 : 0;
}

/**
 * Writes the sources as CSL-JSON (to stdout, or to `--out FILE`), for
 * `pandoc --citeproc --bibliography FILE`. Sources that could not be read, and a second
 * source with a key already used, are reported on stderr and left out.
 */
async function bib(args: readonly string[], out: (s: string) => void): Promise<number> {
  const { values, positionals } = parse(args, { sources: { type: 'string' }, out: { type: 'string' }, cache: { type: 'string' } });
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}" (sources are given with --sources PATH)`);
  if (!values.sources) throw new UsageError('--sources PATH is required');
  const service = await load(String(values.sources).split(','), values.cache);
  const items = cslBibliography(service.sources());
  for (const p of service.status().problems) process.stderr.write(`${p.skipped ? 'skipped' : 'warning'}: ${p.path}: ${p.message}\n`);
  const json = `${JSON.stringify(items, null, 2)}\n`;
  if (values.out === undefined) {
    out(json);
    return 0;
  }
  await writeFile(String(values.out), json).catch((error: Error) => { throw new Error(`cannot write ${values.out}: ${error.message}`); });
  out(`${items.length} ${items.length === 1 ? 'source' : 'sources'} written to ${values.out}\n`);
  return 0;
}

function passageJson(h: SearchHit) {
  const p = h.passage;
  return { id: p.id, key: p.key, kind: p.kind, text: p.text, speaker: p.speaker ?? null, paragraph: p.paragraph, ...(p.page ? { page: p.page } : {}), start: p.start, end: p.end, path: h.source.path };
}

function lsp(args: readonly string[]): number {
  const { values } = parse(args, { stdio: { type: 'boolean' } });
  if (!values.stdio) throw new UsageError('lsp needs --stdio (the only transport)');
  // Loaded here so that index and search do not pay for the server's modules.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { startServer } = require('../server/startServer') as typeof import('../server/startServer');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createConnection, ProposedFeatures } = require('vscode-languageserver/node') as typeof import('vscode-languageserver/node');
  startServer(createConnection(ProposedFeatures.all));
  return -1;
}

function version(): string {
  return typeof VERBATIM_VERSION === 'string' ? VERBATIM_VERSION : 'development';
}

declare const VERBATIM_VERSION: string | undefined;

function table(rows: readonly string[][], rightAlign: readonly boolean[]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : rightAlign[c] ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ')).join('\n') + '\n';
}
