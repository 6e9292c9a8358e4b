/**
 * A mocked CloudFormation, Systems Manager and CloudWatch Logs that behave as their documentation
 * says, on the test's fake clock. Responses follow the API references' shapes:
 *
 * - CreateStack, UpdateStack, UpdateTerminationProtection return { StackId }; DeleteStack returns
 *   nothing; DescribeStacks returns Stacks (StackId, StackName, CreationTime, StackStatus,
 *   StackStatusReason, EnableTerminationProtection, Tags), and for a name it does not know a
 *   ValidationError "Stack with id <name> does not exist"; DescribeStackEvents returns StackEvents
 *   (StackId, EventId, StackName, LogicalResourceId, PhysicalResourceId, ResourceType, Timestamp,
 *   ResourceStatus, ResourceStatusReason), newest first, paged by NextToken; ValidateTemplate
 *   returns Parameters and Description; CreateChangeSet returns { Id, StackId }; DescribeChangeSet
 *   returns ChangeSetName, ChangeSetId, StackId, StackName, ExecutionStatus, Status, StatusReason,
 *   Changes (AWS CloudFormation API Reference:
 *   https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DescribeStacks.html,
 *   https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_StackEvent.html,
 *   https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DescribeChangeSet.html).
 *   Refusals are ValidationError ("Common errors",
 *   https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/CommonErrors.html).
 * - GetParameter returns Parameter (Name, Type, Value, Version, LastModifiedDate, ARN, DataType) or
 *   ParameterNotFound; DeleteParameter returns nothing
 *   (https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_GetParameter.html).
 * - FilterLogEvents returns events (logStreamName, timestamp, message, ingestionTime, eventId)
 *   (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_FilterLogEvents.html).
 *
 * Message texts: the cycle's "Circular dependency between resources: [...]" and "Unresolved resource
 * dependencies [...] in the Resources block of the template" are in the forms AWS's Knowledge Center
 * quotes (re:Post Knowledge Center, https://repost.aws/knowledge-center/cloudformation-circular-dependency-sam
 * and https://repost.aws/knowledge-center/cloudformation-template-validation); no API reference
 * documents them, and the checks use them only as preconditions or non-decisive expectations.
 * DescribeStacks' "Stack with id <name> does not exist" is observed wording: the API page documents
 * only the ValidationError code, which is all the lab matches. The other texts (termination
 * protection's refusal, the stack policy's denial, the timeout's reason, the mapping failure,
 * AllowedValues, and the change-set failures of the account's own rules) are NOT documented by AWS
 * and are illustrative: the checks never match them (only the error code, the state, and the
 * template's own parameter and resource names), and report the text as observed.
 * DeleteStack's DeletionMode FORCE_DELETE_STACK ("Delete the stack if it's stuck in a DELETE_FAILED
 * state due to resource deletion failure": DeleteStackRequest.deletionMode, AWS SDK for Kotlin API
 * Reference, generated from the DeleteStack API,
 * https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/cloudformation/aws.sdk.kotlin.services.cloudformation.model/-delete-stack-request/deletion-mode.html;
 * the operation: https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DeleteStack.html).
 */
