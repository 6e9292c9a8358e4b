import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

/**
 * The global services AWS's example exempts: their one endpoint is in us-east-1, so every request
 * to them has `aws:RequestedRegion` us-east-1 and a Region deny without this exemption blocks
 * them unless us-east-1 happens to be allowed.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_aws_deny-requested-region.html
 */
export const GLOBAL_SERVICE_ACTIONS: readonly string[] = ['cloudfront:*', 'iam:*', 'organizations:*', 'route53:*', 'support:*'];

const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/** Properties of {@link RegionRestrictionPolicy}. */
export interface RegionRestrictionPolicyProps {
  /** The Regions where work is allowed, e.g. `['eu-west-1', 'eu-central-1']`. */
  readonly allowedRegions: readonly string[];
  /**
   * Actions of global services left out of the deny. Add the other global services you use
   * (budgets, globalaccelerator, waf...); some have their endpoint in us-west-2.
   * @default GLOBAL_SERVICE_ACTIONS
   */
  readonly globalServiceActions?: readonly string[];
  /**
   * The groups to attach it to.
   * @default none
   */
  readonly groups?: readonly iam.IGroup[];
  /** @default 'Denies actions outside the allowed Regions, except global services' */
  readonly description?: string;
}

/**
 * Restricting the Regions a group works in, within one account: a customer managed policy that
 * denies every action outside `allowedRegions` (`StringNotEquals` on `aws:RequestedRegion`) except
 * the global services' actions (`NotAction`).
 *
 * Why NotAction: IAM, CloudFront, Route 53, Organizations and Support are reached through one
 * endpoint in us-east-1, so their requests carry us-east-1 as the requested Region. A deny that
 * lists Regions but exempts nothing blocks them as soon as us-east-1 is not on the list, and keeps
 * them working only by the accident of us-east-1 being allowed.
 *
 * In an organization the same statement as an SCP applies to every principal of the member
 * accounts (not to the management account); this construct is the standalone-account form.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_aws_deny-requested-region.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-requestedregion
 * @see https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_general.html
 */
export class RegionRestrictionPolicy extends Construct {
  /** The customer managed policy. */
  public readonly policy: iam.ManagedPolicy;

  constructor(scope: Construct, id: string, props: RegionRestrictionPolicyProps) {
    super(scope, id);
    const regions = props.allowedRegions;
    const bad = regions.filter((r) => !REGION.test(r));
    if (regions.length === 0 || bad.length > 0) {
      throw new Error(`RegionRestrictionPolicy allowedRegions: received ${JSON.stringify(regions)}; allowed: one or more Region names such as eu-west-1`);
    }
    const exempt = props.globalServiceActions ?? GLOBAL_SERVICE_ACTIONS;
    if (exempt.length === 0) throw new Error('RegionRestrictionPolicy globalServiceActions: received []; allowed: one or more actions (the global services you use)');
    this.policy = new iam.ManagedPolicy(this, 'Policy', {
      description: props.description ?? 'Denies actions outside the allowed Regions, except global services',
      groups: props.groups ? [...props.groups] : undefined,
      statements: [
        new iam.PolicyStatement({
          sid: 'DenyAllOutsideRequestedRegions',
          effect: iam.Effect.DENY,
          notActions: [...exempt],
          resources: ['*'],
          conditions: { StringNotEquals: { 'aws:RequestedRegion': [...regions] } },
        }),
      ],
    });
  }
}
