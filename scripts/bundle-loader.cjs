// dist/NAME.js for a bundle shipped Brotli-compressed beside it (dist/NAME.bundle.js.br, written
// by scripts/build.mjs): decompresses it and runs it as the CommonJS module it is, with this
// file's `require`, `module` and folder. Used for pdf.js (dist/pdfjs.js) and, in the package,
// for the language server (dist/server.js). The bundle's `__filename` is the compressed file,
// which exists (the server hashes its own code to tell its index cache apart).
'use strict';
const { readFileSync } = require('node:fs');
const { basename, join } = require('node:path');
const { runInThisContext } = require('node:vm');
const { brotliDecompressSync } = require('node:zlib');

const file = join(__dirname, `${basename(__filename, '.js')}.bundle.js`);
const code = brotliDecompressSync(readFileSync(`${file}.br`)).toString('utf8');
const wrapped = runInThisContext(`(function (exports, require, module, __filename, __dirname) {${code}\n})`, { filename: file });
wrapped.call(module.exports, module.exports, require, module, `${file}.br`, __dirname);
