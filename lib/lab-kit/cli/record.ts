/**
 * `labs check <lab> --record[=<dir>]`: the run written as one JSON file (see `record/run-record.ts`),
 * with the account id and ARNs' account fields redacted unless `--keep-account`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AwsClientConfig } from '../core/aws-config';
import { EXIT, UserError } from '../core/errors';
import { projectVersion } from '../core/project';
import { redactValue } from '../record/redact';
import { buildRunRecord, type RunFacts, type RunRecord } from '../record/run-record';
import { deployedTemplateHash } from '../record/template-hash';
import type { OptionSpec } from './args';

/** Where runs go without a directory: beside the outputs files, gitignored. */
export const DEFAULT_RUNS_DIR = path.join('.labs', 'runs');

export const RECORD_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  record: {
    type: 'string',
    optionalValue: true,
    value: '<dir>',
    description: `live: write the run (raw observations, outcomes, figures, timings) to one JSON file in <dir> (default ${DEFAULT_RUNS_DIR}), the account id and ARNs' account fields redacted; judge it again later with labs report <file>`,
  },
  'keep-account': { type: 'boolean', description: 'with --record: keep the account id and the account fields of ARNs in the file (redacted by default)' },
};

/** What a live run hands over to be recorded: the run's facts, where it ran, and as which account (to redact). */
export interface FinishedRun extends Omit<RunFacts, 'kitVersion' | 'templateHash' | 'templateHashError'> {
  readonly aws: AwsClientConfig;
  readonly account: string;
}

/** The record of a run, redacted unless `keepAccount`. */
export async function runRecordOf(run: FinishedRun, keepAccount: boolean, hash = deployedTemplateHash): Promise<RunRecord> {
  const template = await hash(run.aws, run.lab);
  const record = buildRunRecord({ ...run, kitVersion: projectVersion(), templateHash: template.hash, templateHashError: template.error });
  return keepAccount ? record : { ...redactValue(record, run.account), redaction: { account: 'redacted' } };
}

/** `sqs-dead-letter-queue-2026-12-02T13-45-07Z.json`: sorts by time, no colon (Windows). */
export function runFileName(lab: string, atMs: number): string {
  return `${lab}-${new Date(atMs).toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/:/g, '-')}.json`;
}

/**
 * Writes the record into `dir` (made when missing) and returns the file's path.
 *
 * @throws UserError when the directory cannot be made or written (a file in the way, no rights)
 */
export function writeRunRecord(record: RunRecord, dir: string, atMs: number): string {
  const file = path.join(dir, runFileName(record.lab, atMs));
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`);
  } catch (error) {
    throw new UserError(`--record: could not write ${file}: ${(error as Error).message}`, EXIT.checkError);
  }
  return file;
}

/** The line that says where the run went and what was left out of it. */
export function recordedLine(file: string, record: RunRecord): string {
  return record.redaction.account === 'redacted'
    ? `recorded the run in ${file} (account id and the account field of every ARN redacted; --keep-account keeps them). Judge it again: npx labs report ${file}`
    : `recorded the run in ${file} (account id KEPT, as --keep-account asked: share it with care). Judge it again: npx labs report ${file}`;
}
