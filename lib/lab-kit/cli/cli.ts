import { coverage, indexClaims, isQuestionId, labsChecking } from '../catalog/catalog';
import { questionsOf } from '../checks/lab-definition';
import { GUARDRAILS } from '../checks/guardrails';
import { type CheckResult, type ClaimLookup, countOutcomes, exitCodeOf, type LiveRun, type RecordedObservation, runLiveChecks, runOfflineChecks } from '../checks/runner';
import { readStackOutputs } from '../checks/stack-outputs';
import { defaultAwsConfig } from '../core/aws-config';
import { AZS_CONTEXT_KEY } from '../core/project';
import { UserError } from '../core/errors';
import { catalogRows } from '../docs/catalog-markdown';
import { formatUsd } from '../operations/cost';
import { preflight, readAllowlist } from '../operations/preflight';
import { DEFAULT_TTL, formatTtl } from '../stack/ttl';
import { allowFlags, type ParsedArgs, parseArgs } from './args';
import { type CliEnv, findLab, priceOf, selectLabs } from './context';
import { formatCounts, formatReport, table } from './format';
import { azsOption, deployCommand, deployedCommand, destroyCommand, leftoversCommand, placementOrRefuse, watchTtlCommand } from './operate';
import { newLabCommand } from './scaffold';
import { synthLabTemplate } from './synth';

export type { CliEnv, CliIo } from './context';

const HELP = `labs: AWS interview claims, checked on real infrastructure

  labs list [--json]                      labs, questions covered, cost per hour
  labs show <lab-id>                      questions, claims with verdicts and truth, how to deploy and check
  labs show <question-id>                 a seed question (B2, I18, T8...): each claim, verdict, truth, source, how to check it
  labs catalog [--json]                   every seed question: level, topic, verdicts, what settles it
  labs coverage [--json]                  how many questions are settled live, offline, planned, conceptual
  labs check --offline [lab-id] [--json]  synthesize (CloudFormation validation + cdk-nag) and run offline checks
  labs check <lab-id> [--json] [--claim=<id>,...] [--opt]
                                          live: observe the deployed lab and print a verdict table
  labs preflight [lab-id] [--azs=a,b]     who am I (STS), which account and region, allowed? With a lab:
                                          do the AZs it lands in offer its instance types and DB classes?
  labs cost [lab-id] [--json]             price a lab's template per hour and per day
  labs new <lab-id> --questions=B6,I10    scaffold a lab for these questions' catalog claims
  labs deploy <lab-id> [--ttl=2h] [--azs=a,b] [--ingress-cidr=ip/32] [--toolkit-stack-name=X] [--yes]
                                          preflight, AZ offerings, price and TTL, confirm, then cdk deploy
                                          (outputs in .labs/); every labs deploy restarts the TTL
  labs deployed [--json]                  lab stacks in this account and region: age, time left, cost so far
  labs destroy <lab-id> [--yes]           cdk destroy, then look for anything the lab left behind
  labs leftovers [lab-id] [--json]        resources still tagged lab=..., orphaned log groups, volumes, IPs, snapshots
  labs watch-ttl <lab-id>                 wait for a lab's self-destruct and measure when it happened

Outcomes: PASS (AWS behaved as the truth says; only then does a line say the seed is confirmed or
refuted), FAIL (it did not: the expectation is named), INCONCLUSIVE (the run did not exercise the
behaviour), ERROR (the check could not run), SKIP. Exit codes of check: 0 all passed or skipped,
1 a check failed, 3 a check could not run, 4 a check was inconclusive, 2 bad input.

Deploy with \`npx labs deploy <lab-id>\`; every lab deletes itself after its TTL (--ttl=4h).`;

async function list(env: CliEnv, args: ParsedArgs): Promise<number> {
  allowFlags(args, ['json']);
  const rows = [];
  for (const lab of env.labs) {
    const cost = await priceOf(lab);
    rows.push({ id: lab.id, title: lab.title, questions: questionsOf(lab), hourlyUsd: Number(cost.hourly.toFixed(4)), dailyUsd: Number(cost.daily.toFixed(2)), deployTime: lab.deployTime, claims: Object.keys(lab.checks).length });
  }
  if (args.flags.json) env.io.out(JSON.stringify({ labs: rows }, null, 2));
  else {
    env.io.out(table(rows.map((r) => [r.id, r.questions.join(' '), formatUsd(r.hourlyUsd), String(r.claims), r.title]), ['LAB', 'QUESTIONS', '$/HOUR', 'CLAIMS', 'TITLE']));
    env.io.out(`\nPrices: us-east-1 on-demand, idle. Every lab deletes itself ${formatTtl(DEFAULT_TTL)} after its last deploy unless -c ttl=... says otherwise.`);
  }
  return 0;
}

/** How to see a claim for yourself: the commands of each lab that checks it. */
function howToCheck(claimId: string, env: CliEnv): string[] {
  return labsChecking(claimId, env.labs).map((r) =>
    r.live ? `npx labs deploy ${r.lab} && npx labs check ${r.lab} --claim=${claimId}` : `npx labs check --offline ${r.lab}   (offline only)`,
  );
}

