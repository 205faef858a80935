// Playwright helpers for driving the code-server workbench in Debian's Chromium, the way a
// person would: open a file, type, pick a suggestion, hover, read what is shown, screenshot.
//
// Selectors were read off VS Code 1.139's DOM (code-server 4.139.1): Monaco and workbench class
// names and ids (.suggest-widget, .monaco-hover, status.problems, data-uri on .monaco-editor,
// aria-label on Explorer rows). They all live in SELECTORS / this file, so a VS Code bump only
// needs changes here. Monaco 1.139 takes input through an EditContext element
// (.native-edit-context), not a textarea: type with page.keyboard, never fill().
//
// Every wait is Playwright's auto-wait on a condition with a timeout, or waitFor() polling a
// condition with a deadline; never a fixed sleep.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { e2ePaths } from './serve.mjs';

export const SELECTORS = {
  workbench: '.monaco-workbench',
  statusbar: '.part.statusbar',
  statusbarItem: '.part.statusbar .statusbar-item',
  explorerRow: '.explorer-folders-view .monaco-list-row',
  tab: '.part.editor .tabs-container .tab',
  activeTab: '.part.editor .tabs-container .tab.active',
  // The text editor of the active editor group (a single group in these tests).
  editor: '.part.editor .editor-group-container.active .monaco-editor[data-uri]',
  viewLines: '.view-lines',
  suggestWidget: '.monaco-editor .suggest-widget.visible',
  suggestRow: '.monaco-editor .suggest-widget.visible .monaco-list-row',
  hover: '.monaco-hover',
  quickInput: '.quick-input-widget .quick-input-box input',
  quickInputWidget: '.quick-input-widget',
  quickInputRow: '.quick-input-widget .quick-input-list .monaco-list-row',
  suggestDetails: '.monaco-editor .suggest-details',
  // The Quick Fix / code action menu (Ctrl+.) and its rows.
  actionWidget: '.action-widget',
  actionRow: '.action-widget .monaco-list-row.action',
  problemsPanelRow: '.markers-panel .monaco-list-row',
  notificationToast: '.notifications-toasts .notification-toast',
  problemsStatus: '.part.statusbar [id="status.problems"]', // text " 0  1" = errors, warnings
  squiggle: (severity) => `.squiggly-${severity}`, // error | warning | info | hint, in the editor's view-overlays
};

/** Launches Debian's Chromium through playwright-core from the e2e cache. */
export async function launchBrowser({
  headless = true,
  viewport = { width: 1280, height: 800 },
  timeoutMs = 30_000,
} = {}) {
  const paths = e2ePaths();
  const { chromium } = createRequire(join(paths.cache, 'package.json'))('playwright-core');
  const browser = await chromium.launch({
    executablePath: paths.chromium,
    headless,
    timeout: timeoutMs,
    // --no-sandbox: we are root; the rest keeps Chromium from phoning home (no network here,
    // so those requests would only hang and slow things down).
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const consoleLines = [];
  page.on('console', (m) => consoleLines.push(`[${m.type()}] ${m.text()}`));
  page.on('pageerror', (e) => consoleLines.push(`[pageerror] ${e.message}`));
  return { browser, context, page, consoleLines };
}

/**
 * Loads the workbench and waits until it is usable: the status bar is drawn and the Explorer
 * lists the folder. With `file`, also waits for that file's editor to be the active one.
 */
export async function openWorkbench(page, url, { file, timeoutMs = 60_000 } = {}) {
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: timeoutMs });
  await page.locator(SELECTORS.workbench).waitFor({ state: 'visible', timeout: timeoutMs });
  await page.locator(SELECTORS.statusbar).waitFor({ state: 'visible', timeout: timeoutMs });
  await page.locator(SELECTORS.explorerRow).first().waitFor({ state: 'visible', timeout: timeoutMs });
  if (file) await waitForEditor(page, file, { timeoutMs });
}

