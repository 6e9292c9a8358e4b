/**
 * The claims of B25, I18, I38, I23 and the Multi-AZ part of A1, each with the template evidence
 * that the lab is built to show it and the live evidence of what RDS and its clients see.
 */
import { type Claim, evidence, type Evidence, type Figure, type Source, type TemplateJson } from '../../lib/lab-kit/checks/claim';
import { describeOutage, type TimelineAnalysis } from '../../lib/database/probe-timeline';
import { type BaselineObservation, type FailoverObservation, observeBaseline, observeFailover } from './observe';
import { databaseFacts, describeDatabase, probeFacts } from './template-facts';

const DOCS = {
  multiAz: { title: 'Configuring and managing a Multi-AZ deployment for Amazon RDS', url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZ.html' },
  multiAzInstance: { title: 'Multi-AZ DB instance deployments for Amazon RDS', url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZSingleStandby.html' },
  failover: { title: 'Failing over a Multi-AZ DB instance for Amazon RDS', url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZ.Failover.html' },
  reboot: { title: 'Rebooting a DB instance', url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_RebootInstance.html' },
  rebootApi: { title: 'RebootDBInstance (Amazon RDS API Reference)', url: 'https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_RebootDBInstance.html' },
  events: { title: 'Amazon RDS event categories and event messages', url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_Events.Messages.html' },
  connections: { title: 'How are my connections handled when I reboot my RDS instance with or without a failover?', url: 'https://repost.aws/knowledge-center/rds-connections-reboot-failover' },
  clusterFailover: { title: 'Failing over a Multi-AZ DB cluster for Amazon RDS', url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/multi-az-db-clusters-concepts-failover.html' },
  auroraHa: { title: 'High availability for Amazon Aurora', url: 'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Concepts.AuroraHighAvailability.html' },
  subnetGroups: { title: 'Working with a DB instance in a VPC', url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html' },
  crossRegionReplicas: { title: 'Creating a read replica in a different AWS Region', url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.XRgn.html' },
  auroraGlobal: { title: 'Using Amazon Aurora Global Database', url: 'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database.html' },
} satisfies Record<string, Source>;

const BASELINE_METHOD =
  'RDS DescribeDBInstances (MultiAZ, AvailabilityZone, SecondaryAvailabilityZone, Endpoint, DBSubnetGroup, ReadReplicaDBInstanceIdentifiers), ' +
  'EC2 DescribeSubnets for the subnet CIDR blocks, and 5 s of the in-VPC probe (DNS resolve + TCP connect + PostgreSQL SSLRequest, once a second); ' +
  "when the address is in the standby's AZ, DescribeEvents over the last 15 minutes: after a recent failover the AZ fields can lag the move, and the standby's AZ is accepted";
const FAILOVER_METHOD =
  'the in-VPC probe runs once a second (DNS resolve of the endpoint, TCP connect to the address, PostgreSQL SSLRequest, then a credential-free StartupMessage for readiness) ' +
  'while RebootDBInstance with ForceFailover runs; DescribeDBInstances every 10 s until the instance is available in the other AZ; DescribeEvents for the failover events. ' +
  'Downtime = first failed try to first successful try (resolution 1 s)';


const seconds = (ms: number) => Math.round(ms / 100) / 10;
const clock = (ms: number | Date | undefined) => (ms === undefined ? '?' : `${new Date(ms).toISOString().slice(11, 19)} UTC`);

/** The evidence every failover claim returns when RDS refused to fail over. */
function refused(o: Extract<FailoverObservation, { kind: 'refused' }>): Evidence {
  return evidence(false, o.reason, 'RDS DescribeDBInstances (MultiAZ) and RebootDBInstance with ForceFailover', []);
}

/** Primary and standby swapped: the old standby's AZ is the primary's now. */
function swapped(o: Extract<FailoverObservation, { kind: 'observed' }>): boolean {
  const { before, after } = o;
  return (
    !!before.secondaryAvailabilityZone &&
    after.availabilityZone === before.secondaryAvailabilityZone &&
    (after.secondaryAvailabilityZone === undefined || after.secondaryAvailabilityZone === before.availabilityZone)
  );
}

function azMove(o: Extract<FailoverObservation, { kind: 'observed' }>): string {
  const { before, after } = o;
  return swapped(o)
    ? `primary moved from ${before.availabilityZone} to ${after.availabilityZone} (standby now ${after.secondaryAvailabilityZone ?? 'being rebuilt'})`
    : `primary did NOT move: ${before.availabilityZone} before, ${after.availabilityZone ?? '?'} after (status ${after.status}, secondary ${after.secondaryAvailabilityZone ?? 'none'})`;
}

function eventsText(o: Extract<FailoverObservation, { kind: 'observed' }>): string {
  const e = o.events;
  if (e.declined && !e.started) return `RDS declined the failover because one happened recently (RDS-EVENT-0034 at ${clock(e.declined)}): wait and run the check again`;
  if (!e.started) return 'RDS logged no "Multi-AZ instance failover started" event';
  if (!e.completed) return `RDS logged the failover start at ${clock(e.started)} but no completion`;
  return `RDS logged the failover start at ${clock(e.started)} and its completion at ${clock(e.completed)} (${seconds(e.completed.getTime() - e.started.getTime())} s)`;
}

function downtimeText(label: string, a: TimelineAnalysis): string {
  if (!a.longest) return `${label}: no try failed`;
  return `${label}: ${describeOutage(a.longest)}`;
}

/** The figures a failover measures; each claim reports the ones it rests on. */
type FigureKey = 'downtime' | 'ready' | 'failedTries' | 'addressChange' | 'ttl' | 'serverSide' | 'settled' | 'unobserved' | 'tries';

function failoverFigures(o: Extract<FailoverObservation, { kind: 'observed' }>, keys: readonly FigureKey[]): Figure[] {
  const all: Partial<Record<FigureKey, Figure>> = {};
  const a = o.answers;
  if (a.longest) all.downtime = { name: 'client-visible downtime (SSLRequest)', value: a.longest.seconds, unit: 's' };
  if (o.ready?.longest) all.ready = { name: 'downtime until logins are accepted', value: o.ready.longest.seconds, unit: 's' };
  if (a.longest) all.failedTries = { name: 'failed tries', value: a.longest.failedAttempts, unit: 'tries' };
  const change = a.addressChanges[0];
  if (change && a.longest) all.addressChange = { name: 'address changed after the first failed try', value: seconds(change.at - a.longest.startAt), unit: 's' };
  if (a.maxTtl !== undefined) all.ttl = { name: 'DNS TTL of the endpoint', value: a.maxTtl, unit: 's' };
  if (o.events.started && o.events.completed) all.serverSide = { name: 'server-side failover (RDS events)', value: seconds(o.events.completed.getTime() - o.events.started.getTime()), unit: 's' };
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
  return b.addressZone === i.availabilityZone || (!!b.recentFailover && b.addressZone === i.secondaryAvailabilityZone);
}

function zoneText(b: BaselineObservation): string {
  const i = b.instance;
  if (!b.addressZone) return ' (in no subnet of the group)';
  if (b.addressZone === i.availabilityZone) return ` (a subnet in ${b.addressZone})`;
  if (b.recentFailover && b.addressZone === i.secondaryAvailabilityZone) {
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

export const CLAIMS: readonly Claim[] = [
  {
    id: 'B25.rds-spans-two-azs',
    question: 'B25',
    says: 'Spreading resources such as EC2 instances or RDS databases over several Availability Zones gives high availability and fault tolerance.',
    verdict: 'holds',
    truth: {
      statement:
        'A Multi-AZ DB instance keeps its primary and a synchronous standby in two different Availability Zones of one Region (its DB subnet group must cover at least two), so losing one zone leaves a current copy in the other, which RDS promotes.',
      sources: [DOCS.multiAzInstance, DOCS.subnetGroups],
    },
    offline: (t: TemplateJson) => {
      const db = databaseFacts(t);
      return evidence(db.multiAz && db.zones >= 2 && db.subnets.length >= 2, describeDatabase(db), 'template: MultiAZ of the DB instance, AvailabilityZone of each subnet of its DB subnet group');
    },
    live: async (ctx) => {
      const b = await observeBaseline(ctx);
      const i = b.instance;
      const zones = new Set(i.subnets.map((s) => s.availabilityZone));
      const passed =
        i.multiAz && !!i.availabilityZone && !!i.secondaryAvailabilityZone && i.availabilityZone !== i.secondaryAvailabilityZone && zones.size >= 2 && addressAtPrimary(b);
      return evidence(passed, `${baselineZones(b)}; ${endpointText(b)}.`, BASELINE_METHOD, [{ name: 'Availability Zones in use', value: new Set([i.availabilityZone, i.secondaryAvailabilityZone].filter(Boolean)).size, unit: 'AZs' }]);
    },
  },
  {
    id: 'I18.fails-over-to-standby',
    question: 'I18',
    says: 'In a Multi-AZ setup RDS fails over to the standby by itself when the primary suffers a hardware, network or storage failure.',
    verdict: 'holds',
    truth: {
      statement:
        'A Multi-AZ DB instance fails over to its standby in the other AZ on its own (infrastructure failure, AZ outage, OS patching, instance class change) and on a reboot with failover, which simulates a failure; AWS documents typically 60–120 seconds. Until then the standby serves nothing: it has no endpoint and takes no reads.',
      sources: [DOCS.failover, DOCS.reboot, DOCS.multiAz, DOCS.events],
    },
    offline: (t) => {
      const db = databaseFacts(t);
      return evidence(db.multiAz && db.zones >= 2 && !db.inCluster, describeDatabase(db), 'template: a Multi-AZ DB instance (not a DB cluster) across two AZs');
    },
    live: async (ctx) => {
      const o = await observeFailover(ctx);
      if (o.kind === 'refused') return refused(o);
      const passed = swapped(o) && !!o.events.started && !!o.events.completed && o.answers.endsHealthy && o.after.status === 'available';
      return evidence(passed, `${azMove(o)}; ${eventsText(o)}; the endpoint ${o.answers.endsHealthy ? 'answers again' : 'does NOT answer'} at the end.`, FAILOVER_METHOD, failoverFigures(o, ['serverSide', 'settled', 'downtime']));
    },
  },
  {
    id: 'I18.endpoint-name-stays-dns-moves',
    question: 'I18',
    says: 'RDS points the database DNS name at the standby.',
    verdict: 'holds',
    truth: {
      statement:
        'The endpoint name does not change; RDS updates its DNS record (a short TTL) to the address of the new primary in the other AZ. Open connections are dropped, so clients must reconnect and re-resolve the name, and must not cache the answer for long (the JVM can cache it forever).',
      sources: [DOCS.failover, DOCS.reboot, DOCS.connections],
    },
    offline: (t) => {
      const p = probeFacts(t);
      return evidence(
        p.targetsEndpointName && databaseFacts(t).multiAz,
        `probe ${p.logicalId} ${p.targetsEndpointName ? 'resolves the DB instance\'s Endpoint.Address on every try' : 'does NOT use the endpoint name'} (port ${p.targetPort})`,
        'template: TARGET_HOST of the probe function is Fn::GetAtt Endpoint.Address of the DB instance',
      );
    },
    live: async (ctx) => {
      const o = await observeFailover(ctx);
      if (o.kind === 'refused') return refused(o);
      const sameName = !!o.before.endpointAddress && o.before.endpointAddress === o.after.endpointAddress;
      const a = o.answers;
      const moved = !!a.firstAddress && !!a.lastAddress && a.firstAddress !== a.lastAddress && o.firstAddressZone === o.before.availabilityZone && o.lastAddressZone === o.after.availabilityZone && swapped(o);
      const change = a.addressChanges[a.addressChanges.length - 1];
      const name = `endpoint name ${o.before.endpointAddress ?? '?'} ${sameName ? 'unchanged' : `CHANGED to ${o.after.endpointAddress ?? '?'}`}`;
      const dns = change
        ? `it resolved to ${change.from} (${o.firstAddressZone ?? 'no subnet'}) until ${clock(change.at)}, then to ${change.to} (${o.lastAddressZone ?? 'no subnet'})`
        : `it resolved to ${a.firstAddress ?? 'nothing'} throughout: the address did NOT change`;
      const ttl = a.maxTtl !== undefined ? `; record TTL ${a.maxTtl} s` : '';
      return evidence(sameName && moved, `${name}; ${dns}${ttl}; ${azMove(o)}.`, FAILOVER_METHOD, failoverFigures(o, ['addressChange', 'ttl', 'downtime']));
    },
  },
  {
    id: 'I38.multi-az-rds-for-the-database',
    question: 'I38',
    says: 'For a highly available application, consider Multi-AZ RDS for the database.',
    verdict: 'holds',
    truth: {
      statement:
        'Multi-AZ RDS lets the database survive the loss of an instance or an AZ, but not without an interruption: during a failover connections drop and new ones fail until the standby is promoted and DNS points at it. The application must retry and reconnect; AWS documents 60–120 seconds for the failover itself.',
      sources: [DOCS.failover, DOCS.connections],
    },
    offline: (t) => {
      const db = databaseFacts(t);
      const p = probeFacts(t);
      const holds = db.multiAz && p.admittedByDatabase && p.subnets.length >= 2 && p.timeoutSeconds <= 900 && p.timeoutSeconds > p.maxWindowSeconds;
      return evidence(
        holds,
        `${describeDatabase(db)}; probe ${p.logicalId} in ${p.subnets.length} subnets, admitted on ${p.targetPort}/tcp: ${p.admittedByDatabase}, egress ${p.egressPorts.join(', ') || 'none'}, timeout ${p.timeoutSeconds} s for windows of up to ${p.maxWindowSeconds} s`,
        'template: MultiAZ; the DB security group admits the probe group on the DB port; probe Timeout within 900 s and above its window',
      );
    },
    live: async (ctx) => {
      const o = await observeFailover(ctx);
      if (o.kind === 'refused') return refused(o);
      const longest = o.answers.longest;
      // An outage alone proves nothing about Multi-AZ: a reboot in place (or a failover RDS declined)
      // drops clients too. The standby must have taken over, and RDS must say it failed over.
      const failedOver = swapped(o) && !!o.events.started;
      const passed = !!longest && longest.recovered && o.answers.endsHealthy && failedOver;
      const outcome = failedOver ? 'AWS documents 60–120 s' : `${eventsText(o)}: an outage without a failover to the standby shows nothing about Multi-AZ`;
      const observed = !longest
        ? `no try failed during the forced failover (${azMove(o)}): either RDS did not fail over or the outage was shorter than one probe interval`
        : `${downtimeText('clients lost the database', o.answers)}${o.ready ? `; ${downtimeText('logins', o.ready)}` : ''}; ${azMove(o)}; ${outcome}`;
      return evidence(passed, `${observed}.`, FAILOVER_METHOD, failoverFigures(o, ['downtime', 'ready', 'failedTries', 'serverSide', 'unobserved', 'tries']));
    },
  },
  {
    id: 'I23.automatic-failover-is-not-aurora-only',
    question: 'I23',
    says: 'Aurora is the pick when you need higher availability and automatic failover.',
    verdict: 'oversimplified',
    truth: {
      statement:
        'Automatic failover is not Aurora\'s alone: an RDS for PostgreSQL or MySQL Multi-AZ DB instance fails over automatically too (typically 60–120 s), and a Multi-AZ DB cluster typically in under 35 s. Aurora\'s edge is a faster failover to a readable replica (typically under 60 s, often under 30 s) and storage replicated across three AZs.',
      sources: [DOCS.failover, DOCS.clusterFailover, DOCS.auroraHa],
    },
    offline: (t) => {
      const db = databaseFacts(t);
      return evidence(db.multiAz && !db.engine.startsWith('aurora') && !db.inCluster, describeDatabase(db), 'template: Engine of the DB instance (not aurora-*) and MultiAZ');
    },
    live: async (ctx) => {
      const o = await observeFailover(ctx);
      if (o.kind === 'refused') return refused(o);
      const engine = `${o.before.engine ?? '?'} ${o.before.engineVersion ?? ''}`.trim();
      const aurora = (o.before.engine ?? '').startsWith('aurora');
      const passed = !aurora && swapped(o) && !!o.events.completed && !!o.answers.longest?.recovered && o.answers.endsHealthy;
      return evidence(
        passed,
        `RDS for ${engine}${aurora ? ' (Aurora!)' : ', not Aurora'}: ${eventsText(o)}; ${azMove(o)}; ${downtimeText('clients', o.answers)}. For comparison AWS documents Aurora at under 60 s (often under 30 s) and Multi-AZ DB clusters at under 35 s.`,
        FAILOVER_METHOD,
        failoverFigures(o, ['downtime', 'serverSide', 'settled']),
      );
    },
  },
  {
    id: 'A1.multi-az-is-not-multi-region',
    question: 'A1',
    says: 'An active-active multi-Region design replicates its data between Regions (the answer names DynamoDB global tables and S3 replication) and fails over on health checks.',
    verdict: 'oversimplified',
    truth: {
      statement:
        'That covers DynamoDB and S3, not a relational database. RDS Multi-AZ is neither multi-Region nor active-active: the standby sits in another AZ of the same Region and takes no traffic. Across Regions you need cross-Region read replicas (read-only until promoted by hand) or an Aurora global database (one writer Region).',
      sources: [DOCS.multiAz, DOCS.crossRegionReplicas, DOCS.auroraGlobal],
    },
    offline: (t) => {
      const db = databaseFacts(t);
      return evidence(db.multiAz && db.replicas === 0 && !db.inCluster, `${describeDatabase(db)}: one writable endpoint, nothing in another Region`, 'template: one DB instance, no read replica (SourceDBInstanceIdentifier, SourceRegion), no DB cluster');
    },
    live: async (ctx) => {
      const b = await observeBaseline(ctx);
      const i = b.instance;
      const region = i.region ?? '';
      const oneRegion = !!region && !!i.availabilityZone?.startsWith(region) && !!i.secondaryAvailabilityZone?.startsWith(region);
      const passive = b.addresses.length === 1 && addressAtPrimary(b) && b.analysis.up > 0 && i.readReplicas.length === 0 && !i.clusterIdentifier;
      const passed = i.multiAz && oneRegion && passive;
      const observed =
        `primary ${i.availabilityZone ?? '?'} and standby ${i.secondaryAvailabilityZone ?? 'none'} are ${oneRegion ? `both in ${region}` : `NOT both in ${region || 'the instance Region'}`}; ` +
        `${endpointText(b)}: the standby has no address of its own${i.readReplicas.length > 0 ? `; read replicas: ${i.readReplicas.join(', ')}` : '; no read replica anywhere'}.`;
      return evidence(passed, observed, BASELINE_METHOD, [{ name: 'addresses behind the endpoint', value: b.addresses.length, unit: 'addresses' }]);
    },
  },
];
