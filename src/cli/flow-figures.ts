/**
 * The figures of every flow of the checked models, once each (a flow in a file imported by
 * several roots is reported from the first): for `archway check --format json` and `archway report`.
 */
import { numbersOf } from '../numbers/model-numbers.js';
import { flowReport, type FlowReport } from '../numbers/flow-report.js';
import type { LoadedWorkspace } from './load-workspace.js';
import { displayPath } from './report.js';

/** A flow's figures with the file shown as the CLI shows paths. */
export type FlowFigures = Omit<FlowReport, 'uri'> & { file: string };

/** The figures of the flows of the workspace's models, in file and line order. */
export function workspaceFlowFigures(workspace: LoadedWorkspace): FlowFigures[] {
    const checker = workspace.services.archway.ModelChecker;
    const seen = new Set<string>();
    const result: FlowFigures[] = [];
    for (const model of workspace.models()) {
        if (model.flows.length === 0) continue; // no figures to compute
        const numbers = numbersOf(model, checker.assumptionsFor(model.rootUri));
        for (const flow of model.flows) {
            const key = `${flow.location.uri}#${flow.id}`;
            if (seen.has(key)) continue;
            seen.add(key);
            const { uri, ...report } = flowReport(numbers, flow);
            result.push({ ...report, file: displayPath(uri) });
        }
    }
    return result.sort((a, b) => (a.file === b.file ? a.line - b.line : a.file.localeCompare(b.file)));
}
