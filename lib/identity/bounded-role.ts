import { Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

/** Properties of {@link BoundedRole}. */
export interface BoundedRoleProps {
  /** What the role's identity policy grants: as wide as a delegated admin's, if need be. */
  readonly grants: readonly iam.PolicyStatement[];
  /**
   * The permissions boundary: the most the role may ever do. Only actions allowed by both the
   * identity policy and the boundary are allowed; the boundary grants nothing by itself.
   */
  readonly boundary: readonly iam.PolicyStatement[];
  /**
   * Who may assume it. A role that is only simulated (SimulatePrincipalPolicy needs no trust) is
   * best given a trust nobody meets, so that its grants are no path for anyone.
   * @default the stack's own account (`AccountRootPrincipal`): any principal of this account whose own policies allow sts:AssumeRole on it
   */
  readonly assumedBy?: iam.IPrincipal;
  /** @default Duration.hours(1) */
  readonly maxSessionDuration?: Duration;
  /** @default 'Identity policy capped by a permissions boundary' */
  readonly description?: string;
}

/**
 * A role whose identity policy is capped by a permissions boundary: the tool that stops a
 * delegated administrator escalating, where blocking inline-policy edits does not (a user can still
 * attach managed policies, create policy versions or pass a more powerful role).
 *
 * The effective permissions are the intersection of the identity policy and the boundary: an action
 * the identity policy allows but the boundary does not is implicitly denied. A boundary does not
 * limit what a resource-based policy grants to the role's sessions in the same account when it
 * names the session, and an explicit deny in either still wins.
 *
 * In a delegated-admin setup, also require the boundary on every role they create
 * (`iam:PermissionsBoundary` condition on iam:CreateRole) and deny them
 * iam:DeleteRolePermissionsBoundary, so they cannot step outside it.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 */
export class BoundedRole extends Construct {
  public readonly role: iam.Role;
  /** The customer managed policy set as the role's permissions boundary. */
  public readonly boundary: iam.ManagedPolicy;

  constructor(scope: Construct, id: string, props: BoundedRoleProps) {
    super(scope, id);
    if (props.grants.length === 0) throw new Error('BoundedRole grants: received []; allowed: one or more policy statements');
    if (props.boundary.length === 0) throw new Error('BoundedRole boundary: received []; allowed: one or more policy statements (an empty boundary allows nothing)');
    this.boundary = new iam.ManagedPolicy(this, 'Boundary', {
      description: 'Permissions boundary: the most the bounded role may do',
      statements: [...props.boundary],
    });
    this.role = new iam.Role(this, 'Role', {
      assumedBy: props.assumedBy ?? new iam.AccountRootPrincipal(),
      description: props.description ?? 'Identity policy capped by a permissions boundary',
      maxSessionDuration: props.maxSessionDuration ?? Duration.hours(1),
      permissionsBoundary: this.boundary,
    });
    for (const s of props.grants) this.role.addToPrincipalPolicy(s);
  }
}
