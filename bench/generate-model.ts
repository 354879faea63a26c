/**
 * A deterministic generator of realistic `.arch` models for benchmarks and stress tests:
 * zones nested two deep, every component kind, about two connections per component,
 * brokers with topics that are both published and subscribed, and a few sync cycles and
 * gateway bypasses so the rules have work to do.
 */

/** Components in one generated cell (one small system). */
export const CELL_SIZE = 24;

export interface GenerateOptions {
    /** Total number of components (rounded to whole cells). */
    components: number;
    /** Split across this many files: `main.arch` importing `part-NN.arch` (default 1). */
    files?: number;
}

/** File name → text. The root file is `main.arch`. */
export type GeneratedFiles = Record<string, string>;

/** Lines of one cell `i`; ids are suffixed with the cell number so they stay unique. */
function cell(i: number, previous: number | undefined): string[] {
    const n = (id: string) => `${id}${i}`;
    const lines: string[] = [];
    const cycle = i % 10 === 3;
    const bypass = i % 7 === 5;
    lines.push(
        `zone ${n('edge')} "Edge ${i}" {`,
        `  trust: public`,
        `  client ${n('web')} "Web ${i}" { tokenStorage: memory }`,
        `  client ${n('app')} "App ${i}"`,
        `  peer ${n('peerA')} "Peer A ${i}" { discovery: dht  auth: mtls }`,
        `  peer ${n('peerB')} "Peer B ${i}" { discovery: dht  auth: mtls }`,
        `}`,
        `dns ${n('dns')} "DNS ${i}" { routing: latency }`,
        `cdn ${n('cdn')} "CDN ${i}" { origin: ${n('assets')}  ttl: 1h  waf: true }`,
        `zone ${n('region')} "Region ${i}" {`,
        `  trust: private`,
        `  zone ${n('front')} "Front ${i}" {`,
        `    loadbalancer ${n('lb')} "LB ${i}" { replicas: 2 }`,
        `    gateway ${n('api')} "API ${i}" {`,
        `      replicas: 2`,
        `      auth: jwt { issuer: ${n('idp')}  expiry: 15m  revocation: denylist }`,
        `      rateLimit: 100/s`,
        `      route "/a" -> ${n('svcA')} { timeout: 2s }`,
        `      route "/b" -> ${n('svcB')} { timeout: 2s }`,
        `    }`,
        `    idp ${n('idp')} "IdP ${i}" { replicas: 2 }`,
        `  }`,
        `  zone ${n('core')} "Core ${i}" {`,
        `    service ${n('svcA')} "Service A ${i}" {`,
        `      replicas: 2`,
        `      -> ${n('svcC')} : grpcs { timeout: 1s }`,
        `      -> ${n('db')} : sql+tls { timeout: 1s  op: write }`,
        `      ~> ${n('bus')}.${n('created')}`,
        `    }`,
        `    service ${n('svcB')} "Service B ${i}" {`,
        `      replicas: 2`,
        `      -> ${n('cache')} : rediss { timeout: 100ms }`,
        `      -> ${n('fn')} : https { timeout: 1s }`,
        `    }`,
        `    service ${n('svcC')} "Service C ${i}" {`,
        `      replicas: 2`,
        `      -> ${n('db')} : sql+tls { timeout: 1s  op: read }`,
        ...(cycle ? [`      -> ${n('svcA')} : grpc`] : []),
        `    }`,
        `    function ${n('fn')} "Function ${i}" { replicas: 2 }`,
        `    orchestrator ${n('orch')} "Saga ${i}" {`,
        `      replicas: 2`,
        `      stateStore: ${n('db')}`,
        `      -> ${n('svcB')} : grpcs { timeout: 2s }`,
        `      -> ${n('svcC')} : grpcs { timeout: 2s }`,
        `    }`,
        `    database ${n('db')} "DB ${i}" { engine: "postgres"  replicas: 2  readReplica: true }`,
        `    cache ${n('cache')} "Cache ${i}" { replicas: 2 }`,
        `    storage ${n('assets')} "Assets ${i}"`,
        `    eventstore ${n('events')} "Events ${i}" { replicas: 2 }`,
        `    broker ${n('bus')} "Bus ${i}" {`,
        `      replicas: 3`,
        `      deadLetter: true`,
        `      topic ${n('created')}`,
        `      topic ${n('audit')}`,
        `    }`,
        `  }`,
        `  zone ${n('data')} "Data ${i}" {`,
        `    etl ${n('etl')} "ETL ${i}" { schedule: "0 2 * * *"  from: ${n('db')}  to: ${n('warehouse')} }`,
        `    batch ${n('batch')} "Batch ${i}" { schedule: "0 4 * * *"  -> ${n('warehouse')} : sql+tls { op: read } }`,
        `    stream ${n('stream')} "Stream ${i}" { replicas: 2  -> ${n('events')} : grpcs { op: append } }`,
        `    database ${n('warehouse')} "Warehouse ${i}" { ha: true }`,
        `  }`,
        `}`,
        `external ${n('partner')} "Partner ${i}"`,
        `${n('dns')} -> ${n('cdn')} : https`,
        `${n('web')} -> ${n('cdn')} : https`,
        `${n('web')} -> ${n('lb')} : https`,
        `${n('app')} -> ${n('lb')} : https`,
        `${n('lb')} -> ${n('api')} : https`,
        `${n('peerA')} -> ${n('peerB')} : tls`,
        `${n('bus')}.${n('created')} ~> ${n('stream')}`,
        `${n('svcB')} ~> ${n('bus')}.${n('audit')}`,
        `${n('bus')}.${n('audit')} ~> ${n('orch')}`,
        `${n('svcC')} -> ${n('partner')} : https { timeout: 3s }`,
        ...(bypass ? [`${n('app')} -> ${n('svcB')} : https`] : []),
        ...(previous !== undefined ? [`${n('svcC')} -> svcA${previous} : grpcs { timeout: 1s }`] : []),
    );
    return lines;
}

/** Generates a model of about `components` components. */
export function generateModel(options: GenerateOptions): GeneratedFiles {
    const cells = Math.max(1, Math.round(options.components / CELL_SIZE));
    const fileCount = Math.max(1, Math.min(options.files ?? 1, cells));
    const header = [`// Generated: ${cells * CELL_SIZE} components in ${cells} cells.`, `architecture "Generated ${cells * CELL_SIZE}"`];
    if (fileCount === 1) {
        const lines = [...header];
        for (let i = 0; i < cells; i++) lines.push(...cell(i, i > 0 && i % 5 !== 0 ? i - 1 : undefined));
        lines.push('view overview "Everything" { include * }');
        return { 'main.arch': lines.join('\n') + '\n' };
    }
    const result: GeneratedFiles = {};
    const partCount = fileCount - 1;
    const parts: string[] = [];
    for (let f = 0; f < partCount; f++) {
        const name = `part-${String(f + 1).padStart(2, '0')}.arch`;
        const first = Math.floor((f * cells) / partCount);
        const last = Math.floor(((f + 1) * cells) / partCount);
        if (first >= last) break;
        const lines = [`// Cells ${first}–${last - 1}.`];
        // Each part imports the previous one so cross-file connections resolve.
        if (f > 0) lines.push(`import "./${parts[f - 1]}"`);
        for (let i = first; i < last; i++) lines.push(...cell(i, i > 0 && i % 5 !== 0 ? i - 1 : undefined));
        result[name] = lines.join('\n') + '\n';
        parts.push(name);
    }
    result['main.arch'] = [...header, ...parts.map(p => `import "./${p}"`), 'view overview "Everything" { include * }'].join('\n') + '\n';
    return result;
}
