// Lint rules that keep the architecture honest: the core imports nothing of the editor, the
// server or Node; the server and the command line use the core's facade only; the client
// never reaches into the core; no promise is left floating; no
// regular expression can be made to run in quadratic time by hostile source text.
import tseslint from 'typescript-eslint';
import regexp from 'eslint-plugin-regexp';

const nodeBuiltins = ['fs', 'path', 'os', 'child_process', 'url', 'util', 'net', 'http', 'https', 'crypto', 'stream', 'events', 'worker_threads'];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'scripts/**', 'test/vscode/**', '*.mjs'] },
  ...tseslint.configs.recommended,
  { ...regexp.configs['flat/recommended'], files: ['src/**/*.ts', 'test/**/*.ts'] },
  {
    // Sources and drafts are untrusted: a pattern that backtracks or rescans on a crafted input
    // would hang the language server. Where a pattern only ever sees bounded text, say so inline.
    files: ['src/**/*.ts'],
    rules: {
      'regexp/no-super-linear-backtracking': 'error',
      'regexp/no-super-linear-move': 'error',
    },
  },
  {
    files: ['src/**/*.ts', 'test/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['vscode', 'vscode-languageserver', 'vscode-languageserver/*', 'vscode-languageclient', 'vscode-languageclient/*'], message: 'The core is editor-independent: take what you need through a port.' },
          { group: ['node:*', ...nodeBuiltins], message: 'The core runs anywhere: file system and processes come in through IWorkspace.' },
          { group: ['**/server/**', '**/client/**', '**/cli/**'], message: 'The core imports nothing of the layers above it.' },
        ],
      }],
    },
  },
  {
    files: ['src/client/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['**/core', '**/core/**', '**/server/**'], message: 'The client talks to the core only through the language server.' }],
      }],
    },
  },
  {
    // The server and the command line are hosts: they reach the core through its facade alone
    // (`../core`), and its ports through the Node adapters in `src/node`, which they share.
    files: ['src/server/**/*.ts', 'src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/core/*', '**/core/**'], message: 'Import the core through its facade: `../core`.' },
          { group: ['**/client', '**/client/**'], message: 'The client talks to the server only through LSP.' },
        ],
      }],
    },
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/core/*', '**/core/**'], message: 'Import the core through its facade: `../core`.' },
          { group: ['**/client', '**/client/**'], message: 'The client talks to the server only through LSP.' },
          { group: ['**/server/*', '**/server/**', '!**/server/startServer'], message: 'The Node adapters of the ports live in `src/node`; only `lsp` starts the server.' },
        ],
      }],
    },
  },
  {
    files: ['src/node/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/core/*', '**/core/**'], message: 'The adapters implement the ports the facade exports: `../core`.' },
          { group: ['**/server', '**/server/**', '**/client', '**/client/**', '**/cli', '**/cli/**'], message: 'The Node adapters serve the hosts; they import none of them.' },
        ],
      }],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['vscode', '**/core/**', '**/server/**', '**/client/**', '**/cli/**'], message: 'Shared code is types, constants and small pure rules every side may use.' }],
      }],
    },
  },
);
