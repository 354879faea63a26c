/**
 * Guessing Archway kinds, protocols and async-ness from what other tools say about an element
 * or relationship: the style shape, the source's kind name, tags, technology and title. Every
 * answer carries the reason, which the import writes as an `// import:` comment.
 */
import { COMPONENT_KINDS, type ComponentKind } from '../../model/arch-model.js';
import type { ImportedElement, ImportedRelationship } from './imported-model.js';

/** A kind and why. */
export interface KindGuess {
    kind: ComponentKind;
    reason: string;
}

/** Shapes (LikeC4 and Structurizr spellings, lower case) that say what a thing is. */
const SHAPE_KINDS: Record<string, ComponentKind> = {
    person: 'client', robot: 'client', browser: 'client', webbrowser: 'client', mobile: 'client', mobiledeviceportrait: 'client',
    mobiledevicelandscape: 'client', window: 'client', cylinder: 'database', storage: 'database', queue: 'broker', pipe: 'broker',
    bucket: 'storage', folder: 'storage',
};

/** Words in the source's kind name (whole words, lower case). */
const SOURCE_KIND_WORDS: [RegExp, ComponentKind][] = [
    [/\b(person|actor|user|customer|human|staff)\b/, 'client'],
    [/\b(webapp|web-?app|frontend|front-end|spa|mobile|mobileapp|browser)\b/, 'client'],
    [/\b(database|db|table|datastore|data-?store|schema)\b/, 'database'],
    [/\b(cache)\b/, 'cache'],
    [/\b(bucket|storage|blob|filestore)\b/, 'storage'],
    [/\b(queue|topic|broker|bus|stream|eventbus)\b/, 'broker'],
    [/\b(lambda|function|serverless)\b/, 'function'],
    [/\b(gateway|apigateway|api-gateway)\b/, 'gateway'],
    [/\b(loadbalancer|load-balancer|lb)\b/, 'loadbalancer'],
    [/\b(cdn)\b/, 'cdn'],
    [/\b(dns)\b/, 'dns'],
    [/\b(idp|identity|auth)\b/, 'idp'],
    [/\b(job|cron|batch)\b/, 'batch'],
];

/** Words in technology, tags and title (lower case), most specific first. */
const TEXT_WORDS: [RegExp, ComponentKind][] = [
    [/\b(redis|memcached|elasticache|hazelcast|varnish)\b|\bcache\b/, 'cache'],
    [/\b(event ?store|eventstoredb|event sourcing)\b/, 'eventstore'],
    [/\b(kafka|rabbitmq|activemq|amqp|sqs|sns|pub\/?sub|nats|kinesis|event ?hubs?|service bus|eventbridge|mq|message (queue|broker|bus)|queue|topic)\b/, 'broker'],
    [/\b(api gateway|apigee|kong|tyk|zuul|gateway)\b/, 'gateway'],
    [/\b(load ?balancer|elb|alb|nlb|haproxy|f5)\b/, 'loadbalancer'],
    [/\b(cdn|cloudfront|akamai|fastly|cloudflare)\b/, 'cdn'],
    [/\b(dns|route ?53)\b/, 'dns'],
    [/\b(keycloak|auth0|okta|cognito|identity provider|idp|active directory|entra|oauth server|sso)\b/, 'idp'],
    [/\b(lambda|azure functions?|cloud functions?|serverless|faas)\b/, 'function'],
    [/\b(s3|blob storage|object storage|gcs|bucket|file storage|minio)\b/, 'storage'],
    [/\b(airflow|etl|dbt|glue|informatica|nifi)\b/, 'etl'],
    [/\b(flink|spark streaming|kafka streams|stream processor|beam)\b/, 'stream'],
    [/\b(temporal|step functions|camunda|orchestrator|saga|workflow engine|conductor)\b/, 'orchestrator'],
    [/\b(batch|cron|scheduled job|nightly)\b/, 'batch'],
    [/\b(sql|postgres(ql)?|mysql|mariadb|oracle|sql server|mssql|db2|sqlite|mongo(db)?|dynamo(db)?|cassandra|couchdb|cosmos ?db|neo4j|elasticsearch|opensearch|database|schema|firestore|bigquery|snowflake|redshift|clickhouse|timescale)\b/, 'database'],
    [/\b(browser|single[- ]page|spa|angular|react|vue|svelte|mobile|ios|android|xamarin|flutter|react native|desktop app|electron)\b/, 'client'],
];

function lower(text: string | undefined): string {
    return (text ?? '').toLowerCase();
}

function quote(text: string): string {
    return JSON.stringify(text);
}

