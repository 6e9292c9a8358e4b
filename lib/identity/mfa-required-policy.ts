import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

/**
 * The actions left out of the deny, so that a user who has not signed in with MFA can still enrol
 * and sync a device and get MFA session credentials: everything else is denied. The first six are
 * the NotAction of `BlockMostAccessUnlessSignedInWithMFA` in "IAM: Allows IAM users to self-manage
 * an MFA device"; `sts:GetSessionToken` comes from the other example, "AWS: Allows MFA-authenticated
 * IAM users to manage their own MFA device on the Security credentials page" (its
 * `DenyAllExceptListedIfNoMFA`), so that CLI and API users can get MFA session credentials.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_iam_mfa-selfmanage.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_aws_my-sec-creds-self-manage-mfa-only.html
 */
export const MFA_ENROLMENT_ACTIONS: readonly string[] = [
  'iam:CreateVirtualMFADevice',
  'iam:EnableMFADevice',
  'iam:ListMFADevices',
  'iam:ListUsers',
  'iam:ListVirtualMFADevices',
  'iam:ResyncMFADevice',
  'sts:GetSessionToken',
];

/** Properties of {@link MfaRequiredPolicy}. */
export interface MfaRequiredPolicyProps {
  /**
   * Actions the deny leaves out. Keep the enrolment actions: without them a new user who has no
   * device yet cannot set one up, since no other policy can lift an explicit deny.
   * @default MFA_ENROLMENT_ACTIONS
   */
  readonly exemptActions?: readonly string[];
  /**
   * The groups, roles or users to attach it to.
   * @default none (attach it later with `policy.attachToGroup(...)`)
   */
  readonly groups?: readonly iam.IGroup[];
  /** @default 'Denies everything but MFA enrolment unless the request was authenticated with MFA' */
  readonly description?: string;
}

/**
 * Requiring MFA, the way AWS documents it: a customer managed policy whose one statement denies
 * every action *not* listed (`NotAction`) when `aws:MultiFactorAuthPresent` is false or absent
 * (`BoolIfExists`).
 *
 * Why NotAction: an explicit deny wins over every allow, in any policy, so a blanket
 * `Deny *` also denies `iam:EnableMFADevice` and a new user can never enrol a device; a second policy
 * that allows enrolment cannot undo it. The exception has to be written into the deny itself.
 *
 * Why BoolIfExists: requests signed with long-term access keys carry no
 * `aws:MultiFactorAuthPresent` key at all, so `Bool` would let them through; `BoolIfExists` treats
 * the missing key as "not MFA". CLI and API users then need MFA session credentials from
 * `sts:GetSessionToken` (exempted for that reason).
 *
 * The policy allows nothing: the group's or user's other policies grant the work and the enrolment.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_iam_mfa-selfmanage.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-multifactorauthpresent
 */
export class MfaRequiredPolicy extends Construct {
  /** The customer managed policy. */
  public readonly policy: iam.ManagedPolicy;

  constructor(scope: Construct, id: string, props: MfaRequiredPolicyProps = {}) {
    super(scope, id);
    const exempt = props.exemptActions ?? MFA_ENROLMENT_ACTIONS;
    const bad = exempt.filter((a) => !/^[a-z0-9-]+:[A-Za-z0-9*]+$/.test(a));
    if (exempt.length === 0 || bad.length > 0) {
      throw new Error(`MfaRequiredPolicy exemptActions: received ${JSON.stringify(exempt)}; allowed: one or more actions of the form service:Action`);
    }
    this.policy = new iam.ManagedPolicy(this, 'Policy', {
      description: props.description ?? 'Denies everything but MFA enrolment unless the request was authenticated with MFA',
      groups: props.groups ? [...props.groups] : undefined,
      statements: [
        new iam.PolicyStatement({
          sid: 'BlockMostAccessUnlessSignedInWithMFA',
          effect: iam.Effect.DENY,
          notActions: [...exempt],
          resources: ['*'],
          conditions: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
        }),
      ],
    });
  }
}
