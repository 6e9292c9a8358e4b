import { Duration, Size, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { Construct } from 'constructs';
import { Imdsv2Instance } from '../../lib/compute/imdsv2-instance';
import { addLabOutputs } from '../../lib/lab-kit/stack/lab-outputs';
import { LabStack, type LabStackProps } from '../../lib/lab-kit/stack/lab-stack';
import { consoleProbeCommands } from '../../lib/network/console-probe-commands';
import { OUTPUTS } from './outputs';
import { DISK_PROBE, diskProbeCommand, IMDS_PROBE, IMDS_PROBE_COMMAND } from './probes';
import { SETTINGS } from './settings';

/**
 * Lab ec2-instance-basics: one VPC with one isolated subnet (no internet gateway, no NAT, no public
 * IPv4 address: nothing here needs the internet), and two t4g.nano instances that require IMDSv2,
 * each with a small gp3 data volume:
 *
 * - `Detailed`: detailed monitoring and an instance profile role (its metadata serves credentials);
 * - `Basic`: basic monitoring and no instance profile.
 *
 * Each writes what only it can see (the metadata service's answers, its block device and file system
 * sizes) on its serial console. The VPC's default security group keeps its rules (the CDK's
 * `restrictDefaultSecurityGroup` would strip them), so the checks can read what AWS puts there.
 */
export class Ec2InstanceBasicsStack extends LabStack {
  constructor(scope: Construct, id: string, props: LabStackProps = {}) {
    super(scope, id, {
      description: 'Lab ec2-instance-basics: security group defaults, IMDSv2 credentials, volumes and metrics (B6, T1, I9, B20, B22, B24, I20)',
      ...props,
    });
    const vpc = new ec2.Vpc(this, 'Vpc', {
      ipAddresses: ec2.IpAddresses.cidr('10.0.0.0/24'),
      maxAzs: 1,
      natGateways: 0,
      subnetConfiguration: [{ name: 'Isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 26 }],
      // Kept as AWS makes it: B6 reads the default group's self-referencing inbound rule.
      restrictDefaultSecurityGroup: false,
    });
    const subnet = vpc.isolatedSubnets[0];
    const detailed = new Imdsv2Instance(this, 'Detailed', { vpc, subnet, detailedMonitoring: true, instanceProfileRole: true, dataVolumeSize: Size.gibibytes(SETTINGS.dataVolumeGiB) });
    const basic = new Imdsv2Instance(this, 'Basic', { vpc, subnet, detailedMonitoring: false, instanceProfileRole: false, dataVolumeSize: Size.gibibytes(SETTINGS.dataVolumeGiB) });
    for (const i of [detailed, basic]) {
      i.instance.userData.addCommands(
        ...consoleProbeCommands({ name: IMDS_PROBE, command: IMDS_PROBE_COMMAND, interval: Duration.seconds(SETTINGS.imdsProbeIntervalSeconds) }),
        ...consoleProbeCommands({ name: DISK_PROBE, command: diskProbeCommand(Imdsv2Instance.DATA_DEVICE_NAME, Imdsv2Instance.DATA_MOUNT_POINT), interval: Duration.seconds(SETTINGS.diskProbeIntervalSeconds) }),
      );
    }

    addLabOutputs(this, OUTPUTS, {
      DetailedInstanceId: detailed.instance.instanceId,
      BasicInstanceId: basic.instance.instanceId,
      VpcId: vpc.vpcId,
      SubnetId: subnet.subnetId,
      LaunchSecurityGroupId: basic.instance.connections.securityGroups[0].securityGroupId,
      ImageId: detailed.instance.instance.imageId!,
    });

    Validations.of(this).acknowledge(
      { id: 'AwsSolutions-VPC7', reason: 'Flow logs would cost more than the lab and record nothing: no traffic crosses this VPC, the instances only talk to their link-local metadata service.' },
      { id: 'AwsSolutions-EC29', reason: 'Termination protection would stop cdk destroy and the self-destruct: a lab must be deletable.' },
    );
    Validations.of(basic).acknowledge({ id: 'AwsSolutions-EC28', reason: 'Basic monitoring is the point of this instance: B20 and I20 compare its 5-minute metrics with the other instance\'s 1-minute ones.' });
  }
}
