/**
 * "Did you mean …?" suggestions: the closest candidate by edit distance.
 */

/** Optimal-string-alignment distance (Levenshtein plus adjacent transpositions). */
export function editDistance(a: string, b: string): number {
    if (a === b) return 0;
    const rows = a.length + 1;
    const cols = b.length + 1;
    const d: number[][] = Array.from({ length: rows }, (_, i) => {
        const row = new Array<number>(cols).fill(0);
        row[0] = i;
        return row;
    });
    for (let j = 0; j < cols; j++) d[0][j] = j;
    for (let i = 1; i < rows; i++) {
        for (let j = 1; j < cols; j++) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
                d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
            }
        }
    }
    return d[rows - 1][cols - 1];
}

/**
 * The candidate closest to `word`, if it is close enough to be a plausible typo:
 * at most a third of the word's length (at least 1, at most 3) edits away,
 * case-insensitive matches first.
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
    const lower = word.toLowerCase();
    const limit = Math.max(1, Math.min(3, Math.floor(word.length / 3)));
    let best: string | undefined;
    let bestDistance = Infinity;
    for (const candidate of candidates) {
        if (candidate === word) continue;
        const candidateLower = candidate.toLowerCase();
        if (candidateLower === lower) return candidate;
        if (Math.abs(candidate.length - word.length) > limit) continue;
        const distance = editDistance(lower, candidateLower);
        if (distance < bestDistance || (distance === bestDistance && best !== undefined && candidate < best)) {
            best = candidate;
            bestDistance = distance;
        }
    }
    return bestDistance <= limit ? best : undefined;
}

/** ` Did you mean 'x'?` or the empty string. */
export function didYouMean(suggestion: string | undefined): string {
    return suggestion ? ` Did you mean '${suggestion}'?` : '';
}
