/** The unit the edge builders pass around: connections that one edge will draw. */
import type { Connection } from '../../model/arch-model.js';

/** One edge to be: the connections it draws, between two drawn nodes. */
export interface EdgeGroup {
    from: string;
    to: string;
    aggregated: boolean;
    connections: Connection[];
    /** Boxes of the zone `from` whose calls this edge draws (see `zone-callers.ts`). */
    callers?: string[];
    /** The label every one of the callers' calls has (`http · sign in`), when they are twins. */
    twinLabel?: string;
}
