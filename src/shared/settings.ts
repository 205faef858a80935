/**
 * Verbatim's settings, declared once for the extension, the server, the core and the CLI.
 * `package.json#contributes.configuration` and the README's settings table mirror this file;
 * `test/unit/manifest.test.ts` keeps the three in step.
 */

/** How an inserted quotation is cited. */
export type CitationStyle = 'pandoc' | 'footnote' | 'parenthetical';

/** How loudly a kind of finding is reported; `off` hides it. */
export type SeverityLevel = 'error' | 'warning' | 'information' | 'hint' | 'off';

/** The kinds of finding whose level the user can choose. */
export interface CheckSeverities {
  /** A faithfully edited quotation (ellipsis, brackets, capital). */
  readonly edited: SeverityLevel;
  /** An altered quotation whose changes touch no number, negation or name. */
  readonly altered: SeverityLevel;
  /** An altered quotation with a changed number, negation or name. */
  readonly alteredMeaning: SeverityLevel;
  readonly misattributed: SeverityLevel;
  readonly wrongSource: SeverityLevel;
  /** A cited quotation found in no source. */
  readonly notFound: SeverityLevel;
  /** An uncited quotation found in no source. */
  readonly notFoundUncited: SeverityLevel;
  /** A quotation that stops right before a qualifier in the source. */
  readonly context: SeverityLevel;
  /** An attribution that could be neither confirmed nor refuted (a speaker named on one side only, or guessed). */
  readonly speakerUnverified: SeverityLevel;
}

/** Every setting under the `verbatim.` prefix, with its value type. */
export interface VerbatimSettings {
  /** Glob patterns, relative to each workspace folder, of the files that are sources. */
  readonly sources: readonly string[];
  /** Citation form inserted after a quotation. */
  readonly citationStyle: CitationStyle;
  /** How many completion items a query returns at most. */
  readonly maxCompletionItems: number;
  /** Sources larger than this many kilobytes are reported and skipped. */
  readonly maxSourceSizeKB: number;
  /** Check the quotations of open drafts as the writer types. */
  readonly checkEnabled: boolean;
  /** The level of each kind of finding. */
  readonly checkSeverity: CheckSeverities;
  /** Glob patterns of the drafts a workspace audit checks (sources are never drafts). */
  readonly drafts: readonly string[];
  /** A Zotero data directory (with `zotero.sqlite`) whose items are sources too, read-only; empty for none. */
  readonly zoteroDataDirectory: string;
  /** A newsroom's shared archive on PostgreSQL (a libpq connection string without its password); empty for none. */
  readonly archiveUrl: string;
  /** Whether this workspace consults the archive set in `archiveUrl`. */
  readonly archiveEnabled: boolean;
  /** How long completion waits for the archive's passages before answering without them, in milliseconds. */
  readonly archiveTimeBudgetMs: number;
}

const defaultSeverities: CheckSeverities = Object.freeze({
  edited: 'information', altered: 'warning', alteredMeaning: 'error', misattributed: 'error',
  wrongSource: 'warning', notFound: 'warning', notFoundUncited: 'information', context: 'information',
  speakerUnverified: 'information',
});
const severityLevels: readonly SeverityLevel[] = ['error', 'warning', 'information', 'hint', 'off'];

/** Defaults, frozen so no caller can change them for everybody. */
export const defaultSettings: VerbatimSettings = Object.freeze({
  sources: Object.freeze(['sources/**/*.md', 'sources/**/*.markdown', 'sources/**/*.txt', 'sources/**/*.html', 'sources/**/*.htm', 'sources/**/*.pdf']),
  citationStyle: 'pandoc',
  maxCompletionItems: 20,
  maxSourceSizeKB: 2048,
  checkEnabled: true,
  checkSeverity: defaultSeverities,
  drafts: Object.freeze(['**/*.md', '**/*.markdown']),
  zoteroDataDirectory: '',
  archiveUrl: '',
  archiveEnabled: true,
  archiveTimeBudgetMs: 150,
});

/** The configuration section every setting lives under. */
export const settingsSection = 'verbatim';

