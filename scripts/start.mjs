// `npm start`: checks every bundled example with the built CLI, then draws the online shop.
// The examples contain deliberate design problems, so `check` exits 1; that is the product
// working, and this script says so instead of failing.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const cli = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..', 'bin', 'archway.cjs');
const run = (args) => spawnSync(process.execPath, [cli, ...args], { stdio: 'inherit' }).status;

console.log('$ archway check examples');
const checked = run(['check', 'examples']);
if (checked === 2) process.exit(2);
console.log(checked === 1
    ? '\nExit code 1: the examples contain deliberate design problems (each is marked "// expect:" in its file).'
    : '\nExit code 0: no errors.');

console.log('\n$ archway export examples/online-shop/shop.arch -o out/online-shop.svg');
const exported = run(['export', 'examples/online-shop/shop.arch', '-o', 'out/online-shop.svg']);
if (exported === 2) process.exit(2);
console.log('Open out/online-shop.svg in a browser to see the diagram.');
