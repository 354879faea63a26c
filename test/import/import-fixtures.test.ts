/**
 * `archway import` on deployment files written after well-known public demo systems: the
 * imported model parses, links and checks without model problems, draws, and holds each
 * workload with the kind and replicas the files state; every inference is marked.
 */
import { join } from 'node:path';
import { EmptyFileSystem } from 'langium';
import { afterAll, describe, expect, test } from 'vitest';
import { readDeploymentFiles, type DeploymentFormat } from '../../src/import/index.js';
import { GUESS_MARK, writeArch } from '../../src/interop/import/deployment-to-arch.js';
import { formatArchText } from '../../src/format/format-text.js';
import { createArchwayCoreServices } from '../../src/language/archway-module.js';
import { listRules } from '../../src/rules/registry.js';
import { disposeLayout, renderDiagram } from '../../src/diagram/index.js';
import type { ArchModel, Component } from '../../src/model/arch-model.js';
import { loadText } from '../support/services.js';

const DEPLOY = join(import.meta.dirname, '..', 'fixtures', 'deploy');
const { Archway } = createArchwayCoreServices(EmptyFileSystem);
const MODEL_PROBLEMS = new Set(listRules().filter(rule => rule.source === 'model').map(rule => rule.id));

afterAll(() => disposeLayout());

/** Imports like the CLI does: read, write, format. */
function importText(format: DeploymentFormat, paths: string[]): { text: string; problems: string[] } {
    const { system } = readDeploymentFiles(format, paths.map(path => join(DEPLOY, path)));
    const raw = writeArch(system, { sources: paths }).text;
    const formatted = formatArchText(raw, Archway);
    expect(formatted.syntaxErrors).toBe(false);
    return { text: formatted.text, problems: system.problems.map(p => `${p.file}:${p.line}: ${p.message}`) };
}

/** Parses and checks the text; fails on syntax errors and model problems (unknown properties, unresolved ids, …). */
async function checkedModel(text: string): Promise<ArchModel> {
    const { diagnostics, model } = await loadText(text, 'imported.arch');
    const problems = diagnostics.filter(d => d.code === undefined || MODEL_PROBLEMS.has(String(d.code)));
    expect(problems.map(d => `${d.range.start.line + 1}: ${d.code} ${d.message}`)).toEqual([]);
    return model;
}

function component(model: ArchModel, id: string): Component {
    const element = model.elements.get(id);
    expect(element?.type, `component '${id}'`).toBe('component');
    return element as Component;
}

/** `id → kind ×replicas` of every component but the added client. */
function inventory(model: ArchModel): Record<string, string> {
    const result: Record<string, string> = {};
    for (const c of model.components) {
        if (c.kind === 'client') continue;
        const replicas = c.properties.get('replicas')?.value;
        result[c.id] = `${c.kind}${replicas?.type === 'number' ? ` ×${replicas.value}` : ''}`;
    }
    return result;
}

function connections(model: ArchModel): string[] {
    return model.connections.map(c => `${c.source} ${c.style === 'async' ? '~>' : '->'} ${c.target}${c.protocol ? ` : ${c.protocol}` : ''}`).sort();
}

/** The comment lines right above the line that starts with `declaration`. */
function commentAbove(text: string, declaration: string): string[] {
    const lines = text.split('\n').map(line => line.trim());
    const index = lines.findIndex(line => line.startsWith(declaration));
    expect(index, `'${declaration}' in the output`).toBeGreaterThan(0);
    const comments: string[] = [];
    for (let i = index - 1; i >= 0 && lines[i].startsWith('//'); i--) comments.unshift(lines[i]);
    return comments;
}

