import { Duration } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { createLabApp } from '../../lib/lab-kit/app/lab-app';
import { LabStack } from '../../lib/lab-kit/stack/lab-stack';
import { formatTtl, parseTtl } from '../../lib/lab-kit/stack/ttl';
import { selfDestructDeletedLast, teardownComplete } from '../../lib/lab-kit/checks/guardrails';
import { deriveOutcome } from '../../lib/lab-kit/checks/judgement';
import { allDependencies, directDependencies, notDeletedLast } from '../../lib/lab-kit/template/dependencies';
import type { TemplateJson } from '../../lib/lab-kit/template/json';

function build(context: Record<string, unknown> = {}, ttl?: Duration) {
  const app = createLabApp({ nag: false, context });
  const stack = new LabStack(app, 'demo-lab', { ttl });
  // A resource whose CDK default is RETAIN, to prove the aspect overrides it.
  new sqs.Queue(stack, 'Queue', { enforceSSL: true });
  return { stack, template: Template.fromStack(stack) };
}

test('the stack name is the lab id and every resource is tagged lab=<id>', () => {
  const { stack, template } = build();
  expect(stack.stackName).toBe('demo-lab');
  template.hasResourceProperties('AWS::SQS::Queue', { Tags: [{ Key: 'lab', Value: 'demo-lab' }, { Key: 'lab-ttl', Value: '4h' }] });
  template.hasResourceProperties('AWS::Lambda::Function', { Tags: [{ Key: 'lab', Value: 'demo-lab' }, { Key: 'lab-ttl', Value: '4h' }] });
});

test('nothing is retained: every resource is deleted with the stack', () => {
  const { template } = build();
  for (const r of Object.values<any>(template.toJSON().Resources)) {
    if (r.Type === 'AWS::CDK::Metadata') continue;
    expect([r.Type, r.DeletionPolicy]).toEqual([r.Type, 'Delete']);
  }
});

test('the TTL defaults to 4 hours and comes from -c ttl=...', () => {
  expect(build().stack.ttl.toHours()).toBe(4);
  const { stack, template } = build({ ttl: '90m' });
  expect(stack.ttl.toMinutes()).toBe(90);
  template.hasOutput('LabTtl', { Value: '90m' });
  template.hasResourceProperties('AWS::Lambda::Function', { Environment: { Variables: { TTL_SECONDS: '5400' } } });
});

test('a short TTL is checked every 5 minutes, a long one every 15', () => {
  build({ ttl: '45m' }).template.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(5 minutes)' });
  build({ ttl: '8h' }).template.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(15 minutes)' });
});

test('the self-destruct may describe and delete its own stack, and nothing else', () => {
  const { template } = build();
  const policies = Object.values<any>(template.findResources('AWS::IAM::Policy'));
  expect(policies).toHaveLength(1);
  const statements = policies[0].Properties.PolicyDocument.Statement;
  expect(statements).toHaveLength(2);
  expect(statements[0]).toEqual({ Action: expect.arrayContaining(['cloudformation:DescribeStacks', 'cloudformation:DescribeStackEvents', 'cloudformation:DeleteStack']), Effect: 'Allow', Resource: { Ref: 'AWS::StackId' } });
  expect(statements[0].Action).toHaveLength(3);
  expect(statements[1].Action).toEqual(expect.arrayContaining(['logs:CreateLogStream', 'logs:PutLogEvents']));
  expect(JSON.stringify(statements[1].Resource)).toMatch(/SelfDestructLogGroup/);
  const roles = template.findResources('AWS::IAM::Role');
  for (const role of Object.values<any>(roles)) expect(role.Properties.ManagedPolicyArns).toBeUndefined();
  template.hasResourceProperties('AWS::Lambda::Function', {
    Runtime: 'nodejs24.x',
    Environment: { Variables: { STACK_ID: { Ref: 'AWS::StackId' } } },
    LoggingConfig: { LogGroup: { Ref: Match.stringLikeRegexp('^SelfDestructLogGroup') } },
  });
});

test('the hourly budget is a stack tag, not a template change', () => {
  const app = createLabApp({ nag: false });
  const stack = new LabStack(app, 'demo-lab', { hourlyBudgetUsd: 0.05 });
  expect(app.synth().getStackByName('demo-lab').tags).toEqual({ 'lab-hourly-budget-usd': '0.05', lab: 'demo-lab', 'lab-ttl': '4h' });
  expect(JSON.stringify(Template.fromStack(stack).toJSON())).not.toContain('lab-hourly-budget-usd');
});

test('the template is deterministic: two synths are identical', () => {
  expect(build().template.toJSON()).toEqual(build().template.toJSON());
});

test('throws when the lab id is not kebab-case', () => {
  const app = createLabApp({ nag: false });
  expect(() => new LabStack(app, 'My_Lab')).toThrow('lab id: received "My_Lab"; allowed: lowercase letters, digits and hyphens, 3 to 63 characters, starting with a letter');
});

