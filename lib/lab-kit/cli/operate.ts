/**
 * Commands that change or inspect what runs in the account: deploy, deployed, destroy, leftovers,
 * watch-ttl. Each starts with preflight, so nothing happens in an account that is not allowed.
 */
import { spawn } from 'node:child_process';
import { Duration } from 'aws-cdk-lib';
import * as path from 'node:path';
import * as readline from 'node:readline/promises';
import { defaultAwsConfig } from '../core/aws-config';
import { estimateCost } from '../operations/cost';
import { blockPublicAccessWarning, usesInternetGateway } from '../operations/block-public-access';
import { checkPlacement, dbKey, placementNeeds, readOfferings } from '../operations/placement';
import { checkQuotas, quotaNeeds, readQuotaUsage } from '../operations/quotas';
import type { TemplateJson } from '../template/json';
import type { AwsClientConfig } from '../core/aws-config';
import { checkEverySeconds, formatSeconds, listDeployedLabs, selfDestructWindow } from '../operations/deployed';
import { UserError } from '../core/errors';
import { chooseRegions, regionMismatch } from '../checks/lab-regions';
import type { LabDefinition } from '../checks/lab-definition';
import { AZS_CONTEXT_KEY, INGRESS_CIDR_CONTEXT_KEY, REGIONS_CONTEXT_KEY, cdkJsonContext, cdkJsonSettings, DEPLOY_ID_CONTEXT_KEY, parseAzs, NAG_CONTEXT_KEY, PROJECT_ROOT, SELECT_CONTEXT_KEY } from '../core/project';
import { findLeftovers, type Leftover } from '../operations/leftovers';
import { type Identity, preflight } from '../operations/preflight';
import { describeFailure } from '../operations/stack-failure';
import { describeLabStack } from '../checks/stack-outputs';
import { readTtlStart } from '../stack/self-destruct-handler/index.js';
import { REGIONS_TAG } from '../stack/lab-stack';
import { DEFAULT_TTL, formatTtl, parseTtl } from '../stack/ttl';
import type { ParsedArgs } from './args';
import { type CliEnv, findLab, priceOf } from './context';
import { table, usd } from './format';
import { synthLabTemplate } from './synth';

/** The bootstrap stack's name when neither `--toolkit-stack-name` nor cdk.json's `toolkitStackName` says otherwise. */
const DEFAULT_TOOLKIT_STACK = 'CDKToolkit';

/**
 * The bootstrap stack to look for and deploy with: `--toolkit-stack-name=<name>`, else cdk.json's
 * `toolkitStackName` (the CDK CLI's own setting), else CDKToolkit.
 *
 * @see https://docs.aws.amazon.com/cdk/v2/guide/ref-cli-cmd-bootstrap.html
 */
function toolkitStackName(args: ParsedArgs): string {
  const flag = args.flags['toolkit-stack-name'];
  if (flag !== undefined) checkToolkitStackName(String(flag));
  const configured = cdkJsonSettings().toolkitStackName;
  return (flag as string | undefined) ?? (typeof configured === 'string' ? configured : DEFAULT_TOOLKIT_STACK);
}

/** `--toolkit-stack-name=<name>`: a CloudFormation stack name. */
export function checkToolkitStackName(value: string): void {
  if (!/^[A-Za-z][A-Za-z0-9-]{0,127}$/.test(value)) {
    throw new UserError(`--toolkit-stack-name: received ${JSON.stringify(value)}; allowed: a CloudFormation stack name (letters, digits, hyphens; starting with a letter)`);
  }
}

/** What plain cdk skips, said wherever a lab is deployed or destroyed. */
export const WITHOUT_LABS =
  'Plain `npx cdk deploy <lab-id>` and `npx cdk destroy <lab-id>` work too, but skip preflight (account allowlist, root refusal), the bootstrap and AZ checks, the price, the TTL restart, the outputs file and the leftovers scan';

function aws(env: CliEnv) {
  return env.aws ?? defaultAwsConfig();
}

async function signIn(env: CliEnv): Promise<{ identity: Identity; aws: ReturnType<typeof defaultAwsConfig> }> {
  const identity = await preflight(aws(env));
  env.io.err(`account ${identity.account}, region ${identity.region}, as ${identity.arn}`);
  return { identity, aws: { ...aws(env), region: identity.region } };
}

/**
 * The CDK CLI's entry point: the project's pinned devDependency in a checkout; in the installed
 * package, the aws-cdk the user's project installed (an optional peer dependency, since only
 * deploy, diff and destroy need it).
 */
