/**
 * What this lab's live checks judge: what each probe instance sees of the internet, plus what EC2
 * says about the instances and the NAT gateway (one observation, shared), and, with `--analyzer`,
 * what Reachability Analyzer says of one path beside it.
 */
import type { Instance } from '@aws-sdk/client-ec2';
import { observationsOf } from '../../lib/lab-kit/checks/lab-definition';
import { type ProbeLine, waitForProbeLines } from '../../lib/lab-kit/checks/console-probe-reader';
import { analyzeReachability, type ReachabilityVerdict } from '../../lib/lab-kit/checks/reachability-analyzer';
import { EGRESS_PROBE_NAME, NAT_READY_EVENT } from '../../lib/network/probe-names';
import { OUTPUTS, PROBE_KEYS, PROBES, type ProbeKey } from './outputs';

const observe = observationsOf(OUTPUTS);

/** How many consecutive tries must agree before a probe's answer counts. */
export const SETTLED_TRIES = 3;

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/**
 * curl's exit codes for "the packets went out and nothing answered": 28 (timed out) and 7 (could
 * not connect). Anything else (6: name not resolved, 127: no curl) says nothing about the route,
 * so a probe failing that way is inconclusive, never evidence that an instance is offline.
 *
 * @see https://curl.se/docs/manpage.html (EXIT CODES: 7 failed to connect to host, 28 operation timeout)
 */
export const CONNECTION_FAILURE_CODES: readonly number[] = [7, 28];

/** What one probe instance saw. */
export interface ProbeObservation {
  readonly key: ProbeKey;
  readonly instanceId: string;
  /** The instance's public IPv4 address, per DescribeInstances; absent when it has none. */
  readonly publicIp?: string;
  /** True when its last tries all reached https://checkip.amazonaws.com. */
  readonly reached: boolean;
  /** True when its last tries all failed to connect (timed out or refused): no way out. */
  readonly offline: boolean;
  /** The address the internet saw (the checkip answer), when it reached. */
  readonly egressIp?: string;
  /** The settled tries the verdict rests on, and how many tries were read in all. */
  readonly settled: readonly ProbeLine[];
  readonly tries: number;
}

/** Everything the probe-based checks judge (plain JSON). */
export interface EgressObservation {
  readonly probes: Readonly<Record<ProbeKey, ProbeObservation>>;
  readonly natGateway: { readonly id: string; readonly state?: string; readonly publicIp?: string; readonly subnetId?: string; readonly availabilityMode?: string };
  readonly natInstance: { readonly id: string; readonly publicIp?: string; readonly sourceDestCheck?: boolean };
  /** How long the observation took, in seconds. */
  readonly seconds: number;
}

/** The last {@link SETTLED_TRIES} tries, when they agree (all succeeded or all failed). */
export function settledTries(lines: readonly ProbeLine[]): readonly ProbeLine[] | undefined {
  const last = lines.slice(-SETTLED_TRIES);
  if (last.length < SETTLED_TRIES) return undefined;
  const ok = (l: ProbeLine) => l.rc === 0 && IPV4.test(l.output);
  return last.every(ok) || last.every((l) => !ok(l)) ? last : undefined;
}

/** Summarizes a probe's tries. */
export function summarizeProbe(key: ProbeKey, instance: Instance | undefined, lines: readonly ProbeLine[]): ProbeObservation {
  const settled = settledTries(lines) ?? [];
  const reached = settled.length > 0 && settled.every((l) => l.rc === 0);
  const offline = settled.length > 0 && settled.every((l) => CONNECTION_FAILURE_CODES.includes(l.rc));
  return {
    key,
    instanceId: instance?.InstanceId ?? '',
    ...(instance?.PublicIpAddress ? { publicIp: instance.PublicIpAddress } : {}),
    reached,
    offline,
    ...(reached ? { egressIp: settled[settled.length - 1].output } : {}),
    settled,
    tries: lines.length,
  };
}

