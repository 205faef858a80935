import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { diagnosticCodes, sourceProblemCodes } from '../../../src/shared/diagnosticCodes';

const root = path.join(__dirname, '../../../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

describe('the table of diagnostic codes', () => {
  it('holds every source-problem code the code base writes', () => {
    const known = new Set<string>(Object.values(sourceProblemCodes));
    const written = sourceFiles(path.join(root, 'src')).flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/['"`](verbatim\.source\.[\w-]+)['"`]/g)].map((m) => `${path.relative(root, file)}: ${m[1]}`));
    assert.ok(written.length > 0);
    assert.deepEqual(written.filter((w) => !known.has(w.split(': ')[1])), []);
  });

  it('has each draft code documented in the README, and no code twice', () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    const documented = new Set([...readme.matchAll(/`(verbatim\.(?:[a-z]+-)*[a-z]+(?:[A-Z][a-z]+)*)`/g)].map((m) => m[1]).filter((c) => !c.startsWith('verbatim.source')));
    const codes = new Set<string>([...Object.values(diagnosticCodes), ...Object.values(sourceProblemCodes)]);
    for (const code of Object.values(diagnosticCodes)) assert.ok(documented.has(code), `${code} is documented`);
    assert.ok(codes.size === Object.keys(diagnosticCodes).length + Object.keys(sourceProblemCodes).length, 'no code is used twice');
  });
});
