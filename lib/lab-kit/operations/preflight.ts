import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { AwsClientConfig } from '../core/aws-config';
import { describeAwsError } from '../core/aws-errors';
import { cdkJsonContext } from '../core/project';
import { EXIT, UserError } from '../core/errors';

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

const ACCOUNT_ID = /^\d{12}$/;

function checkedAccounts(accounts: readonly string[], source: string, received: string): string[] {
  const bad = accounts.filter((a) => !ACCOUNT_ID.test(a));
  if (bad.length > 0) {
    throw new UserError(`${source}: received ${JSON.stringify(received)}; ${bad.map((b) => JSON.stringify(b)).join(', ')} ${bad.length === 1 ? 'is not an account id' : 'are not account ids'}; allowed: 12-digit AWS account ids, comma-separated (e.g. 123456789012)`);
  }
  return [...accounts];
}

/**
 * The accounts labs may deploy to and be checked in: `LAB_ACCOUNTS` (comma-separated) when set,
 * else `labs:allowedAccounts` in cdk.json's context. Empty means none: a lab runs only where the
 * user said it may, so a default profile pointing at a work account is never touched by accident.
 *
 * @throws a UserError naming any entry that is not a 12-digit account id (before any AWS call)
 */
export function readAllowlist(env: NodeJS.ProcessEnv = process.env, context: Record<string, unknown> = cdkJsonContext()): Allowlist {
  if (env.LAB_ACCOUNTS !== undefined && env.LAB_ACCOUNTS.trim() !== '') {
    const accounts = env.LAB_ACCOUNTS.split(/[\s,]+/).filter(Boolean);
    return { accounts: checkedAccounts(accounts, 'LAB_ACCOUNTS', env.LAB_ACCOUNTS), source: 'LAB_ACCOUNTS' };
  }
  const fromContext = context[ALLOWLIST_CONTEXT_KEY];
  const source = `cdk.json context "${ALLOWLIST_CONTEXT_KEY}"`;
  const accounts = Array.isArray(fromContext) ? fromContext.map(String) : [];
  return { accounts: checkedAccounts(accounts, source, accounts.join(',')), source };
}

/** A Region name as AWS spells them: us-east-1, ap-southeast-2, us-gov-west-1. */
export const REGION_NAME = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

/** The sections of an AWS shared config or credentials file, by profile name, with their keys. */
function readIni(file: string, config: boolean): Map<string, Record<string, string>> {
  const profiles = new Map<string, Record<string, string>>();
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return profiles;
  }
  let current: Record<string, string> | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/^\s+|\s*([#;].*)?$/g, '');
    const section = /^\[\s*([^\]]+?)\s*\]$/.exec(line);
    if (section) {
      const header = section[1];
      const name = config ? (header === 'default' ? 'default' : /^profile\s+(.+)$/.exec(header)?.[1]) : header;
      current = name === undefined ? undefined : (profiles.get(name) ?? {});
      if (name !== undefined && current) profiles.set(name, current);
      continue;
    }
    const kv = /^([A-Za-z0-9_]+)\s*=\s*(.*)$/.exec(line);
    if (kv && current) current[kv[1].toLowerCase()] = kv[2];
  }
  return profiles;
}

/** What the shared files (`~/.aws/config`, `~/.aws/credentials`, or AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE) say. */
export function readSharedProfiles(env: NodeJS.ProcessEnv = process.env): { readonly config: Map<string, Record<string, string>>; readonly credentials: Map<string, Record<string, string>>; readonly configFile: string; readonly credentialsFile: string } {
  const home = env.HOME ?? os.homedir();
  const configFile = env.AWS_CONFIG_FILE ?? path.join(home, '.aws', 'config');
  const credentialsFile = env.AWS_SHARED_CREDENTIALS_FILE ?? path.join(home, '.aws', 'credentials');
  return { config: readIni(configFile, true), credentials: readIni(credentialsFile, false), configFile, credentialsFile };
}

function checkRegion(value: string, source: string): string {
  const region = value.trim();
  if (!REGION_NAME.test(region)) {
    throw new UserError(`${source} is ${JSON.stringify(value)}, which is not a Region name: use one like us-east-1 or eu-west-1 (\`aws account list-regions\` lists yours)`);
  }
  return region;
}

/**
 * `AWS_PROFILE` names a profile that is in neither shared file: said before anything else, since
 * every credential and region lookup through it fails. Ignored when access keys are in the
 * environment (they come first in the SDK's chain).
 */
export function checkProfile(env: NodeJS.ProcessEnv = process.env): void {
  const profile = env.AWS_PROFILE;
  if (!profile || env.AWS_ACCESS_KEY_ID) return;
  const shared = readSharedProfiles(env);
  if (shared.config.has(profile) || shared.credentials.has(profile)) return;
  const known = [...new Set([...shared.config.keys(), ...shared.credentials.keys()])].sort();
  throw new UserError(
    `AWS_PROFILE is ${JSON.stringify(profile)}, but neither ${shared.configFile} nor ${shared.credentialsFile} has that profile ` +
      `(${known.length > 0 ? `profiles there: ${known.join(', ')}` : 'they hold no profile'}): fix AWS_PROFILE, or create it with \`aws configure --profile ${profile}\` or \`aws configure sso\``,
    EXIT.credentials,
  );
}

/**
 * The Region the labs use: the client setting, else AWS_REGION, else AWS_DEFAULT_REGION (what the
 * AWS CLI reads; the JavaScript SDK does not), else the profile's `region`. Each is checked to be
 * a Region name, and the message says which one was found and what is wrong with it.
 */
export async function resolveRegion(aws: AwsClientConfig, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  if (aws.region) return checkRegion(aws.region, 'the region');
  if (env.AWS_REGION !== undefined && env.AWS_REGION.trim() !== '') return checkRegion(env.AWS_REGION, 'AWS_REGION');
  if (env.AWS_DEFAULT_REGION !== undefined && env.AWS_DEFAULT_REGION.trim() !== '') return checkRegion(env.AWS_DEFAULT_REGION, 'AWS_DEFAULT_REGION');
  checkProfile(env);
  const profile = env.AWS_PROFILE || 'default';
  const shared = readSharedProfiles(env);
  const fromProfile = shared.config.get(profile)?.region;
  if (fromProfile) return checkRegion(fromProfile, `the region of profile "${profile}" in ${shared.configFile}`);
  throw new UserError(
    `no AWS region: AWS_REGION and AWS_DEFAULT_REGION are not set and profile "${profile}" has no region in ${shared.configFile}; ` +
      `\`export AWS_REGION=us-east-1\`, or \`aws configure set region us-east-1${env.AWS_PROFILE ? ` --profile ${profile}` : ''}\``,
  );
}

/**
 * Before anything touches AWS: who am I (STS GetCallerIdentity), in which account and region, and
 * may labs run there? Refuses the root user and accounts outside the allowlist, each with a
 * message that says what to do; network, credential, access and throttling troubles are one line
 * each with their own exit code.
 *
 * @see https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html
 */
export async function preflight(aws: AwsClientConfig, allowlist: Allowlist = readAllowlist(), env: NodeJS.ProcessEnv = process.env): Promise<Identity> {
  checkProfile(env);
  const region = await resolveRegion(aws, env);
  const sts = new STSClient({ ...aws, region });
  let out;
  try {
    out = await sts.send(new GetCallerIdentityCommand({}));
  } catch (error) {
    const explained = describeAwsError(error, { region, profile: env.AWS_ACCESS_KEY_ID ? undefined : env.AWS_PROFILE });
    if (explained) throw explained;
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
