/**
 * What deployment files describe (`DeployedSystem`, read by `src/import/`) as `.arch` text:
 * the writer behind `archway import compose|kubernetes`. Every component, zone and connection
 * comes from something the files state; whatever is inferred (a kind from an image, a call
 * from an environment variable, a protocol from a port) carries a `// import: guessed from …`
 * comment above it. Deterministic for the same input; unformatted but valid (callers format
 * it like the other imports). Pure.
 *
 * It shares the string literals of `to-arch.ts` (the writer of LikeC4 and Structurizr models)
 * but not its input: deployment files state kinds, replicas, schedules, routes and exposure,
 * which another tool's element tree does not.
 */
import type { DeployedConnection, DeployedSystem, Evidence, Workload } from '../../import/index.js';
import { toArchId } from '../../model/arch-id.js';
import { archString, type ArchImport } from './to-arch.js';

export interface WriteOptions {
    /** `architecture "…"` header, when given. */
    name?: string;
    /** What was imported, for the header comment (paths as the user gave them). */
    sources: readonly string[];
}

/** Marks every inference in the output; tests and readers search for it. */
export const GUESS_MARK = 'import: guessed from';

/** A `.arch` string literal of one line. */
function quote(text: string): string {
    return archString(oneLine(text));
}

/** Text on one line, control characters as spaces (for comments). */
function oneLine(text: string): string {
    // eslint-disable-next-line no-control-regex
    return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ');
}

function comment(text: string): string {
    return `// ${oneLine(text)}`;
}

/**
 * The comment above an inferred element: `// import: guessed from A; B; protocol from C`
 * when anything is guessed, `// import: from A` when the files state it all.
 */
function evidenceComment(evidence: readonly Evidence[], protocol?: Evidence): string[] {
    const parts = evidence.map(e => e.text);
    if (protocol) parts.push(`protocol from ${protocol.text}`);
    if (parts.length === 0) return [];
    const guessed = evidence.some(e => e.guessed) || protocol?.guessed === true;
    return [comment(`${guessed ? GUESS_MARK : 'import: from'} ${parts.join('; ')}`)];
}

/** Ids chosen for workloads, zones and the added client, unique together. */
interface Ids {
    workloads: Map<string, string>;
    zones: Map<string, string>;
    internetZone: string;
    client: string;
}

function allocateIds(system: DeployedSystem): Ids {
    const taken = new Set<string>();
    const take = (wanted: string, alternatives: readonly string[]): string => {
        for (const candidate of [wanted, ...alternatives]) {
            if (!taken.has(candidate)) {
                taken.add(candidate);
                return candidate;
            }
        }
        for (let n = 2; ; n++) {
            const candidate = `${wanted}-${n}`;
            if (!taken.has(candidate)) {
                taken.add(candidate);
                return candidate;
            }
        }
    };
    const workloads = new Map<string, string>();
    for (const workload of system.workloads) {
        const base = toArchId(workload.name);
        const alternatives = [
            ...(workload.namespace ? [toArchId(`${workload.name}-${workload.namespace}`)] : []),
            ...(workload.object === 'Ingress' ? [toArchId(`${workload.name}-ingress`)] : []),
        ];
        workloads.set(workload.key, take(base, alternatives));
    }
    const zones = new Map<string, string>();
    for (const zone of zoneOrder(system)) zones.set(zone, take(toArchId(zone), [toArchId(`${zone}-zone`)]));
    const internetZone = take('internet', ['internet-zone']);
    const client = take('users', ['outside-users']);
    return { workloads, zones, internetZone, client };
}

/** Zones in the order their first workload appears. */
function zoneOrder(system: DeployedSystem): string[] {
    const zones: string[] = [];
    for (const workload of system.workloads) {
        const zone = workload.zones[0];
        if (zone !== undefined && !zones.includes(zone)) zones.push(zone);
    }
    return zones;
}

