/**
 * Small typed accessors over plain YAML data (what `YamlDocument.value` holds), so the format
 * readers say what they expect instead of casting.
 */

export type YamlObject = Readonly<Record<string, unknown>>;

export function isObject(value: unknown): value is YamlObject {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function objectAt(value: unknown, key: string): YamlObject | undefined {
    const child = isObject(value) ? value[key] : undefined;
    return isObject(child) ? child : undefined;
}

export function arrayAt(value: unknown, key: string): unknown[] {
    const child = isObject(value) ? value[key] : undefined;
    return Array.isArray(child) ? child : [];
}

/** A scalar as text (numbers and booleans too, as YAML authors often leave them unquoted). */
export function textOf(value: unknown): string | undefined {
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    return undefined;
}

export function textAt(value: unknown, key: string): string | undefined {
    return isObject(value) ? textOf(value[key]) : undefined;
}

/** A whole number ≥ 0 at `key`, `undefined` when absent, `NaN` when present but not one. */
export function countAt(value: unknown, key: string): number | undefined {
    if (!isObject(value) || value[key] === undefined || value[key] === null) return undefined;
    const raw = value[key];
    const number = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d+$/.test(raw.trim()) ? Number(raw) : NaN;
    return Number.isInteger(number) && number >= 0 ? number : NaN;
}

/** True when a text holds a template expression (`{{ .Values.x }}`), i.e. the file was not rendered. */
export function isTemplated(text: string | undefined): boolean {
    return text !== undefined && text.includes('{{');
}