/** The Archway kind of a leaf element, and why. */
export function inferKind(element: ImportedElement): KindGuess {
    // A source kind named like an Archway kind (as in Archway's own LikeC4 export) says it outright.
    const named = COMPONENT_KINDS.find(kind => kind === element.sourceKind.toLowerCase());
    if (named) return { kind: named, reason: `kind '${named}' from its ${quote(element.sourceKind)} kind` };
    const shape = lower(element.shape).replace(/[^a-z]/g, '');
    if (shape && SHAPE_KINDS[shape]) {
        let kind = SHAPE_KINDS[shape];
        // A cylinder holding a cache is a cache.
        if (kind === 'database' && /\b(redis|memcached|cache)\b/.test(lower(`${element.technology} ${element.title}`))) kind = 'cache';
        return { kind, reason: `kind '${kind}' from its shape '${element.shape}'` };
    }
    const sourceKind = lower(element.sourceKind).replace(/([a-z])([A-Z])/g, '$1 $2');
    for (const [pattern, kind] of SOURCE_KIND_WORDS) {
        if (pattern.test(sourceKind)) return { kind, reason: `kind '${kind}' from its ${quote(element.sourceKind)} kind` };
    }
    const sources: [string, string | undefined][] = [
        ['technology', element.technology], ['tags', element.tags.join(', ')], ['title', element.title], ['name', element.name],
    ];
    for (const [pattern, kind] of TEXT_WORDS) {
        for (const [what, text] of sources) {
            if (text && pattern.test(lower(text))) return { kind, reason: `kind '${kind}' from its ${what} ${quote(text)}` };
        }
    }
    if (element.external) return { kind: 'external', reason: `kind 'external': marked as outside the system` };
    if (/software ?system|system/i.test(element.sourceKind)) {
        return { kind: 'external', reason: `kind 'external': its kind '${element.sourceKind}' names a system, and no parts of it are described here` };
    }
    return { kind: 'service', reason: `kind 'service': nothing clearer in its kind, shape, technology or title` };
}

/** Protocol words Archway knows, by the words a technology string uses for them. */
const PROTOCOLS: [RegExp, string][] = [
    [/\bgrpcs\b/, 'grpcs'], [/\bgrpc\b/, 'grpc'], [/\bwss\b|\bsecure websockets?\b/, 'wss'], [/\bwebsockets?\b|\bws\b/, 'ws'],
    [/\bhttps\b|\btls\b.*\bhttp\b|\bhttp\b.*\btls\b/, 'https'], [/\bhttp\b|\brest\b|\bjson\b|\bxml\b|\bgraphql\b/, 'http'],
    [/\bjdbc\b|\bodbc\b|\bsql\b/, 'sql'], [/\bkafka\b/, 'kafka'], [/\bamqps\b/, 'amqps'], [/\bamqp\b|\brabbitmq\b/, 'amqp'],
    [/\bmqtts\b/, 'mqtts'], [/\bmqtt\b/, 'mqtt'], [/\bsmtps\b/, 'smtps'], [/\bsmtp\b|\be-?mail\b/, 'smtp'], [/\bredis\b/, 'redis'],
    [/\bsftp\b/, 'sftp'], [/\bssh\b/, 'ssh'], [/\bldaps\b/, 'ldaps'], [/\bldap\b/, 'ldap'], [/\btcp\b/, 'tcp'], [/\budp\b/, 'udp'],
];

/** The protocol a relationship's technology names (`JSON/HTTPS` → `https`), and why. */
export function inferProtocol(technology: string | undefined): { protocol: string; reason: string } | undefined {
    if (!technology) return undefined;
    const text = lower(technology);
    for (const [pattern, protocol] of PROTOCOLS) {
        if (pattern.test(text)) return { protocol, reason: `protocol '${protocol}' from technology ${quote(technology)}` };
    }
    return undefined;
}

/** Whether a relationship is asynchronous (Archway `~>`), and why; undefined when nothing says so. */
export function inferAsync(relationship: ImportedRelationship): string | undefined {
    if (relationship.kind && /async|event|publish|subscribe|message|emit|notif/i.test(relationship.kind)) {
        return `asynchronous (~>) from its kind '${relationship.kind}'`;
    }
    const tag = relationship.tags.find(t => /^(async|asynchronous|event|events|messaging|message)$/i.test(t));
    if (tag) return `asynchronous (~>) from its tag '${tag}'`;
    if (relationship.technology && /\b(kafka|amqps?|rabbitmq|sqs|sns|pub\/?sub|mqtts?|nats|kinesis|event|async|message|queue)\b/i.test(relationship.technology)) {
        return `asynchronous (~>) from technology ${quote(relationship.technology)}`;
    }
    if (relationship.title && /\b(publishes|subscribes|consumes|emits|sends events?|enqueues|notifies asynchronously)\b/i.test(relationship.title)) {
        return `asynchronous (~>) from its title ${quote(relationship.title)}`;
    }
    if (relationship.dashed) return 'asynchronous (~>): drawn dashed in the source';
    return undefined;
}
