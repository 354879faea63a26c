/**
 * What deployment files say about a running system, independent of their format: workloads
 * (Compose services, Kubernetes Deployments, StatefulSets, …), what exposes them, and which of
 * them name each other. Built from parsed YAML by `compose.ts` and `kubernetes.ts`; read by the
 * `.arch` writer (`archway import`) and by the drift rules.
 */
import type { ComponentKind } from '../model/arch-model.js';
import type { ImportProblem } from './yaml-files.js';

/** Where something is written: a file and a 1-based line. */
export interface FilePosition {
    file: string;
    line: number;
}

/** The formats deployment files come in. */
export type DeploymentFormat = 'compose' | 'kubernetes';

/** The object a workload comes from. */
export type WorkloadObject =
    | 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'ReplicaSet' | 'Job' | 'CronJob' | 'Pod'
    | 'Compose service' | 'Ingress' | 'ExternalName Service';

/** A reason to believe something; `guessed` ones are written with a `// import: guessed from …` comment. */
export interface Evidence {
    /** Completes "guessed from …" or "from …", e.g. `image "redis:alpine"`. */
    text: string;
    guessed: boolean;
}

/** A port a workload listens on. */
export interface WorkloadPort {
    port: number;
    /** The port's name (`grpc`, `http-web`), when given. */
    name?: string;
}

/** Why a workload is reachable from outside: a LoadBalancer/NodePort Service, an Ingress, a published port. */
export interface Exposure {
    /** e.g. `Service frontend-external (type LoadBalancer)`, `published port "5000:80"`. */
    reason: string;
    /** Protocol of the exposed port, when its name or number tells. */
    protocol?: string;
    protocolEvidence?: Evidence;
    at: FilePosition;
}

/** A running thing of the deployed system. */
export interface Workload {
    /** Unique key: `name` for Compose, `namespace/name` for Kubernetes (`name` without a namespace). */
    key: string;
    /** The name as deployed (`metadata.name`, the Compose service name). */
    name: string;
    /** Kubernetes namespace, when stated. */
    namespace?: string;
    object: WorkloadObject;
    /** Container images, main container first (init containers left out). */
    images: string[];
    ports: WorkloadPort[];
    /** Instances; undefined when the object does not fix a number (DaemonSet, global Compose service). */
    replicas: number | undefined;
    /** True when `replicas` is written in the file (false: the object's default). */
    replicasStated: boolean;
    /** Why `replicas` is undefined or defaulted, for a comment. */
    replicasNote?: string;
    /** Cron schedule of a CronJob. */
    schedule?: string;
    /** Networks (Compose) or the namespace (Kubernetes) the workload runs in, in file order. */
    zones: string[];
    exposures: Exposure[];
    /** The kind the import writes, and why (absent: `service`, nothing to say). */
    kind: ComponentKind;
    kindEvidence?: Evidence;
    /** Product engine (`postgres`, `redis`) for data stores and brokers. */
    engine?: string;
    /** Product or image shown in the diagram. */
    technology?: string;
    /** Routes of an Ingress: path (with host) → target workload key. */
    routes: { path: string; target: string; at: FilePosition }[];
    /** For an ExternalName Service: the external host. */
    externalHost?: string;
    /** A note for the reader (e.g. a Compose profile). */
    notes: string[];
    at: FilePosition;
}

/** A call one workload's configuration says it makes to another. */
export interface DeployedConnection {
    source: string;
    target: string;
    /** `async` when the target is a broker. */
    style: 'sync' | 'async';
    protocol?: string;
    protocolEvidence?: Evidence;
    /** Why the connection is believed to exist (several: merged). */
    evidence: Evidence[];
    at: FilePosition;
}

/** Everything read from the deployment files of one format. */
export interface DeployedSystem {
    format: DeploymentFormat;
    workloads: Workload[];
    connections: DeployedConnection[];
    problems: ImportProblem[];
    /** Objects read but not part of the topology (ConfigMap, Secret, …), counted by kind. */
    skipped: Map<string, number>;
}

/** Adds `connection` to `list`, merging evidence with an existing one between the same ends. */
export function addConnection(list: DeployedConnection[], connection: DeployedConnection): void {
    if (connection.source === connection.target) return;
    const existing = list.find(c => c.source === connection.source && c.target === connection.target);
    if (!existing) {
        list.push(connection);
        return;
    }
    for (const evidence of connection.evidence) {
        if (!existing.evidence.some(e => e.text === evidence.text)) existing.evidence.push(evidence);
    }
    const better = connection.protocolEvidence && !connection.protocolEvidence.guessed && existing.protocolEvidence?.guessed !== false;
    if (connection.protocol && (!existing.protocol || better)) {
        existing.protocol = connection.protocol;
        existing.protocolEvidence = connection.protocolEvidence;
    }
}
