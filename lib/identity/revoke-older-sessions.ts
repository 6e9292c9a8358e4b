/**
 * The policy IAM's "Revoke active sessions" writes on a role, as plain JSON (no aws-cdk-lib), so
 * both the worked answer and a check that revokes a lab role's sessions use the same document.
 *
 * The console attaches an inline policy named `AWSRevokeOlderSessions` that denies every action to
 * any session whose `aws:TokenIssueTime` is before the moment of the revocation: sessions issued
 * earlier lose every permission the role gave them, sessions issued later are unaffected. Deleting
 * or deactivating the long-term keys that obtained a session does not do this: temporary
 * credentials stay valid until they expire.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_revoke-sessions.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_control-access_disable-perms.html
 */

/** The name of the inline policy "Revoke active sessions" attaches to the role. */
export const REVOKE_OLDER_SESSIONS_POLICY_NAME = 'AWSRevokeOlderSessions';

/**
 * The deny "Revoke active sessions" writes: every action, every resource, for tokens issued before
 * `issuedBefore`.
 *
 * @param issuedBefore the revocation time; sessions issued before it are denied
 */
export function revokeOlderSessionsPolicy(issuedBefore: Date): { Version: string; Statement: object[] } {
  if (Number.isNaN(issuedBefore.getTime())) throw new Error(`issuedBefore: received an invalid date; allowed: a valid Date`);
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Deny',
        Action: ['*'],
        Resource: ['*'],
        Condition: { DateLessThan: { 'aws:TokenIssueTime': issuedBefore.toISOString() } },
      },
    ],
  };
}
