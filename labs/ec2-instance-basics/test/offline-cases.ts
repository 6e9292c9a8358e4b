import type { OfflineCases } from '../../../lib/lab-kit/testing';

/** The logical id of the resource an output points at. */
function target(t: any, output: string): string {
  const v = t.Outputs[output].Value;
  return v.Ref ?? v['Fn::GetAtt'][0];
}

/** For every claim, the template change that must make its offline check fail. */
export const OFFLINE_CASES: OfflineCases = {
  'B6.new-sg-allows-all-outbound': (t) => {
    t.Resources[target(t, 'LaunchSecurityGroupId')].Properties.SecurityGroupEgress = [{ CidrIp: '255.255.255.255/32', Description: 'Disallow all traffic', FromPort: 252, IpProtocol: 'icmp', ToPort: 86 }];
  },
  'B6.new-sg-has-no-inbound-rules': (t) => {
    t.Resources.RestrictDefaultSg = { Type: 'Custom::VpcRestrictDefaultSG', Properties: {} };
  },
  'T1.imdsv2-requires-session-token': (t) => {
    t.Resources[target(t, 'BasicInstanceId')].Properties.MetadataOptions = { HttpTokens: 'optional' };
  },
  'I9.role-attached-through-instance-profile': (t) => {
    delete t.Resources[target(t, 'DetailedInstanceId')].Properties.IamInstanceProfile;
  },
  'I9.sdk-fetches-role-credentials-from-imds': (t) => {
    t.Resources[target(t, 'DetailedInstanceId')].Properties.MetadataOptions = { HttpTokens: 'optional' };
  },
  'B20.memory-metrics-need-cloudwatch-agent': (t) => {
    t.Resources.AgentAssociation = { Type: 'AWS::SSM::Association', Properties: { Name: 'AmazonCloudWatch-ManageAgent' } };
  },
  'B20.detailed-monitoring-sends-one-minute-metrics': (t) => {
    t.Resources[target(t, 'BasicInstanceId')].Properties.Monitoring = true;
  },
  'I20.detailed-monitoring-uses-one-minute-periods': (t) => {
    t.Resources[target(t, 'DetailedInstanceId')].Properties.Monitoring = false;
  },
  'B22.root-volume-deletes-on-termination-by-default': (t) => {
    delete t.Outputs.ImageId;
  },
  'B24.elastic-volumes-grow-attached-volume': (t) => {
    const p = t.Resources[target(t, 'DetailedInstanceId')].Properties;
    p.BlockDeviceMappings = p.BlockDeviceMappings.filter((m: any) => m.DeviceName !== '/dev/sdf');
  },
  'B24.grow-file-system-after-volume-resize': (t) => {
    const p = t.Resources[target(t, 'DetailedInstanceId')].Properties;
    p.UserData = { 'Fn::Base64': '#!/bin/bash\nxfs_growfs /data' };
  },
  'I26.every-public-ipv4-address-is-billed': (t) => {
    t.Resources.LabEip = { Type: 'AWS::EC2::EIP', Properties: { Domain: 'vpc' } };
  },
};
