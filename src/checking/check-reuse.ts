/**
 * Reusing a check result across edits that change no rule input: a keystroke in a label, a
 * comment or white space moves text but leaves what the rules read unchanged. Each file's
 * changed stretch is found by comparing its old and new text (common prefix and suffix); places
 * before it stay, places after it move with it. When the new model says what the previous one
 * said (everything but the display labels of elements, which no rule reads) with every place
 * exactly where moving the old one puts it, the previous findings are the new ones, their
 * places moved the same way.
 *
 * When the models differ only in the values of some properties (a timeout, a replica count),
 * the rules that do not read any of those properties (`src/rules/rule-reads.ts`) keep their
 * findings, places moved, and only the others run again. Otherwise — other content, a place the
 * parser put elsewhere, other settings — the model is checked afresh; a rule whose finding sits
 * inside the changed stretch runs again.
 */
import type { ArchModel, Finding, PropertyMap, PropertyValue, SourceLocation } from '../model/arch-model.js';
import type { CheckResult, SuppressedFinding } from '../rules/engine.js';
import { NAMES, REFERENCES, ruleReads } from '../rules/rule-reads.js';

/** The derived indexes of `ArchModel`: rebuilt from the lists, so not compared. */
const DERIVED = new Set(['elements', 'outgoing', 'incoming']);

function isLocation(value: object): value is SourceLocation {
    const v = value as Partial<SourceLocation>;
    return typeof v.uri === 'string' && typeof v.range === 'object' && v.range !== null && 'start' in v.range;
}

/** True for a model element (component, zone, channel): its `label` is display text no rule reads. */
function isElement(value: object): boolean {
    const type = (value as { type?: unknown }).type;
    return (type === 'component' || type === 'zone' || type === 'channel') && 'nameLocation' in value;
}

/**
 * True when `b` says what `a` says, but for element labels, with every place of `a` moved
 * through the text changes (`shifts`): a place that does not land exactly where `b` has it
 * (the parser recovered differently near the change, a file that is no model file moved) fails.
 * With `changed`, the properties of elements, connections and flows may differ: the names of
 * those that do are added to it instead.
 */
function sameContent(a: unknown, b: unknown, shifts: ReadonlyMap<string, TextShift>, changed?: Set<string>): boolean {
    if (a === b) return true;
    if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
    if (Array.isArray(a)) {
        if (!Array.isArray(b) || a.length !== b.length) return false;
        for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && !sameContent(a[i], b[i], shifts, changed)) return false;
        return true;
    }
    if (a instanceof Map) {
        if (!(b instanceof Map) || a.size !== b.size) return false;
        const bs = b.entries();
        for (const [key, value] of a) {
            const next = bs.next().value as [unknown, unknown];
            if (next[0] !== key || !sameContent(value, next[1], shifts, changed)) return false;
        }
        return true;
    }
    if (isLocation(a)) return isLocation(b) && movesTo(a, b, shifts);
    const element = isElement(a);
    let count = 0;
    for (const key in a) {
        count++;
        if (element && key === 'label') continue;
        const x = (a as Record<string, unknown>)[key], y = (b as Record<string, unknown>)[key];
        // Most fields are equal strings, numbers and flags: no call for them.
        if (x === y) continue;
        if (changed && key === 'properties' && x instanceof Map && y instanceof Map) {
            changedProperties(x, y, shifts, changed);
            continue;
        }
        if (!sameContent(x, y, shifts, changed)) return false;
    }
    for (const _ in b) count--;
    return count === 0;
}

/**
 * Adds to `changed` the names of the properties that `a` and `b` do not both have with the same
 * value (places moved), plus `#names` when one has a property the other has not and
 * `#references` when a changed value refers to an element (see `rule-reads.ts`).
 */
function changedProperties(a: PropertyMap, b: PropertyMap, shifts: ReadonlyMap<string, TextShift>, changed: Set<string>): void {
    // Inside a value, everything must match: a changed block (`auth: { … }`) counts as its top-level name.
    for (const [name, property] of a) {
        const other = b.get(name);
        if (sameContent(property, other, shifts)) continue;
        changed.add(name);
        if (!other) changed.add(NAMES);
        if (refersToElement(property.value) || (other && refersToElement(other.value))) changed.add(REFERENCES);
    }
    for (const [name, property] of b) {
        if (a.has(name)) continue;
        changed.add(name).add(NAMES);
        if (refersToElement(property.value)) changed.add(REFERENCES);
    }
}

