import { type AwsClientConfig, defaultAwsConfig } from '../core/aws-config';
import { coverage, isQuestionId, settlementOf } from '../catalog/catalog';
import { catalogRows } from '../docs/catalog-markdown';
import type { CatalogEntry } from '../catalog/model';
import type { LiveContext } from '../checks/claim';
import { estimateCost, formatUsd } from '../operations/cost';
import { UserError } from '../core/errors';
import { GUARDRAILS } from '../checks/guardrails';
import type { LabDefinition } from '../checks/lab-definition';
import { preflight, readAllowlist } from '../operations/preflight';
import { allPassed, type CheckResult, createMemo, runLiveChecks, runOfflineChecks } from '../checks/runner';
import { readStackOutputs } from '../checks/stack-outputs';
import { DEFAULT_TTL, formatTtl } from '../stack/ttl';
import { allowFlags, type ParsedArgs, parseArgs } from './args';
import { formatReport, summarize, table } from './format';
import { synthLabTemplate } from './synth';
import { type CliEnv, findLab, priceOf, selectLabs } from './context';
import { deployCommand, deployedCommand, destroyCommand, leftoversCommand, watchTtlCommand } from './operate';

export type { CliEnv, CliIo } from './context';

const HELP = `labs: AWS interview claims, checked on real infrastructure

  labs list [--json]                      labs, questions covered, cost per hour
  labs show <lab-id>                      questions, claims with verdicts and truth, how to deploy and check
  labs show <question-id>                 a seed question (B2, I18, T8...): each claim, verdict, truth, source, how to check it
  labs catalog [--json]                   every seed question: level, topic, verdicts, what settles it
  labs coverage [--json]                  how many questions are settled live, offline, planned, conceptual
  labs check --offline [lab-id] [--json]  synthesize (CloudFormation validation + cdk-nag) and run offline checks
  labs check <lab-id> [--json] [--opt]    live: observe the deployed lab and print a verdict table
  labs preflight                          who am I (STS), which account and region, allowed?
  labs cost [lab-id] [--json]             price a lab's template per hour and per day
  labs deploy <lab-id> [--ttl=2h] [--yes] preflight, price and TTL, confirm, then cdk deploy (outputs in .labs/)
  labs deployed [--json]                  lab stacks in this account and region: age, time left, cost so far
  labs destroy <lab-id> [--yes]           cdk destroy, then look for anything the lab left behind
  labs leftovers [lab-id] [--json]        resources still tagged lab=..., orphaned log groups, volumes, IPs, snapshots
  labs watch-ttl <lab-id>                 wait for a lab's self-destruct and measure when it happened

Deploy with \`npx cdk deploy <lab-id>\`; every lab deletes itself after its TTL (-c ttl=4h).`;

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

function catalogOf(env: CliEnv): readonly CatalogEntry[] {
  if (!env.catalog || env.catalog.length === 0) throw new UserError('no catalog is loaded');
  return env.catalog;
}

function showQuestion(env: CliEnv, id: string): number {
  const entry = catalogOf(env).find((e) => e.id === id.toUpperCase());
  if (!entry) throw new UserError(`question ${id} is not in the catalog`);
  const out = [`${entry.id} (${entry.level}, ${entry.topic}): ${entry.question}`, ''];
  entry.claims.forEach((c, i) => {
    out.push(`${i + 1}. [${c.verdict}${c.changed ? `, changed ${c.changed}` : ''}] the seed says: ${c.says}`);
    out.push(`   truth: ${c.truth}`);
    for (const s of c.sources) out.push(`   source: ${s.title} <${s.url}>`);
    const by = c.settledBy;
    if (by.kind === 'lab') {
      const how = settlementOf(c, env.labs) === 'live' ? `npx cdk deploy ${by.lab} && npx labs check ${by.lab} --claim=${by.claim}` : `npx labs check --offline ${by.lab}`;
      out.push(`   check it: ${how}   (claim ${by.claim})`);
    } else if (by.kind === 'planned') out.push(`   check it: planned for lab ${by.lab}: ${by.note}`);
    else out.push(`   conceptual: ${by.reason}`);
    out.push('');
  });
  env.io.out(out.join('\n').trimEnd());
  return 0;
}

function catalogCommand(env: CliEnv, args: ParsedArgs): number {
  allowFlags(args, ['json']);
  const rows = catalogRows(catalogOf(env), env.labs);
  if (args.flags.json) env.io.out(JSON.stringify({ questions: rows }, null, 2));
  else env.io.out(table(rows.map((r) => [r.id, r.level, r.topic, r.verdicts.join(','), r.labs.length > 0 ? `${r.settledBy}: ${r.labs.join(' ')}` : r.settledBy]), ['ID', 'LEVEL', 'TOPIC', 'VERDICTS', 'SETTLED BY']));
  return 0;
}

function coverageCommand(env: CliEnv, args: ParsedArgs): number {
  allowFlags(args, ['json']);
  const c = coverage(catalogOf(env), env.labs);
  if (args.flags.json) {
    env.io.out(JSON.stringify(c, null, 2));
    return 0;
  }
  env.io.out(
    [
      `${c.questions} questions, ${c.claims} claims`,
      `questions settled by a live check:  ${c.bySettlement.live}`,
      `questions settled offline only:     ${c.bySettlement.offline}`,
      `questions planned for a lab:        ${c.bySettlement.planned}`,
      `questions no lab can show:          ${c.bySettlement.conceptual} (conceptual)`,
      `claims by verdict: ${c.byVerdict.holds} hold, ${c.byVerdict.oversimplified} oversimplified, ${c.byVerdict.outdated} outdated, ${c.byVerdict.wrong} wrong`,
      `wrong or outdated claims: ${c.wrongOrOutdated}, of which a lab refutes ${c.refutedByLab} (${c.refutedLive} with a live check)`,
    ].join('\n'),
  );
  return 0;
}

function show(env: CliEnv, args: ParsedArgs): number {
  allowFlags(args, []);
  const id = args.positionals[0];
  if (isQuestionId(id) && !env.labs.some((l) => l.id === id)) return showQuestion(env, id!);
  if (id && !env.labs.some((l) => l.id === id)) {
    throw new UserError(`unknown lab or question ${JSON.stringify(id)}; labs: ${env.labs.map((l) => l.id).join(', ')}; questions: B1–B25, I1–I50, A1–A50, T1–T10`);
  }
  const lab = findLab(env.labs, id);
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
      case 'deploy':
        return await deployCommand(env, args);
      case 'deployed':
        return await deployedCommand(env, args);
      case 'destroy':
        return await destroyCommand(env, args);
      case 'leftovers':
        return await leftoversCommand(env, args);
      case 'watch-ttl':
        return await watchTtlCommand(env, args);
      case 'catalog':
        return catalogCommand(env, args);
      case 'coverage':
        return coverageCommand(env, args);
      default:
        throw new UserError(`unknown command ${JSON.stringify(args.command)}; commands: list, show, check, preflight, cost, deploy, deployed, destroy, leftovers, watch-ttl, catalog, coverage (labs help)`);
    }
  } catch (error) {
    if (error instanceof UserError) {
      env.io.err(`labs: ${error.message}`);
      return error.exitCode;
    }
    throw error;
  }
}

