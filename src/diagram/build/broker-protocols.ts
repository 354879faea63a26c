/**
 * The protocol every message through a broker shares. When all the view's async connections
 * into and out of a broker (its topics, queues, or the broker itself) name one protocol, the
 * broker says it once (`amqp` among its facts) and its edges leave it out of their labels:
 * thirty `amqp` labels around an event bus say nothing the broker does not.
 */
import type { ArchModel } from '../../model/arch-model.js';
import type { ViewSelection } from '../view-selection.js';

/** Fewer connections than this keep their protocol on the edge (nothing to repeat). */
const MIN_CONNECTIONS = 3;

/** Broker id → the one protocol of its connections in the view, for brokers that have one. */
export function sharedBrokerProtocols(model: ArchModel, selection: ViewSelection): Map<string, string> {
    const protocols = new Map<string, Set<string | undefined>>();
    const counts = new Map<string, number>();
    for (const { connection } of selection.connections) {
        if (connection.style !== 'async') continue;
        for (const end of [connection.source, connection.target]) {
            const broker = brokerOf(model, end);
            if (broker === undefined) continue;
            const set = protocols.get(broker) ?? new Set();
            set.add(connection.protocol);
            protocols.set(broker, set);
            counts.set(broker, (counts.get(broker) ?? 0) + 1);
        }
    }
    const shared = new Map<string, string>();
    for (const [broker, set] of protocols) {
        const [protocol] = set;
        if (set.size === 1 && protocol !== undefined && (counts.get(broker) ?? 0) >= MIN_CONNECTIONS) shared.set(broker, protocol);
    }
    return shared;
}

/** The broker an element is or belongs to (a channel's broker), if any. */
export function brokerOf(model: ArchModel, id: string): string | undefined {
    const element = model.elements.get(id);
    if (element?.type === 'channel') return element.broker;
    return element?.type === 'component' && element.kind === 'broker' ? id : undefined;
}
