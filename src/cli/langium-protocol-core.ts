/**
 * What Langium's core takes from `vscode-languageserver-protocol` (cancellation, events and the
 * document builder's cancellation error), for the CLI's `check` and `export` bundles: the same
 * classes from `vscode-jsonrpc`, without loading the protocol's several hundred request and
 * notification types at every start, which only a language server needs. `scripts/build.mjs`
 * points Langium's imports of the protocol here; a name missing here fails the build.
 */
export { CancellationToken, CancellationTokenSource, Emitter, ResponseError } from 'vscode-jsonrpc';

/** The LSP's reserved error codes (`LSPErrorCodes` of `vscode-languageserver-protocol` 3.17). */
export const LSPErrorCodes = {
    lspReservedErrorRangeStart: -32899,
    RequestFailed: -32803,
    ServerCancelled: -32802,
    ContentModified: -32801,
    RequestCancelled: -32800,
    lspReservedErrorRangeEnd: -32800,
} as const;
