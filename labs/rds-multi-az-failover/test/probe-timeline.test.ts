import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  analyzeTimeline,
  describeOutage,
  failureReason,
  ipv4InCidr,
  isUp,
  mergeWindows,
  type ProbeAttempt,
  type ProbeWindow,
  zoneOfAddress,
} from '../probe-timeline';

/**
 * Timelines in the exact format the probe function returns (one window per invocation). They are
 * synthetic, shaped on what a forced failover of a Multi-AZ PostgreSQL instance looks like to a
 * client: the old primary's address stops answering (resets, then connect timeouts), DNS moves,
 * the new address refuses connections, then answers 57P03 "starting up", then accepts logins.
 */
function fixture(name: string): ProbeWindow[] {
  return JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', `timeline-${name}.json`), 'utf8'));
}

const OLD = '10.30.0.87';
const NEW = '10.30.1.143';
const SUBNETS = [
  { subnetId: 'subnet-0a1b2c3d4e5f60001', cidrBlock: '10.30.0.0/24', availabilityZone: 'us-east-1a' },
  { subnetId: 'subnet-0a1b2c3d4e5f60002', cidrBlock: '10.30.1.0/24', availabilityZone: 'us-east-1b' },
];

function attempt(overrides: Partial<ProbeAttempt>): ProbeAttempt {
  return { seq: 1, at: 0, ms: 20, phase: 'done', ok: true, address: OLD, ttl: 5, sslAnswer: 'S', ready: true, ...overrides };
}

describe('a recorded failover', () => {
  const windows = fixture('failover');
  const attempts = mergeWindows(windows);

  test('the client-visible downtime is the run of failed tries, from the first failure to the first answer', () => {
    const a = analyzeTimeline(attempts);
    expect(a).toMatchObject({ level: 'answers', attempts: 240, up: 223, down: 17, endsHealthy: true, maxTtl: 5 });
    expect(a.outages).toHaveLength(1);
    expect(a.longest).toEqual({
      startAt: attempts[27].at,
      endAt: attempts[44].at,
      lastUpAt: attempts[26].at,
      recovered: true,
      seconds: 17,
      failedAttempts: 17,
      reasons: { 'ssl:ECONNRESET': 1, 'connect:TIMEOUT': 13, 'connect:ECONNREFUSED': 3 },
    });
    expect(describeOutage(a.longest!)).toBe('17.0 s (17 failed tries: connect:TIMEOUT ×13, connect:ECONNREFUSED ×3, ssl:ECONNRESET ×1), recovered');
  });

  test('the resolved address moves once, from the old primary subnet to the new one, 14 s into the outage', () => {
    const a = analyzeTimeline(attempts);
    expect(a.addressChanges).toEqual([{ at: attempts[41].at, from: OLD, to: NEW }]);
    expect((a.addressChanges[0].at - a.longest!.startAt) / 1000).toBeCloseTo(14, 0);
    expect([a.firstAddress, a.lastAddress]).toEqual([OLD, NEW]);
    expect(zoneOfAddress(a.firstAddress, SUBNETS)).toBe('us-east-1a');
    expect(zoneOfAddress(a.lastAddress, SUBNETS)).toBe('us-east-1b');
  });

  test('at the ready level, tries answered with 57P03 (starting up) still count as down', () => {
    const a = analyzeTimeline(attempts, { level: 'ready' });
    expect(a.longest).toMatchObject({ seconds: 19, failedAttempts: 19, recovered: true, reasons: expect.objectContaining({ '57P03': 2 }) });
  });
});

describe('a recorded timeline without a failover', () => {
  test('has no outage, no address change, and ends healthy', () => {
    const a = analyzeTimeline(mergeWindows(fixture('no-failover')));
    expect(a).toMatchObject({ attempts: 60, up: 60, down: 0, outages: [], addressChanges: [], endsHealthy: true, gaps: [] });
    expect(a.longest).toBeUndefined();
    expect(a.firstAddress).toBe(a.lastAddress);
  });
});

describe('a recorded timeline where the database never comes back', () => {
  const a = analyzeTimeline(mergeWindows(fixture('never-recovers')));

  test('reports one outage, not recovered, whose length is a lower bound up to the end of the last try', () => {
    expect(a.outages).toHaveLength(1);
    expect(a.longest).toMatchObject({ recovered: false, failedAttempts: 468, seconds: 469.3, reasons: { 'connect:TIMEOUT': 308, 'dns:TIMEOUT': 160 } });
    expect(a.longest!.endAt).toBeUndefined();
    expect(a.endsHealthy).toBe(false);
    expect(describeOutage(a.longest!)).toBe('at least 469.3 s (468 failed tries: connect:TIMEOUT ×308, dns:TIMEOUT ×160), NOT recovered when probing ended');
  });

  test('tries that could not resolve the name keep the last address known', () => {
    expect(a.addressChanges).toEqual([]);
    expect(a.lastAddress).toBe(OLD);
  });
});

