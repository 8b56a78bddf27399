#!/usr/bin/env node
// Prints the closing `N passed, N failed` line from vitest's JSON report plus the extra checks
// (type check, lint) that .ci/run ran before the tests.
import { existsSync, readFileSync } from 'node:fs';

const [reportPath, ...checks] = process.argv.slice(2);
let passed = 0;
let failed = 0;
for (const check of checks) {
  const [name, status] = check.split('=');
  if (status === '0') passed += 1;
  else {
    failed += 1;
    console.log(`check failed: ${name}`);
  }
}
if (reportPath && existsSync(reportPath)) {
  const report = JSON.parse(readFileSync(reportPath, 'utf8'));
  passed += report.numPassedTests ?? 0;
  failed += (report.numFailedTests ?? 0) + (report.numTodoTests ?? 0) * 0;
  // A suite that failed to load counts as a failure even though it ran no test.
  for (const suite of report.testResults ?? []) {
    if (suite.status === 'failed' && (suite.assertionResults ?? []).length === 0) {
      failed += 1;
      console.log(`suite failed to run: ${suite.name}`);
    }
  }
  const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  if (skipped > 0) console.log(`note: ${skipped} tests skipped`);
} else {
  failed += 1;
  console.log('no test report was written');
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
