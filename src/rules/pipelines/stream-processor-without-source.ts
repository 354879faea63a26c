import { analyze, refProp } from '../analysis.js';
import { defineRule } from '../define.js';

/** A stream processor with no stream to process. */
export const streamProcessorWithoutSource = defineRule({
    id: 'stream-processor-without-source',
    area: 'pipelines',
    severity: 'error',
    title: 'A stream processor has no input stream.',
    rationale: 'Stream processing consumes an unbounded flow of events from a topic or log. A processor with no incoming stream computes nothing.',
    fires: 'A `stream` has no incoming `~>` from a channel, broker or event store, and no `from:`.',
    fix: 'Subscribe it to a topic.',
    examples: {
        invalid: 'stream fraud "Fraud scoring"',
        valid: 'broker bus {\n  topic payments { external: true }\n  deadLetter: true\n}\nstream fraud "Fraud scoring"\nbus.payments ~> fraud',
    },
}, (model, { finding }) => {
    const a = analyze(model);
    return model.components
        .filter(c => c.kind === 'stream' && !c.hasUnresolvedReferences && refProp(c.properties, 'from').length === 0)
        .filter(c => !a.incoming(c.id).some(x => {
            if (x.style !== 'async') return false;
            const source = model.elements.get(x.source);
            return source?.type === 'channel' || (source?.type === 'component' && (source.kind === 'broker' || source.kind === 'eventstore'));
        }))
        .map(c => finding(c.nameLocation,
            `The stream processor '${c.id}' has no input: nothing streams into it from a topic or event store, and it has no from:.`,
            { elements: [c.id] }));
});