export function cdkCliPath(root: string = PROJECT_ROOT): string {
  try {
    return require.resolve('aws-cdk/bin/cdk', { paths: [root] });
  } catch {
    throw new UserError('deploy, diff and destroy run the AWS CDK CLI, and none is installed here: npm install --save-dev aws-cdk@2.1148.1 (a 2.x release that reads aws-cdk-lib 2.276.0 assemblies; never aws-cdk@latest, which is an old 3.0.0 build)');
  }
}

/** Runs the CDK CLI with the terminal attached, in the project root (where cdk.json is). */
export function spawnCdk(args: readonly string[], region: string): Promise<number> {
  const cdk = cdkCliPath();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cdk, ...args], { cwd: PROJECT_ROOT, stdio: 'inherit', env: { ...process.env, AWS_REGION: region } });
    child.on('error', reject);
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

/** Asks on the terminal; undefined without one (CI, pipes), so callers can refuse. */
export function terminalConfirm(): CliEnv['confirm'] {
  if (!process.stdin.isTTY) return undefined;
  return async (question: string) => {
    const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
    try {
      return /^y(es)?$/i.test((await rl.question(`${question} [y/N] `)).trim());
    } finally {
      rl.close();
    }
  };
}

async function confirmOrRefuse(env: CliEnv, args: ParsedArgs, question: string, action: string): Promise<void> {
  if (args.flags.yes) return;
  const confirm = env.confirm;
  if (!confirm) throw new UserError(`refusing to ${action} without confirmation: there is no terminal to ask on; pass --yes`);
  if (!(await confirm(question))) throw new UserError(`${action}: cancelled`, 1);
}

function printLeftovers(env: CliEnv, leftovers: readonly Leftover[]): void {
  if (leftovers.length === 0) {
    env.io.out('no leftovers found');
    return;
  }
  env.io.out(table(leftovers.map((l) => [l.lab, l.kind, l.id, l.why]), ['LAB', 'KIND', 'ID', 'WHY']));
  env.io.out('\nTo remove them:');
  for (const l of leftovers) env.io.out(`  ${l.remove}`);
}

export function ttlOption(value: string | boolean): Duration {
  try {
    return parseTtl(value === true ? '' : value);
  } catch (error) {
    throw new UserError((error as Error).message.replace(/^ttl:/, '--ttl:'));
  }
}

/** `--ingress-cidr=203.0.113.7/32`: the one IPv4 CIDR a lab with a public endpoint admits (`-c labs:ingressCidr`). */
export function ingressCidrOption(value: string | boolean): string {
  const text = typeof value === 'string' ? value : '';
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text);
  if (!m || m.slice(1, 5).some((o) => Number(o) > 255) || Number(m[5]) > 32) {
    throw new UserError(`--ingress-cidr: received ${JSON.stringify(text)}; allowed: one IPv4 CIDR, e.g. 203.0.113.7/32 (your public address: https://checkip.amazonaws.com)`);
  }
  return text;
}

export function azsOption(value: string | boolean): string[] {
  try {
    return parseAzs(value === true ? '' : value, '--azs');
  } catch (error) {
    throw new UserError((error as Error).message);
  }
}

/**
 * Checks that the AZs the lab will land in offer its instance types and DB classes, and says which
 * do; refuses the deploy, naming a working --azs, when one does not.
 */
export async function placementOrRefuse(env: CliEnv, labId: string, aws: AwsClientConfig, template: TemplateJson): Promise<string> {
  return (await placementOf(labId, aws, template)).line;
}

/** {@link placementOrRefuse}, with the AZs the lab will land in (none when it does not depend on them). */
export async function placementOf(labId: string, aws: AwsClientConfig, template: TemplateJson): Promise<{ readonly line: string; readonly azs: readonly string[] }> {
  const needs = placementNeeds(template);
  // One AZ from Fn::GetAZs is always there (it returns every AZ when none has a default subnet); more may not be.
  if (needs.instanceTypes.length === 0 && needs.databases.length === 0 && needs.azsFromGetAzs <= 1) return { line: 'AZs: the lab runs no instance type or DB class that an AZ might not offer', azs: [] };
  const offered = await readOfferings(aws, needs);
  const p = checkPlacement(needs, offered);
  const wanted = [...needs.instanceTypes, ...needs.databases.map(dbKey)].join(', ');
  const how = p.predicted ? 'the first AZs Fn::GetAZs returns (those with a default subnet, in name order; the order is not guaranteed)' : 'chosen with --azs';
  const count = Math.max(2, p.needed);
  if (p.problems.length > 0) {
    const suggestion = p.workingAzs.length >= count ? `deploy with --azs=${p.workingAzs.slice(0, count).join(',')}` : `only ${p.workingAzs.join(', ') || 'no AZ'} offer${p.workingAzs.length === 1 ? 's' : ''} all of it: try another Region`;
    throw new UserError(`${labId} would land in ${p.azs.join(', ')} (${how}), but ${p.problems.join('; ')}. ${wanted ? `AZs that offer ${wanted}` : 'Available AZs'}: ${p.workingAzs.join(', ') || 'none'}; ${suggestion}`);
  }
  return { line: `AZs: ${p.azs.join(', ')} (${how})${wanted ? `; they offer ${wanted}` : ''}`, azs: p.azs };
}

