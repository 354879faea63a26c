/**
 * Small helpers of the benchmark: timing, statistics, memory probes and table output.
 */
import { readFileSync } from 'node:fs';

/** Median, min and max of a series of samples. */
export interface Stat {
    median: number;
    min: number;
    max: number;
    /** Number of samples. */
    runs: number;
}

/** Statistics of `samples` (which must not be empty). */
export function stat(samples: readonly number[]): Stat {
    const sorted = [...samples].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    const median = sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    return { median, min: sorted[0], max: sorted[sorted.length - 1], runs: sorted.length };
}

/** Milliseconds since an arbitrary origin, sub-millisecond precision. */
export function now(): number {
    return Number(process.hrtime.bigint()) / 1e6;
}

/** Times a synchronous call, in milliseconds. */
export function timeSync<T>(fn: () => T): [T, number] {
    const start = now();
    const result = fn();
    return [result, now() - start];
}

/** Times an asynchronous call, in milliseconds. */
export async function timeAsync<T>(fn: () => Promise<T>): Promise<[T, number]> {
    const start = now();
    const result = await fn();
    return [result, now() - start];
}

/** A field of `/proc/<pid>/status` in megabytes (`VmRSS`, `VmHWM`), or undefined off Linux. */
export function procMemoryMb(pid: number | 'self', field: 'VmRSS' | 'VmHWM'): number | undefined {
    try {
        const status = readFileSync(`/proc/${pid}/status`, 'utf8');
        const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
        return match ? Number(match[1]) / 1024 : undefined;
    } catch {
        return undefined;
    }
}

/** One measured quantity at one size. */
export interface Row {
    /** Section number (1–5) of the benchmark. */
    section: number;
    /** What was measured (`check wall`, `parse`, `edit → diagnostics`, …). */
    measure: string;
    /** Model size in components (or view size for diagrams). */
    size: number;
    /** Number of files the model was split into. */
    files: number;
    unit: 'ms' | 'MB' | 'KB' | 'B' | 'x';
    stat: Stat;
    note?: string;
}

function format(value: number, unit: Row['unit']): string {
    if (unit === 'x') return value.toFixed(2) + '×';
    if (unit === 'MB' || unit === 'KB' || unit === 'B') return value.toFixed(0);
    return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
}

/** A fixed-width text table of rows: measure, size, files, median, min, max, runs. */
export function renderTable(rows: readonly Row[]): string {
    const header = ['§', 'measure', 'size', 'files', 'median', 'min', 'max', 'unit', 'runs', 'note'];
    const lines = rows.map(r => [
        String(r.section), r.measure, String(r.size), String(r.files),
        format(r.stat.median, r.unit), format(r.stat.min, r.unit), format(r.stat.max, r.unit), r.unit, String(r.stat.runs), r.note ?? '',
    ]);
    const widths = header.map((h, i) => Math.max(h.length, ...lines.map(l => l[i].length)));
    const right = new Set([2, 3, 4, 5, 6, 8]);
    const pad = (cells: string[]) => cells.map((c, i) => right.has(i) ? c.padStart(widths[i]) : c.padEnd(widths[i])).join('  ').trimEnd();
    return [pad(header), widths.map(w => '-'.repeat(w)).join('  '), ...lines.map(pad)].join('\n');
}

/** The same rows as a Markdown table (for PERFORMANCE.md). */
export function renderMarkdown(rows: readonly Row[]): string {
    const out = ['| § | measure | size | files | median | min | max | unit | runs | note |', '|---|---|--:|--:|--:|--:|--:|---|--:|---|'];
    for (const r of rows) {
        out.push(`| ${r.section} | ${r.measure} | ${r.size} | ${r.files} | ${format(r.stat.median, r.unit)} | ${format(r.stat.min, r.unit)} | ${format(r.stat.max, r.unit)} | ${r.unit} | ${r.stat.runs} | ${r.note ?? ''} |`);
    }
    return out.join('\n');
}

/** User + system CPU time of a process so far in milliseconds (`/proc/<pid>/stat`), or undefined off Linux. */
export function procCpuMs(pid: number): number | undefined {
    try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        // Fields after the command name (which may contain spaces) start after the last ')'.
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15)
        return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
    } catch {
        return undefined;
    }
}
