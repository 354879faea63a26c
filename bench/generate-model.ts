/**
 * Deterministic generators of realistic `.arch` models for benchmarks and stress tests.
 *
 * - `cells` (the default): independent 24-component systems side by side, zones nested two
 *   deep, every component kind, about two connections per component, a small broker per cell,
 *   and a few sync cycles and gateway bypasses so the rules have work to do.
 * - `zoned`: one organisation's system: a shared front door (clients, DNS, CDN, an API
 *   gateway with a route per domain, an identity provider) and one event bus with eight
 *   topics per domain, in front of many top-level domain zones of 24 components each (three
 *   inner zones), which call each other and publish and subscribe across domains. The shape
 *   issue 16 measures: many top-level zones, a fat gateway and a broker with hundreds of topics.
 */

/** Components in one generated cell (one small system). */
export const CELL_SIZE = 24;

export interface GenerateOptions {
    /** Total number of components (rounded to whole cells or domains). */
    components: number;
    /** `cells` (default) or `zoned` (see the file comment). */
    shape?: 'cells' | 'zoned';
    /** Split across this many files: `main.arch` importing `part-NN.arch` (default 1). */
    files?: number;
    /**
     * `cells` only: `many` makes every cell messy (see `cell`), about 1.4 findings per component
     * (the lean-diagnostics bench row); default `some`, about 0.3.
     */
    findings?: 'some' | 'many';
}

/** File name → text. The root file is `main.arch`. */
export type GeneratedFiles = Record<string, string>;

/**
 * Lines of one cell `i`; ids are suffixed with the cell number so they stay unique. A `messy`
 * cell has the defects of a model nobody has cleaned up yet: clients calling services past the
 * gateway, calls without timeouts or over plaintext, single instances, no dead-letter queue.
 */
