// What test/vscode/run.mjs hands the UI tests (one module instance, shared by import):
//   vsix      the packaged extension to install
//   outDir    where screenshots, logs and timings of this run go
//   mediaDir  when set (--media), the README's screenshots are also written there (media/)
//   headed    run Chromium with a window
//   metrics   { name: value } measured by the tests, printed by run.mjs at the end
export const e2e = {
  vsix: undefined,
  outDir: undefined,
  mediaDir: undefined,
  headed: false,
  metrics: {},
};
