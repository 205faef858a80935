import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './startServer';

/** Entry point of the language server bundle (`dist/server.js`), started by the extension. */
startServer(createConnection(ProposedFeatures.all));
