/**
 * The checks of B25, I18, I38, I23 and the Multi-AZ part of A1: for each catalog claim, the
 * template evidence that the lab is built to show it and the live evidence of what RDS and its
 * clients see. Claim text lives in catalog/.
 *
 * Every failover check shares one precondition: a failover was really attempted (a Multi-AZ
 * instance, RebootDBInstance with ForceFailover accepted, and RDS did not decline it because of a
 * recent failover, RDS-EVENT-0034). Without one the run says nothing about the claims.
 */
import {
  expectAtLeast,
  expectEqual,
  expectThat,
  type Expectation,
  type Figure,
  type Judgement,
  type Precondition,
  requires,
} from '../../lib/lab-kit/checks/judgement';
import { type ClaimCheck, live } from '../../lib/lab-kit/checks/lab-definition';
import { describeDatabase, type Facts } from './facts';
import { type BaselineObservation, baseline, failover, type FailoverObservation } from './observe';
import { describeOutage, type TimelineAnalysis } from './probe-timeline';

const BASELINE_METHOD =
  'RDS DescribeDBInstances (MultiAZ, AvailabilityZone, SecondaryAvailabilityZone, Endpoint, DBSubnetGroup, ReadReplicaDBInstanceIdentifiers), ' +
  'EC2 DescribeSubnets for the subnet CIDR blocks, and 5 s of the in-VPC probe (DNS resolve + TCP connect + PostgreSQL SSLRequest, once a second); ' +
  "when the address is in the standby's AZ, DescribeEvents over the last 15 minutes: after a recent failover the AZ fields can lag the move, and the standby's AZ is accepted";
const FAILOVER_METHOD =
  'the in-VPC probe runs once a second (DNS resolve of the endpoint, TCP connect to the address, PostgreSQL SSLRequest, then a credential-free StartupMessage for readiness) ' +
  'while RebootDBInstance with ForceFailover runs; DescribeDBInstances every 10 s until the instance is available in the other AZ; DescribeEvents for the failover events. ' +
  'Downtime = first failed try to first successful try (resolution 1 s)';
const REFUSED_METHOD = 'RDS DescribeDBInstances (MultiAZ) and RebootDBInstance with ForceFailover';

const seconds = (ms: number) => Math.round(ms / 100) / 10;
const clock = (ms: number | undefined) => (ms === undefined ? '?' : `${new Date(ms).toISOString().slice(11, 19)} UTC`);
const yesNo = (met: boolean, no: string) => (met ? 'yes' : `no: ${no}`);

type Observed = Extract<FailoverObservation, { kind: 'observed' }>;

/** Primary and standby swapped: the old standby's AZ is the primary's now. */
function swapped(o: Observed): boolean {
  const { before, after } = o;
  return (
    !!before.secondaryAvailabilityZone &&
    after.availabilityZone === before.secondaryAvailabilityZone &&
    (after.secondaryAvailabilityZone === undefined || after.secondaryAvailabilityZone === before.availabilityZone)
  );
}

function azMove(o: Observed): string {
  const { before, after } = o;
  return swapped(o)
    ? `primary moved from ${before.availabilityZone} to ${after.availabilityZone} (standby now ${after.secondaryAvailabilityZone ?? 'being rebuilt'})`
    : `primary did NOT move: ${before.availabilityZone} before, ${after.availabilityZone ?? '?'} after (status ${after.status}, secondary ${after.secondaryAvailabilityZone ?? 'none'})`;
}

/** RDS declined the forced failover because one happened recently (RDS-EVENT-0034), and none started. */
function declined(o: Observed): boolean {
  return o.events.declined !== undefined && o.events.started === undefined;
}

function eventsText(o: Observed): string {
  const e = o.events;
  if (declined(o)) return `RDS declined the failover because one happened recently (RDS-EVENT-0034 at ${clock(e.declined)}): wait and run the check again`;
  if (e.started === undefined) return 'RDS logged no "Multi-AZ instance failover started" event';
  if (e.completed === undefined) return `RDS logged the failover start at ${clock(e.started)} but no completion`;
  return `RDS logged the failover start at ${clock(e.started)} and its completion at ${clock(e.completed)} (${seconds(e.completed - e.started)} s)`;
}

