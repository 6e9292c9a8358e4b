import * as fs from 'node:fs';
import * as path from 'node:path';
import { DescribeSubnetsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import {
  type DBInstance,
  DescribeDBInstancesCommand,
  DescribeEventsCommand,
  type Event as RdsEvent,
  InvalidDBInstanceStateFault,
  RDSClient,
  RebootDBInstanceCommand,
} from '@aws-sdk/client-rds';
import { mockClient } from 'aws-sdk-client-mock';
import type { Observation } from '../../../lib/lab-kit/checks/lab-definition';
import { runLiveChecks } from '../../../lib/lab-kit/checks/runner';
import { fakeObserveContext, type Judged, judgeLive } from '../../../lib/lab-kit/testing';
import { rdsMultiAzFailover } from '..';
import { BASELINE_SECONDS, baseline, COMPLETION_WAIT_MS, DEFAULT_WINDOW_SECONDS, eventIdOf, failover, INVOKE_MARGIN_SECONDS, parseFailoverEvents, probingDone, RDS_EVENT_MESSAGES } from '../observe';
import { analyzeTimeline } from '../probe-timeline';
import type { ProbeWindow } from '../probe-timeline';
import { expectToMatchFileSnapshot } from '../../../lib/lab-kit/testing/file-snapshot';
import { recordExampleRun } from '../../../lib/lab-kit/testing/example-run';
import { CATALOG } from '../../../catalog';
import { indexClaims } from '../../../lib/lab-kit/catalog/catalog';

const rds = mockClient(RDSClient);
const ec2 = mockClient(EC2Client);
const lambda = mockClient(LambdaClient);

const ID = 'rds-multi-az-failover-databaseinstanceaa8a5fde-x1y2z3';
const ENDPOINT = `${ID}.c9akciq32abc.us-east-1.rds.amazonaws.com`;
const FUNCTION = 'rds-multi-az-failover-ProbeFunctionCA5564E7-AbCdEf123456';
const OUTPUTS = {
  DbInstanceIdentifier: ID,
  DbEndpointAddress: ENDPOINT,
  DbEndpointPort: '5432',
  ProbeFunctionName: FUNCTION,
  ProbeMaxWindowSeconds: '240',
  VpcId: 'vpc-0123456789abcdef0',
  LabTtl: '4h',
};
const SUBNETS = [
  { SubnetId: 'subnet-0a1b2c3d4e5f60001', CidrBlock: '10.30.0.0/24', AvailabilityZone: 'us-east-1a' },
  { SubnetId: 'subnet-0a1b2c3d4e5f60002', CidrBlock: '10.30.1.0/24', AvailabilityZone: 'us-east-1b' },
];
const T = (iso: string) => new Date(`2026-11-23T${iso}Z`);

/**
 * A recorded-format timeline, moved in time so that its first window starts when the check's clock
 * does (12:00:00): the probe's clock and RDS's event dates are both AWS's, so they line up.
 */
function timeline(name: string): ProbeWindow[] {
  const windows: ProbeWindow[] = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', `timeline-${name}.json`), 'utf8'));
  const shift = T('12:00:00').getTime() - windows[0].startedAt;
  return windows.map((w) => ({ ...w, startedAt: w.startedAt + shift, endedAt: w.endedAt + shift, attempts: w.attempts.map((a) => ({ ...a, at: a.at + shift })) }));
}

/** A 5-second window, cut from the recorded timeline without a failover. */
function baselineWindow(): ProbeWindow {
  const [w] = timeline('no-failover');
  return { ...w, requestedSeconds: 5, attempts: w.attempts.slice(0, 5), endedAt: w.attempts[4].at + w.attempts[4].ms };
}

/** A window of `count` tries, once a second from `from`, every one answered at 10.30.0.87. */
function allUp(from: Date, count: number): ProbeWindow {
  const [w] = timeline('no-failover');
  const model = w.attempts[0];
  const attempts = Array.from({ length: count }, (_, i) => ({ ...model, seq: i + 1, at: from.getTime() + i * 1000, address: '10.30.0.87' }));
  return { ...w, startedAt: from.getTime(), endedAt: attempts[count - 1].at + model.ms, attempts };
}

/**
 * A window of tries once a second from `from`, one per character of `pattern`: `.` answered at the
 * old primary's address (10.30.0.87, us-east-1a), `,` answered at the standby's (10.30.1.143,
 * us-east-1b), `X` a connect timeout at the old address, `x` a connect refused at the new one. The
 * shape is the handler's (see the recorded fixtures).
 */
function probeWindow(from: Date, pattern: string): ProbeWindow {
  const [w] = timeline('no-failover');
  const model = w.attempts[0];
  const attempts = [...pattern].map((c, i) => {
    const at = from.getTime() + i * 1000;
    if (c === '.') return { ...model, seq: i + 1, at, address: '10.30.0.87' };
    if (c === ',') return { ...model, seq: i + 1, at, address: '10.30.1.143' };
    const { sslAnswer, ready, ...rest } = model;
    return { ...rest, seq: i + 1, at, ms: c === 'X' ? 902 : 3, phase: 'connect' as const, ok: false, address: c === 'X' ? '10.30.0.87' : '10.30.1.143', error: c === 'X' ? 'TIMEOUT' : 'ECONNREFUSED' };
  });
  return { ...w, requestedSeconds: pattern.length, startedAt: from.getTime(), endedAt: attempts[attempts.length - 1].at + 1000, attempts };
}

/** The baseline window, with every try resolving to `address`. */
function baselineAt(address: string): ProbeWindow {
  const w = baselineWindow();
  return { ...w, attempts: w.attempts.map((a) => ({ ...a, address })) };
}

/*
 * Event messages below are the Message column (not the Notes column) of the DB instance events
 * table in "Amazon RDS event categories and event messages",
 * https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_Events.Messages.html#USER_Events.Messages.instance
 * (RDS-EVENT-0004 "DB instance shutdown.", -0006 "DB instance restarted.", -0013, -0015, -0034,
 * -0049); entries are shaped like the API reference's "Event" data type
 * (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_Event.html): Date, EventCategories,
 * Message, SourceArn, SourceIdentifier, SourceType, and no event id.
 */
const MSG = {
  shutdown: 'DB instance shutdown.',
  restarted: 'DB instance restarted.',
  started: 'Multi-AZ instance failover started.',
  toStandbyComplete: 'Multi-AZ failover to standby complete - DNS propagation may take a few minutes.',
  declined: 'Abandoning user requested failover since a failover recently occurred on the database instance.',
  completed: 'Multi-AZ instance failover completed.',
};

/** DescribeEvents of a reboot in place: the instance restarts, nothing fails over. */
function rebootInPlaceEvents(): RdsEvent[] {
  const event = (Message: string, Date: Date) => ({ SourceIdentifier: ID, SourceType: 'db-instance' as const, Message, EventCategories: ['availability'], Date });
  return [event(MSG.shutdown, T('12:00:14')), event(MSG.restarted, T('12:00:31'))];
}

/** DescribeEvents after a failover a few minutes before the check (the clock starts at 12:00:00). */
function recentFailoverEvents(): RdsEvent[] {
  const event = (Message: string, Date: Date) => ({ SourceIdentifier: ID, SourceType: 'db-instance' as const, Message, EventCategories: ['failover'], Date });
  return [event(MSG.started, T('11:52:10')), event(MSG.toStandbyComplete, T('11:52:49')), event(MSG.completed, T('11:52:49'))];
}

/** What AWS does, in the mocks' terms. */
interface World {
  multiAz: boolean;
  engine: string;
  primary: string;
  secondary?: string;
  /** After the failover. */
  afterPrimary: string;
  afterSecondary?: string;
  afterEndpoint: string;
  /** DescribeDBInstances calls after the reboot that still say `rebooting`; Infinity: never done. */
  pollsUntilAvailable: number;
  baseline: ProbeWindow;
  /** Returned by the baseline's second, longer window (when the first got no answer); default: `baseline`. */
  baselineRetry?: ProbeWindow;
  /** Returned by the failover invocations, in order; the last one repeats. */
  windows: ProbeWindow[];
  rebootError?: Error;
  /** Thrown by failover invocations from window `invokeErrorFrom` on (1 = the first one). */
  invokeError?: Error;
  invokeErrorFrom?: number;
  events: RdsEvent[];
  /**
   * RDS's clock when the reboot is requested: events dated at or after it are logged by the failover,
   * so DescribeEvents returns them only after the reboot. Default 12:00:05 (the check's clock starts
   * at 12:00:00 and asks for the failover 10 s into probing).
   */
  rebootAt?: Date;
  readReplicas: string[];
  /**
   * DescribeEvents calls, once the instance is available in the other AZ, that do not show the
   * completion events yet (no AWS page orders the AZ fields and the events); Infinity: never.
   */
  completionHiddenCalls?: number;
  /** Replaces RebootDBInstance's answer (after the mock applied the world's reboot). */
  rebootAnswer?: () => unknown;
  /** DescribeDBInstances calls after the reboot (1 = the first) that fail, as a dropped connection would after the SDK's retries. */
  failedPolls?: number[];
}

function failoverEvents(): RdsEvent[] {
  const event = (Message: string, Date: Date, category = 'failover') => ({ SourceIdentifier: ID, SourceType: 'db-instance' as const, Message, EventCategories: [category], Date, SourceArn: `arn:aws:rds:us-east-1:123456789012:db:${ID}` });
  return [
    event('Finished DB instance backup.', T('11:40:00'), 'backup'),
    event(MSG.started, T('12:00:27.120')),
    event(MSG.restarted, T('12:00:58.410'), 'availability'),
    event(MSG.toStandbyComplete, T('12:01:04.300')),
    event(MSG.completed, T('12:01:04.300')),
  ];
}

function truthfulWorld(): World {
  return {
    multiAz: true,
    engine: 'postgres',
    primary: 'us-east-1a',
    secondary: 'us-east-1b',
    afterPrimary: 'us-east-1b',
    afterSecondary: 'us-east-1a',
    afterEndpoint: ENDPOINT,
    pollsUntilAvailable: 6,
    baseline: baselineWindow(),
    windows: timeline('failover'),
    events: failoverEvents(),
    readReplicas: [],
  };
}

function dbInstance(world: World, status: string, after: boolean): DBInstance {
  return {
    DBInstanceIdentifier: ID,
    DBInstanceArn: `arn:aws:rds:us-east-1:123456789012:db:${ID}`,
    DBInstanceClass: 'db.t4g.micro',
    Engine: world.engine,
    EngineVersion: '17.6',
    DBInstanceStatus: status,
    MasterUsername: 'postgres',
    Endpoint: { Address: after ? world.afterEndpoint : ENDPOINT, Port: 5432, HostedZoneId: 'Z2R2ITUGPM61AM' },
    AllocatedStorage: 20,
    StorageType: 'gp3',
    StorageEncrypted: true,
    PubliclyAccessible: false,
    MultiAZ: world.multiAz,
    AvailabilityZone: after ? world.afterPrimary : world.primary,
    // "If present" (API reference "DBInstance"): left out, not null, when RDS shows no standby.
    ...(world.multiAz && (after ? world.afterSecondary : world.secondary) !== undefined ? { SecondaryAvailabilityZone: after ? world.afterSecondary : world.secondary } : {}),
    ReadReplicaDBInstanceIdentifiers: world.readReplicas,
    DBSubnetGroup: {
      DBSubnetGroupName: 'rds-multi-az-failover-databaseinstancesubnetgroupde121bb6-abc',
      DBSubnetGroupDescription: 'Subnet group for Instance database',
      VpcId: OUTPUTS.VpcId,
      SubnetGroupStatus: 'Complete',
      Subnets: SUBNETS.map((s) => ({ SubnetIdentifier: s.SubnetId, SubnetAvailabilityZone: { Name: s.AvailabilityZone }, SubnetOutpost: {}, SubnetStatus: 'Active' })),
    },
  };
}

function encode(value: unknown): any {
  return new TextEncoder().encode(JSON.stringify(value));
}

let rebooted = false;
let rebootFailed = false;
let pollsAfterReboot = 0;
let eventCallsAfterSettle = 0;

function mockWorld(world: World): void {
  rds.reset();
  ec2.reset();
  lambda.reset();
  rebooted = false;
  rebootFailed = false;
  pollsAfterReboot = 0;
  eventCallsAfterSettle = 0;
  rds.on(DescribeDBInstancesCommand).callsFake(() => {
    if (!rebooted) return { DBInstances: [dbInstance(world, 'available', false)] };
    pollsAfterReboot++;
    if (world.failedPolls?.includes(pollsAfterReboot)) throw Object.assign(new Error('read ECONNRESET'), { name: 'Error', code: 'ECONNRESET', $metadata: { attempts: 6 } });
    const done = pollsAfterReboot > world.pollsUntilAvailable;
    return { DBInstances: [dbInstance(world, done ? 'available' : 'rebooting', done)] };
  });
  rds.on(RebootDBInstanceCommand).callsFake(() => {
    if (world.rebootError) {
      rebootFailed = true;
      throw world.rebootError;
    }
    rebooted = true;
    if (world.rebootAnswer) return world.rebootAnswer();
    return { DBInstance: dbInstance(world, 'rebooting', false) };
  });
  // DescribeEvents as its API reference has it (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DescribeEvents.html):
  // StartTime and EndTime filter on the event's Date (RDS's clock), no EndTime means up to now; the
  // events of the failover exist only once the reboot was requested.
  rds.on(DescribeEventsCommand).callsFake((input) => {
    const from = input.StartTime?.getTime() ?? -Infinity;
    const to = input.EndTime?.getTime() ?? Infinity;
    const rebootAt = (world.rebootAt ?? T('12:00:05')).getTime();
    const settled = rebooted && pollsAfterReboot > world.pollsUntilAvailable;
    if (settled) eventCallsAfterSettle++;
    const hideCompletion = world.completionHiddenCalls !== undefined && (!settled || eventCallsAfterSettle <= world.completionHiddenCalls);
    return {
      Events: world.events.filter(
        (e) => e.Date!.getTime() >= from && e.Date!.getTime() <= to && (rebooted || e.Date!.getTime() < rebootAt) && !(hideCompletion && /complete/i.test(e.Message ?? '')),
      ),
    };
  });
  ec2.on(DescribeSubnetsCommand).resolves({ Subnets: SUBNETS.map((s) => ({ ...s, VpcId: OUTPUTS.VpcId, State: 'available' as const })) });
  let window = 0;
  lambda.on(InvokeCommand).callsFake(async (input) => {
    const { durationSeconds } = JSON.parse(new TextDecoder().decode(input.Payload));
    if (durationSeconds === 5) return { StatusCode: 200, ExecutedVersion: '$LATEST', Payload: encode(world.baseline) };
    if (durationSeconds === 20) return { StatusCode: 200, ExecutedVersion: '$LATEST', Payload: encode(world.baselineRetry ?? world.baseline) };
    window++;
    // A failover window ends after the reboot request, as on AWS (a window is at least 30 s, the
    // request goes out 10 s in); one whose reboot failed ends at once.
    if (!(world.invokeError && window === 1)) {
      for (let i = 0; i < 1000 && !rebooted && !rebootFailed; i++) await new Promise((r) => setImmediate(r));
    }
    if (world.invokeError && window >= (world.invokeErrorFrom ?? 1)) {
      // A later window fails only once the failover is under way, as a dropped connection would.
      while (window > 1 && !rebooted) await new Promise((r) => setImmediate(r));
      throw world.invokeError;
    }
    const w = world.windows[Math.min(window - 1, world.windows.length - 1)];
    return { StatusCode: 200, ExecutedVersion: '$LATEST', Payload: encode({ ...w, requestedSeconds: durationSeconds }) };
  });
}

const CLAIM_IDS = Object.keys(rdsMultiAzFailover.checks);
const FAILOVER_CLAIMS = CLAIM_IDS.filter((id) => rdsMultiAzFailover.checks[id].live?.observation === failover);
const LIVE_CLAIMS = CLAIM_IDS.filter((id) => rdsMultiAzFailover.checks[id].live);
const noCatalog = () => undefined;

function context(options: Record<string, string | boolean> = {}, outputs: Record<string, string> = OUTPUTS) {
  return fakeObserveContext({ labId: rdsMultiAzFailover.id, outputs, options, region: 'us-east-1' });
}

function observationOf(id: string): Observation<unknown, string> {
  return rdsMultiAzFailover.checks[id].live!.observation;
}

/** Observes what a claim's live check judges, as plain JSON (what a recorded run holds). */
async function observeFor(id: string, world: World, options: Record<string, string | boolean> = {}): Promise<unknown> {
  mockWorld(world);
  return JSON.parse(JSON.stringify(await context(options).observe(observationOf(id))));
}

/**
 * The failover observation reads the baseline (the address's AZ, before any reboot): observe the
 * baseline first on the same context, then forget its calls, so a test counts the failover's own.
 */
async function afterBaseline(ctx: ReturnType<typeof context>): Promise<ReturnType<typeof context>> {
  await ctx.observe(baseline);
  for (const client of [lambda, rds, ec2]) client.resetHistory();
  return ctx;
}

async function check(id: string, world: World, options: Record<string, string | boolean> = {}): Promise<Judged> {
  return judgeLive(rdsMultiAzFailover, id, await observeFor(id, world, options));
}

function figure(j: Judged, name: string): number | undefined {
  return j.judgement.figures?.find((f) => f.name === name)?.value;
}

afterEach(() => {
  rds.reset();
  ec2.reset();
  lambda.reset();
});

describe('rds-multi-az-failover live checks pass when AWS behaves as the truth says', () => {
  test('its example run (test/fixtures/example-run.json) is the truthful world recorded: every live claim passes, the example says it is one', async () => {
    mockWorld(truthfulWorld());
    const claims = indexClaims(CATALOG);
    const record = await recordExampleRun(rdsMultiAzFailover, context(), (id) => claims.get(id)?.claim, 'a truthful world: a forced failover whose probe timeline is the timeline-failover fixture');
    expect(record.results.filter((r) => r.outcome !== 'pass' && r.outcome !== 'skipped')).toEqual([]);
    expectToMatchFileSnapshot(record, path.join(__dirname, 'fixtures', 'example-run.json'));
  });

  test('every live claim passes (A1 is offline only); one baseline probe, one forced failover, one probe window', async () => {
    mockWorld(truthfulWorld());
    const ctx = context();
    const { results, observations } = await runLiveChecks(rdsMultiAzFailover, ctx, noCatalog);
    expect(results.filter((r) => r.outcome !== 'pass').map((r) => [r.claim, r.outcome])).toEqual([['A1.multi-az-is-not-multi-region', 'skipped']]);
    expect(results.map((r) => r.claim)).toEqual(CLAIM_IDS);
    expect(observations.map((o) => [o.name, o.outcome])).toEqual([['baseline', 'observed'], ['failover', 'observed']]);
    expect(rds).toHaveReceivedCommandTimes(RebootDBInstanceCommand, 1);
    expect(rds).toHaveReceivedCommandWith(RebootDBInstanceCommand, { DBInstanceIdentifier: ID, ForceFailover: true });
    expect(lambda).toHaveReceivedCommandTimes(InvokeCommand, 2);
    expect(lambda).toHaveReceivedCommandWith(InvokeCommand, { FunctionName: FUNCTION, InvocationType: 'RequestResponse' });
    expect(rds).toHaveReceivedCommandWith(DescribeEventsCommand, { SourceIdentifier: ID, SourceType: 'db-instance' });
    expect(ctx.progressLog).toEqual(expect.arrayContaining([
      expect.stringMatching(/^probe window 1\/12: 60 s of tries/),
      `RebootDBInstance ${ID} with ForceFailover (primary in us-east-1a, standby in us-east-1b)`,
      expect.stringMatching(/^failover: .* is rebooting, primary in us-east-1a \(was us-east-1a\), \d+ s since the request$/),
    ]));
  });

  test.each(LIVE_CLAIMS)('%s passes on the truthful observation, judged from plain JSON', async (id) => {
    const j = await check(id, truthfulWorld());
    expect([j.outcome, j.reasons]).toEqual(['pass', []]);
    expect(j.judgement.expectations.length).toBeGreaterThan(0);
  });

  test('I38.multi-az-rds-for-the-database reports the downtime clients saw, with its method', async () => {
    const j = await check('I38.multi-az-rds-for-the-database', truthfulWorld());
    expect(j.outcome).toBe('pass');
    expect(j.judgement.observed).toContain('clients lost the database: 17.0 s (17 failed tries: connect:TIMEOUT ×13, connect:ECONNREFUSED ×3, ssl:ECONNRESET ×1), recovered');
    expect(j.judgement.observed).toContain('logins: 19.0 s');
    expect(j.judgement.method).toContain('Downtime = first failed try to first successful try');
    expect(figure(j, 'client-visible downtime (SSLRequest)')).toBe(17);
    expect(figure(j, 'downtime until logins are accepted')).toBe(19);
    expect(figure(j, 'failed tries')).toBe(17);
    expect(figure(j, 'server-side failover (RDS events)')).toBe(37.2);
    expect(figure(j, 'probe tries')).toBe(240);
  });

  test('I18.endpoint-name-stays-dns-moves tells where the name pointed before and after', async () => {
    const j = await check('I18.endpoint-name-stays-dns-moves', truthfulWorld());
    expect(j.outcome).toBe('pass');
    expect(j.judgement.observed).toMatch(new RegExp(`^endpoint name ${ENDPOINT.replace(/\./g, '\\.')} unchanged; it resolved to 10\\.30\\.0\\.87 \\(us-east-1a\\) until \\d\\d:\\d\\d:\\d\\d UTC, then to 10\\.30\\.1\\.143 \\(us-east-1b\\); record TTL 5 s; primary moved from us-east-1a to us-east-1b`));
    expect(figure(j, 'address changed after the first failed try')).toBe(14);
    expect(figure(j, 'DNS TTL of the endpoint')).toBe(5);
  });

  test("I18.fails-over-to-standby quotes RDS's own account of the failover", async () => {
    const j = await check('I18.fails-over-to-standby', truthfulWorld());
    expect(j.outcome).toBe('pass');
    expect(j.judgement.observed).toContain('RDS logged the failover start at 12:00:27 UTC and its completion at 12:01:04 UTC (RDS-EVENT-0015, 37.2 s)');
    // "Failover times are typically 60–120 seconds": a figure to compare with, never a verdict.
    expect(j.judgement.observed).toContain('server-side failover 37.2 s: 22.8 s under its low end of AWS\'s "typically 60–120 seconds" (a typical range, not a bound)');
    expect(figure(j, 'reboot request to available in the other AZ')).toBe(60);
  });

  test('a window can be chosen on the command line', async () => {
    mockWorld(truthfulWorld());
    await context({ window: '120' }).observe(failover);
    expect(lambda).toHaveReceivedCommandWith(InvokeCommand, { Payload: encode({ durationSeconds: 120 }) });
  });
});

/** DescribeEvents when RDS declined the forced failover: RDS-EVENT-0034's Message (see MSG). */
function declinedEvents(): RdsEvent[] {
  return [{ SourceIdentifier: ID, SourceType: 'db-instance', Message: MSG.declined, EventCategories: ['failover'], Date: T('12:00:12'), SourceArn: `arn:aws:rds:us-east-1:123456789012:db:${ID}` }];
}

/**
 * RDS logged the failover start and completion (failoverEvents), but after the check's wait its AZ
 * fields still show the old placement and the probe, watching for minutes past the completion,
 * only ever reached the old primary's address (answers clients dropped for a while, then got back).
 */
function stayedPut(): Partial<World> {
  return { afterPrimary: 'us-east-1a', afterSecondary: 'us-east-1b', pollsUntilAvailable: 0, windows: [probeWindow(T('12:00:00'), `${'.'.repeat(28)}${'X'.repeat(15)}${'.'.repeat(197)}`)] };
}

/**
 * The failover's outage from 12:00:27; from 12:00:42 the name resolves to the standby's address
 * (10.30.1.143), where the connection is refused until probing ends, 198 s later.
 */
function movedNeverAnswers(): ProbeWindow {
  return probeWindow(T('12:00:00'), `${'.'.repeat(27)}${'X'.repeat(15)}${'x'.repeat(198)}`);
}

describe('rds-multi-az-failover live checks fail on the observation that contradicts the truth', () => {
  /** Claim, change to the world, the failed expectation the reasons must name, and what the observation must say. */
  const cases: Array<[string, (w: World) => void, string, string]> = [
    ['B25.rds-spans-two-azs', (w) => (w.secondary = 'us-east-1a'), 'primary and standby in two different AZs: expected yes, saw primary in us-east-1a, standby in us-east-1a', 'standby in us-east-1a'],
    ['B25.rds-spans-two-azs', (w) => (w.multiAz = false), 'the DB instance is Multi-AZ: expected yes, saw no: MultiAZ false', 'is Single-AZ: primary in us-east-1a, standby in none'],
    // A lag of the AZ fields or the DNS explains the standby's AZ, never an address outside both AZs' subnets.
    ['B25.rds-spans-two-azs', (w) => Object.assign(w, { baseline: baselineAt('10.30.7.20'), events: recentFailoverEvents() }), "the endpoint's address is in the primary's AZ: expected yes, saw no: 10.30.7.20 is in no subnet of the group", 'resolves to 10.30.7.20 (in no subnet of the group)'],
    // RDS logged the completion, and after the 15-minute wait both its AZ fields and the probe's
    // address (watched for minutes past the completion) are still the old primary's.
    ['I18.fails-over-to-standby', (w) => Object.assign(w, stayedPut()), "the primary moved to the standby's AZ: expected yes, saw primary did NOT move", 'primary did NOT move'],
    ['I18.endpoint-name-stays-dns-moves', (w) => (w.afterEndpoint = `other.${ENDPOINT}`), `the endpoint name is unchanged: expected yes, saw no: ${ENDPOINT} before, other.${ENDPOINT} after`, `CHANGED to other.${ENDPOINT}`],
    ['I18.endpoint-name-stays-dns-moves', (w) => Object.assign(w, stayedPut()), "the primary moved to the standby's AZ", 'the address did NOT change'],
    // Watched throughout, one try a second, and no try failed while RDS failed over: a fail (stated resolution 1 s).
    ['I38.multi-az-rds-for-the-database', (w) => (w.windows = [allUp(T('12:00:00'), 240)]), 'clients saw the failover interrupt them (a failed try after RDS started it, or ending on the move to the standby\'s address): expected yes, saw no try failed', 'no try failed during the forced failover (primary moved from us-east-1a to us-east-1b (standby now us-east-1a); probe watched throughout, one try a second)'],
    // The name moved to the new primary's address, which never answered before probing ended.
    ['I38.multi-az-rds-for-the-database', (w) => (w.windows = [movedNeverAnswers()]), 'the outage ended before probing did: expected yes, saw NOT recovered', 'NOT recovered when probing ended'],
    ['I18.fails-over-to-standby', (w) => (w.windows = [movedNeverAnswers()]), 'the endpoint answers again at the end: expected yes, saw no: the last tries failed', 'does NOT answer at the end'],
    ['I23.automatic-failover-is-not-aurora-only', (w) => (w.windows = [movedNeverAnswers()]), 'clients recovered from the outage (none still failing when probing ended): expected yes, saw NOT recovered', 'NOT recovered when probing ended'],
    ['I23.automatic-failover-is-not-aurora-only', (w) => (w.engine = 'aurora-postgresql'), 'the engine is not Aurora: expected yes, saw aurora-postgresql 17.6', 'RDS for aurora-postgresql 17.6 (Aurora!)'],
    ['I23.automatic-failover-is-not-aurora-only', (w) => Object.assign(w, stayedPut()), "the primary moved to the standby's AZ", 'primary did NOT move'],
  ];

  test('every live check has a failing case', () => {
    expect([...new Set(cases.map(([id]) => id))].sort()).toEqual(CLAIM_IDS.filter((id) => rdsMultiAzFailover.checks[id].live).sort());
  });

  test.each(cases)('%s fails (%#), naming the failed expectation', async (id, change, reason, observed) => {
    const world = truthfulWorld();
    change(world);
    const j = await check(id, world);
    expect(j.outcome).toBe('fail');
    expect(j.reasons.some((r) => r.startsWith(reason))).toBe(true);
    expect(j.judgement.observed).toContain(observed);
  });

  test('a database that never comes back: twelve windows at most, then the wait for RDS is bounded and said so', async () => {
    const world = truthfulWorld();
    Object.assign(world, { windows: timeline('never-recovers'), pollsUntilAvailable: Infinity });
    mockWorld(world);
    const ctx = await afterBaseline(context());
    const o = await ctx.observe(failover);
    const j = judgeLive(rdsMultiAzFailover, 'I38.multi-az-rds-for-the-database', o);
    expect(j.outcome).toBe('fail');
    expect(j.judgement.observed).toContain('NOT recovered when probing ended');
    expect(lambda).toHaveReceivedCommandTimes(InvokeCommand, 12);
    const standby = judgeLive(rdsMultiAzFailover, 'I18.fails-over-to-standby', await ctx.observe(failover));
    expect(standby.outcome).toBe('fail');
    expect(standby.judgement.observed).toContain('primary did NOT move: us-east-1a before, us-east-1a after (status rebooting');
    expect(standby.reasons).toContain('instance status at the end: expected available, saw rebooting');
    expect(figure(standby, 'reboot request to available in the other AZ')).toBeUndefined();
    expect(ctx.progressLog.some((m) => /^after 900 s .* is rebooting in us-east-1a; RDS finishes on its own/.test(m))).toBe(true);
    expect(rds).toHaveReceivedCommandTimes(RebootDBInstanceCommand, 1);
  });

  test('the baseline waits for an instance that is not available (a failover still under way), and an instance that stays so is an error, not a verdict', async () => {
    const world = Object.assign(truthfulWorld(), { baseline: baselineAt('10.30.1.143'), events: recentFailoverEvents() });
    mockWorld(world);
    rds.on(DescribeDBInstancesCommand).resolves({ DBInstances: [dbInstance(world, 'rebooting', false)] });
    await expect(context().observe(baseline)).rejects.toThrow(`instance ${ID} is rebooting, not available, after 600 s; the baseline needs an available instance: run the check again later`);
    expect(lambda).not.toHaveReceivedCommand(InvokeCommand);
  });
});

describe('rds-multi-az-failover live checks are inconclusive when no failover was exercised', () => {
  test('a Single-AZ instance is never rebooted: the baseline claims fail, the failover claims are inconclusive', async () => {
    const world = truthfulWorld();
    world.multiAz = false;
    mockWorld(world);
    const { results } = await runLiveChecks(rdsMultiAzFailover, context(), noCatalog);
    const reason = `${ID} is a Single-AZ instance (MultiAZ false): it has no standby, and RebootDBInstance refuses ForceFailover for an instance that is not Multi-AZ; nothing was rebooted`;
    expect(results.map((r) => [r.claim, r.outcome])).toEqual(CLAIM_IDS.map((id) => [id, FAILOVER_CLAIMS.includes(id) ? 'inconclusive' : LIVE_CLAIMS.includes(id) ? 'fail' : 'skipped']));
    const standby = results.find((r) => r.claim === 'I18.fails-over-to-standby')!;
    expect(standby.judgement?.observed).toBe(reason);
    expect(standby.reasons).toEqual([`a failover was forced (a Multi-AZ instance, RebootDBInstance with ForceFailover accepted) (saw ${reason})`]);
    expect(rds).not.toHaveReceivedCommand(RebootDBInstanceCommand);
  });

  test('a refused reboot makes every failover claim inconclusive, quoting the API error', async () => {
    const world = truthfulWorld();
    world.rebootError = new InvalidDBInstanceStateFault({ message: `DB instance ${ID} is not in available state.`, $metadata: { httpStatusCode: 400 } });
    const o = await observeFor('I38.multi-az-rds-for-the-database', world);
    for (const id of FAILOVER_CLAIMS) {
      const j = judgeLive(rdsMultiAzFailover, id, o);
      expect([id, j.outcome]).toEqual([id, 'inconclusive']);
      expect(j.judgement.observed).toBe(`RDS refused the forced failover of ${ID}: InvalidDBInstanceStateFault: DB instance ${ID} is not in available state.`);
    }
  });

  test('a re-run soon after a failover: RDS declining it (RDS-EVENT-0034, matched by its Message) is reported within seconds, the probe is stopped, and every failover claim is inconclusive', async () => {
    const world = truthfulWorld();
    Object.assign(world, { afterPrimary: 'us-east-1a', afterSecondary: 'us-east-1b', pollsUntilAvailable: 0, events: declinedEvents() });
    mockWorld(world);
    // The failover window is in flight, as on AWS (it answers only when its 240 s end).
    lambda.on(InvokeCommand).callsFake(async (input) => {
      const { durationSeconds } = JSON.parse(new TextDecoder().decode(input.Payload));
      if (durationSeconds === 5) return { StatusCode: 200, Payload: encode(world.baseline) };
      return new Promise(() => undefined);
    });
    const ctx = await afterBaseline(context());
    const o = await ctx.observe(failover);
    expect(o).toMatchObject({ kind: 'declined', declinedAt: T('12:00:12').getTime(), noticedAfterSeconds: 10 });
    expect(ctx.progressLog).toContain(`RDS declined the failover of ${ID} (RDS-EVENT-0034: a failover recently occurred), seen 10 s after the request: probe stopped; wait and run the check again`);
    // Polls at 0 and 10 s, then the final describe: not 15 minutes.
    expect(pollsAfterReboot).toBe(3);
    // One window, abandoned at once (its abort signal fired), no second one.
    expect(lambda).toHaveReceivedCommandTimes(InvokeCommand, 1);
    const [, options] = lambda.commandCalls(InvokeCommand)[0].args as unknown as [unknown, { abortSignal: AbortSignal }];
    expect(options.abortSignal.aborted).toBe(true);
    for (const id of FAILOVER_CLAIMS) {
      const j = judgeLive(rdsMultiAzFailover, id, JSON.parse(JSON.stringify(o)));
      expect([id, j.outcome]).toEqual([id, 'inconclusive']);
      expect(j.reasons).toEqual(['RDS attempted the forced failover (did not decline it after a recent one, RDS-EVENT-0034) (saw RDS declined it at 12:00:12 UTC)']);
      expect(j.judgement.observed).toMatch(/^RDS declined the failover; wait and run again: RDS logged RDS-EVENT-0034 \("Abandoning user requested failover since a failover recently occurred on the database instance\."\) at 12:00:12 UTC, 10 s after the request/);
    }
  });

  test("the event table's Notes wording of RDS-EVENT-0034 is not what DescribeEvents returns, and is not taken for a decline", async () => {
    const world = truthfulWorld();
    world.events = [...failoverEvents(), { ...declinedEvents()[0], Message: 'Amazon RDS isn\'t attempting a requested failover because a failover recently occurred on the DB instance.' }];
    const o = (await observeFor('I18.fails-over-to-standby', world)) as { kind: string };
    expect(o.kind).toBe('observed');
  });

  test('I38: a reboot in place drops clients too, but without a failover to the standby it shows nothing about Multi-AZ', async () => {
    const world = Object.assign(truthfulWorld(), { ...stayedPut(), events: rebootInPlaceEvents() });
    const j = await check('I38.multi-az-rds-for-the-database', world);
    expect(j.outcome).toBe('inconclusive');
    expect(j.reasons).toEqual(['RDS began a failover (logged "Multi-AZ instance failover started.") (saw RDS logged no "Multi-AZ instance failover started." event (RDS-EVENT-0013))']);
    expect(j.judgement.observed).toContain(
      'primary did NOT move: us-east-1a before, us-east-1a after (status available, secondary us-east-1b); RDS logged no "Multi-AZ instance failover started." event (RDS-EVENT-0013): an outage without a failover to the standby shows nothing about Multi-AZ',
    );
  });
});

describe('rds-multi-az-failover observations that cannot run are errors', () => {
  test('when the probe fails before the reboot, the database is not disrupted', async () => {
    const world = truthfulWorld();
    world.invokeError = new Error('connect ETIMEDOUT 52.94.1.1:443');
    mockWorld(world);
    // As in real time, the 10 s lead lets an immediate invoke failure arrive before the reboot.
    const ctx = context();
    const patient: typeof ctx = { ...ctx, sleep: async (ms: number) => { await ctx.sleep(ms); await new Promise((r) => setImmediate(r)); } };
    await expect(failover.observe(patient)).rejects.toThrow('connect ETIMEDOUT 52.94.1.1:443');
    expect(rds).not.toHaveReceivedCommand(RebootDBInstanceCommand);
  });

  test('when the probe fails after the reboot, the check still waits for RDS to finish before it reports the error', async () => {
    const world = truthfulWorld();
    Object.assign(world, { windows: timeline('never-recovers'), invokeError: new Error('socket hang up'), invokeErrorFrom: 2 });
    mockWorld(world);
    // An Invoke cut by the caller's network after the failover started: an error naming the cause,
    // which still says what RDS's events show (the failover went on without the probe).
    await expect(context().observe(failover)).rejects.toThrow(
      /^the probe's Invoke was cut \d+ s after the failover was requested, most likely by your network \(socket hang up\)\. Meanwhile RDS logged the failover start at 2026-11-23T12:00:27\.120Z and its completion \(RDS-EVENT-0015\) at 2026-11-23T12:01:04\.300Z; the primary is in us-east-1b \(was us-east-1a\), status available\. No claim was judged: wait 30 minutes/,
    );
    expect(rds).toHaveReceivedCommandTimes(RebootDBInstanceCommand, 1);
    // The wait for RDS ran to its end, then one describe for the final state.
    expect(pollsAfterReboot).toBe(world.pollsUntilAvailable + 2);
  });

  test('a DescribeDBInstances poll that fails after the reboot (a dropped connection, after the SDK retries) is read again; the failover claims are still judged', async () => {
    const world = truthfulWorld();
    world.failedPolls = [2, 3];
    mockWorld(world);
    const ctx = await afterBaseline(context());
    const o = await ctx.observe(failover);
    expect(o.kind).toBe('observed');
    expect(ctx.progressLog.some((l) => l.startsWith('DescribeDBInstances failed (Error: read ECONNRESET; 2 so far)'))).toBe(true);
    for (const id of FAILOVER_CLAIMS) expect({ id, outcome: judgeLive(rdsMultiAzFailover, id, o).outcome }).toEqual({ id, outcome: 'pass' });
  });

  test('RebootDBInstance denied to the caller is an error saying which permission is missing, not an inconclusive run', async () => {
    const world = truthfulWorld();
    // The Query protocol's error code for a missing permission; "Common Errors" of the RDS API reference
    // (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/CommonErrors.html) lists AccessDeniedException.
    world.rebootError = Object.assign(new Error(`User: arn:aws:iam::123456789012:user/dev is not authorized to perform: rds:RebootDBInstance on resource: arn:aws:rds:us-east-1:123456789012:db:${ID}`), {
      name: 'AccessDenied',
      $metadata: { httpStatusCode: 403 },
    });
    mockWorld(world);
    await expect(context().observe(failover)).rejects.toThrow(
      `your credentials may not call rds:RebootDBInstance on arn:aws:rds:us-east-1:123456789012:db:${ID} (AccessDenied: User: arn:aws:iam::123456789012:user/dev is not authorized to perform: rds:RebootDBInstance on resource: arn:aws:rds:us-east-1:123456789012:db:${ID}): allow it and run the check again; nothing was rebooted`,
    );
  });

  test('a probe function error is an error naming the function and its message', async () => {
    mockWorld(truthfulWorld());
    lambda.on(InvokeCommand).resolves({
      StatusCode: 200,
      FunctionError: 'Unhandled',
      Payload: encode({ errorType: 'Error', errorMessage: 'failover probe: missing or invalid settings host', trace: [] }),
    });
    await expect(context().observe(baseline)).rejects.toThrow(`probe function ${FUNCTION} failed (Unhandled): Error: failover probe: missing or invalid settings host`);
  });

  test('an instance that is not available yet is waited for, then reported if it stays so', async () => {
    mockWorld(truthfulWorld());
    rds.on(DescribeDBInstancesCommand).resolves({ DBInstances: [dbInstance(truthfulWorld(), 'modifying', false)] });
    await expect(context().observe(failover)).rejects.toThrow(`instance ${ID} is modifying, not available, after 600 s`);
    expect(rds).not.toHaveReceivedCommand(RebootDBInstanceCommand);
  });

  test('an invalid --window is refused before anything is rebooted', async () => {
    mockWorld(truthfulWorld());
    await expect(context({ window: '10' }).observe(failover)).rejects.toThrow('--window: received "10"; allowed: 30 to 240 seconds (ProbeMaxWindowSeconds)');
    expect(rds).not.toHaveReceivedCommand(RebootDBInstanceCommand);
  });

  test('a stack without the probe outputs is an error of every check that says to redeploy', async () => {
    mockWorld(truthfulWorld());
    const { results } = await runLiveChecks(rdsMultiAzFailover, context({}, { DbInstanceIdentifier: ID }), noCatalog);
    expect(results.filter((r) => LIVE_CLAIMS.includes(r.claim)).every((r) => r.outcome === 'error')).toBe(true);
    expect(results.find((r) => r.claim === 'I18.fails-over-to-standby')!.error).toMatch(/has no output ProbeFunctionName, ProbeMaxWindowSeconds: redeploy it with `npx labs deploy rds-multi-az-failover`/);
    expect(rds).not.toHaveReceivedCommand(RebootDBInstanceCommand);
  });
});

/** The baseline window with no try resolving: the handler's `dns` phase failing with ENOTFOUND. */
function baselineUnresolved(): ProbeWindow {
  const w = baselineWindow();
  return { ...w, attempts: w.attempts.map(({ address, addresses, ttl, sslAnswer, ready, ...a }) => ({ ...a, phase: 'dns' as const, ok: false, error: 'ENOTFOUND' })) };
}

describe('rds-multi-az-failover baseline that could not see the endpoint', () => {
  test.each(['B25.rds-spans-two-azs'])('%s: a name that does not resolve, even after 20 s more, is inconclusive, not a failed claim', async (id) => {
    const world = Object.assign(truthfulWorld(), { baseline: baselineUnresolved() });
    mockWorld(world);
    const ctx = context();
    const j = judgeLive(rdsMultiAzFailover, id, await ctx.observe(baseline));
    expect(j.outcome).toBe('inconclusive');
    expect(j.reasons).toEqual(["the probe resolved the endpoint's name from inside the VPC (saw it did not resolve in 5 tries (after 5 s without an answer): ENOTFOUND, ENOTFOUND, ENOTFOUND)"]);
    expect(lambda).toHaveReceivedCommandWith(InvokeCommand, { Payload: encode({ durationSeconds: 20 }) });
    expect(ctx.progressLog).toContain('baseline: no try of 5 s got an answer (ENOTFOUND, ENOTFOUND, ENOTFOUND); probing 20 s more');
  });

  test('the placement is still judged: a Single-AZ instance fails B25 even when the name did not resolve', async () => {
    const world = Object.assign(truthfulWorld(), { baseline: baselineUnresolved(), multiAz: false });
    const j = await check('B25.rds-spans-two-azs', world);
    expect(j.outcome).toBe('fail');
    expect(j.reasons).toContain('the DB instance is Multi-AZ: expected yes, saw no: MultiAZ false');
  });

  test('a first window without an answer is probed again, and the second window is judged', async () => {
    const world = Object.assign(truthfulWorld(), { baseline: baselineUnresolved(), baselineRetry: baselineWindow() });
    const j = await check('B25.rds-spans-two-azs', world);
    expect(j.outcome).toBe('pass');
    expect(j.judgement.observed).toContain('answered 5/5 tries of a second window (the first 5 s got no answer)');
  });

  test('A1 has no live check: nothing DescribeDBInstances or the probe could show contradicts its truth, so a live run skips it', async () => {
    expect(rdsMultiAzFailover.checks['A1.multi-az-is-not-multi-region'].live).toBeUndefined();
    mockWorld(truthfulWorld());
    const { results } = await runLiveChecks(rdsMultiAzFailover, context(), noCatalog, ['A1.multi-az-is-not-multi-region']);
    expect(results.find((r) => r.claim === 'A1.multi-az-is-not-multi-region')?.outcome).toBe('skipped');
  });

  test('an instance not yet available is waited for before the baseline probes', async () => {
    const world = truthfulWorld();
    mockWorld(world);
    let calls = 0;
    rds.on(DescribeDBInstancesCommand).callsFake(() => ({ DBInstances: [dbInstance(world, ++calls <= 2 ? 'rebooting' : 'available', false)] }));
    const ctx = context();
    const j = judgeLive(rdsMultiAzFailover, 'B25.rds-spans-two-azs', await ctx.observe(baseline));
    expect(j.outcome).toBe('pass');
    expect(ctx.progressLog[0]).toMatch(new RegExp(`^waiting for ${ID} to be available before the baseline: rebooting, 0 s$`));
  });
});

describe('rds-multi-az-failover probe blind spots and the documented failover time', () => {
  test('I38: no failed try while a stretch of the failover went unwatched (between two windows) is inconclusive, never a fail', async () => {
    // Window 1 ends at 12:00:20, window 2 starts at 12:01:10: RDS failed over from 12:00:27 to 12:01:04 in between.
    const world = Object.assign(truthfulWorld(), { windows: [allUp(T('12:00:00'), 21), allUp(T('12:01:10'), 60)] });
    const j = await check('I38.multi-az-rds-for-the-database', world);
    expect(j.outcome).toBe('inconclusive');
    expect(j.reasons).toEqual([expect.stringMatching(/^the probe watched the whole failover \(no unwatched stretch an outage could hide in\) \(saw unwatched: 37\.2 s between probe windows from 12:00:20 UTC\)$/)]);
    expect(j.judgement.observed).toContain('at one try a second an outage shorter than one probe interval, or one inside an unwatched stretch, goes unseen');
  });

  test('I38: the unwatched stretch does not hide a failed placement: the primary not moving still fails', async () => {
    const world = Object.assign(truthfulWorld(), { windows: [allUp(T('12:00:00'), 21), allUp(T('12:01:10'), 60)], afterPrimary: 'us-east-1a', afterSecondary: 'us-east-1b' });
    const j = await check('I38.multi-az-rds-for-the-database', world);
    expect(j.outcome).toBe('fail');
    expect(j.reasons.some((r) => r.startsWith("the primary moved to the standby's AZ"))).toBe(true);
  });

  test("I38 reports the measured downtime against AWS's 60–120 s with the margin, as a figure, never as a verdict", async () => {
    const j = await check('I38.multi-az-rds-for-the-database', truthfulWorld());
    expect(j.outcome).toBe('pass');
    // "Failover times are typically 60–120 seconds": Failing over a Multi-AZ DB instance for Amazon RDS,
    // https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZ.Failover.html
    expect(j.judgement.observed).toContain('client-visible downtime 17 s: 43 s under its low end of AWS\'s "typically 60–120 seconds" (a typical range, not a bound)');
    expect(j.judgement.observed).toContain('server-side failover (RDS events) 37.2 s: 22.8 s under its low end');
    expect(j.judgement.method).toContain('as a figure only (a typical range, not a bound)');
    expect(j.judgement.expectations.map((e) => e.what).join(' ')).not.toMatch(/60|120/);
  });
});

describe('rds-multi-az-failover baseline right after a failover (AvailabilityZone not updated yet)', () => {
  /** The address already in us-east-1b, AvailabilityZone still us-east-1a, a failover 8 minutes ago. */
  function laggingWorld(): World {
    return Object.assign(truthfulWorld(), { baseline: baselineAt('10.30.1.143'), events: recentFailoverEvents() });
  }

  test.each(['B25.rds-spans-two-azs'])("%s leaves the standby's AZ unjudged and says the fields (or DNS) lag, naming the failover RDS logged", async (id) => {
    mockWorld(laggingWorld());
    const ctx = context();
    const j = judgeLive(rdsMultiAzFailover, id, await ctx.observe(baseline));
    // "Rebooting a DB instance" (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_RebootInstance.html):
    // the AZ change "might not be reflected ... in calls to the AWS CLI and RDS API, for several minutes"; no bound.
    expect(j.outcome).toBe('inconclusive');
    expect(j.judgement.observed).toContain(
      'resolves to 10.30.1.143 (a subnet in us-east-1b, where RDS still shows the standby; RDS logged a failover at 11:52:49 UTC: the AZ fields or the DNS have not caught up',
    );
    expect(j.reasons).toEqual([expect.stringMatching(/^RDS's AZ fields and the endpoint's address agree .* \(saw the address is in us-east-1b, which RDS calls the standby's \(AvailabilityZone us-east-1a\); RDS logged a failover at 11:52:49 UTC; run again once/)]);
    // One look-back for the baseline and the failover observation: 30 minutes.
    expect(rds).toHaveReceivedCommandWith(DescribeEventsCommand, { SourceIdentifier: ID, SourceType: 'db-instance', StartTime: T('11:30:00') });
    expect(ctx.progressLog.some((m) => m.includes('the AZ fields (or DNS) have not caught up, and the address is not judged'))).toBe(true);
  });

  test("a baseline whose address is in the primary's AZ does not read the events", async () => {
    const j = await check('B25.rds-spans-two-azs', truthfulWorld());
    expect(j.outcome).toBe('pass');
    expect(rds).not.toHaveReceivedCommand(DescribeEventsCommand);
  });
});

describe('rds-multi-az-failover probe invocations', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  /** Lets the check run until `done` holds (the context's sleeps are instant; the SDK mocks resolve on promises). */
  async function until(done: () => boolean): Promise<void> {
    for (let i = 0; i < 10_000 && !done(); i++) await new Promise((r) => setImmediate(r));
    if (!done()) throw new Error('the check never got there');
  }

  test('a failover window whose Invoke never answers ends the check with a clear error once the window plus a minute has passed, after RDS has finished', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    const world = truthfulWorld();
    mockWorld(world);
    let invokes = 0;
    // A connection dropped without a reset: the response never comes.
    lambda.on(InvokeCommand).callsFake(async (input) => {
      // The baseline's 5 s window answers; the failover's windows never do.
      if (JSON.parse(new TextDecoder().decode(input.Payload)).durationSeconds === BASELINE_SECONDS) return { StatusCode: 200, Payload: encode(world.baseline) };
      invokes++;
      return new Promise(() => undefined);
    });
    let outcome: unknown;
    context().observe(failover).then(
      (o) => (outcome = o),
      (error: Error) => (outcome = error),
    );
    await until(() => invokes === 1 && pollsAfterReboot > world.pollsUntilAvailable);
    const timeoutMs = (DEFAULT_WINDOW_SECONDS + INVOKE_MARGIN_SECONDS) * 1000;
    await jest.advanceTimersByTimeAsync(timeoutMs - 1_000);
    expect(outcome).toBeUndefined();
    await jest.advanceTimersByTimeAsync(1_000);
    await until(() => outcome !== undefined);
    expect(outcome).toBeInstanceOf(Error);
    // The cause first (the Invoke abandoned: the caller's network), then what RDS did meanwhile.
    expect((outcome as Error).message).toMatch(
      new RegExp(
        `^the probe's Invoke was cut \\d+ s after the failover was requested, most likely by your network \\(probe function ${FUNCTION} gave no answer within 120 s \\(a 60 s window plus 60 s\\): ` +
          'the Invoke was abandoned: the connection to Lambda was probably dropped by your network \\(a proxy, VPN or NAT that drops idle connections\\); run the check again\\)\\. ' +
          'Meanwhile RDS logged the failover start at 2026-11-23T12:00:27\\.120Z and its completion \\(RDS-EVENT-0015\\) at 2026-11-23T12:01:04\\.300Z; the primary is in us-east-1b \\(was us-east-1a\\), status available\\.',
      ),
    );
    // The database was failed over and the check waited for RDS before it reported the error.
    expect(rds).toHaveReceivedCommandTimes(RebootDBInstanceCommand, 1);
    expect(pollsAfterReboot).toBe(world.pollsUntilAvailable + 2);
    // The failover window (the call after the baseline's) carried the deadline: an abort signal, now aborted, and the request timeout.
    const [, options] = lambda.commandCalls(InvokeCommand)[1].args as unknown as [unknown, { abortSignal: AbortSignal; requestTimeout: number }];
    expect(options.requestTimeout).toBe(timeoutMs);
    expect(options.abortSignal.aborted).toBe(true);
  });

  test('a baseline Invoke that never answers fails within 5 s plus a minute', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    mockWorld(truthfulWorld());
    let invoked = false;
    lambda.on(InvokeCommand).callsFake(() => {
      invoked = true;
      return new Promise(() => undefined);
    });
    const result = context().observe(baseline);
    const assertion = expect(result).rejects.toThrow(`probe function ${FUNCTION} gave no answer within 65 s (a 5 s window plus 60 s)`);
    await until(() => invoked);
    await jest.advanceTimersByTimeAsync(65_000);
    await assertion;
  });

  test('an answered Invoke leaves no timer behind, and each observation creates each client once', async () => {
    mockWorld(truthfulWorld());
    await (await afterBaseline(context())).observe(failover);
    const options = lambda.commandCalls(InvokeCommand).map((c) => (c.args as unknown as [unknown, { abortSignal: AbortSignal }])[1]);
    expect(options.every((o) => o.abortSignal instanceof AbortSignal && !o.abortSignal.aborted)).toBe(true);
    // One failover observation: every RDS call (many DescribeDBInstances polls, the reboot, DescribeEvents) on one client.
    expect(rds.calls().length).toBeGreaterThan(5);
    expect(new Set(rds.calls().map((c) => c.thisValue)).size).toBe(1);
    expect(new Set(lambda.calls().map((c) => c.thisValue)).size).toBe(1);
    expect(new Set(ec2.calls().map((c) => c.thisValue)).size).toBe(1);
  });

  test('the failover observation is plain JSON: times as epoch milliseconds', async () => {
    mockWorld(truthfulWorld());
    const o = await context().observe(failover);
    expect(JSON.parse(JSON.stringify(o))).toEqual(o);
    expect(o).toMatchObject({ kind: 'observed', events: { started: T('12:00:27.120').getTime(), completed: T('12:01:04.300').getTime() } });
  });
});

/** The failover reason of a reboot with failover, as the reasons table of the failover page gives it (see USER_REQUESTED_FAILOVER_REASON). */
function userRequestedReason(): RdsEvent {
  return { SourceIdentifier: ID, SourceType: 'db-instance', Message: 'The user requested a failover of the DB instance.', EventCategories: ['failover'], Date: T('12:01:04.300') };
}

describe('rds-multi-az-failover F1: a forced failover exercises the failover, not RDS detecting a failure', () => {
  test.each(['I18.fails-over-to-standby', 'I23.automatic-failover-is-not-aurora-only', 'I18.endpoint-name-stays-dns-moves'])('%s says the trigger was user-requested and what was not exercised', async (id) => {
    const world = truthfulWorld();
    world.events = [...failoverEvents(), userRequestedReason()];
    const j = await check(id, world);
    expect(j.outcome).toBe('pass');
    // "Rebooting a DB instance" (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_RebootInstance.html):
    // a forced failover is how AWS says to "simulate a failure of a DB instance for testing"; the
    // failover page lists "The user requested a failover of the DB instance." as its own reason.
    expect(j.judgement.observed).toContain('trigger: user-requested (RDS logged "The user requested a failover of the DB instance.")');
    expect(j.judgement.method).toContain('Not exercised: RDS detecting a host, storage or network failure by itself');
    expect(j.judgement.method).toContain('Trigger: user-requested (RebootDBInstance with ForceFailover)');
  });

  test('I18.fails-over-to-standby reports how long the AZ fields trailed the failover (measured, not a verdict)', async () => {
    const j = await check('I18.fails-over-to-standby', truthfulWorld());
    // Request to available in the other AZ 60 s, RDS start to completion 37.2 s.
    expect(figure(j, 'AZ fields trailing the failover (at most)')).toBe(22.8);
    expect(j.judgement.expectations.map((e) => e.what).join(' ')).not.toMatch(/trailing/);
  });
});

describe('rds-multi-az-failover F3: events are judged by RDS\'s clock, never the caller\'s', () => {
  test.each([
    ['4 minutes fast', '12:04:00', -240],
    ['4 minutes slow', '11:56:00', 240],
  ])('a laptop clock %s: every live claim still passes, and the skew is reported', async (_label, start, skew) => {
    mockWorld(truthfulWorld());
    const ctx = fakeObserveContext({ labId: rdsMultiAzFailover.id, outputs: OUTPUTS, region: 'us-east-1', startMs: T(start).getTime() });
    const o = (await ctx.observe(failover)) as { kind: string; clockSkewSeconds?: number; events: { started?: number } };
    // The old window (StartTime 2 minutes and "since" 1 minute before the caller's start) dropped
    // the 12:00:27 start when the caller ran fast, and I18 failed on "RDS logged the failover start".
    for (const id of FAILOVER_CLAIMS) {
      const j = judgeLive(rdsMultiAzFailover, id, JSON.parse(JSON.stringify(o)));
      expect([id, j.outcome, j.reasons]).toEqual([id, 'pass', []]);
    }
    expect(o).toMatchObject({ kind: 'observed', clockSkewSeconds: skew, events: { started: T('12:00:27.120').getTime() } });
    expect(ctx.progressLog).toContain(`your clock is about 240 s ${skew > 0 ? 'behind' : 'ahead of'} the probe function's (AWS's): reported only, no judgement uses your clock`);
    // No EndTime from the caller's clock: the service's own "now" ends every window.
    expect(rds.commandCalls(DescribeEventsCommand).every((c) => c.args[0].input.EndTime === undefined)).toBe(true);
  });

  test('every DescribeEvents of the failover starts where the look for a recent failover did', async () => {
    mockWorld(truthfulWorld());
    await context().observe(failover);
    const starts = new Set(rds.commandCalls(DescribeEventsCommand).map((c) => c.args[0].input.StartTime?.getTime()));
    expect([...starts]).toEqual([T('11:30:00').getTime()]);
  });
});

describe('rds-multi-az-failover F4: a re-run soon after a failover is recognised before anything is rebooted', () => {
  test('RDS logged a failover 7 minutes ago: nothing rebooted, every failover claim inconclusive, "wait and run again"', async () => {
    const world = truthfulWorld();
    world.events = [...recentFailoverEvents(), ...failoverEvents()];
    mockWorld(world);
    const ctx = context();
    const o = await ctx.observe(failover);
    // RDS-EVENT-0015 and -0049 carry the same Date here: either is the newest.
    expect(o).toMatchObject({ kind: 'recent', lastEventId: 'RDS-EVENT-0015', lastFailoverAt: T('11:52:49').getTime(), minutesAgo: 7, lookbackMinutes: 30 });
    expect(rds).not.toHaveReceivedCommand(RebootDBInstanceCommand);
    expect(lambda).not.toHaveReceivedCommand(InvokeCommand);
    for (const id of FAILOVER_CLAIMS) {
      const j = judgeLive(rdsMultiAzFailover, id, JSON.parse(JSON.stringify(o)));
      expect([id, j.outcome]).toEqual([id, 'inconclusive']);
      expect(j.reasons).toEqual(['no failover in the last 30 minutes (RDS may decline one that follows a recent failover) (saw RDS-EVENT-0015 7 minutes ago, at 11:52:49 UTC)']);
      expect(j.judgement.observed).toMatch(/^a failover happened 7 minutes ago \(RDS logged RDS-EVENT-0015 at 11:52:49 UTC\); wait and run again: nothing was rebooted/);
    }
  });

  // RDS-EVENT-0050/-0051 (an activation after an instance recovery) and -0065 (a partial failover recovered from), Message
  // column of "Amazon RDS event categories and event messages" (DB instance events, category failover,
  // https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_Events.Messages.html#USER_Events.Messages.instance).
  test.each([
    ['RDS-EVENT-0051', 'Multi-AZ instance activation completed.'],
    ['RDS-EVENT-0065', 'Recovered from partial failover.'],
  ])('%s in the last 30 minutes is a recent failover too: nothing rebooted', async (eventId, Message) => {
    const world = truthfulWorld();
    world.events = [{ SourceIdentifier: ID, SourceType: 'db-instance' as const, Message, EventCategories: ['failover'], Date: T('11:50:00') }, ...failoverEvents()];
    mockWorld(world);
    const o = await context().observe(failover);
    expect(o).toMatchObject({ kind: 'recent', lastEventId: eventId, minutesAgo: 10 });
    expect(rds).not.toHaveReceivedCommand(RebootDBInstanceCommand);
  });

  test('a failover older than the 30 minutes looked at does not stop the run', async () => {
    const world = truthfulWorld();
    world.events = [...recentFailoverEvents().map((e) => ({ ...e, Date: new Date(e.Date!.getTime() - 40 * 60_000) })), ...failoverEvents()];
    const o = (await observeFor('I18.fails-over-to-standby', world)) as { kind: string };
    expect(o.kind).toBe('observed');
    expect(rds).toHaveReceivedCommandTimes(RebootDBInstanceCommand, 1);
  });

  test("AZ fields behind the address with no failover in the 30 minutes (third review F1): nothing is rebooted, every failover claim is inconclusive", async () => {
    // The address is already in the standby's subnet (us-east-1b) while AvailabilityZone still says
    // us-east-1a, and the failover RDS logged is 40 minutes old: "Rebooting a DB instance"
    // (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_RebootInstance.html) gives the
    // AZ change no bound ("might not be reflected ... for several minutes").
    const world = Object.assign(truthfulWorld(), { baseline: baselineAt('10.30.1.143') });
    world.events = recentFailoverEvents().map((e) => ({ ...e, Date: new Date(e.Date!.getTime() - 40 * 60_000) }));
    mockWorld(world);
    const ctx = context();
    const o = await ctx.observe(failover);
    expect(o).toMatchObject({ kind: 'refused' });
    expect(rds).not.toHaveReceivedCommand(RebootDBInstanceCommand);
    expect(ctx.progressLog.some((m) => m.startsWith("the endpoint's address is in a subnet of us-east-1b, where RDS shows the standby (AvailabilityZone us-east-1a, SecondaryAvailabilityZone us-east-1b)"))).toBe(true);
    for (const id of FAILOVER_CLAIMS) {
      const j = judgeLive(rdsMultiAzFailover, id, JSON.parse(JSON.stringify(o)));
      expect([id, j.outcome]).toEqual([id, 'inconclusive']);
      expect(j.judgement.observed).toContain('the AZ fields have not caught up with an earlier failover');
    }
  });

  test('a baseline that failed does not stop the failover (its own checks report it)', async () => {
    const world = truthfulWorld();
    mockWorld(world);
    lambda.on(InvokeCommand).callsFake(async (input) => {
      const { durationSeconds } = JSON.parse(new TextDecoder().decode(input.Payload));
      if (durationSeconds === BASELINE_SECONDS) return { StatusCode: 200, FunctionError: 'Unhandled', Payload: encode({ errorType: 'Error', errorMessage: 'boom' }) };
      return { StatusCode: 200, Payload: encode(world.windows.shift()) };
    });
    const ctx = context();
    await expect(ctx.observe(baseline)).rejects.toThrow();
    const o = (await ctx.observe(failover)) as { kind: string };
    expect(o.kind).toBe('observed');
  });

  test('a decline RDS words otherwise (no recognised RDS-EVENT-0034): nothing moved and no failover start within the wait is inconclusive, never a fail', async () => {
    const world = truthfulWorld();
    Object.assign(world, {
      afterPrimary: 'us-east-1a',
      afterSecondary: 'us-east-1b',
      pollsUntilAvailable: 0,
      windows: timeline('no-failover'),
      events: [{ ...declinedEvents()[0], Message: 'Not attempting the requested failover: a failover recently occurred on the DB instance.' }],
    });
    const o = await observeFor('I18.fails-over-to-standby', world);
    expect((o as { kind: string }).kind).toBe('observed');
    for (const id of FAILOVER_CLAIMS) {
      const j = judgeLive(rdsMultiAzFailover, id, o);
      expect([id, j.outcome]).toEqual([id, 'inconclusive']);
    }
    const j = judgeLive(rdsMultiAzFailover, 'I18.fails-over-to-standby', o);
    expect(j.reasons).toEqual([
      'the failover began (RDS logged RDS-EVENT-0013, or the primary or the address moved) (saw nothing failed over within 900 s of waiting and RDS logged no failover start (other messages: "Not attempting the requested failover: a failover recently occurred on the DB instance."): RDS may have declined it without a recognised RDS-EVENT-0034; wait and run again)',
    ]);
  });

  test('RDS logging the failover start while the primary stays put still fails I18 (what was exercised decides)', async () => {
    const world = truthfulWorld();
    Object.assign(world, stayedPut());
    const j = await check('I18.fails-over-to-standby', world);
    expect(j.outcome).toBe('fail');
    expect(j.reasons.some((r) => r.startsWith("the primary moved to the standby's AZ"))).toBe(true);
  });
});

describe('parseFailoverEvents', () => {
  // Messages as the Message column of "Amazon RDS event categories and event messages" gives them
  // (not its Notes column): https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_Events.Messages.html
  test('finds the start and the completion after it, by message, ignoring older events', () => {
    const events = failoverEvents();
    const older = { ...events[1], Date: T('10:00:00') };
    const e = parseFailoverEvents([older, ...events], T('11:59:00'));
    expect(e).toMatchObject({ started: T('12:00:27.120').getTime(), completed: T('12:01:04.300').getTime(), completedBy: 'RDS-EVENT-0015' });
    expect(e.declined).toBeUndefined();
    expect(e.messages.map((m) => m.eventId ?? null)).toEqual(['RDS-EVENT-0013', null, 'RDS-EVENT-0015', 'RDS-EVENT-0049']);
  });

  test('the literals are the Message column, word for word', () => {
    expect(RDS_EVENT_MESSAGES).toEqual({
      'RDS-EVENT-0013': 'Multi-AZ instance failover started.',
      'RDS-EVENT-0015': 'Multi-AZ failover to standby complete - DNS propagation may take a few minutes.',
      'RDS-EVENT-0034': 'Abandoning user requested failover since a failover recently occurred on the database instance.',
      'RDS-EVENT-0049': 'Multi-AZ instance failover completed.',
      'RDS-EVENT-0050': 'Multi-AZ instance activation started.',
      'RDS-EVENT-0051': 'Multi-AZ instance activation completed.',
      'RDS-EVENT-0065': 'Recovered from partial failover.',
    });
  });

  test("reads RDS-EVENT-0015 (the table's Message, which the old pattern missed) as a completion", () => {
    const e = parseFailoverEvents([
      { Message: MSG.started, Date: T('12:00:00'), EventCategories: ['failover'] },
      { Message: MSG.toStandbyComplete, Date: T('12:00:40'), EventCategories: ['failover'] },
    ]);
    expect(e).toMatchObject({ started: T('12:00:00').getTime(), completed: T('12:00:40').getTime(), completedBy: 'RDS-EVENT-0015' });
  });

  test('reads RDS-EVENT-0049 as a completion; case, spacing and the final period do not matter', () => {
    const e = parseFailoverEvents([
      { Message: 'Multi-AZ instance failover started', Date: T('12:00:00') },
      { Message: 'multi-az  instance failover completed.', Date: T('12:00:31') },
    ]);
    expect(e).toMatchObject({ started: T('12:00:00').getTime(), completed: T('12:00:31').getTime(), completedBy: 'RDS-EVENT-0049' });
  });

  test("does not read the Notes column's descriptions: they are not event messages", () => {
    const e = parseFailoverEvents([
      { Message: 'A Multi-AZ failover that resulted in the promotion of a standby DB instance has started.', Date: T('12:00:00') },
      { Message: 'A Multi-AZ failover that resulted in the promotion of a standby DB instance is complete. It may take several minutes for the DNS to transfer to the new primary DB instance.', Date: T('12:00:40') },
      { Message: "Amazon RDS isn't attempting a requested failover because a failover recently occurred on the DB instance.", Date: T('12:00:41') },
    ]);
    expect(e).toMatchObject({ started: undefined, completed: undefined, declined: undefined });
  });

  test('reads RDS-EVENT-0034 as a declined failover', () => {
    expect(parseFailoverEvents(declinedEvents()).declined).toBe(T('12:00:12').getTime());
  });

  test('an event of another category with the same words is not a failover event', () => {
    expect(eventIdOf({ Message: MSG.started, EventCategories: ['availability'] })).toBeUndefined();
    expect(eventIdOf({ Message: MSG.started })).toBe('RDS-EVENT-0013');
  });

  test('a completion without a start is not a failover', () => {
    const e = parseFailoverEvents([{ Message: MSG.completed, Date: T('12:00:40') }]);
    expect([e.started, e.completed]).toEqual([undefined, undefined]);
  });
});

/*
 * Second review (F1–F5). Each test below fails on the code before it.
 */
describe('rds-multi-az-failover second review F1: probing stops on the failover\'s outage, not on a blip before it', () => {
  /** The old primary's subnets and AZs, as DescribeDBInstances and DescribeSubnets give them. */
  const before = {
    availabilityZone: 'us-east-1a',
    secondaryAvailabilityZone: 'us-east-1b',
    subnets: SUBNETS.map((s) => ({ subnetId: s.SubnetId, cidrBlock: s.CidrBlock, availabilityZone: s.AvailabilityZone })),
  };

  test('a blip that ended before RDS logged the failover start does not stop probing', () => {
    const a = analyzeTimeline(probeWindow(T('12:00:00'), `...X${'.'.repeat(56)}`).attempts);
    expect(probingDone(a, before, T('12:01:12').getTime(), false)).toBe(false);
    // Even when RDS's start is not known yet.
    expect(probingDone(a, before, undefined, false)).toBe(false);
  });

  test('an outage with a brief recovery at the old address does not stop probing; the new address after an outage past the start does', () => {
    const midway = analyzeTimeline(probeWindow(T('12:00:00'), `${'.'.repeat(30)}${'X'.repeat(10)}${'.'.repeat(20)}`).attempts);
    expect(probingDone(midway, before, T('12:00:29').getTime(), false)).toBe(false);
    const done = analyzeTimeline([...probeWindow(T('12:00:00'), `${'.'.repeat(30)}${'X'.repeat(10)}${'.'.repeat(20)}`).attempts, ...probeWindow(T('12:01:00'), `${'X'.repeat(12)}xx${','.repeat(46)}`).attempts]);
    expect(probingDone(done, before, T('12:00:29').getTime(), false)).toBe(true);
  });

  /** RDS starts the failover 67 s after the request (no AWS page bounds that delay). */
  function slowStartEvents(): RdsEvent[] {
    const event = (Message: string, Date: Date) => ({ SourceIdentifier: ID, SourceType: 'db-instance' as const, Message, EventCategories: ['failover'], Date, SourceArn: `arn:aws:rds:us-east-1:123456789012:db:${ID}` });
    return [event(MSG.started, T('12:01:12')), event(MSG.toStandbyComplete, T('12:01:50')), event(MSG.completed, T('12:01:50'))];
  }

  test('one failed try before RDS started the failover: the probe goes on, the real outage and DNS move are judged, the blip is reported only', async () => {
    const world = Object.assign(truthfulWorld(), {
      events: slowStartEvents(),
      windows: [probeWindow(T('12:00:00'), `...X${'.'.repeat(56)}`), probeWindow(T('12:01:00'), `${'.'.repeat(15)}${'X'.repeat(17)}xx${','.repeat(26)}`)],
    });
    mockWorld(world);
    const o = await (await afterBaseline(context())).observe(failover);
    // Baseline aside, two failover windows: the old rule stopped after the first (an outage had ended).
    expect(lambda).toHaveReceivedCommandTimes(InvokeCommand, 2);
    for (const id of FAILOVER_CLAIMS) {
      const j = judgeLive(rdsMultiAzFailover, id, JSON.parse(JSON.stringify(o)));
      expect([id, j.outcome, j.reasons]).toEqual([id, 'pass', []]);
    }
    const j = judgeLive(rdsMultiAzFailover, 'I38.multi-az-rds-for-the-database', JSON.parse(JSON.stringify(o)));
    expect(figure(j, 'client-visible downtime (SSLRequest)')).toBe(19);
    expect(j.judgement.observed).toContain('before RDS started the failover (12:01:12 UTC) clients also lost the database once (1.0 s (1 failed try: connect:TIMEOUT ×1), recovered from 12:00:03 UTC): reported, not counted as the failover\'s');
  });

  test('I38: a blip before the failover is not its downtime: no failed try after RDS started, watched throughout, fails', async () => {
    const world = Object.assign(truthfulWorld(), { windows: [probeWindow(T('12:00:00'), `...X${'.'.repeat(44)}${','.repeat(192)}`)] });
    const j = await check('I38.multi-az-rds-for-the-database', world);
    expect(j.outcome).toBe('fail');
    expect(j.reasons).toContain('clients saw the failover interrupt them (a failed try after RDS started it, or ending on the move to the standby\'s address): expected yes, saw no try failed');
  });

  test('I18.endpoint: probing that ended before RDS logged the completion, address unchanged, is inconclusive, not a failed DNS move', async () => {
    // The probe's last try at 12:00:59, RDS's completion at 12:01:04.3.
    const j = await check('I18.endpoint-name-stays-dns-moves', Object.assign(truthfulWorld(), { windows: timeline('no-failover') }));
    expect(j.outcome).toBe('inconclusive');
    expect(j.reasons).toEqual([
      expect.stringMatching(/^the probe saw the name resolve to another address \(a DNS move is judged only once seen: .*\) \(saw probing ended at 12:00:59 UTC, 5\.\d s before RDS logged the completion at 12:01:04 UTC, with the name still resolving to 10\.30\.0\.87 \(us-east-1a\)\)$/),
    ]);
  });
});

describe('rds-multi-az-failover second review F2: the 15-minute wait for the AZ fields is the check\'s own, and never refutes a failover RDS and the DNS show', () => {
  test('the AZ fields never show the move within 15 minutes, while RDS logged the completion and the address moved to the standby\'s subnet: every failover claim inconclusive, not failed', async () => {
    const world = Object.assign(truthfulWorld(), { afterPrimary: 'us-east-1a', afterSecondary: 'us-east-1b', pollsUntilAvailable: 0 });
    const o = await observeFor('I18.fails-over-to-standby', world);
    for (const id of FAILOVER_CLAIMS) {
      const j = judgeLive(rdsMultiAzFailover, id, o);
      expect([id, j.outcome]).toEqual([id, 'inconclusive']);
      // "Rebooting a DB instance" (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_RebootInstance.html):
      // the AZ change "might not be reflected ... in calls to the AWS CLI and RDS API, for several minutes".
      expect(j.reasons).toEqual([
        "RDS finished and its AZ fields showed where the primary is within this check's 15-minute wait (its own choice: AWS says the AZ change \"might not be reflected ... in calls to the AWS CLI and RDS API, for several minutes\") (saw after 15 minutes AvailabilityZone still shows us-east-1a (status available), while the endpoint's address moved to the standby's subnet in us-east-1b and RDS logged the completion at 12:01:04 UTC; run `aws rds describe-db-instances` in a few minutes to see them agree)",
      ]);
    }
    expect(judgeLive(rdsMultiAzFailover, 'I18.fails-over-to-standby', o).judgement.method).toContain("for at most 15 minutes (this check's choice");
  });

  test('RDS still failing over when the wait runs out (no completion, not available): inconclusive, never a fail', async () => {
    const world = Object.assign(truthfulWorld(), { windows: timeline('never-recovers'), pollsUntilAvailable: Infinity, events: failoverEvents().filter((e) => !/complete/.test(e.Message!)) });
    const o = await observeFor('I18.fails-over-to-standby', world);
    for (const id of FAILOVER_CLAIMS) {
      const j = judgeLive(rdsMultiAzFailover, id, o);
      expect([id, j.outcome]).toEqual([id, 'inconclusive']);
      expect(j.reasons.some((r) => r.includes('RDS logged no completion: the failover was still under way when the check stopped waiting'))).toBe(true);
    }
  });
});

describe('rds-multi-az-failover second review F3: the completion event is read with a bounded wait', () => {
  test('the instance shows available in the other AZ before DescribeEvents shows RDS-EVENT-0015/-0049: the check reads again and every claim passes', async () => {
    const world = Object.assign(truthfulWorld(), { completionHiddenCalls: 3 });
    mockWorld(world);
    const ctx = context();
    const o = await ctx.observe(failover);
    expect(o).toMatchObject({ kind: 'observed', completionWaitedSeconds: 30, events: { completed: T('12:01:04.300').getTime() } });
    for (const id of FAILOVER_CLAIMS) {
      const j = judgeLive(rdsMultiAzFailover, id, JSON.parse(JSON.stringify(o)));
      expect([id, j.outcome, j.reasons]).toEqual([id, 'pass', []]);
    }
    expect(ctx.progressLog.some((m) => m.startsWith('the instance is available in the other AZ; RDS has logged no failover completion yet'))).toBe(true);
  });

  test('a completion RDS never logs within the 2 minutes: I18 and I23 inconclusive (a missing event within the check\'s own wait refutes nothing), the wait bounded', async () => {
    const world = Object.assign(truthfulWorld(), { completionHiddenCalls: Infinity });
    const o = (await observeFor('I18.fails-over-to-standby', world)) as { completionWaitedSeconds?: number };
    expect(o.completionWaitedSeconds).toBe(COMPLETION_WAIT_MS / 1000);
    for (const id of ['I18.fails-over-to-standby', 'I23.automatic-failover-is-not-aurora-only']) {
      const j = judgeLive(rdsMultiAzFailover, id, o);
      expect([id, j.outcome]).toEqual([id, 'inconclusive']);
      expect(j.reasons).toEqual([
        "RDS's failover events (RDS-EVENT-0013, then RDS-EVENT-0015 or -0049) were readable within this check's wait (120 s after the instance was available in the other AZ, its own choice: AWS gives no delay for DescribeEvents) (saw RDS logged the failover start at 12:00:27 UTC but no completion after reading DescribeEvents for 120 s once the instance was available in the other AZ)",
      ]);
    }
  });
});

describe('rds-multi-az-failover second review F4: RebootDBInstance whose first reply was lost', () => {
  test('the SDK retried and RDS answered InvalidDBInstanceState (the instance is rebooting from the first attempt): the failover counts as requested and is watched', async () => {
    const world = truthfulWorld();
    // What the SDK throws when its first attempt reached RDS but the reply was lost, and its retry
    // found the instance rebooting: InvalidDBInstanceState ("The DB instance isn't in a valid
    // state.", HTTP 400: RebootDBInstance, Errors, https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_RebootDBInstance.html)
    // with $metadata.attempts 2 (set by the SDK's retry middleware; reboot-retry.test.ts shows it on the wire).
    world.rebootAnswer = () => {
      throw new InvalidDBInstanceStateFault({ message: `Instance ${ID} is not in available state.`, $metadata: { httpStatusCode: 400, attempts: 2, requestId: 'b6a1c0de-0000-4000-8000-000000000002' } });
    };
    mockWorld(world);
    const ctx = context();
    const o = await ctx.observe(failover);
    expect(o).toMatchObject({ kind: 'observed' });
    expect((o as { rebootNote?: string }).rebootNote).toMatch(/^RebootDBInstance's first attempt got no reply and the SDK's retry \(attempt 2\) was answered InvalidDBInstanceState/);
    for (const id of FAILOVER_CLAIMS) {
      const j = judgeLive(rdsMultiAzFailover, id, JSON.parse(JSON.stringify(o)));
      expect([id, j.outcome, j.reasons]).toEqual([id, 'pass', []]);
    }
    // The check waited for RDS (the old code returned "refused" at once).
    expect(pollsAfterReboot).toBeGreaterThan(world.pollsUntilAvailable);
  });

  test('no answer at all, and RDS logs the failover start right after: accepted', async () => {
    const world = truthfulWorld();
    world.rebootAnswer = () => {
      throw Object.assign(new Error('socket hang up'), { name: 'TimeoutError', code: 'ECONNRESET', $metadata: { attempts: 3 } });
    };
    const o = (await observeFor('I18.fails-over-to-standby', world)) as { kind: string; rebootNote?: string };
    expect(o.kind).toBe('observed');
    expect(o.rebootNote).toMatch(/but RDS logged the failover start \(RDS-EVENT-0013\) right after: the request reached RDS/);
  });

  test('no answer at all and no failover in RDS\'s events: an error about the caller\'s network, not a verdict', async () => {
    const world = truthfulWorld();
    world.rebootError = Object.assign(new Error('connect ETIMEDOUT 52.94.1.1:443'), { name: 'TimeoutError', code: 'ETIMEDOUT', $metadata: { attempts: 3 } });
    mockWorld(world);
    await expect(context().observe(failover)).rejects.toThrow(/^RebootDBInstance got no answer from RDS \(TimeoutError: connect ETIMEDOUT 52\.94\.1\.1:443\) and RDS logged no failover within 60 s: most likely your network/);
  });

  test('InvalidDBInstanceState on the first attempt with no failover after it is still a refusal (inconclusive)', async () => {
    const world = truthfulWorld();
    world.rebootError = new InvalidDBInstanceStateFault({ message: `DB instance ${ID} is not in available state.`, $metadata: { httpStatusCode: 400, attempts: 1 } });
    const j = judgeLive(rdsMultiAzFailover, 'I18.fails-over-to-standby', await observeFor('I18.fails-over-to-standby', world));
    expect(j.outcome).toBe('inconclusive');
  });
});

describe('rds-multi-az-failover second review F5: B25\'s live pass covers the placement only', () => {
  test('a B25 pass says that the fault tolerance itself was not exercised', async () => {
    const j = await check('B25.rds-spans-two-azs', truthfulWorld());
    expect(j.outcome).toBe('pass');
    expect(j.judgement.notExercised).toMatch(/^the fault tolerance itself: this check reads the placement only/);
  });
});

/*
 * Fourth review (F1–F5). Each test below fails on the code before it.
 */
describe('rds-multi-az-failover fourth review F1: B25 never fails on a state the failover observation calls a lag', () => {
  /** The address already in us-east-1b (the standby's subnet as DescribeDBInstances still shows it); `earlierMinutes`: recentFailoverEvents moved back. */
  function standbySide(earlierMinutes: number | undefined): World {
    const events = earlierMinutes === undefined ? [] : recentFailoverEvents().map((e) => ({ ...e, Date: new Date(e.Date!.getTime() - earlierMinutes * 60_000) }));
    return Object.assign(truthfulWorld(), { baseline: baselineAt('10.30.1.143'), events });
  }

  test.each([
    // The completion at 11:39:49, 20 minutes before the check's 12:00.
    ['a failover 20 minutes ago (past the old 15-minute look-back, inside the failover\'s 30)', 13, 'RDS logged a failover at 11:39:49 UTC'],
    ['no failover logged in the 30 minutes', undefined, 'RDS logged no failover in the last 30 minutes'],
  ])('%s: B25 inconclusive, not failed, and the failover observation reboots nothing', async (_label, minutesAgo, said) => {
    const world = standbySide(minutesAgo);
    mockWorld(world);
    const ctx = context();
    const { results } = await runLiveChecks(rdsMultiAzFailover, ctx, noCatalog);
    const b25 = results.find((r) => r.claim === 'B25.rds-spans-two-azs')!;
    expect(b25.outcome).toBe('inconclusive');
    expect(b25.reasons).toEqual([expect.stringContaining(said)]);
    // The failover claims agree: nothing is judged from the same AWS state (recent, or the fields behind the address).
    for (const id of FAILOVER_CLAIMS) expect([id, results.find((r) => r.claim === id)!.outcome]).toEqual([id, 'inconclusive']);
    expect(rds).not.toHaveReceivedCommand(RebootDBInstanceCommand);
  });

  test('the placement is still judged beside an unjudged address: primary and standby in one AZ fails', async () => {
    const world = Object.assign(standbySide(undefined), { secondary: 'us-east-1a' });
    const j = await check('B25.rds-spans-two-azs', world);
    expect(j.outcome).toBe('fail');
    expect(j.reasons).toContain('primary and standby in two different AZs: expected yes, saw primary in us-east-1a, standby in us-east-1a');
  });
});

describe('rds-multi-az-failover fourth review F2: how long probing lasted after RDS\'s completion never decides a DNS or recovery fail', () => {
  /*
   * RDS-EVENT-0015, "Amazon RDS event categories and event messages"
   * (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_Events.Messages.html#USER_Events.Messages.instance):
   * Message "Multi-AZ failover to standby complete - DNS propagation may take a few minutes.", Notes
   * "It may take several minutes for the DNS to transfer to the new primary DB instance." No bound.
   */
  test('RDS logged the completion, the AZ fields swapped, and clients still fail at the old address when probing ends: every failover claim inconclusive, with the margin', async () => {
    // Failing at the old primary's address (12:00:12 on) until the last of 12 windows; completion logged at 12:01:04.
    const o = await observeFor('I18.fails-over-to-standby', Object.assign(truthfulWorld(), { windows: timeline('never-recovers') }));
    for (const id of FAILOVER_CLAIMS) {
      const j = judgeLive(rdsMultiAzFailover, id, o);
      expect([id, j.outcome]).toEqual([id, 'inconclusive']);
      expect(j.reasons.join(' ')).toMatch(/probing ended [\d.]+ s after RDS logged the completion at 12:01:04 UTC, with the name still resolving to 10\.30\.0\.87 \(us-east-1a\) \(RDS-EVENT-0015's note: "It may take several minutes for the DNS to transfer to the new primary DB instance", with no bound\)/);
    }
  });

  test('I18.endpoint: watched for three minutes past the completion with the name never moving is inconclusive, not a failed DNS move', async () => {
    const j = await check('I18.endpoint-name-stays-dns-moves', Object.assign(truthfulWorld(), { windows: [allUp(T('12:00:00'), 240)] }));
    expect(j.outcome).toBe('inconclusive');
    expect(j.reasons).toEqual([expect.stringContaining('(saw probing ended 174.7 s after RDS logged the completion at 12:01:04 UTC, with the name still resolving to 10.30.0.87 (us-east-1a)')]);
    expect(j.judgement.observed).toContain('the address did NOT change (probing ended 174.7 s after RDS logged the completion');
    expect(j.judgement.method).toContain('a name that had not moved when probing ended is reported with the margin');
  });

  test('a short --window: twelve 30 s windows end soon after the completion while DNS still points at the old primary: inconclusive, never failed', async () => {
    // Window 1 from 12:00:00, the outage from 12:00:27 at the old address, through every window.
    const windows = Array.from({ length: 12 }, (_, i) => probeWindow(new Date(T('12:00:00').getTime() + i * 31_000), i === 0 ? `${'.'.repeat(27)}XXX` : 'X'.repeat(30)));
    const o = await observeFor('I38.multi-az-rds-for-the-database', Object.assign(truthfulWorld(), { windows }), { window: '30' });
    // The baseline's window aside, the twelve 30 s windows ran out (about 5.5 minutes after the request).
    expect(lambda.commandCalls(InvokeCommand).filter((c) => JSON.parse(new TextDecoder().decode(c.args[0].input.Payload as Uint8Array)).durationSeconds === 30)).toHaveLength(12);
    for (const id of FAILOVER_CLAIMS) expect([id, judgeLive(rdsMultiAzFailover, id, o).outcome]).toEqual([id, 'inconclusive']);
  });

  test('the name moved and the new address still refuses when probing ends: the recovery is judged (a fail), the margin is the run\'s own', async () => {
    const j = await check('I38.multi-az-rds-for-the-database', Object.assign(truthfulWorld(), { windows: [movedNeverAnswers()] }));
    expect(j.outcome).toBe('fail');
    expect(j.reasons).toEqual(expect.arrayContaining(['the endpoint answers again at the end: expected yes, saw no: the last tries failed']));
  });
});

describe('rds-multi-az-failover fourth review F3: I23 does not fail when the probe saw no failed try', () => {
  test('the outage fell between two windows (no try failed after RDS started, the name moved): I23 passes, I38 is inconclusive', async () => {
    // Window 1 ends at 12:00:20 at the old address; window 2 starts at 12:01:10 at the new one.
    const world = Object.assign(truthfulWorld(), { windows: [allUp(T('12:00:00'), 21), probeWindow(T('12:01:10'), ','.repeat(60))] });
    const o = await observeFor('I23.automatic-failover-is-not-aurora-only', world);
    const i23 = judgeLive(rdsMultiAzFailover, 'I23.automatic-failover-is-not-aurora-only', o);
    expect([i23.outcome, i23.reasons]).toEqual(['pass', []]);
    expect(i23.judgement.expectations.find((e) => e.what.startsWith('clients recovered'))?.actual).toBe('no try failed after RDS started the failover: none to recover');
    expect(judgeLive(rdsMultiAzFailover, 'I38.multi-az-rds-for-the-database', o).outcome).toBe('inconclusive');
  });
});

/*
 * Fifth review (F1-F4). The tests of a fix fail on the code before it; those that assert a fail or an
 * inconclusive stays one guard the fix's limits.
 */
describe('rds-multi-az-failover fifth review F1: an outage that ended on the move to the standby is the failover\'s, whatever RDS-EVENT-0013\'s Date', () => {
  /*
   * "Event" (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_Event.html): Date
   * "Specifies the date and time of the event", and no AWS page orders it with what clients see.
   * Messages: the Message column of "Amazon RDS event categories and event messages" (RDS-EVENT-0013,
   * RDS-EVENT-0049), https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_Events.Messages.html#USER_Events.Messages.instance
   */
  function lateStartEvents(): RdsEvent[] {
    const event = (Message: string, Date: Date) => ({ SourceIdentifier: ID, SourceType: 'db-instance' as const, Message, EventCategories: ['failover'], Date, SourceArn: `arn:aws:rds:us-east-1:123456789012:db:${ID}` });
    return [event(MSG.started, T('12:00:40')), event(MSG.completed, T('12:00:55'))];
  }
  // Failing at the old primary's address from 12:00:12, answered at the standby's from 12:00:35.
  const outageThenMove = () => probeWindow(T('12:00:00'), `${'.'.repeat(12)}${'X'.repeat(23)}${','.repeat(25)}`);

  test('RDS dates the start 5 s after clients were back at the standby\'s address: I38 passes on the 23 s outage, which is not reported as a blip', async () => {
    const world = Object.assign(truthfulWorld(), { events: lateStartEvents(), windows: [outageThenMove()] });
    const o = await observeFor('I38.multi-az-rds-for-the-database', world);
    for (const id of FAILOVER_CLAIMS) {
      const j = judgeLive(rdsMultiAzFailover, id, o);
      expect([id, j.outcome, j.reasons]).toEqual([id, 'pass', []]);
    }
    const j = judgeLive(rdsMultiAzFailover, 'I38.multi-az-rds-for-the-database', o);
    expect(figure(j, 'client-visible downtime (SSLRequest)')).toBe(23);
    expect(j.judgement.observed).not.toContain('before RDS started the failover');
  });

  test('an outage that ended at the old address before RDS\'s start is still a blip: watched throughout, no later failed try, I38 fails', async () => {
    const world = Object.assign(truthfulWorld(), { events: lateStartEvents(), windows: [probeWindow(T('12:00:00'), `${'.'.repeat(12)}${'X'.repeat(23)}${'.'.repeat(5)}${','.repeat(20)}`)] });
    const j = await check('I38.multi-az-rds-for-the-database', world);
    expect(j.outcome).toBe('fail');
    expect(j.judgement.observed).toContain('before RDS started the failover (12:00:40 UTC) clients also lost the database once (23.0 s');
  });

  test('probing stops on an outage that ended on the move to the standby\'s subnet, even before RDS\'s start Date', () => {
    const before = { availabilityZone: 'us-east-1a', secondaryAvailabilityZone: 'us-east-1b', subnets: SUBNETS.map((s) => ({ subnetId: s.SubnetId, cidrBlock: s.CidrBlock, availabilityZone: s.AvailabilityZone })) };
    expect(probingDone(analyzeTimeline(outageThenMove().attempts), before, T('12:00:40').getTime(), false)).toBe(true);
  });
});

describe('rds-multi-az-failover fifth review F2: B25 does not fail a Multi-AZ instance whose DescribeDBInstances leaves SecondaryAvailabilityZone out', () => {
  /* "DBInstance" (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DBInstance.html): SecondaryAvailabilityZone "If present, ...". */
  test('MultiAZ true, available, no SecondaryAvailabilityZone (a standby being rebuilt?): inconclusive, saying so', async () => {
    const j = await check('B25.rds-spans-two-azs', Object.assign(truthfulWorld(), { secondary: undefined }));
    expect(j.outcome).toBe('inconclusive');
    expect(j.reasons).toEqual([expect.stringContaining('but no SecondaryAvailabilityZone (primary in us-east-1a): the standby may be being rebuilt')]);
  });

  test('the same instance with its address outside the primary\'s AZ still fails on the address', async () => {
    const j = await check('B25.rds-spans-two-azs', Object.assign(truthfulWorld(), { secondary: undefined, baseline: baselineAt('10.30.9.9') }));
    expect(j.outcome).toBe('fail');
    expect(j.reasons).toContain("the endpoint's address is in the primary's AZ: expected yes, saw no: 10.30.9.9 is in no subnet of the group, primary in us-east-1a");
  });
});

// "DBInstance": SecondaryAvailabilityZone "If present, ..." (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DBInstance.html).
describe('rds-multi-az-failover final review F1: no reboot while RDS shows no standby AZ', () => {
  test('a Multi-AZ instance without SecondaryAvailabilityZone is not rebooted: the failover claims are inconclusive, saying why', async () => {
    const world = Object.assign(truthfulWorld(), { secondary: undefined });
    const o = await observeFor('I38.multi-az-rds-for-the-database', world);
    expect(rds).not.toHaveReceivedCommand(RebootDBInstanceCommand);
    for (const id of FAILOVER_CLAIMS) {
      const j = judgeLive(rdsMultiAzFailover, id, o);
      expect([id, j.outcome]).toEqual([id, 'inconclusive']);
      expect(j.judgement.observed).toContain('shows no SecondaryAvailabilityZone for the Multi-AZ instance');
    }
  });
});

describe('rds-multi-az-failover fifth review F3: with readiness on, probing does not stop while logins are still refused', () => {
  test('the last tries answer the SSLRequest at the standby\'s address but refuse logins (57P03): not done; once logins are accepted: done', () => {
    const before = { availabilityZone: 'us-east-1a', secondaryAvailabilityZone: 'us-east-1b', subnets: SUBNETS.map((s) => ({ subnetId: s.SubnetId, cidrBlock: s.CidrBlock, availabilityZone: s.AvailabilityZone })) };
    const w = probeWindow(T('12:00:00'), `${'.'.repeat(10)}${'X'.repeat(20)}${','.repeat(30)}`);
    // The handler's shape for a refused login: the SSLRequest answered, ready false, the server's SQLSTATE.
    const starting = w.attempts.map((t, i) => (i >= 57 ? { ...t, ready: false, sqlstate: '57P03' } : t));
    const started = T('12:00:09').getTime();
    expect(probingDone(analyzeTimeline(starting), before, started, false, analyzeTimeline(starting, { level: 'ready' }))).toBe(false);
    expect(probingDone(analyzeTimeline(w.attempts), before, started, false, analyzeTimeline(w.attempts, { level: 'ready' }))).toBe(true);
  });
});

describe('rds-multi-az-failover fifth review F4: the tail after clients were back is not called unwatched', () => {
  function slowCompletion(): RdsEvent[] {
    const event = (Message: string, Date: Date) => ({ SourceIdentifier: ID, SourceType: 'db-instance' as const, Message, EventCategories: ['failover'], Date, SourceArn: `arn:aws:rds:us-east-1:123456789012:db:${ID}` });
    return [event(MSG.started, T('12:00:14')), event(MSG.completed, T('12:01:30'))];
  }

  test('an outage seen to end at the standby\'s address, RDS completing 31 s after the last try: no "may be longer than measured"', async () => {
    const world = Object.assign(truthfulWorld(), { events: slowCompletion(), windows: [probeWindow(T('12:00:00'), `${'.'.repeat(12)}${'X'.repeat(23)}${','.repeat(25)}`)] });
    const j = await check('I38.multi-az-rds-for-the-database', world);
    expect([j.outcome, j.reasons]).toEqual(['pass', []]);
    expect(j.judgement.observed).not.toContain('may be longer than measured');
  });

  test('no failed try and the same tail at the old address: still inconclusive, naming the stretch after the last try', async () => {
    const world = Object.assign(truthfulWorld(), { events: slowCompletion(), windows: [allUp(T('12:00:00'), 60)] });
    const j = await check('I38.multi-az-rds-for-the-database', world);
    expect(j.outcome).toBe('inconclusive');
    expect(j.reasons.join(' ')).toContain('s after the last try, until the failover ended at 12:01:30 UTC');
  });
});
