/**
 * Zones (collapsed or open) that call each other in a long chain (a ring of domains, each calling the
 * next) drew as a staircase: a layered layout puts every box of a chain in a layer of its own,
 * so 25 collapsed domains made 25 layers, a 5,000 × 6,000 px picture, and thousands of
 * layout dummies that cost ELK seconds to order. Such peers are put into a few bands instead:
 * no two boxes of one band are joined by an edge, and every edge between peers points from
 * the lower band to the higher one (laid out forward; an edge against the model's direction is
 * drawn with its arrowhead at the other end, as every feedback edge is). The 25 domains of the
 * generated 600-component model take 4 bands.
 *
 * Bands are a greedy colouring of the peers' graph in the container's layout order, so they
 * are deterministic and follow the calls where the calls allow it. Only peers (collapsed zones)
 * are banded, and only when no other box lies on a path from one peer to another: then the
 * boxes before the peers stay before them and the boxes after them after, and the layout
 * graph stays acyclic.
 */

/** A chain of more collapsed zones than this, one calling the next, is banded. */
export const PEER_CHAIN_LIMIT = 6;

/** A super-edge between two children of one container: from, to, weight. */
type LevelEdge = readonly [string, string, number];

/**
 * The band of every peer of one container, or undefined when its peers are not banded: their
 * longest chain (in the container's order `position`) is at most `PEER_CHAIN_LIMIT`, banding
 * would not shorten it, or another child lies between two peers.
 */
export function peerBands(
    children: readonly string[], edges: readonly LevelEdge[], position: ReadonlyMap<string, number>, isPeer: (id: string) => boolean,
): Map<string, number> | undefined {
    const peers = children.filter(isPeer).sort((a, b) => position.get(a)! - position.get(b)!);
    if (peers.length <= PEER_CHAIN_LIMIT) return undefined;
    const peerSet = new Set(peers);
    const neighbours = new Map<string, Set<string>>(peers.map(id => [id, new Set()]));
    const forward = new Map<string, string[]>(children.map(id => [id, []]));
    const backward = new Map<string, string[]>(children.map(id => [id, []]));
    for (const [from, to] of edges) {
        if (from === to || !forward.has(from) || !forward.has(to)) continue;
        if (peerSet.has(from) && peerSet.has(to)) {
            neighbours.get(from)!.add(to);
            neighbours.get(to)!.add(from);
        }
        const [a, b] = position.get(from)! < position.get(to)! ? [from, to] : [to, from];
        forward.get(a)!.push(b);
        backward.get(b)!.push(a);
    }
    if (longestPeerChain(peers, forward, peerSet) <= PEER_CHAIN_LIMIT) return undefined;
    if (othersBetweenPeers(peers, forward, backward, peerSet)) return undefined;
    const bands = new Map<string, number>();
    for (const id of peers) {
        const taken = new Set<number>();
        for (const other of neighbours.get(id)!) {
            const band = bands.get(other);
            if (band !== undefined) taken.add(band);
        }
        let band = 0;
        while (taken.has(band)) band++;
        bands.set(id, band);
    }
    const count = Math.max(...bands.values()) + 1;
    return count < longestPeerChain(peers, forward, peerSet) ? bands : undefined;
}

/** The most peers on one forward path that runs from peer to peer (peers in `position` order). */
function longestPeerChain(peers: readonly string[], forward: ReadonlyMap<string, string[]>, peerSet: ReadonlySet<string>): number {
    const chain = new Map<string, number>();
    let longest = 0;
    for (const id of peers) {
        const length = chain.get(id) ?? 1;
        longest = Math.max(longest, length);
        for (const next of forward.get(id)!) {
            if (peerSet.has(next)) chain.set(next, Math.max(chain.get(next) ?? 1, length + 1));
        }
    }
    return longest;
}

/** True when some other child is reached from a peer and reaches a peer (forward edges). */
function othersBetweenPeers(
    peers: readonly string[], forward: ReadonlyMap<string, string[]>, backward: ReadonlyMap<string, string[]>, peerSet: ReadonlySet<string>,
): boolean {
    const reach = (links: ReadonlyMap<string, string[]>): Set<string> => {
        const seen = new Set<string>();
        const stack = peers.flatMap(id => links.get(id)!.filter(next => !peerSet.has(next)));
        while (stack.length > 0) {
            const id = stack.pop()!;
            if (seen.has(id)) continue;
            seen.add(id);
            for (const next of links.get(id)!) if (!peerSet.has(next)) stack.push(next);
        }
        return seen;
    };
    const after = reach(forward);
    for (const id of reach(backward)) if (after.has(id)) return true;
    return false;
}