function downtimeText(label: string, a: TimelineAnalysis): string {
  if (!a.longest) return `${label}: no try failed`;
  return `${label}: ${describeOutage(a.longest)}`;
}

/** The precondition of every failover check: a failover was forced and RDS attempted it. */
function failoverAttempted(o: FailoverObservation): Precondition {
  if (o.kind === 'refused') return requires('a failover was forced (a Multi-AZ instance, RebootDBInstance with ForceFailover accepted)', false, o.reason);
  return requires(
    'RDS attempted the forced failover (did not decline it after a recent one, RDS-EVENT-0034)',
    !declined(o),
    declined(o) ? `RDS declined it at ${clock(o.events.declined)}` : 'attempted',
  );
}

/** The judgement of a failover check when no failover was forced: inconclusive, never a pass or a refutation. */
function refused(o: Extract<FailoverObservation, { kind: 'refused' }>, what: string): Judgement {
  return {
    observed: o.reason,
    method: REFUSED_METHOD,
    figures: [],
    preconditions: [failoverAttempted(o)],
    expectations: [expectThat(what, false, 'no failover was forced')],
  };
}

const primaryMoved = (o: Observed): Expectation => expectThat("the primary moved to the standby's AZ", swapped(o), azMove(o));
const endsHealthy = (o: Observed): Expectation =>
  expectThat('the endpoint answers again at the end', o.answers.endsHealthy, o.answers.endsHealthy ? 'yes' : 'no: the last tries failed');

/** The figures a failover measures; each claim reports the ones it rests on. */
type FigureKey = 'downtime' | 'ready' | 'failedTries' | 'addressChange' | 'ttl' | 'serverSide' | 'settled' | 'unobserved' | 'tries';

function failoverFigures(o: Observed, keys: readonly FigureKey[]): Figure[] {
  const all: Partial<Record<FigureKey, Figure>> = {};
  const a = o.answers;
  if (a.longest) all.downtime = { name: 'client-visible downtime (SSLRequest)', value: a.longest.seconds, unit: 's' };
  if (o.ready?.longest) all.ready = { name: 'downtime until logins are accepted', value: o.ready.longest.seconds, unit: 's' };
  if (a.longest) all.failedTries = { name: 'failed tries', value: a.longest.failedAttempts, unit: 'tries' };
  const change = a.addressChanges[0];
  if (change && a.longest) all.addressChange = { name: 'address changed after the first failed try', value: seconds(change.at - a.longest.startAt), unit: 's' };
  if (a.maxTtl !== undefined) all.ttl = { name: 'DNS TTL of the endpoint', value: a.maxTtl, unit: 's' };
  if (o.events.started !== undefined && o.events.completed !== undefined) all.serverSide = { name: 'server-side failover (RDS events)', value: seconds(o.events.completed - o.events.started), unit: 's' };
  if (o.settledSeconds !== undefined) all.settled = { name: 'reboot request to available in the other AZ', value: o.settledSeconds, unit: 's' };
  const unobserved = a.gaps.reduce((sum, g) => sum + g.seconds, 0);
  if (unobserved > 0) all.unobserved = { name: 'unobserved time between probe windows', value: Math.round(unobserved * 10) / 10, unit: 's' };
  all.tries = { name: 'probe tries', value: a.attempts, unit: 'tries' };
  return keys.map((k) => all[k]).filter((f): f is Figure => f !== undefined);
}

function baselineZones(b: BaselineObservation): string {
  const i = b.instance;
  const zones = [...new Set(i.subnets.map((s) => s.availabilityZone))].join(', ');
  return `${i.identifier} is ${i.multiAz ? 'Multi-AZ' : 'Single-AZ'}: primary in ${i.availabilityZone ?? '?'}, standby in ${i.secondaryAvailabilityZone ?? 'none'}; its DB subnet group spans ${zones || 'no subnet'}`;
}