function cell(i: number, previous: number | undefined, messy = false): string[] {
    const n = (id: string) => `${id}${i}`;
    const lines: string[] = [];
    const cycle = i % 10 === 3;
    const bypass = messy || i % 7 === 5;
    /** `clean` in a tidy cell, `dirty` in a messy one. */
    const m = (clean: string, dirty: string) => (messy ? dirty : clean);
    lines.push(
        `zone ${n('edge')} "Edge ${i}" {`,
        `  trust: public`,
        `  client ${n('web')} "Web ${i}" { tokenStorage: memory }`,
        `  client ${n('app')} "App ${i}"`,
        m(`  peer ${n('peerA')} "Peer A ${i}" { discovery: dht  auth: mtls }`, `  peer ${n('peerA')} "Peer A ${i}"`),
        m(`  peer ${n('peerB')} "Peer B ${i}" { discovery: dht  auth: mtls }`, `  peer ${n('peerB')} "Peer B ${i}" { discovery: dht }`),
        `}`,
        `dns ${n('dns')} "DNS ${i}" { routing: latency }`,
        m(`cdn ${n('cdn')} "CDN ${i}" { origin: ${n('assets')}  ttl: 1h  waf: true }`, `cdn ${n('cdn')} "CDN ${i}" { origin: ${n('assets')} }`),
        `zone ${n('region')} "Region ${i}" {`,
        `  trust: private`,
        `  zone ${n('front')} "Front ${i}" {`,
        `    loadbalancer ${n('lb')} "LB ${i}" { replicas: 2 }`,
        `    gateway ${n('api')} "API ${i}" {`,
        `      replicas: 2`,
        m(`      auth: jwt { issuer: ${n('idp')}  expiry: 15m  revocation: denylist }`, `      auth: jwt { issuer: ${n('idp')}  expiry: 30d  revocation: denylist }`),
        m(`      rateLimit: 100/s`, `      technology: "Kong"`),
        `      route "/a" -> ${n('svcA')} { timeout: 2s }`,
        `      route "/b" -> ${n('svcB')} { timeout: 2s }`,
        `    }`,
        m(`    idp ${n('idp')} "IdP ${i}" { replicas: 2 }`, `    idp ${n('idp')} "IdP ${i}"`),
        `  }`,
        `  zone ${n('core')} "Core ${i}" {`,
        `    service ${n('svcA')} "Service A ${i}" {`,
        `      replicas: 2`,
        m(`      -> ${n('svcC')} : grpcs { timeout: 1s }`, `      -> ${n('svcC')} : grpc`),
        `      -> ${n('db')} : sql+tls { timeout: 1s  op: write }`,
        `      ~> ${n('bus')}.${n('created')}`,
        ...(messy ? [`      ~> ${n('bus')}.${n('legacyEvents')}`] : []),
        `    }`,
        `    service ${n('svcB')} "Service B ${i}" {`,
        m(`      replicas: 2`, `      technology: "Java"`),
        m(`      -> ${n('cache')} : rediss { timeout: 100ms }`, `      -> ${n('cache')} : redis { timeout: 100ms }`),
        m(`      -> ${n('fn')} : https { timeout: 1s }`, `      -> ${n('fn')} : http`),
        `    }`,
        `    service ${n('svcC')} "Service C ${i}" {`,
        m(`      replicas: 2`, `      technology: "Go"`),
        m(`      -> ${n('db')} : sql+tls { timeout: 1s  op: read }`, `      -> ${n('db')} : sql+tls { op: read }`),
        ...(cycle ? [`      -> ${n('svcA')} : grpc`] : []),
        `    }`,
        m(`    function ${n('fn')} "Function ${i}" { replicas: 2 }`, `    function ${n('fn')} "Function ${i}"`),
        `    orchestrator ${n('orch')} "Saga ${i}" {`,
        `      replicas: 2`,
        `      stateStore: ${n('db')}`,
        m(`      -> ${n('svcB')} : grpcs { timeout: 2s }`, `      -> ${n('svcB')} : grpcs`),
        m(`      -> ${n('svcC')} : grpcs { timeout: 2s }`, `      -> ${n('svcC')} : grpcs`),
        `    }`,
        m(`    database ${n('db')} "DB ${i}" { engine: "postgres"  replicas: 2  readReplica: true }`, `    database ${n('db')} "DB ${i}" { engine: "postgres" }`),
        m(`    cache ${n('cache')} "Cache ${i}" { replicas: 2 }`, `    cache ${n('cache')} "Cache ${i}"`),
        `    storage ${n('assets')} "Assets ${i}"`,
        m(`    eventstore ${n('events')} "Events ${i}" { replicas: 2 }`, `    eventstore ${n('events')} "Events ${i}"`),
        `    broker ${n('bus')} "Bus ${i}" {`,
        `      replicas: 3`,
        m(`      deadLetter: true`, `      deadLetter: false`),
        `      topic ${n('created')}`,
        `      topic ${n('audit')}`,
        ...(messy ? [`      topic ${n('legacyEvents')}`] : []),
        `    }`,
        `  }`,
        `  zone ${n('data')} "Data ${i}" {`,
        m(`    etl ${n('etl')} "ETL ${i}" { schedule: "0 2 * * *"  from: ${n('db')}  to: ${n('warehouse')} }`, `    etl ${n('etl')} "ETL ${i}" { schedule: "0 2 * * *"  from: ${n('db')} }`),
        `    batch ${n('batch')} "Batch ${i}" { schedule: "0 4 * * *"  -> ${n('warehouse')} : sql+tls { op: read } }`,
        m(`    stream ${n('stream')} "Stream ${i}" { replicas: 2  -> ${n('events')} : grpcs { op: append } }`, `    stream ${n('stream')} "Stream ${i}" { -> ${n('events')} : grpcs { op: append } }`),
        `    database ${n('warehouse')} "Warehouse ${i}" { ha: true }`,
        `  }`,
        `}`,
        `external ${n('partner')} "Partner ${i}"`,
        `${n('dns')} -> ${n('cdn')} : https`,
        `${n('web')} -> ${n('cdn')} : https`,
        `${n('web')} -> ${n('lb')} : https`,
        `${n('app')} -> ${n('lb')} : https`,
        m(`${n('lb')} -> ${n('api')} : https`, `${n('lb')} -> ${n('api')} : http`),
        `${n('peerA')} -> ${n('peerB')} : tls`,
        `${n('bus')}.${n('created')} ~> ${n('stream')}`,
        `${n('svcB')} ~> ${n('bus')}.${n('audit')}`,
        `${n('bus')}.${n('audit')} ~> ${n('orch')}`,
        m(`${n('svcC')} -> ${n('partner')} : https { timeout: 3s }`, `${n('svcC')} -> ${n('partner')} : http`),
        ...(bypass ? [`${n('app')} -> ${n('svcB')} : https`] : []),
        ...(messy ? [`${n('web')} -> ${n('svcA')} : https`, `${n('web')} -> ${n('svcC')} : https`, `${n('app')} -> ${n('db')} : sql`] : []),
        ...(previous !== undefined ? [`${n('svcC')} -> svcA${previous} : grpcs { timeout: 1s }`] : []),
    );
    return lines;
}

