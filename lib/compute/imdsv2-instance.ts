import { Size, SizeRoundingBehavior } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

/** Properties of {@link Imdsv2Instance}. */
export interface Imdsv2InstanceProps {
  readonly vpc: ec2.IVpc;
  /** The subnet to launch in. The instance needs no route anywhere: IMDS and the serial console are link-local and out of band. */
  readonly subnet: ec2.ISubnet;
  /**
   * Detailed monitoring: EC2 sends its metrics to CloudWatch every minute (charged per metric)
   * instead of every five minutes (free).
   * @default false (basic monitoring)
   * @see https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/manage-detailed-monitoring.html
   */
  readonly detailedMonitoring?: boolean;
  /**
   * Attach a role through an instance profile, so the instance metadata service serves temporary
   * credentials for it at `iam/security-credentials/<role>`. The role has no permissions: having
   * credentials is what the lab shows, not using them.
   * @default true
   * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_switch-role-ec2.html
   */
  readonly instanceProfileRole?: boolean;
  /**
   * The size of the data volume attached at launch as `/dev/sdf`, formatted XFS and mounted at
   * {@link Imdsv2Instance.DATA_MOUNT_POINT}: a whole number of GiB from 1 (the gp3 minimum) to 16.
   * @default Size.gibibytes(1)
   * @see https://docs.aws.amazon.com/ebs/latest/userguide/ebs-volume-types.html
   */
  readonly dataVolumeSize?: Size;
  /** An Arm (Graviton) type: the AMI is Amazon Linux 2023 for arm64. @default t4g.nano */
  readonly instanceType?: ec2.InstanceType;
}

/**
 * An Amazon Linux 2023 instance that requires IMDSv2 (`HttpTokens: required`), with a data volume
 * that stays attached after launch.
 *
 * The worked answer to "how does an instance get credentials": nothing is pushed onto the
 * instance. Code on it asks the link-local metadata service for a session token (PUT
 * `/latest/api/token`), then reads the role's temporary credentials with it; with tokens required a
 * tokenless (IMDSv1) request is refused. AWS rotates the credentials and serves new ones at least five
 * minutes before the old ones expire.
 *
 * The construct maps the root volume itself (8 GiB gp3, encrypted, `DeleteOnTermination: true`, the size
 * of the Amazon Linux 2023 AMI's snapshot) and the data volume with `DeleteOnTermination: true` too, so the
 * stack leaves nothing behind. The data volume is mounted by UUID from `/etc/fstab` with `nofail`, so it
 * is mounted again after a reboot and a missing volume does not hold up the boot. EC2 publishes CPU,
 * network, EBS and status-check metrics for it with no agent; memory and disk space need the CloudWatch
 * agent, which this instance does not run.
 *
 * @see https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instance-metadata-security-credentials.html
 * @see https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-instance-metadata-service.html
 * @see https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/viewing_metrics_with_cloudwatch.html
 */
export class Imdsv2Instance extends Construct {
  /** The data volume's device name in the block device mapping (on Nitro it appears as an NVMe device, with this name as a symlink). */
  public static readonly DATA_DEVICE_NAME = '/dev/sdf';
  /** Where the data volume's file system is mounted. */
  public static readonly DATA_MOUNT_POINT = '/data';

  public readonly instance: ec2.Instance;
  /** The role behind the instance profile, when there is one. */
  public readonly role?: iam.Role;
  /** The data volume's size in GiB at launch. */
  public readonly dataVolumeGiB: number;

