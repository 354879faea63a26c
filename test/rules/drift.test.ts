/**
 * The drift rules: matching by id and `deployedAs`, replicas, exposure, options, `@allow`;
 * and the round trip: a model imported from deployment files has no drift against them.
 */
import { join } from 'node:path';
import { EmptyFileSystem } from 'langium';
import { describe, expect, it } from 'vitest';
import { readDeploymentFiles, type DeploymentFormat } from '../../src/import/index.js';
import { readDeploymentSources } from '../../src/import/drift-source.js';
import { writeArch } from '../../src/interop/import/deployment-to-arch.js';
import { formatArchText } from '../../src/format/format-text.js';
import { createArchwayCoreServices } from '../../src/language/archway-module.js';
import { checkModel } from '../../src/rules/engine.js';
import type { Finding } from '../../src/model/arch-model.js';
import { modelOf, ruleTester, withDeployment, type CaseDeployment } from './rule-tester.js';

const DRIFT = ['drift-undeclared-workload', 'drift-missing-workload', 'drift-replicas', 'drift-exposure'];

async function drift(arch: string, format: DeploymentFormat, yaml: string, settings = {}): Promise<Finding[]> {
    const model = withDeployment(await modelOf(arch), format, yaml);
    return checkModel(model, settings).findings.filter(f => DRIFT.includes(f.code));
}

const brief = (findings: Finding[]) => findings.map(f => `${f.code} ${f.elements.join(',')}@${f.location.range.start.line + 1}`);

const KUBE = `apiVersion: apps/v1
kind: Deployment
metadata: { name: orders, namespace: shop }
spec:
  replicas: 3
  template: { metadata: { labels: { app: orders } }, spec: { containers: [{ name: o, image: example/orders }] } }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: orders, namespace: staging }
spec:
  template: { metadata: { labels: { app: orders } }, spec: { containers: [{ name: o, image: example/orders }] } }
---
apiVersion: apps/v1
kind: DaemonSet
metadata: { name: agent, namespace: ops }
spec:
  template: { spec: { containers: [{ name: a, image: example/agent }] } }
---
apiVersion: v1
kind: Service
metadata: { name: orders-public, namespace: shop }
spec: { type: LoadBalancer, selector: { app: orders }, ports: [{ name: https, port: 443 }] }
`;

describe('drift rules', () => {
    it('report nothing for a model without deployment files', async () => {
        const model = await modelOf('service orders\nservice lost');
        expect(checkModel(model).findings.filter(f => DRIFT.includes(f.code))).toEqual([]);
    });

    it('match by id, preferring the workload in the namespace of the component\'s zone; report the rest', async () => {
        const arch = `zone staging { trust: private
  service orders
}
service agent
service lost
client web`;
        const findings = await drift(arch, 'kubernetes', KUBE);
        expect(brief(findings)).toEqual([
            'drift-undeclared-workload @1',
            'drift-missing-workload lost@5',
        ]);
        expect(findings[0].message).toBe("The Deployment 'shop/orders' (deploy/k8s.yaml:1) runs, but no component of the model runs as it; declare it (`archway import` writes it for you), or set deployedAs: \"shop/orders\" on the component that does.");
        expect(findings[0].related[0].location.uri).toBe('file:///deploy/k8s.yaml');
    });

    it('deployedAs names a workload by name or namespace/name; clients and external components are never missing', async () => {
        const arch = `zone public { trust: public
  service front { deployedAs: "shop/orders"  replicas: 3 }
}
service stage { deployedAs: "staging/orders" }
service agent
client web
external psp "Payment provider"
service mail { external: true }`;
        expect(brief(await drift(arch, 'kubernetes', KUBE))).toEqual([]);
    });

    it('compare replicas (1 when absent; none for a DaemonSet) and exposure both ways', async () => {
        const arch = `zone shop { trust: private
  service orders { replicas: 2 }
}
zone staging { trust: public
  service stage { deployedAs: "staging/orders"  replicas: 1 }
}
service agent { replicas: 5 }`;
        const findings = await drift(arch, 'kubernetes', KUBE);
        expect(brief(findings)).toEqual(['drift-exposure orders@2', 'drift-replicas orders@2', 'drift-exposure stage@5']);
        expect(findings.map(f => f.message)).toEqual([
            "The service 'orders' is reachable from outside in the deployment (Service orders-public (type LoadBalancer)), but not in the model; show the entry point that reaches it, or stop exposing the Deployment 'shop/orders' (deploy/k8s.yaml:1).",
            "The service 'orders' declares 2 replicas, but the Deployment 'shop/orders' (deploy/k8s.yaml:1) runs 3.",
            "The service 'stage' is reachable from outside in the model (its trust is public), but nothing exposes the Deployment 'staging/orders' (deploy/k8s.yaml:8); correct the model, or expose the workload.",
        ]);
    });

    it('are configurable: severity, off, and the ignore option of drift-undeclared-workload', async () => {
        const arch = 'client web';
        const yaml = 'services:\n  orders: { image: example/orders }\n  jaeger: { image: jaegertracing/all-in-one }\n  jaeger-agent: { image: jaegertracing/agent }\n';
        expect((await drift(arch, 'compose', yaml)).map(f => f.message.split(' (')[0])).toEqual([
            "The Compose service 'orders'", "The Compose service 'jaeger'", "The Compose service 'jaeger-agent'",
        ]);
        const ignored = await drift(arch, 'compose', yaml, { 'drift-undeclared-workload': { severity: 'error', options: { ignore: 'jaeger*' } } });
        expect(ignored.map(f => [f.severity, f.related[0]?.message])).toEqual([['error', "The Compose service 'orders' is declared here."]]);
        expect(await drift(arch, 'compose', yaml, { 'drift-undeclared-workload': { severity: 'off' } })).toEqual([]);
    });

    it('can be allowed: on the component, and on the namespace zone for undeclared workloads', async () => {
        const arch = `@allow(drift-undeclared-workload, "the shop namespace also runs jobs we do not model")
zone shop { trust: private }
@allow(drift-missing-workload, "planned for next quarter")
service lost
service agent
zone staging { trust: private
  service orders { replicas: 1 }
}`;
        const model = withDeployment(await modelOf(arch), 'kubernetes', KUBE);
        const result = checkModel(model);
        expect(result.findings.filter(f => DRIFT.includes(f.code))).toEqual([]);
        expect(result.suppressed.map(s => s.finding.code).sort()).toEqual(['drift-missing-workload', 'drift-undeclared-workload']);
    });
});

