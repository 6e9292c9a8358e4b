/**
 * I30 on a throwaway stack: one custom resource whose ServiceToken is the lab's provider function,
 * which never answers Create, with a ServiceTimeout of {@link LAB_SERVICE_TIMEOUT_S} seconds.
 *
 * The run times the resource from its CREATE_IN_PROGRESS event to its CREATE_FAILED event
 * (DescribeStackEvents, every page), and reads the provider's log for the requests CloudFormation
 * sent it (the ResponseURL's scheme, host and signature). The stack rolls back (the provider answers
 * the rollback's Delete) and is deleted in `finally`.
 */
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { observationsOf } from '../../lib/lab-kit/checks/lab-definition';
import { OUTPUTS } from './outputs';
import { LAB_SERVICE_TIMEOUT_S, silentCustomResourceTemplate } from './templates';
import { type Cleanup, deleteThrowaway, newRunId, POLL_MS, type RecordedEvent, type Run, runTags, SETTLE_MAX_MS, stackEvents, stackName, tagParameters, waitSettled } from './throwaway';

const observe = observationsOf(OUTPUTS);

/**
 * Prefix of the line the provider logs per request (`SilentCustomResourceProvider.REQUEST_LOG_PREFIX`).
 * Repeated here so observation code never loads the construct (and aws-cdk-lib); a test holds them equal.
 */
export const REQUEST_LOG_PREFIX = 'LABREQUEST';

/**
 * How long the run waits for the provider's log of the Create request after the stack settled. The
 * lab's patience, not a documented figure: a line not found by then makes the I30 checks
 * inconclusive (a precondition), never failed.
 */
export const LOG_WAIT_MS = 60_000;

/** One request the provider logged. */
export interface ProviderRequest {
  readonly requestType: string;
  readonly logicalResourceId?: string;
  readonly resourceType?: string;
  readonly responseUrl: { readonly protocol: string; readonly host: string; readonly presigned: boolean };
  /** When the line was logged (CloudWatch timestamp, ISO 8601). */
  readonly at: string;
}

export interface CustomResourceObservation {
  readonly runId: string;
  readonly stack: string;
  readonly serviceToken: string;
  readonly serviceTimeoutSeconds: number;
  /** The stack's status when the create settled (ROLLBACK_COMPLETE expected), or when the lab stopped waiting. */
  readonly finalStatus: string;
  /** Set when the stack was still in progress after the lab's patience (ServiceTimeout + {@link SETTLE_MAX_MS}): seconds waited. */
  readonly gaveUpAfterS?: number;
  /** The custom resource's events, oldest first. */
  readonly events: readonly RecordedEvent[];
  /** Seconds from its first CREATE_IN_PROGRESS to its CREATE_FAILED event, when both were seen. */
  readonly secondsToFailed?: number;
  readonly failedReason?: string;
  /** The requests the provider logged for this stack. */
  readonly requests: readonly ProviderRequest[];
  /**
   * Where the log search started: the Timestamp of the stack's first event (its CREATE_IN_PROGRESS),
   * on AWS's clock, ISO 8601; the epoch when no event was read. Never the laptop's clock.
   */
  readonly logSearchFrom: string;
  /** Seconds the run waited for the Create request's log line after the stack settled ({@link LOG_WAIT_MS} at most). */
  readonly logWaitS: number;
  readonly cleanup: Cleanup;
}

