/**
 * Verbatim's settings, declared once for the extension, the server, the core and the CLI.
 * `package.json#contributes.configuration` and the README's settings table mirror this file;
 * `test/unit/manifest.test.ts` keeps the three in step.
 */

/** How an inserted quotation is cited. */
export type CitationStyle = 'pandoc' | 'footnote' | 'parenthetical';

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
}

/** Defaults, frozen so no caller can change them for everybody. */
export const defaultSettings: VerbatimSettings = Object.freeze({
  sources: Object.freeze(['sources/**/*.md', 'sources/**/*.markdown', 'sources/**/*.txt']),
  citationStyle: 'pandoc',
  maxCompletionItems: 20,
  maxSourceSizeKB: 2048,
});

/** The configuration section every setting lives under. */
export const settingsSection = 'verbatim';

/** Setting names as the user writes them (`verbatim.sources`), one per field. */
export const settingKeys: { readonly [K in keyof VerbatimSettings]: string } = Object.freeze({
  sources: 'verbatim.sources',
  citationStyle: 'verbatim.citation.style',
  maxCompletionItems: 'verbatim.completion.maxItems',
  maxSourceSizeKB: 'verbatim.sources.maxSizeKB',
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
  return Object.freeze({
    sources: Array.isArray(sources) && sources.every((s) => typeof s === 'string') && sources.length > 0
      ? Object.freeze([...sources]) : defaultSettings.sources,
    citationStyle: citationStyles.includes(style as CitationStyle) ? style as CitationStyle : defaultSettings.citationStyle,
    maxCompletionItems: typeof maxItems === 'number' && maxItems >= 1 ? Math.min(200, Math.floor(maxItems)) : defaultSettings.maxCompletionItems,
    maxSourceSizeKB: typeof maxSize === 'number' && maxSize > 0 ? maxSize : defaultSettings.maxSourceSizeKB,
  });
}