/**
 * Stack states in which the lab's resources exist, so a deploy is an update of them. After a failed first create
 * (ROLLBACK_COMPLETE) or a created change set (REVIEW_IN_PROGRESS) nothing is allocated, and CDK creates the stack anew.
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_Stack.html (StackStatus)
 */
const UPDATABLE: readonly string[] = ['CREATE_COMPLETE', 'UPDATE_COMPLETE', 'UPDATE_ROLLBACK_COMPLETE', 'IMPORT_COMPLETE', 'IMPORT_ROLLBACK_COMPLETE'];

/** Whether the lab is deployed with its resources in place (a deploy then updates it). */
async function deployedForUpdate(aws: AwsClientConfig, labId: string): Promise<boolean> {
  const stack = await describeLabStack(aws, labId);
  return stack !== undefined && UPDATABLE.includes(stack.status);
}

/**
 * The AZs of the deployed lab's subnets (ListStackResources, then DescribeSubnets), or none when it has no subnet.
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_ListStackResources.html
 * @see https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeSubnets.html
 */
async function deployedAzs(aws: AwsClientConfig, labId: string): Promise<readonly string[]> {
  const { CloudFormationClient, paginateListStackResources } = await import('@aws-sdk/client-cloudformation');
  const subnets: string[] = [];
  for await (const page of paginateListStackResources({ client: new CloudFormationClient(aws) }, { StackName: labId })) {
    for (const r of page.StackResourceSummaries ?? []) if (r.ResourceType === 'AWS::EC2::Subnet' && r.PhysicalResourceId) subnets.push(r.PhysicalResourceId);
  }
  if (subnets.length === 0) return [];
  const { DescribeSubnetsCommand, EC2Client } = await import('@aws-sdk/client-ec2');
  const described = await new EC2Client(aws).send(new DescribeSubnetsCommand({ SubnetIds: subnets }));
  return [...new Set((described?.Subnets ?? []).map((s) => s.AvailabilityZone).filter((z): z is string => !!z))].sort();
}

/**
 * Refuses a redeploy that would move the lab to other AZs: a subnet's AvailabilityZone is "Update requires:
 * Replacement" ("AWS::EC2::Subnet", https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-subnet.html),
 * and the new subnet takes the same CIDR block as the one it replaces, which still exists while it is created, so the
 * update fails and rolls back (seventh nat review F1). Happens when `--azs` is dropped or changed, or Fn::GetAZs's
 * first AZs shift.
 */
export async function sameAzsOrRefuse(labId: string, aws: AwsClientConfig, landsIn: readonly string[]): Promise<void> {
  if (landsIn.length === 0 || !(await deployedForUpdate(aws, labId))) return;
  const have = await deployedAzs(aws, labId);
  if (have.length === 0) return;
  const next = [...new Set(landsIn)].sort();
  if (next.some((z) => !have.includes(z))) {
    throw new UserError(
      `${labId} is deployed in ${have.join(', ')}, and this deploy would put it in ${next.join(', ')}: its subnets would be replaced with the same address ranges, ` +
        `which CloudFormation cannot do (the update fails and rolls back). Deploy with --azs=${have.join(',')} (where it is), or \`npx labs destroy ${labId}\` first`,
    );
  }
}

/**
 * Checks that the Region has the Elastic IPs the lab allocates left (refusing the deploy, saying what
 * to release, when it has not) and warns when the lab's VPC goes past the default VPC quota.
 */