/** Waits until the active editor shows `fileName` (a base name such as 'draft.md'); returns its locator. */
export async function waitForEditor(page, fileName, { timeoutMs = 30_000 } = {}) {
  // data-uri on .monaco-editor holds the model URI (vscode-remote://host/path/draft.md).
  const editor = page.locator(`${SELECTORS.editor}[data-uri$="/${encodeURIComponent(fileName)}"]`);
  await editor.waitFor({ state: 'visible', timeout: timeoutMs });
  await editor.locator(SELECTORS.viewLines).waitFor({ state: 'visible', timeout: timeoutMs });
  return editor;
}

/** Opens a file by clicking it in the Explorer (top-level entries; expand folders first for nested ones). */
export async function openFromExplorer(page, fileName, { timeoutMs = 30_000 } = {}) {
  // Explorer rows are role=treeitem with the entry's base name as aria-label.
  await page.locator(`${SELECTORS.explorerRow}[aria-label="${fileName}"]`).first().click({ timeout: timeoutMs });
  return waitForEditor(page, fileName, { timeoutMs });
}

/** Waits for a status bar item containing `text` (e.g. an extension's "ready" signal). */
export async function waitForStatusBarItem(page, text, { timeoutMs = 30_000 } = {}) {
  const item = page.locator(SELECTORS.statusbarItem).filter({ hasText: text });
  await item.first().waitFor({ state: 'visible', timeout: timeoutMs });
  return item.first();
}

/**
 * Puts the caret in the active editor. `at: 'end'` moves to the end of the document,
 * `at: 'start'` to its start. Clicking the text area is what gives Monaco keyboard focus
 * (its hidden input/EditContext element); the click position itself is then overridden by the key.
 */
export async function focusEditor(page, { at = 'end' } = {}) {
  const lines = page.locator(`${SELECTORS.editor} ${SELECTORS.viewLines}`);
  await lines.click();
  if (at === 'end') await page.keyboard.press('Control+End');
  else if (at === 'start') await page.keyboard.press('Control+Home');
}

/**
 * Moves the caret to `line`:`column` (1-based, as VS Code shows them) with Go to Line (Ctrl+G),
 * then waits until the status bar reports that position: deterministic, unlike clicking on text.
 */
export async function goTo(page, line, column = 1, { timeoutMs = 10_000 } = {}) {
  await page.keyboard.press('Control+g');
  const input = page.locator(SELECTORS.quickInput);
  await input.waitFor({ state: 'visible', timeout: timeoutMs });
  // Ctrl+G opens Quick Open prefilled with ':' (go-to-line mode); fill() replaces the whole
  // value, so the ':' must be written too, else it becomes a file search (needs ripgrep).
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: timeoutMs });
  await waitForStatusBarItem(page, `Ln ${line}, Col ${column}`, { timeoutMs });
}

/**
 * Types like a person, one key at a time. Characters that are not on a US keyboard (“ ” — é)
 * go through Playwright's insertText, which Monaco receives as normal text input, and which
 * fires completion trigger characters like a real key press.
 */
export async function typeText(page, text, { delayMs = 25 } = {}) {
  await page.keyboard.type(text, { delay: delayMs });
}

/**
 * The visible text of the active editor, line by line. Monaco renders only visible lines and
 * positions them absolutely, so lines are ordered by their `top`; non-breaking spaces that
 * Monaco uses for rendering are turned back into spaces. For long documents read the text
 * through the vscode API instead (in-host tests).
 */
export async function readEditorText(page) {
  return page.locator(`${SELECTORS.editor} ${SELECTORS.viewLines}`).evaluate((el) => {
    const lines = [...el.querySelectorAll('.view-line')].map((l) => ({
      top: parseFloat(l.style.top) || 0,
      text: l.textContent,
    }));
    lines.sort((a, b) => a.top - b.top);
    return lines.map((l) => l.text.replace(/\u00a0/g, ' ')).join('\n');
  });
}

/** Waits for the suggest widget to show an item containing `label`; returns the labels of all visible rows. */
export async function waitForSuggestion(page, label, { timeoutMs = 15_000 } = {}) {
  await page
    .locator(SELECTORS.suggestRow)
    .filter({ hasText: label })
    .first()
    .waitFor({ state: 'visible', timeout: timeoutMs });
  return suggestionLabels(page);
}

/** Labels of the rows the suggest widget shows now ([] when it is closed). */
export async function suggestionLabels(page) {
  return page.locator(`${SELECTORS.suggestRow} .label-name`).allTextContents();
}

