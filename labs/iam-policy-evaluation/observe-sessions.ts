/**
 * Role sessions, issued and revoked (B1, A17).
 *
 * 1. **Assume**: sts:AssumeRole on the revocable role for {@link SESSION_SECONDS} s; what the
 *    credentials are is recorded (the access key id's 4-character prefix and lengths, never a
 *    secret); sts:GetCallerIdentity with them says who they are.
 * 2. **Before**: the session calls iam:GetRole on its own role (its inline policy allows it).
 * 3. **Revoke**: the role gets the inline policy "Revoke active sessions" writes
 *    (`AWSRevokeOlderSessions`, a deny of everything for tokens issued before a time), with the
 *    time taken from AWS's clock: the first session's issue time (its Expiration minus the
 *    DurationSeconds asked for) plus {@link REVOKE_AFTER_ISSUE_MS}.
 * 4. **After**: the first session calls iam:GetRole every {@link POLL_MS} until an identity-based
 *    policy's explicit deny refuses it ({@link IDENTITY_POLICY_DENY}; any other denial is not the
 *    revocation), for at most {@link REVOKE_WAIT_MAX_MS} ("It might take a few minutes for policy
 *    updates to take effect").
 * 5. **New session**: a second AssumeRole, issued after the revocation time, calls iam:GetRole.
 * 6. **Cleanup** (always): the revocation policy is deleted, also on SIGINT, SIGTERM or SIGHUP
 *    during steps 3 to 5 (the handler deletes it, then exits), and one left by a run killed outright
 *    is deleted before step 3 (and reported).
 */
import type { IAMClient } from '@aws-sdk/client-iam';
import type { Credentials, STSClient } from '@aws-sdk/client-sts';
import { observationsOf, type ObserveContext } from '../../lib/lab-kit/checks/lab-definition';
import { REVOKE_OLDER_SESSIONS_POLICY_NAME, revokeOlderSessionsPolicy } from '../../lib/identity/revoke-older-sessions';
import { awsDateOf, withAwsClock } from './aws-clock';
import { OUTPUTS } from './outputs';

const observe = observationsOf(OUTPUTS);

/** The shortest session AssumeRole grants ("DurationSeconds ... from 900 seconds": "AssumeRole", AWS STS API Reference, https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html). */
export const SESSION_SECONDS = 900;
/** How far after the first session's issue time the revocation time lies: past it by a margin for the second-rounding of Expiration. */
export const REVOKE_AFTER_ISSUE_MS = 5_000;
/** The second session is assumed at least this long after the revocation time, on AWS's clock. */
export const SECOND_SESSION_AFTER_MS = 10_000;
export const POLL_MS = 2_000;
/**
 * How long the lab waits for the revocation to take effect. AWS's figure: "It might take a few
 * minutes for policy updates to take effect" ("Disabling permissions for temporary security
 * credentials", https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_control-access_disable-perms.html).
 * The lab reads "a few minutes" as 3 and waits 5 (a margin of 2 minutes); a run that reaches the
 * bound is inconclusive, never a fail, and the time it took is reported.
 */
export const REVOKE_FEW_MINUTES_MS = 180_000;
export const REVOKE_MARGIN_MS = 120_000;
export const REVOKE_WAIT_MAX_MS = REVOKE_FEW_MINUTES_MS + REVOKE_MARGIN_MS;

export { INTERRUPT_SIGNALS, restoringOnSignal } from '../../lib/lab-kit/checks/restoring-on-signal';
import { restoringOnSignal } from '../../lib/lab-kit/checks/restoring-on-signal';

/**
 * Right after a deploy the new role and its inline policy may not be visible everywhere yet (the same
 * eventual consistency, "Troubleshoot IAM"), so AssumeRole refused with AccessDenied, and the
 * session's first iam:GetRole, are tried again every {@link SETTLE_POLL_MS} for at most this long
 * (the lab's bound); the time it took is reported. A refusal past it is the kit's access-denied error
 * (AssumeRole) or makes A17 inconclusive (GetRole), never a failed claim.
 */
export const SETTLE_MAX_MS = 60_000;
export const SETTLE_POLL_MS = 5_000;

/**
 * The error codes of a request IAM refused for want of permission: AccessDenied in IAM's Query API
 * answers, AccessDeniedException in the list of common errors ("Common Errors", IAM API Reference,
 * https://docs.aws.amazon.com/IAM/latest/APIReference/CommonErrors.html).
 */
