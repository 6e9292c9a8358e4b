/**
 * The live checks against a mocked CloudFormation, Systems Manager and CloudWatch Logs (world.ts,
 * shaped like their API references, which it cites), on a fake clock: the observations' calls and
 * cleanup, and each judge on the observation that must make it fail or be inconclusive.
 */
import * as path from 'node:path';
import { CreateStackCommand, DeleteStackCommand, UpdateTerminationProtectionCommand } from '@aws-sdk/client-cloudformation';
import { DeleteParameterCommand } from '@aws-sdk/client-ssm';
import { indexClaims } from '../../../lib/lab-kit/catalog/catalog';
import { fakeObserveContext, judgeLive } from '../../../lib/lab-kit/testing';
import { recordExampleRun } from '../../../lib/lab-kit/testing/example-run';
import { expectToMatchFileSnapshot } from '../../../lib/lab-kit/testing/file-snapshot';
import { CATALOG } from '../../../catalog';
import { SilentCustomResourceProvider } from '../../../lib/provisioning/silent-custom-resource-provider';
import { cloudformationStackLifecycle as lab } from '..';
import { observeCustomResource, REQUEST_LOG_PREFIX, type CustomResourceObservation } from '../observe-custom-resource';
import { observeProtection, type ProtectionObservation } from '../observe-protection';
import { observeTemplates, type TemplatesObservation } from '../observe-templates';
import { LAB_SERVICE_TIMEOUT_S } from '../templates';
import { ACCOUNT, cfnMock, logsMock, PROVIDER_ARN, PROVIDER_LOG_GROUP, REGION, resetMocks, ssmMock, world, type WorldQuirks } from './world';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { SSMClient } from '@aws-sdk/client-ssm';

const OUTPUTS = { ProviderFunctionArn: PROVIDER_ARN, ProviderLogGroupName: PROVIDER_LOG_GROUP };
const ctx = () => fakeObserveContext({ labId: lab.id, outputs: OUTPUTS, region: REGION });
const clients = () => ({ cfn: new CloudFormationClient({ region: REGION }), ssm: new SSMClient({ region: REGION }), logs: new CloudWatchLogsClient({ region: REGION }) });

beforeEach(resetMocks);

async function protectionRun(quirks: WorldQuirks = {}): Promise<ProtectionObservation> {
  const c = ctx();
  world(c.now, quirks);
  return observeProtection(c, clients().cfn, clients().ssm);
}
async function customResourceRun(quirks: WorldQuirks = {}): Promise<CustomResourceObservation> {
  const c = ctx();
  world(c.now, quirks);
  return observeCustomResource(c, clients().cfn, clients().logs, OUTPUTS);
}
async function templatesRun(): Promise<TemplatesObservation> {
  const c = ctx();
  world(c.now);
  return observeTemplates(c, clients().cfn);
}
const outcome = (claim: string, o: unknown) => judgeLive(lab, claim, o).outcome;
const reasons = (claim: string, o: unknown) => judgeLive(lab, claim, o).reasons.join('\n');

