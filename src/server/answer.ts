import { LSPErrorCodes, ResponseError, type CancellationToken, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { messages } from '../shared/strings';

/**
 * Lets the connection read and handle what is waiting: the first turn of the event loop reads
 * the input (a `$/cancelRequest` cancels a running request as it is read), the second lets the
 * connection handle a queued message such as an edit. Long checks await this between slices.
 */
export const yieldNow = (): Promise<void> => new Promise((resolve) => setImmediate(() => setImmediate(resolve)));

/** What a cancelled request answers, as LSP says and vscode-languageclient expects. */
export const cancelled = (): ResponseError<void> => new ResponseError(LSPErrorCodes.RequestCancelled, messages.requestCancelled);

/** Answers a request about an open document (see `answerer`). */
export type Answer = <T>(uri: string, token: CancellationToken, none: T, compute: (document: TextDocument) => Promise<T | undefined> | T | undefined) => Promise<T | ResponseError<void>>;

/**
 * Answers requests about open documents the same way every time: waiting messages are read
 * first and again at the end, a cancelled request answers RequestCancelled, and an answer
 * computed for a version the writer has changed since the request arrived is replaced by `none`.
 */
export function answerer(documents: TextDocuments<TextDocument>): Answer {
  return async (uri, token, none, compute) => {
    const document = documents.get(uri);
    if (!document) return none;
    const version = document.version;
    const current = (): boolean => documents.get(uri) === document && document.version === version;
    await yieldNow();
    if (token.isCancellationRequested) return cancelled();
    if (!current()) return none;
    const result = await compute(document);
    await yieldNow();
    if (token.isCancellationRequested) return cancelled();
    return result !== undefined && current() ? result : none;
  };
}

/** Answers a request about no document: waiting messages are read first, and a cancelled request answers RequestCancelled. */
export async function answerSoon<T>(token: CancellationToken, compute: () => T): Promise<T | ResponseError<void>> {
  await yieldNow();
  return token.isCancellationRequested ? cancelled() : compute();
}