/**
 * The endpoint's address is where the primary is: in the primary's AZ, or in the standby's when RDS
 * logged a failover in the last minutes and AvailabilityZone has not caught up yet (AWS: it "can
 * take additional time" to show the new AZ).
 */
function addressAtPrimary(b: BaselineObservation): boolean {
  const i = b.instance;
  if (!b.addressZone) return false;
  return b.addressZone === i.availabilityZone || (b.recentFailover !== undefined && b.addressZone === i.secondaryAvailabilityZone);
}

function zoneText(b: BaselineObservation): string {
  const i = b.instance;
  if (!b.addressZone) return ' (in no subnet of the group)';
  if (b.addressZone === i.availabilityZone) return ` (a subnet in ${b.addressZone})`;
  if (b.recentFailover !== undefined && b.addressZone === i.secondaryAvailabilityZone) {
    return (
      ` (a subnet in ${b.addressZone}, where RDS still shows the standby: RDS logged a failover at ${clock(b.recentFailover)}, ` +
      'and the AZ fields have not been updated yet (AWS says that can take additional time); accepted, re-run in a few minutes to see them agree)'
    );
  }
  return ` (a subnet in ${b.addressZone}, NOT the primary's AZ ${i.availabilityZone ?? '?'})`;
}

function endpointText(b: BaselineObservation): string {
  if (b.addresses.length === 0) return `its endpoint did not resolve (${b.window.attempts.map((a) => a.error).filter(Boolean).slice(0, 3).join(', ') || 'no try'})`;
  const answered = b.analysis.up > 0 ? `answered ${b.analysis.up}/${b.analysis.attempts} tries` : 'answered NO try';
  return `its endpoint resolves to ${b.addresses.join(', ')}${zoneText(b)} and ${answered}`;
}

const isMultiAz = (multiAz: boolean): Expectation => expectThat('the DB instance is Multi-AZ', multiAz, yesNo(multiAz, 'MultiAZ false'));

function addressAtPrimaryExpectation(b: BaselineObservation): Expectation {
  const where = b.addresses.length === 0 ? 'the endpoint did not resolve' : `${b.analysis.lastAddress ?? '?'} is in ${b.addressZone ?? 'no subnet of the group'}`;
  return expectThat("the endpoint's address is in the primary's AZ", addressAtPrimary(b), addressAtPrimary(b) ? `yes: ${where}` : `no: ${where}, primary in ${b.instance.availabilityZone ?? '?'}`);
}

