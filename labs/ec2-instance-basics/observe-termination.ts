/**
 * B22: launch a throwaway instance with its AMI's root volume and a data volume whose
 * DeleteOnTermination is false, terminate it, and see which volume is left. The instance and its
 * volumes are tagged `lab=<id>` at launch (TagSpecifications), so `labs leftovers` lists them after an
 * interrupted run; the `finally` terminates the instance if it still runs and deletes the data volume
 * once it is detached, whatever happened before. If the run is cut off (Ctrl-C, lost credentials) the
 * instance ends itself: its user data schedules `shutdown -h +15`, and its shutdown behaviour is
 * `terminate`, so it stops billing and stops holding the stack's subnet and security group after about
 * 15 minutes. Its data volume (DeleteOnTermination false) then stays `available` until `labs leftovers`
 * deletes it.
 */
import type { EC2Client, Volume } from '@aws-sdk/client-ec2';
import { observationsOf } from '../../lib/lab-kit/checks/lab-definition';
import { LAB_TAG } from '../../lib/lab-kit/core/tags';
import { DATA_DEVICE } from './facts';
import { describeInstances, instanceView, type InstanceView } from './observe-instances';
import { OUTPUTS } from './outputs';
import { SETTINGS } from './settings';

const observe = observationsOf(OUTPUTS);

/** Seconds between polls. */
const POLL_SECONDS = 5;
/**
 * Bounds on the waits, not verdicts: the run stops waiting and says what it saw (pending after 5
 * minutes, not terminated after 10, volumes not settled after 5).
 */
export const WAIT_SECONDS = { running: 300, terminated: 600, volumes: 300 } as const;

/**
 * How long the throwaway instance lives if the run is interrupted: its user data shuts it down after this
 * many minutes, and with InstanceInitiatedShutdownBehavior `terminate` a shutdown from inside the instance
 * terminates it ("Change the instance initiated shutdown behavior",
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/Using_ChangingInstanceInitiatedShutdownBehavior.html;
 * RunInstances, https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_RunInstances.html: "stop | terminate").
 * Longer than a run's waits before it terminates the instance itself (running, at most 5 minutes).
 */
export const SELF_TERMINATE_MINUTES = 15;
/** The throwaway instance's user data (RunInstances takes it base64-encoded). */
export const SELF_TERMINATE_USER_DATA = `#!/bin/bash\nshutdown -h +${SELF_TERMINATE_MINUTES}\n`;

/** The instance states of "InstanceState" (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_InstanceState.html). */
const RUNNING: string = 'running';
const TERMINATED: string = 'terminated';
/**
 * Volume states: "creating | available | in-use | deleting | deleted | error" ("Volume",
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Volume.html). A deleted volume soon drops out of
 * DescribeVolumes altogether (the observation asks with a `volume-id` filter, so a missing one is no error).
 */
export const VOLUME_AVAILABLE = 'available';
export const VOLUME_GONE = ['deleting', 'deleted', 'gone'] as const;

export interface TerminationObservation {
  /** The instance this run launched, as DescribeInstances saw it once running (its block devices and their flags). */
  readonly launched?: InstanceView;
  /** Seconds from RunInstances to `running`, and from TerminateInstances to `terminated`. */
  readonly secondsToRunning?: number;
  readonly secondsToTerminated?: number;
  /** The instance's last state seen. */
  readonly finalInstanceState?: string;
  /** After termination: each volume's state, `gone` when DescribeVolumes no longer lists it. */
  readonly rootVolumeAfter?: string;
  readonly dataVolumeAfter?: string;
  readonly rootVolumeId?: string;
  readonly dataVolumeId?: string;
  /** What the `finally` did: data volume deleted, instance terminated, or why not. */
  readonly cleanup: readonly string[];
}

async function volumeStates(ec2: EC2Client, ids: readonly string[]): Promise<Map<string, string>> {
  const { paginateDescribeVolumes } = await import('@aws-sdk/client-ec2');
  const states = new Map<string, string>();
  for await (const page of paginateDescribeVolumes({ client: ec2 }, { Filters: [{ Name: 'volume-id', Values: [...ids] }] })) {
    for (const v of page.Volumes ?? ([] as Volume[])) if (v.VolumeId) states.set(v.VolumeId, v.State ?? '?');
  }
  return states;
}

