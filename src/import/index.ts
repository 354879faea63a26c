/**
 * Deployment files (Compose files, Kubernetes manifests) → `DeployedSystem`: what runs, what
 * exposes it and what calls what. Read by `archway import compose|kubernetes` (which writes it
 * as `.arch`, `src/interop/import/`) and by the drift rules (`drift-source.ts`). Parsing text
 * is pure; `readDeploymentFiles` reads the disk.
 */
import { readCompose } from './compose.js';
import type { DeployedSystem, DeploymentFormat } from './deployment.js';
import { readKubernetes } from './kubernetes.js';
import { discoverManifestFiles, parseYamlText, readYamlFiles, type ImportProblem, type YamlDocument } from './yaml-files.js';

export type { DeployedSystem, DeploymentFormat, DeployedConnection, Evidence, Workload } from './deployment.js';
export { formatProblem, HELM_HINT, type ImportProblem } from './yaml-files.js';

/** Builds the deployed system from parsed documents of one format. Pure. */
export function readDeployment(format: DeploymentFormat, documents: readonly YamlDocument[]): DeployedSystem {
    return format === 'compose' ? readCompose(documents) : readKubernetes(documents);
}

/**
 * Builds the deployed system from the text of deployment files (read by the caller), in the
 * order given (Compose files merge in that order). Problems of parsing come first. Pure.
 */
export function readDeploymentTexts(format: DeploymentFormat, files: readonly { file: string; text: string }[]): DeployedSystem {
    const documents: YamlDocument[] = [];
    const problems: ImportProblem[] = [];
    for (const { file, text } of files) {
        const parsed = parseYamlText(file, text);
        documents.push(...parsed.documents);
        problems.push(...parsed.problems);
    }
    const system = readDeployment(format, documents);
    system.problems.unshift(...problems);
    return system;
}

/** What reading deployment files from disk gave. */
export interface DeploymentRead {
    system: DeployedSystem;
    /** Files that were found and read (parsed as YAML, at least in part). */
    filesRead: string[];
    /** Files that were found (Kubernetes folders searched). */
    filesFound: string[];
}

/**
 * Reads deployment files: Compose files as given; for Kubernetes, files and folders (searched
 * for `.yaml`/`.yml`). Problems of reading and of the schema are in `system.problems`, file
 * order first.
 */
export function readDeploymentFiles(format: DeploymentFormat, paths: readonly string[]): DeploymentRead {
    const discovered = format === 'kubernetes' ? discoverManifestFiles(paths) : { files: [...paths], problems: [] as ImportProblem[] };
    const { documents, problems } = readYamlFiles(discovered.files);
    const system = readDeployment(format, documents);
    system.problems.unshift(...discovered.problems, ...problems);
    const filesRead = discovered.files.filter(file => documents.some(d => d.file === file) || !problems.some(p => p.file === file));
    return { system, filesRead, filesFound: discovered.files };
}
