/**
 * The checks of I6, I30, I36 and T6, keyed by catalog claim id: the template evidence that the lab
 * sends what each claim needs (read from the Metadata the lab stack records), and the judgement of
 * what CloudFormation did with the throwaway stacks. The claims' text lives in the catalog.
 */
import { decisive, type Expectation, expectAtLeast, expectAtMost, expectEqual, expectThat, type Judgement, requires } from '../../lib/lab-kit/checks/judgement';
import { type ClaimCheck, live } from '../../lib/lab-kit/checks/lab-definition';
import { cycleMembers, type LabFacts, undeclaredRefs } from './facts';
import { type CustomResourceObservation, customResource } from './observe-custom-resource';
import { protection, type ProtectionObservation } from './observe-protection';
import { type ChangeSetAttempt, templates, type TemplatesObservation } from './observe-templates';
import { SERVICE_TIMEOUT_LIMITS } from './templates';
import { assertCleaned, type AwsFailure, SETTLE_MAX_MS } from './throwaway';

const listed = (v: readonly string[]) => (v.length ? v.join(', ') : 'none');
const failure = (f?: AwsFailure) => (f ? `${f.name}: ${f.message}` : 'none');

/**
 * The error code CloudFormation answers for a request it refuses on its content: ValidationError,
 * HTTP 400, "The input fails to satisfy the constraints specified by an AWS service" ("Common
 * errors", AWS CloudFormation API Reference,
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/CommonErrors.html).
 */
export const VALIDATION_ERROR = 'ValidationError';

/**
 * The words CloudFormation's refusal of a dependency cycle begins with, as AWS's Knowledge Center
 * quotes the error: "Circular dependency between resources: [Function, Bucket, FunctionRole,
 * FunctionUploadPermission]" ("How do I resolve circular dependencies with AWS Serverless
 * Application Model (SAM) templates in CloudFormation?", AWS Knowledge Center,
 * https://aws.amazon.com/premiumsupport/knowledge-center/cloudformation-circular-dependency-sam/,
 * now https://repost.aws/knowledge-center/cloudformation-circular-dependency-sam). A knowledge-center
 * article, not the API reference: no API page documents the message text. Used only to tell that a
 * refusal concerns the cycle (a precondition: another wording gives inconclusive), never decisive.
 */
export const CIRCULAR_DEPENDENCY_TEXT = 'Circular dependency between resources';

/**
 * The refusal of a Ref to an undeclared name, in the form AWS's Knowledge Center lists it:
 * "Unresolved resource dependencies [XXXXXXXX] in the Resources block of the template" ("How do I
 * resolve AWS CloudFormation template validation errors or template format errors?", AWS Knowledge
 * Center, https://aws.amazon.com/premiumsupport/knowledge-center/cloudformation-template-validation/,
 * now https://repost.aws/knowledge-center/cloudformation-template-validation), with the seed's
 * name in the brackets. Not in the API reference (ValidateTemplate documents only the error code),
 * so it is never decisive: the verdict is the ValidationError code, and the text a second,
 * non-decisive expectation reported as observed.
 */
export const UNRESOLVED_DEPENDENCIES_TEXT = 'Unresolved resource dependencies [InstanceType]';

/**
 * A Lambda function ARN ("Amazon Resource Names", arn:partition:lambda:region:account:function:name).
 * The account may read XXXXXXXXXXXX: a recorded run redacts it, and `labs report` judges it again.
 */
const LAMBDA_ARN = /^arn:[a-z-]+:lambda:[a-z0-9-]+:(\d{12}|X{12}):function:[A-Za-z0-9_-]+$/;
/**
 * An Amazon S3 host: `<bucket>.s3.amazonaws.com`, `s3.<region>.amazonaws.com`, `<bucket>.s3.<region>.amazonaws.com`,
 * `s3-external-1.amazonaws.com`, and `.amazonaws.com.cn` in China ("Amazon Simple Storage Service endpoints
 * and quotas", https://docs.aws.amazon.com/general/latest/gr/s3.html).
 */
const S3_HOST = /(^|\.)s3([.-][a-z0-9-]+)*\.amazonaws\.com(\.cn)?$/;

function offline(observed: string, method: string, expectations: Expectation[]): Judgement {
  return { observed, method: `template: ${method}`, expectations };
}

const missing = (f: LabFacts) => expectThat('the lab template records the throwaway templates (Metadata LabExperiments)', !!f.experiments, f.experiments ? 'yes' : 'missing');

// ---------------------------------------------------------------------------------------------
// Offline
// ---------------------------------------------------------------------------------------------

