import { CloudFormationClient, paginateDescribeStacks, type Stack } from '@aws-sdk/client-cloudformation';
import type { AwsClientConfig } from '../core/aws-config';
import { BUDGET_TAG, LAB_TAG } from '../stack/lab-stack';
import { readTtlStart } from '../stack/self-destruct-handler/index.js';
import { parseTtl } from '../stack/ttl';

/** A lab stack found in the account and region. */
export interface DeployedLab {
  readonly id: string;
  readonly status: string;
  /** When its TTL started: when its last operation ended (see the self-destruct handler). */
  readonly since: Date;
  readonly ageSeconds: number;
  readonly ttlSeconds?: number;
  /** The hourly budget the stack was deployed with (its `lab-hourly-budget-usd` tag). */
  readonly budgetUsd?: number;
  /** Seconds until the self-destruct is due; negative when overdue. */
  readonly secondsLeft?: number;
  /**
   * Whether the stack has a CloudFormation service role (DescribeStacks `RoleARN`). Without one,
   * CloudFormation deletes with the self-destruct function's own rights, which cover only
   * DescribeStacks and DeleteStack, so the deletion fails: such a lab must be destroyed by hand.
   */
  readonly selfDestructCanDelete: boolean;
}

/** The self-destruct's timing: due at since + TTL, done at the latest one check interval (and a deletion) later. */
export interface SelfDestructWindow {
  readonly dueAt: Date;
  /** The last moment the function should have started the deletion. */
  readonly startedBy: Date;
}

/** The rate the self-destruct schedule uses for a TTL (see SelfDestruct). */
export function checkEverySeconds(ttlSeconds: number): number {
  return ttlSeconds < 3600 ? 300 : 900;
}

/** When the self-destruct is due, and by when it must have started deleting. */
export function selfDestructWindow(since: Date, ttlSeconds: number): SelfDestructWindow {
  const due = since.getTime() + ttlSeconds * 1000;
  return { dueAt: new Date(due), startedBy: new Date(due + checkEverySeconds(ttlSeconds) * 1000) };
}

function ttlOf(stack: Stack): number | undefined {
  const tag = stack.Tags?.find((t) => t.Key === 'lab-ttl')?.Value;
  const output = stack.Outputs?.find((o) => o.OutputKey === 'LabTtl')?.OutputValue;
  const text = tag ?? output;
  if (!text) return undefined;
  try {
    return parseTtl(text).toSeconds();
  } catch {
    return undefined;
  }
}

/** Is this stack a lab stack: its `lab` tag equals its name (what LabStack sets)? */
function labIdOf(stack: Stack): string | undefined {
  const id = stack.Tags?.find((t) => t.Key === LAB_TAG)?.Value;
  return id && stack.StackName === id ? id : undefined;
}

/**
 * A stack as a deployed lab, or undefined when it is not a lab stack.
 *
 * @param since when its TTL started, as the self-destruct reads it @default the last update, else the creation
 */
export function asDeployedLab(stack: Stack, nowMs: number, since?: Date): DeployedLab | undefined {
  const id = labIdOf(stack);
  if (!id) return undefined;
  since ??= stack.LastUpdatedTime ?? stack.CreationTime ?? new Date(nowMs);
  const ageSeconds = Math.max(0, Math.floor((nowMs - since.getTime()) / 1000));
  const ttlSeconds = ttlOf(stack);
  const budget = Number(stack.Tags?.find((t) => t.Key === BUDGET_TAG)?.Value);
  return {
    id,
    status: stack.StackStatus ?? 'UNKNOWN',
    since,
    ageSeconds,
    ttlSeconds,
    budgetUsd: Number.isFinite(budget) ? budget : undefined,
    secondsLeft: ttlSeconds === undefined ? undefined : ttlSeconds - ageSeconds,
    selfDestructCanDelete: stack.RoleARN !== undefined && stack.RoleARN !== '',
  };
}

/**
 * Every lab stack in the account and region: stacks whose `lab` tag equals their name (what
 * LabStack sets), whatever version of this project deployed them.
 */
export async function listDeployedLabs(aws: AwsClientConfig, nowMs: number): Promise<DeployedLab[]> {
  const cfn = new CloudFormationClient(aws);
  const labs: DeployedLab[] = [];
  for await (const page of paginateDescribeStacks({ client: cfn }, {})) {
    for (const stack of page.Stacks ?? []) {
      if (!labIdOf(stack)) continue;
      // The same reading of the stack's events as the self-destruct function's, so both agree on the time left.
      const since = await readTtlStart(cfn, stack.StackId ?? stack.StackName ?? '', stack);
      const lab = asDeployedLab(stack, nowMs, since);
      if (lab) labs.push(lab);
    }
  }
  return labs.sort((a, b) => a.id.localeCompare(b.id));
}

/** `3h 12m`, `-5m` for overdue. */
export function formatSeconds(seconds: number): string {
  const sign = seconds < 0 ? '-' : '';
  const s = Math.abs(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${sign}${h}h ${m}m` : m > 0 ? `${sign}${m}m` : `${sign}${s % 60}s`;
}
