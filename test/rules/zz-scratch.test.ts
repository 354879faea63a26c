import { it } from 'vitest';
import { readFileSync } from 'node:fs';
import { check } from './rule-tester.js';
it('scratch', async () => {
  const file = process.env.ARCH_FILE!;
  const r = await check(readFileSync(file, 'utf8'));
  for (const f of r.findings) console.log(`${f.severity} ${f.code} L${f.location.range.start.line+1}: ${f.message}`);
  for (const s of r.suppressed) console.log(`SUPPRESSED ${s.finding.code}: ${s.allow.reason}`);
});