/**
 * Accepts the suggestion containing `label`: moves the focus down to it (the first row is
 * focused when the widget opens) and presses Enter.
 */
export async function acceptSuggestion(page, label, { timeoutMs = 15_000 } = {}) {
  const rows = page.locator(SELECTORS.suggestRow);
  await rows.filter({ hasText: label }).first().waitFor({ state: 'visible', timeout: timeoutMs });
  for (let i = 0; i < 50; i++) {
    const focusedText =
      (await rows
        .and(page.locator('.focused'))
        .first()
        .textContent()
        .catch(() => '')) ?? '';
    if (focusedText.includes(label)) {
      await page.keyboard.press('Enter');
      await page.locator(SELECTORS.suggestWidget).waitFor({ state: 'hidden', timeout: timeoutMs });
      return;
    }
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`suggestion "${label}" never got the focus`);
}

/**
 * Moves the mouse onto the first occurrence of `word` in the active editor and waits for a
 * hover that contains `expect` (default: any hover); returns the hover's text.
 * The word's box is measured with a DOM Range over the rendered text, since Monaco's token
 * spans can hold whole sentences.
 */
export async function hoverWord(page, word, { expect, timeoutMs = 15_000 } = {}) {
  const box = await page.locator(`${SELECTORS.editor} ${SELECTORS.viewLines}`).evaluate((el, w) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const i = n.textContent.indexOf(w);
      if (i < 0) continue;
      const r = document.createRange();
      r.setStart(n, i);
      r.setEnd(n, i + w.length);
      const b = r.getBoundingClientRect();
      return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
    }
    return null;
  }, word);
  if (!box) throw new Error(`"${word}" is not visible in the editor`);
  // Monaco shows a hover after the mouse *moves* onto a word and rests (editor.hover.delay):
  // come from outside the word in a few steps so mousemove events fire on it.
  await page.mouse.move(box.x, box.y - 40);
  await page.mouse.move(box.x, box.y, { steps: 5 });
  let hover = page.locator(SELECTORS.hover).filter({ visible: true });
  if (expect) hover = hover.filter({ hasText: expect });
  await hover.first().waitFor({ state: 'visible', timeout: timeoutMs });
  return (await hover.first().innerText()).trim();
}

/**
 * Error and warning counts from the status bar's Problems item (all open documents, like the
 * Problems panel). Wrap in waitFor(): diagnostics arrive asynchronously from the extension host.
 */
export async function problemCounts(page) {
  const item = page.locator(SELECTORS.problemsStatus);
  const text = (await item.textContent()) ?? '';
  const [errors = 0, warnings = 0] = (text.match(/\d+/g) ?? []).map(Number);
  return { errors, warnings, label: await item.getAttribute('aria-label') };
}

/** Closes widgets (suggest, hover) so the next step starts from a clean editor. */
export async function dismissWidgets(page) {
  await page.keyboard.press('Escape');
  await page.mouse.move(1, 1);
}

/** Screenshot of the whole page. */
export async function screenshot(page, file) {
  await page.screenshot({ path: file });
  return file;
}

/**
 * Runs a command from the Command Palette (F1) by its title as shown there, e.g.
 * 'Verbatim: Open Source of Citation'.
 */
export async function runCommand(page, title, { timeoutMs = 15_000 } = {}) {
  await page.keyboard.press('F1');
  const input = page.locator(SELECTORS.quickInput);
  await input.waitFor({ state: 'visible', timeout: timeoutMs });
  await input.fill(`>${title}`);
  // The row must be there (the palette filters as you type) before Enter runs the first one.
  const row = page.locator(SELECTORS.quickInputRow).filter({ hasText: title }).first();
  await row.waitFor({ state: 'visible', timeout: timeoutMs });
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: timeoutMs });
}

/**
 * In an open code action menu (Ctrl+. or the lightbulb), moves the focus to the action whose
 * title contains `title` and presses Enter, like a person using the keyboard.
 */