export async function quotasOrRefuse(labId: string, aws: AwsClientConfig, template: TemplateJson): Promise<{ readonly summary: string; readonly warnings: readonly string[] }> {
  // An update of a lab that is already deployed allocates nothing new: its own Elastic IPs and VPC are among those
  // in use already, so counting them again would refuse the redeploy that restarts the TTL (sixth review F1).
  // Not after a failed first create (ROLLBACK_COMPLETE) or with only a change set (REVIEW_IN_PROGRESS): nothing is
  // allocated then, and CDK creates the stack anew (seventh review F2).
  if (await deployedForUpdate(aws, labId)) return { summary: 'quotas: an update of the deployed stack, which allocates no new Elastic IP or VPC', warnings: [] };
  const needs = quotaNeeds(template);
  const verdict = checkQuotas(needs, await readQuotaUsage(aws, needs));
  if (verdict.problems.length > 0) throw new UserError(`${labId} would not fit: ${verdict.problems.join('; ')}`);
  return verdict;
}

/**
 * The Regions of a lab that needs concrete Regions: `--regions` when given, else cdk.json's
 * `labs:regions`, else the lab's default; undefined for an environment-agnostic lab (which refuses
 * `--regions`). Checked before any AWS call.
 */
export function regionsOption(lab: LabDefinition, value: string | boolean | undefined): string[] | undefined {
  if (!lab.regions) {
    if (value !== undefined) throw new UserError(`--regions: received ${JSON.stringify(String(value))}; allowed: none for ${lab.id}, which deploys to the Region of your credentials`);
    return undefined;
  }
  try {
    return value === undefined ? chooseRegions(lab.regions, cdkJsonContext()[REGIONS_CONTEXT_KEY]) : chooseRegions(lab.regions, value === true ? ' ' : value, '--regions');
  } catch (error) {
    throw new UserError((error as Error).message);
  }
}

/**
 * The Regions a Region-bound lab's deployed stack records, when that stack is in `aws`'s Region:
 * its `lab-regions` stack tag (the kit's, see LabStack), else the lab's `Regions` output;
 * undefined for an environment-agnostic lab, when there is no stack, or when it records none.
 * DescribeStacks returns both (`Stack.Tags`, `Stack.Outputs`, CloudFormation API Reference,
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_Stack.html). What was
 * deployed wins over flags and cdk.json: destroy must synthesize the stack it deletes, and
 * leftovers must look in the Regions the replicas were created in.
 */
export async function deployedRegions(aws: AwsClientConfig, lab: LabDefinition): Promise<string[] | undefined> {
  if (!lab.regions) return undefined;
  const stack = await describeLabStack(aws, lab.id);
  const recorded = stack?.tags[REGIONS_TAG] || stack?.outputs.Regions;
  const names = (recorded ?? '').split(',').map((r) => r.trim()).filter(Boolean);
  return names.length > 0 ? names : undefined;
}

/** The deployed stack's Regions when there is one here, else `chosen` (--regions, cdk.json, the default); says so when --regions differed. */
async function regionsInUse(env: CliEnv, lab: LabDefinition, chosen: string[] | undefined, flagGiven: boolean, aws: AwsClientConfig): Promise<string[] | undefined> {
  const deployed = await deployedRegions(aws, lab);
  if (!deployed) return chosen;
  if (flagGiven && chosen && chosen.join(',') !== deployed.join(',')) env.io.err(`${lab.id} is deployed with Regions ${deployed.join(',')} (as its stack records them): using those, not --regions=${chosen.join(',')}`);
  return deployed;
}

/** Refuses, in one line, credentials whose Region is not the primary of a Region-bound lab. */
function inPrimaryOrRefuse(lab: LabDefinition, regions: readonly string[] | undefined, identity: Identity): void {
  const mismatch = regions ? regionMismatch(lab.id, regions, identity.region) : undefined;
  if (mismatch) throw new UserError(mismatch);
}