export const CHECKS = {
  'B25.rds-spans-two-azs': {
    offline: (f: Facts): Judgement => {
      const db = f.database;
      return {
        observed: describeDatabase(db),
        method: 'template: MultiAZ of the DB instance, AvailabilityZone of each subnet of its DB subnet group',
        expectations: [isMultiAz(db.multiAz), expectAtLeast('AZs of the DB subnet group', 2, db.zones, 'AZs'), expectAtLeast('subnets of the DB subnet group', 2, db.subnets.length, 'subnets')],
      };
    },
    live: live(baseline, (b): Judgement => {
      const i = b.instance;
      const zones = new Set(i.subnets.map((s) => s.availabilityZone));
      const twoZones = !!i.availabilityZone && !!i.secondaryAvailabilityZone && i.availabilityZone !== i.secondaryAvailabilityZone;
      return {
        observed: `${baselineZones(b)}; ${endpointText(b)}.`,
        method: BASELINE_METHOD,
        figures: [{ name: 'Availability Zones in use', value: new Set([i.availabilityZone, i.secondaryAvailabilityZone].filter(Boolean)).size, unit: 'AZs' }],
        expectations: [
          isMultiAz(i.multiAz),
          expectThat('primary and standby in two different AZs', twoZones, `primary in ${i.availabilityZone ?? 'none'}, standby in ${i.secondaryAvailabilityZone ?? 'none'}`),
          expectAtLeast('AZs of the DB subnet group', 2, zones.size, 'AZs'),
          addressAtPrimaryExpectation(b),
        ],
      };
    }),
  },
  'I18.fails-over-to-standby': {
    offline: (f: Facts): Judgement => {
      const db = f.database;
      return {
        observed: describeDatabase(db),
        method: 'template: a Multi-AZ DB instance (not a DB cluster) across two AZs',
        expectations: [isMultiAz(db.multiAz), expectAtLeast('AZs of the DB subnet group', 2, db.zones, 'AZs'), expectEqual('in a DB cluster', false, db.inCluster)],
      };
    },
    live: live(failover, (o): Judgement => {
      if (o.kind === 'refused') return refused(o, "the primary moved to the standby's AZ");
      return {
        observed: `${azMove(o)}; ${eventsText(o)}; the endpoint ${o.answers.endsHealthy ? 'answers again' : 'does NOT answer'} at the end.`,
        method: FAILOVER_METHOD,
        figures: failoverFigures(o, ['serverSide', 'settled', 'downtime']),
        preconditions: [failoverAttempted(o)],
        expectations: [
          primaryMoved(o),
          expectThat('RDS logged the failover start (RDS-EVENT-0013)', o.events.started !== undefined, o.events.started !== undefined ? `at ${clock(o.events.started)}` : 'no'),
          expectThat('RDS logged the failover completion (RDS-EVENT-0015)', o.events.completed !== undefined, o.events.completed !== undefined ? `at ${clock(o.events.completed)}` : 'no'),
          endsHealthy(o),
          expectEqual('instance status at the end', 'available', o.after.status),
        ],
      };
    }),
  },
  'I18.endpoint-name-stays-dns-moves': {
    offline: (f: Facts): Judgement => {
      const p = f.probe;
      return {
        observed: `probe ${p.logicalId} ${p.targetsEndpointName ? "resolves the DB instance's Endpoint.Address on every try" : 'does NOT use the endpoint name'} (port ${p.targetPort})`,
        method: 'template: TARGET_HOST of the probe function is Fn::GetAtt Endpoint.Address of the DB instance',
        expectations: [
          expectThat("the probe resolves the DB instance's endpoint name", p.targetsEndpointName, yesNo(p.targetsEndpointName, 'TARGET_HOST is not Fn::GetAtt Endpoint.Address')),
          isMultiAz(f.database.multiAz),
        ],
      };
    },
    live: live(failover, (o): Judgement => {
      if (o.kind === 'refused') return refused(o, 'the endpoint resolves to the new primary');
      const sameName = !!o.before.endpointAddress && o.before.endpointAddress === o.after.endpointAddress;
      const a = o.answers;
      const change = a.addressChanges[a.addressChanges.length - 1];
      const name = `endpoint name ${o.before.endpointAddress ?? '?'} ${sameName ? 'unchanged' : `CHANGED to ${o.after.endpointAddress ?? '?'}`}`;
      const dns = change
        ? `it resolved to ${change.from} (${o.firstAddressZone ?? 'no subnet'}) until ${clock(change.at)}, then to ${change.to} (${o.lastAddressZone ?? 'no subnet'})`
        : `it resolved to ${a.firstAddress ?? 'nothing'} throughout: the address did NOT change`;
      const ttl = a.maxTtl !== undefined ? `; record TTL ${a.maxTtl} s` : '';
      const addressChanged = !!a.firstAddress && !!a.lastAddress && a.firstAddress !== a.lastAddress;
      return {
        observed: `${name}; ${dns}${ttl}; ${azMove(o)}.`,
        method: FAILOVER_METHOD,
        figures: failoverFigures(o, ['addressChange', 'ttl', 'downtime']),
        preconditions: [failoverAttempted(o)],
        expectations: [
          primaryMoved(o),
          expectThat('the endpoint name is unchanged', sameName, sameName ? `yes: ${o.before.endpointAddress}` : `no: ${o.before.endpointAddress ?? 'none'} before, ${o.after.endpointAddress ?? 'none'} after`),
          expectThat('the name resolves to another address after the failover', addressChanged, addressChanged ? `${a.firstAddress} then ${a.lastAddress}` : `${a.firstAddress ?? 'nothing'} throughout`),
          expectEqual("the first address's AZ (the old primary's)", o.before.availabilityZone, o.firstAddressZone),
          expectEqual("the last address's AZ (the new primary's)", o.after.availabilityZone, o.lastAddressZone),
        ],
      };
    }),
  },
  'I38.multi-az-rds-for-the-database': {
    offline: (f: Facts): Judgement => {
      const db = f.database;
      const p = f.probe;
      return {
        observed: `${describeDatabase(db)}; probe ${p.logicalId} in ${p.subnets.length} subnets, admitted on ${p.targetPort}/tcp: ${p.admittedByDatabase}, egress ${p.egressPorts.join(', ') || 'none'}, timeout ${p.timeoutSeconds} s for windows of up to ${p.maxWindowSeconds} s`,
        method: 'template: MultiAZ; the DB security group admits the probe group on the DB port; probe Timeout within 900 s and above its window',
        expectations: [
          isMultiAz(db.multiAz),
          expectThat('the DB security group admits the probe on the DB port', p.admittedByDatabase, yesNo(p.admittedByDatabase, `no ingress from the probe group on ${p.targetPort}/tcp`)),
          expectAtLeast('subnets of the probe', 2, p.subnets.length, 'subnets'),
          expectThat("the probe's timeout is within Lambda's 900 s and above its window", p.timeoutSeconds <= 900 && p.timeoutSeconds > p.maxWindowSeconds, `timeout ${p.timeoutSeconds} s, window up to ${p.maxWindowSeconds} s`),
        ],
      };
    },
    live: live(failover, (o): Judgement => {
      if (o.kind === 'refused') return refused(o, 'clients saw the outage end');
      const longest = o.answers.longest;
      // An outage alone proves nothing about Multi-AZ: a reboot in place (or a failover RDS declined)
      // drops clients too. The standby must have taken over, and RDS must say it failed over.
      const failedOver = swapped(o) && o.events.started !== undefined;
      const outcome = failedOver ? 'AWS documents 60–120 s' : `${eventsText(o)}: an outage without a failover to the standby shows nothing about Multi-AZ`;
      const observed = !longest
        ? `no try failed during the forced failover (${azMove(o)}): either RDS did not fail over or the outage was shorter than one probe interval`
        : `${downtimeText('clients lost the database', o.answers)}${o.ready ? `; ${downtimeText('logins', o.ready)}` : ''}; ${azMove(o)}; ${outcome}`;
      return {
        observed: `${observed}.`,
        method: FAILOVER_METHOD,
        figures: failoverFigures(o, ['downtime', 'ready', 'failedTries', 'serverSide', 'unobserved', 'tries']),
        // RDS logging the failover start is what makes the outage a failover's: without it the run did
        // not exercise Multi-AZ. Once it started, the standby must take over (an expectation).
        preconditions: [
          failoverAttempted(o),
          requires('RDS began a failover (logged "Multi-AZ instance failover started")', o.events.started !== undefined, o.events.started !== undefined ? `at ${clock(o.events.started)}` : eventsText(o)),
        ],
        expectations: [
          primaryMoved(o),
          expectThat('clients saw an interruption (a failed try)', !!longest, longest ? describeOutage(longest) : 'no try failed'),
          expectThat('the outage ended before probing did', !!longest?.recovered, longest ? (longest.recovered ? 'recovered' : 'NOT recovered') : 'no outage'),
          endsHealthy(o),
        ],
      };
    }),
  },
  'I23.automatic-failover-is-not-aurora-only': {
    offline: (f: Facts): Judgement => {
      const db = f.database;
      return {
        observed: describeDatabase(db),
        method: 'template: Engine of the DB instance (not aurora-*) and MultiAZ',
        expectations: [
          isMultiAz(db.multiAz),
          expectThat('the engine is not Aurora', !db.engine.startsWith('aurora'), db.engine || 'none'),
          expectEqual('in a DB cluster', false, db.inCluster),
        ],
      };
    },
    live: live(failover, (o): Judgement => {
      if (o.kind === 'refused') return refused(o, 'an RDS (not Aurora) instance failed over automatically');
      const engine = `${o.before.engine ?? '?'} ${o.before.engineVersion ?? ''}`.trim();
      const aurora = (o.before.engine ?? '').startsWith('aurora');
      const recovered = !!o.answers.longest?.recovered;
      return {
        observed: `RDS for ${engine}${aurora ? ' (Aurora!)' : ', not Aurora'}: ${eventsText(o)}; ${azMove(o)}; ${downtimeText('clients', o.answers)}. For comparison AWS documents Aurora at under 60 s (often under 30 s) and Multi-AZ DB clusters at under 35 s.`,
        method: FAILOVER_METHOD,
        figures: failoverFigures(o, ['downtime', 'serverSide', 'settled']),
        preconditions: [failoverAttempted(o)],
        expectations: [
          expectThat('the engine is not Aurora', !aurora, engine),
          primaryMoved(o),
          expectThat('RDS logged the failover completion (RDS-EVENT-0015)', o.events.completed !== undefined, o.events.completed !== undefined ? `at ${clock(o.events.completed)}` : 'no'),
          expectThat('clients recovered from the outage', recovered, o.answers.longest ? (recovered ? 'recovered' : 'NOT recovered') : 'no try failed'),
          endsHealthy(o),
        ],
      };
    }),
  },
  'A1.multi-az-is-not-multi-region': {
    offline: (f: Facts): Judgement => {
      const db = f.database;
      return {
        observed: `${describeDatabase(db)}: one writable endpoint, nothing in another Region`,
        method: 'template: one DB instance, no read replica (SourceDBInstanceIdentifier, SourceRegion), no DB cluster',
        expectations: [isMultiAz(db.multiAz), expectEqual('read replicas', 0, db.replicas), expectEqual('in a DB cluster', false, db.inCluster)],
      };
    },
    live: live(baseline, (b): Judgement => {
      const i = b.instance;
      const region = i.region ?? '';
      const oneRegion = !!region && !!i.availabilityZone?.startsWith(region) && !!i.secondaryAvailabilityZone?.startsWith(region);
      const observed =
        `primary ${i.availabilityZone ?? '?'} and standby ${i.secondaryAvailabilityZone ?? 'none'} are ${oneRegion ? `both in ${region}` : `NOT both in ${region || 'the instance Region'}`}; ` +
        `${endpointText(b)}: the standby has no address of its own${i.readReplicas.length > 0 ? `; read replicas: ${i.readReplicas.join(', ')}` : '; no read replica anywhere'}.`;
      return {
        observed,
        method: BASELINE_METHOD,
        figures: [{ name: 'addresses behind the endpoint', value: b.addresses.length, unit: 'addresses' }],
        expectations: [
          isMultiAz(i.multiAz),
          expectThat("primary and standby in the instance's Region", oneRegion, `primary ${i.availabilityZone ?? 'none'}, standby ${i.secondaryAvailabilityZone ?? 'none'}, Region ${region || 'unknown'}`),
          expectEqual('addresses behind the endpoint', 1, b.addresses.length),
          addressAtPrimaryExpectation(b),
          expectAtLeast('tries the endpoint answered', 1, b.analysis.up, 'tries'),
          expectEqual('read replicas', [] as readonly string[], i.readReplicas),
          expectEqual('DB cluster', 'none', i.clusterIdentifier ?? 'none'),
        ],
      };
    }),
  },
} satisfies Record<string, ClaimCheck<Facts>>;
