import { type AwsClientConfig, defaultAwsConfig } from '../aws-config';
import type { LiveContext } from '../claim';
import { estimateCost, formatUsd } from '../cost';
import { UserError } from '../errors';
import { GUARDRAILS } from '../guardrails';
import type { LabDefinition } from '../lab-definition';
import { preflight, readAllowlist } from '../preflight';
import { allPassed, type CheckResult, createMemo, runLiveChecks, runOfflineChecks } from '../runner';
import { readStackOutputs } from '../stack-outputs';
import { DEFAULT_TTL, formatTtl } from '../ttl';
import { allowFlags, type ParsedArgs, parseArgs } from './args';
import { formatReport, summarize, table } from './format';
import { synthLabTemplate } from './synth';

/** Where the CLI writes; tests capture it. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

/** What the CLI runs against. */
export interface CliEnv {
  readonly labs: readonly LabDefinition[];
  readonly io: CliIo;
  /** SDK client settings. @default the SDK's default chain, adaptive retries */
  readonly aws?: AwsClientConfig;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

const HELP = `labs: AWS interview claims, checked on real infrastructure

  labs list [--json]                      labs, questions covered, cost per hour
  labs show <lab-id>                      questions, claims with verdicts and truth, how to deploy and check
  labs check --offline [lab-id] [--json]  synthesize (CloudFormation validation + cdk-nag) and run offline checks
  labs check <lab-id> [--json] [--opt]    live: observe the deployed lab and print a verdict table
  labs preflight                          who am I (STS), which account and region, allowed?
  labs cost [lab-id] [--json]             price a lab's template per hour and per day

Deploy with \`npx cdk deploy <lab-id>\`; every lab deletes itself after its TTL (-c ttl=4h).`;

function findLab(labs: readonly LabDefinition[], id: string | undefined): LabDefinition {
  const known = labs.map((l) => l.id).join(', ');
  if (!id) throw new UserError(`name a lab; known labs: ${known}`);
  const lab = labs.find((l) => l.id === id);
  if (!lab) throw new UserError(`unknown lab ${JSON.stringify(id)}; known labs: ${known}`);
  return lab;
}

function selectLabs(labs: readonly LabDefinition[], id: string | undefined): readonly LabDefinition[] {
  return id ? [findLab(labs, id)] : labs;
}

function priceOf(lab: LabDefinition) {
  const synth = synthLabTemplate(lab, false);
  if (!synth.ok) throw new UserError(`lab ${lab.id} does not synthesize: ${synth.error}`);
  return estimateCost(synth.template);
}

function list(env: CliEnv, args: ParsedArgs): number {
  allowFlags(args, ['json']);
  const rows = env.labs.map((lab) => {
    const cost = priceOf(lab);
    return { id: lab.id, title: lab.title, questions: lab.questions, hourlyUsd: Number(cost.hourly.toFixed(4)), dailyUsd: Number(cost.daily.toFixed(2)), deployTime: lab.deployTime, claims: lab.claims.length };
  });
  if (args.flags.json) env.io.out(JSON.stringify({ labs: rows }, null, 2));
  else {
    env.io.out(table(rows.map((r) => [r.id, r.questions.join(' '), formatUsd(r.hourlyUsd), String(r.claims), r.title]), ['LAB', 'QUESTIONS', '$/HOUR', 'CLAIMS', 'TITLE']));
    env.io.out(`\nPrices: us-east-1 on-demand, idle. Every lab deletes itself ${formatTtl(DEFAULT_TTL)} after its last deploy unless -c ttl=... says otherwise.`);
  }
  return 0;
}

function show(env: CliEnv, args: ParsedArgs): number {
  allowFlags(args, []);
  const lab = findLab(env.labs, args.positionals[0]);
  const cost = priceOf(lab);
  const out: string[] = [
    `${lab.id}: ${lab.title}`,
    `questions: ${lab.questions.join(', ')}`,
    `cost: ${formatUsd(cost.hourly)}/hour, ${formatUsd(cost.daily)}/day (dominated by ${cost.dominant?.what ?? 'nothing'}); deploy: ${lab.deployTime}`,
    '',
  ];
  for (const c of lab.claims) {
    out.push(`${c.id}  [${c.verdict}]${c.live ? '' : '  (offline only)'}`);
    out.push(`  seed says: ${c.says}`);
    out.push(`  truth:     ${c.truth.statement}${c.truth.changed ? ` (changed ${c.truth.changed})` : ''}`);
    for (const s of c.truth.sources) out.push(`  source:    ${s.title} <${s.url}>`);
    out.push('');
  }
  out.push('Try it:');
  out.push(`  npx labs check --offline ${lab.id}`);
  out.push(`  npx labs preflight && npx cdk deploy ${lab.id}`);
  out.push(`  npx labs check ${lab.id}${(lab.liveOptions ?? []).map((o) => ` [--${o.name}]`).join('')}`);
  for (const o of lab.liveOptions ?? []) out.push(`      --${o.name}: ${o.description}`);
  out.push(`  npx cdk destroy ${lab.id}`);
  env.io.out(out.join('\n'));
  return 0;
}

function report(env: CliEnv, json: boolean, blocks: readonly { lab: string; mode: string; results: readonly CheckResult[]; error?: string }[]): number {
  const results = blocks.flatMap((b) => b.results);
  const synthErrors = blocks.filter((b) => b.error).length;
  const s = summarize(results);
  if (json) env.io.out(JSON.stringify({ labs: blocks, summary: { ...s, synthErrors } }, null, 2));
  else {
    for (const b of blocks) env.io.out(b.error ? `${b.lab} (${b.mode})\n  ERROR synth failed: ${b.error}` : formatReport(`${b.lab} (${b.mode})`, b.results));
    env.io.out(`\n${s.passed} passed, ${s.failed} failed, ${s.errors + synthErrors} errors`);
  }
  return synthErrors === 0 && allPassed(results) ? 0 : 1;
}

async function checkOffline(env: CliEnv, args: ParsedArgs): Promise<number> {
  allowFlags(args, ['offline', 'json']);
  const blocks = [];
  for (const lab of selectLabs(env.labs, args.positionals[0])) {
    const synth = synthLabTemplate(lab, true);
    if (!synth.ok) {
      blocks.push({ lab: lab.id, mode: 'offline', results: [], error: synth.error });
      continue;
    }
    const results = await runOfflineChecks(lab, synth.template, GUARDRAILS);
    blocks.push({ lab: lab.id, mode: 'offline: CloudFormation validation and cdk-nag passed', results });
  }
  return report(env, args.flags.json === true, blocks);
}

async function checkLive(env: CliEnv, args: ParsedArgs): Promise<number> {
  const lab = findLab(env.labs, args.positionals[0]);
  const optionNames = (lab.liveOptions ?? []).map((o) => o.name);
  allowFlags(args, ['json', 'claim', ...optionNames]);
  const aws = env.aws ?? defaultAwsConfig();
  const identity = await preflight(aws);
  const started = (env.now ?? Date.now)();
  const progress = (message: string) => env.io.err(`[${String(Math.round(((env.now ?? Date.now)() - started) / 1000)).padStart(4)} s] ${message}`);
  progress(`account ${identity.account}, region ${identity.region}, as ${identity.arn}`);
  const awsInRegion = { ...aws, region: identity.region };
  const outputs = await readStackOutputs(awsInRegion, lab.id);
  const options = Object.fromEntries(Object.entries(args.flags).filter(([k]) => optionNames.includes(k)));
  const ctx: LiveContext = {
    labId: lab.id,
    outputs,
    aws: awsInRegion,
    options,
    progress,
    memo: createMemo(),
    sleep: env.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    now: env.now ?? Date.now,
  };
  const only = typeof args.flags.claim === 'string' ? args.flags.claim.split(',') : undefined;
  if (only) {
    const unknown = only.filter((id) => !lab.claims.some((c) => c.id === id));
    if (unknown.length > 0) throw new UserError(`unknown claim ${unknown.join(', ')}; claims of ${lab.id}: ${lab.claims.map((c) => c.id).join(', ')}`);
  }
  const results = await runLiveChecks(lab, ctx, only);
  return report(env, args.flags.json === true, [{ lab: lab.id, mode: `live, ${identity.region}`, results }]);
}

async function preflightCommand(env: CliEnv, args: ParsedArgs): Promise<number> {
  allowFlags(args, ['json']);
  const aws = env.aws ?? defaultAwsConfig();
  const identity = await preflight(aws, readAllowlist());
  if (args.flags.json) env.io.out(JSON.stringify({ ...identity, allowed: true }, null, 2));
  else env.io.out(`account ${identity.account}\narn     ${identity.arn}\nregion  ${identity.region}\nallowed yes: labs may be deployed and checked here`);
  return 0;
}

function cost(env: CliEnv, args: ParsedArgs): number {
  allowFlags(args, ['json']);
  const labs = selectLabs(env.labs, args.positionals[0]);
  const estimates = labs.map((lab) => ({ lab: lab.id, budgetUsd: lab.hourlyBudgetUsd, ...priceOf(lab) }));
  if (args.flags.json) {
    env.io.out(JSON.stringify({ labs: estimates }, null, 2));
    return 0;
  }
  for (const e of estimates) {
    env.io.out(`${e.lab}: ${formatUsd(e.hourly)}/hour, ${formatUsd(e.daily)}/day (budget ${formatUsd(e.budgetUsd)}/hour)`);
    if (e.dominant) env.io.out(`  dominated by ${e.dominant.what}: ${formatUsd(e.dominant.hourly)}/hour, ${Math.round(e.dominant.share * 100)} %`);
    env.io.out(table(e.items.map((i) => ['  ' + i.logicalId, i.what, formatUsd(i.hourly)])));
    for (const n of e.notes) env.io.out(`  note: ${n}`);
    env.io.out('');
  }
  return 0;
}

/** Runs one command line; returns the exit code. User errors print one line, never a stack trace. */
export async function runCli(argv: readonly string[], env: CliEnv): Promise<number> {
  try {
    const args = parseArgs(argv);
    if (!args.command || args.command === 'help' || args.flags.help) {
      env.io.out(HELP);
      return args.command || args.flags.help ? 0 : 2;
    }
    switch (args.command) {
      case 'list':
        return list(env, args);
      case 'show':
        return show(env, args);
      case 'check':
        return args.flags.offline ? await checkOffline(env, args) : await checkLive(env, args);
      case 'preflight':
        return await preflightCommand(env, args);
      case 'cost':
        return cost(env, args);
      default:
        throw new UserError(`unknown command ${JSON.stringify(args.command)}; commands: list, show, check, preflight, cost (labs help)`);
    }
  } catch (error) {
    if (error instanceof UserError) {
      env.io.err(`labs: ${error.message}`);
      return error.exitCode;
    }
    throw error;
  }
}