export async function deployCommand(env: CliEnv, args: ParsedArgs): Promise<number> {
  const lab = findLab(env.labs, args.positionals[0]);
  const ingressCidr = args.flags['ingress-cidr'] === undefined ? undefined : ingressCidrOption(args.flags['ingress-cidr']);
  const ttl = args.flags.ttl === undefined ? undefined : ttlOption(args.flags.ttl);
  const azs = args.flags.azs === undefined ? undefined : azsOption(args.flags.azs);
  const regions = regionsOption(lab, args.flags.regions);
  const { identity, aws: inRegion } = await signIn(env);
  inPrimaryOrRefuse(lab, regions, identity);
  // Bootstrapped in the primary only: a Region-bound lab's one stack deploys there, and CloudFormation
  // creates a global table's replicas in the other Regions from it ("AWS::DynamoDB::GlobalTable",
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-dynamodb-globaltable.html).
  const toolkit = toolkitStackName(args);
  if (!(await describeLabStack(inRegion, toolkit))) {
    throw new UserError(
      `account ${identity.account} is not bootstrapped in ${identity.region} (no stack ${toolkit}): run \`npx cdk bootstrap aws://${identity.account}/${identity.region}\` once, then deploy again` +
        (toolkit === DEFAULT_TOOLKIT_STACK ? '; if you bootstrapped with --toolkit-stack-name, pass the same --toolkit-stack-name=<name> here' : ''),
    );
  }
  const context = { ...(ttl ? { ttl: formatTtl(ttl) } : {}), ...(azs ? { [AZS_CONTEXT_KEY]: azs.join(',') } : {}), ...(ingressCidr ? { [INGRESS_CIDR_CONTEXT_KEY]: ingressCidr } : {}), ...(regions ? { [REGIONS_CONTEXT_KEY]: regions.join(',') } : {}) };
  const synth = await synthLabTemplate(lab, false, context);
  if (!synth.ok) throw new UserError(`lab ${lab.id} does not synthesize: ${synth.error}`);
  const cost = estimateCost(synth.template);
  const { line: placement, azs: landsIn } = await placementOf(lab.id, inRegion, synth.template);
  await sameAzsOrRefuse(lab.id, inRegion, landsIn);
  const quotas = await quotasOrRefuse(lab.id, inRegion, synth.template);
  const blocked = usesInternetGateway(synth.template) ? await blockPublicAccessWarning(inRegion) : undefined;
  const effectiveTtl = ttl ?? parseTtl(cdkJsonContext().ttl ?? formatTtl(DEFAULT_TTL));
  const hours = effectiveTtl.toHours({ integral: false });
  env.io.out(
    `deploy ${lab.id} to account ${identity.account} in ${identity.region}${regions && regions.length > 1 ? ` (and through it ${regions.slice(1).join(', ')})` : ''}\n` +
      `  cost: ${usd(cost.hourly)}/hour, ${usd(cost.daily)}/day (us-east-1 prices; dominated by ${cost.dominant?.what ?? 'nothing'})\n` +
      `  deletes itself ${formatTtl(effectiveTtl)} after this deploy: at most about ${usd(cost.hourly * hours)} if left to expire\n` +
      `  deploy time: ${lab.deployTime}\n` +
      `  ${placement}\n` +
      `  ${quotas.summary}` +
      quotas.warnings.map((w) => `\n  warning: ${w}`).join('') +
      (blocked ? `\n  warning: ${blocked}` : ''),
  );
  await confirmOrRefuse(env, args, `Deploy ${lab.id}?`, 'deploy');
  const outputsFile = path.join('.labs', `${lab.id}.outputs.json`);
  // The deploy id changes the self-destruct's DEPLOY_ID, so this deploy updates the stack and
  // restarts its TTL even when nothing else changed.
  const deployId = new Date((env.now ?? Date.now)()).toISOString();
  const cdkArgs = ['deploy', lab.id, '--outputs-file', outputsFile, '-c', `${SELECT_CONTEXT_KEY}=${lab.id}`, '-c', `${DEPLOY_ID_CONTEXT_KEY}=${deployId}`, '-c', `${NAG_CONTEXT_KEY}=true`, ...(context.ttl ? ['-c', `ttl=${context.ttl}`] : []), ...(azs ? ['-c', `${AZS_CONTEXT_KEY}=${azs.join(',')}`] : []), ...(ingressCidr ? ['-c', `${INGRESS_CIDR_CONTEXT_KEY}=${ingressCidr}`] : []), ...(regions ? ['-c', `${REGIONS_CONTEXT_KEY}=${regions.join(',')}`] : []), ...(toolkit === DEFAULT_TOOLKIT_STACK ? [] : ['--toolkit-stack-name', toolkit]), ...(args.flags.yes ? ['--require-approval', 'never'] : [])];
  const code = await (env.runCdk ?? spawnCdk)(cdkArgs, identity.region);
  if (code !== 0) {
    const failure = await describeFailure(inRegion, lab.id).catch(() => undefined);
    if (failure) env.io.err(`labs: ${lab.id} failed at ${failure.logicalId} (${failure.type}) ${failure.status}: ${failure.reason}`);
    env.io.err(`labs: cdk deploy exited with ${code}; \`npx labs leftovers ${lab.id}\` lists anything a failed deploy left`);
    return code;
  }
  env.io.out(`deployed; outputs recorded in ${outputsFile}. Next: npx labs check ${lab.id}`);
  const noRole = await withoutServiceRole(inRegion, lab.id);
  if (noRole) env.io.err(`labs: warning: ${noRole}`);
  return 0;
}