export const ACCESS_DENIED_CODES: readonly string[] = ['AccessDenied', 'AccessDeniedException'];

/**
 * What IAM's access-denied message says when an identity-based policy's Deny refused the request,
 * as the revocation (an inline policy on the role) does: "... is not authorized to perform:
 * iam:CreateInstanceProfile on resource: ... with an explicit deny in an identity-based policy"
 * ("Troubleshoot access denied error messages with authorization ID (Preview)", IAM User Guide,
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied-authorization-id.html;
 * the policy types a message names: "Troubleshoot access denied error messages",
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html). A denial that
 * says anything else (no policy allows it, a service control policy, a permissions boundary) is
 * not the revocation taking effect.
 */
export const IDENTITY_POLICY_DENY = 'with an explicit deny in an identity-based policy';

/** Was the call refused by an identity-based policy's explicit deny (what the revocation is)? */
export function deniedByIdentityPolicy(call: CallOutcome | undefined): boolean {
  return !!call?.denied && (call.error ?? '').includes(IDENTITY_POLICY_DENY);
}

/** What is safe to show of temporary credentials: never the secret key or the token itself. */
export interface CredentialShape {
  /** The first 4 characters of AccessKeyId (`ASIA` for temporary credentials). */
  readonly accessKeyIdPrefix: string;
  readonly sessionTokenLength: number;
  /** Expiration, as AWS returned it (ISO). */
  readonly expiration?: string;
  /**
   * Seconds from AWS's clock to Expiration: the `Date` header of the AssumeRole response (see
   * aws-clock.ts) to Expiration. What B1 judges.
   */
  readonly secondsToExpiry?: number;
  /** The AssumeRole response's `Date` (ISO); absent when the response had none. */
  readonly awsDate?: string;
  /** Seconds from this machine's clock when the credentials arrived to Expiration: reported, never judged (the clock may be off). */
  readonly localSecondsToExpiry?: number;
  /** The issue time derived from AWS's clock: Expiration minus DurationSeconds (ISO). */
  readonly issuedAt?: string;
  /** AssumedRoleUser.Arn. */
  readonly assumedRoleArn?: string;
  /** sts:GetCallerIdentity's Arn, called with these credentials. */
  readonly callerArn?: string;
}

export interface CallOutcome {
  readonly allowed: boolean;
  /** The error's name and the start of its message, when refused. */
  readonly error?: string;
  readonly denied: boolean;
}

export interface SessionsObservation {
  readonly roleArn: string;
  readonly durationSeconds: number;
  readonly first: CredentialShape;
  readonly leftoverRemoved: boolean;
  readonly before: CallOutcome;
  readonly revokedBefore?: string;
  readonly after: { readonly denied: boolean; readonly secondsToDenied?: number; readonly attempts: number; readonly waitedSeconds: number; readonly last?: CallOutcome };
  readonly second?: CredentialShape & { readonly call: CallOutcome };
  readonly cleanup: { readonly removed: boolean; readonly error?: string };
}

type Run = Pick<ObserveContext, 'aws' | 'now' | 'sleep' | 'progress'>;

function shape(c: Credentials | undefined, arrivedAt: number, awsDate: number | undefined, assumedRoleArn?: string): CredentialShape {
  const expiration = c?.Expiration ? new Date(c.Expiration) : undefined;
  return {
    accessKeyIdPrefix: (c?.AccessKeyId ?? '').slice(0, 4),
    sessionTokenLength: c?.SessionToken?.length ?? 0,
    expiration: expiration?.toISOString(),
    secondsToExpiry: expiration && awsDate !== undefined ? Math.round((expiration.getTime() - awsDate) / 1000) : undefined,
    awsDate: awsDate === undefined ? undefined : new Date(awsDate).toISOString(),
    localSecondsToExpiry: expiration ? Math.round((expiration.getTime() - arrivedAt) / 1000) : undefined,
    issuedAt: expiration ? new Date(expiration.getTime() - SESSION_SECONDS * 1000).toISOString() : undefined,
    assumedRoleArn,
  };
}