function deletionPolicyOffline(f: LabFacts): Judgement {
  const r = f.experiments?.protection.template.Resources ?? {};
  const cdk = (construct: string) => f.cdkDefaults.find((d) => d.construct === construct)?.deletionPolicy ?? 'not synthesized';
  return offline(
    `The throwaway template's Kept has DeletionPolicy ${r.Kept?.DeletionPolicy ?? 'none'}, Dropped ${r.Dropped?.DeletionPolicy ?? 'none'}. With no removal policy the CDK writes: ${f.cdkDefaults.map((d) => `${d.construct} ${d.deletionPolicy}`).join(', ') || 'nothing recorded'}.`,
    'Metadata LabExperiments.protection (the template the check creates) and LabCdkDefaultDeletionPolicies (a throwaway CDK app synthesized with the lab, never deployed)',
    [
      missing(f),
      expectEqual('Kept: DeletionPolicy', 'Retain', r.Kept?.DeletionPolicy),
      expectEqual('Dropped: DeletionPolicy (none: CloudFormation deletes it)', 'none', r.Dropped?.DeletionPolicy ?? 'none'),
      expectThat('Kept carries the lab tags itself (it outlives the stack)', !!r.Kept?.Properties?.Tags?.lab && !!r.Kept?.Properties?.Tags?.['lab-run'], JSON.stringify(r.Kept?.Properties?.Tags ?? {})),
      // CloudFormation's own default for RDS is Snapshot; the CDK writes it explicitly (RemovalPolicy.SNAPSHOT).
      expectEqual('CDK rds.DatabaseInstance: DeletionPolicy', 'Snapshot', cdk('rds.DatabaseInstance')),
      expectEqual('CDK rds.DatabaseCluster: DeletionPolicy', 'Snapshot', cdk('rds.DatabaseCluster')),
      expectEqual('CDK s3.Bucket: DeletionPolicy', 'Retain', cdk('s3.Bucket')),
      expectEqual('CDK dynamodb.Table: DeletionPolicy', 'Retain', cdk('dynamodb.Table')),
      expectEqual('CDK sqs.Queue: DeletionPolicy (not every construct retains)', 'Delete', cdk('sqs.Queue')),
    ],
  );
}

function terminationProtectionOffline(f: LabFacts): Judgement {
  const o = f.experiments?.protection.options;
  return offline(`The protection stack is created with EnableTerminationProtection ${o?.enableTerminationProtection ?? 'unset'}.`, 'Metadata LabExperiments.protection.options (CreateStack input)', [
    missing(f),
    expectEqual('CreateStack EnableTerminationProtection', true, o?.enableTerminationProtection),
  ]);
}

function stackPolicyOffline(f: LabFacts): Judgement {
  const p = f.experiments?.protection;
  const statements: any[] = (p?.options.stackPolicy as any)?.Statement ?? [];
  const denyAll = statements.some((s) => s.Effect === 'Deny' && s.Action === 'Update:*' && s.Resource === '*' && s.Principal === '*');
  const allows = statements.some((s) => s.Effect === 'Allow');
  return offline(`The protection stack's policy: ${statements.map((s) => `${s.Effect} ${s.Action} on ${s.Resource}`).join('; ') || 'none'}; Dropped's value comes from parameter ${p?.template.Resources?.Dropped?.Properties?.Value?.Ref ?? 'none'}.`, 'Metadata LabExperiments.protection (StackPolicyBody, template)', [
    missing(f),
    expectThat('the stack policy denies Update:* on every resource and allows nothing', denyAll && !allows, listed(statements.map((s) => `${s.Effect} ${s.Action} ${s.Resource}`))),
    expectThat("Dropped's value is a parameter (so the check can try an update)", p?.template.Resources?.Dropped?.Properties?.Value?.Ref === 'DroppedValue', JSON.stringify(p?.template.Resources?.Dropped?.Properties?.Value ?? null)),
    expectThat('the update changes the value', p?.options.updatedValue !== undefined && p.options.updatedValue !== p.template.Parameters?.DroppedValue?.Default, `${p?.template.Parameters?.DroppedValue?.Default ?? '?'} → ${p?.options.updatedValue ?? '?'}`),
  ]);
}

function customResourceFacts(f: LabFacts) {
  const r = f.experiments?.customResource.template.Resources?.Silent;
  return { r, token: r?.Properties?.ServiceToken, timeout: r?.Properties?.ServiceTimeout };
}

