/**
 * What the importer reads out of image names, ports and configuration values.
 */
import { describe, expect, test } from 'vitest';
import { interpolate } from '../../src/import/compose.js';
import { argumentHostReferences, hostReferences, inferKind, parseImage, protocolOfPortName, shortImage } from '../../src/import/infer.js';
import { parseYamlText } from '../../src/import/yaml-files.js';
import { toArchId } from '../../src/model/arch-id.js';

describe('images', () => {
    test('split into registry, path, name and tag', () => {
        expect(parseImage('gcr.io/google-samples/microservices-demo/redis:alpine:v0.3.6')).toEqual({ registry: 'gcr.io', path: 'google-samples/microservices-demo/redis', name: 'redis', tag: 'alpine:v0.3.6' });
        expect(parseImage('localhost:5000/shop/api@sha256:abc')).toEqual({ registry: 'localhost:5000', path: 'shop/api', name: 'api', tag: undefined });
        expect(parseImage('postgres')).toEqual({ registry: undefined, path: 'postgres', name: 'postgres', tag: undefined });
        expect(shortImage('us-central1-docker.pkg.dev/google-samples/microservices-demo/adservice:v0.10.1')).toBe('adservice:v0.10.1');
    });

    test('of well-known products give their kind, engine and version; everything else is a service', () => {
        expect(inferKind(['postgres:15-alpine'], [], false)).toMatchObject({ kind: 'database', engine: 'postgres', technology: 'PostgreSQL 15' });
        expect(inferKind(['bitnami/kafka:3.6'], [], false)).toMatchObject({ kind: 'broker', engine: 'kafka' });
        expect(inferKind(['quay.io/keycloak/keycloak:24.0'], [], false)).toMatchObject({ kind: 'idp', technology: 'Keycloak 24.0' });
        expect(inferKind(['minio/minio'], [], false)).toMatchObject({ kind: 'storage' });
        expect(inferKind(['memcached:1.6'], [], false)).toMatchObject({ kind: 'cache', engine: 'memcached' });
        expect(inferKind(['example/orders:1.2'], [], false)).toEqual({ kind: 'service', technology: 'example/orders:1.2' });
    });

    test('of proxies make a gateway or load balancer only in front of the system', () => {
        expect(inferKind(['nginx:1.25'], [{ port: 80 }], true)).toMatchObject({ kind: 'loadbalancer', technology: 'NGINX 1.25' });
        expect(inferKind(['nginx:1.25'], [{ port: 80 }], false)).toEqual({ kind: 'service', technology: 'NGINX 1.25' });
        expect(inferKind(['traefik:v3.0'], [], true)).toMatchObject({ kind: 'gateway', technology: 'Traefik 3.0' });
    });

    test('unknown images on well-known data ports are guessed from the port, and say so', () => {
        expect(inferKind(['weaveworksdemos/user-db:0.3.0'], [{ port: 27017 }], false)).toMatchObject({
            kind: 'database', engine: 'mongodb', evidence: { text: 'port 27017 (MongoDB)', guessed: true },
        });
    });
});

describe('hosts named by values', () => {
    test('host:port, URLs, lists and connection strings', () => {
        expect(hostReferences('cartservice:7070', false)).toEqual([{ host: 'cartservice', port: 7070 }]);
        expect(hostReferences('http://user:secret@identity-api/hc', false)).toEqual([{ scheme: 'http', host: 'identity-api', port: undefined }]);
        expect(hostReferences('kafka-0:9092,kafka-1:9092', true)).toEqual([{ host: 'kafka-0', port: 9092 }, { host: 'kafka-1', port: 9092 }]);
        expect(hostReferences('Server=sqldata;Database=Orders;User Id=sa;Password=Pass@word', true)).toEqual([{ host: 'sqldata', port: undefined }]);
        expect(hostReferences('Host=db;Port=5432;Username=app', false)).toEqual([{ host: 'db', port: 5432 }]);
    });

    test('a bare word counts only when the variable holds a host', () => {
        expect(hostReferences('rabbitmq', true)).toEqual([{ host: 'rabbitmq' }]);
        expect(hostReferences('rabbitmq', false)).toEqual([]);
        expect(hostReferences('-Xms64m -Xmx128m', false)).toEqual([]);
    });

    test('arguments: URLs anywhere, bare words after a host flag', () => {
        expect(argumentHostReferences(['-d', '60', '-h', 'edge-router'])).toEqual([{ host: 'edge-router' }]);
        expect(argumentHostReferences(['--db=postgres://db:5432/x', 'frontend'])).toEqual([{ scheme: 'postgres', host: 'db', port: 5432 }]);
    });

    test('port names give protocols', () => {
        expect([protocolOfPortName('grpc'), protocolOfPortName('http-metrics'), protocolOfPortName('tcp-redis'), protocolOfPortName('db')]).toEqual(['grpc', 'http', 'redis', undefined]);
    });
});

describe('Compose interpolation', () => {
    test('uses defaults only, never the environment', () => {
        process.env.ARCHWAY_TEST_TAG = 'from-the-environment';
        expect(interpolate('${REGISTRY:-eshop}/api:${ARCHWAY_TEST_TAG:-latest}')).toBe('eshop/api:latest');
        expect(interpolate('${MISSING}x$$y$ALSO_MISSING')).toBe('x$y');
        expect(interpolate('${A:-${B:-nested}}/${C:?required}')).toBe('nested/');
        expect(interpolate('cost: 5$ ${UNCLOSED')).toBe('cost: 5$ ${UNCLOSED');
    });
});

describe('ids', () => {
    test('deployed names become valid .arch ids', () => {
        expect(['basket.data', '3d-render', 'a__b', 'ordering-api', '-x-'].map(toArchId)).toEqual(['basket-data', '_3d-render', 'a__b', 'ordering-api', 'x']);
    });
});

describe('YAML reading', () => {
    test('names the line of a syntax error and keeps the other documents', () => {
        const { documents, problems } = parseYamlText('m.yaml', 'kind: A\n---\nkind: B: C\n---\nkind: C\n');
        expect(documents.map(d => (d.value as { kind: string }).kind)).toEqual(['A', 'C']);
        expect(problems).toHaveLength(1);
        expect(problems[0]).toMatchObject({ file: 'm.yaml', line: 3 });
    });

    test('merge keys apply, and lines are found through them', () => {
        const { documents } = parseYamlText('c.yml', 'x-base: &base\n  restart: always\nservices:\n  a:\n    <<: *base\n    image: redis\n');
        expect(documents[0].value).toMatchObject({ services: { a: { restart: 'always', image: 'redis' } } });
        expect(documents[0].lineOf(['services', 'a', 'image'])).toBe(6);
        expect(documents[0].lineOf(['services', 'a', 'missing'])).toBe(4);
    });
});
