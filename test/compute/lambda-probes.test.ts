import { App, Duration, Size, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { ColdStartProbeFunction, MAX_PADDING_MB } from '../../lib/compute/lambda-cold-start-probe';
import { EnvironmentIsolationPair } from '../../lib/compute/lambda-environment-isolation';
import { MemoryHogFunction } from '../../lib/compute/lambda-memory-hog';
import { ReleaseAliasFunction } from '../../lib/compute/lambda-release-alias';
import { LAMBDA_TIMEOUT_LIMITS, TimeoutProbeFunction } from '../../lib/compute/lambda-timeout-probe';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const hog = require('../../lib/compute/lambda-memory-hog-handler/index.js');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const sleeper = require('../../lib/compute/lambda-timeout-probe-handler/index.js');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const release = require('../../lib/compute/lambda-release-probe-handler/index.js');

const stack = () => new Stack(new App(), 'TestStack');

describe('MemoryHogFunction', () => {
  test('Node.js 24 or Python 3.13 (inline), 128 MB, its own log group, a role with inline rights only', () => {
    const s = stack();
    new MemoryHogFunction(s, 'Node', { runtime: 'nodejs' });
    new MemoryHogFunction(s, 'Python', { runtime: 'python' });
    const t = Template.fromStack(s);
    t.hasResourceProperties('AWS::Lambda::Function', { Runtime: 'nodejs24.x', MemorySize: 128, Architectures: ['arm64'], LoggingConfig: Match.objectLike({ LogGroup: Match.anyValue() }) });
    t.hasResourceProperties('AWS::Lambda::Function', { Runtime: 'python3.13', MemorySize: 128, Code: { ZipFile: Match.stringLikeRegexp('def handler') } });
    t.resourceCountIs('AWS::Logs::LogGroup', 2);
    t.hasResourceProperties('AWS::IAM::Role', { ManagedPolicyArns: Match.absent() });
  });

  test('the Node.js handler returns what it allocated', async () => {
    expect(await hog.handler({ mb: 16 })).toEqual({ allocatedMb: 16 });
  });

  test.each([
    [{ runtime: 'java' as any }, /runtime: received "java"; allowed: 'nodejs' or 'python'/],
    [{ runtime: 'nodejs' as const, memorySize: Size.mebibytes(64) }, /memorySize: received 64 MiB; allowed: 128 to 10240 MiB/],
    [{ runtime: 'nodejs' as const, timeout: Duration.minutes(16) }, /timeout: received 16 minutes; allowed: 1 second to 15 minutes/],
  ])('refuses %o', (props, message) => {
    expect(() => new MemoryHogFunction(stack(), 'Hog', props)).toThrow(message);
  });
});

describe('TimeoutProbeFunction', () => {
  test('keeps the timeout it is given', () => {
    const s = stack();
    new TimeoutProbeFunction(s, 'Probe', { timeout: Duration.seconds(2) });
    Template.fromStack(s).hasResourceProperties('AWS::Lambda::Function', { Timeout: 2, MemorySize: 128 });
  });

  test(`refuses a timeout above ${LAMBDA_TIMEOUT_LIMITS.maxSeconds} s, naming the prop and the range`, () => {
    expect(() => new TimeoutProbeFunction(stack(), 'Probe', { timeout: Duration.seconds(901) })).toThrow('timeout: received 15 minutes 1 second; allowed: 1 to 900 seconds, whole seconds');
  });

  test('the handler waits as told', async () => {
    expect(await sleeper.handler({ sleepMs: 1 })).toEqual({ sleptMs: 1 });
  });
});

describe('ColdStartProbeFunction', () => {
  test('a VPC probe gets VpcConfig and the VPC access policy on its role; the others neither', () => {
    const s = stack();
    const vpc = new ec2.Vpc(s, 'Vpc', { natGateways: 0, maxAzs: 2, subnetConfiguration: [{ name: 'Isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
    const securityGroup = new ec2.SecurityGroup(s, 'Sg', { vpc, allowAllOutbound: false });
    new ColdStartProbeFunction(s, 'InVpc', { vpc: { vpc, subnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED }, securityGroup } });
    new ColdStartProbeFunction(s, 'AtInit', { sdkClient: 'init' });
    const t = Template.fromStack(s);
    t.hasResourceProperties('AWS::Lambda::Function', { VpcConfig: Match.objectLike({ SubnetIds: Match.anyValue() }), Environment: { Variables: { SDK_CLIENT: 'none' } } });
    t.hasResourceProperties('AWS::Lambda::Function', { VpcConfig: Match.absent(), Environment: { Variables: { SDK_CLIENT: 'init' } } });
    // Lambda needs the EC2 network-interface rights to create the VPC probe's ENIs: without them CreateFunction is refused.
    const managed = Object.values<any>(t.findResources('AWS::IAM::Role')).map((r) => JSON.stringify(r.Properties.ManagedPolicyArns ?? []));
    expect(managed.filter((m) => m.includes('service-role/AWSLambdaVPCAccessExecutionRole'))).toHaveLength(1);
  });

  test('a padded package is another asset than the plain one, the same on every synth', () => {
    const code = () => {
      const s = stack();
      new ColdStartProbeFunction(s, 'Big', { paddingMegabytes: 1 });
      return JSON.stringify(Object.values<any>(Template.fromStack(s).findResources('AWS::Lambda::Function'))[0].Properties.Code);
    };
    const plain = (() => {
      const s = stack();
      new ColdStartProbeFunction(s, 'Big');
      return JSON.stringify(Object.values<any>(Template.fromStack(s).findResources('AWS::Lambda::Function'))[0].Properties.Code);
    })();
    expect(code()).toEqual(code());
    expect(code()).not.toEqual(plain);
  });

  test.each([
    [{ sdkClient: 'lazy' as any }, /sdkClient: received "lazy"; allowed: 'init', 'handler' or 'none'/],
    [{ paddingMegabytes: MAX_PADDING_MB + 1 }, new RegExp(`paddingMegabytes: received ${MAX_PADDING_MB + 1}; allowed: a whole number from 0 to ${MAX_PADDING_MB}`)],
  ])('refuses %o', (props, message) => {
    expect(() => new ColdStartProbeFunction(stack(), 'Probe', props)).toThrow(message);
  });
});

describe('ReleaseAliasFunction', () => {
  test('one version, an alias on it, RELEASE_MARK set', () => {
    const s = stack();
    new ReleaseAliasFunction(s, 'Release');
    const t = Template.fromStack(s);
    t.resourceCountIs('AWS::Lambda::Version', 1);
    t.hasResourceProperties('AWS::Lambda::Alias', { Name: 'live', FunctionVersion: { 'Fn::GetAtt': [Match.anyValue(), 'Version'] } });
    t.hasResourceProperties('AWS::Lambda::Function', { Environment: { Variables: { RELEASE_MARK: 'release-1' } } });
  });

  test('the handler names its version and mark', async () => {
    process.env.RELEASE_MARK = 'r';
    expect(await release.handler({}, { functionVersion: '3' })).toEqual({ version: '3', releaseMark: 'r' });
    delete process.env.RELEASE_MARK;
  });

  test('refuses an alias name of digits only', () => {
    expect(() => new ReleaseAliasFunction(stack(), 'Release', { aliasName: '12' })).toThrow('aliasName: received "12"; allowed: 1 to 128 letters, digits, - or _, not only digits');
  });
});

describe('EnvironmentIsolationPair', () => {
  test('the holder has the variable; the reader neither has it nor may call GetFunctionConfiguration', () => {
    const s = stack();
    new EnvironmentIsolationPair(s, 'Isolation');
    const t = Template.fromStack(s);
    t.hasResourceProperties('AWS::Lambda::Function', { Environment: { Variables: { LAB_HOLDER_MARK: 'visible-through-the-api-only' } } });
    const actions = Object.values<any>(t.findResources('AWS::IAM::Policy')).flatMap((p) => p.Properties.PolicyDocument.Statement.flatMap((st: any) => [st.Action].flat()));
    expect(actions.filter((a: string) => a.startsWith('lambda:'))).toEqual([]);
  });

  test('refuses a reserved variable name', () => {
    expect(() => new EnvironmentIsolationPair(stack(), 'Isolation', { variableName: 'AWS_REGION' })).toThrow(/variableName: received "AWS_REGION"; allowed: a letter then letters, digits or underscores, not starting with AWS_/);
  });
});
