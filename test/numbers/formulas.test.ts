/**
 * Each formula of docs/numbers.md against a case computed by hand (the arithmetic is written
 * out in each test's name or comment, so a reviewer can redo it).
 */
import { describe, expect, it } from 'vitest';
import {
    attempts, cdnAvailability, cdnLatency, parallelLatency, redundantAvailability, replicasFor, retryAmplification,
    sequentialLatency, serialAvailability, servedRate, worstCallTime,
} from '../../src/numbers/formulas.js';
import { formatAvailability, formatMilliseconds, formatPercent, formatRate, formatShare } from '../../src/numbers/format.js';

describe('availability', () => {
    it('of one instance is its own: 99.5 %', () => {
        expect(redundantAvailability(0.995, 1)).toBeCloseTo(0.995, 12);
    });
    it('of two redundant instances: 1 − 0.005² = 0.999975', () => {
        expect(redundantAvailability(0.995, 2)).toBeCloseTo(0.999975, 12);
    });
    it('of three redundant instances: 1 − 0.005³ = 0.999999875', () => {
        expect(redundantAvailability(0.995, 3)).toBeCloseTo(0.999999875, 12);
    });
    it('of 99 % twice: 1 − 0.01² = 0.9999', () => {
        expect(redundantAvailability(0.99, 2)).toBeCloseTo(0.9999, 12);
    });
    it('of a synchronous path is the product: 0.9999 × 0.995 × 0.995 = 0.9899259975', () => {
        expect(serialAvailability([0.9999, 0.995, 0.995])).toBeCloseTo(0.9899259975, 12);
    });
    it('of three single instances at 99.5 % cannot reach 99.9 %: 0.995³ = 0.985074875', () => {
        expect(serialAvailability([0.995, 0.995, 0.995])).toBeCloseTo(0.985074875, 12);
        expect(serialAvailability([0.995, 0.995, 0.995])).toBeLessThan(0.999);
    });
    it('of an empty path is 1', () => {
        expect(serialAvailability([])).toBe(1);
    });
    it('through a CDN weighs the origin by the miss ratio: 0.999 × (0.9 + 0.1 × 0.99) = 0.998001', () => {
        expect(cdnAvailability(0.999, 0.9, 0.99)).toBeCloseTo(0.998001, 12);
    });
    it('through a CDN that never hits is the serial path: 0.999 × 0.99 = 0.98901', () => {
        expect(cdnAvailability(0.999, 0, 0.99)).toBeCloseTo(0.98901, 12);
    });
    it('through a CDN that always hits is the edge alone', () => {
        expect(cdnAvailability(0.999, 1, 0.5)).toBeCloseTo(0.999, 12);
    });
});

describe('latency', () => {
    it('of calls one after another is the sum: 5 + 20 + 30 = 55ms', () => {
        expect(sequentialLatency([5, 20, 30])).toBe(55);
    });
    it('of a fan-out is the slowest branch: max(20, 35, 10) = 35ms', () => {
        expect(parallelLatency([20, 35, 10])).toBe(35);
        expect(parallelLatency([])).toBe(0);
    });
    it('through a CDN weighs the miss path: 10 + 0.1 × 200 = 30ms', () => {
        expect(cdnLatency(10, 0.9, 200)).toBeCloseTo(30, 12);
    });
});

describe('retries and timeouts', () => {
    it('a call with 2 retries is made 3 times', () => {
        expect(attempts(2)).toBe(3);
        expect(attempts(0)).toBe(1);
    });
    it('three retries at each of three hops: 4 × 4 × 4 = 64 calls', () => {
        expect(retryAmplification([3, 3, 3])).toBe(64);
    });
    it('hops without retries do not amplify: 1 × 3 × 1 = 3', () => {
        expect(retryAmplification([0, 2, 0])).toBe(3);
        expect(retryAmplification([])).toBe(1);
    });
    it('a call with timeout 2s and 2 retries may take 3 × 2s = 6s', () => {
        expect(worstCallTime(2000, 2)).toBe(6000);
    });
});

describe('capacity', () => {
    it('three instances of 100/s serve 300/s', () => {
        expect(servedRate(100, 3)).toBe(300);
    });
    it('1000/s at 100/s an instance needs 10 instances; 1001/s needs 11; 50/s needs 1', () => {
        expect(replicasFor(1000, 100)).toBe(10);
        expect(replicasFor(1001, 100)).toBe(11);
        expect(replicasFor(50, 100)).toBe(1);
    });
});

describe('numbers in words', () => {
    it('exact availabilities read as written, computed ones truncated with their nines', () => {
        expect([1, 0.995, 0.999975, 0.9995].map(formatAvailability)).toEqual(['100 %', '99.5 %', '99.9975 %', '99.95 %']);
        // 0.995 × 0.9999 = 0.9949005: truncated, never rounded up.
        expect(formatAvailability(0.9949005)).toBe('99.49 %');
        expect(formatAvailability(0.9899259975)).toBe('98.99 %');
        // 0.999999875 = 99.9999875 %: four nines after "99.", so five decimals show them.
        expect(formatAvailability(0.999999875)).toBe('99.99998 %');
        expect(formatAvailability(0.998001)).toBe('99.8001 %');
        expect(formatAvailability(0.99894)).toBe('99.894 %');
    });
    it('a computed figure just below an objective never prints as meeting it', () => {
        expect(formatAvailability(0.99899999)).toBe('99.89 %');
        expect(formatAvailability(0.99999999)).toBe('99.999999 %');
    });
    it('percentages, latencies, rates and shares', () => {
        expect(formatPercent(99.9)).toBe('99.9 %');
        expect([0, 2.5, 20, 999.6, 1000, 1500, 60_000, 90_000].map(formatMilliseconds)).toEqual(['0ms', '2.5ms', '20ms', '1000ms', '1s', '1.5s', '1m', '90s']);
        expect([200, 1000 / 60, 0.5].map(formatRate)).toEqual(['200/s', '1000/min', '30/min']);
        expect(formatRate(1 / 7)).toBe('0.1/s');
        expect([0.9, 0.125].map(formatShare)).toEqual(['90 %', '12.5 %']);
    });
});