import {
  CloudFormationClient,
  CreateChangeSetCommand,
  CreateStackCommand,
  DeleteStackCommand,
  DescribeChangeSetCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  UpdateStackCommand,
  UpdateTerminationProtectionCommand,
  ValidateTemplateCommand,
} from '@aws-sdk/client-cloudformation';
import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DeleteParameterCommand, GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';
export const PROVIDER_ARN = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:cloudformation-stack-lif-SilentProviderFunction-AbCdEf012345`;
export const PROVIDER_LOG_GROUP = 'cloudformation-stack-lifecycle-SilentProviderLogGroup7BF458E8-Gh1Jk2Lm3No4';
export const RESPONSE_HOST = 'cloudformation-custom-resource-response-useast1.s3.amazonaws.com';

export const cfnMock = mockClient(CloudFormationClient);
export const ssmMock = mockClient(SSMClient);
export const logsMock = mockClient(CloudWatchLogsClient);

const validationError = (message: string) => Object.assign(new Error(message), { name: 'ValidationError', $fault: 'client' });

interface Event { LogicalResourceId: string; ResourceType: string; ResourceStatus: string; ResourceStatusReason?: string; Timestamp: Date }
interface FakeStack {
  id: string;
  name: string;
  status: string;
  reason?: string;
  protection: boolean;
  policy?: any;
  template: any;
  parameters: Record<string, string>;
  events: Event[];
  /** What happens on the next DescribeStacks polls. */
  pending: Array<{ at: number; apply: () => void }>;
  createdAt: number;
}

/** How the world deviates from AWS's documented behaviour, for the tests that must fail. */
export interface WorldQuirks {
  /** DeleteStack ignores termination protection. */
  readonly ignoresTerminationProtection?: boolean;
  /** The stack policy also blocks DeleteStack (the stack goes DELETE_FAILED). */
  readonly stackPolicyBlocksDelete?: boolean;
  /** Retain is ignored: every parameter goes with the stack. */
  readonly ignoresRetain?: boolean;
  /** The custom resource fails after this many seconds instead of its ServiceTimeout. */
  readonly customResourceFailsAfterS?: number;
  /**
   * The provider function is gone (the lab stack destroyed during the run): nothing is logged, the
   * rollback's Delete waits out the ServiceTimeout and fails (ROLLBACK_FAILED), and every plain
   * DeleteStack ends DELETE_FAILED; only DeletionMode FORCE_DELETE_STACK deletes the stack.
   */
  readonly providerGone?: boolean;
  /** DeletionMode FORCE_DELETE_STACK fails too (the stack stays DELETE_FAILED). */
  readonly forceDeleteFails?: boolean;
  /** CreateChangeSet for stacks whose name contains `stack` ends FAILED with this StatusReason. */
  readonly changeSetFails?: { readonly stack: string; readonly reason: string };
}

export function world(now: () => number, quirks: WorldQuirks = {}) {
  const stacks = new Map<string, FakeStack>();
  const parameters = new Map<string, { value: string; version: number; modified: number }>();
  const logLines: Array<{ timestamp: number; message: string }> = [];
  let seq = 0;
  const find = (nameOrId: string) => [...stacks.values()].filter((s) => s.id === nameOrId || (s.name === nameOrId && s.status !== 'DELETE_COMPLETE')).pop();
  const event = (s: FakeStack, id: string, type: string, status: string, reason?: string, at = now()) => s.events.push({ LogicalResourceId: id, ResourceType: type, ResourceStatus: status, ResourceStatusReason: reason, Timestamp: new Date(at) });
  const param = (s: FakeStack, leaf: string) => `/${s.parameters.LabId}/${s.parameters.RunId}/${leaf}`;
  const stackEvent = (s: FakeStack, status: string, reason?: string, at?: number) => event(s, s.name, 'AWS::CloudFormation::Stack', status, reason, at);

  function later(s: FakeStack, afterMs: number, apply: () => void) {
    s.pending.push({ at: now() + afterMs, apply });
  }
  function advance(s: FakeStack) {
    for (;;) {
      const due = s.pending.filter((p) => p.at <= now()).sort((a, b) => a.at - b.at)[0];
      if (!due) return;
      s.pending.splice(s.pending.indexOf(due), 1);
      due.apply();
    }
  }
  function deleteStack(s: FakeStack, force = false) {
    s.status = 'DELETE_IN_PROGRESS';
    stackEvent(s, 'DELETE_IN_PROGRESS', 'User Initiated');
    if (s.template.Resources?.Silent && quirks.providerGone) {
      // FORCE_DELETE_STACK skips the resource that failed to delete; a plain delete asks the gone provider again.
      if (force && !quirks.forceDeleteFails) {
        later(s, 3_000, () => {
          event(s, 'Silent', 'AWS::CloudFormation::CustomResource', 'DELETE_SKIPPED');
          s.status = 'DELETE_COMPLETE';
          stackEvent(s, 'DELETE_COMPLETE');
        });
        return;
      }
      event(s, 'Silent', 'AWS::CloudFormation::CustomResource', 'DELETE_IN_PROGRESS');
      later(s, force ? 3_000 : s.template.Resources.Silent.Properties.ServiceTimeout * 1000 + 1_730, () => {
        event(s, 'Silent', 'AWS::CloudFormation::CustomResource', 'DELETE_FAILED', 'CloudFormation did not receive a response from your Custom Resource.');
        s.status = 'DELETE_FAILED';
        s.reason = 'The following resource(s) failed to delete: [Silent].';
        stackEvent(s, 'DELETE_FAILED', s.reason);
      });
      return;
    }
    later(s, 12_000, () => {
      if (s.template.Resources?.Kept) {
        const keep = s.template.Resources.Kept.DeletionPolicy === 'Retain' && !quirks.ignoresRetain;
        event(s, 'Kept', 'AWS::SSM::Parameter', keep ? 'DELETE_SKIPPED' : 'DELETE_COMPLETE');
        if (!keep) parameters.delete(param(s, 'kept'));
        parameters.delete(param(s, 'dropped'));
        event(s, 'Dropped', 'AWS::SSM::Parameter', 'DELETE_COMPLETE');
      }
      if (quirks.stackPolicyBlocksDelete && s.policy && !(force && !quirks.forceDeleteFails)) {
        s.status = 'DELETE_FAILED';
        s.reason = 'The following resource(s) failed to delete: [Dropped].';
        return;
      }
      s.status = 'DELETE_COMPLETE';
      stackEvent(s, 'DELETE_COMPLETE');
    });
  }

  cfnMock.on(CreateStackCommand).callsFake((input) => {
    const template = JSON.parse(input.TemplateBody);
    const ids = Object.keys(template.Resources ?? {});
    if (ids.includes('WebSg') && template.Resources.WebSg.Properties.SecurityGroupEgress) throw validationError('Template format error: Circular dependency between resources: [WebSg, AppSg]');
    if (ids.includes('First') && template.Resources.First.DependsOn) throw validationError('Template format error: Circular dependency between resources: [Second, First]');
    const id = `arn:aws:cloudformation:${REGION}:${ACCOUNT}:stack/${input.StackName}/0f1e2d3c-4b5a-11f1-9c8d-${String(++seq).padStart(12, '0')}`;
    const parametersIn = Object.fromEntries((input.Parameters ?? []).map((p: any) => [p.ParameterKey, p.ParameterValue]));
    for (const [k, v] of Object.entries<any>(template.Parameters ?? {})) if (parametersIn[k] === undefined && v.Default !== undefined) parametersIn[k] = v.Default;
    const s: FakeStack = { id, name: input.StackName, status: 'CREATE_IN_PROGRESS', protection: !!input.EnableTerminationProtection, policy: input.StackPolicyBody && JSON.parse(input.StackPolicyBody), template, parameters: parametersIn, events: [], pending: [], createdAt: now() };
    stacks.set(id, s);
    stackEvent(s, 'CREATE_IN_PROGRESS', 'User Initiated');
    if (template.Resources.Silent) {
      const started = now() + 800;
      later(s, 800, () => {
        event(s, 'Silent', 'AWS::CloudFormation::CustomResource', 'CREATE_IN_PROGRESS', undefined, started);
        if (!quirks.providerGone) logLines.push({ timestamp: started + 350, message: `2026-11-23T12:00:01.150Z\tc0ffee00-1111-4222-8333-444455556666\tINFO\tLABREQUEST ${JSON.stringify({ requestType: 'Create', stackId: id, logicalResourceId: 'Silent', resourceType: 'AWS::CloudFormation::CustomResource', responseUrl: { protocol: 'https:', host: RESPONSE_HOST, presigned: true }, answered: false })}` });
      });
      const failAfter = (quirks.customResourceFailsAfterS ?? template.Resources.Silent.Properties.ServiceTimeout) * 1000 + 1_730;
      later(s, 800 + failAfter, () => {
        event(s, 'Silent', 'AWS::CloudFormation::CustomResource', 'CREATE_FAILED', `CloudFormation did not receive a response from your Custom Resource. Please check your logs for requestId [0a1b2c3d-0000-4000-8000-${String(seq).padStart(12, '0')}].`, started + failAfter);
        stackEvent(s, 'ROLLBACK_IN_PROGRESS', 'The following resource(s) failed to create: [Silent]. Rollback requested by user.');
        s.status = 'ROLLBACK_IN_PROGRESS';
        event(s, 'Silent', 'AWS::CloudFormation::CustomResource', 'DELETE_IN_PROGRESS');
        if (quirks.providerGone) {
          later(s, template.Resources.Silent.Properties.ServiceTimeout * 1000 + 1_730, () => {
            event(s, 'Silent', 'AWS::CloudFormation::CustomResource', 'DELETE_FAILED', 'CloudFormation did not receive a response from your Custom Resource.');
            s.status = 'ROLLBACK_FAILED';
            stackEvent(s, 'ROLLBACK_FAILED', 'The following resource(s) failed to delete: [Silent].');
          });
          return;
        }
        logLines.push({ timestamp: now() + 200, message: `LABREQUEST ${JSON.stringify({ requestType: 'Delete', stackId: id, logicalResourceId: 'Silent', resourceType: 'AWS::CloudFormation::CustomResource', responseUrl: { protocol: 'https:', host: RESPONSE_HOST, presigned: true }, answered: true })}` });
        later(s, 2_000, () => {
          event(s, 'Silent', 'AWS::CloudFormation::CustomResource', 'DELETE_COMPLETE');
          s.status = 'ROLLBACK_COMPLETE';
          stackEvent(s, 'ROLLBACK_COMPLETE');
        });
      });
    } else {
      later(s, 9_000, () => {
        for (const [rid, r] of Object.entries<any>(template.Resources)) {
          event(s, rid, r.Type, 'CREATE_IN_PROGRESS');
          if (r.Type === 'AWS::SSM::Parameter') parameters.set(param(s, rid.toLowerCase()), { value: rid === 'Dropped' ? s.parameters.DroppedValue : r.Properties.Value, version: 1, modified: now() });
          event(s, rid, r.Type, 'CREATE_COMPLETE');
        }
        s.status = 'CREATE_COMPLETE';
        stackEvent(s, 'CREATE_COMPLETE');
      });
    }
    return { StackId: id };
  });

  cfnMock.on(DescribeStacksCommand).callsFake((input) => {
    const s = find(input.StackName);
    if (!s) throw validationError(`Stack with id ${input.StackName} does not exist`);
    advance(s);
    if (s.status === 'DELETE_COMPLETE' && !input.StackName.startsWith('arn:')) throw validationError(`Stack with id ${input.StackName} does not exist`);
    return { Stacks: [{ StackId: s.id, StackName: s.name, CreationTime: new Date(s.createdAt), StackStatus: s.status, StackStatusReason: s.reason, EnableTerminationProtection: s.protection, DisableRollback: false, Tags: [{ Key: 'lab', Value: 'cloudformation-stack-lifecycle' }] }] };
  });

  cfnMock.on(DescribeStackEventsCommand).callsFake((input) => {
    const s = find(input.StackName);
    if (!s) throw validationError(`Stack [${input.StackName}] does not exist`);
    const all = [...s.events].reverse().map((e, i) => ({ StackId: s.id, EventId: `${e.LogicalResourceId}-${i}`, StackName: s.name, PhysicalResourceId: '', ...e }));
    // Two pages, to hold the pagination.
    const half = Math.ceil(all.length / 2);
    return input.NextToken === 'page2' ? { StackEvents: all.slice(half) } : { StackEvents: all.slice(0, half), NextToken: all.length > half ? 'page2' : undefined };
  });

  cfnMock.on(UpdateStackCommand).callsFake((input) => {
    const s = find(input.StackName)!;
    const next = Object.fromEntries((input.Parameters ?? []).map((p: any) => [p.ParameterKey, p.ParameterValue]));
    s.status = 'UPDATE_IN_PROGRESS';
    stackEvent(s, 'UPDATE_IN_PROGRESS', 'User Initiated');
    later(s, 6_000, () => {
      const denied = s.policy?.Statement?.some((x: any) => x.Effect === 'Deny' && x.Action === 'Update:*');
      if (denied) {
        event(s, 'Dropped', 'AWS::SSM::Parameter', 'UPDATE_FAILED', 'Action denied by stack policy: Statement [#1] does not allow [Update:Modify] for resource [LogicalResourceId/Dropped];');
        stackEvent(s, 'UPDATE_ROLLBACK_IN_PROGRESS', 'The following resource(s) failed to update: [Dropped].');
        stackEvent(s, 'UPDATE_ROLLBACK_COMPLETE');
        s.status = 'UPDATE_ROLLBACK_COMPLETE';
      } else {
        parameters.set(param(s, 'dropped'), { value: next.DroppedValue, version: 2, modified: now() });
        s.status = 'UPDATE_COMPLETE';
      }
    });
    return { StackId: s.id };
  });

  cfnMock.on(DeleteStackCommand).callsFake((input) => {
    const s = find(input.StackName);
    if (!s) return {};
    if (s.protection && !quirks.ignoresTerminationProtection) throw validationError(`Stack [${s.name}] cannot be deleted while TerminationProtection is enabled`);
    // DeleteStack starts a new deletion of a DELETE_FAILED stack ("DeleteStack", DeletionMode).
    if (!s.status.startsWith('DELETE') || s.status === 'DELETE_FAILED') deleteStack(s, input.DeletionMode === 'FORCE_DELETE_STACK');
    return {};
  });

  cfnMock.on(UpdateTerminationProtectionCommand).callsFake((input) => {
    const s = find(input.StackName)!;
    s.protection = input.EnableTerminationProtection;
    return { StackId: s.id };
  });

  cfnMock.on(ValidateTemplateCommand).callsFake((input) => {
    const t = JSON.parse(input.TemplateBody);
    const r = t.Resources ?? {};
    if (r.WebSg?.Properties?.SecurityGroupEgress) throw validationError('Template format error: Circular dependency between resources: [WebSg, AppSg]');
    if (r.First?.DependsOn) throw validationError('Template format error: Circular dependency between resources: [Second, First]');
    if (r.myEC2Instance && !t.Parameters?.InstanceType) throw validationError('Template format error: Unresolved resource dependencies [InstanceType] in the Resources block of the template');
    return { Parameters: Object.entries<any>(t.Parameters ?? {}).map(([k, v]) => ({ ParameterKey: k, DefaultValue: v.Default, NoEcho: false })), Description: t.Description };
  });

  const changeSets = new Map<string, { status: string; reason?: string; changes: number }>();
  cfnMock.on(CreateChangeSetCommand).callsFake((input) => {
    const t = JSON.parse(input.TemplateBody);
    const p = Object.fromEntries((input.Parameters ?? []).map((x: any) => [x.ParameterKey, x.ParameterValue]));
    const allowed = t.Parameters?.InstanceType?.AllowedValues;
    if (allowed && p.InstanceType && !allowed.includes(p.InstanceType)) throw validationError("Parameter 'InstanceType' must be one of AllowedValues");
    const id = `arn:aws:cloudformation:${REGION}:${ACCOUNT}:stack/${input.StackName}/1f1e2d3c-4b5a-11f1-9c8d-${String(++seq).padStart(12, '0')}`;
    const s: FakeStack = { id, name: input.StackName, status: 'REVIEW_IN_PROGRESS', protection: false, template: t, parameters: {}, events: [], pending: [], createdAt: now() };
    stacks.set(id, s);
    stackEvent(s, 'REVIEW_IN_PROGRESS', 'User Initiated');
    const csId = `arn:aws:cloudformation:${REGION}:${ACCOUNT}:changeSet/${input.ChangeSetName}/2f1e2d3c-4b5a-11f1-9c8d-${String(seq).padStart(12, '0')}`;
    const mapMisses = t.Mappings?.RegionMap && !t.Mappings.RegionMap[REGION];
    const fails = quirks.changeSetFails && input.StackName.includes(quirks.changeSetFails.stack) ? quirks.changeSetFails.reason : undefined;
    changeSets.set(csId, fails ? { status: 'FAILED', reason: fails, changes: 0 } : mapMisses ? { status: 'FAILED', reason: `Template error: Unable to get mapping for RegionMap::${REGION}::HVM64` } as any : { status: 'CREATE_COMPLETE', changes: Object.keys(t.Resources).length });
    return { Id: csId, StackId: id };
  });

  let describes = 0;
  cfnMock.on(DescribeChangeSetCommand).callsFake((input) => {
    const cs = changeSets.get(input.ChangeSetName)!;
    // The first poll finds it still being created.
    const status = ++describes % 2 === 1 ? 'CREATE_IN_PROGRESS' : cs.status;
    return { ChangeSetName: input.ChangeSetName.split('/')[1], ChangeSetId: input.ChangeSetName, StackName: input.StackName, Status: status, StatusReason: status === 'FAILED' ? cs.reason : undefined, ExecutionStatus: status === 'CREATE_COMPLETE' ? 'AVAILABLE' : 'UNAVAILABLE', Changes: status === 'CREATE_COMPLETE' ? Array.from({ length: cs.changes }, () => ({ Type: 'Resource', ResourceChange: { Action: 'Add' } })) : [] };
  });

  ssmMock.on(GetParameterCommand).callsFake((input) => {
    const p = parameters.get(input.Name);
    if (!p) throw Object.assign(new Error(''), { name: 'ParameterNotFound', $fault: 'client' });
    return { Parameter: { Name: input.Name, Type: 'String', Value: p.value, Version: p.version, LastModifiedDate: new Date(p.modified), ARN: `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter${input.Name}`, DataType: 'text' } };
  });
  ssmMock.on(DeleteParameterCommand).callsFake((input) => {
    if (!parameters.delete(input.Name)) throw Object.assign(new Error(''), { name: 'ParameterNotFound', $fault: 'client' });
    return {};
  });

  logsMock.on(FilterLogEventsCommand).callsFake((input) => ({
    events: logLines.filter((l) => l.timestamp >= (input.startTime ?? 0) && l.timestamp <= now()).map((l, i) => ({ logStreamName: '2026/11/23/[$LATEST]0123456789abcdef0123456789abcdef', timestamp: l.timestamp, message: `${l.message}\n`, ingestionTime: l.timestamp + 500, eventId: `3${i}` })),
    searchedLogStreams: [],
  }));

  return { stacks, parameters };
}

export function resetMocks(): void {
  cfnMock.reset();
  ssmMock.reset();
  logsMock.reset();
}
