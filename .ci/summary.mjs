// Adds up the vitest and Playwright results in a test log into one "N passed, N failed" line.
import { readFileSync } from 'node:fs';

const text = readFileSync(process.argv[2], 'utf8').replace(/\x1b\[[0-9;]*m/g, '');
let passed = 0;
let failed = 0;
let skipped = 0;
for (const line of text.split('\n')) {
  const body = line.replace(/^@tessera\/[\w-]+:test:\s*/, '');
  const vitest = /^\s*Tests\s+(.*)\(\d+\)\s*$/.exec(body);
  if (vitest) {
    for (const [, n, kind] of vitest[1].matchAll(/(\d+) (passed|failed|skipped)/g)) {
      if (kind === 'passed') passed += Number(n);
      else if (kind === 'failed') failed += Number(n);
      else skipped += Number(n);
    }
    continue;
  }
  const playwright = /^\s*(\d+) (passed|failed|flaky|skipped)( \([\d.]+m?s\))?\s*$/.exec(body);
  if (playwright) {
    const n = Number(playwright[1]);
    if (playwright[2] === 'passed') passed += n;
    else if (playwright[2] === 'failed') failed += n;
    else if (playwright[2] === 'skipped') skipped += n;
    else passed += n;
  }
}
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
// A runner that reports failures must fail the run, whatever its exit code said.
if (failed > 0) process.exitCode = 1;
