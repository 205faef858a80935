import { parseArgs } from 'node:util';
import { readFile, writeFile } from 'node:fs/promises';
import { ZoteroSources, bibliographyWithZotero, findCitations } from '../core';
import { createVerbatimService, describeFinding, formatReport, githubAnnotations, gitlabCodeQuality, junitReport, lineAndCharacter, passageByline, reportedProblems, sarifLog, toSeverity, type DraftReport, type IVerbatimService, type IWorkspace, type SearchHit } from '../core';
import { defaultSettings } from '../shared/settings';
import { NodeIndexStore, NodeZoteroDirectory, PathsWorkspace, runningBuildId, zoteroItemsFileName } from '../node';
import { checkFormats, rootLocation, severitiesFrom, type CheckFormat } from './reportFiles';
import { archiveCommand, archiveUrl, archiveUsage, ArchiveUsageError, printHits, searchWithArchive, withArchiveSources } from './archive';

const usage = `Usage:
  verbatim index PATH... [--json]                       index sources (files or folders)
  verbatim search QUERY --sources PATH [--limit N] [--json]   find passages
  verbatim check DRAFT... --sources PATH [--format F]   check the quotations of drafts; F is
        text, json (or --json), sarif, github, junit or gitlab; --root DIR: paths relative to DIR;
        --severity KIND=LEVEL,... (the kinds and levels of the setting verbatim.check.severity)
  verbatim bib --sources PATH [--out FILE]              the sources as a CSL-JSON bibliography
  verbatim bib DRAFT... --zotero DIR [--out FILE]       only the sources the drafts cite
  verbatim lsp --stdio                                  run the language server
${archiveUsage}
  --cache DIR (index, search, check, bib)               keep the index in DIR, to start faster next time
  --max-size-kb N (index, search, check, bib)           skip sources larger than N KB (a PDF's text; default 2048)
  --zotero DIR (index, search, check, bib)              a Zotero data directory as a source library (read-only)
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
      case 'archive': return await archiveCommand(rest, out);
      case 'lsp': return lsp(rest);
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

/** The `--max-size-kb` option (the setting verbatim.sources.maxSizeKB), or the default. */
function maxSizeKB(value: string | boolean | undefined): number {
  if (value === undefined) return defaultSettings.maxSourceSizeKB;
  const kb = Number(value);
  if (!Number.isInteger(kb) || kb < 1) throw new UsageError(`--max-size-kb takes a whole number of KB from 1 up, not "${String(value)}"`);
  return kb;
}

/** The Zotero library of the last `load`, for `bib`. */
let zoteroLoaded: ZoteroSources | undefined;

/**
 * Indexes the named paths, the Zotero library and (for `check --db`) the archive's sources that
 * `archive` adds to the workspace.
 */
async function load(paths: readonly string[], cache?: string | boolean, maxSize?: string | boolean, zotero?: string | boolean, archive?: (files: IWorkspace) => IWorkspace): Promise<IVerbatimService> {
  if (paths.length === 0 && typeof zotero !== 'string' && !archive) throw new UsageError('no source path given');
  const files = new PathsWorkspace(paths);
  const missing = await files.missing();
  if (missing) throw new Error(`no such file or folder: ${missing}`);
  const indexStore = typeof cache === 'string' ? new NodeIndexStore(cache) : undefined;
  // With a cache folder, the library's items are kept there too, read again only when the database changed.
  const zoteroStore = typeof cache === 'string' ? new NodeIndexStore(cache, undefined, zoteroItemsFileName) : undefined;
  zoteroLoaded = typeof zotero === 'string' ? new ZoteroSources(new NodeZoteroDirectory(zotero), { ...(zoteroStore ? { store: zoteroStore } : {}), buildId: runningBuildId() }) : undefined;
  const local = zoteroLoaded ? zoteroLoaded.workspace(files) : files;
  const workspace = archive ? archive(local) : local;
  const service = createVerbatimService({
    workspace, settings: { ...defaultSettings, maxSourceSizeKB: maxSizeKB(maxSize) }, indexStore, buildId: runningBuildId(),
    ...(zoteroLoaded ? { loadSource: zoteroLoaded.load } : {}),
  });
  await service.reindex();
  await service.persistIndex();
  return service;
}

async function index(args: readonly string[], out: (s: string) => void): Promise<number> {
  const { values, positionals } = parse(args, { json: { type: 'boolean' }, cache: { type: 'string' }, 'max-size-kb': { type: 'string' }, zotero: { type: 'string' } });
  const service = await load(positionals, values.cache, values['max-size-kb'], values.zotero);
  const sources = service.sources();
  const status = service.status();
  if (values.json) {
    out(`${JSON.stringify({
      sources: sources.map((s) => ({ ...s.meta, path: s.path, passages: s.passages.length })),
      passages: sources.flatMap((s) => s.passages.map((p) => ({
        id: p.id, key: p.key, kind: p.kind, text: p.text, speaker: p.speaker ?? null,
        speakerMention: p.speakerMention ? { start: p.speakerMention.start, end: p.speakerMention.end } : null,
        paragraph: p.paragraph, ...(p.page ? { page: p.page } : {}), ...(p.pageLabel ? { pageLabel: p.pageLabel } : {}), start: p.start, end: p.end, ...(p.label ? { label: p.label } : {}),
      }))),
      problems: status.problems.map((p) => ({ path: p.path, code: p.code, message: p.message, skipped: p.skipped })),
    }, null, 2)}\n`);
  } else {
    const rows = sources.map((s) => {
      const count = (kind: string) => String(s.passages.filter((p) => p.kind === kind).length);
      return [s.meta.key, count('quote'), count('reported'), count('clause'), ...(values.zotero ? [count('highlight')] : []), s.path];
    });
    const head = ['KEY', 'QUOTES', 'REPORTED', 'CLAUSES', ...(values.zotero ? ['HIGHLIGHTS'] : []), 'PATH'];
    out(table([head, ...rows], head.map((h) => h !== 'KEY' && h !== 'PATH')));
    out(`${sources.length} sources, ${status.passages} passages\n`);
    for (const p of status.problems) out(`${p.skipped ? 'skipped' : 'warning'}: ${p.path}: ${p.message}\n`);
  }
  return 0;
}

async function search(args: readonly string[], out: (s: string) => void): Promise<number> {
  const { values, positionals } = parse(args, { sources: { type: 'string' }, limit: { type: 'string' }, json: { type: 'boolean' }, cache: { type: 'string' }, 'max-size-kb': { type: 'string' }, zotero: { type: 'string' }, db: { type: 'string' } });
  const query = positionals.join(' ').trim();
  if (!query) throw new UsageError('no query given');
  const db = archiveUrl(typeof values.db === 'string' ? values.db : undefined);
  if (!values.sources && !values.zotero && !db) throw new UsageError('--sources PATH is required');
  const limit = values.limit === undefined ? 10 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit takes a whole number from 1 up, not "${values.limit}"`);
  const service = values.sources || values.zotero ? await load(sourcePaths(values.sources), values.cache, values['max-size-kb'], values.zotero) : undefined;
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
  const { values, positionals } = parse(args, { sources: { type: 'string' }, json: { type: 'boolean' }, format: { type: 'string' }, root: { type: 'string' }, severity: { type: 'string' }, cache: { type: 'string' }, 'max-size-kb': { type: 'string' }, zotero: { type: 'string' }, db: { type: 'string' } });
  const format = checkFormat(values.format === undefined ? undefined : String(values.format), values.json === true);
  const levels = values.severity === undefined ? defaultSettings.checkSeverity : severitiesFrom(String(values.severity), defaultSettings.checkSeverity);
  if (positionals.length === 0) throw new UsageError('no draft given');
  const db = archiveUrl(typeof values.db === 'string' ? values.db : undefined);
  if (!values.sources && !values.zotero && !db) throw new UsageError('--sources PATH is required');
  const draftFiles = new PathsWorkspace(positionals);
  const missing = await draftFiles.missing();
  if (missing) throw new Error(`no such file or folder: ${missing}`);
  let archive: ((files: IWorkspace) => IWorkspace) | undefined;
  if (db) {
    const drafts = await Promise.all((await draftFiles.findSources()).filter((ref) => /\.(?:md|markdown|txt)$/i.test(ref.path)).map((ref) => readFile(new URL(ref.uri), 'utf8')));
    const joined = await withArchiveSources(db, drafts);
    archive = joined.workspace;
    for (const shard of joined.failed) process.stderr.write(`warning: archive shard "${shard}" did not answer; checked against the others only\n`);
  }
  const service = await load(sourcePaths(values.sources), values.cache, values['max-size-kb'], values.zotero, archive);
  const sourceUris = new Set(service.sources().map((s) => s.uri));
  const reports: DraftReport[] = [];
  for (const ref of await draftFiles.findSources()) {
    // Drafts are Markdown; a folder's other files (sources, saved pages) are not checked as drafts.
    if (sourceUris.has(ref.uri) || !/\.(?:md|markdown|txt)$/i.test(ref.path)) continue;
    const text = await readFile(new URL(ref.uri), 'utf8').catch((error: Error) => { throw new Error(`cannot read ${ref.path}: ${error.message}`); });
    reports.push({ path: ref.path, text, findings: await service.checkDraft(text) ?? [] });
  }
  const errors = reportedProblems(reports, levels).filter((p) => p.level === 'error').length;
  const findings = reports.flatMap((r) => r.findings.map((f) => {
    const described = describeFinding(f);
    const severity = described ? levels[described.level] : 'off';
    const at = lineAndCharacter(r.text, f.quote.span.start);
    return {
      file: r.path, line: at.line, character: at.character, quote: f.quote.text, verdict: f.verdict,
      severity: described && toSeverity(severity) ? severity : 'none',
      speaker: f.passage?.speaker ?? null, sourceKey: f.source?.meta.key ?? null, passageId: f.passage?.id ?? null,
      paragraph: f.passage?.paragraph ?? null, ...(f.passage?.page ? { page: f.passage.page } : {}), ...(f.passage?.pageLabel ? { pageLabel: f.passage.pageLabel } : {}), message: described?.message ?? null,
      ...(f.qualifier ? { qualifier: f.qualifier } : {}),
    };
  }));
  const report = { severities: levels, version: version(), ...rootLocation(String(values.root ?? '.')) };
  switch (format) {
    case 'json': out(`${JSON.stringify({ findings }, null, 2)}\n`); break;
    case 'text': out(formatReport(reports, 'text')); break;
    case 'sarif': out(`${JSON.stringify(sarifLog({ ...report, drafts: reports, sourceProblems: service.status().problems }), null, 2)}\n`); break;
    case 'github': out(githubAnnotations(reports, report)); break;
    case 'junit': out(junitReport(reports, report)); break;
    case 'gitlab': out(`${JSON.stringify(gitlabCodeQuality(reports, report), null, 2)}\n`); break;
  }
  return errors > 0 ? 1 : 0;
}

