/**
 * For fixes that give a channel its first subscriber: a subscribed channel needs a dead-letter
 * channel (`consumer-without-dlq`), so such a fix also sets `deadLetter: true` on the broker when
 * neither the channel nor its broker has one.
 */
import type { ArchModel, Channel, Component } from '../../model/arch-model.js';
import { boolProp } from '../analysis.js';
import { setProperty, type FixChange } from '../fix.js';

/** `deadLetter: true` on the broker, when a subscriber of the channel (or of a new channel of the broker) would need it. */
export function deadLetterFor(model: ArchModel, broker: Component, channel?: Channel): FixChange[] {
    if (boolProp(broker.properties, 'deadLetter') === true) return [];
    if (channel && boolProp(channel.properties, 'deadLetter') === true) return [];
    return [setProperty(broker, 'deadLetter', 'true')];
}