test('throws when given an environment', () => {
  const app = createLabApp({ nag: false });
  expect(() => new LabStack(app, 'demo-lab', { env: { account: '123456789012' } })).toThrow(
    'env: received an account or region; allowed: none (labs are environment-agnostic and deploy to the account and region of your credentials; a lab that needs concrete Regions declares `regions`)',
  );
});

test('throws when the TTL context is not a duration', () => {
  const app = createLabApp({ nag: false, context: { ttl: 'forever' } });
  expect(() => new LabStack(app, 'demo-lab')).toThrow('ttl: received "forever"; allowed: a duration such as 90m, 4h, 2h30m or 1d, from 30m to 72h (default 4h)');
});

describe('parseTtl', () => {
  test.each([
    ['4h', 240], ['90m', 90], ['2h30m', 150], ['1d', 1440], [' 3H ', 180], [6, 360],
  ])('reads %p as %p minutes', (input, minutes) => {
    expect(parseTtl(input).toMinutes()).toBe(minutes);
  });
  test.each(['', '10m', '4', '4x', 'h', '4h 5', '73h', '4d', '-1h'])('refuses %p', (input) => {
    expect(() => parseTtl(input)).toThrow(/^ttl: received/);
  });
  test('formatTtl writes what parseTtl reads', () => {
    expect(formatTtl(parseTtl('150m'))).toBe('150m');
    expect(formatTtl(parseTtl('2h'))).toBe('2h');
  });
});

describe('the self-destruct is deleted last, so it can retry a deletion that failed', () => {
  // CloudFormation "DependsOn attribute": if A depends on B, "A is deleted before B". Deleted last
  // means every other resource depends on every self-destruct resource, never the reverse.
  test('every other resource depends on each self-destruct resource, and no self-destruct resource on another', () => {
    const json = build().template.toJSON() as TemplateJson;
    const resources = json.Resources!;
    const own = Object.keys(resources).filter((id) => id.startsWith('SelfDestruct'));
    expect(own.length).toBeGreaterThanOrEqual(5);
    expect(notDeletedLast(json, own, (t) => t === 'AWS::CDK::Metadata')).toEqual([]);
    const graph = directDependencies(json);
    for (const id of own) expect([id, [...allDependencies(graph, id)].filter((d) => !own.includes(d))]).toEqual([id, []]);
    expect(deriveOutcome(selfDestructDeletedLast.check(json, {} as never)).outcome).toBe('pass');
  });

  test('the guardrail fails on the old direction (the self-destruct depending on the rest)', () => {
    const json = JSON.parse(JSON.stringify(build().template.toJSON()));
    const own = Object.keys(json.Resources).filter((id) => id.startsWith('SelfDestruct'));
    const others = Object.keys(json.Resources).filter((id) => !own.includes(id) && json.Resources[id].Type !== 'AWS::CDK::Metadata');
    for (const id of others) delete json.Resources[id].DependsOn;
    for (const id of own) json.Resources[id].DependsOn = others;
    const derived = deriveOutcome(selfDestructDeletedLast.check(json, {} as never));
    expect(derived.outcome).toBe('fail');
    expect(derived.reasons[0]).toMatch(/^resources that may outlive the self-destruct at deletion: expected 0, saw \d+$/);
  });

  test('a TTL restart: -c labs:deployId reaches the function as DEPLOY_ID, and plain synths have none', () => {
    const app = createLabApp({ nag: false, context: { 'labs:deployId': '2026-11-23T16:00:00.000Z' } });
    const stack = new LabStack(app, 'demo-lab');
    new sqs.Queue(stack, 'Queue');
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', { Environment: { Variables: Match.objectLike({ DEPLOY_ID: '2026-11-23T16:00:00.000Z' }) } });
    const plain = build().template.toJSON() as TemplateJson;
    expect(JSON.stringify(plain)).not.toContain('DEPLOY_ID');
  });
});

test('kit.teardown-complete fails on an EBS volume that would outlive its instance', () => {
  const template = {
    Resources: {
      Template: { Type: 'AWS::EC2::LaunchTemplate', DeletionPolicy: 'Delete', Properties: { LaunchTemplateData: { BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { VolumeSize: 8, DeleteOnTermination: true } }] } } },
      Instance: { Type: 'AWS::EC2::Instance', DeletionPolicy: 'Delete', Properties: { BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { VolumeSize: 8 } }] } },
    },
  };
  const derived = deriveOutcome(teardownComplete.check(template, {} as never));
  expect(derived).toEqual({ outcome: 'fail', reasons: ['EBS volumes that would outlive their instance: expected none, saw Instance /dev/xvda (EBS volume without DeleteOnTermination: true)'] });
});