/** True when a property value is or holds a reference to an element. */
function refersToElement(value: PropertyValue): boolean {
    if (value.type === 'reference') return true;
    if (value.type === 'list') return value.items.some(refersToElement);
    if (value.type === 'mode' || value.type === 'block') for (const p of value.properties.values()) if (refersToElement(p.value)) return true;
    return false;
}

/** True when the place `a`, moved through its file's text change, is `b`. */
function movesTo(a: SourceLocation, b: SourceLocation, shifts: ReadonlyMap<string, TextShift>): boolean {
    if (a.uri !== b.uri) return false;
    const shift = shifts.get(a.uri);
    let x: SourceLocation;
    try {
        x = shift ? movePlace(a, shift) : a;
    } catch (error) {
        if (error instanceof Unmovable) return false;
        throw error;
    }
    const r = x.range, q = b.range;
    return r.start.line === q.start.line && r.start.character === q.start.character && r.end.line === q.end.line && r.end.character === q.end.character;
}

/** True when `b` is model `a` after the text changes `shifts`: the same content, every place moved with the text. */
export function sameModelContent(a: ArchModel, b: ArchModel, shifts: ReadonlyMap<string, TextShift> = new Map()): boolean {
    return changedPropertiesOf(a, b, shifts, false)?.size === 0;
}

/**
 * The names of the properties whose values differ between model `a` and model `b` (after the
 * text changes `shifts`), when nothing else differs; undefined when something else does. With
 * `properties` false, any difference counts as "something else".
 */
export function changedPropertiesOf(a: ArchModel, b: ArchModel, shifts: ReadonlyMap<string, TextShift>, properties = true): Set<string> | undefined {
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return undefined;
    const changed = properties ? new Set<string>() : undefined;
    // The declarations around a change first: an edit that changes content mostly changes them, and the walk ends early.
    for (const key of keys) {
        const x = (a as unknown as Record<string, unknown>)[key], y = (b as unknown as Record<string, unknown>)[key];
        if (DERIVED.has(key) || !Array.isArray(x) || !Array.isArray(y) || x.length !== y.length) continue;
        for (let i = 0; i < x.length; i++) if (touchesChange(x[i], shifts) && !sameContent(x[i], y[i], shifts, changed)) return undefined;
    }
    for (const key of keys) {
        if (DERIVED.has(key)) continue;
        if (!sameContent((a as unknown as Record<string, unknown>)[key], (b as unknown as Record<string, unknown>)[key], shifts, changed)) return undefined;
    }
    return changed ?? new Set();
}

/** True for a declaration (anything with a `location`) whose lines include a changed stretch. */
function touchesChange(item: unknown, shifts: ReadonlyMap<string, TextShift>): boolean {
    const location = (item as { location?: unknown } | null)?.location;
    if (typeof location !== 'object' || location === null || !isLocation(location)) return false;
    const shift = shifts.get(location.uri);
    return shift !== undefined && location.range.start.line <= shift.lastLine && location.range.end.line >= shift.firstLine;
}

/** Offsets of the starts of a text's lines. */
function lineStarts(text: string): number[] {
    const starts = [0];
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts;
}

/** How one file's places move: the changed stretch `[from, oldTo)` of the old text became `[from, oldTo + delta)`. */
export interface TextShift {
    from: number;
    oldTo: number;
    delta: number;
    oldStarts: number[];
    newStarts: number[];
    newLength: number;
    /** Lines of the old text the stretch touches: places on other lines move by whole lines (`lineDelta`). */
    firstLine: number;
    lastLine: number;
    lineDelta: number;
}

/** The changed stretch between two texts, or undefined when they are equal. */
function textShift(before: string, after: string): TextShift | undefined {
    if (before === after) return undefined;
    const shortest = Math.min(before.length, after.length);
    let prefix = 0;
    while (prefix < shortest && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
    let suffix = 0;
    while (suffix < shortest - prefix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
    const oldStarts = lineStarts(before);
    const newStarts = lineStarts(after);
    const oldTo = before.length - suffix;
    return {
        from: prefix, oldTo, delta: after.length - before.length, oldStarts, newStarts, newLength: after.length,
        firstLine: positionOf(oldStarts, prefix).line, lastLine: positionOf(oldStarts, oldTo).line, lineDelta: newStarts.length - oldStarts.length,
    };
}

/** Signals a place inside a changed stretch: it cannot be moved. */
class Unmovable extends Error {}

function offsetOf(starts: number[], position: { line: number; character: number }): number {
    return (starts[position.line] ?? Number.NaN) + position.character;
}

function positionOf(starts: number[], offset: number): { line: number; character: number } {
    let lo = 0, hi = starts.length - 1;
    while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid] <= offset) lo = mid;
        else hi = mid - 1;
    }
    return { line: lo, character: offset - starts[lo] };
}

