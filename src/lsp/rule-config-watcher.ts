/**
 * The language server's side of the rule configuration: publishes configuration problems (and
 * deployment files that could not be read) as diagnostics on `archway.json`, and re-checks
 * every document when the file, a deployment file it names, or the editor setting
 * `archway.rules` changes.
 */
import { DocumentState, URI, type LangiumDocument } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { ArchwayModelChecker } from '../checking/model-checker.js';
import type { ArchwayRuleConfiguration } from '../checking/rule-configuration.js';
import { CONFIG_FILE_NAME, type ConfigError } from '../rules/config.js';

/** LSP diagnostics for configuration problems in one file. */
export function configDiagnostics(errors: readonly ConfigError[]): Diagnostic[] {
    return errors.map(error => ({
        range: error.range, severity: DiagnosticSeverity.Error, source: 'archway', code: 'invalid-config', message: error.message,
    }));
}

/** A deployment file that could not be read, as a warning at the top of the archway.json naming it. */
function deploymentDiagnostic(problem: string): Diagnostic {
    return {
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: DiagnosticSeverity.Warning,
        source: 'archway', code: 'invalid-deployment', message: `A deployment file could not be read: ${problem}`,
    };
}

/**
 * Connects the rule configuration to file watching, the `archway.rules` setting and, with an
 * LSP connection, diagnostics on archway.json: a change re-checks every document.
 */
export function registerRuleConfigWatcher(shared: LangiumSharedServices, configuration: ArchwayRuleConfiguration, checker: ArchwayModelChecker): void {
    const connection = shared.lsp.Connection;
    /** What was last sent per archway.json URI, so unchanged diagnostics are not re-sent on every build. */
    const published = new Map<string, string>();
    let lastSettingWarning = '';
    const publish = (): void => {
        if (!connection) return;
        const now = new Map<string, Diagnostic[]>();
        const deploymentProblems = new Map(configuration.deploymentProblems().map(d => [d.file, d.problems]));
        for (const loaded of configuration.loaded()) {
            if (!loaded.file) continue;
            const problems = (deploymentProblems.get(loaded.file) ?? []).map(deploymentDiagnostic);
            now.set(URI.file(loaded.file).toString(), [...configDiagnostics(loaded.errors.filter(e => e.file === loaded.file)), ...problems]);
        }
        for (const uri of [...published.keys()]) {
            if (now.has(uri)) continue;
            published.delete(uri);
            void connection.sendDiagnostics({ uri, diagnostics: [] });
        }
        for (const [uri, diagnostics] of now) {
            const key = JSON.stringify(diagnostics);
            if ((published.get(uri) ?? '[]') === key) continue;
            published.set(uri, key);
            void connection.sendDiagnostics({ uri, diagnostics });
        }
        const settingErrors = [...new Set(configuration.loaded().flatMap(l => l.errors.filter(e => !e.file).map(e => e.message)))].join('\n');
        if (settingErrors !== lastSettingWarning) {
            lastSettingWarning = settingErrors;
            if (settingErrors) connection.console.warn(settingErrors);
        }
    };
    const recheck = (): Promise<void> => {
        configuration.invalidate();
        checker.clear();
        const documents = shared.workspace.LangiumDocuments.all.toArray().map((d: LangiumDocument) => d.uri);
        configuration.pending = shared.workspace.WorkspaceLock.write(token => shared.workspace.DocumentBuilder.update(documents, [], token)).then(publish, () => undefined);
        return configuration.pending;
    };
    shared.lsp.DocumentUpdateHandler.onWatchedFilesChange(params => {
        // archway.json, or a deployment file it names (the drift rules read them).
        const relevant = (uri: string): boolean => uri.endsWith(`/${CONFIG_FILE_NAME}`) || (uri.startsWith('file:') && configuration.isDeploymentFile(URI.parse(uri).fsPath));
        if (params.changes.some(change => relevant(change.uri))) void recheck();
    });
    shared.workspace.ConfigurationProvider.onConfigurationSectionUpdate(update => {
        if (update.section !== 'archway') return;
        const rules = (update.configuration as { rules?: unknown } | undefined)?.rules;
        if (configuration.setOverrides(rules)) void recheck();
    });
    shared.workspace.DocumentBuilder.onBuildPhase(DocumentState.Validated, () => publish());
}