export const termination = observe({
  name: 'termination',
  outputs: ['SubnetId', 'LaunchSecurityGroupId', 'ImageId'],
  async observe(ctx): Promise<TerminationObservation> {
    const { EC2Client, DeleteVolumeCommand, RunInstancesCommand, TerminateInstancesCommand } = await import('@aws-sdk/client-ec2');
    const ec2 = new EC2Client(ctx.aws);
    const launchName = `${ctx.labId}-b22-termination`;
    const tags = [{ Key: LAB_TAG, Value: ctx.labId }, { Key: 'Name', Value: launchName }];
    ctx.progress('launching a throwaway t4g.nano with a data volume that has DeleteOnTermination false');
    const launchedAt = ctx.now();
    // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_RunInstances.html
    // The root volume is not mapped: it keeps the AMI's own DeleteOnTermination, the default under test.
    const run = await ec2.send(
      new RunInstancesCommand({
        ImageId: ctx.outputs.ImageId,
        InstanceType: SETTINGS.instanceType,
        MinCount: 1,
        MaxCount: 1,
        SubnetId: ctx.outputs.SubnetId,
        SecurityGroupIds: [ctx.outputs.LaunchSecurityGroupId],
        MetadataOptions: { HttpTokens: 'required', HttpEndpoint: 'enabled', HttpPutResponseHopLimit: 1 },
        InstanceInitiatedShutdownBehavior: 'terminate',
        UserData: Buffer.from(SELF_TERMINATE_USER_DATA).toString('base64'),
        CreditSpecification: { CpuCredits: 'unlimited' },
        BlockDeviceMappings: [{ DeviceName: DATA_DEVICE, Ebs: { VolumeSize: 1, VolumeType: 'gp3', DeleteOnTermination: false, Encrypted: true } }],
        TagSpecifications: [
          { ResourceType: 'instance', Tags: tags },
          { ResourceType: 'volume', Tags: tags },
        ],
      }),
    );
    const instanceId = run.Instances?.[0]?.InstanceId;
    if (!instanceId) throw new Error('RunInstances returned no instance id');
    const cleanup: string[] = [];
    let result: Omit<TerminationObservation, 'cleanup'> = {};
    let dataVolumeId: string | undefined;
    let state: string = 'pending';
    const waitFor = async (wanted: string, boundSeconds: number, from: number) => {
      for (;;) {
        const seen = (await describeInstances(ctx.aws, [instanceId])).get(instanceId);
        state = seen?.State?.Name ?? 'missing';
        const elapsed = Math.round((ctx.now() - from) / 1000);
        if (state === wanted || elapsed >= boundSeconds) return { seen, elapsed };
        ctx.progress(`${instanceId}: ${state}, waiting for ${wanted} (${elapsed} s)`);
        await ctx.sleep(POLL_SECONDS * 1000);
      }
    };
    try {
      const up = await waitFor(RUNNING, WAIT_SECONDS.running, launchedAt);
      const launched = instanceView(instanceId, up.seen);
      const root = launched.blockDevices.find((d) => d.deviceName === launched.rootDeviceName)?.volumeId;
      dataVolumeId = launched.blockDevices.find((d) => d.deviceName === DATA_DEVICE)?.volumeId;
      result = { launched, secondsToRunning: up.elapsed, rootVolumeId: root, dataVolumeId, finalInstanceState: state };
      if (state !== RUNNING) return { ...result, cleanup };
      ctx.progress(`terminating ${instanceId}`);
      const terminatedAt = ctx.now();
      await ec2.send(new TerminateInstancesCommand({ InstanceIds: [instanceId] }));
      const down = await waitFor(TERMINATED, WAIT_SECONDS.terminated, terminatedAt);
      result = { ...result, secondsToTerminated: down.elapsed, finalInstanceState: state };
      if (state !== TERMINATED) return { ...result, cleanup };
      const ids = [root, dataVolumeId].filter((v): v is string => !!v);
      const settledAt = ctx.now();
      for (;;) {
        const states = await volumeStates(ec2, ids);
        const rootAfter = root ? (states.get(root) ?? 'gone') : undefined;
        const dataAfter = dataVolumeId ? (states.get(dataVolumeId) ?? 'gone') : undefined;
        result = { ...result, rootVolumeAfter: rootAfter, dataVolumeAfter: dataAfter };
        const rootSettled = rootAfter === undefined || (VOLUME_GONE as readonly string[]).includes(rootAfter);
        const dataSettled = dataAfter === undefined || dataAfter === VOLUME_AVAILABLE || dataAfter === 'gone';
        if ((rootSettled && dataSettled) || (ctx.now() - settledAt) / 1000 >= WAIT_SECONDS.volumes) break;
        ctx.progress(`after termination: root volume ${rootAfter}, data volume ${dataAfter}`);
        await ctx.sleep(POLL_SECONDS * 1000);
      }
      return { ...result, cleanup };
    } finally {
      const leftBehind: string[] = [];
      if (state !== TERMINATED) {
        try {
          await ec2.send(new TerminateInstancesCommand({ InstanceIds: [instanceId] }));
          cleanup.push(`terminated ${instanceId}`);
          await waitFor(TERMINATED, WAIT_SECONDS.terminated, ctx.now());
        } catch (e) {
          cleanup.push(`could not terminate ${instanceId}: ${(e as Error).message} (it terminates itself ${SELF_TERMINATE_MINUTES} minutes after launch)`);
        }
      }
      if (!dataVolumeId) {
        // The run stopped before it read the block devices: find the data volume by the Name tag it got at
        // launch (a `tag:<key>` filter of DescribeVolumes, https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeVolumes.html),
        // which holds whether or not it was ever attached, so a failed run does not leave it behind.
        try {
          const { DescribeVolumesCommand } = await import('@aws-sdk/client-ec2');
          const found = await ec2.send(
            new DescribeVolumesCommand({ Filters: [{ Name: 'tag:Name', Values: [launchName] }, { Name: `tag:${LAB_TAG}`, Values: [ctx.labId] }, { Name: 'status', Values: ['creating', 'available', 'in-use'] }] }),
          );
          // The root volume carries the same tags but goes with the instance; any 1 GiB one is a data volume
          // (this run's, or one an earlier interrupted run left).
          leftBehind.push(...(found.Volumes ?? []).filter((v) => v.Size === 1 && v.VolumeId).map((v) => v.VolumeId!));
          if (leftBehind.length === 0) cleanup.push(`found no data volume tagged Name=${launchName}`);
        } catch (e) {
          cleanup.push(`could not look up the data volume of ${instanceId}: ${(e as Error).message}; \`labs leftovers\` lists it (tag ${LAB_TAG}=${ctx.labId})`);
        }
      }
      if (dataVolumeId) leftBehind.push(dataVolumeId);
      for (const volumeId of leftBehind) {
        try {
          // A volume is deleted only once detached (available); after a termination that takes moments.
          const from = ctx.now();
          let s = (await volumeStates(ec2, [volumeId])).get(volumeId) ?? 'gone';
          while (s === 'in-use' && (ctx.now() - from) / 1000 < WAIT_SECONDS.volumes) {
            await ctx.sleep(POLL_SECONDS * 1000);
            s = (await volumeStates(ec2, [volumeId])).get(volumeId) ?? 'gone';
          }
          if (s === 'gone' || s === 'deleting' || s === 'deleted') cleanup.push(`data volume ${volumeId} already ${s}`);
          else {
            // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DeleteVolume.html
            await ec2.send(new DeleteVolumeCommand({ VolumeId: volumeId }));
            cleanup.push(`deleted data volume ${volumeId}`);
          }
        } catch (e) {
          cleanup.push(`could not delete ${volumeId}: ${(e as Error).message}; \`labs leftovers\` lists it (tag ${LAB_TAG}=${ctx.labId})`);
        }
      }
      for (const c of cleanup) ctx.progress(c);
    }
  },
});