/** Drops absent fields, so the value is the same before and after a JSON round trip. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** Reads the consoles of the five probes (in parallel) and describes the instances and the NAT gateway. */
export const egress = observe({
  name: 'egress',
  outputs: [...PROBE_KEYS.map((k) => PROBES[k]), 'NatGatewayId', 'NatInstanceId'],
  observe: async (ctx): Promise<EgressObservation> => {
    const started = ctx.now();
    const out = ctx.outputs;
    const { DescribeInstancesCommand, DescribeNatGatewaysCommand, EC2Client } = await import('@aws-sdk/client-ec2');
    const ec2 = new EC2Client(ctx.aws);

    const ids = [...PROBE_KEYS.map((k) => out[PROBES[k]]), out.NatInstanceId];
    const described = await ec2.send(new DescribeInstancesCommand({ InstanceIds: ids }));
    const instances = new Map<string, Instance>();
    for (const reservation of described.Reservations ?? []) {
      for (const instance of reservation.Instances ?? []) instances.set(instance.InstanceId ?? '', instance);
    }
    const notRunning = ids.filter((id) => instances.get(id)?.State?.Name !== 'running');
    if (notRunning.length > 0) {
      throw new Error(`instances not running: ${notRunning.map((id) => `${id} (${instances.get(id)?.State?.Name ?? 'not found'})`).join(', ')}`);
    }

    // Tries through the NAT instance count only once it says forwarding is set up: it boots,
    // installs iptables and configures masquerading after CloudFormation already counts it created.
    const natReady = waitForProbeLines(ctx, { instanceId: out.NatInstanceId, name: NAT_READY_EVENT, minLines: 1 }).then((l) => {
      const ready = l[l.length - 1];
      if (ready.rc !== 0) {
        throw new Error(`NAT instance ${out.NatInstanceId} failed to set up forwarding (rc=${ready.rc}): its console output (EC2 GetConsoleOutput) shows why`);
      }
      return ready.atMs;
    });
    const lines = await Promise.all(
      PROBE_KEYS.map(async (k) => {
        const sinceMs = k === 'ViaNatInstance' ? await natReady : 0;
        const fresh = (l: readonly ProbeLine[]) => l.filter((line) => line.atMs >= sinceMs);
        const read = await waitForProbeLines(ctx, {
          instanceId: out[PROBES[k]],
          name: EGRESS_PROBE_NAME,
          until: (l) => settledTries(fresh(l)) !== undefined,
        });
        return fresh(read);
      }),
    );
    const probes = Object.fromEntries(PROBE_KEYS.map((k, i) => [k, summarizeProbe(k, instances.get(out[PROBES[k]]), lines[i])])) as Record<ProbeKey, ProbeObservation>;

    const nat = (await ec2.send(new DescribeNatGatewaysCommand({ NatGatewayIds: [out.NatGatewayId] }))).NatGateways?.[0];
    const natInstance = instances.get(out.NatInstanceId);
    return {
      probes,
      natGateway: defined({
        id: out.NatGatewayId,
        state: nat?.State,
        publicIp: nat?.NatGatewayAddresses?.find((a) => a.IsPrimary ?? true)?.PublicIp,
        subnetId: nat?.SubnetId,
        availabilityMode: nat?.AvailabilityMode,
      }),
      natInstance: defined({ id: out.NatInstanceId, publicIp: natInstance?.PublicIpAddress, sourceDestCheck: natInstance?.SourceDestCheck }),
      seconds: Math.round((ctx.now() - started) / 1000),
    };
  },
});

/** Which way an analysis runs: instance → internet gateway (TCP 443), or gateway → instance (TCP 22). */
export type AnalyzerDirection = 'outbound' | 'inbound';

/** Reachability Analyzer's verdict on one path, and the port it asked about. */
export interface AnalyzerVerdict extends ReachabilityVerdict {
  readonly port: number;
}

/** The probes, and (with `--analyzer`) Reachability Analyzer on one path as second evidence. */
export interface EgressWithAnalyzer {
  readonly egress: EgressObservation;
  /** Absent unless the run was given `--analyzer`. */
  readonly analyzer?: AnalyzerVerdict;
}

/**
 * Optional second evidence: Reachability Analyzer between a probe and the internet gateway,
 * outbound (instance → gateway, TCP 443) or inbound (gateway → instance, TCP 22). Each path is its
 * own observation, so a failed analysis makes only the check that asked for it an error.
 */
function egressWithAnalyzer(key: ProbeKey, direction: AnalyzerDirection) {
  return observe({
    name: `egress-analyzer-${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`).replace(/^-/, '')}-${direction}`,
    outputs: ['InternetGatewayId'],
    uses: [egress],
    observe: async (ctx): Promise<EgressWithAnalyzer> => {
      const o = await ctx.observe(egress);
      if (!ctx.options.analyzer) return { egress: o };
      const instanceId = o.probes[key].instanceId;
      const gateway = ctx.outputs.InternetGatewayId;
      const [source, destination, port] = direction === 'outbound' ? [instanceId, gateway, 443] : [gateway, instanceId, 22];
      const verdict = await analyzeReachability(ctx, source, destination, port);
      return { egress: o, analyzer: { ...verdict, explanations: [...verdict.explanations], port } };
    },
  });
}

export const egressAnalyzedPublicWithIp = egressWithAnalyzer('PublicWithIp', 'outbound');
export const egressAnalyzedPublicNoIp = egressWithAnalyzer('PublicNoIp', 'outbound');
export const egressAnalyzedNoRouteWithIp = egressWithAnalyzer('NoRouteWithIp', 'outbound');
export const egressAnalyzedInbound = egressWithAnalyzer('ViaNatGateway', 'inbound');

/** One probe in a sentence, for `observed`. */
export function describeProbe(p: ProbeObservation): string {
  const ip = p.publicIp ? `public IP ${p.publicIp}` : 'no public IP';
  const last = p.settled[p.settled.length - 1];
  const result = p.reached
    ? `reached the internet as ${p.egressIp}`
    : p.offline
      ? `could not connect in ${p.settled.length}/${p.settled.length} tries (last: rc=${last?.rc} ${last?.output ?? ''})`.trimEnd()
      : `failed inconclusively (rc=${last?.rc ?? '?'}: not a connection failure; DNS or a missing curl?)`;
  return `${p.key} (${ip}) ${result}`;
}

/** The Reachability Analyzer sentence appended to `observed`, or nothing without `--analyzer`. */
export function describeAnalyzer(a: AnalyzerVerdict | undefined): string {
  if (!a) return '';
  const codes = a.explanations.length > 0 ? ` (${a.explanations.join(', ')})` : '';
  return ` Reachability Analyzer ${a.source} → ${a.destination} (TCP ${a.port}): path ${a.pathFound ? 'found' : 'not found'}${codes}.`;
}
