/**
 * The formulas, on plain numbers: availabilities are fractions (0.999 for 99.9 %), latencies
 * and timeouts milliseconds, rates requests per second. Each is the one the design review does
 * by hand; docs/numbers.md shows them with worked examples and test/numbers/formulas.test.ts
 * checks each against hand-computed cases.
 */

/**
 * Availability of `replicas` independent instances of availability `a`, of which one is
 * enough: the service is down only when all are, `1 − (1 − a)^replicas`.
 */
export function redundantAvailability(a: number, replicas: number): number {
    return 1 - Math.pow(1 - a, Math.max(1, replicas));
}

/** Availability of a synchronous path: every hop must answer, so the product. */
export function serialAvailability(availabilities: readonly number[]): number {
    return availabilities.reduce((product, a) => product * a, 1);
}

/**
 * Availability through a CDN: the edge must answer; a hit (share `hitRatio`) needs nothing
 * more, a miss needs the origin path too: `edge × (hit + (1 − hit) × origin)`.
 */
export function cdnAvailability(edge: number, hitRatio: number, origin: number): number {
    return edge * (hitRatio + (1 - hitRatio) * origin);
}

/** Latency of calls made one after another: the sum. */
export function sequentialLatency(latencies: readonly number[]): number {
    return latencies.reduce((sum, l) => sum + l, 0);
}

/** Latency of calls made in parallel (a gateway's composition): the slowest branch. */
export function parallelLatency(latencies: readonly number[]): number {
    return latencies.reduce((max, l) => Math.max(max, l), 0);
}

/**
 * Expected latency through a CDN: a hit costs the edge alone, a miss the edge and the origin
 * path, so `edge + (1 − hit) × origin`.
 */
export function cdnLatency(edge: number, hitRatio: number, origin: number): number {
    return edge + (1 - hitRatio) * origin;
}

/** How many times a call with `retries` retries is made at worst: `1 + retries`. */
export function attempts(retries: number): number {
    return 1 + Math.max(0, retries);
}

/**
 * Retry amplification along a synchronous chain: each hop multiplies the calls the next one
 * receives when the end of the chain is slow or failing, `∏ (1 + retries)`.
 */
export function retryAmplification(retries: readonly number[]): number {
    return retries.reduce((product, r) => product * attempts(r), 1);
}

/** The longest a caller spends on a call with a timeout: every attempt runs into it, `(1 + retries) × timeout`. */
export function worstCallTime(timeout: number, retries: number): number {
    return attempts(retries) * timeout;
}

/** What `replicas` instances serve together: `capacity × replicas`. */
export function servedRate(capacity: number, replicas: number): number {
    return capacity * Math.max(1, replicas);
}

/** The replicas needed to serve `rate` at `capacity` per instance: `⌈rate / capacity⌉`. */
export function replicasFor(rate: number, capacity: number): number {
    return Math.max(1, Math.ceil(rate / capacity - 1e-9));
}

/** A percentage as a fraction, without binary noise: 99.9 → 0.999 (not 0.9990000000000001). */
export function fractionOf(percent: number): number {
    return Number((percent / 100).toPrecision(15));
}
