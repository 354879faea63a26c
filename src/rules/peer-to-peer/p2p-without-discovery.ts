import { analyze, prop, quotedList, relatedElement } from '../analysis.js';
import { defineRule } from '../define.js';
import { fix, setProperty } from '../fix.js';
import type { Component, Finding } from '../../model/arch-model.js';

/** Peers talking to each other with no way to find each other. */
export const p2pWithoutDiscovery = defineRule({
    id: 'p2p-without-discovery',
    area: 'peer-to-peer',
    severity: 'warning',
    title: 'Connected peers have no discovery mechanism.',
    rationale: 'Peers come and go; hard-wired addresses break as soon as one moves. Peer-to-peer systems need discovery (bootstrap nodes, a tracker, a DHT, mDNS).',
    fires: 'Two or more `peer`s are connected to each other and none of the connected group declares `discovery`. One diagnostic per connected group, on its first peer.',
    fix: 'Insert `discovery: dht`.',
    quickFix: ['set-property'],
    examples: {
        invalid: 'peer a\npeer b\na -> b : tls',
        valid: 'peer a { discovery: dht }\npeer b { discovery: dht }\na -> b : tls',
    },
}, (model, { finding }) => {
    const a = analyze(model);
    const peers = model.components.filter(c => c.kind === 'peer');
    const parent = new Map(peers.map(p => [p.id, p.id] as const));
    const find = (x: string): string => {
        let root = x;
        while (parent.get(root) !== root) root = parent.get(root)!;
        while (parent.get(x) !== root) { const next = parent.get(x)!; parent.set(x, root); x = next; }
        return root;
    };
    const linked = new Set<string>();
    for (const p of peers) {
        for (const c of a.outgoing(p.id)) {
            if (!parent.has(c.target) || c.target === p.id) continue;
            parent.set(find(p.id), find(c.target));
            linked.add(p.id);
            linked.add(c.target);
        }
    }
    const groups = new Map<string, Component[]>();
    for (const p of peers) if (linked.has(p.id)) groups.set(find(p.id), [...(groups.get(find(p.id)) ?? []), p]);
    const result: Finding[] = [];
    for (const group of groups.values()) {
        if (group.some(p => prop(p.properties, 'discovery') !== undefined || p.hasUnresolvedReferences)) continue;
        result.push(finding(group[0].nameLocation,
            `The peers ${quotedList(group.map(p => p.id))} connect to each other but none declares discovery; set discovery: (dht, tracker, bootstrap, mdns).`,
            { elements: group.map(p => p.id), related: group.slice(1).map(p => relatedElement(p, `'${p.id}' is in the same peer group.`)), fixes: [fix('Insert discovery: dht', setProperty(group[0], 'discovery', 'dht'))] }));
    }
    return result;
});