/**
 * Why the lab's self-destruct cannot delete it, or undefined when it can. It deletes through the
 * stack's CloudFormation service role (DescribeStacks `RoleARN`, the bootstrap's execution role that
 * `cdk deploy` passes); a stack without one is deleted with the function's own rights, which cover
 * DescribeStacks and DeleteStack only, so the deletion would fail (see SelfDestruct). A stack that
 * cannot be read says nothing here: the deploy itself succeeded.
 */
async function withoutServiceRole(aws: AwsClientConfig, labId: string): Promise<string | undefined> {
  const stack = await describeLabStack(aws, labId).catch(() => undefined);
  if (!stack || stack.roleArn) return undefined;
  return (
    `${labId} was deployed without a CloudFormation service role (DescribeStacks shows no RoleARN), so its self-destruct cannot delete it: ` +
    `destroy it yourself (\`npx labs destroy ${labId}\`), and bootstrap with the CDK's default template (\`npx cdk bootstrap\`) for labs that delete themselves`
  );
}

/** `labs diff <lab>`: preflight (so a missing credential or region is said once, clearly), then cdk diff of that lab alone. */
export async function diffCommand(env: CliEnv, args: ParsedArgs): Promise<number> {
  const lab = findLab(env.labs, args.positionals[0]);
  const regions = regionsOption(lab, args.flags.regions);
  const { identity } = await signIn(env);
  inPrimaryOrRefuse(lab, regions, identity);
  return (env.runCdk ?? spawnCdk)(['diff', lab.id, '-c', `${SELECT_CONTEXT_KEY}=${lab.id}`, ...(regions ? ['-c', `${REGIONS_CONTEXT_KEY}=${regions.join(',')}`] : [])], identity.region);
}

export async function deployedCommand(env: CliEnv, args: ParsedArgs): Promise<number> {
  const { aws: inRegion } = await signIn(env);
  const now = (env.now ?? Date.now)();
  const deployed = await listDeployedLabs(inRegion, now);
  const rows = [];
  for (const d of deployed) {
    const lab = env.labs.find((l) => l.id === d.id);
    const hourly = lab ? (await priceOf(lab)).hourly : undefined;
    rows.push({ ...d, hourlyUsd: hourly, costSoFarUsd: hourly === undefined ? undefined : Number(((hourly * d.ageSeconds) / 3600).toFixed(4)) });
  }
  if (args.flags.json) {
    env.io.out(JSON.stringify({ labs: rows }, null, 2));
    return 0;
  }
  if (rows.length === 0) {
    env.io.out('no lab stacks in this account and region');
    return 0;
  }
  env.io.out(
    table(
      rows.map((r) => [
        r.id,
        r.status,
        formatSeconds(r.ageSeconds),
        r.ttlSeconds === undefined ? '?' : formatSeconds(r.ttlSeconds),
        r.secondsLeft === undefined ? '?' : r.secondsLeft < 0 ? `overdue ${formatSeconds(-r.secondsLeft)}` : formatSeconds(r.secondsLeft),
        r.hourlyUsd !== undefined ? usd(r.hourlyUsd) : r.budgetUsd !== undefined ? `≤ ${usd(r.budgetUsd)} (budget; not a lab of this version)` : '? (not a lab of this version)',
        r.costSoFarUsd === undefined ? '?' : usd(r.costSoFarUsd),
      ]),
      ['LAB', 'STATUS', 'AGE', 'TTL', 'LEFT', '$/HOUR', 'SO FAR'],
    ),
  );
  for (const r of rows.filter((row) => !row.selfDestructCanDelete)) {
    env.io.out(`\nwarning: ${r.id} has no CloudFormation service role (no RoleARN): its self-destruct cannot delete it; destroy it yourself with \`npx labs destroy ${r.id}\``);
  }
  env.io.out('\nAge counts from the last deploy; cost so far is the idle hourly price times the age (us-east-1 prices).');
  return 0;
}

