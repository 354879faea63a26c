/**
 * Fix intents: what a quick fix changes in the model, said in model terms (set a property,
 * point a connection elsewhere, declare a component…), not as text edits. A rule attaches them
 * to its findings (`Finding.fixes`); the editor turns each change into text edits against the
 * syntax tree. They stay on the server: a diagnostic does not carry them, the code-action
 * provider looks its finding up (`lsp/code-actions.ts`). Plain JSON; no Langium or LSP type
 * here, and no import: `arch-model.ts` imports this file.
 */

/** A place in a file: the model's `SourceLocation` (zero-based, end-exclusive LSP positions). */
export interface FixLocation {
    uri: string;
    range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

/** What a change applies to: a declared component or channel by id, or the connection or route written at a location. */
export type FixTarget = { element: string } | { connection: FixLocation };

/**
 * Where a new declaration goes: before or after the file- or zone-level statement holding a
 * location (the element, connection or flow it is about), else at the end of the file.
 */
export type FixPlacement = { before: FixLocation } | { after: FixLocation };

/** A component a fix declares: `kind id "label" { member… }` (one member inline, several on their own lines). */
export interface NewComponent {
    /** A component kind (`cache`, `broker`…). */
    kind: string;
    id: string;
    label?: string;
    /** Lines of its body as written in `.arch`: properties (`replicas: 2`) or channels (`topic orders`). */
    members: string[];
}

/** One change of a quick fix. */
export type FixChange =
    /** `name: value` on the target, replacing the property when present; `within` names a mode property whose settings block holds it (`auth: jwt { expiry: 15m }`). */
    | { kind: 'set-property'; target: FixTarget; name: string; value: string; within?: string }
    /** The connection's protocol: replaced, or written after its target when it names none. */
    | { kind: 'set-protocol'; connection: FixLocation; protocol: string }
    /** The connection points at another element (`a -> b` becomes `a -> target`). */
    | { kind: 'retarget-connection'; connection: FixLocation; target: string }
    /** The name written at a location becomes `to`: the whole range, or the first `from` in it. */
    | { kind: 'rename'; location: FixLocation; to: string; from?: string }
    /** `route "path" -> target` in a gateway's body. */
    | { kind: 'add-route'; gateway: string; path: string; target: string }
    /** A topic or queue declared in a broker's body. */
    | { kind: 'add-channel'; broker: string; channel: 'topic' | 'queue'; name: string }
    /** A new component declaration. */
    | { kind: 'add-component'; component: NewComponent; placement?: FixPlacement }
    /** A new connection `source -> target : protocol` (or `~>`). */
    | { kind: 'add-connection'; source: string; target: string; style: 'sync' | 'async'; protocol?: string; placement?: FixPlacement }
    /** The element's declaration deleted (with its line when it stands alone). */
    | { kind: 'remove-element'; element: string }
    /** The connection written at a location deleted (with its line and a comment ending it, when it stands alone). */
    | { kind: 'remove-connection'; connection: FixLocation };

export type FixChangeKind = FixChange['kind'];

/** A quick fix as a rule means it: a title for the editor's menu and the changes, applied together. */
export interface FixIntent {
    /** Menu title, a short imperative (`Insert rateLimit: 100/s`). */
    title: string;
    /** Offered as the preferred fix (applied by "auto fix"); true unless the fix is one alternative of several or destructive. */
    preferred: boolean;
    changes: FixChange[];
}
