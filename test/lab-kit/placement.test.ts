import { DescribeAvailabilityZonesCommand, DescribeInstanceTypeOfferingsCommand, DescribeSubnetsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { DescribeOrderableDBInstanceOptionsCommand, RDSClient } from '@aws-sdk/client-rds';
import { mockClient } from 'aws-sdk-client-mock';
import { parseAzs } from '../../lib/lab-kit/core/project';
import { checkPlacement, placementNeeds, readOfferings, type RegionOfferings } from '../../lib/lab-kit/operations/placement';
import { synthLab } from '../../lib/lab-kit/testing';
import { natVsPublicIp } from '../../labs/nat-vs-public-ip';
import { rdsMultiAzFailover } from '../../labs/rds-multi-az-failover';

const ec2 = mockClient(EC2Client);
const rds = mockClient(RDSClient);
beforeEach(() => {
  ec2.reset();
  rds.reset();
});

/** An AvailabilityZone as DescribeAvailabilityZones returns it (API_AvailabilityZone). */
function zone(name: string, id: string) {
  return { ZoneName: name, ZoneId: id, State: 'available' as const, OptInStatus: 'opt-in-not-required' as const, Messages: [], RegionName: 'us-east-1', GroupName: 'us-east-1', NetworkBorderGroup: 'us-east-1', ZoneType: 'availability-zone' };
}

test('the needs of a template: instance types, DB instances, and how many AZs it takes from Fn::GetAZs', async () => {
  expect(placementNeeds(await synthLab(natVsPublicIp))).toMatchObject({ instanceTypes: ['t4g.nano'], databases: [], azsFromGetAzs: 1, namedAzs: [] });
  expect(placementNeeds(await synthLab(rdsMultiAzFailover))).toMatchObject({ databases: [{ engine: 'postgres', dbInstanceClass: 'db.t4g.micro', multiAz: true, storageType: 'gp3' }], azsFromGetAzs: 2 });
}, 60_000);

test('-c labs:azs names the AZs in the template, and the needs read them', async () => {
  const template = await synthLab(rdsMultiAzFailover, { context: { 'labs:azs': 'us-east-1b,us-east-1c' } });
  expect(placementNeeds(template)).toMatchObject({ azsFromGetAzs: 0, namedAzs: ['us-east-1b', 'us-east-1c'] });
}, 60_000);

test('parseAzs refuses one AZ, two Regions, doubles and non-names, in one line', () => {
  for (const bad of ['us-east-1a', 'us-east-1a,eu-west-1b', 'us-east-1a,us-east-1a', 'us-east-1a,use1-az2', '']) {
    expect(() => parseAzs(bad, '--azs')).toThrow(`--azs: received ${JSON.stringify(bad)}; allowed: two or more distinct Availability Zone names of one Region, comma-separated (e.g. us-east-1a,us-east-1c)`);
  }
  expect(parseAzs('us-east-1a, us-east-1c')).toEqual(['us-east-1a', 'us-east-1c']);
});

describe('checkPlacement', () => {
  const offered: RegionOfferings = {
    zones: ['us-east-1a', 'us-east-1b', 'us-east-1c', 'us-east-1e'],
    defaultSubnetZones: ['us-east-1a', 'us-east-1e'],
    instanceTypes: { 't4g.nano': ['us-east-1a', 'us-east-1b', 'us-east-1c'] },
    databases: { 'postgres 17 db.t4g.micro Multi-AZ': ['us-east-1a', 'us-east-1b', 'us-east-1c'] },
  };
  const needs = { instanceTypes: ['t4g.nano'], databases: [{ engine: 'postgres', engineVersion: '17', dbInstanceClass: 'db.t4g.micro', multiAz: true }], azsFromGetAzs: 2, namedAzs: [] };

  test('predicts Fn::GetAZs: the AZs with a default subnet, in name order, and finds the one that lacks a type', () => {
    expect(checkPlacement(needs, offered)).toEqual({
      azs: ['us-east-1a', 'us-east-1e'],
      predicted: true,
      needed: 2,
      workingAzs: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
      problems: ['us-east-1e does not offer t4g.nano', 'us-east-1e does not offer postgres 17 db.t4g.micro Multi-AZ'],
    });
  });

  // "Fn::GetAZs": "returns only Availability Zones that have a default subnet unless none of the Availability Zones has a default subnet"
  // (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-getavailabilityzones.html): a default VPC
  // left with one default subnet gives one AZ, and a template that selects index 1 fails at create time.
  test('refuses when Fn::GetAZs returns fewer AZs than the template selects (one default subnet left), and still lists the AZs that work', () => {
    const p = checkPlacement(needs, { ...offered, defaultSubnetZones: ['us-east-1b'] });
    expect(p).toEqual({
      azs: ['us-east-1b'],
      predicted: true,
      needed: 2,
      workingAzs: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
      problems: ['the template selects 2 AZs from Fn::GetAZs, which returns only the AZs with a default subnet when any has one, and only 1 has (us-east-1b); Fn::Select past its end fails the stack'],
    });
    // Enough default subnets, or none at all (then every AZ is returned): no such problem.
    expect(checkPlacement(needs, { ...offered, defaultSubnetZones: ['us-east-1a', 'us-east-1b'] }).problems).toEqual([]);
    expect(checkPlacement(needs, { ...offered, defaultSubnetZones: [] }).problems).toEqual([]);
    // With --azs the template names its AZs: default subnets do not matter.
    expect(checkPlacement({ ...needs, azsFromGetAzs: 0, namedAzs: ['us-east-1a', 'us-east-1c'] }, { ...offered, defaultSubnetZones: ['us-east-1b'] }).problems).toEqual([]);
  });

  test('without any default subnet, Fn::GetAZs returns every AZ', () => {
    expect(checkPlacement(needs, { ...offered, defaultSubnetZones: [] }).azs).toEqual(['us-east-1a', 'us-east-1b']);
  });

  test('chosen AZs are checked as named, including one the Region does not have', () => {
    expect(checkPlacement({ ...needs, azsFromGetAzs: 0, namedAzs: ['us-east-1b', 'us-east-1f'] }, offered).problems[0]).toBe(
      'us-east-1f is not an available Availability Zone of this Region (it has: us-east-1a, us-east-1b, us-east-1c, us-east-1e)',
    );
  });
});

test('readOfferings asks EC2 and RDS only about what the lab needs, following pages', async () => {
  ec2.on(DescribeAvailabilityZonesCommand).resolves({ AvailabilityZones: [zone('us-east-1b', 'use1-az1'), zone('us-east-1a', 'use1-az6'), { ...zone('us-east-1-bos-1a', 'use1-bos1-az1'), ZoneType: 'local-zone' }] });
  ec2.on(DescribeSubnetsCommand).resolves({ Subnets: [{ SubnetId: 'subnet-0a1b2c3d', AvailabilityZone: 'us-east-1a', DefaultForAz: true, VpcId: 'vpc-0a1b2c3d', State: 'available', CidrBlock: '172.31.0.0/20' }] });
  ec2.on(DescribeInstanceTypeOfferingsCommand, { NextToken: undefined } as any).resolves({ InstanceTypeOfferings: [{ InstanceType: 't4g.nano', LocationType: 'availability-zone', Location: 'us-east-1a' }], NextToken: 'p2' });
  ec2.on(DescribeInstanceTypeOfferingsCommand, { NextToken: 'p2' } as any).resolves({ InstanceTypeOfferings: [{ InstanceType: 't4g.nano', LocationType: 'availability-zone', Location: 'us-east-1b' }] });
  // OrderableDBInstanceOption (RDS API Reference): one entry per engine version; AvailabilityZones as [{ Name }].
  rds.on(DescribeOrderableDBInstanceOptionsCommand).resolves({
    OrderableDBInstanceOptions: [
      { Engine: 'postgres', EngineVersion: '17.6', DBInstanceClass: 'db.t4g.micro', AvailabilityZones: [{ Name: 'us-east-1a' }, { Name: 'us-east-1b' }], MultiAZCapable: true, Vpc: true },
      { Engine: 'postgres', EngineVersion: '16.10', DBInstanceClass: 'db.t4g.micro', AvailabilityZones: [{ Name: 'us-east-1c' }], MultiAZCapable: true, Vpc: true },
      { Engine: 'postgres', EngineVersion: '17.2', DBInstanceClass: 'db.t4g.micro', AvailabilityZones: [{ Name: 'us-east-1d' }], MultiAZCapable: false, Vpc: true },
    ],
  });
  const gp3Only = { instanceTypes: [], databases: [{ engine: 'postgres', engineVersion: '17', dbInstanceClass: 'db.t4g.micro', multiAz: true, storageType: 'gp3' }], azsFromGetAzs: 2, namedAzs: [] };
  rds.on(DescribeOrderableDBInstanceOptionsCommand).resolvesOnce({
    // One option per storage type (OrderableDBInstanceOption.StorageType): gp2 in 1c only, gp3 in 1a and 1b.
    OrderableDBInstanceOptions: [
      { Engine: 'postgres', EngineVersion: '17.6', DBInstanceClass: 'db.t4g.micro', StorageType: 'gp2', AvailabilityZones: [{ Name: 'us-east-1c' }], MultiAZCapable: true, Vpc: true },
      { Engine: 'postgres', EngineVersion: '17.6', DBInstanceClass: 'db.t4g.micro', StorageType: 'gp3', AvailabilityZones: [{ Name: 'us-east-1a' }, { Name: 'us-east-1b' }], MultiAZCapable: true, Vpc: true },
    ],
  });
  expect((await readOfferings({ region: 'us-east-1' }, gp3Only)).databases).toEqual({ 'postgres 17 db.t4g.micro gp3 Multi-AZ': ['us-east-1a', 'us-east-1b'] });
  rds.on(DescribeOrderableDBInstanceOptionsCommand).resolves({
    OrderableDBInstanceOptions: [
      { Engine: 'postgres', EngineVersion: '17.6', DBInstanceClass: 'db.t4g.micro', AvailabilityZones: [{ Name: 'us-east-1a' }, { Name: 'us-east-1b' }], MultiAZCapable: true, Vpc: true },
      { Engine: 'postgres', EngineVersion: '16.10', DBInstanceClass: 'db.t4g.micro', AvailabilityZones: [{ Name: 'us-east-1c' }], MultiAZCapable: true, Vpc: true },
      { Engine: 'postgres', EngineVersion: '17.2', DBInstanceClass: 'db.t4g.micro', AvailabilityZones: [{ Name: 'us-east-1d' }], MultiAZCapable: false, Vpc: true },
    ],
  });
  const offered = await readOfferings({ region: 'us-east-1' }, { instanceTypes: ['t4g.nano'], databases: [{ engine: 'postgres', engineVersion: '17', dbInstanceClass: 'db.t4g.micro', multiAz: true }], azsFromGetAzs: 2, namedAzs: [] });
  expect(offered).toEqual({
    zones: ['us-east-1a', 'us-east-1b'],
    defaultSubnetZones: ['us-east-1a'],
    instanceTypes: { 't4g.nano': ['us-east-1a', 'us-east-1b'] },
    databases: { 'postgres 17 db.t4g.micro Multi-AZ': ['us-east-1a', 'us-east-1b'] },
  });
  expect(ec2).toHaveReceivedCommandWith(DescribeInstanceTypeOfferingsCommand, { LocationType: 'availability-zone', Filters: [{ Name: 'instance-type', Values: ['t4g.nano'] }] });
  expect(rds).toHaveReceivedCommandWith(DescribeOrderableDBInstanceOptionsCommand, { Engine: 'postgres', DBInstanceClass: 'db.t4g.micro', Vpc: true });
});