export async function chooseCodeAction(page, title, { timeoutMs = 15_000 } = {}) {
  const rows = page.locator(SELECTORS.actionRow);
  await rows.filter({ hasText: title }).first().waitFor({ state: 'visible', timeout: timeoutMs });
  for (let i = 0; i < 30; i++) {
    const focused = (await rows.and(page.locator('.focused')).first().textContent().catch(() => '')) ?? '';
    if (focused.includes(title)) {
      await page.keyboard.press('Enter');
      await page.locator(SELECTORS.actionWidget).filter({ visible: true }).waitFor({ state: 'hidden', timeout: timeoutMs });
      return;
    }
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`code action "${title}" never got the focus`);
}

/** Titles of the rows of the open code action menu. */
export async function codeActionTitles(page) {
  return (await page.locator(SELECTORS.actionRow).allInnerTexts()).map((t) => t.trim());
}

/** Clicks the editor tab of `fileName` (a base name) and waits for its editor. */
export async function activateTab(page, fileName, { timeoutMs = 15_000 } = {}) {
  await page.locator(`${SELECTORS.tab}[data-resource-name="${fileName}"]`).first().click({ timeout: timeoutMs });
  return waitForEditor(page, fileName, { timeoutMs });
}

/** The caret position the status bar shows, as { line, column } (1-based), or null. */
export async function caretPosition(page) {
  const texts = await page.locator(SELECTORS.statusbarItem).allTextContents();
  for (const t of texts) {
    const m = /Ln (\d+), Col (\d+)/.exec(t);
    if (m) return { line: Number(m[1]), column: Number(m[2]) };
  }
  return null;
}

/**
 * Records, in the page, every change of the suggest widget (closed, or how many rows and the
 * first label) with a timestamp; `stop()` returns the timeline. Used to see whether the widget
 * closes or flickers while the writer types.
 */
export async function watchSuggestWidget(page) {
  await page.evaluate((sel) => {
    const log = [];
    const t0 = performance.now();
    let last = null;
    const check = () => {
      const w = document.querySelector(sel);
      const rows = w ? [...w.querySelectorAll('.monaco-list-row .label-name')].map((e) => e.textContent) : null;
      const key = JSON.stringify(rows);
      if (key === last) return;
      last = key;
      // Where the keyboard focus is, and what the caret's line says, tell why a widget closed.
      const focus = document.activeElement;
      const focused = focus ? `${focus.tagName.toLowerCase()}${focus.className ? `.${String(focus.className).split(' ').slice(0, 3).join('.')}` : ''}${focus.getAttribute('aria-label') ? `[${focus.getAttribute('aria-label').slice(0, 40)}]` : ''}` : null;
      log.push({ t: Math.round(performance.now() - t0), open: !!rows, rows: rows ? rows.length : 0, first: rows?.[0] ?? null, focused });
    };
    const observer = new MutationObserver(check);
    observer.observe(document.body, { subtree: true, childList: true, attributes: true });
    check();
    window.__verbatimSuggestWatch = { log, stop: () => observer.disconnect() };
  }, SELECTORS.suggestWidget);
  return {
    stop: () =>
      page.evaluate(() => {
        const w = window.__verbatimSuggestWatch;
        w.stop();
        return w.log;
      }),
  };
}

/**
 * Moves the mouse onto the character right after the caret of the active editor (put it there
 * with goTo()) and waits for a hover containing `expect`; returns the hover's text. Unlike
 * hoverWord(), this does not depend on how Monaco splits the line into DOM text nodes.
 */
export async function hoverAtCaret(page, { expect, timeoutMs = 15_000 } = {}) {
  const cursor = page.locator(`${SELECTORS.editor} .cursors-layer .cursor`).first();
  await cursor.waitFor({ state: 'attached', timeout: timeoutMs });
  const box = await cursor.boundingBox();
  if (!box) throw new Error('the caret has no box (is the editor visible?)');
  const x = box.x + 4; // inside the character after the caret
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y - 40);
  await page.mouse.move(x, y, { steps: 5 });
  let hover = page.locator(SELECTORS.hover).filter({ visible: true });
  if (expect) hover = hover.filter({ hasText: expect });
  await hover.first().waitFor({ state: 'visible', timeout: timeoutMs });
  return (await hover.first().innerText()).trim();
}