async function drawnIds(model: ArchModel): Promise<Set<string>> {
    const { svg } = await renderDiagram(model, { theme: 'light' });
    expect(svg.startsWith('<svg')).toBe(true);
    return new Set([...svg.matchAll(/data-id="([^"]+)"/g)].map(match => match[1]));
}

describe('Online Boutique (Kubernetes manifests, one file per service)', () => {
    const { text, problems } = importText('kubernetes', ['online-boutique']);

    test('reads every file without problems', () => {
        expect(problems).toEqual([]);
    });

    test('holds each Deployment with its kind and the default of one replica', async () => {
        const model = await checkedModel(text);
        const services = ['adservice', 'cartservice', 'checkoutservice', 'currencyservice', 'emailservice', 'frontend', 'loadgenerator', 'paymentservice', 'productcatalogservice', 'recommendationservice', 'shippingservice'];
        expect(inventory(model)).toEqual({
            ...Object.fromEntries(services.map(id => [id, 'service ×1'])),
            'redis-cart': 'cache ×1',
        });
        expect(component(model, 'redis-cart').properties.get('engine')?.value).toMatchObject({ value: 'redis' });
    });

    test('connects exactly what the environment variables name, with the Services\' port names as protocols', async () => {
        const model = await checkedModel(text);
        expect(connections(model)).toEqual([
            'cartservice -> redis-cart : redis',
            'checkoutservice -> cartservice : grpc',
            'checkoutservice -> currencyservice : grpc',
            'checkoutservice -> emailservice : grpc',
            'checkoutservice -> paymentservice : grpc',
            'checkoutservice -> productcatalogservice : grpc',
            'checkoutservice -> shippingservice : grpc',
            'frontend -> adservice : grpc',
            'frontend -> cartservice : grpc',
            'frontend -> checkoutservice : grpc',
            'frontend -> currencyservice : grpc',
            'frontend -> productcatalogservice : grpc',
            'frontend -> recommendationservice : grpc',
            'frontend -> shippingservice : grpc',
            'loadgenerator -> frontend : http',
            'recommendationservice -> productcatalogservice : grpc',
            'users -> frontend : http',
        ]);
    });

    test('puts the LoadBalancer\'s workload behind a public client, and only that one', async () => {
        const model = await checkedModel(text);
        const users = component(model, 'users');
        expect([users.kind, users.trust]).toEqual(['client', 'public']);
        expect(model.connections.filter(c => c.source === 'users').map(c => c.target)).toEqual(['frontend']);
        expect(commentAbove(text, 'users -> frontend')).toEqual(['// import: exposed by Service frontend-external (type LoadBalancer); protocol from its port name "http"']);
    });

    test('marks every inference with a guess comment', () => {
        expect(commentAbove(text, 'cache redis-cart')).toEqual([`// ${GUESS_MARK} image "redis:alpine": cache`]);
        expect(commentAbove(text, 'frontend -> cartservice')).toEqual([
            `// ${GUESS_MARK} environment variable CART_SERVICE_ADDR of frontend (names cartservice:7070); protocol from the name of port 7070 of Service cartservice ("grpc")`,
        ]);
        for (const line of text.split('\n').filter(l => /^\s*\w[\w-]* [-~]> /.test(l) && !l.trim().startsWith('users'))) {
            expect(commentAbove(text, line.trim()).join(' '), line).toContain(GUESS_MARK);
        }
    });

    test('draws every component', async () => {
        const model = await checkedModel(text);
        const drawn = await drawnIds(model);
        for (const c of model.components) expect(drawn.has(c.id), c.id).toBe(true);
    });

    test('is the same text on every run', () => {
        expect(importText('kubernetes', ['online-boutique']).text).toBe(text);
    });
});

describe('Sock Shop (one multi-document manifest with a namespace, an Ingress, a logging stack)', () => {
    const { text, problems } = importText('kubernetes', ['sock-shop']);

    test('reads every file without problems', () => {
        expect(problems).toEqual([]);
    });

    test('holds each workload with its kind and replicas, zoned by namespace', async () => {
        const model = await checkedModel(text);
        expect(inventory(model)).toEqual({
            'carts': 'service ×1', 'carts-db': 'database ×1', 'catalogue': 'service ×1', 'catalogue-db': 'database ×1',
            'front-end': 'service ×1', 'orders': 'service ×1', 'orders-db': 'database ×1', 'payment': 'service ×1',
            'queue-master': 'service ×1', 'rabbitmq': 'broker ×1', 'session-db': 'cache ×1', 'shipping': 'service ×1',
            'user': 'service ×1', 'user-db': 'database ×1', 'socks-ingress': 'gateway',
            'fluentd': 'service', 'elasticsearch': 'service ×1', 'kibana': 'service ×1',
        });
        expect(component(model, 'front-end').zone).toBe('sock-shop');
        expect(component(model, 'fluentd').zone).toBe('kube-system');
        expect(model.zones.map(z => [z.id, z.trust])).toEqual([['internet', 'public'], ['sock-shop', 'private'], ['kube-system', 'private']]);
    });

    test('turns the Ingress into a gateway with its route, and NodePort Services into exposures', async () => {
        const model = await checkedModel(text);
        const route = model.connections.find(c => c.origin === 'route');
        expect([route?.source, route?.target, route?.path]).toEqual(['socks-ingress', 'front-end', 'socks.example.com/']);
        expect(connections(model).filter(c => c.startsWith('users'))).toEqual(['users -> front-end : http', 'users -> kibana : http', 'users -> socks-ingress : https']);
    });

    test('guesses a database from the port when the image is unknown, and says so', async () => {
        const model = await checkedModel(text);
        expect(component(model, 'catalogue-db').properties.get('engine')?.value).toMatchObject({ value: 'mysql' });
        expect(commentAbove(text, 'database catalogue-db')).toEqual([`// ${GUESS_MARK} port 3306 (MySQL): database`]);
    });

    test('a DaemonSet has no replicas, with a note saying why', () => {
        expect(text).toMatch(/service fluentd \{\n[^}]*\/\/ import: no replicas: a DaemonSet runs one instance per node/);
    });

    test('draws every component', async () => {
        const model = await checkedModel(text);
        const drawn = await drawnIds(model);
        for (const c of model.components) expect(drawn.has(c.id), c.id).toBe(true);
    });
});

describe('Kubernetes documentation workloads (List, CronJob, Job, StatefulSet, DaemonSet, ExternalName)', () => {
    const { text, problems } = importText('kubernetes', ['k8s-docs']);

    test('holds every workload kind', async () => {
        expect(problems).toEqual([]);
        const model = await checkedModel(text);
        expect(inventory(model)).toEqual({
            'hello': 'batch', 'pi': 'batch', 'web': 'service ×3', 'fluentd-elasticsearch': 'service', 'orders': 'service ×2', 'my-service': 'external',
        });
        expect(component(model, 'hello').properties.get('schedule')?.value).toMatchObject({ value: '* * * * *' });
    });

    test('connects what command-line arguments name, through headless and ExternalName Services', async () => {
        const model = await checkedModel(text);
        expect(connections(model)).toEqual(['orders -> my-service : sql', 'orders -> web : http']);
    });
});

describe('voting app (Compose: networks, published ports, depends_on conditions, a profile)', () => {
    const { text, problems } = importText('compose', ['voting-app/docker-compose.yml']);

    test('holds each service with its kind and one replica, zoned by network', async () => {
        expect(problems).toEqual([]);
        const model = await checkedModel(text);
        expect(inventory(model)).toEqual({
            vote: 'service ×1', result: 'service ×1', seed: 'service ×1', worker: 'service ×1', redis: 'cache ×1', db: 'database ×1',
        });
        expect(['vote', 'result', 'seed', 'worker', 'redis', 'db'].map(id => component(model, id).zone)).toEqual(['front-tier', 'front-tier', 'front-tier', 'back-tier', 'back-tier', 'back-tier']);
        expect(commentAbove(text, 'service vote')).toEqual([`// ${GUESS_MARK} the first of its networks (front-tier, back-tier): drawn in front-tier only`]);
    });

    test('exposes published ports but not one bound to 127.0.0.1, and connects depends_on', async () => {
        const model = await checkedModel(text);
        expect(connections(model)).toEqual([
            'result -> db : sql', 'seed -> vote : http', 'users -> result : http', 'users -> vote : http',
            'vote -> redis : redis', 'worker -> db : sql', 'worker -> redis : redis',
        ]);
        expect(commentAbove(text, 'vote -> redis')).toEqual([`// ${GUESS_MARK} depends_on of vote; protocol from the engine of redis (redis)`]);
    });

    test('notes the profile a service needs', () => {
        expect(text).toContain('// import: only started with the profile "seed"');
    });

    test('draws every component', async () => {
        const model = await checkedModel(text);
        const drawn = await drawnIds(model);
        for (const c of model.components) expect(drawn.has(c.id), c.id).toBe(true);
    });
});

describe('eShopOnContainers (two Compose files merged, connection strings, variables with defaults)', () => {
    const { text, problems } = importText('compose', ['eshop/docker-compose.yml', 'eshop/docker-compose.override.yml']);

    test('holds each service with its kind', async () => {
        expect(problems).toEqual([]);
        const model = await checkedModel(text);
        expect(inventory(model)).toEqual({
            'seq': 'service ×1', 'sqldata': 'database ×1', 'nosqldata': 'database ×1', 'basketdata': 'cache ×1', 'rabbitmq': 'broker ×1',
            'identity-api': 'service ×1', 'basket-api': 'service ×1', 'catalog-api': 'service ×1', 'ordering-api': 'service ×1',
            'ordering-backgroundtasks': 'service ×1', 'payment-api': 'service ×1', 'webshoppingapigw': 'gateway ×1',
            'webshoppingagg': 'service ×1', 'webmvc': 'service ×1',
        });
        expect(component(model, 'identity-api').properties.get('technology')?.value).toMatchObject({ value: 'eshop/identity.api:linux-latest' });
    });

    test('follows connection strings and event-bus settings to the services they name, asynchronously to the broker', async () => {
        const model = await checkedModel(text);
        const basket = connections(model).filter(c => c.startsWith('basket-api '));
        expect(basket).toEqual(['basket-api -> basketdata : redis', 'basket-api -> identity-api : http', 'basket-api ~> rabbitmq : amqp']);
        expect(commentAbove(text, 'identity-api -> sqldata').join('\n')).toContain('environment variable ConnectionString of identity-api (names sqldata)');
        // The connection string's password stays out of the model.
        expect(text).not.toContain('Pass@word');
        // webmvc names identity-api only in a health-check URL; the IP address it also names is nobody's.
        expect(connections(model).filter(c => c.startsWith('webmvc '))).toEqual(['webmvc -> identity-api : http', 'webmvc -> webshoppingagg : http', 'webmvc -> webshoppingapigw : http']);
    });
});