/** Setting names as the user writes them (`verbatim.sources`), one per field. */
export const settingKeys: { readonly [K in keyof VerbatimSettings]: string } = Object.freeze({
  sources: 'verbatim.sources',
  citationStyle: 'verbatim.citation.style',
  maxCompletionItems: 'verbatim.completion.maxItems',
  maxSourceSizeKB: 'verbatim.sources.maxSizeKB',
  checkEnabled: 'verbatim.check.enabled',
  checkSeverity: 'verbatim.check.severity',
  drafts: 'verbatim.drafts',
  zoteroDataDirectory: 'verbatim.zotero.dataDirectory',
  archiveUrl: 'verbatim.archive.url',
  archiveEnabled: 'verbatim.archive.enabled',
  archiveTimeBudgetMs: 'verbatim.archive.timeBudgetMs',
});

const citationStyles: readonly CitationStyle[] = ['pandoc', 'footnote', 'parenthetical'];

/**
 * Reads settings from a loosely typed object (the client's configuration or a JSON file),
 * falling back to the default for every value that is missing or of the wrong type, so a typo
 * in settings.json degrades one setting and never stops the server.
 */
export function resolveSettings(raw: unknown): VerbatimSettings {
  const get = (name: string): unknown => {
    if (typeof raw !== 'object' || raw === null) return undefined;
    let value: unknown = raw;
    for (const part of name.split('.').slice(1)) {
      if (typeof value !== 'object' || value === null) return undefined;
      value = (value as Record<string, unknown>)[part];
    }
    return value;
  };
  const sources = get(settingKeys.sources);
  const style = get(settingKeys.citationStyle);
  const maxItems = get(settingKeys.maxCompletionItems);
  const maxSize = get(settingKeys.maxSourceSizeKB);
  const checkEnabled = get(settingKeys.checkEnabled);
  const severity = get(settingKeys.checkSeverity);
  const drafts = get(settingKeys.drafts);
  const zotero = get(settingKeys.zoteroDataDirectory);
  const archiveUrl = get(settingKeys.archiveUrl);
  const archiveEnabled = get(settingKeys.archiveEnabled);
  const budget = get(settingKeys.archiveTimeBudgetMs);
  const levels = Object.fromEntries(Object.entries(defaultSeverities).map(([kind, level]) => {
    const chosen = typeof severity === 'object' && severity !== null ? (severity as Record<string, unknown>)[kind] : undefined;
    return [kind, severityLevels.includes(chosen as SeverityLevel) ? chosen : level];
  })) as unknown as CheckSeverities;
  return Object.freeze({
    sources: stringList(sources) ?? defaultSettings.sources,
    citationStyle: citationStyles.includes(style as CitationStyle) ? style as CitationStyle : defaultSettings.citationStyle,
    maxCompletionItems: typeof maxItems === 'number' && maxItems >= 1 ? Math.min(200, Math.floor(maxItems)) : defaultSettings.maxCompletionItems,
    maxSourceSizeKB: typeof maxSize === 'number' && maxSize > 0 ? maxSize : defaultSettings.maxSourceSizeKB,
    checkEnabled: typeof checkEnabled === 'boolean' ? checkEnabled : defaultSettings.checkEnabled,
    checkSeverity: Object.freeze(levels),
    drafts: stringList(drafts) ?? defaultSettings.drafts,
    zoteroDataDirectory: typeof zotero === 'string' ? zotero.trim() : defaultSettings.zoteroDataDirectory,
    archiveUrl: typeof archiveUrl === 'string' ? archiveUrl.trim() : defaultSettings.archiveUrl,
    archiveEnabled: typeof archiveEnabled === 'boolean' ? archiveEnabled : defaultSettings.archiveEnabled,
    archiveTimeBudgetMs: typeof budget === 'number' && budget >= 0 ? Math.min(5000, Math.floor(budget)) : defaultSettings.archiveTimeBudgetMs,
  });
}

function stringList(value: unknown): readonly string[] | undefined {
  return Array.isArray(value) && value.length > 0 && value.every((s) => typeof s === 'string') ? Object.freeze([...value]) : undefined;
}

/** Whether a change of settings changes what is indexed (the patterns, the size limit), so sources must be read again. */
export function changesIndex(before: VerbatimSettings, next: VerbatimSettings): boolean {
  return before.sources.join('\n') !== next.sources.join('\n') || before.maxSourceSizeKB !== next.maxSourceSizeKB;
}
