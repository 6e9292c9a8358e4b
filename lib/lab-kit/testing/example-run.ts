/**
 * Example recorded runs: a lab's live checks run against its mocked AWS world (the test's
 * responses, shaped like the API reference), recorded in the recorded-run format. They are
 * EXAMPLES, not real runs: the record says so in `example`, and every page that shows one
 * shows that first.
 */
import type { LabDefinition } from '../checks/lab-definition';
import { type ClaimLookup, type LiveRun, runLiveChecks } from '../checks/runner';
import { projectVersion } from '../core/project';
import { redactValue } from '../record/redact';
import { buildRunRecord, type RunRecord } from '../record/run-record';

/** The account id the mocked worlds use (the one AWS's documentation uses in its examples). */
export const EXAMPLE_ACCOUNT = '123456789012';

/** What the example record says of itself. */
export function exampleNote(lab: string, world: string): string {
  return `an example, not a real run: ${lab}'s live checks run against ${world} in its test suite (mocked AWS responses shaped like the API reference, a fake clock); no AWS account was used and nothing was deployed`;
}

/** Runs the lab's live checks in `run` (a fake-clock context of a mocked world) and records them as an example. */
export async function recordExampleRun(lab: LabDefinition, run: LiveRun, claims: ClaimLookup, world: string): Promise<RunRecord> {
  const startedAtMs = run.now();
  const { results, observations } = await runLiveChecks(lab, run, claims);
  const record = buildRunRecord({
    lab: lab.id,
    kitVersion: projectVersion(),
    templateHash: null,
    templateHashError: 'an example: no stack was deployed, so there is no deployed template to hash',
    region: run.aws.region ?? 'us-east-1',
    startedAtMs,
    endedAtMs: run.now(),
    options: run.options,
    observations: JSON.parse(JSON.stringify(observations)),
    results,
  });
  return { ...redactValue(record, EXAMPLE_ACCOUNT), redaction: { account: 'redacted' }, example: exampleNote(lab.id, world) };
}