  constructor(scope: Construct, id: string, props: Imdsv2InstanceProps) {
    super(scope, id);
    const instanceType = props.instanceType ?? ec2.InstanceType.of(ec2.InstanceClass.T4G, ec2.InstanceSize.NANO);
    if (instanceType.architecture !== ec2.InstanceArchitecture.ARM_64) {
      throw new Error(`instanceType: received ${instanceType}; allowed: an Arm (Graviton) type such as t4g.nano, to match the arm64 AMI`);
    }
    const gib = props.dataVolumeSize?.toGibibytes({ rounding: SizeRoundingBehavior.NONE }) ?? 1;
    if (!Number.isInteger(gib) || gib < 1 || gib > 16) {
      throw new Error(`dataVolumeSize: received ${gib} GiB; allowed: a whole number of GiB from 1 to 16`);
    }
    this.dataVolumeGiB = gib;
    if (props.instanceProfileRole ?? true) {
      this.role = new iam.Role(this, 'Role', {
        assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'),
        description: 'No permissions: the instance metadata service serves its temporary credentials, which the lab only inspects',
      });
    }
    const userData = ec2.UserData.forLinux();
    // The device of a volume mapped at launch exists at boot; on Nitro, udev links /dev/sdf to its NVMe device.
    // User data runs at first boot only ("Run commands when you launch an EC2 instance with user data input",
    // https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/user-data.html): the fstab line (by UUID, `nofail` so
    // a missing volume does not stop the boot) mounts it again after a reboot.
    const dev = Imdsv2Instance.DATA_DEVICE_NAME;
    const mnt = Imdsv2Instance.DATA_MOUNT_POINT;
    userData.addCommands(
      `for i in $(seq 1 60); do [ -e ${dev} ] && break; sleep 1; done`,
      `mkfs -t xfs ${dev}`,
      `mkdir -p ${mnt}`,
      `echo "UUID=$(blkid -s UUID -o value ${dev}) ${mnt} xfs defaults,nofail 0 2" >> /etc/fstab`,
      `mount ${mnt}`,
    );
    this.instance = new ec2.Instance(this, 'Instance', {
      vpc: props.vpc,
      vpcSubnets: { subnets: [props.subnet] },
      instanceType,
      machineImage: ec2.MachineImage.latestAmazonLinux2023({ cpuType: ec2.AmazonLinuxCpuType.ARM_64 }),
      userData,
      role: this.role,
      // Written out on the instance (MetadataOptions), not left to the AMI: Amazon Linux 2023 is flagged
      // ImdsSupport v2.0, which makes `required` the default anyway, but another AMI would not be.
      httpTokens: ec2.HttpTokens.REQUIRED,
      // Also written out, so an account's or organization's IMDS defaults (which can turn the endpoint off)
      // do not apply: the launch's own value wins ("Configure the Instance Metadata Service options", order of
      // precedence, https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-instance-metadata-options.html).
      // Hop limit 1: only the instance itself, no container behind a bridge, reaches the service.
      httpEndpoint: true,
      httpPutResponseHopLimit: 1,
      detailedMonitoring: props.detailedMonitoring ?? false,
      // Pinned, not left to the account's default credit specification (standard would hold the boot at the baseline).
      creditSpecification: ec2.CpuCredits.UNLIMITED,
      blockDevices: [
        { deviceName: '/dev/xvda', volume: ec2.BlockDeviceVolume.ebs(8, { encrypted: true, volumeType: ec2.EbsDeviceVolumeType.GP3, deleteOnTermination: true }) },
        {
          deviceName: Imdsv2Instance.DATA_DEVICE_NAME,
          volume: ec2.BlockDeviceVolume.ebs(gib, { encrypted: true, volumeType: ec2.EbsDeviceVolumeType.GP3, deleteOnTermination: true }),
        },
      ],
      // No inbound rule: nothing connects to it.
      allowAllOutbound: true,
    });
    if (!this.role) {
      // ec2.Instance always makes a role and an instance profile. The profile goes: without one the metadata
      // service has no credentials to serve (iam/security-credentials/ answers 404), which is what this instance
      // is for. Its role stays, unused and without permissions (free), because ec2.Instance makes the instance
      // depend on it.
      this.instance.node.tryRemoveChild('InstanceProfile');
      this.instance.instance.iamInstanceProfile = undefined;
    }
  }
}
