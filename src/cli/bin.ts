#!/usr/bin/env node
import { main } from './main';

// The output goes to stdout through `main`; what libraries log (pdf.js warns there when it
// loads without a canvas) goes to stderr, so `--json` stays parseable.
console.log = console.error;

/** The `verbatim` command. `lsp` keeps running; every other command exits with its code. */
void main(process.argv.slice(2)).then((code) => {
  if (code >= 0) process.exitCode = code;
});
