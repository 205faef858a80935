/**
 * `npm run eval:sources`: scores the source readers on the development sets under
 * ../shared/corpus (not shipped with the project; not part of the tests). Each format has its
 * own section (`sourcesWeb.ts` for saved web pages); a section whose corpus is absent is skipped.
 *
 *   node scripts/eval-sources.mjs [--only web] [--corpus DIR] [--errors N] [--page NAME] [--reader readability|own] [--json]
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { runWeb } from './sourcesWeb';

interface Section {
  readonly name: string;
  run(corpus: string, options: { errors?: number; page?: string; reader?: string }): { lines: string[]; pages: unknown[] } | undefined;
}

/** The sections, in the order they print; a PDF section joins this list. */
const sections: Section[] = [{ name: 'web', run: runWeb }];

/** Runs the sections the arguments ask for; returns the exit status. */
export function run(argv: readonly string[], repo: string): number {
  const arg = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const corpus = path.resolve(arg('--corpus') ?? path.join(repo, '..', 'shared', 'corpus'));
  if (!existsSync(corpus)) {
    console.error(`No corpus at ${corpus} (see ../shared/corpus/README.md).`);
    return 2;
  }
  const only = arg('--only');
  const errors = Number(arg('--errors') ?? 0);
  const page = arg('--page');
  const json: Record<string, unknown> = {};
  let ran = 0;
  for (const section of sections) {
    if (only && section.name !== only) continue;
    const reader = arg('--reader');
    const result = section.run(corpus, { errors, ...(page ? { page } : {}), ...(reader ? { reader } : {}) });
    if (!result) continue;
    ran++;
    if (argv.includes('--json')) json[section.name] = result.pages;
    else console.log(result.lines.join('\n') + '\n');
  }
  if (argv.includes('--json')) console.log(JSON.stringify(json, null, 1));
  return ran ? 0 : 2;
}
