/**
 * B24: grow the detailed instance's data volume by 1 GiB while it runs (Elastic Volumes,
 * ModifyVolume), follow the modification's states with their times, and read what the instance
 * itself sees afterwards: the block device's size next to its file system's (the disk probe).
 *
 * One modification per deployed stack: a volume already grown (an earlier run) is recognised and
 * reported, never modified again, since the ModifyVolume reference now allows "up to four times within
 * a rolling 24-hour period" and a further change waits until the previous one completes.
 */
import type { VolumeModification } from '@aws-sdk/client-ec2';
import { type ProbeLine, waitForProbeLines } from '../../lib/lab-kit/checks/console-probe-reader';
import { observationsOf } from '../../lib/lab-kit/checks/lab-definition';
import { DATA_DEVICE } from './facts';
import { describeInstances, instances, type InstancesObservation } from './observe-instances';
import { OUTPUTS } from './outputs';
import { DISK_PROBE, probeFields } from './probes';
import { SETTINGS } from './settings';

const observe = observationsOf(OUTPUTS);

/**
 * The states of a volume modification: "modifying | optimizing | completed | failed" (the
 * `modification-state` filter of DescribeVolumesModifications,
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeVolumesModifications.html).
 * The file system can be extended once the volume is `optimizing` ("Monitor the progress of Amazon EBS
 * volume modifications", https://docs.aws.amazon.com/ebs/latest/userguide/monitoring-volume-modifications.html).
 */
export const MODIFICATION_STATES = ['modifying', 'optimizing', 'completed', 'failed'] as const;
const SETTLED = new Set(['completed', 'failed']);
/** Seconds between DescribeVolumesModifications polls. */
const POLL_SECONDS = 5;
/** How long the observation follows the modification: a bound on the run, not a verdict (the states reached are reported). */
export const FOLLOW_SECONDS = 600;
/** How long it waits for the disk probe to report the grown block device: three dozen tries at 20 s. */
const PROBE_WAIT_SECONDS = 720;

/** A state the modification was seen in, first seen this many seconds after ModifyVolume was called. */
export interface StateSeen {
  readonly state: string;
  readonly atSeconds: number;
  readonly progress?: number;
}

/** What the disk probe saw: the data volume's block device and file system sizes, bytes. */
export interface DiskSizes {
  readonly line: ProbeLine;
  readonly blockBytes?: number;
  readonly fsBytes?: number;
  /** The device the volume's name resolves to, and what is mounted at the mount point (`none`: nothing). */
  readonly device?: string;
  readonly mountedSource?: string;
}

export interface VolumeGrowthObservation {
  readonly instanceId: string;
  readonly volumeId?: string;
  /** The volume's size (GiB) before this run did anything. */
  readonly sizeBeforeGiB?: number;
  /** The size asked for, GiB (launch size + 1). */
  readonly targetGiB: number;
  /** An earlier modification found before this run would modify: the run then does not modify again. */
  readonly earlier?: { readonly state?: string; readonly startTime?: string; readonly endTime?: string; readonly originalSize?: number; readonly targetSize?: number };
  /** Whether this run called ModifyVolume and it was accepted. */
  readonly modified: boolean;
  /** ModifyVolume's error (name and message) when it refused. */
  readonly modifyError?: string;
  /** The states seen, in order, with seconds since ModifyVolume. */
  readonly states: readonly StateSeen[];
  /** Seconds the observation followed the modification. */
  readonly followedSeconds: number;
  /** The instance's state after the modification (DescribeInstances). */
  readonly instanceStateAfter?: string;
  /** The volume's size (GiB) after the modification, per DescribeVolumes. */
  readonly sizeAfterGiB?: number;
  /** The attachment's state after the modification (DescribeVolumes): attaching | attached | detaching | detached | busy ("VolumeAttachment", https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VolumeAttachment.html). */
  readonly attachmentStateAfter?: string;
  /** The disk probe before the change and after it (the last try read). */
  readonly diskBefore?: DiskSizes;
  readonly diskAfter?: DiskSizes;
  /** Why the disk probe's later reading is missing, when it is. */
  readonly diskAfterError?: string;
}

export function diskSizes(line: ProbeLine): DiskSizes {
  const f = probeFields(line.output);
  const n = (v: string | undefined) => (v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined);
  return { line, blockBytes: n(f.block), fsBytes: n(f.fs), device: f.dev, mountedSource: f.src };
}

export const GIB = 1024 ** 3;

/**
 * The error DescribeVolumesModifications throws, with `VolumeIds`, for a volume that has never been
 * modified (the service does this instead of returning an empty list, whatever the API reference's "If a
 * volume has never been modified, some information in the output will be null" suggests): the CLI prints
 * "An error occurred (InvalidVolumeModification.NotFound) when calling the DescribeVolumesModifications
 * operation: Modification for volume 'vol-…' does not exist." (awslabs/aws-sdk-rust issue #1346,
 * https://github.com/awslabs/aws-sdk-rust/issues/1346; the API page: "DescribeVolumesModifications",
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeVolumesModifications.html). It means "no
 * modification yet", also in the first polls just after ModifyVolume (eventual consistency, "Eventual
 * consistency in the Amazon EC2 API", https://docs.aws.amazon.com/ec2/latest/devguide/eventual-consistency.html).
 */
export const NO_MODIFICATION_ERROR = 'InvalidVolumeModification.NotFound';

function isNoModification(e: unknown): boolean {
  return (e as { name?: string })?.name === NO_MODIFICATION_ERROR;
}