function customResourceOffline(f: LabFacts, what: 'provider' | 'token' | 'timeout'): Judgement {
  const { r, token, timeout } = customResourceFacts(f);
  const p = f.provider;
  const expectations: Expectation[] = [missing(f), expectEqual('the throwaway resource type', 'AWS::CloudFormation::CustomResource', r?.Type)];
  if (what === 'provider') {
    expectations.push(
      expectEqual('the provider (ProviderFunctionArn) is a', 'AWS::Lambda::Function', p.type),
      expectEqual('its runtime, pinned', 'nodejs24.x', p.runtime),
      expectThat('it logs to its own log group, deleted with the stack', p.ownLogGroup, p.ownLogGroup ? 'yes' : 'no'),
    );
  } else if (what === 'token') {
    expectations.push(
      expectThat("the ServiceToken is a parameter the check fills with ProviderFunctionArn", token?.Ref === 'ProviderArn', JSON.stringify(token ?? null)),
      expectThat("ProviderFunctionArn is the function's ARN (Fn::GetAtt Arn)", p.outputIsFunctionArn, p.outputIsFunctionArn ? 'yes' : 'no'),
    );
  } else {
    const { min, max } = SERVICE_TIMEOUT_LIMITS;
    expectations.push(
      expectThat(`ServiceTimeout an integer from ${min} to ${max} s`, Number.isInteger(timeout) && timeout >= min && timeout <= max, String(timeout)),
      expectThat(`ServiceTimeout below the default ${SERVICE_TIMEOUT_LIMITS.default} s (so the run shows the setting, not the default)`, typeof timeout === 'number' && timeout < SERVICE_TIMEOUT_LIMITS.default, String(timeout)),
    );
  }
  return offline(`The throwaway custom resource: ${r?.Type ?? 'none'}, ServiceToken ${JSON.stringify(token ?? null)}, ServiceTimeout ${timeout ?? 'unset'}; the provider is ${p.type} ${p.logicalId} (${p.runtime ?? 'no runtime'}).`, 'Metadata LabExperiments.customResource and the ProviderFunctionArn output', expectations);
}

function cycleOffline(f: LabFacts, what: 'security-groups' | 'depends-on'): Judgement {
  const e = f.experiments;
  if (what === 'security-groups') {
    const cyc = e ? cycleMembers(e.securityGroupCycle) : [];
    const fixed = e ? cycleMembers(e.securityGroupRules) : [];
    return offline(`Inline rules: resources on a cycle ${listed(cyc)}; separate rule resources: ${listed(fixed)}.`, 'Metadata LabExperiments.securityGroupCycle and .securityGroupRules, dependencies from Ref, Fn::GetAtt, Fn::Sub and DependsOn', [
      missing(f),
      expectEqual('the groups with inline rules form a cycle', ['AppSg', 'WebSg'], cyc),
      expectEqual('with AWS::EC2::SecurityGroupIngress/Egress resources: resources on a cycle', [], fixed),
    ]);
  }
  const all = e ? cycleMembers(e.dependsOnCycle) : [];
  const refsOnly = e ? cycleMembers(e.dependsOnCycle, { withDependsOn: false }) : [];
  return offline(`On a cycle counting DependsOn: ${listed(all)}; counting Ref and GetAtt only: ${listed(refsOnly)}.`, 'Metadata LabExperiments.dependsOnCycle', [
    missing(f),
    expectEqual('counting DependsOn, on a cycle', ['First', 'Second'], all),
    expectEqual('counting only the implicit dependencies (Ref), on a cycle', [], refsOnly),
  ]);
}

function seedOffline(f: LabFacts, what: 'findinmap' | 'undeclared' | 'typed'): Judgement {
  const e = f.experiments;
  const image = e?.seed.Resources?.myEC2Instance?.Properties?.ImageId;
  if (what === 'findinmap') {
    const regions = Object.keys(e?.seed.Mappings?.RegionMap ?? {});
    return offline(`The seed's ImageId is ${JSON.stringify(image ?? null)}; RegionMap lists ${listed(regions)}.`, 'Metadata LabExperiments.seed', [
      missing(f),
      expectEqual("ImageId: Fn::FindInMap on RegionMap by AWS::Region, key HVM64", { 'Fn::FindInMap': ['RegionMap', { Ref: 'AWS::Region' }, 'HVM64'] }, image),
      expectEqual('Regions in the seed map', 5, regions.length),
    ]);
  }
  if (what === 'undeclared') {
    const seed = e ? undeclaredRefs(e.seed) : [];
    const fixed = e ? undeclaredRefs(e.seedFixed) : [];
    return offline(`Refs to undeclared names: seed ${listed(seed)}; with the seed's fix ${listed(fixed)}.`, 'Metadata LabExperiments.seed and .seedFixed', [
      missing(f),
      expectEqual('the seed refers to undeclared', ['InstanceType'], seed),
      expectEqual("with the seed's InstanceType parameter, undeclared", [], fixed),
    ]);
  }
  const p = e?.typed.template.Parameters ?? {};
  const allowed: string[] = p.InstanceType?.AllowedValues ?? [];
  return offline(`The typed template: InstanceType AllowedValues ${listed(allowed)}; ImageId ${p.ImageId?.Type ?? 'none'} (${p.ImageId?.Default ?? 'no default'}).`, 'Metadata LabExperiments.typed', [
    missing(f),
    expectThat('InstanceType limited by AllowedValues, which leave out the value the check tries', allowed.length > 0 && !allowed.includes(e?.typed.disallowedInstanceType ?? ''), `${listed(allowed)}; tried ${e?.typed.disallowedInstanceType ?? '?'}`),
    expectEqual('ImageId parameter type', 'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>', p.ImageId?.Type),
    expectThat('its default is an SSM public AMI parameter (/aws/service/...)', typeof p.ImageId?.Default === 'string' && p.ImageId.Default.startsWith('/aws/service/'), String(p.ImageId?.Default)),
  ]);
}

