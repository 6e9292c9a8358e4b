#!/usr/bin/env node
// `npm test`: type-check, jest, then `cdk synth` of every lab with the CloudFormation validation
// and cdk-nag on (an invalid property or an unacknowledged finding fails). Prints the plain line
// `N passed, N failed` last; exits non-zero when anything failed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const bin = (name) => join('node_modules', '.bin', name);
let passed = 0;
let failed = 0;

function step(title, command, args, env = {}) {
  console.log(`\n== ${title}: ${command} ${args.join(' ')}`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  console.log(`== ${title}: ${result.status === 0 ? 'ok' : `FAILED (exit ${result.status ?? result.signal})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result.status === 0;
}

// 1. Types.
if (step('typecheck', bin('tsc'), ['--noEmit'])) passed++;
else failed++;

// 2. Unit, template, snapshot and mocked live-check tests.
const results = join(mkdtempSync(join(tmpdir(), 'labs-test-')), 'jest.json');
step('jest', bin('jest'), ['--ci', '--silent', `--json`, `--outputFile=${results}`]);
try {
  const report = JSON.parse(readFileSync(results, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  // A suite that fails to load has no failed test but must fail the run.
  const broken = report.testResults.filter((s) => s.status === 'failed' && s.assertionResults.every((a) => a.status !== 'failed'));
  for (const s of broken) console.log(`suite failed to run: ${s.name}\n${s.message}`);
  failed += broken.length;
  if (report.snapshot?.unchecked > 0 || report.snapshot?.filesRemoved > 0) console.log(`note: ${report.snapshot.unchecked} obsolete snapshot(s)`);
} catch (error) {
  console.log(`jest wrote no results (${error.message})`);
  failed++;
} finally {
  rmSync(join(results, '..'), { recursive: true, force: true });
}

// 3. The real synth, as `labs deploy` runs it: validation findings are errors, cdk-nag on.
const out = mkdtempSync(join(tmpdir(), 'labs-synth-'));
if (step('synth', bin('cdk'), ['synth', '--quiet', '-c', 'labs:nag=true', '--output', out], { CDK_VALIDATION: 'true' })) passed++;
else failed++;
rmSync(out, { recursive: true, force: true });

console.log(`\n${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;