/** A place moved through its file's text change; throws `Unmovable` for one inside the changed stretch. */
function movePlace(location: SourceLocation, shift: TextShift): SourceLocation {
    const { start: s, end: e } = location.range;
    // Wholly before the changed lines: unchanged; wholly after them: moved by whole lines.
    if (e.line < shift.firstLine) return location;
    if (s.line > shift.lastLine) {
        return shift.lineDelta === 0 ? location : { uri: location.uri, range: { start: { line: s.line + shift.lineDelta, character: s.character }, end: { line: e.line + shift.lineDelta, character: e.character } } };
    }
    const start = offsetOf(shift.oldStarts, location.range.start);
    const end = offsetOf(shift.oldStarts, location.range.end);
    if (Number.isNaN(start) || Number.isNaN(end)) throw new Unmovable();
    // A start at the stretch's start moves with an insertion there; an end at it stays.
    const newStart = start < shift.from ? start : start >= shift.oldTo && (start > shift.from || shift.oldTo === shift.from) ? start + shift.delta : Number.NaN;
    const newEnd = end <= shift.from ? end : end >= shift.oldTo ? end + shift.delta : Number.NaN;
    if (Number.isNaN(newStart) || Number.isNaN(newEnd) || newEnd > shift.newLength) throw new Unmovable();
    return { uri: location.uri, range: { start: positionOf(shift.newStarts, newStart), end: positionOf(shift.newStarts, newEnd) } };
}

/** `value` with every place moved through the text changes of its file: a copy where a place moved, else `value` itself. */
function moved<T>(value: T, shifts: ReadonlyMap<string, TextShift>): T {
    if (value === null || typeof value !== 'object') return value;
    if (isLocation(value)) {
        const shift = shifts.get(value.uri);
        return (shift ? movePlace(value, shift) : value) as T;
    }
    if (Array.isArray(value)) {
        let copy: unknown[] | undefined;
        for (let i = 0; i < value.length; i++) {
            const item = moved(value[i], shifts);
            if (item !== value[i]) (copy ??= value.slice())[i] = item;
        }
        return (copy ?? value) as T;
    }
    let copy: Record<string, unknown> | undefined;
    for (const k in value) {
        const v = (value as Record<string, unknown>)[k];
        const item = moved(v, shifts);
        if (item !== v) (copy ??= { ...(value as Record<string, unknown>) })[k] = item;
    }
    return (copy ?? value) as T;
}

/** What a check needs to be reused: the model, the settings it ran under, the texts of its files, the result. */
export interface ReusableCheck {
    model: ArchModel;
    /** The rule settings and assumptions, as JSON. */
    settings: string;
    /** Text of each of the model's files when it was built. */
    texts: ReadonlyMap<string, string>;
    result: CheckResult;
    /**
     * Each rule's findings as it returned them, at the places of an earlier text: moving them
     * through `pending`, in order, puts them where `texts` has them (a check reused whole moves
     * only its result; the rules' findings are moved when a later edit needs them).
     */
    byRule: ReadonlyMap<string, readonly Finding[]>;
    pending: readonly ReadonlyMap<string, TextShift>[];
}

/** How a check can reuse the previous one. */
export type CheckReuse =
    /** Nothing a rule reads changed: the previous result, places moved. */
    | { kind: 'whole'; result: CheckResult; shifts: ReadonlyMap<string, TextShift> }
    /** Only the values of the properties `changed`: `findingsOf` gives the findings of a rule that reads none of them, moved (undefined: run it). */
    | { kind: 'rules'; changed: ReadonlySet<string>; shifts: ReadonlyMap<string, TextShift>; findingsOf: (ruleId: string) => Finding[] | undefined };

/** How many text changes a rule's findings are kept unmoved through (each check reused whole adds one) before `settle` moves them. */
export const MAX_PENDING = 8;

/** A rule's findings moved through `steps` in order; throws `Unmovable` when one sits inside a changed stretch. */
function movedThrough(findings: readonly Finding[], steps: readonly ReadonlyMap<string, TextShift>[]): Finding[] {
    let list = findings;
    for (const step of steps) list = movedList(list, step);
    return list as Finding[];
}

/**
 * Findings moved through one text change: the list itself when no place in it moves (an edit
 * within a line leaves every place off its lines where it was), which is decided from the
 * lines of the list's places (`placeLines`) without walking the findings again.
 */