// ---------------------------------------------------------------------------------------------
// Live
// ---------------------------------------------------------------------------------------------

const PROTECTION_METHOD =
  'CreateStack (EnableTerminationProtection, a deny-all StackPolicyBody, tags lab and lab-run); UpdateStack changing Dropped; DeleteStack with protection on; UpdateTerminationProtection false; DeleteStack; DescribeStacks and DescribeStackEvents (every page) after each step; GetParameter on both parameters; DeleteParameter on the kept one';

function protectionCleaned(o: ProtectionObservation): void {
  assertCleaned([o.cleanup], o.keptRemoved ? [] : [`SSM parameter ${o.kept?.name ?? '?'} (${o.keptRemoveError ?? 'not removed'}): aws ssm delete-parameter --name ${o.kept?.name ?? '?'}`]);
}

const created = (o: ProtectionObservation) => requires('the throwaway stack was created (CREATE_COMPLETE)', o.created.status === 'CREATE_COMPLETE', o.created.status);
const updateDenied = (o: ProtectionObservation) => !!o.update.refused || (o.update.status === 'UPDATE_ROLLBACK_COMPLETE' && o.update.valueAfter !== o.update.requestedValue);
const updateSeen = (o: ProtectionObservation) =>
  o.update.refused ? `UpdateStack refused: ${failure(o.update.refused)}` : `${o.update.status ?? '?'}; Dropped ${o.update.events.map((e) => `${e.status}${e.reason ? ` (${e.reason})` : ''}`).join(', ') || 'no events'}; value now ${o.update.valueAfter ?? '?'}`;

function deletionPolicyLive(o: ProtectionObservation): Judgement {
  protectionCleaned(o);
  return {
    observed: `After DeleteStack (${o.unprotectedDelete?.status ?? 'not reached'}), GetParameter found ${o.kept?.name ?? 'Kept'} ${o.kept?.exists ? `(value "${o.kept.value}")` : `missing (${failure(o.kept?.error)})`} and ${o.dropped?.exists ? `${o.dropped.name} still there` : `${o.dropped?.name ?? 'Dropped'} gone (${failure(o.dropped?.error)})`}. The check then deleted the kept parameter${o.keptRemoved ? '' : ' (it failed)'}.`,
    method: PROTECTION_METHOD,
    preconditions: [created(o), requires('the stack was deleted (DELETE_COMPLETE)', o.unprotectedDelete?.status === 'DELETE_COMPLETE', o.unprotectedDelete?.status ?? 'not deleted')],
    expectations: [
      decisive(expectThat('Kept (DeletionPolicy Retain) still exists after its stack is gone', o.kept?.exists === true, o.kept?.exists ? 'exists' : failure(o.kept?.error))),
      expectThat('Dropped (no DeletionPolicy) was deleted with the stack (ParameterNotFound)', o.dropped?.exists === false && o.dropped.error?.name === 'ParameterNotFound', o.dropped?.exists ? 'still exists' : failure(o.dropped?.error)),
    ],
    notExercised: 'DeletionPolicy Snapshot on a database (the offline check reads the default from the template), and a non-empty bucket failing its deletion',
  };
}

