// Long local fuzzing: every fuzz property with many more runs than CI.
// Usage: npm run fuzz [-- RUNS [SEED]]   (defaults: 1000 runs per property, the CI seeds)
import { spawnSync } from 'node:child_process';

const [runs = '1000', seed] = process.argv.slice(2);
const env = { ...process.env, ARCHWAY_FUZZ_RUNS: runs };
if (seed) env.ARCHWAY_FUZZ_SEED = seed;
console.log(`archway fuzz: ${runs} runs per property${seed ? `, base seed ${seed}` : ''}`);
const result = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', 'test/robustness/fuzz.test.ts', '--testTimeout=0'], {
    env, stdio: 'inherit',
});
process.exit(result.status ?? 1);
