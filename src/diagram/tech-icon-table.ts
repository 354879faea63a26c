/**
 * Which technologies get a brand mark in the diagram: one row per mark, with the Simple Icons
 * slug whose path `npm run generate` copies into `tech-icon-paths.ts`, the name the diagram
 * says (hover and screen readers), and the words of an `engine:`, `technology:` or `vendor:`
 * value that name it. No imports: the generator reads this table to pick the subset.
 */

/** One brand mark and the words that name it. */
export interface TechIconRow {
    /** Simple Icons slug (the file name in `simple-icons/icons/`). */
    slug: string;
    /** What the mark's `<title>` says. */
    name: string;
    /** Lower-case words (see `techWords` in `tech-icons.ts`) that name the technology. */
    words: readonly string[];
}

/**
 * The table, most specific first: a value naming several technologies (`Java (Spring Boot)`,
 * `ASP.NET Core + Angular`) draws the first row that matches, so frameworks and products come
 * before the languages they run on.
 */
export const TECH_ICON_TABLE: readonly TechIconRow[] = [
    // data stores
    { slug: 'postgresql', name: 'PostgreSQL', words: ['postgres', 'postgresql', 'postgis', 'pgsql'] },
    { slug: 'mysql', name: 'MySQL', words: ['mysql'] },
    { slug: 'mariadb', name: 'MariaDB', words: ['mariadb'] },
    { slug: 'mongodb', name: 'MongoDB', words: ['mongodb', 'mongo'] },
    { slug: 'redis', name: 'Redis', words: ['redis'] },
    { slug: 'elasticsearch', name: 'Elasticsearch', words: ['elasticsearch'] },
    { slug: 'opensearch', name: 'OpenSearch', words: ['opensearch'] },
    { slug: 'apachecassandra', name: 'Apache Cassandra', words: ['cassandra'] },
    { slug: 'sqlite', name: 'SQLite', words: ['sqlite'] },
    { slug: 'minio', name: 'MinIO', words: ['minio'] },
    { slug: 'snowflake', name: 'Snowflake', words: ['snowflake'] },
    { slug: 'googlebigquery', name: 'BigQuery', words: ['bigquery'] },
    // messaging
    { slug: 'apachekafka', name: 'Apache Kafka', words: ['kafka'] },
    { slug: 'rabbitmq', name: 'RabbitMQ', words: ['rabbitmq'] },
    // edge, traffic and identity
    { slug: 'nginx', name: 'NGINX', words: ['nginx'] },
    { slug: 'envoyproxy', name: 'Envoy', words: ['envoy', 'envoyproxy'] },
    { slug: 'kong', name: 'Kong', words: ['kong'] },
    { slug: 'traefikproxy', name: 'Traefik', words: ['traefik'] },
    { slug: 'cloudflare', name: 'Cloudflare', words: ['cloudflare'] },
    { slug: 'keycloak', name: 'Keycloak', words: ['keycloak'] },
    { slug: 'auth0', name: 'Auth0', words: ['auth0'] },
    { slug: 'stripe', name: 'Stripe', words: ['stripe'] },
    // frameworks, then runtimes and languages
    { slug: 'spring', name: 'Spring', words: ['spring', 'springboot'] },
    { slug: 'dotnet', name: '.NET', words: ['.net', 'dotnet', 'asp.net', 'aspnet', 'aspnetcore'] },
    { slug: 'nodedotjs', name: 'Node.js', words: ['node', 'node.js', 'nodejs'] },
    { slug: 'openjdk', name: 'Java', words: ['java', 'openjdk', 'jdk', 'jvm'] },
    { slug: 'go', name: 'Go', words: ['go', 'golang'] },
    { slug: 'python', name: 'Python', words: ['python'] },
    { slug: 'kotlin', name: 'Kotlin', words: ['kotlin'] },
];