/** AssumeRole, tried again while it is refused with AccessDenied, for at most {@link SETTLE_MAX_MS}. */
async function assumeRole(ctx: Run, sts: STSClient, input: { RoleArn: string; RoleSessionName: string; DurationSeconds: number }) {
  const { AssumeRoleCommand } = await import('@aws-sdk/client-sts');
  const start = ctx.now();
  while (true) {
    try {
      return await sts.send(new AssumeRoleCommand(input));
    } catch (err) {
      if (!ACCESS_DENIED_CODES.includes((err as Error)?.name) || ctx.now() - start >= SETTLE_MAX_MS) throw err;
      ctx.progress(`AssumeRole refused (${(err as Error).name}), as a new role can be for a while after a deploy: trying again in ${SETTLE_POLL_MS / 1000} s`);
      await ctx.sleep(SETTLE_POLL_MS);
    }
  }
}

async function assume(ctx: Run, sts: STSClient, roleArn: string, name: string): Promise<{ shape: CredentialShape; iam: IAMClient }> {
  const { GetCallerIdentityCommand, STSClient: Sts } = await import('@aws-sdk/client-sts');
  const { IAMClient: Iam } = await import('@aws-sdk/client-iam');
  const out = await assumeRole(ctx, sts, { RoleArn: roleArn, RoleSessionName: name, DurationSeconds: SESSION_SECONDS });
  const c = out.Credentials;
  if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error('AssumeRole returned no credentials');
  const credentials = async () => ({ accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken, expiration: c.Expiration ? new Date(c.Expiration) : undefined });
  const s = shape(c, ctx.now(), awsDateOf(sts), out.AssumedRoleUser?.Arn);
  const who = await new Sts({ ...ctx.aws, credentials }).send(new GetCallerIdentityCommand({}));
  return { shape: { ...s, callerArn: who.Arn }, iam: new Iam({ ...ctx.aws, credentials }) };
}

/** iam:GetRole with a session's client: allowed, denied (one of {@link ACCESS_DENIED_CODES}), or another error, which is thrown. */
async function getRole(iam: IAMClient, roleName: string): Promise<CallOutcome> {
  const { GetRoleCommand } = await import('@aws-sdk/client-iam');
  try {
    await iam.send(new GetRoleCommand({ RoleName: roleName }));
    return { allowed: true, denied: false };
  } catch (err) {
    const name = (err as Error)?.name ?? '';
    if (!ACCESS_DENIED_CODES.includes(name)) throw err;
    // 600 characters keep the policy type at the message's end: the caller's session ARN and the role can take 250.
    return { allowed: false, denied: true, error: `${name}: ${String((err as Error).message).slice(0, 600)}` };
  }
}

async function removeRevocation(iam: IAMClient, roleName: string): Promise<boolean> {
  const { DeleteRolePolicyCommand } = await import('@aws-sdk/client-iam');
  try {
    await iam.send(new DeleteRolePolicyCommand({ RoleName: roleName, PolicyName: REVOKE_OLDER_SESSIONS_POLICY_NAME }));
    return true;
  } catch (err) {
    if ((err as Error)?.name === 'NoSuchEntity' || (err as Error)?.name === 'NoSuchEntityException') return false;
    throw err;
  }
}