export async function destroyCommand(env: CliEnv, args: ParsedArgs): Promise<number> {
  const lab = findLab(env.labs, args.positionals[0]);
  const chosen = regionsOption(lab, args.flags.regions);
  const { identity, aws: inRegion } = await signIn(env);
  const regions = await regionsInUse(env, lab, chosen, args.flags.regions !== undefined, inRegion);
  inPrimaryOrRefuse(lab, regions, identity);
  if (!(await describeLabStack(inRegion, lab.id))) env.io.out(`${lab.id} has no stack in ${identity.region}; looking for leftovers only`);
  else {
    await confirmOrRefuse(env, args, `Destroy ${lab.id} in account ${identity.account}, ${identity.region}?`, 'destroy');
    const code = await (env.runCdk ?? spawnCdk)(['destroy', lab.id, '--force', '-c', `${SELECT_CONTEXT_KEY}=${lab.id}`, ...(regions ? ['-c', `${REGIONS_CONTEXT_KEY}=${regions.join(',')}`] : [])], identity.region);
    if (code !== 0) {
      const failure = await describeFailure(inRegion, lab.id).catch(() => undefined);
      if (failure) env.io.err(`labs: ${lab.id} could not delete ${failure.logicalId} (${failure.type}): ${failure.reason}`);
      return code;
    }
  }
  printLeftovers(env, await leftoversEverywhere(inRegion, [lab], regions ? new Map([[lab.id, regions]]) : new Map(), { labIds: [lab.id] }));
  return 0;
}

/**
 * Leftovers in the credentials' Region and in every other Region a Region-bound lab touches (a
 * global table's replicas), there with the lab counted live only when its stack is deployed in its
 * own primary Region.
 */
export async function leftoversEverywhere(aws: AwsClientConfig, labs: readonly LabDefinition[], regionsByLab: ReadonlyMap<string, readonly string[]>, options: Parameters<typeof findLeftovers>[1], nowMs = Date.now()): Promise<Leftover[]> {
  const here = String(aws.region);
  const found = [...(await findLeftovers(aws, options))];
  const liveIn = new Map<string, string[]>();
  const liveInRegion = async (region: string) => {
    if (!liveIn.has(region)) liveIn.set(region, (await listDeployedLabs({ ...aws, region }, nowMs)).map((d) => d.id));
    return liveIn.get(region) as string[];
  };
  const others = new Set<string>();
  for (const lab of labs) for (const r of regionsByLab.get(lab.id) ?? []) if (r !== here) others.add(r);
  for (const region of [...others].sort()) {
    const labIds = labs.filter((l) => (regionsByLab.get(l.id) ?? []).includes(region)).map((l) => l.id);
    const liveStacks: string[] = [];
    for (const id of labIds) if ((await liveInRegion(regionsByLab.get(id)?.[0] ?? here)).includes(id)) liveStacks.push(id);
    found.push(...(await findLeftovers({ ...aws, region }, { labIds, liveStacks })));
  }
  return found;
}

export async function leftoversCommand(env: CliEnv, args: ParsedArgs): Promise<number> {
  const id = args.positionals[0];
  const labIds = id ? [findLab(env.labs, id).id] : env.labs.map((l) => l.id);
  const labs = env.labs.filter((l) => labIds.includes(l.id));
  // Checked before any AWS call: --regions names one lab's Regions, so it needs the lab.
  if (args.flags.regions !== undefined && !id) throw new UserError(`--regions: received ${JSON.stringify(String(args.flags.regions))}; allowed: only with a lab id (\`labs leftovers <lab> --regions=...\`)`);
  const chosen = new Map(labs.map((l) => [l.id, regionsOption(l, id ? args.flags.regions : undefined)] as const));
  const { aws: inRegion } = await signIn(env);
  const now = (env.now ?? Date.now)();
  const live = (await listDeployedLabs(inRegion, now)).map((d) => d.id);
  const regionsByLab = new Map<string, readonly string[]>();
  for (const l of labs) {
    const r = live.includes(l.id) ? await regionsInUse(env, l, chosen.get(l.id), args.flags.regions !== undefined, inRegion) : chosen.get(l.id);
    if (r) regionsByLab.set(l.id, r);
  }
  const leftovers = await leftoversEverywhere(inRegion, labs, regionsByLab, { labIds, anyTagged: !id, liveStacks: live }, now);
  if (args.flags.json) env.io.out(JSON.stringify({ leftovers, liveStacks: live }, null, 2));
  else {
    if (live.length > 0) env.io.out(`still deployed (not leftovers; \`npx labs destroy <lab>\`): ${live.join(', ')}`);
    printLeftovers(env, leftovers);
  }
  return leftovers.length === 0 ? 0 : 1;
}

/**
 * Waits for a lab's self-destruct and measures it: the stack must start deleting within one check
 * interval of its TTL and be gone after that. Deploy with a short TTL first: `npx labs deploy <id> --ttl=30m`.
 */