function terminationProtectionLive(o: ProtectionObservation): Judgement {
  protectionCleaned(o);
  const d = o.protectedDelete;
  return {
    observed: `DeleteStack with termination protection on answered ${d.error ? failure(d.error) : 'without error'}; the stack was then ${d.statusAfter}. With protection off, DeleteStack ended ${o.unprotectedDelete?.status ?? 'not reached'} after ${o.unprotectedDelete?.seconds ?? '?'} s.`,
    method: PROTECTION_METHOD,
    preconditions: [created(o), requires('DescribeStacks showed EnableTerminationProtection true before the DeleteStack', o.terminationProtection, String(o.terminationProtection))],
    expectations: [
      decisive(expectEqual('DeleteStack with protection on: error code', VALIDATION_ERROR, d.error?.name)),
      decisive(expectThat('the stack is unchanged afterwards (not deleting)', !/^DELETE_/.test(d.statusAfter) && d.statusAfter !== 'absent', d.statusAfter)),
      expectEqual('with protection off, DeleteStack deletes it', 'DELETE_COMPLETE', o.unprotectedDelete?.status),
    ],
  };
}

function stackPolicyLive(o: ProtectionObservation): Judgement {
  protectionCleaned(o);
  return {
    observed: `The update the deny-all stack policy covers: ${updateSeen(o)}. DeleteStack with that policy still set (protection off): ${o.unprotectedDelete?.status ?? 'not reached'}; Dropped afterwards: ${o.dropped?.exists ? 'still there' : 'gone'}.`,
    method: PROTECTION_METHOD,
    preconditions: [created(o), requires('termination protection was turned off before the deletion (so only the stack policy was left to stop it)', !!o.protectedDelete.error, o.protectedDelete.error ? 'yes' : 'the first DeleteStack was not refused')],
    expectations: [
      expectThat('the stack policy denied the update (stack rolled back, value unchanged)', updateDenied(o), updateSeen(o)),
      decisive(expectEqual('DeleteStack with the stack policy in place', 'DELETE_COMPLETE', o.unprotectedDelete?.status)),
      expectThat('Dropped was deleted with it', o.dropped?.exists === false, o.dropped?.exists ? 'still exists' : 'gone'),
    ],
    notExercised: 'IAM policies denying cloudformation:DeleteStack, the other protection against deletion',
  };
}

const CR_METHOD =
  'CreateStack of one AWS::CloudFormation::CustomResource (ServiceToken the lab function, ServiceTimeout set); DescribeStacks every 5 s until it settles; DescribeStackEvents (every page) for its CREATE_IN_PROGRESS and CREATE_FAILED; CloudWatch Logs FilterLogEvents on the provider log group for its LABREQUEST lines; DeleteStack';

const createRequest = (o: CustomResourceObservation) => o.requests.find((r) => r.requestType === 'Create');

/** The precondition every I30 live check shares: the Create request's log line was found (missing: the log, not the claim). */
const createLogged = (o: CustomResourceObservation) =>
  requires(
    `the provider logged the Create request (searched from the stack's first event on AWS's clock, ${o.logSearchFrom ?? '?'}, for this stack's ARN; waited ${o.logWaitS ?? '?'} s after it settled, the lab's patience, not a documented figure)`,
    !!createRequest(o),
    createRequest(o) ? 'yes' : `no Create line; logged: ${o.requests.map((r) => r.requestType).join(', ') || 'none'}`,
  );

function customResourcesLive(o: CustomResourceObservation): Judgement {
  assertCleaned([o.cleanup]);
  const c = createRequest(o);
  return {
    observed: `The provider logged ${o.requests.length} request(s) for the stack: ${o.requests.map((r) => `${r.requestType} for ${r.logicalResourceId ?? '?'} (${r.resourceType ?? '?'})`).join(', ') || 'none'}. The stack ended ${o.finalStatus}.`,
    method: CR_METHOD,
    preconditions: [requires('the custom resource started creating (CREATE_IN_PROGRESS)', o.events.some((e) => e.status === 'CREATE_IN_PROGRESS'), o.events.map((e) => e.status).join(', ') || 'no events'), createLogged(o)],
    expectations: [
      expectEqual("the Create request CloudFormation sent the lab function: its LogicalResourceId", 'Silent', c?.logicalResourceId),
      expectEqual('its ResourceType', 'AWS::CloudFormation::CustomResource', c?.resourceType),
    ],
    notExercised: 'registry resource types (private or public extensions), the other way to add resource types',
  };
}

