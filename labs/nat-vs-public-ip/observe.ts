/**
 * The one live observation this lab's claims share: what each probe instance sees of the internet,
 * plus what EC2 says about the instances and the NAT gateway.
 */
import type { Instance } from '@aws-sdk/client-ec2';
import type { LiveContext } from '../../lib/lab-kit/checks/claim';
import { type ProbeLine, waitForProbeLines } from '../../lib/lab-kit/checks/console-probe-reader';
import { requireOutputs } from '../../lib/lab-kit/checks/stack-outputs';
import { EgressProbeInstance } from '../../lib/network/egress-probe-instance';
import { NatInstance } from '../../lib/network/nat-instance';
import { PROBES, type ProbeKey } from './stack';

/** How many consecutive tries must agree before a probe's answer counts. */
export const SETTLED_TRIES = 3;

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/**
 * curl's exit codes for "the packets went out and nothing answered": 28 (timed out) and 7 (could
 * not connect). Anything else (6: name not resolved, 127: no curl) says nothing about the route,
 * so a probe failing that way is inconclusive, never evidence that an instance is offline.
 */
export const CONNECTION_FAILURE_CODES: readonly number[] = [7, 28];

/** What one probe instance saw. */
export interface ProbeObservation {
  readonly key: ProbeKey;
  readonly instanceId: string;
  /** The instance's public IPv4 address, per DescribeInstances; undefined when it has none. */
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

/** Everything the claims need. */
export interface EgressObservation {
  readonly probes: Record<ProbeKey, ProbeObservation>;
  readonly natGateway: { readonly id: string; readonly state?: string; readonly publicIp?: string; readonly subnetId?: string; readonly availabilityMode?: string };
  readonly natInstance: { readonly id: string; readonly publicIp?: string; readonly sourceDestCheck?: boolean };
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
    publicIp: instance?.PublicIpAddress,
    reached,
    offline,
    egressIp: reached ? settled[settled.length - 1].output : undefined,
    settled,
    tries: lines.length,
  };
}

/** Reads the consoles of the five probes (in parallel) and describes the instances and the NAT gateway. */
export async function observeEgress(ctx: LiveContext): Promise<EgressObservation> {
  return ctx.memo('egress', async () => {
    const started = ctx.now();
    const keys = Object.keys(PROBES) as ProbeKey[];
    const out = requireOutputs(ctx, [...keys.map((k) => PROBES[k]), 'NatGatewayId', 'NatInstanceId']);
    const { DescribeInstancesCommand, DescribeNatGatewaysCommand, EC2Client } = await import('@aws-sdk/client-ec2');
    const ec2 = new EC2Client(ctx.aws);

    const ids = [...keys.map((k) => out[PROBES[k]]), out.NatInstanceId];
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
    const natReady = waitForProbeLines(ctx, { instanceId: out.NatInstanceId, name: NatInstance.READY_EVENT, minLines: 1 }).then((l) => {
      const ready = l[l.length - 1];
      if (ready.rc !== 0) {
        throw new Error(`NAT instance ${out.NatInstanceId} failed to set up forwarding (rc=${ready.rc}): its console output (EC2 GetConsoleOutput) shows why`);
      }
      return ready.at;
    });
    const lines = await Promise.all(
      keys.map(async (k) => {
        const since = k === 'ViaNatInstance' ? await natReady : new Date(0);
        const fresh = (l: readonly ProbeLine[]) => l.filter((line) => line.at >= since);
        const read = await waitForProbeLines(ctx, {
          instanceId: out[PROBES[k]],
          name: EgressProbeInstance.PROBE_NAME,
          until: (l) => settledTries(fresh(l)) !== undefined,
        });
        return fresh(read);
      }),
    );
    const probes = Object.fromEntries(keys.map((k, i) => [k, summarizeProbe(k, instances.get(out[PROBES[k]]), lines[i])])) as Record<ProbeKey, ProbeObservation>;

    const nat = (await ec2.send(new DescribeNatGatewaysCommand({ NatGatewayIds: [out.NatGatewayId] }))).NatGateways?.[0];
    const natInstance = instances.get(out.NatInstanceId);
    return {
      probes,
      natGateway: {
        id: out.NatGatewayId,
        state: nat?.State,
        publicIp: nat?.NatGatewayAddresses?.find((a) => a.IsPrimary ?? true)?.PublicIp,
        subnetId: nat?.SubnetId,
        availabilityMode: nat?.AvailabilityMode,
      },
      natInstance: { id: out.NatInstanceId, publicIp: natInstance?.PublicIpAddress, sourceDestCheck: natInstance?.SourceDestCheck },
      seconds: Math.round((ctx.now() - started) / 1000),
    };
  });
}

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