function showQuestion(env: CliEnv, id: string): number {
  const entry = env.catalog.find((e) => e.id === id.toUpperCase());
  if (!entry) throw new UserError(`question ${id} is not in the catalog`);
  const out = [`${entry.id} (${entry.level}, ${entry.topic}): ${entry.question}`, ''];
  entry.claims.forEach((c, i) => {
    out.push(`${i + 1}. ${c.id} [${c.verdict}${c.changed ? `, changed ${c.changed}` : ''}] the seed says: ${c.says}`);
    out.push(`   truth: ${c.truth}`);
    for (const s of c.sources) out.push(`   source: ${s.title} <${s.url}>`);
    const how = howToCheck(c.id, env);
    for (const h of how) out.push(`   check it: ${h}`);
    if (how.length === 0 && c.planned) out.push(`   check it: planned for lab ${c.planned.lab}: ${c.planned.note}`);
    if (how.length === 0 && c.conceptual) out.push(`   conceptual: ${c.conceptual}`);
    out.push('');
  });
  env.io.out(out.join('\n').trimEnd());
  return 0;
}

function catalogCommand(env: CliEnv, args: ParsedArgs): number {
  allowFlags(args, ['json']);
  const rows = catalogRows(env.catalog, env.labs);
  if (args.flags.json) env.io.out(JSON.stringify({ questions: rows }, null, 2));
  else env.io.out(table(rows.map((r) => [r.id, r.level, r.topic, r.verdicts.join(','), r.labs.length > 0 ? `${r.settledBy}: ${r.labs.join(' ')}` : r.settledBy]), ['ID', 'LEVEL', 'TOPIC', 'VERDICTS', 'SETTLED BY']));
  return 0;
}

