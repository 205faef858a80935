import * as vscode from 'vscode';
import type { StatusParams } from '../shared/protocol';
import { messages } from '../shared/strings';
import { commandIds } from '../shared/commands';

/** The status bar item: how many sources and passages are indexed, and problems with sources. */
export class StatusBar implements vscode.Disposable {
  readonly #item = vscode.window.createStatusBarItem('verbatim.status', vscode.StatusBarAlignment.Right, 100);

  constructor() {
    this.#item.name = 'Verbatim';
    this.#item.text = `$(sync~spin) ${messages.statusIndexing}`;
    this.#item.command = commandIds.showProblems;
    this.#item.show();
  }

  update(status: StatusParams): void {
    const counts = messages.statusIndexed(status.sources, status.passages);
    const problems = status.problems.length;
    // An archive that is slow, partial or unreachable is noted: completion then offers less than it could.
    const archive = status.archive && status.archive.state !== 'connected' && status.archive.state !== 'connecting' ? ` · ${messages.archiveNote(status.archive.state)}` : '';
    this.#item.text = (status.indexing
      ? `$(sync~spin) ${counts}`
      : problems ? `$(warning) ${counts}` : `$(quote) ${counts}`) + archive;
    const tooltip = new vscode.MarkdownString();
    tooltip.appendText(status.sources === 0 ? messages.noSources : `Verbatim: ${counts}`);
    if (status.archive) tooltip.appendText(`\n\n${status.archive.message}`);
    if (problems) {
      tooltip.appendText(`\n\n${messages.statusProblems(problems)}:`);
      for (const p of status.problems.slice(0, 10)) tooltip.appendText(`\n- ${p.path}: ${p.message}`);
    }
    this.#item.tooltip = tooltip;
    this.#item.backgroundColor = problems ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.#lastStatus = status;
  }

  #lastStatus: StatusParams | undefined;

  get status(): StatusParams | undefined {
    return this.#lastStatus;
  }

  dispose(): void {
    this.#item.dispose();
  }
}
