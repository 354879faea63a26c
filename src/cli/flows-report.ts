/**
 * `archway report [paths…] [--format markdown|json] [--config FILE]`: the table of flows with
 * their availability and latency against their SLOs, the weakest element and the step that
 * costs most (docs/numbers.md). Exit 0, or 1 when a flow misses one of its SLOs.
 */
import { existsSync } from 'node:fs';
import { formatConfigError } from '../rules/config.js';
import { configErrors } from '../rules/config-files.js';
import { formatFlowTable } from '../numbers/flow-report.js';
import { parseArgs, UsageError, type CliIo } from './args.js';
import { workspaceFlowFigures } from './flow-figures.js';
import { discoverArchFiles, InputError, loadWorkspace } from './load-workspace.js';

export const REPORT_USAGE = 'Usage: archway report [paths…] [--format markdown|json] [--config archway.json]';

export async function runReport(argv: readonly string[], io: CliIo): Promise<number> {
    const args = parseArgs(argv, { format: 'string', config: 'string' });
    const format = args.options.format ?? 'markdown';
    if (!['markdown', 'json'].includes(format)) throw new UsageError(`Unknown format '${format}'; use markdown or json.`);
    const configFile = args.options.config;
    if (configFile !== undefined) {
        if (!existsSync(configFile)) throw new InputError(`The configuration file '${configFile}' does not exist.`);
        const errors = configErrors(configFile);
        if (errors.length > 0) throw new InputError(errors.map(formatConfigError).join('\n'));
    }
    const paths = args.positionals.length > 0 ? args.positionals : ['.'];
    const files = discoverArchFiles(paths);
    if (files.length === 0) throw new InputError(`No .arch files found in ${paths.map(p => `'${p}'`).join(', ')}.`);
    const workspace = await loadWorkspace(files, { configFile });
    const configProblems = [...new Set(workspace.services.archway.RuleConfiguration.loaded().flatMap(c => c.errors).map(formatConfigError))];
    if (configProblems.length > 0) throw new InputError(configProblems.join('\n'));
    const figures = workspaceFlowFigures(workspace);
    if (format === 'json') io.stdout(JSON.stringify(figures, null, 2) + '\n');
    else if (figures.length === 0) io.stdout('No flows: declare a `flow` to see its availability and latency.\n');
    else io.stdout(formatFlowTable(figures.map(f => ({ ...f, uri: f.file }))));
    return figures.some(f => f.availability.meets === false || f.latency.meets === false) ? 1 : 0;
}