describe('a recorded outage across two probe windows', () => {
  const windows = fixture('across-windows');

  test('windows merge in time order, whatever order they arrive in', () => {
    const merged = mergeWindows([windows[1], windows[0]]);
    expect(merged.map((t) => t.at)).toEqual([...merged.map((t) => t.at)].sort((x, y) => x - y));
    expect(merged).toHaveLength(120);
  });

  test('the longest outage wins over an earlier one-try blip, and spans the pause between windows', () => {
    const a = analyzeTimeline(mergeWindows(windows));
    expect(a.outages.map((o) => o.failedAttempts)).toEqual([1, 23]);
    expect(a.longest).toMatchObject({ failedAttempts: 23, seconds: 24.6, recovered: true });
    expect(a.gaps).toEqual([{ from: windows[0].attempts[59].at + windows[0].attempts[59].ms, to: windows[1].attempts[0].at, seconds: 1.7 }]);
    expect(a.addressChanges).toHaveLength(1);
  });
});

describe('analyzeTimeline edge cases', () => {
  test('an empty timeline has nothing and does not end healthy', () => {
    expect(analyzeTimeline([])).toMatchObject({ attempts: 0, outages: [], addressChanges: [], endsHealthy: false, gaps: [] });
  });

  test('ending healthy takes healthyTail tries that are up', () => {
    const two = [attempt({ seq: 1, at: 0 }), attempt({ seq: 2, at: 1000 })];
    expect(analyzeTimeline(two).endsHealthy).toBe(false);
    expect(analyzeTimeline(two, { healthyTail: 2 }).endsHealthy).toBe(true);
  });

  test('a timeline that starts down has an outage without a try up before it', () => {
    const tries = [attempt({ seq: 1, at: 0, ok: false, phase: 'connect', error: 'TIMEOUT' }), ...[1, 2, 3].map((i) => attempt({ seq: i + 1, at: i * 1000 }))];
    expect(analyzeTimeline(tries).longest).toMatchObject({ startAt: 0, endAt: 1000, lastUpAt: undefined, seconds: 1 });
  });

  test('unsorted tries are sorted before analysis', () => {
    const tries = [attempt({ seq: 2, at: 1000, ok: false, phase: 'connect', error: 'ECONNREFUSED' }), attempt({ seq: 1, at: 0 }), attempt({ seq: 3, at: 2000 })];
    expect(analyzeTimeline(tries).longest).toMatchObject({ startAt: 1000, endAt: 2000, lastUpAt: 0 });
  });
});

describe('isUp and failureReason', () => {
  test('answers level needs the SSLRequest answer; ready level also needs a login to be possible', () => {
    const starting = attempt({ ready: false, sqlstate: '57P03' });
    expect([isUp(starting, 'answers'), isUp(starting, 'ready')]).toEqual([true, false]);
    expect(failureReason(starting, 'ready')).toBe('57P03');
    expect(failureReason(attempt({ ok: false, phase: 'dns', error: 'ENOTFOUND', address: undefined }))).toBe('dns:ENOTFOUND');
    expect(failureReason(attempt({ ok: false, phase: 'ssl', error: undefined }))).toBe('ssl:failed');
  });
});

describe('ipv4InCidr and zoneOfAddress', () => {
  test.each([
    ['10.30.0.87', '10.30.0.0/24', true],
    ['10.30.1.143', '10.30.0.0/24', false],
    ['10.30.1.143', '10.30.0.0/16', true],
    ['192.168.1.1', '0.0.0.0/0', true],
    ['10.0.0.1', '10.0.0.1/32', true],
    ['10.0.0.2', '10.0.0.1/32', false],
    ['10.0.0.256', '10.0.0.0/24', false],
    ['not-an-ip', '10.0.0.0/24', false],
    ['10.0.0.1', '10.0.0.0/33', false],
  ])('%s in %s: %s', (address, cidr, inside) => {
    expect(ipv4InCidr(address, cidr)).toBe(inside);
  });

  test('an address in no subnet of the group has no zone', () => {
    expect(zoneOfAddress('10.99.0.1', SUBNETS)).toBeUndefined();
    expect(zoneOfAddress(undefined, SUBNETS)).toBeUndefined();
  });
});
