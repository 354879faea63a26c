/**
 * When the language server dies: restart it, and tell the user, unless it keeps dying — then
 * stop and offer a manual restart. Pure (time is passed in) so it is testable.
 */

/** The decision after the server connection closed. */
export interface CrashDecision {
    restart: boolean;
    message: string;
}

/** Restarts at most `maxRestarts` times within `windowMs`. */
export class CrashPolicy {
    private crashes: number[] = [];

    constructor(private readonly maxRestarts = 4, private readonly windowMs = 3 * 60_000) {}

    /** Records a crash at `now` (ms) and decides. */
    onClosed(now: number): CrashDecision {
        this.crashes = this.crashes.filter(time => now - time < this.windowMs);
        this.crashes.push(now);
        if (this.crashes.length <= this.maxRestarts) {
            return { restart: true, message: `The Archway language server stopped unexpectedly and was restarted (${this.crashes.length} of ${this.maxRestarts}).` };
        }
        return {
            restart: false,
            message: `The Archway language server crashed ${this.crashes.length} times in ${Math.round(this.windowMs / 60_000)} minutes and will not be restarted. See the "Archway" output for details.`,
        };
    }

    /** Forget past crashes (after a manual restart). */
    reset(): void {
        this.crashes = [];
    }
}