/** Generates a model of about `components` components. */
export function generateModel(options: GenerateOptions): GeneratedFiles {
    if (options.shape === 'zoned') return { 'main.arch': generateZonedModel(options.components) };
    const cells = Math.max(1, Math.round(options.components / CELL_SIZE));
    const messy = options.findings === 'many';
    const fileCount = Math.max(1, Math.min(options.files ?? 1, cells));
    const header = [`// Generated: ${cells * CELL_SIZE} components in ${cells} cells.`, `architecture "Generated ${cells * CELL_SIZE}"`];
    if (fileCount === 1) {
        const lines = [...header];
        for (let i = 0; i < cells; i++) lines.push(...cell(i, i > 0 && i % 5 !== 0 ? i - 1 : undefined, messy));
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
        for (let i = first; i < last; i++) lines.push(...cell(i, i > 0 && i % 5 !== 0 ? i - 1 : undefined, messy));
        result[name] = lines.join('\n') + '\n';
        parts.push(name);
    }
    result['main.arch'] = [...header, ...parts.map(p => `import "./${p}"`), 'view overview "Everything" { include * }'].join('\n') + '\n';
    return result;
}

// ---------------------------------------------------------------------------- zoned

/** Components in one generated domain (a top-level zone). */
export const DOMAIN_SIZE = 24;
/** Components outside the domains: two clients, DNS, CDN, gateway, identity provider, event bus. */
const SHARED_COMPONENTS = 7;
/** Topics each domain publishes on the shared bus. */
const TOPICS_PER_DOMAIN = 8;

const DOMAIN_NAMES = ['Catalog', 'Orders', 'Payments', 'Shipping', 'Accounts', 'Search', 'Pricing', 'Inventory', 'Reviews',
    'Marketing', 'Billing', 'Support', 'Loyalty', 'Returns', 'Fraud', 'Media', 'Partners', 'Reports', 'Tax', 'Wallet'];

/** The name of domain `i`: `Orders`, then `Orders 2` once every name is used. */
function domainName(i: number): string {
    const name = DOMAIN_NAMES[i % DOMAIN_NAMES.length];
    return i < DOMAIN_NAMES.length ? name : `${name} ${Math.floor(i / DOMAIN_NAMES.length) + 1}`;
}

