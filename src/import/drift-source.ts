/**
 * The deployment of a model for the drift rules: the files `archway.json` names under
 * `"deployment"`, read like `archway import` reads them, as the model's plain `Deployment`.
 * Loaded by the language server, and by `archway check` only when a configuration names
 * deployment files (a bundle of its own, so checks without drift do not load a YAML parser).
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Deployment } from '../model/arch-model.js';
import type { DeployedSystem } from './deployment.js';
import { readDeploymentFiles } from './index.js';
import { formatProblem } from './yaml-files.js';

/** Deployment sources, as `archway.json` names them and resolved against its folder. */
export interface DeploymentSources {
    /** The folder paths are relative to (the one holding archway.json). */
    base: string;
    kubernetes: string[];
    compose: string[];
}

/** The model's view of deployed systems: workloads with their file locations. Pure. */
export function toModelDeployment(systems: readonly DeployedSystem[], sources: readonly string[]): Deployment {
    return {
        sources: [...sources],
        workloads: systems.flatMap(system => system.workloads.map(w => ({
            key: w.key,
            name: w.name,
            namespace: w.namespace,
            object: w.object,
            kind: w.kind,
            replicas: w.replicas,
            exposures: w.exposures.map(e => e.reason),
            location: {
                uri: pathToFileURL(resolve(w.at.file)).toString(),
                range: { start: { line: w.at.line - 1, character: 0 }, end: { line: w.at.line - 1, character: 0 } },
            },
        }))),
    };
}

/** Reads the deployment files; problems are one line each (`file:line: message`). */
export function readDeploymentSources(sources: DeploymentSources): { deployment: Deployment; problems: string[]; files: string[] } {
    const systems: DeployedSystem[] = [];
    const problems: string[] = [];
    const files: string[] = [];
    for (const format of ['kubernetes', 'compose'] as const) {
        const paths = sources[format].map(path => resolve(sources.base, path));
        if (paths.length === 0) continue;
        const read = readDeploymentFiles(format, paths);
        systems.push(read.system);
        files.push(...read.filesFound.map(file => resolve(file)));
        problems.push(...read.system.problems.map(formatProblem));
    }
    return { deployment: toModelDeployment(systems, [...sources.kubernetes, ...sources.compose]), problems, files };
}
