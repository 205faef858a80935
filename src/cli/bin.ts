#!/usr/bin/env node
import { main } from './main';

/** The `verbatim` command. `lsp` keeps running; every other command exits with its code. */
void main(process.argv.slice(2)).then((code) => {
  if (code >= 0) process.exitCode = code;
});