describe('I6: the protection stack', () => {
  test('created tagged and protected, refused while protected, deleted with the stack policy still set; Retain kept, then removed by the check', async () => {
    const o = await protectionRun();
    const create = cfnMock.commandCalls(CreateStackCommand)[0].args[0].input;
    expect(create.Tags).toEqual([{ Key: 'lab', Value: lab.id }, { Key: 'lab-run', Value: o.runId }]);
    expect(create.EnableTerminationProtection).toBe(true);
    expect(JSON.parse(create.StackPolicyBody!)).toEqual({ Statement: [{ Effect: 'Deny', Action: 'Update:*', Principal: '*', Resource: '*' }] });
    expect(o.stack).toMatch(/^cloudformation-stack-lifecycle-protect-r[0-9a-z]+$/);
    expect(o.update.status).toBe('UPDATE_ROLLBACK_COMPLETE');
    expect(o.update.valueAfter).toBe('v1');
    expect(o.protectedDelete.error?.name).toBe('ValidationError');
    expect(o.unprotectedDelete?.status).toBe('DELETE_COMPLETE');
    expect(o.kept?.exists).toBe(true);
    expect(o.dropped).toMatchObject({ exists: false, error: { name: 'ParameterNotFound' } });
    expect(ssmMock.commandCalls(DeleteParameterCommand).map((c) => c.args[0].input.Name)).toEqual([`/${lab.id}/${o.runId}/kept`]);
    expect(o.cleanup.deleted).toBe(true);
    for (const claim of ['I6.deletion-policy-retains-resources', 'I6.termination-protection-blocks-delete-stack', 'I6.stack-policy-applies-only-to-updates']) expect(outcome(claim, o)).toBe('pass');
  });

  test('fails when DeleteStack ignores termination protection', async () => {
    const o = await protectionRun({ ignoresTerminationProtection: true });
    expect(outcome('I6.termination-protection-blocks-delete-stack', o)).toBe('fail');
    expect(reasons('I6.termination-protection-blocks-delete-stack', o)).toContain('DeleteStack with protection on: error code: expected ValidationError');
    // The stack policy claim needs protection off first: without the refusal it proves nothing.
    expect(outcome('I6.stack-policy-applies-only-to-updates', o)).toBe('inconclusive');
  });

  test('fails when the stack policy blocks the deletion, and when Retain is ignored', async () => {
    // The world leaves a DELETE_FAILED stack; its cleanup cannot delete it either, so judge the
    // observation as if it had been cleaned (the cleanup error is tested below).
    const blocked = await protectionRun({ stackPolicyBlocksDelete: true });
    const cleaned = { ...blocked, cleanup: { ...blocked.cleanup, deleted: true, error: undefined } };
    expect(outcome('I6.stack-policy-applies-only-to-updates', cleaned)).toBe('fail');
    expect(reasons('I6.stack-policy-applies-only-to-updates', cleaned)).toContain('DeleteStack with the stack policy in place: expected DELETE_COMPLETE, saw DELETE_FAILED');
    const retainIgnored = await protectionRun({ ignoresRetain: true });
    expect(outcome('I6.deletion-policy-retains-resources', retainIgnored)).toBe('fail');
  });

  test('a stack the check could not delete is an error naming how to remove it, never a verdict', async () => {
    const blocked = await protectionRun({ stackPolicyBlocksDelete: true });
    expect(blocked.cleanup.deleted).toBe(false);
    expect(() => judgeLive(lab, 'I6.deletion-policy-retains-resources', blocked)).toThrow(/update-termination-protection --no-enable-termination-protection --stack-name cloudformation-stack-lifecycle-protect-/);
  });

  test('a stack that never finished creating is inconclusive', async () => {
    const o = await protectionRun();
    const notCreated = { ...o, created: { ...o.created, status: 'ROLLBACK_COMPLETE' } };
    expect(outcome('I6.deletion-policy-retains-resources', notCreated)).toBe('inconclusive');
  });

  test('the stack is deleted in finally even when a step throws, protection off first', async () => {
    const c = ctx();
    world(c.now);
    ssmMock.reset();
    ssmMock.rejects(Object.assign(new Error('User is not authorized to perform: ssm:GetParameter'), { name: 'AccessDeniedException' }));
    await expect(observeProtection(c, clients().cfn, clients().ssm)).rejects.toThrow(/not authorized/);
    expect(cfnMock.commandCalls(UpdateTerminationProtectionCommand).map((x) => x.args[0].input.EnableTerminationProtection)).toEqual([false]);
    expect(cfnMock.commandCalls(DeleteStackCommand).length).toBeGreaterThan(0);
  });
});

describe('I30: the silent custom resource', () => {
  test('CREATE_FAILED after the ServiceTimeout, not the hour; the request came to the Lambda with an S3 presigned ResponseURL', async () => {
    const o = await customResourceRun();
    expect(o.serviceTimeoutSeconds).toBe(LAB_SERVICE_TIMEOUT_S);
    expect(o.secondsToFailed).toBeCloseTo(LAB_SERVICE_TIMEOUT_S + 1.73, 2);
    expect(o.requests.map((r) => r.requestType)).toEqual(['Create', 'Delete']);
    expect(o.finalStatus).toBe('ROLLBACK_COMPLETE');
    expect(o.cleanup.deleted).toBe(true);
    for (const claim of ['I30.custom-resources-and-registry-types', 'I30.service-token-is-lambda-or-sns-arn', 'I30.provider-must-respond-or-stack-times-out']) expect(outcome(claim, o)).toBe('pass');
    expect(logsMock.calls().length).toBeGreaterThan(0);
  });

  test('fails when the resource waits out the default hour instead of its ServiceTimeout; inconclusive (and deleted) when the lab stops waiting first', async () => {
    const o = await customResourceRun({ customResourceFailsAfterS: 3600 });
    expect(o.gaveUpAfterS).toBeGreaterThanOrEqual(LAB_SERVICE_TIMEOUT_S + 600);
    expect(o.cleanup.deleted).toBe(true);
    expect(outcome('I30.provider-must-respond-or-stack-times-out', o)).toBe('inconclusive');
    const hour = { ...o, gaveUpAfterS: undefined, finalStatus: 'ROLLBACK_COMPLETE', secondsToFailed: 3600.4 };
    expect(outcome('I30.provider-must-respond-or-stack-times-out', { ...hour, events: [...o.events, { ...o.events[0], status: 'CREATE_FAILED' }] })).toBe('fail');
    expect(reasons('I30.provider-must-respond-or-stack-times-out', { ...hour, events: [...o.events, { ...o.events[0], status: 'CREATE_FAILED' }] })).toContain('before the default 3600 s');
  });

  test('fails when it failed before its ServiceTimeout, or the ResponseURL is not S3', async () => {
    const o = await customResourceRun();
    const early = { ...o, secondsToFailed: LAB_SERVICE_TIMEOUT_S - 5 };
    expect(outcome('I30.provider-must-respond-or-stack-times-out', early)).toBe('fail');
    const http = { ...o, requests: o.requests.map((r) => ({ ...r, responseUrl: { protocol: 'https:', host: 'hooks.example.com', presigned: false } })) };
    expect(outcome('I30.service-token-is-lambda-or-sns-arn', http)).toBe('fail');
  });

  test('inconclusive when the provider never logged the Create request, or no CREATE_FAILED was seen', async () => {
    const o = await customResourceRun();
    expect(outcome('I30.service-token-is-lambda-or-sns-arn', { ...o, requests: [] })).toBe('inconclusive');
    expect(outcome('I30.provider-must-respond-or-stack-times-out', { ...o, events: o.events.filter((e) => e.status !== 'CREATE_FAILED'), secondsToFailed: undefined })).toBe('inconclusive');
  });

  test("the provider's log prefix is the construct's", () => {
    expect(REQUEST_LOG_PREFIX).toBe(SilentCustomResourceProvider.REQUEST_LOG_PREFIX);
  });
});

