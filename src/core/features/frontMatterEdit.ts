import type { WorkspaceEdit } from 'vscode-languageserver-types';
import { setFrontMatterField } from '../draft/frontMatterEdit';
import type { TextDocument } from './context';

/**
 * Sets a top-level field of a draft's front matter as a workspace edit of the open document,
 * tied to its version so an editor refuses it once the text has moved on.
 */
export function frontMatterEdit(document: TextDocument, field: string, value: string): WorkspaceEdit {
  const edit = setFrontMatterField(document.getText(), field, value);
  const range = { start: document.positionAt(edit.start), end: document.positionAt(edit.end) };
  return { documentChanges: [{ textDocument: { uri: document.uri, version: document.version }, edits: [{ range, newText: edit.newText }] }] };
}