function serviceTokenLive(o: CustomResourceObservation): Judgement {
  assertCleaned([o.cleanup]);
  const c = createRequest(o);
  return {
    observed: `ServiceToken ${o.serviceToken}; the Create request's ResponseURL: ${c ? `${c.responseUrl.protocol}//${c.responseUrl.host}, ${c.responseUrl.presigned ? 'presigned (signature in the query)' : 'no signature'}` : 'no Create request logged'}.`,
    method: `${CR_METHOD}. The handler logs the ResponseURL's scheme, host and whether its query carries X-Amz-Signature or Signature, never the URL`,
    preconditions: [createLogged(o)],
    expectations: [
      expectThat('the ServiceToken is a Lambda function ARN', LAMBDA_ARN.test(o.serviceToken), o.serviceToken),
      (expectThat('the ResponseURL is an https URL on an Amazon S3 host', !!c && c.responseUrl.protocol === 'https:' && S3_HOST.test(c.responseUrl.host), c ? `${c.responseUrl.protocol}//${c.responseUrl.host}` : 'none')),
      expectThat('the ResponseURL is presigned', !!c && c.responseUrl.presigned, c ? String(c.responseUrl.presigned) : 'none'),
    ],
    notExercised: 'an SNS-backed custom resource, and CloudFormation refusing an HTTPS URL as a ServiceToken (not tried)',
  };
}

function timeoutLive(o: CustomResourceObservation): Judgement {
  assertCleaned([o.cleanup]);
  const started = o.events.some((e) => e.status === 'CREATE_IN_PROGRESS');
  const failedEvent = o.events.find((e) => e.status === 'CREATE_FAILED');
  const over = o.secondsToFailed === undefined ? undefined : Math.round((o.secondsToFailed - o.serviceTimeoutSeconds) * 10) / 10;
  return {
    observed: `The custom resource went CREATE_IN_PROGRESS → CREATE_FAILED in ${o.secondsToFailed ?? '?'} s with ServiceTimeout ${o.serviceTimeoutSeconds} s (${over === undefined ? '?' : over} s past it); CloudFormation's reason: ${o.failedReason ?? 'none'}. The stack ended ${o.finalStatus}.`,
    method: CR_METHOD,
    figures: [
      { name: 'CREATE_IN_PROGRESS to CREATE_FAILED', value: o.secondsToFailed ?? NaN, unit: 's' },
      { name: 'ServiceTimeout', value: o.serviceTimeoutSeconds, unit: 's' },
      { name: 'past the ServiceTimeout (measured, not judged)', value: over ?? NaN, unit: 's' },
    ],
    preconditions: [
      createLogged(o),
      requires('the resource has a CREATE_IN_PROGRESS and a CREATE_FAILED event', started && !!failedEvent, o.events.map((e) => e.status).join(', ') || 'no events'),
      requires(`the stack settled within the lab's wait (ServiceTimeout + ${SETTLE_MAX_MS / 1000} s, the lab's patience, not a documented figure)`, o.gaveUpAfterS === undefined, o.gaveUpAfterS === undefined ? 'yes' : `still ${o.finalStatus} after ${o.gaveUpAfterS} s`),
    ],
    expectations: [
      expectAtLeast('seconds to CREATE_FAILED (not before the ServiceTimeout)', o.serviceTimeoutSeconds, o.secondsToFailed, 's'),
      // Decisive once measured: failing at the hour is AWS's answer whatever else the run missed.
      ((e: Expectation) => (o.secondsToFailed === undefined ? e : decisive(e)))(expectAtMost(`seconds to CREATE_FAILED (before the default ${SERVICE_TIMEOUT_LIMITS.default} s: the setting, not the hour, decides)`, SERVICE_TIMEOUT_LIMITS.default - 1, o.secondsToFailed, 's')),
    ],
  };
}

const TEMPLATES_METHOD =
  'ValidateTemplate on each template; CreateStack on the templates with a cycle and DescribeStacks right after; CreateChangeSet (CREATE) and DescribeChangeSet every 5 s on the others; DeleteStack on every stack a change set made';

/**
 * A change set the truth says plans. CREATE_COMPLETE meets the expectation. A change set FAILED or
 * refused counts against the claim only when its reason names one of `names` (the template's own
 * parameter or resource names, never an AWS text): CreateChangeSet also runs pre-deployment
 * validation, service quota checks among them ("Validate stack deployments", AWS CloudFormation
 * User Guide, https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/validate-stack-deployments.html),
 * and a proactive-controls hook with a FAIL finding fails the change set ("View findings from
 * controls", CloudFormation Hooks User Guide,
 * https://docs.aws.amazon.com/cloudformation-cli/latest/hooks-userguide/aws-managed-proactive-controls-findings.html);
 * an SCP can deny the SSM lookup. Those are the account's setup, not the claim: the check then
 * throws, an ERROR of the check that quotes the reason (not inconclusive: the experiment cannot be
 * run in this account as it stands, and the user must act).
 */
