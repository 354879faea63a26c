/**
 * The numbers of a model: one entry point for rules, hover, the flow view and the CLI. Built
 * once per model and assumptions (cached), computed lazily: asking for one flow's figures
 * computes what that flow needs.
 */
import type { ArchModel, Connection, Flow, View } from '../model/arch-model.js';
import { DEFAULT_ASSUMPTIONS, type NumberAssumptions } from './assumptions.js';
import { admittedRate, type AdmittedRate } from './capacity.js';
import type { ComponentNumbers, ConnectionNumbers } from './elements.js';
import { flowFigures, type FlowFigures } from './flow-figures.js';
import { worstPath, type WorstPath } from './paths.js';
import { retryAmplification, type RetryAmplification } from './retries.js';
import { NumberSource } from './source.js';
import { timeBudget, type TimeBudget } from './timeouts.js';

/** A view's figure: the worst path from its entry points. */
export interface ViewFigures {
    /** The entry point whose worst path is least available, and that path. */
    entry: string;
    path: WorstPath;
}

/** Lazily computed, cached numbers of one model under one set of assumptions. */
export class ModelNumbers {
    readonly source: NumberSource;
    private readonly flows = new Map<Flow, FlowFigures>();

    constructor(readonly model: ArchModel, readonly assumptions: NumberAssumptions) {
        this.source = new NumberSource(model, assumptions);
    }

    /** A component's numbers (a channel's are its broker's). */
    component(id: string): ComponentNumbers | undefined {
        return this.source.component(id);
    }

    connection(connection: Connection): ConnectionNumbers {
        return this.source.connection(connection);
    }

    /** The figures of a flow. */
    flow(flow: Flow): FlowFigures {
        let figures = this.flows.get(flow);
        if (!figures) this.flows.set(flow, figures = flowFigures(this.source, flow));
        return figures;
    }

    /** The worst synchronous path from an element. */
    worstPath(id: string): WorstPath {
        return worstPath(this.source, id);
    }

    /** What a component may spend on one request. */
    timeBudget(id: string): TimeBudget {
        return timeBudget(this.source, id);
    }

    /** The worst retry chain through a connection. */
    retryAmplification(connection: Connection): RetryAmplification {
        return retryAmplification(this.source, connection);
    }

    /** What a gateway or load balancer admits; undefined for other kinds. */
    admittedRate(id: string): AdmittedRate | undefined {
        return admittedRate(this.source, id);
    }

    /**
     * A view's figure: over the entry points it shows (clients and components in public
     * zones), the one whose worst path is least available. Undefined when it shows none.
     */
    view(view: View): ViewFigures | undefined {
        const shown = view.includeAll ? undefined : new Set(view.includes);
        const excluded = new Set(view.excludes);
        let result: ViewFigures | undefined;
        for (const component of this.model.components) {
            if (component.kind !== 'client' && component.trust !== 'public') continue;
            const inView = (shown === undefined || shown.has(component.id) || component.zonePath.some(z => shown.has(z)))
                && !excluded.has(component.id) && !component.zonePath.some(z => excluded.has(z));
            if (!inView) continue;
            const path = this.worstPath(component.id);
            if (!result || path.availability < result.path.availability) result = { entry: component.id, path };
        }
        return result;
    }
}

const cache = new WeakMap<ArchModel, Map<NumberAssumptions, ModelNumbers>>();

/** The numbers of a model under the assumptions (the defaults unless configured). */
export function numbersOf(model: ArchModel, assumptions: NumberAssumptions = DEFAULT_ASSUMPTIONS): ModelNumbers {
    let byAssumptions = cache.get(model);
    if (!byAssumptions) cache.set(model, byAssumptions = new Map());
    let numbers = byAssumptions.get(assumptions);
    if (!numbers) byAssumptions.set(assumptions, numbers = new ModelNumbers(model, assumptions));
    return numbers;
}