describe('I36 and T6: templates', () => {
  test('cycles refused before any stack exists; the fixes accepted; the seed refused, its map missing this Region; every change-set stack deleted', async () => {
    const o = await templatesRun();
    expect(o.securityGroupCycle.create).toEqual({ refused: { name: 'ValidationError', message: 'Template format error: Circular dependency between resources: [WebSg, AppSg]' }, statusAfter: 'absent' });
    expect(o.securityGroupRules.changeSet.status).toBe('CREATE_COMPLETE');
    expect(o.seedFixed.regionsInMap).not.toContain(REGION);
    expect(o.seedFixed.changeSet.status).toBe('FAILED');
    expect(o.typed.disallowed.refused?.name).toBe('ValidationError');
    expect(o.cleanup.every((c) => c.deleted)).toBe(true);
    for (const claim of ['I36.restructure-references-to-break-cycles', 'I36.ref-and-getatt-imply-dependencies', 'T6.findinmap-selects-ami-for-region', 'T6.undeclared-ref-fails-template-validation', 'T6.typed-parameters-and-ssm-ami-parameter']) expect(outcome(claim, o)).toBe('pass');
  });

  test('fails when a cycle is accepted, the seed validates, or a disallowed value plans', async () => {
    const o = await templatesRun();
    const accepted = { ...o, securityGroupCycle: { ...o.securityGroupCycle, create: { statusAfter: 'CREATE_IN_PROGRESS' } } };
    expect(outcome('I36.restructure-references-to-break-cycles', accepted)).toBe('fail');
    expect(outcome('T6.undeclared-ref-fails-template-validation', { ...o, seed: { validate: { valid: true } } })).toBe('fail');
    expect(outcome('T6.typed-parameters-and-ssm-ami-parameter', { ...o, typed: { ...o.typed, disallowed: { status: 'CREATE_COMPLETE', changes: 1 } } })).toBe('fail');
    expect(outcome('T6.findinmap-selects-ami-for-region', { ...o, seedFixed: { ...o.seedFixed, changeSet: { status: 'CREATE_COMPLETE', changes: 1 } } })).toBe('fail');
  });

  test('inconclusive when a refusal is for another reason than the one under test', async () => {
    const o = await templatesRun();
    const other = { ...o, dependsOnCycle: { ...o.dependsOnCycle, create: { refused: { name: 'ValidationError', message: 'Template format error: Unrecognized resource types' }, statusAfter: 'absent' } } };
    expect(outcome('I36.ref-and-getatt-imply-dependencies', other)).toBe('inconclusive');
    const map = { ...o, seedFixed: { ...o.seedFixed, changeSet: { status: 'FAILED', reason: 'Requires capabilities : [CAPABILITY_IAM]' } } };
    expect(outcome('T6.findinmap-selects-ami-for-region', map)).toBe('inconclusive');
  });
});

test('its example run (test/fixtures/example-run.json) is the truthful world recorded: every live claim passes, the example says it is one', async () => {
  // Run ids take a random suffix: fixed here so the recorded example is the same on every run.
  const random = jest.spyOn(Math, 'random').mockReturnValue(0.5);
  const c = ctx();
  world(c.now);
  const claims = indexClaims(CATALOG);
  const record = await recordExampleRun(lab, c, (id) => claims.get(id)?.claim, 'a truthful world: CloudFormation, Systems Manager and CloudWatch Logs answering as their API references give them');
  expect(record.results.filter((r) => r.outcome !== 'pass' && r.outcome !== 'skipped')).toEqual([]);
  expect(JSON.stringify(record)).not.toContain(ACCOUNT);
  expectToMatchFileSnapshot(record, path.join(__dirname, 'fixtures', 'example-run.json'));
  // `labs report` judges the redacted record again (account XXXXXXXXXXXX): the same outcomes.
  random.mockRestore();
  for (const r of record.results) if (r.mode === 'live') expect(judgeLive(lab, r.claim, (record.observations as any[]).find((x) => x.name === lab.checks[r.claim].live!.observation.name).value).outcome).toBe(r.outcome);
});