export function changeSetPlans(what: string, cs: ChangeSetAttempt, names: readonly string[]): Expectation {
  const saw = cs.status ?? `refused (${failure(cs.refused)})`;
  if (cs.status === 'CREATE_COMPLETE') return expectEqual(what, 'CREATE_COMPLETE', saw);
  const text = cs.refused ? failure(cs.refused) : (cs.reason ?? '');
  if (names.some((n) => text.includes(n))) return decisive(expectEqual(what, 'CREATE_COMPLETE', `${saw}${cs.reason ? ` (${cs.reason})` : ''}`));
  throw new Error(
    `${what}: ${saw}${cs.reason ? ` (${cs.reason})` : ''}, for a reason that names none of ${names.join(', ')}. ` +
      'Pre-deployment validation (service quotas), a hook, or an SCP in this account can fail a change set for reasons that are not the claim, so it is not judged: fix the cause and run again',
  );
}

function refusedForCycle(create: TemplatesObservation['securityGroupCycle']['create'], members: readonly string[]) {
  const m = create.refused?.message ?? '';
  return requires(`the refusal is about the cycle ("${CIRCULAR_DEPENDENCY_TEXT}" naming ${members.join(' and ')})`, m.includes(CIRCULAR_DEPENDENCY_TEXT) && members.every((x) => m.includes(x)), m || 'no refusal');
}

function cycleLive(o: TemplatesObservation, what: 'security-groups' | 'depends-on'): Judgement {
  assertCleaned(o.cleanup);
  const c = what === 'security-groups' ? o.securityGroupCycle : o.dependsOnCycle;
  const members = what === 'security-groups' ? ['WebSg', 'AppSg'] : ['First', 'Second'];
  const expectations: Expectation[] = [
    decisive(expectEqual('CreateStack on the template with the cycle: error code', VALIDATION_ERROR, c.create.refused?.name)),
    decisive(expectEqual('a stack (so any resource) existed afterwards', 'absent', c.create.statusAfter)),
  ];
  if (what === 'security-groups') {
    const cs = o.securityGroupRules.changeSet;
    expectations.push(changeSetPlans('the same rules as separate Ingress/Egress resources: change set', cs, ['WebSg', 'AppSg', 'WebToApp', 'AppFromWeb', CIRCULAR_DEPENDENCY_TEXT]));
  }
  return {
    observed:
      `CreateStack: ${failure(c.create.refused)}; DescribeStacks after: ${c.create.statusAfter}. ValidateTemplate on it: ${c.validate.valid ? 'valid' : failure(c.validate.error)}.` +
      (what === 'security-groups' ? ` The separate-rules template: ValidateTemplate ${o.securityGroupRules.validate.valid ? 'valid' : failure(o.securityGroupRules.validate.error)}, change set ${o.securityGroupRules.changeSet.status ?? failure(o.securityGroupRules.changeSet.refused)} with ${o.securityGroupRules.changeSet.changes ?? 0} change(s).` : ''),
    method: TEMPLATES_METHOD,
    preconditions: [refusedForCycle(c.create, members)],
    expectations,
    notExercised: what === 'security-groups' ? 'splitting into nested stacks or exports (the claim says that does not remove a true cycle; not tried), and deploying the fixed groups (planned only)' : undefined,
  };
}

function seedUndeclaredLive(o: TemplatesObservation): Judgement {
  assertCleaned(o.cleanup);
  const v = o.seed.validate;
  return {
    observed: `ValidateTemplate on the seed template: ${v.valid ? 'valid' : failure(v.error)}; with the seed's InstanceType parameter: ${o.seedFixed.validate.valid ? 'valid' : failure(o.seedFixed.validate.error)}.`,
    method: TEMPLATES_METHOD,
    expectations: [
      decisive(expectEqual('ValidateTemplate on the seed template: error code', VALIDATION_ERROR, v.error?.name)),
      expectThat(`the message says "${UNRESOLVED_DEPENDENCIES_TEXT}"`, (v.error?.message ?? '').includes(UNRESOLVED_DEPENDENCIES_TEXT), v.error?.message ?? 'no error'),
      expectThat("with the seed's InstanceType parameter it validates", o.seedFixed.validate.valid, o.seedFixed.validate.valid ? 'valid' : failure(o.seedFixed.validate.error)),
    ],
  };
}

