import { App, Size, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Imdsv2Instance } from '../../lib/compute/imdsv2-instance';

function build(props: Partial<ConstructorParameters<typeof Imdsv2Instance>[2]> = {}) {
  const stack = new Stack(new App(), 'Test');
  const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 1, natGateways: 0, subnetConfiguration: [{ name: 'Isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
  new Imdsv2Instance(stack, 'Probe', { vpc, subnet: vpc.isolatedSubnets[0], ...props });
  return Template.fromStack(stack).toJSON();
}
const instanceOf = (json: any) => Object.values<any>(json.Resources).find((r) => r.Type === 'AWS::EC2::Instance').Properties;

describe('Imdsv2Instance', () => {
  test('requires IMDSv2 on the instance itself, with the endpoint on and the hop limit written out (no account default applies)', () => {
    // "Configure the Instance Metadata Service options": HttpTokens required means IMDSv2 only; a value set at
    // launch takes precedence over the account's (or organization's) IMDS defaults, which can turn the endpoint off.
    expect(instanceOf(build()).MetadataOptions).toEqual({ HttpTokens: 'required', HttpEndpoint: 'enabled', HttpPutResponseHopLimit: 1 });
  });

  test('maps a 1 GiB gp3 data volume at /dev/sdf next to the 8 GiB root volume, and formats and mounts it', () => {
    const p = instanceOf(build());
    expect(p.BlockDeviceMappings.map((m: any) => [m.DeviceName, m.Ebs.VolumeSize, m.Ebs.VolumeType])).toEqual([
      ['/dev/xvda', 8, 'gp3'],
      ['/dev/sdf', 1, 'gp3'],
    ]);
    expect(JSON.stringify(p.UserData)).toContain('mkfs -t xfs /dev/sdf');
  });

  test('persists the data mount in /etc/fstab by UUID with nofail, so a reboot mounts it again (user data runs once)', () => {
    const ud = JSON.stringify(instanceOf(build()).UserData);
    expect(ud).toContain('$(blkid -s UUID -o value /dev/sdf) /data xfs defaults,nofail 0 2');
    expect(ud).toContain('>> /etc/fstab');
    expect(ud).toContain('mount /data');
  });

  test('detailed monitoring is off unless asked for', () => {
    expect(instanceOf(build()).Monitoring).toBe(false);
    expect(instanceOf(build({ detailedMonitoring: true })).Monitoring).toBe(true);
  });

  test('with instanceProfileRole false the instance has no instance profile, so its metadata serves no credentials', () => {
    const json = build({ instanceProfileRole: false });
    expect(instanceOf(json).IamInstanceProfile).toBeUndefined();
    expect(Object.values<any>(json.Resources).filter((r) => r.Type === 'AWS::IAM::InstanceProfile')).toHaveLength(0);
    expect(instanceOf(build()).IamInstanceProfile).toBeDefined();
  });

  test('refuses a data volume size outside 1 to 16 whole GiB, naming the prop, the value and what is allowed', () => {
    expect(() => build({ dataVolumeSize: Size.gibibytes(0) })).toThrow('dataVolumeSize: received 0 GiB; allowed: a whole number of GiB from 1 to 16');
    expect(() => build({ dataVolumeSize: Size.gibibytes(17) })).toThrow('dataVolumeSize: received 17 GiB; allowed: a whole number of GiB from 1 to 16');
    expect(() => build({ dataVolumeSize: Size.mebibytes(1536) })).toThrow('dataVolumeSize: received 1.5 GiB; allowed: a whole number of GiB from 1 to 16');
  });

  test('refuses an x86 instance type for the arm64 AMI', () => {
    expect(() => build({ instanceType: new ec2.InstanceType('t3.nano') })).toThrow('instanceType: received t3.nano; allowed: an Arm (Graviton) type such as t4g.nano, to match the arm64 AMI');
  });
});