export const volumeGrowth = observe({
  name: 'volume-growth',
  outputs: ['DetailedInstanceId'],
  uses: [instances],
  async observe(ctx): Promise<VolumeGrowthObservation> {
    const { DescribeVolumesCommand, DescribeVolumesModificationsCommand, EC2Client, ModifyVolumeCommand } = await import('@aws-sdk/client-ec2');
    const ec2 = new EC2Client(ctx.aws);
    const seen: InstancesObservation = await ctx.observe(instances);
    const instanceId = seen.detailed.instanceId;
    const targetGiB = SETTINGS.dataVolumeGiB + 1;
    const volumeId = seen.detailed.blockDevices.find((d) => d.deviceName === DATA_DEVICE)?.volumeId;
    const base = { instanceId, volumeId, targetGiB, states: [] as StateSeen[], followedSeconds: 0, modified: false };
    if (!volumeId) return base;

    const describeVolume = async () => (await ec2.send(new DescribeVolumesCommand({ VolumeIds: [volumeId] }))).Volumes?.[0];
    /** The volume's latest modification, or undefined while it has none (see {@link isNoModification}). */
    const lastModification = async (): Promise<VolumeModification | undefined> => {
      try {
        const out = await ec2.send(new DescribeVolumesModificationsCommand({ VolumeIds: [volumeId] }));
        const m = out.VolumesModifications?.[0];
        return m?.ModificationState ? m : undefined;
      } catch (e) {
        if (isNoModification(e)) return undefined;
        throw e;
      }
    };
    const readDisk = async (since?: number, until?: (l: ProbeLine) => boolean) => {
      const lines = await waitForProbeLines(ctx, {
        instanceId,
        name: DISK_PROBE,
        minLines: 1,
        timeoutSeconds: since === undefined ? undefined : PROBE_WAIT_SECONDS,
        until: (ls) => {
          const after = ls.filter((l) => since === undefined || l.atMs >= since);
          return after.length > 0 && (until ? until(after[after.length - 1]) : true);
        },
      });
      return diskSizes(lines[lines.length - 1]);
    };

    const before = await describeVolume();
    const sizeBeforeGiB = before?.Size;
    const diskBefore = await readDisk();
    const earlierMod = await lastModification();
    if (earlierMod || (sizeBeforeGiB ?? 0) >= targetGiB) {
      ctx.progress(`the data volume ${volumeId} was modified before (${earlierMod?.ModificationState ?? `${sizeBeforeGiB} GiB`}): reporting that modification, not modifying again`);
      const after = await describeVolume();
      return {
        ...base,
        sizeBeforeGiB,
        diskBefore,
        earlier: {
          state: earlierMod?.ModificationState,
          startTime: earlierMod?.StartTime ? new Date(earlierMod.StartTime).toISOString() : undefined,
          endTime: earlierMod?.EndTime ? new Date(earlierMod.EndTime).toISOString() : undefined,
          originalSize: earlierMod?.OriginalSize,
          targetSize: earlierMod?.TargetSize,
        },
        sizeAfterGiB: after?.Size,
        attachmentStateAfter: after?.Attachments?.[0]?.State,
        instanceStateAfter: (await describeInstances(ctx.aws, [instanceId])).get(instanceId)?.State?.Name,
      };
    }

    ctx.progress(`growing ${volumeId} from ${sizeBeforeGiB} to ${targetGiB} GiB while ${instanceId} runs`);
    const started = ctx.now();
    const states: StateSeen[] = [];
    const note = (m: VolumeModification | undefined) => {
      const state = m?.ModificationState;
      if (state && states[states.length - 1]?.state !== state) states.push({ state, atSeconds: Math.round((ctx.now() - started) / 1000), progress: m?.Progress });
    };
    try {
      // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifyVolume.html
      const out = await ec2.send(new ModifyVolumeCommand({ VolumeId: volumeId, Size: targetGiB }));
      note(out.VolumeModification);
    } catch (e) {
      const err = e as Error;
      return { ...base, sizeBeforeGiB, diskBefore, modifyError: `${err.name}: ${err.message}` };
    }
    for (;;) {
      const elapsed = (ctx.now() - started) / 1000;
      const last = states[states.length - 1]?.state;
      if ((last && SETTLED.has(last)) || elapsed >= FOLLOW_SECONDS) break;
      await ctx.sleep(POLL_SECONDS * 1000);
      // Until the modification is visible, lastModification() is undefined (NotFound): no state yet, keep polling.
      note(await lastModification());
      ctx.progress(`modification of ${volumeId}: ${states[states.length - 1]?.state ?? 'not visible yet'} after ${Math.round((ctx.now() - started) / 1000)} s`);
    }
    const followedSeconds = Math.round((ctx.now() - started) / 1000);
    const after = await describeVolume();
    const instanceStateAfter = (await describeInstances(ctx.aws, [instanceId])).get(instanceId)?.State?.Name;
    let diskAfter: DiskSizes | undefined;
    let diskAfterError: string | undefined;
    try {
      diskAfter = await readDisk(started, (l) => (diskSizes(l).blockBytes ?? 0) >= targetGiB * GIB);
    } catch (e) {
      diskAfterError = (e as Error).message;
    }
    return { ...base, sizeBeforeGiB, modified: true, states, followedSeconds, instanceStateAfter, sizeAfterGiB: after?.Size, attachmentStateAfter: after?.Attachments?.[0]?.State, diskBefore, diskAfter, diskAfterError };
  },
});