export function movedList<T extends object>(list: readonly T[], shifts: ReadonlyMap<string, TextShift>): readonly T[] {
    if (shifts.size === 0) return list;
    if (moveControl.neverMove || !placesMove(placeLines(list), shifts)) {
        moveControl.unmovedLists++;
        return list;
    }
    return list.map(item => moved(item, shifts));
}

/**
 * For the keystroke test: how many finding lists were kept as they were (the fast path taken),
 * and its control, `neverMove`, which keeps every list unmoved, the wrong shortcut that test must
 * catch. Never set outside tests.
 */
export const moveControl = { neverMove: false, unmovedLists: 0 };

/** Each place's file, first line and last line, for lists whose places were read (see `placeLines`). */
interface PlaceLines {
    uris: string[];
    lines: Int32Array;
}

const placeLinesOf = new WeakMap<object, PlaceLines>();

/** The places of a list of findings (every place `moved` would move), read once per list. */
function placeLines(list: readonly object[]): PlaceLines {
    let known = placeLinesOf.get(list);
    if (known) return known;
    const places: SourceLocation[] = [];
    for (const item of list) collectPlaces(item, places);
    const lines = new Int32Array(places.length * 2);
    places.forEach((place, i) => {
        lines[2 * i] = place.range.start.line;
        lines[2 * i + 1] = place.range.end.line;
    });
    known = { uris: places.map(place => place.uri), lines };
    placeLinesOf.set(list, known);
    return known;
}

/** Collects the places in `value` as `moved` finds them. */
function collectPlaces(value: unknown, places: SourceLocation[]): void {
    if (value === null || typeof value !== 'object') return;
    if (isLocation(value)) places.push(value);
    else if (Array.isArray(value)) for (const item of value) collectPlaces(item, places);
    else for (const k in value) collectPlaces((value as Record<string, unknown>)[k], places);
}

/** True when a text change moves one of the places (or one sits inside the changed stretch). */
function placesMove({ uris, lines }: PlaceLines, shifts: ReadonlyMap<string, TextShift>): boolean {
    for (let i = 0; i < uris.length; i++) {
        const shift = shifts.get(uris[i]);
        // As `movePlace`: a place ending before the changed lines stays; one starting after them moves by whole lines.
        if (shift && lines[2 * i + 1] >= shift.firstLine && (lines[2 * i] <= shift.lastLine || shift.lineDelta !== 0)) return true;
    }
    return false;
}

/** Every rule's findings moved through `steps`: the rules with a finding inside a changed stretch are left out (they run again next time). */
export function settle(byRule: ReadonlyMap<string, readonly Finding[]>, steps: readonly ReadonlyMap<string, TextShift>[]): Map<string, readonly Finding[]> {
    const result = new Map<string, readonly Finding[]>();
    for (const [ruleId, findings] of byRule) {
        try {
            result.set(ruleId, movedThrough(findings, steps));
        } catch (error) {
            if (!(error instanceof Unmovable)) throw error;
        }
    }
    return result;
}

/**
 * How the previous check can be reused for `next` (a model of the same files, built from
 * `texts` under `settings`), or undefined when the model says something else than property
 * values, the settings differ or a file's text is unknown: then every rule runs.
 */
export function reuseCheck(previous: ReusableCheck, next: Omit<ReusableCheck, 'result' | 'byRule' | 'pending'>): CheckReuse | undefined {
    if (previous.settings !== next.settings || previous.texts.size !== next.texts.size) return undefined;
    const shifts = new Map<string, TextShift>();
    for (const [uri, text] of next.texts) {
        const before = previous.texts.get(uri);
        if (before === undefined) return undefined;
        const shift = textShift(before, text);
        if (shift) shifts.set(uri, shift);
    }
    const changed = changedPropertiesOf(previous.model, next.model, shifts);
    if (!changed) return undefined;
    const steps = [...previous.pending, shifts];
    const findingsOf = (ruleId: string): Finding[] | undefined => {
        const reads = ruleReads(ruleId);
        const findings = previous.byRule.get(ruleId);
        if (!reads || !findings || reads.some(name => changed.has(name))) return undefined;
        try {
            return movedThrough(findings, steps);
        } catch (error) {
            if (error instanceof Unmovable) return undefined;
            throw error;
        }
    };
    if (changed.size > 0) return { kind: 'rules', changed, shifts, findingsOf };
    try {
        const findings = movedList(previous.result.findings, shifts) as Finding[];
        const suppressed = movedList(previous.result.suppressed, shifts) as SuppressedFinding[];
        return { kind: 'whole', result: { findings, suppressed }, shifts };
    } catch (error) {
        if (error instanceof Unmovable) return { kind: 'rules', changed, shifts, findingsOf };
        throw error;
    }
}