/** `--format`, with `--json` standing for `--format json`. */
function checkFormat(format: string | undefined, json: boolean): CheckFormat {
  if (format === undefined) return json ? 'json' : 'text';
  if (!(checkFormats as readonly string[]).includes(format)) throw new UsageError(`--format takes ${checkFormats.join(', ')}, not "${format}"`);
  if (json && format !== 'json') throw new UsageError(`--json and --format ${format} ask for two formats`);
  return format as CheckFormat;
}

/**
 * Writes the sources as CSL-JSON (to stdout, or to `--out FILE`), for
 * `pandoc --citeproc --bibliography FILE`. Sources that could not be read, and a second
 * source with a key already used, are reported on stderr and left out.
 */
async function bib(args: readonly string[], out: (s: string) => void): Promise<number> {
  const { values, positionals } = parse(args, { sources: { type: 'string' }, out: { type: 'string' }, cache: { type: 'string' }, 'max-size-kb': { type: 'string' }, zotero: { type: 'string' } });
  if (!values.sources && !values.zotero) throw new UsageError('--sources PATH is required');
  const service = await load(sourcePaths(values.sources), values.cache, values['max-size-kb'], values.zotero);
  const cited = positionals.length ? await citedKeys(positionals) : undefined;
  const sources = service.sources().filter((s) => !cited || cited.has(s.meta.key));
  // Zotero's items are written as Zotero exports them (item type, every creator, volume, pages…).
  const items = bibliographyWithZotero(sources, zoteroLoaded);
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

/** `--sources a,b` as paths; none when only `--zotero` is given. */
function sourcePaths(sources: string | boolean | undefined): string[] {
  return typeof sources === 'string' ? sources.split(',') : [];
}

/** The citation keys the drafts cite (`[@key, …]`). */
async function citedKeys(drafts: readonly string[]): Promise<Set<string>> {
  const keys = new Set<string>();
  const files = new PathsWorkspace(drafts);
  const missing = await files.missing();
  if (missing) throw new Error(`no such file or folder: ${missing}`);
  for (const ref of await files.findSources()) {
    if (!/\.(?:md|markdown|txt)$/i.test(ref.path)) continue;
    const text = await readFile(new URL(ref.uri), 'utf8').catch((error: Error) => { throw new Error(`cannot read ${ref.path}: ${error.message}`); });
    for (const citation of findCitations(text)) keys.add(citation.key);
  }
  return keys;
}

function passageJson(h: SearchHit) {
  const p = h.passage;
  return { id: p.id, key: p.key, kind: p.kind, text: p.text, speaker: p.speaker ?? null, paragraph: p.paragraph, ...(p.page ? { page: p.page } : {}), ...(p.pageLabel ? { pageLabel: p.pageLabel } : {}), start: p.start, end: p.end, path: h.source.path };
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