function coverageCommand(env: CliEnv, args: ParsedArgs): number {
  allowFlags(args, ['json']);
  const c = coverage(env.catalog, env.labs);
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

async function show(env: CliEnv, args: ParsedArgs): Promise<number> {
  allowFlags(args, []);
  const id = args.positionals[0];
  if (isQuestionId(id) && !env.labs.some((l) => l.id === id)) return showQuestion(env, id!);
  if (id && !env.labs.some((l) => l.id === id)) {
    throw new UserError(`unknown lab or question ${JSON.stringify(id)}; labs: ${env.labs.map((l) => l.id).join(', ')}; questions: B1–B25, I1–I50, A1–A50, T1–T10`);
  }
  const lab = findLab(env.labs, id);
  const cost = await priceOf(lab);
  const claims = indexClaims(env.catalog);
  const out: string[] = [
    `${lab.id}: ${lab.title}`,
    `questions: ${questionsOf(lab).join(', ')}`,
    `cost: ${formatUsd(cost.hourly)}/hour, ${formatUsd(cost.daily)}/day (dominated by ${cost.dominant?.what ?? 'nothing'}); deploy: ${lab.deployTime}`,
    '',
  ];
  for (const [claimId, check] of Object.entries(lab.checks)) {
    const c = claims.get(claimId)?.claim;
    out.push(`${claimId}  [${c?.verdict ?? 'not in the catalog'}]${check.live ? '' : '  (offline only)'}`);
    if (c) {
      out.push(`  seed says: ${c.says}`);
      out.push(`  truth:     ${c.truth}${c.changed ? ` (changed ${c.changed})` : ''}`);
      for (const s of c.sources) out.push(`  source:    ${s.title} <${s.url}>`);
    }
    out.push('');
  }
  out.push('Try it:');
  out.push(`  npx labs check --offline ${lab.id}`);
  out.push(`  npx labs deploy ${lab.id}`);
  out.push(`  npx labs check ${lab.id}${(lab.liveOptions ?? []).map((o) => ` [--${o.name}]`).join('')}`);
  for (const o of lab.liveOptions ?? []) out.push(`      --${o.name}: ${o.description}`);
  out.push(`  npx labs destroy ${lab.id}`);
  env.io.out(out.join('\n'));
  return 0;
}

interface ReportBlock {
  readonly lab: string;
  readonly mode: string;
  readonly results: readonly CheckResult[];
  readonly observations?: readonly RecordedObservation[];
  readonly error?: string;
}

function report(env: CliEnv, json: boolean, blocks: readonly ReportBlock[]): number {
  const results = blocks.flatMap((b) => b.results);
  const synthErrors = blocks.filter((b) => b.error).length;
  const counts = countOutcomes(results);
  if (json) env.io.out(JSON.stringify({ labs: blocks, summary: { ...counts, synthErrors } }, null, 2));
  else {
    for (const b of blocks) env.io.out(b.error ? `${b.lab} (${b.mode})\n  ERROR synth failed: ${b.error}` : formatReport(`${b.lab} (${b.mode})`, b.results));
    env.io.out(`\n${formatCounts(results)}${synthErrors ? `; ${synthErrors} lab(s) did not synthesize` : ''}`);
  }
  const code = exitCodeOf(results);
  return code === 0 && synthErrors > 0 ? 3 : code;
}

async function checkOffline(env: CliEnv, args: ParsedArgs): Promise<number> {
  allowFlags(args, ['offline', 'json']);
  const blocks: ReportBlock[] = [];
  const claims = verdictLookup(env);
  for (const lab of selectLabs(env.labs, args.positionals[0])) {
    const synth = await synthLabTemplate(lab, true);
    if (!synth.ok) {
      blocks.push({ lab: lab.id, mode: 'offline', results: [], error: synth.error });
      continue;
    }
    const results = runOfflineChecks(lab, synth.template, claims, GUARDRAILS);
    blocks.push({ lab: lab.id, mode: 'offline: CloudFormation validation and cdk-nag passed', results });
  }
  return report(env, args.flags.json === true, blocks);
}

function verdictLookup(env: CliEnv): ClaimLookup {
  const claims = indexClaims(env.catalog);
  return (id) => claims.get(id)?.claim;
}

async function checkLive(env: CliEnv, args: ParsedArgs): Promise<number> {
  const lab = findLab(env.labs, args.positionals[0]);
  const optionNames = (lab.liveOptions ?? []).map((o) => o.name);
  allowFlags(args, ['json', 'claim', ...optionNames]);
  const only = typeof args.flags.claim === 'string' ? args.flags.claim.split(',') : undefined;
  if (only) {
    const unknown = only.filter((id) => !(id in lab.checks));
    if (unknown.length > 0) throw new UserError(`unknown claim ${unknown.join(', ')}; claims of ${lab.id}: ${Object.keys(lab.checks).join(', ')}`);
  }
  const aws = env.aws ?? defaultAwsConfig();
  const identity = await preflight(aws);
  const started = (env.now ?? Date.now)();
  const progress = (message: string) => env.io.err(`[${String(Math.round(((env.now ?? Date.now)() - started) / 1000)).padStart(4)} s] ${message}`);
  progress(`account ${identity.account}, region ${identity.region}, as ${identity.arn}`);
  const awsInRegion = { ...aws, region: identity.region };
  const outputs = await readStackOutputs(awsInRegion, lab.id);
  const options = Object.fromEntries(Object.entries(args.flags).filter(([k]) => optionNames.includes(k)));
  const run: LiveRun = {
    labId: lab.id,
    outputs,
    aws: awsInRegion,
    options,
    progress,
    sleep: env.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    now: env.now ?? Date.now,
  };
  const { results, observations } = await runLiveChecks(lab, run, verdictLookup(env), only);
  return report(env, args.flags.json === true, [{ lab: lab.id, mode: `live, ${identity.region}`, results, observations }]);
}

async function preflightCommand(env: CliEnv, args: ParsedArgs): Promise<number> {
  allowFlags(args, ['json', 'azs']);
  const lab = args.positionals[0] === undefined ? undefined : findLab(env.labs, args.positionals[0]);
  const azs = args.flags.azs === undefined ? undefined : azsOption(args.flags.azs);
  const aws = env.aws ?? defaultAwsConfig();
  const identity = await preflight(aws, readAllowlist());
  // With a lab: will the AZs it lands in offer its instance types and DB classes? (refuses naming a working --azs)
  let placement: string | undefined;
  if (lab) {
    const synth = await synthLabTemplate(lab, false, azs ? { [AZS_CONTEXT_KEY]: azs.join(',') } : undefined);
    if (!synth.ok) throw new UserError(`lab ${lab.id} does not synthesize: ${synth.error}`);
    placement = await placementOrRefuse(env, lab.id, { ...aws, region: identity.region }, synth.template);
  }
  if (args.flags.json) env.io.out(JSON.stringify({ ...identity, allowed: true, ...(placement ? { placement } : {}) }, null, 2));
  else env.io.out(`account ${identity.account}\narn     ${identity.arn}\nregion  ${identity.region}\nallowed yes: labs may be deployed and checked here${placement ? `\n${lab!.id}: ${placement}` : ''}`);
  return 0;
}

async function cost(env: CliEnv, args: ParsedArgs): Promise<number> {
  allowFlags(args, ['json']);
  const estimates = [];
  for (const lab of selectLabs(env.labs, args.positionals[0])) estimates.push({ lab: lab.id, budgetUsd: lab.hourlyBudgetUsd, ...(await priceOf(lab)) });
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
        return await list(env, args);
      case 'show':
        return await show(env, args);
      case 'check':
        return args.flags.offline ? await checkOffline(env, args) : await checkLive(env, args);
      case 'preflight':
        return await preflightCommand(env, args);
      case 'cost':
        return await cost(env, args);
      case 'new':
        return newLabCommand(env, args);
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
        throw new UserError(`unknown command ${JSON.stringify(args.command)}; commands: list, show, check, preflight, cost, new, deploy, deployed, destroy, leftovers, watch-ttl, catalog, coverage (labs help)`);
    }
  } catch (error) {
    if (error instanceof UserError) {
      env.io.err(`labs: ${error.message}`);
      return error.exitCode;
    }
    throw error;
  }
}