export const sessions = observe({
  name: 'sessions',
  outputs: ['RevocableRoleArn', 'RevocableRoleName'],
  observe: async (ctx): Promise<SessionsObservation> => {
    const { STSClient } = await import('@aws-sdk/client-sts');
    const { IAMClient, ListRolePoliciesCommand, PutRolePolicyCommand } = await import('@aws-sdk/client-iam');
    const roleArn = ctx.outputs.RevocableRoleArn;
    const roleName = ctx.outputs.RevocableRoleName;
    const sts = withAwsClock(new STSClient(ctx.aws));
    const admin = new IAMClient(ctx.aws);

    const existing = await admin.send(new ListRolePoliciesCommand({ RoleName: roleName }));
    const leftoverRemoved = (existing.PolicyNames ?? []).includes(REVOKE_OLDER_SESSIONS_POLICY_NAME) && (await removeRevocation(admin, roleName));
    if (leftoverRemoved) ctx.progress(`removed ${REVOKE_OLDER_SESSIONS_POLICY_NAME}, left on the role by an earlier run`);

    ctx.progress('assuming the revocable role (AssumeRole, 900 s)');
    const first = await assume(ctx, sts, roleArn, `lab-first-${ctx.now()}`);
    let before = await getRole(first.iam, roleName);
    for (const start = ctx.now(); before.denied && ctx.now() - start < SETTLE_MAX_MS; ) {
      ctx.progress(`the new session may not call iam:GetRole yet (${before.error?.split(':')[0]}): trying again in ${SETTLE_POLL_MS / 1000} s`);
      await ctx.sleep(SETTLE_POLL_MS);
      before = await getRole(first.iam, roleName);
    }
    let revokedBefore: string | undefined;
    let after: SessionsObservation['after'] = { denied: false, attempts: 0, waitedSeconds: 0 };
    let second: SessionsObservation['second'];
    let cleanup: SessionsObservation['cleanup'] = { removed: false };
    try {
      const issued = first.shape.issuedAt ? Date.parse(first.shape.issuedAt) : NaN;
      if (!before.allowed || Number.isNaN(issued)) return { roleArn, durationSeconds: SESSION_SECONDS, first: first.shape, leftoverRemoved, before, after, cleanup };
      const revokeAt = new Date(issued + REVOKE_AFTER_ISSUE_MS);
      revokedBefore = revokeAt.toISOString();
      ctx.progress(`revoking sessions issued before ${revokedBefore} (${REVOKE_OLDER_SESSIONS_POLICY_NAME})`);
      // From here on the role carries the revocation: a signal deletes it before the process exits
      // (waiting for the PutRolePolicy in flight, so the delete cannot land before it).
      let putting: Promise<unknown> | undefined;
      const restore = async () => {
        await putting?.catch(() => undefined);
        try {
          await removeRevocation(admin, roleName);
        } catch (err) {
          ctx.progress(`could not delete ${REVOKE_OLDER_SESSIONS_POLICY_NAME} from ${roleName}: delete it yourself (aws iam delete-role-policy --role-name ${roleName} --policy-name ${REVOKE_OLDER_SESSIONS_POLICY_NAME})`);
          throw err;
        }
        ctx.progress(`deleted ${REVOKE_OLDER_SESSIONS_POLICY_NAME} from ${roleName}`);
      };
      await restoringOnSignal(ctx.progress, `deleting ${REVOKE_OLDER_SESSIONS_POLICY_NAME} from ${roleName}`, restore, async () => {
        putting = admin.send(new PutRolePolicyCommand({ RoleName: roleName, PolicyName: REVOKE_OLDER_SESSIONS_POLICY_NAME, PolicyDocument: JSON.stringify(revokeOlderSessionsPolicy(revokeAt)) }));
        await putting;
        const start = ctx.now();
        let attempts = 0;
        let last: CallOutcome | undefined;
        while (true) {
          attempts += 1;
          last = await getRole(first.iam, roleName);
          const waited = ctx.now() - start;
          if (deniedByIdentityPolicy(last)) {
            after = { denied: true, secondsToDenied: Math.round(waited / 100) / 10, attempts, waitedSeconds: Math.round(waited / 1000), last };
            break;
          }
          if (last.denied) ctx.progress(`the first session was denied, but not by an identity-based policy's explicit deny (not the revocation): ${last.error}`);
          if (waited >= REVOKE_WAIT_MAX_MS) {
            after = { denied: false, attempts, waitedSeconds: Math.round(waited / 1000), last };
            break;
          }
          if (attempts % 5 === 0) ctx.progress(`the first session still works after ${Math.round(waited / 1000)} s`);
          await ctx.sleep(POLL_MS);
        }
        // The second session must be issued after the revocation time on AWS's clock: wait past it.
        const issuedSoFar = issued + (ctx.now() - start);
        if (issuedSoFar < revokeAt.getTime() + SECOND_SESSION_AFTER_MS) await ctx.sleep(revokeAt.getTime() + SECOND_SESSION_AFTER_MS - issuedSoFar);
        ctx.progress('assuming the role again, after the revocation');
        const next = await assume(ctx, sts, roleArn, `lab-second-${ctx.now()}`);
        second = { ...next.shape, call: await getRole(next.iam, roleName) };
      });
    } finally {
      try {
        cleanup = { removed: revokedBefore !== undefined && (await removeRevocation(admin, roleName)) };
      } catch (err) {
        cleanup = { removed: false, error: `${(err as Error).name}: ${(err as Error).message}` };
        ctx.progress(`could not delete ${REVOKE_OLDER_SESSIONS_POLICY_NAME} from ${roleName}: delete it yourself (aws iam delete-role-policy --role-name ${roleName} --policy-name ${REVOKE_OLDER_SESSIONS_POLICY_NAME})`);
      }
    }
    return { roleArn, durationSeconds: SESSION_SECONDS, first: first.shape, leftoverRemoved, before, revokedBefore, after, second, cleanup };
  },
});
