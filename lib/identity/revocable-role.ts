import { Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { REVOKE_OLDER_SESSIONS_POLICY_NAME } from './revoke-older-sessions';

/** Properties of {@link RevocableRole}. */
export interface RevocableRoleProps {
  /**
   * The longest session AssumeRole may ask for. Shorter sessions shrink the window in which leaked
   * temporary credentials work; revocation ends them sooner.
   * @default Duration.hours(1) (IAM's default and minimum)
   */
  readonly maxSessionDuration?: Duration;
  /** @default 'Assumable by this account only; sessions revocable with AWSRevokeOlderSessions' */
  readonly description?: string;
}

/**
 * A role for people and workloads of this account: no long-term credentials, sessions from
 * sts:AssumeRole only, trust limited to the account's own principals (`AccountRootPrincipal`,
 * which delegates to each principal's own policies), and a documented way to end its sessions.
 *
 * A role session's credentials are temporary (access key ids starting `ASIA`, a session token, an
 * expiry). Once issued they stay valid until they expire, even if the long-term keys that obtained
 * them are deleted. To end them early, IAM's "Revoke active sessions" attaches the inline policy
 * {@link REVOKE_OLDER_SESSIONS_POLICY_NAME}, a deny of everything for tokens whose
 * `aws:TokenIssueTime` is before the revocation; sessions assumed afterwards work as before. IAM
 * is eventually consistent, so the deny takes effect after a short delay.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_revoke-sessions.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids
 */
export class RevocableRole extends Construct {
  public readonly role: iam.Role;
  /** The inline policy name a revocation writes on {@link role}. */
  public readonly revokePolicyName = REVOKE_OLDER_SESSIONS_POLICY_NAME;

  constructor(scope: Construct, id: string, props: RevocableRoleProps = {}) {
    super(scope, id);
    const max = props.maxSessionDuration ?? Duration.hours(1);
    if (max.toSeconds() < 3600 || max.toSeconds() > 43_200) {
      throw new Error(`RevocableRole maxSessionDuration: received ${max.toSeconds()} s; allowed: 3600 to 43200 s (IAM's range)`);
    }
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.AccountRootPrincipal(),
      description: props.description ?? 'Assumable by this account only; sessions revocable with AWSRevokeOlderSessions',
      maxSessionDuration: max,
    });
  }
}