/** Lines of domain `i` of `count`. */
function domain(i: number, count: number): string[] {
    const n = (id: string) => `d${i}${id}`;
    const name = domainName(i);
    const other = (k: number) => (i + k) % count;
    const lines = [
        `zone d${i} "${name}" {`,
        `  trust: private`,
        `  zone ${n('front')} "${name} front" {`,
        `    service ${n('api')} "${name} API" {`,
        `      replicas: 2  technology: "Go"`,
        `      auth: jwt { issuer: idp  expiry: 15m  revocation: denylist }`,
        ...[1, 2, 3, 4].map(k => `      -> ${n(`s${k}`)} : grpcs { timeout: 1s }`),
        `    }`,
        `    service ${n('web')} "${name} web" { replicas: 2  technology: "Node.js"  -> ${n('api')} : https { timeout: 2s } }`,
        `    function ${n('fn')} "${name} hooks" { -> ${n('s7')} : https { timeout: 2s } }`,
        `  }`,
        `  zone ${n('core')} "${name} core" {`,
    ];
    for (let k = 1; k <= 8; k++) {
        const calls = [
            ...(k < 8 ? [`-> ${n(`s${k + 1}`)} : grpcs { timeout: 1s }`] : []),
            ...(k === 1 || k === 2 ? [`-> ${n('db1')} : sql+tls { timeout: 1s }`] : []),
            ...(k === 3 ? [`-> ${n('db2')} : sql+tls { timeout: 1s }`] : []),
            ...(k === 4 ? [`-> ${n('cache')} : rediss { timeout: 100ms }`] : []),
            ...(k === 5 ? [`-> ${n('search')} : https { timeout: 1s }`] : []),
            ...(k === 6 ? [`-> ${n('assets')} : https { timeout: 1s }`] : []),
            ...(k === 8 ? [`-> ${n('partner')} : https { timeout: 3s }`] : []),
            `~> bus.${n(`t${k}`)} : kafka+tls`,
        ];
        lines.push(`    service ${n(`s${k}`)} "${name} service ${k}" {`, `      replicas: 2`, ...calls.map(c => `      ${c}`), `    }`);
    }
    lines.push(
        `    orchestrator ${n('saga')} "${name} saga" { replicas: 2  stateStore: ${n('db1')}  -> ${n('s5')} : grpcs { timeout: 2s }  -> ${n('s6')} : grpcs { timeout: 2s } }`,
        `    service ${n('worker')} "${name} worker" { replicas: 2  -> ${n('db2')} : sql+tls { timeout: 1s } }`,
        `  }`,
        `  zone ${n('data')} "${name} data" {`,
        `    database ${n('db1')} "${name} DB" { engine: "postgres"  replicas: 2 }`,
        `    database ${n('db2')} "${name} read DB" { engine: "mysql"  replicas: 2 }`,
        `    cache ${n('cache')} "${name} cache" { engine: "redis"  replicas: 2 }`,
        `    database ${n('search')} "${name} index" { engine: "elasticsearch"  replicas: 2 }`,
        `    storage ${n('assets')} "${name} assets" { technology: "S3"  replicas: 2 }`,
        `    etl ${n('etl')} "${name} export" { schedule: "0 2 * * *"  from: ${n('db1')}  to: ${n('wh')} }`,
        `    database ${n('wh')} "${name} warehouse" { engine: "snowflake"  ha: true }`,
        `    batch ${n('batch')} "${name} nightly report" { schedule: "0 4 * * *"  from: ${n('wh')} }`,
        `  }`,
        `  stream ${n('stream')} "${name} stream" { replicas: 2  -> ${n('events')} : grpcs { op: append } }`,
        `  eventstore ${n('events')} "${name} events" { replicas: 2 }`,
        `  external ${n('partner')} "${name} partner"`,
        `}`,
        // Across domains: a call into two other domains' APIs, and subscriptions to their topics.
        ...(count > 1 ? [`${n('s8')} -> d${other(1)}api : grpcs { timeout: 1s }`] : []),
        ...(count > 5 ? [`${n('s6')} -> d${other(5)}api : grpcs { timeout: 1s }`] : []),
        `bus.${n('t1')} ~> ${n('worker')} : kafka+tls`,
        `bus.${n('t2')} ~> ${n('stream')} : kafka+tls`,
        ...(count > 1 ? [`bus.${n('t3')} ~> d${other(1)}worker : kafka+tls`, `bus.${n('t4')} ~> d${other(1)}stream : kafka+tls`] : []),
        ...(count > 2 ? [`bus.${n('t5')} ~> d${other(2)}worker : kafka+tls`] : []),
        ...(count > 7 ? [`bus.${n('t6')} ~> d${other(7)}worker : kafka+tls`] : []),
        `bus.${n('t7')} ~> ${n('saga')} : kafka+tls`,
        `bus.${n('t8')} ~> ${n('worker')} : kafka+tls`,
    );
    return lines;
}

/** A zoned model of about `components` components (see the file comment), as one file. */
export function generateZonedModel(components: number): string {
    const count = Math.max(1, Math.round((components - SHARED_COMPONENTS) / DOMAIN_SIZE));
    const total = count * DOMAIN_SIZE + SHARED_COMPONENTS;
    const lines = [
        `// Generated: ${total} components, ${count} domain zones, ${count * TOPICS_PER_DOMAIN} topics on one bus.`,
        `architecture "Generated zoned ${total}"`,
        `client web "Web shop" { tokenStorage: memory }`,
        `client mobile "Mobile app"`,
        `dns dns "DNS" { routing: latency }`,
        `cdn cdn "CDN" { origin: gw  ttl: 1h  waf: true }`,
        `gateway gw "API gateway" {`,
        `  replicas: 3  technology: "Kong"`,
        `  auth: jwt { issuer: idp  expiry: 15m  revocation: denylist }`,
        `  rateLimit: 100/s`,
        ...Array.from({ length: count }, (_, i) => `  route "/${domainName(i).toLowerCase().replace(/ /g, '-')}" -> d${i}api { timeout: 2s }`),
        `}`,
        `idp idp "Identity provider" { replicas: 2  technology: "Keycloak" }`,
        `broker bus "Event bus" {`,
        `  replicas: 3  technology: "Kafka"  deadLetter: true`,
        ...Array.from({ length: count }, (_, i) => Array.from({ length: TOPICS_PER_DOMAIN }, (_, k) => `  topic d${i}t${k + 1} "${domainName(i)} event ${k + 1}"`)).flat(),
        `}`,
        `web -> dns : https`,
        `web -> cdn : https`,
        `mobile -> gw : https`,
        `cdn -> gw : https`,
    ];
    for (let i = 0; i < count; i++) lines.push(...domain(i, count));
    lines.push('view overview "Everything" { include * }');
    return lines.join('\n') + '\n';
}