export async function watchTtlCommand(env: CliEnv, args: ParsedArgs): Promise<number> {
  const lab = findLab(env.labs, args.positionals[0]);
  const { aws: inRegion } = await signIn(env);
  const now = env.now ?? Date.now;
  const sleep = env.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
  const first = await describeLabStack(inRegion, lab.id);
  if (!first) throw new UserError(`${lab.id} is not deployed: deploy it with a short TTL first (\`npx labs deploy ${lab.id} --ttl=30m\`)`);
  const ttlSeconds = parseTtl(first.outputs.LabTtl ?? first.tags['lab-ttl'] ?? '').toSeconds();
  // When the TTL started, read as the self-destruct function reads it: when the last operation ended.
  const { CloudFormationClient } = await import('@aws-sdk/client-cloudformation');
  const stackSummary = { StackName: first.stackName, LastUpdatedTime: first.lastUpdatedAt, CreationTime: first.createdAt };
  const since = (await readTtlStart(new CloudFormationClient(inRegion), first.stackId, stackSummary)) ?? new Date(now());
  const window = selfDestructWindow(since, ttlSeconds);
  const giveUp = window.startedBy.getTime() + 30 * 60_000;
  env.io.err(`TTL ${formatTtl(Duration.seconds(ttlSeconds))} from ${since.toISOString()}: due ${window.dueAt.toISOString()}, deletion must start by ${window.startedBy.toISOString()} (schedule every ${checkEverySeconds(ttlSeconds) / 60} min)`);
  let deletingSeenAt: number | undefined;
  for (;;) {
    const stack = await describeLabStack(inRegion, first.stackId);
    const t = now();
    if (stack?.status === 'DELETE_IN_PROGRESS' && deletingSeenAt === undefined) deletingSeenAt = t;
    if (!stack || stack.status === 'DELETE_COMPLETE') {
      const started = deletingSeenAt ?? t;
      const late = Math.round((started - window.dueAt.getTime()) / 1000);
      const ok = started <= window.startedBy.getTime() + 60_000 && started >= window.dueAt.getTime() - 60_000;
      const figures = { secondsAfterTtlUntilDeleting: late, secondsDeleting: Math.round((t - started) / 1000) };
      if (args.flags.json) env.io.out(JSON.stringify({ lab: lab.id, passed: ok, ...figures }, null, 2));
      else env.io.out(`${ok ? 'PASS' : 'FAIL'}  ${lab.id} deleted itself: deletion seen ${late} s after the TTL (allowed 0 to ${checkEverySeconds(ttlSeconds)} s, polled every 60 s), gone ${figures.secondsDeleting} s later`);
      return ok ? 0 : 1;
    }
    if (stack.status === 'DELETE_FAILED') {
      const failure = await describeFailure(inRegion, first.stackId).catch(() => undefined);
      env.io.out(`FAIL  ${lab.id}: the self-destruct started but DELETE_FAILED${failure ? ` at ${failure.logicalId}: ${failure.reason}` : ''}. Was the stack deployed without a CloudFormation role?`);
      return 1;
    }
    if (t > giveUp) {
      // Deletion started on time and is still going: CloudFormation can wait long at one resource (a VPC Lambda function
      // waits for Lambda to remove its network interfaces, "AWS::Lambda::Function VpcConfig", CloudFormation Template
      // Reference). That is not a failed self-destruct, and not yet a finished one: say so, exit 4 (inconclusive: the end was not seen).
      if (stack.status === 'DELETE_IN_PROGRESS' && deletingSeenAt !== undefined && deletingSeenAt <= window.startedBy.getTime() + 60_000 && deletingSeenAt >= window.dueAt.getTime() - 60_000) {
        const late = Math.round((deletingSeenAt - window.dueAt.getTime()) / 1000);
        env.io.out(
          `STILL DELETING  ${lab.id}: deletion seen ${late} s after the TTL (on time), still DELETE_IN_PROGRESS ${formatSeconds(Math.round((t - deletingSeenAt) / 1000))} later: ` +
            `CloudFormation may be waiting for Lambda to remove VPC network interfaces; look again with \`npx labs deployed\` and \`npx labs leftovers ${lab.id}\``,
        );
        return 4;
      }
      env.io.out(`FAIL  ${lab.id} is still ${stack.status} ${formatSeconds(Math.round((t - window.dueAt.getTime()) / 1000))} after its TTL: look at the SelfDestruct function's log group`);
      return 1;
    }
    const left = Math.round((window.dueAt.getTime() - t) / 1000);
    env.io.err(`${stack.status}; ${left > 0 ? `TTL in ${formatSeconds(left)}` : `TTL passed ${formatSeconds(-left)} ago`}`);
    await sleep(60_000);
  }
}
