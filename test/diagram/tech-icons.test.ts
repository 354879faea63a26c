/**
 * Technology marks: which `technology:` / `engine:` / `vendor:` values draw which Simple Icons
 * mark (case, versions, image names, unknowns), and what a real `.arch` model renders: the mark
 * beside the kind icon, titled, in the theme's text colour, box sizes unchanged, model text
 * never in path data, the same bytes every time.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { clearLayoutCache, renderDiagram } from '../../src/diagram/index.js';
import { clearFragmentCache } from '../../src/diagram/render-svg.js';
import { TECH_ICON_PATHS } from '../../src/diagram/tech-icon-paths.js';
import { TECH_ICON_TABLE } from '../../src/diagram/tech-icon-table.js';
import { techIconFor, techIconOfValues, techWords } from '../../src/diagram/tech-icons.js';
import { getTheme, THEME_NAMES } from '../../src/diagram/themes.js';
import { loadText } from '../support/services.js';
import { allElements, parseXml, unsafeParts, type XmlElement } from './diagram-helpers.js';

beforeEach(() => { clearLayoutCache(); clearFragmentCache(); });

const slugOf = (value: string): string | undefined => techIconFor(value)?.slug;

describe('which value draws which mark', () => {
    it('ignores case, versions, tags, registries and suffixes', () => {
        for (const value of ['postgres', 'Postgres', 'postgres:16', 'PostgreSQL 15', 'postgresql16', 'bitnami/postgresql:16.2.0', 'postgis/postgis']) {
            expect(slugOf(value), value).toBe('postgresql');
        }
        for (const value of ['redis', 'Redis 7', 'redis/redis-stack', 'redis:7-alpine', 'Cloud Memorystore for Redis']) expect(slugOf(value), value).toBe('redis');
        expect(slugOf('confluentinc/cp-kafka:7.6.0')).toBe('apachekafka');
        expect(slugOf('Apache Kafka')).toBe('apachekafka');
        expect(slugOf('rabbitmq:3-management')).toBe('rabbitmq');
        expect(slugOf('RabbitMQ 3.6.8')).toBe('rabbitmq');
        expect(slugOf('docker.elastic.co/elasticsearch/elasticsearch:8.13.0')).toBe('elasticsearch');
        expect(slugOf('envoyproxy/envoy:v1.29-latest')).toBe('envoyproxy');
        expect(slugOf('Envoy 1.11.1')).toBe('envoyproxy');
        expect(slugOf('quay.io/keycloak/keycloak:24.0')).toBe('keycloak');
        expect(slugOf('minio/minio')).toBe('minio');
        expect(slugOf('mongo:7')).toBe('mongodb');
        expect(slugOf('nginx:1.25-alpine')).toBe('nginx');
        expect(slugOf('node:20-alpine')).toBe('nodedotjs');
        expect(slugOf('Node.js (Express)')).toBe('nodedotjs');
        expect(slugOf('python:3.12-slim')).toBe('python');
        expect(slugOf('Go')).toBe('go');
        expect(slugOf('golang:1.22')).toBe('go');
        expect(slugOf('Java 21')).toBe('openjdk');
        expect(slugOf('mcr.microsoft.com/dotnet/aspnet:8.0')).toBe('dotnet');
        expect(slugOf('.NET worker')).toBe('dotnet');
        expect(slugOf('Google BigQuery')).toBe('googlebigquery');
    });

    it('prefers the framework or product to the language it runs on', () => {
        expect(slugOf('Java (Spring Boot)')).toBe('spring');
        expect(slugOf('ASP.NET Core')).toBe('dotnet');
        expect(slugOf('ASP.NET Core + Angular')).toBe('dotnet');
    });

    it('draws nothing for unknown technologies or words that merely contain a name', () => {
        for (const value of ['SQL Server 2019', 'C++ / Thrift', 'OpenResty + Lua', 'Seq', 'in-house', '', '  ', 'gopher', 'nodes', 'pythonic', 'redistribution', 'postgresish']) {
            expect(slugOf(value), value).toBeUndefined();
        }
    });

    it('splits a value into words, each also without its version', () => {
        expect(techWords('PostgreSQL15 / redis-stack:7.2.')).toEqual(['postgresql15', 'postgresql', 'redis', 'stack', '7.2']);
    });

    it('takes the first property value that names a mark', () => {
        expect(techIconOfValues(['in-house', 'postgres'])?.slug).toBe('postgresql');
        expect(techIconOfValues([undefined, undefined, 'Stripe'])?.slug).toBe('stripe');
        expect(techIconOfValues([undefined, 'Oracle'])).toBeUndefined();
    });

    it('has a generated path for every row and no path the table does not name', () => {
        const slugs = new Set(TECH_ICON_TABLE.map(row => row.slug));
        expect(Object.keys(TECH_ICON_PATHS).sort()).toEqual([...slugs].sort());
        for (const row of TECH_ICON_TABLE) expect(row.name).toMatch(/^[A-Za-z0-9 .]+$/);
    });
});

const MODEL = `architecture "Marks"
zone app "App" {
  service api "Orders API" { technology: "Java (Spring Boot)" }
  database db "Orders DB" { engine: postgres }
  cache kv "Sessions" { engine: "<acme> & \\"co\\" store" }
  service plain "Plain"
}
external psp "Payments" { vendor: "Stripe" }
api -> db : sql
api -> kv : tcp
api -> plain : https
api -> psp : https
`;

function nodeGroup(root: XmlElement, id: string): XmlElement {
    const group = allElements(root).find(e => e.attributes.class === 'aw-node' && e.attributes['data-id'] === id);
    expect(group, id).toBeDefined();
    return group!;
}

const marksIn = (group: XmlElement): XmlElement[] => allElements(group).filter(e => e.attributes.class === 'aw-tech');

describe('marks in the rendered SVG', () => {
    it('draws the postgres mark, titled, in the text colour; none for an unknown technology', async () => {
        const { model } = await loadText(MODEL);
        const { svg } = await renderDiagram(model, { theme: 'light' });
        const root = parseXml(svg);
        const db = marksIn(nodeGroup(root, 'db'));
        expect(db).toHaveLength(1);
        expect(db[0].attributes['data-tech']).toBe('postgresql');
        expect(db[0].attributes['aria-label']).toBe('PostgreSQL');
        expect(db[0].children.find(c => c.name === 'title')?.text).toBe('PostgreSQL');
        const path = db[0].children.find(c => c.name === 'path')!;
        expect(path.attributes.d).toBe(TECH_ICON_PATHS.postgresql);
        expect(path.attributes.fill).toBe(getTheme('light').text);
        expect(marksIn(nodeGroup(root, 'api'))[0].attributes['data-tech']).toBe('spring');
        expect(marksIn(nodeGroup(root, 'psp'))[0].attributes['data-tech']).toBe('stripe');
        expect(marksIn(nodeGroup(root, 'kv'))).toEqual([]);
        expect(marksIn(nodeGroup(root, 'plain'))).toEqual([]);
        // The unknown engine stays text, escaped, and nowhere in path data.
        expect(svg).toContain('cache · &lt;acme&gt; &amp; &quot;co&quot; store');
        for (const p of allElements(root).filter(e => e.name === 'path')) expect(p.attributes.d ?? '').not.toMatch(/acme/);
        expect(unsafeParts(svg)).toEqual([]);
    });

    it('keeps box sizes and colours each theme by its text colour', async () => {
        const { model } = await loadText(MODEL);
        const { model: bare } = await loadText(MODEL.replace('engine: postgres', 'engine: pastgres'));
        const sizeOf = (svg: string, id: string) => {
            const rect = nodeGroup(parseXml(svg), id).children.find(c => c.name === 'rect')!;
            return [rect.attributes.width, rect.attributes.height];
        };
        const withMark = (await renderDiagram(model, { theme: 'light' })).svg;
        const without = (await renderDiagram(bare, { theme: 'light' })).svg;
        expect(marksIn(nodeGroup(parseXml(without), 'db'))).toEqual([]);
        expect(sizeOf(withMark, 'db')).toEqual(sizeOf(without, 'db'));
        for (const theme of THEME_NAMES) {
            const { svg } = await renderDiagram(model, { theme });
            const path = marksIn(nodeGroup(parseXml(svg), 'db'))[0].children.find(c => c.name === 'path')!;
            expect(path.attributes.fill, theme).toBe(getTheme(theme).text);
        }
    });

    it('is deterministic, byte for byte', async () => {
        const { model } = await loadText(MODEL);
        const first = (await renderDiagram(model, { theme: 'dark' })).svg;
        clearLayoutCache();
        clearFragmentCache();
        const { model: again } = await loadText(MODEL);
        expect((await renderDiagram(again, { theme: 'dark' })).svg).toBe(first);
    });
});
