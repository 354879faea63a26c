/**
 * Deployment files → `DeployedSystem` → `.arch`: the importer behind `archway import` and the
 * drift rules. Reading files is here; everything after parsing is pure.
 */
import { readCompose } from './compose.js';
import type { DeployedSystem, DeploymentFormat } from './deployment.js';
import { readKubernetes } from './kubernetes.js';
import { discoverManifestFiles, readYamlFiles, type ImportProblem, type YamlDocument } from './yaml-files.js';

export type { DeployedSystem, DeploymentFormat, Workload, DeployedConnection } from './deployment.js';
export { writeArch, toArchId, GUESS_MARK } from './write-arch.js';
export { formatProblem, type ImportProblem } from './yaml-files.js';

/** Builds the deployed system from parsed documents of one format. Pure. */
export function readDeployment(format: DeploymentFormat, documents: readonly YamlDocument[]): DeployedSystem {
    return format === 'compose' ? readCompose(documents) : readKubernetes(documents);
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