describe('round trip: import, then check drift against the same files', () => {
    const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'deploy');
    const { Archway } = createArchwayCoreServices(EmptyFileSystem);
    const cases: [string, DeploymentFormat, string[]][] = [
        ['Online Boutique', 'kubernetes', ['online-boutique']],
        ['Sock Shop', 'kubernetes', ['sock-shop']],
        ['Kubernetes documentation workloads', 'kubernetes', ['k8s-docs']],
        ['voting app', 'compose', ['voting-app/docker-compose.yml']],
        ['eShopOnContainers', 'compose', ['eshop/docker-compose.yml', 'eshop/docker-compose.override.yml']],
    ];
    for (const [name, format, paths] of cases) {
        it(`${name}: no drift`, async () => {
            const { system } = readDeploymentFiles(format, paths.map(p => join(FIXTURES, p)));
            const { text } = formatArchText(writeArch(system, { sources: paths }).text, Archway);
            const { deployment, problems } = readDeploymentSources({ base: FIXTURES, kubernetes: format === 'kubernetes' ? paths : [], compose: format === 'compose' ? paths : [] });
            expect(problems).toEqual([]);
            expect(deployment.workloads.length).toBe(system.workloads.length);
            const model = { ...(await modelOf(text)), deployment };
            expect(checkModel(model).findings.filter(f => DRIFT.includes(f.code)).map(f => f.message)).toEqual([]);
        });
    }
});

const COMPOSE: CaseDeployment = {
    format: 'compose',
    text: 'services:\n  api:\n    image: example/api\n    deploy: { replicas: 2 }\n    ports: ["443:8443"]\n  db:\n    image: postgres:16\n  debug:\n    image: example/debug\n    ports: ["127.0.0.1:9229:9229"]\n',
};
const ALL = 'client web\nservice api { replicas: 2 }\ndatabase db\nservice debug\nweb -> api : https\napi -> db : sql+tls\napi -> debug : https { timeout: 1s }';