/** The provider's request lines for one stack in log events. */
export function parseRequests(events: readonly { message?: string; timestamp?: number }[], stackId: string): ProviderRequest[] {
  const prefix = `${REQUEST_LOG_PREFIX} `;
  const out: ProviderRequest[] = [];
  for (const e of events) {
    const i = (e.message ?? '').indexOf(prefix);
    if (i < 0) continue;
    try {
      const j = JSON.parse((e.message ?? '').slice(i + prefix.length).trim());
      if (j?.stackId !== stackId) continue;
      out.push({ requestType: String(j.requestType), logicalResourceId: j.logicalResourceId, resourceType: j.resourceType, responseUrl: { protocol: String(j.responseUrl?.protocol), host: String(j.responseUrl?.host), presigned: j.responseUrl?.presigned === true }, at: new Date(e.timestamp ?? 0).toISOString() });
    } catch {
      // not one of ours
    }
  }
  return out.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

async function readRequests(logs: CloudWatchLogsClient, logGroupName: string, stackId: string, startTime: number): Promise<ProviderRequest[]> {
  const { paginateFilterLogEvents } = await import('@aws-sdk/client-cloudwatch-logs');
  const events: { message?: string; timestamp?: number }[] = [];
  for await (const page of paginateFilterLogEvents({ client: logs }, { logGroupName, startTime, filterPattern: `"${REQUEST_LOG_PREFIX}"` })) events.push(...(page.events ?? []));
  return parseRequests(events, stackId);
}

/**
 * Where to start FilterLogEvents: the earliest Timestamp among the stack's events, which
 * CloudFormation stamps on AWS's clock before it invokes the provider. FilterLogEvents compares
 * `startTime` (epoch milliseconds) with the log events' own timestamps, also AWS's clock
 * ("FilterLogEvents", Amazon CloudWatch Logs API Reference,
 * https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_FilterLogEvents.html),
 * so a skewed laptop clock cannot move the window. 0 (every event of the group) when none was read.
 */
export function logSearchStart(stackEvents: readonly RecordedEvent[]): number {
  const times = stackEvents.map((e) => Date.parse(e.at)).filter((t) => Number.isFinite(t) && t > 0);
  return times.length ? Math.min(...times) : 0;
}

/** Seconds between a resource's first CREATE_IN_PROGRESS and its CREATE_FAILED event. */
export function createToFailed(events: readonly RecordedEvent[]): { seconds?: number; reason?: string } {
  const start = events.find((e) => e.status === 'CREATE_IN_PROGRESS');
  const failed = events.find((e) => e.status === 'CREATE_FAILED');
  if (!start || !failed) return { reason: failed?.reason };
  return { seconds: (Date.parse(failed.at) - Date.parse(start.at)) / 1000, reason: failed.reason };
}

export async function observeCustomResource(ctx: Run, cfn: CloudFormationClient, logs: CloudWatchLogsClient, outputs: { ProviderFunctionArn: string; ProviderLogGroupName: string }): Promise<CustomResourceObservation> {
  const { CreateStackCommand } = await import('@aws-sdk/client-cloudformation');
  const runId = newRunId(ctx);
  const name = stackName(ctx.labId, 'silent', runId);
  let stackId: string | undefined;
  let result: Omit<CustomResourceObservation, 'cleanup'> | undefined;
  let cleanup: Cleanup | undefined;
  try {
    ctx.progress(`creating ${name}: a custom resource whose provider never answers Create (ServiceTimeout ${LAB_SERVICE_TIMEOUT_S} s)`);
    stackId = (
      await cfn.send(
        new CreateStackCommand({
          StackName: name,
          TemplateBody: JSON.stringify(silentCustomResourceTemplate(LAB_SERVICE_TIMEOUT_S)),
          Parameters: [...tagParameters(ctx.labId, runId), { ParameterKey: 'ProviderArn', ParameterValue: outputs.ProviderFunctionArn }],
          Tags: runTags(ctx.labId, runId),
        }),
      )
    ).StackId;
    // The lab's patience, not a documented figure: a resource still creating after it is inconclusive, and deleted.
    const end = await waitSettled(ctx, cfn, stackId ?? name, `waiting for ${name}'s custom resource to time out`, LAB_SERVICE_TIMEOUT_S * 1000 + SETTLE_MAX_MS, { giveUp: true });
    const all = await stackEvents(cfn, stackId ?? name);
    const events = all.filter((e) => e.logicalResourceId === 'Silent');
    const { seconds, reason } = createToFailed(events);
    // AWS's clock, never the laptop's; the lines are also filtered to this stack's ARN (parseRequests).
    const from = logSearchStart(all);
    let requests = await readRequests(logs, outputs.ProviderLogGroupName, stackId ?? '', from);
    const logStart = ctx.now();
    while (!requests.some((r) => r.requestType === 'Create') && ctx.now() - logStart < LOG_WAIT_MS) {
      ctx.progress(`waiting for the provider's log of the Create request (${Math.round((ctx.now() - logStart) / 1000)} s)`);
      await ctx.sleep(POLL_MS);
      requests = await readRequests(logs, outputs.ProviderLogGroupName, stackId ?? '', from);
    }
    const logWaitS = Math.round((ctx.now() - logStart) / 1000);
    result = { runId, stack: name, serviceToken: outputs.ProviderFunctionArn, serviceTimeoutSeconds: LAB_SERVICE_TIMEOUT_S, finalStatus: end.status, gaveUpAfterS: end.gaveUp ? end.seconds : undefined, events, secondsToFailed: seconds, failedReason: reason, requests, logSearchFrom: new Date(from).toISOString(), logWaitS };
  } finally {
    cleanup = await deleteThrowaway(ctx, cfn, name, stackId);
  }
  return { ...result!, cleanup };
}

/** I30: the silent custom resource's timeout, observed once per run. */
export const customResource = observe({
  name: 'custom-resource',
  outputs: ['ProviderFunctionArn', 'ProviderLogGroupName'],
  observe: async (ctx) => {
    const { CloudFormationClient } = await import('@aws-sdk/client-cloudformation');
    const { CloudWatchLogsClient } = await import('@aws-sdk/client-cloudwatch-logs');
    return observeCustomResource(ctx, new CloudFormationClient(ctx.aws), new CloudWatchLogsClient(ctx.aws), ctx.outputs);
  },
});
