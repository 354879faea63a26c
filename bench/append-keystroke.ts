/**
 * One keystroke at the end of a big file, as the language server parses it: a new declaration
 * typed character by character after the last one (broken states included), each keystroke
 * parsed incrementally from the previous keystroke's tree, beside a full parse of the same
 * text (what every such keystroke cost before edits at the end of a file took the fast path).
 * Prints medians of CPU (user+sys) and wall milliseconds per keystroke.
 *
 * Run: `node scripts/build.mjs && npx esbuild bench/append-keystroke.ts --bundle --platform=node
 * --format=cjs --outfile=out/bench/append-keystroke.cjs && node out/bench/append-keystroke.cjs 1000 5000`
 */
import { EmptyFileSystem, type AstNode, type ParseResult } from 'langium';
import { reparseIncrementally } from '../src/language/archway-incremental-parser.js';
import { createArchwayCoreServices } from '../src/language/archway-module.js';
import { generateModel } from './generate-model.js';

const parser = createArchwayCoreServices(EmptyFileSystem).Archway.parser.LangiumParser;
const DECLARATION = '\nservice foo "Foo service" {\n  owner: "team-a"\n  replicas: 2\n}\n';

function median(values: number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)];
}

/** Times `run` by CPU and wall clock, in milliseconds. */
function time<T>(run: () => T): { value: T; cpu: number; wall: number } {
    const cpu0 = process.cpuUsage();
    const wall0 = performance.now();
    const value = run();
    const wall = performance.now() - wall0;
    const cpu = process.cpuUsage(cpu0);
    return { value, cpu: (cpu.user + cpu.system) / 1000, wall };
}

for (const size of process.argv.slice(2).map(Number)) {
    const start = generateModel({ components: size })['main.arch'];
    const rounds = size >= 5000 ? 2 : 4;
    const fast = { cpu: [] as number[], wall: [] as number[] };
    const full = { cpu: [] as number[], wall: [] as number[] };
    let fallbacks = 0;
    for (let round = 0; round < rounds; round++) {
        let text = start;
        let previous: ParseResult<AstNode> = parser.parse(text);
        for (let i = 1; i <= DECLARATION.length; i++) {
            const edited = start + DECLARATION.slice(0, i);
            const whole = time(() => parser.parse(edited));
            full.cpu.push(whole.cpu);
            full.wall.push(whole.wall);
            const incremental = time(() => reparseIncrementally(parser, previous, text, edited));
            if (incremental.value) {
                fast.cpu.push(incremental.cpu);
                fast.wall.push(incremental.wall);
            } else {
                fallbacks++;
            }
            text = edited;
            previous = incremental.value ?? whole.value;
        }
    }
    const bytes = Buffer.byteLength(start);
    console.log(`${size} components (${Math.round(bytes / 1024)} KB), ${full.cpu.length} keystrokes: `
        + `full parse ${median(full.cpu).toFixed(2)} ms CPU / ${median(full.wall).toFixed(2)} ms wall; `
        + `incremental ${median(fast.cpu).toFixed(2)} ms CPU / ${median(fast.wall).toFixed(2)} ms wall `
        + `(${fast.cpu.length} on the fast path, ${fallbacks} parsed in full)`);
}
