import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { BoundedRole } from '../../lib/identity/bounded-role';
import { MFA_ENROLMENT_ACTIONS, MfaRequiredPolicy } from '../../lib/identity/mfa-required-policy';
import { GLOBAL_SERVICE_ACTIONS, RegionRestrictionPolicy } from '../../lib/identity/region-restriction-policy';
import { RevocableRole } from '../../lib/identity/revocable-role';
import { REVOKE_OLDER_SESSIONS_POLICY_NAME, revokeOlderSessionsPolicy } from '../../lib/identity/revoke-older-sessions';

const stack = () => new Stack(new App(), 'TestStack');
const ACCOUNT_ROOT = { AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':root']] } };

describe('MfaRequiredPolicy', () => {
  test("denies with NotAction (AWS's enrolment actions) when MFA is false or absent, and is attached to the group", () => {
    const s = stack();
    const group = new iam.Group(s, 'G');
    new MfaRequiredPolicy(s, 'Mfa', { groups: [group] });
    Template.fromStack(s).hasResourceProperties('AWS::IAM::ManagedPolicy', {
      Groups: [{ Ref: Match.stringLikeRegexp('^G') }],
      PolicyDocument: {
        Statement: [{ Effect: 'Deny', NotAction: [...MFA_ENROLMENT_ACTIONS], Resource: '*', Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } }, Action: Match.absent() }],
      },
    });
    expect(MFA_ENROLMENT_ACTIONS).toEqual(expect.arrayContaining(['iam:EnableMFADevice', 'iam:CreateVirtualMFADevice', 'sts:GetSessionToken']));
  });

  test('refuses an empty or malformed exemption list, naming the prop and the value', () => {
    expect(() => new MfaRequiredPolicy(stack(), 'M', { exemptActions: [] })).toThrow('MfaRequiredPolicy exemptActions: received []; allowed: one or more actions of the form service:Action');
    expect(() => new MfaRequiredPolicy(stack(), 'M', { exemptActions: ['EnableMFADevice'] })).toThrow('received ["EnableMFADevice"]');
  });
});

describe('RegionRestrictionPolicy', () => {
  test('denies outside the allowed Regions with the global services exempted', () => {
    const s = stack();
    new RegionRestrictionPolicy(s, 'R', { allowedRegions: ['eu-west-1'] });
    Template.fromStack(s).hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: { Statement: [{ Effect: 'Deny', NotAction: [...GLOBAL_SERVICE_ACTIONS], Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1'] } } }] },
    });
    expect(GLOBAL_SERVICE_ACTIONS).toEqual(expect.arrayContaining(['iam:*', 'route53:*', 'cloudfront:*']));
  });

  test('refuses no Regions, a bad Region name and an empty exemption list', () => {
    expect(() => new RegionRestrictionPolicy(stack(), 'R', { allowedRegions: [] })).toThrow('RegionRestrictionPolicy allowedRegions: received []; allowed: one or more Region names such as eu-west-1');
    expect(() => new RegionRestrictionPolicy(stack(), 'R', { allowedRegions: ['Ireland'] })).toThrow('received ["Ireland"]');
    expect(() => new RegionRestrictionPolicy(stack(), 'R', { allowedRegions: ['eu-west-1'], globalServiceActions: [] })).toThrow('globalServiceActions: received []');
  });
});

describe('BoundedRole', () => {
  test('sets its boundary as the PermissionsBoundary and trusts the own account by default', () => {
    const s = stack();
    const b = new BoundedRole(s, 'B', {
      grants: [new iam.PolicyStatement({ actions: ['iam:*'], resources: ['*'] })],
      boundary: [new iam.PolicyStatement({ actions: ['iam:Get*'], resources: ['*'] })],
    });
    const t = Template.fromStack(s);
    t.hasResourceProperties('AWS::IAM::Role', { PermissionsBoundary: { Ref: Match.stringLikeRegexp('^BBoundary') }, AssumeRolePolicyDocument: { Statement: [{ Principal: ACCOUNT_ROOT }] } });
    t.hasResourceProperties('AWS::IAM::Policy', { PolicyDocument: { Statement: [{ Action: 'iam:*', Effect: 'Allow', Resource: '*' }] } });
    expect(b.boundary).toBeDefined();
  });

  test('refuses no grants and an empty boundary', () => {
    expect(() => new BoundedRole(stack(), 'B', { grants: [], boundary: [new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] })] })).toThrow('BoundedRole grants: received []');
    expect(() => new BoundedRole(stack(), 'B', { grants: [new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] })], boundary: [] })).toThrow('BoundedRole boundary: received []');
  });
});

describe('RevocableRole and the revocation policy', () => {
  test('trusts only the own account, one-hour sessions by default', () => {
    const s = stack();
    const r = new RevocableRole(s, 'R');
    Template.fromStack(s).hasResourceProperties('AWS::IAM::Role', { MaxSessionDuration: 3600, AssumeRolePolicyDocument: { Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: ACCOUNT_ROOT }] } });
    expect(r.revokePolicyName).toBe('AWSRevokeOlderSessions');
  });

  test('refuses a session duration outside IAM range', () => {
    expect(() => new RevocableRole(stack(), 'R', { maxSessionDuration: Duration.minutes(30) })).toThrow('RevocableRole maxSessionDuration: received 1800 s; allowed: 3600 to 43200 s');
  });

  test('writes the deny "Revoke active sessions" writes: everything, for tokens issued before the time', () => {
    expect(REVOKE_OLDER_SESSIONS_POLICY_NAME).toBe('AWSRevokeOlderSessions');
    expect(revokeOlderSessionsPolicy(new Date('2026-12-02T14:00:00Z'))).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Deny', Action: ['*'], Resource: ['*'], Condition: { DateLessThan: { 'aws:TokenIssueTime': '2026-12-02T14:00:00.000Z' } } }],
    });
    expect(() => revokeOlderSessionsPolicy(new Date('nope'))).toThrow('issuedBefore: received an invalid date');
  });
});