/** The `.arch` text of a deployed system and what it holds (unformatted but valid; run it through the formatter). */
export function writeArch(system: DeployedSystem, options: WriteOptions): ArchImport {
    const ids = allocateIds(system);
    const lines: string[] = [];
    const command = system.format === 'compose' ? 'archway import compose' : 'archway import kubernetes';
    lines.push(comment(`Imported with \`${command}\` from ${options.sources.join(', ')}.`));
    lines.push(comment('Comments starting with "import: guessed from" mark inferences: confirm or correct them, then delete the comment.'));
    if (options.name !== undefined) lines.push(`architecture ${quote(options.name)}`);
    lines.push('');
    if (system.skipped.size > 0) {
        const skipped = [...system.skipped].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([kind, n]) => `${n} ${kind}`).join(', ');
        lines.push(comment(`import: left out, not part of the topology: ${skipped}`), '');
    }
    if (system.workloads.length === 0) {
        lines.push(comment('No workloads were found in the files.'));
        return finish(lines);
    }

    const names = new Map<string, number>();
    for (const workload of system.workloads) names.set(workload.name, (names.get(workload.name) ?? 0) + 1);
    const exposed = system.workloads.filter(w => w.exposures.length > 0);
    if (exposed.length > 0) {
        lines.push(`zone ${ids.internetZone} "Internet" {`);
        lines.push('trust: public');
        lines.push(comment('import: added as the callers of what the files expose to the outside'));
        lines.push(`client ${ids.client} "Users"`);
        lines.push('}', '');
    }
    const kindOfZone = system.format === 'compose' ? 'Network' : 'Namespace';
    for (const zone of zoneOrder(system)) {
        lines.push(`zone ${ids.zones.get(zone)} ${quote(`${kindOfZone} ${zone}`)} {`);
        lines.push('trust: private');
        for (const workload of system.workloads.filter(w => w.zones[0] === zone)) lines.push(...componentLines(workload, ids, names, system));
        lines.push('}', '');
    }
    for (const workload of system.workloads.filter(w => w.zones.length === 0)) {
        lines.push(...componentLines(workload, ids, names, system), '');
    }

    for (const workload of exposed) {
        const protocol = workload.exposures.find(e => e.protocol !== undefined);
        const protocolEvidence = protocol?.protocolEvidence;
        lines.push(comment(`import: exposed by ${workload.exposures.map(e => e.reason).join('; ')}${protocolEvidence && !protocolEvidence.guessed ? `; protocol from ${protocolEvidence.text}` : ''}`));
        if (protocolEvidence?.guessed) lines.push(comment(`${GUESS_MARK} ${protocolEvidence.text} (protocol)`));
        lines.push(`${ids.client} -> ${ids.workloads.get(workload.key)}${protocol ? ` : ${protocol.protocol}` : ''}`);
    }
    if (exposed.length > 0) lines.push('');
    let connections = exposed.length;
    for (const connection of sortConnections(system)) {
        const written = connectionLines(connection, ids);
        if (written.length > 0) connections++;
        lines.push(...written);
    }
    const added = exposed.length > 0 ? 1 : 0; // the Internet zone and its client
    return finish(lines, { zones: zoneOrder(system).length + added, components: system.workloads.length + added, connections });
}

/** The text and what it holds; `// import:` notes are counted by line. */
function finish(lines: readonly string[], declared: { zones: number; components: number; connections: number } = { zones: 0, components: 0, connections: 0 }): ArchImport {
    const notes = lines.filter(line => line.includes('// import:')).length;
    return { text: lines.join('\n') + '\n', counts: { ...declared, channels: 0, views: 0, flows: 0, notes } };
}

function componentLines(workload: Workload, ids: Ids, names: ReadonlyMap<string, number>, system: DeployedSystem): string[] {
    const lines: string[] = [];
    const id = ids.workloads.get(workload.key) as string;
    if (workload.kindEvidence) lines.push(...evidenceComment([{ ...workload.kindEvidence, text: `${workload.kindEvidence.text}: ${workload.kind}` }]));
    if (workload.zones.length > 1) {
        lines.push(comment(`${GUESS_MARK} the first of its ${system.format === 'compose' ? 'networks' : 'zones'} (${workload.zones.join(', ')}): drawn in ${workload.zones[0]} only`));
    }
    const body: string[] = [];
    if (workload.engine) body.push(`engine: ${quote(workload.engine)}`);
    if (workload.technology && workload.technology !== workload.name) body.push(`technology: ${quote(workload.technology)}`);
    if (workload.externalHost) body.push(`description: ${quote(`ExternalName ${workload.externalHost}`)}`);
    if (workload.replicas !== undefined) {
        body.push(`replicas: ${workload.replicas}${workload.replicasNote ? `  ${comment(`import: ${workload.replicasNote}`)}` : ''}`);
    } else if (workload.replicasNote) {
        body.push(comment(`import: no replicas: ${workload.replicasNote}`));
    }
    if (workload.schedule !== undefined) {
        body.push(`schedule: ${quote(workload.schedule)}`);
        body.push('trigger: schedule');
    }
    const unique = (names.get(workload.name) ?? 0) === 1;
    if (id !== workload.name || !unique) body.push(`deployedAs: ${quote(unique ? workload.name : workload.key)}`);
    for (const note of workload.notes) body.push(comment(`import: ${note}`));
    for (const route of workload.routes) {
        const target = ids.workloads.get(route.target);
        if (target) body.push(`route ${quote(route.path)} -> ${target}`);
    }
    const label = workload.object === 'Ingress' && id !== workload.name ? ` ${quote(workload.name)}` : '';
    lines.push(`${workload.kind} ${id}${label}${body.length > 0 ? ' {' : ''}`);
    if (body.length > 0) lines.push(...body, '}');
    return lines;
}

function sortConnections(system: DeployedSystem): DeployedConnection[] {
    const order = new Map(system.workloads.map((w, i) => [w.key, i]));
    return [...system.connections].sort((a, b) =>
        (order.get(a.source) ?? 0) - (order.get(b.source) ?? 0) || (order.get(a.target) ?? 0) - (order.get(b.target) ?? 0));
}

function connectionLines(connection: DeployedConnection, ids: Ids): string[] {
    const source = ids.workloads.get(connection.source);
    const target = ids.workloads.get(connection.target);
    if (!source || !target) return [];
    const arrow = connection.style === 'async' ? '~>' : '->';
    return [...evidenceComment(connection.evidence, connection.protocolEvidence), `${source} ${arrow} ${target}${connection.protocol ? ` : ${connection.protocol}` : ''}`];
}
