import { describe, expect, it } from 'vitest';
import { generateModel } from '../../bench/generate-model.js';
import { checkModel } from '../../src/rules/engine.js';
import { modelOf } from './rule-tester.js';

// Models of 2,000–20,000 elements: seconds when idle, over a minute on a loaded 2-core machine.
describe('large models', { timeout: 180_000 }, () => {
    it('checks a generated 2,000-component model with every rule on', async () => {
        const model = await modelOf(generateModel({ components: 2000 }));
        const started = performance.now();
        const { findings } = checkModel(model);
        const elapsed = performance.now() - started;
        console.log(`checkModel: ${model.components.length} components, ${model.connections.length} connections, ${findings.length} findings in ${elapsed.toFixed(0)} ms`);
        expect(findings.some(f => f.code === 'sync-cycle')).toBe(true);
    });
    it('finds one cycle in a 20,000-service synchronous ring without running out of stack', async () => {
        const n = 20_000;
        const lines = [...Array.from({ length: n }, (_, i) => `service s${i} { timeout: 1s }`), ...Array.from({ length: n }, (_, i) => `s${i} -> s${(i + 1) % n} : grpcs`)];
        const model = await modelOf(lines.join('\n'));
        const { findings } = checkModel(model);
        expect(findings.filter(f => f.code === 'sync-cycle').length).toBe(1);
    });
    it('reports a 20,000-service chain from a client once, not once per service', async () => {
        const n = 20_000;
        const lines = ['client web', ...Array.from({ length: n }, (_, i) => `service s${i} { timeout: 1s  replicas: 2 }`), 'web -> s0 : https',
            ...Array.from({ length: n - 1 }, (_, i) => `s${i} -> s${i + 1} : grpcs`)];
        const model = await modelOf(lines.join('\n'));
        const { findings } = checkModel(model);
        expect(findings.filter(f => f.code === 'sync-chain-too-deep').length).toBe(1);
    });
});