function seedFindInMapLive(o: TemplatesObservation): Judgement {
  assertCleaned(o.cleanup);
  const cs = o.seedFixed.changeSet;
  const text = cs.refused?.message ?? cs.reason ?? '';
  return {
    observed: `In ${o.region}, with RegionMap listing ${listed(o.seedFixed.regionsInMap)}: ValidateTemplate ${o.seedFixed.validate.valid ? 'accepted the template' : failure(o.seedFixed.validate.error)}; the change set ${cs.refused ? `was refused: ${failure(cs.refused)}` : `ended ${cs.status}: ${cs.reason ?? 'no reason'}`}.`,
    method: `${TEMPLATES_METHOD}. The seed's fixed template, with the Region the check runs in left out of RegionMap (it is, if the seed lists it), so the lookup must miss wherever it runs`,
    preconditions: [
      requires(`the map leaves out ${o.region}`, !o.seedFixed.regionsInMap.includes(o.region), listed(o.seedFixed.regionsInMap)),
      requires('the failure is about the mapping (it names RegionMap)', text.includes('RegionMap'), text || 'no failure'),
    ],
    expectations: [decisive(expectThat('the change set fails (FAILED, or refused at once)', cs.status === 'FAILED' || !!cs.refused, cs.status ?? failure(cs.refused)))],
    notExercised: 'the AMI ids themselves going stale (the instance is never launched)',
  };
}

function typedLive(o: TemplatesObservation): Judgement {
  assertCleaned(o.cleanup);
  const t = o.typed;
  const bad = t.disallowed.refused?.message ?? t.disallowed.reason ?? '';
  return {
    observed: `The typed template: ValidateTemplate ${t.validate.valid ? 'valid' : failure(t.validate.error)}; change set with the defaults ${t.allowed.status ?? failure(t.allowed.refused)}${t.allowed.reason ? ` (${t.allowed.reason})` : ''}; with InstanceType ${t.disallowedValue}: ${t.disallowed.refused ? failure(t.disallowed.refused) : `${t.disallowed.status}: ${t.disallowed.reason ?? ''}`}.`,
    method: `${TEMPLATES_METHOD}. The image comes from the SSM public parameter, which the change set resolves in this Region`,
    preconditions: [requires('the refusal names the InstanceType parameter', bad.includes('InstanceType'), bad || 'no refusal')],
    expectations: [
      expectThat('ValidateTemplate accepts it', t.validate.valid, t.validate.valid ? 'valid' : failure(t.validate.error)),
      changeSetPlans(`change set in ${o.region} with an allowed InstanceType and the SSM AMI parameter`, t.allowed, ['InstanceType', 'ImageId']),
      decisive(expectThat(`InstanceType ${t.disallowedValue} (outside AllowedValues) is rejected at change-set creation`, !!t.disallowed.refused || t.disallowed.status === 'FAILED', t.disallowed.refused ? failure(t.disallowed.refused) : (t.disallowed.status ?? 'none'))),
    ],
  };
}

/** One entry per catalog claim the lab settles: an offline check, and a live one where AWS can show it. */
export const CHECKS: Record<string, ClaimCheck<LabFacts>> = {
  'I6.deletion-policy-retains-resources': { offline: deletionPolicyOffline, live: live(protection, deletionPolicyLive) },
  'I6.termination-protection-blocks-delete-stack': { offline: terminationProtectionOffline, live: live(protection, terminationProtectionLive) },
  'I6.stack-policy-applies-only-to-updates': { offline: stackPolicyOffline, live: live(protection, stackPolicyLive) },
  'I30.custom-resources-and-registry-types': { offline: (f) => customResourceOffline(f, 'provider'), live: live(customResource, customResourcesLive) },
  'I30.service-token-is-lambda-or-sns-arn': { offline: (f) => customResourceOffline(f, 'token'), live: live(customResource, serviceTokenLive) },
  'I30.provider-must-respond-or-stack-times-out': { offline: (f) => customResourceOffline(f, 'timeout'), live: live(customResource, timeoutLive) },
  'I36.restructure-references-to-break-cycles': { offline: (f) => cycleOffline(f, 'security-groups'), live: live(templates, (o: TemplatesObservation) => cycleLive(o, 'security-groups')) },
  'I36.ref-and-getatt-imply-dependencies': { offline: (f) => cycleOffline(f, 'depends-on'), live: live(templates, (o: TemplatesObservation) => cycleLive(o, 'depends-on')) },
  'T6.findinmap-selects-ami-for-region': { offline: (f) => seedOffline(f, 'findinmap'), live: live(templates, seedFindInMapLive) },
  'T6.undeclared-ref-fails-template-validation': { offline: (f) => seedOffline(f, 'undeclared'), live: live(templates, seedUndeclaredLive) },
  'T6.typed-parameters-and-ssm-ami-parameter': { offline: (f) => seedOffline(f, 'typed'), live: live(templates, typedLive) },
};