ruleTester('drift-undeclared-workload', {
    valid: [{ name: 'every service is a component', code: ALL, deployment: COMPOSE }],
    invalid: [{
        name: 'a Compose service nobody declared', code: ALL.replace('service debug\n', '').replace('\napi -> debug : https { timeout: 1s }', ''), deployment: COMPOSE,
        leaves: ['orphan-component'], // the declared service is not connected yet
        errors: [{
            message: "The Compose service 'debug' (deploy/docker-compose.yml:8) runs, but no component of the model runs as it; declare it (`archway import` writes it for you), or set deployedAs: \"debug\" on the component that does.", line: 1, column: 1,
            fixes: ["Declare service 'debug' for the Compose service 'debug'"],
        }],
        output: `${ALL.replace('service debug\n', '').replace('\napi -> debug : https { timeout: 1s }', '')}\nservice debug { replicas: 1 }\n`,
    }, {
        name: 'a Deployment of a namespace the model draws as a zone: declared in the zone, with its replicas; deployedAs when the id is taken',
        leaves: ['orphan-component'], // the declared service is not connected yet
        code: 'zone shop {\n  service orders { replicas: 3 }\n}\nservice worker { deployedAs: "ops/agent" }\nzone staging {\n  service stage\n}',
        deployment: { format: 'kubernetes', text: KUBE.replace('name: orders, namespace: staging', 'name: worker, namespace: staging') },
        errors: [{ line: 5, text: 'staging', fixes: ["Declare service 'worker2' for the Deployment 'staging/worker'"] }],
        output: 'zone shop {\n  service orders { replicas: 3 }\n}\nservice worker { deployedAs: "ops/agent" }\nzone staging {\n  service stage\n  service worker2 {\n    replicas: 1\n    deployedAs: "staging/worker"\n  }\n}',
    }],
});

ruleTester('drift-missing-workload', {
    valid: [{ name: 'a renamed component with deployedAs', code: ALL.replaceAll('debug', 'tracer').replace('service tracer', 'service tracer { deployedAs: "debug" }'), deployment: COMPOSE }],
    invalid: [{
        name: 'a component the files do not run', code: `${ALL}\nservice billing\napi -> billing : https { timeout: 1s }`, deployment: COMPOSE,
        errors: [{
            message: "The service 'billing' runs as no workload of the deployment (/deploy/docker-compose.yml); set deployedAs if it runs under another name, mark it external: true if it runs elsewhere, or remove it.", line: 8, text: 'billing',
            fixes: ['Mark it external: true (it runs elsewhere)'],
        }],
        output: `${ALL}\nservice billing { external: true }\napi -> billing : https { timeout: 1s }`,
    }, {
        name: 'a component deployed under another name: the unmatched workload named closest is offered',
        code: `${ALL.replace('service debug', 'service debugger').replace('api -> debug ', 'api -> debugger ')}`, deployment: COMPOSE,
        errors: [{ line: 4, text: 'debugger', fixes: ['Set deployedAs: "debug" (the Compose service no component runs as)', 'Mark it external: true (it runs elsewhere)'] }],
        output: ALL.replace('service debug', 'service debugger { deployedAs: "debug" }').replace('api -> debug ', 'api -> debugger '),
    }],
});

ruleTester('drift-replicas', {
    valid: [{ name: 'the same replicas; the default 1 for a service without deploy.replicas', code: ALL, deployment: COMPOSE }],
    invalid: [{
        name: 'more replicas in the model', code: ALL.replace('service api { replicas: 2 }', 'service api { replicas: 4 }'), deployment: COMPOSE,
        errors: [{ message: "The service 'api' declares 4 replicas, but the Compose service 'api' (deploy/docker-compose.yml:2) runs 2.", line: 2, text: 'replicas: 4' }],
        output: ALL,
    }, {
        name: 'a component without replicas: 1 by default',
        leaves: ['replicas-without-load-balancer'], // the replicas fix does not balance the calls yet
        code: ALL.replace('service api { replicas: 2 }', 'service api'), deployment: COMPOSE,
        errors: [{ message: "The service 'api' declares 1 replica (by default), but the Compose service 'api' (deploy/docker-compose.yml:2) runs 2.", line: 2, text: 'api', fixes: ["Set replicas: 2 (as the Compose service 'api' runs)"] }],
        output: ALL,
    }],
});

ruleTester('drift-exposure', {
    valid: [{ name: 'a published port and a public caller; a port bound to 127.0.0.1 is not exposed', code: ALL, deployment: COMPOSE }],
    invalid: [{
        name: 'a published port the model keeps private', code: ALL.replace('web -> api : https', 'web -> db : sql+tls'), deployment: COMPOSE,
        errors: [
            { message: /^The service 'api' is reachable from outside in the deployment \(published port "443:8443" of api\), but not in the model/, line: 2 },
            { message: /^The database 'db' is reachable from outside in the model \('web' \(public\) calls it\), but nothing exposes/, line: 3 },
        ],
        output: null,
    }],
});
