import { analyze, boolProp } from '../analysis.js';
import { defineRule } from '../define.js';
import { fix, setProperty } from '../fix.js';
import { breadthFirst, pathTo } from '../graph/digraph.js';
import type { Component } from '../../model/arch-model.js';

/** A public-facing CDN without a web application firewall. */
export const cdnMissingWaf = defineRule({
    id: 'cdn-missing-waf',
    area: 'cdn-dns',
    severity: 'warning',
    title: 'A CDN reached from an entry point has no web application firewall.',
    rationale: 'The edge is where hostile traffic arrives first. A WAF there filters injection attempts and bots before they reach origins (Threagile `missing-waf`).',
    fires: 'A CDN is reached by a sync path from an entry point, has no `waf: true`, and no component with `waf: true` lies on the way from the entry point to it.',
    fix: 'Insert `waf: true`.',
    quickFix: ['set-property'],
    examples: {
        invalid: 'client web\ncdn edge { origin: assets  ttl: 1h }\nstorage assets\nweb -> edge : https',
        valid: 'client web\ncdn edge { origin: assets  ttl: 1h  waf: true }\nstorage assets\nweb -> edge : https',
    },
}, (model, { finding }) => {
    const a = analyze(model);
    const hasWaf = (v: number): boolean => {
        const node = a.nodes[v];
        return node.type === 'component' && boolProp(node.properties, 'waf') === true;
    };
    // Reach from entry points without passing a WAF.
    const reach = breadthFirst(a.sync, a.entries.map(e => a.index.get(e.id)!), v => !hasWaf(v));
    return model.components
        .filter(c => c.kind === 'cdn' && !c.hasUnresolvedReferences && boolProp(c.properties, 'waf') !== true && reach.distance[a.index.get(c.id)!] >= 0)
        .map((cdn: Component) => {
            const path = pathTo(reach, a.index.get(cdn.id)!).map(v => a.nodes[v].id);
            return finding(cdn.nameLocation,
                `The CDN '${cdn.id}' is reachable from '${path[0]}' with no web application firewall in front of it; set waf: true.`,
                { elements: [cdn.id], related: a.relatedPath(path), fixes: [fix('Insert waf: true', setProperty(cdn, 'waf', 'true'))] });
        });
});
