import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { EventuallyConsistentGlobalTable } from '../../lib/database/eventually-consistent-global-table';
import { MRSC_REGION_SETS, mrscLayoutProblem, mrscRegionSetOf } from '../../lib/database/mrsc-region-sets';
import { StronglyConsistentGlobalTable } from '../../lib/database/strongly-consistent-global-table';

const stackIn = (region?: string) => new Stack(new App(), 'S', region ? { env: { region } } : {});

describe('MRSC Region sets (AWS::DynamoDB::GlobalTable GlobalTableWitness, CloudFormation Template Reference)', () => {
  test('the documented sets', () => {
    expect(MRSC_REGION_SETS).toEqual({ US: ['us-east-1', 'us-east-2', 'us-west-2'], EU: ['eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-central-1'], AP: ['ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3'] });
    expect(mrscRegionSetOf(['eu-west-3', 'eu-central-1'])).toBe('EU');
    expect(mrscRegionSetOf(['us-east-1', 'eu-west-1'])).toBeUndefined();
    expect(mrscRegionSetOf(['us-west-1'])).toBeUndefined();
  });
  test.each([
    [['us-east-1', 'us-east-2', 'us-west-2'], undefined, undefined],
    [['us-east-1', 'us-east-2'], 'us-west-2', undefined],
    [['us-east-1', 'us-east-2'], undefined, 'without a witness, exactly three replicas (found 2)'],
    [['us-east-1', 'us-east-2', 'us-west-2'], 'us-west-2', 'each Region may hold one replica or the witness, once'],
    [['eu-west-1', 'eu-west-2', 'eu-west-3'], 'eu-central-1', 'with a witness, exactly two replicas (found 3)'],
    [['us-east-1', 'us-east-2', 'us-west-1'], undefined, 'all in one MRSC Region set'],
  ])('%j with witness %s: %s', (replicas, witness, problem) => {
    const found = mrscLayoutProblem(replicas, witness);
    if (problem === undefined) expect(found).toBeUndefined();
    else expect(found).toContain(problem);
  });
});

describe('StronglyConsistentGlobalTable', () => {
  test('an on-demand GlobalTable with MultiRegionConsistency STRONG and a replica in each Region', () => {
    const stack = stackIn('us-east-1');
    new StronglyConsistentGlobalTable(stack, 'T', { replicaRegions: ['us-east-2', 'us-west-2'], deletionProtection: false });
    const t = Template.fromStack(stack);
    const [table] = Object.values<any>(t.findResources('AWS::DynamoDB::GlobalTable'));
    expect(table.Properties.MultiRegionConsistency).toBe('STRONG');
    expect(table.Properties.BillingMode).toBe('PAY_PER_REQUEST');
    expect(table.Properties.Replicas.map((r: any) => r.Region).sort()).toEqual(['us-east-1', 'us-east-2', 'us-west-2']);
  });
  test('two replicas and a witness', () => {
    const stack = stackIn('eu-west-1');
    new StronglyConsistentGlobalTable(stack, 'T', { replicaRegions: ['eu-west-2'], witnessRegion: 'eu-central-1', deletionProtection: false });
    const [table] = Object.values<any>(Template.fromStack(stack).findResources('AWS::DynamoDB::GlobalTable'));
    expect(table.Properties.GlobalTableWitnesses).toEqual([{ Region: 'eu-central-1' }]);
  });
  test('refuses Regions outside one MRSC set, naming the value and the sets', () => {
    expect(() => new StronglyConsistentGlobalTable(stackIn('us-east-1'), 'T', { replicaRegions: ['us-east-2', 'eu-west-1'], deletionProtection: false })).toThrow(
      'replicaRegions: received ["us-east-2","eu-west-1"] with the stack in us-east-1; allowed: all in one MRSC Region set (US: us-east-1, us-east-2, us-west-2; EU: eu-west-1, eu-west-2, eu-west-3, eu-central-1; AP: ap-northeast-1, ap-northeast-2, ap-northeast-3)',
    );
  });
  test('refuses two replicas without a witness', () => {
    expect(() => new StronglyConsistentGlobalTable(stackIn('us-east-1'), 'T', { replicaRegions: ['us-east-2'], deletionProtection: false })).toThrow('allowed: without a witness, exactly three replicas (found 2)');
  });
  test('refuses an environment-agnostic stack', () => {
    expect(() => new StronglyConsistentGlobalTable(stackIn(), 'T', { replicaRegions: ['us-east-2', 'us-west-2'], deletionProtection: false })).toThrow("the stack's region: received a token; allowed: a concrete Region (env.region)");
  });
});

describe('EventuallyConsistentGlobalTable', () => {
  test('an on-demand GlobalTable with MultiRegionConsistency EVENTUAL', () => {
    const stack = stackIn('us-east-1');
    new EventuallyConsistentGlobalTable(stack, 'T', { replicaRegions: ['eu-west-1'], deletionProtection: false });
    const [table] = Object.values<any>(Template.fromStack(stack).findResources('AWS::DynamoDB::GlobalTable'));
    expect(table.Properties.MultiRegionConsistency).toBe('EVENTUAL');
    expect(table.Properties.Replicas.map((r: any) => r.Region).sort()).toEqual(['eu-west-1', 'us-east-1']);
  });
  // "You must specify a value for this property for a AWS::DynamoDB::GlobalTable resource configured
  // for MREC with more than one entry in Replicas" ("AWS::DynamoDB::GlobalTable StreamSpecification",
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-dynamodb-globaltable-streamspecification.html):
  // caught here if a CDK change ever drops the stream TableV2 adds, before CloudFormation refuses the table.
  test('has the StreamSpecification CloudFormation requires of an MREC table with two or more replicas', () => {
    const stack = stackIn('us-east-1');
    new EventuallyConsistentGlobalTable(stack, 'T', { replicaRegions: ['eu-west-1'], deletionProtection: false });
    const [table] = Object.values<any>(Template.fromStack(stack).findResources('AWS::DynamoDB::GlobalTable'));
    expect(table.Properties.StreamSpecification).toEqual({ StreamViewType: 'NEW_AND_OLD_IMAGES' });
  });
  test.each([[[]], [['us-east-1']], [['eu-west-1', 'eu-west-1']]])('refuses replicaRegions %j', (replicaRegions) => {
    expect(() => new EventuallyConsistentGlobalTable(stackIn('us-east-1'), 'T', { replicaRegions, deletionProtection: false })).toThrow(
      `replicaRegions: received ${JSON.stringify(replicaRegions)} with the stack in us-east-1; allowed: one or more distinct Region names, none of them the stack's own`,
    );
  });
  test('refuses an environment-agnostic stack', () => {
    expect(() => new EventuallyConsistentGlobalTable(stackIn(), 'T', { replicaRegions: ['us-east-2'], deletionProtection: false })).toThrow("the stack's region: received a token");
  });
});
