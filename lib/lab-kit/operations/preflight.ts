import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { AwsClientConfig } from '../core/aws-config';
import { cdkJsonContext } from '../core/project';
import { UserError } from '../core/errors';

/** The context key of the account allowlist in cdk.json. */
export const ALLOWLIST_CONTEXT_KEY = 'labs:allowedAccounts';

/** Who is calling, where. */
export interface Identity {
  readonly account: string;
  readonly arn: string;
  readonly userId: string;
  readonly region: string;
}

/** Where the allowlist came from and what it holds. */
export interface Allowlist {
  readonly accounts: readonly string[];
  readonly source: string;
}

/**
 * The accounts labs may deploy to and be checked in: `LAB_ACCOUNTS` (comma-separated) when set,
 * else `labs:allowedAccounts` in cdk.json's context. Empty means none: a lab runs only where the
 * user said it may, so a default profile pointing at a work account is never touched by accident.
 */
export function readAllowlist(env: NodeJS.ProcessEnv = process.env, context: Record<string, unknown> = cdkJsonContext()): Allowlist {
  if (env.LAB_ACCOUNTS !== undefined && env.LAB_ACCOUNTS.trim() !== '') {
    return { accounts: env.LAB_ACCOUNTS.split(/[\s,]+/).filter(Boolean), source: 'LAB_ACCOUNTS' };
  }
  const fromContext = context[ALLOWLIST_CONTEXT_KEY];
  const accounts = Array.isArray(fromContext) ? fromContext.map(String) : [];
  return { accounts, source: `cdk.json context "${ALLOWLIST_CONTEXT_KEY}"` };
}

/** The region the SDK would use, or a clear error. */
export async function resolveRegion(aws: AwsClientConfig): Promise<string> {
  if (aws.region) return aws.region;
  const client = new STSClient(aws);
  try {
    const region = await client.config.region();
    if (region) return region;
  } catch {
    // fall through to the one-line explanation
  }
  throw new UserError('no AWS region: set one with `export AWS_REGION=us-east-1` (or `region` in your profile, `aws configure`)');
}

function describeSdkError(error: unknown): string | undefined {
  const e = error as { name?: string; message?: string };
  // An expired SSO session is a CredentialsProviderError too; its message says "expired".
  if (e?.name === 'CredentialsProviderError' && /expired/i.test(e.message ?? '')) {
    return 'your AWS session has expired: sign in again (`aws sso login`, or refresh your temporary credentials)';
  }
  switch (e?.name) {
    case 'CredentialsProviderError':
      return 'no AWS credentials found: run `aws configure` or `aws sso login`, or set AWS_PROFILE (or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)';
    case 'ExpiredToken':
    case 'ExpiredTokenException':
    case 'TokenRefreshRequired':
      return 'your AWS session has expired: sign in again (`aws sso login`, or refresh your temporary credentials)';
    case 'InvalidClientTokenId':
    case 'SignatureDoesNotMatch':
    case 'UnrecognizedClientException':
      return `AWS rejected your credentials (${e.name}): check AWS_PROFILE or your access keys`;
    default:
      return undefined;
  }
}

/**
 * Before anything touches AWS: who am I (STS GetCallerIdentity), in which account and region, and
 * may labs run there? Refuses the root user and accounts outside the allowlist, each with a
 * message that says what to do.
 *
 * @see https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html
 */
export async function preflight(aws: AwsClientConfig, allowlist: Allowlist = readAllowlist()): Promise<Identity> {
  const region = await resolveRegion(aws);
  const sts = new STSClient({ ...aws, region });
  let out;
  try {
    out = await sts.send(new GetCallerIdentityCommand({}));
  } catch (error) {
    const message = describeSdkError(error);
    if (message) throw new UserError(message);
    throw error;
  }
  const identity: Identity = { account: out.Account ?? '', arn: out.Arn ?? '', userId: out.UserId ?? '', region };
  if (/:root$/.test(identity.arn)) {
    throw new UserError(
      `refusing to run as the root user of account ${identity.account}: create an IAM Identity Center user or an IAM role with admin rights for labs, and use that`,
    );
  }
  if (!allowlist.accounts.includes(identity.account)) {
    throw new UserError(
      `account ${identity.account} is not allowed for labs (allowlist from ${allowlist.source}: ${allowlist.accounts.join(', ') || 'empty'}). ` +
        `To allow it: \`export LAB_ACCOUNTS=${identity.account}\`, or add "${identity.account}" to "${ALLOWLIST_CONTEXT_KEY}" in cdk.json's context`,
    );
  }
  return identity;
}
