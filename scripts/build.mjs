// Bundles the extension, the language server and the command line with esbuild.
// Usage: node scripts/build.mjs [--watch] [--minify]
import * as esbuild from 'esbuild';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, constants } from 'node:zlib';
import { pdfjsPatched } from './pdfjs-patches.mjs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const watch = process.argv.includes('--watch');
const minify = process.argv.includes('--minify');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !minify,
  minify,
  logLevel: 'info',
  define: { VERBATIM_VERSION: JSON.stringify(pkg.version) },
  // vscode-languageserver's `node` entry asks for optional native watchers we never use.
  mainFields: ['module', 'main'],
};

/**
 * pdf.js is two thirds of the server's code and only a workspace with PDFs needs it: the
 * server and the command line load it from dist/pdfjs.js beside them on their first PDF
 * (scripts/pdfjs-entry.mjs), so that starting them does not read and compile it.
 */
const pdfjsApart = {
  name: 'pdfjs-apart',
  setup(build) {
    build.onResolve({ filter: /^pdfjs-dist\/legacy\/build\/pdf(\.worker)?\.mjs$/ }, () => ({ path: './pdfjs.js', external: true }));
  },
};
// Loaded with require(), resolved beside the bundle: dist/pdfjs.js is a CommonJS bundle too.
const apart = { plugins: [pdfjsApart], supported: { 'dynamic-import': false } };

const builds = [
  { ...common, entryPoints: ['src/client/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { ...common, entryPoints: ['src/server/main.ts'], outfile: 'dist/server.js', ...apart, external: ['pg-native'] },
  // pg's optional native binding is never used: the archive client is pure JavaScript.
  { ...common, entryPoints: ['src/cli/bin.ts'], outfile: 'dist/cli.js', ...apart, external: ['pg-native'] },
  // pdf.js as Verbatim reads it: for text only (scripts/pdfjs-patches.mjs).
  { ...common, entryPoints: ['scripts/pdfjs-entry.mjs'], outfile: 'dist/pdfjs.js', sourcemap: false, write: false },
];

/**
 * pdf.js is half of the package's bytes. It ships compressed with Brotli (a fifth smaller than
 * the package's own zip compression makes it), and dist/pdfjs.js is a few lines that
 * decompress and run it on the first PDF (some 25 ms, once). The packaged language server
 * (`--minify`) ships the same way, dist/server.js being the same few lines (some 10 ms at start).
 */
function writeCompressed(name, result) {
  const [code] = result.outputFiles;
  const compressed = brotliCompressSync(code.contents, {
    params: { [constants.BROTLI_PARAM_QUALITY]: minify ? 11 : 4, [constants.BROTLI_PARAM_SIZE_HINT]: code.contents.length },
  });
  writeFileSync(`dist/${name}.bundle.js.br`, compressed);
  writeFileSync(`dist/${name}.js`, readFileSync(new URL('./bundle-loader.cjs', import.meta.url)));
}

const compressedAs = (name) => ({ name: `${name}-compressed`, setup(build) { build.onEnd((result) => { if (!result.errors.length) writeCompressed(name, result); }); } });
const pdfjsBuild = builds.pop();
builds.push({ ...pdfjsBuild, plugins: [pdfjsPatched, compressedAs('pdfjs')] });
if (minify) {
  const server = builds.findIndex((b) => b.outfile === 'dist/server.js');
  builds[server] = { ...builds[server], write: false, plugins: [...builds[server].plugins, compressedAs('server')] };
} else {
  // A development build runs the server bundle itself (with its source map): no stale compressed copy may stay beside it.
  rmSync('dist/server.bundle.js.br', { force: true });
}

if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
