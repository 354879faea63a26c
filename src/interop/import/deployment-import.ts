/**
 * Compose files and Kubernetes manifests as import sources: the files are read by the
 * caller's `read` (the disk for the command line, the workspace root for the MCP server),
 * parsed by `src/import/`, and written by `deployment-to-arch.ts`. A Kubernetes folder holding
 * a `Chart.yaml` is a Helm chart: named as such, and none of its templates is read.
 */
import { dirname, sep } from 'node:path';
import { HELM_HINT, readDeploymentTexts, type DeploymentFormat } from '../../import/index.js';
import { writeArch } from './deployment-to-arch.js';
import type { ImportOutcome, ImportProblem, SourceFile } from './index.js';

/** Reads an input file; undefined (the reason recorded by the caller) when it cannot. */
type Read = (path: string) => SourceFile | undefined;

/** The files for the header: up to three by name, more as a count in the folder they share. */
function describeFiles(files: readonly string[]): string[] {
    if (files.length <= 3) return [...files];
    const folders = files.map(file => file.slice(0, file.lastIndexOf('/') + 1));
    let common = folders[0];
    for (const folder of folders) while (!folder.startsWith(common)) common = common.slice(0, common.slice(0, -1).lastIndexOf('/') + 1);
    return [`${files.length} files${common ? ` under ${common}` : ''}`];
}

/** Imports deployment files of one format; undefined when none of them could be read. */
export function importDeployment(format: DeploymentFormat, files: readonly string[], read: Read, options: { name?: string } = {}): ImportOutcome | undefined {
    const problems: ImportProblem[] = [];
    const charts = format === 'kubernetes' ? files.filter(file => file.endsWith(`${sep}Chart.yaml`)).map(dirname) : [];
    const sources: SourceFile[] = [];
    for (const chart of charts) {
        const shown = read(`${chart}${sep}Chart.yaml`)?.file;
        problems.push({ file: shown === undefined ? chart : dirname(shown), message: `The folder is a Helm chart; ${HELM_HINT}.` });
    }
    for (const file of files) {
        if (charts.some(chart => file.startsWith(chart + sep))) continue;
        const source = read(file);
        if (source) sources.push(source);
    }
    if (sources.length === 0 && problems.length === 0) return undefined;
    const system = readDeploymentTexts(format, sources);
    const written = writeArch(system, { name: options.name, sources: describeFiles(sources.map(source => source.file)) });
    return { ...written, problems: [...problems, ...system.problems] };
}
