import { coverage, indexClaims, isQuestionId, labsChecking, ALL_QUESTION_IDS } from '../catalog/catalog';
import type { CatalogClaim, CatalogEntry } from '../catalog/model';
import { questionsOf, type LabDefinition, type LiveOption } from '../checks/lab-definition';
import { GUARDRAILS } from '../checks/guardrails';
import { type CheckResult, type ClaimLookup, countOutcomes, exitCodeOf, type LiveRun, type RecordedObservation, runLiveChecks, runOfflineChecks } from '../checks/runner';
import { readStackOutputs } from '../checks/stack-outputs';
import { defaultAwsConfig } from '../core/aws-config';
import { blockPublicAccessWarning, usesInternetGateway } from '../operations/block-public-access';
import { describeAwsError } from '../core/aws-errors';
import { AZS_CONTEXT_KEY } from '../core/project';
import { EXIT, EXIT_CODES, UserError } from '../core/errors';
import { catalogRows } from '../docs/catalog-markdown';
import { preflight, readAllowlist } from '../operations/preflight';
import { DEFAULT_TTL, formatTtl } from '../stack/ttl';
import { type CommandSpec, type LabOption, type OptionSpec, optionForm, type ParsedArgs, parseCommand, usageOf } from './args';
import { type CliEnv, findLab, priceOf, selectLabs, styleOf, suggestion } from './context';
import { elapsed, formatCounts, formatReport, paint, summaryTable, table, usd, wrap } from './format';
import { azsOption, checkToolkitStackName, deployCommand, deployedCommand, destroyCommand, diffCommand, ingressCidrOption, leftoversCommand, placementOrRefuse, ttlOption, watchTtlCommand, WITHOUT_LABS } from './operate';
import { DEFAULT_RUNS_DIR, RECORD_OPTIONS, recordedLine, runRecordOf, writeRunRecord } from './record';
import { reportCommand } from './report';
import { newLabCommand } from './scaffold';
import { synthLabTemplate } from './synth';

export type { CliEnv, CliIo } from './context';

const json: OptionSpec = { type: 'boolean', description: 'print JSON instead of text' };
const yes: OptionSpec = { type: 'boolean', description: 'do not ask for confirmation (needed without a terminal)' };

/** A lab's live option as the parser reads it: a flag, or a number checked against its declared range. */
export function liveOptionSpec(o: LiveOption): OptionSpec {
  const n = o.number;
  if (!n) return { type: 'boolean', description: o.description };
  const integer = n.integer ?? true;
  return {
    type: 'string',
    value: '<n>',
    description: `${o.description} (${n.min} to ${n.max}${n.unit ? ` ${n.unit}` : ''}, default ${n.default})`,
    check: (value) => {
      const v = Number(value);
      const ok = (integer ? /^\d+$/ : /^\d+(\.\d+)?$/).test(value) && v >= n.min && v <= n.max;
      if (!ok) throw new UserError(`--${o.name}: received ${JSON.stringify(value)}; allowed: ${integer ? 'an integer' : 'a number'} from ${n.min} to ${n.max}${n.unit ? ` ${n.unit}` : ''}`);
    },
  };
}

function labOptions(env: CliEnv): LabOption[] {
  return env.labs.flatMap((l) => (l.liveOptions ?? []).map((o) => ({ lab: l.id, name: o.name, spec: liveOptionSpec(o) })));
}

const checkLab = (env: CliEnv, positionals: readonly string[]) => {
  if (positionals[0] !== undefined) findLab(env.labs, positionals[0]);
};

// ---------------------------------------------------------------- list, show, catalog, coverage

async function list(env: CliEnv, args: ParsedArgs): Promise<number> {
  const rows = [];
  for (const lab of env.labs) {
    const cost = await priceOf(lab);
    rows.push({ id: lab.id, title: lab.title, questions: questionsOf(lab), hourlyUsd: Number(cost.hourly.toFixed(4)), dailyUsd: Number(cost.daily.toFixed(4)), deployTime: lab.deployTime, claims: Object.keys(lab.checks).length });
  }
  if (args.flags.json) {
    env.io.out(JSON.stringify({ labs: rows }, null, 2));
    return 0;
  }
  const style = styleOf(env);
  env.io.out(table(rows.map((r) => [r.id, r.questions.join(' '), usd(r.hourlyUsd), String(r.claims), r.title]), ['LAB', 'QUESTIONS', '$/HOUR', 'CLAIMS', 'TITLE'], style.width));
  env.io.out(wrap(`\nPrices: us-east-1 on-demand, idle. Every lab deletes itself ${formatTtl(DEFAULT_TTL)} after its last deploy (labs deploy --ttl=<duration>). More: npx labs show <lab>`, style.width, 0));
  return 0;
}

/** How to see a claim for yourself: the commands of each lab that checks it. */
function howToCheck(claimId: string, env: CliEnv): string[] {
  return labsChecking(claimId, env.labs).map((r) =>
    r.live ? `npx labs deploy ${r.lab} && npx labs check ${r.lab} --claim=${claimId}` : `npx labs check --offline ${r.lab}   (offline only)`,
  );
}

function claimJson(env: CliEnv, c: CatalogClaim) {
  return { ...c, labs: labsChecking(c.id, env.labs), howToCheck: howToCheck(c.id, env) };
}

function claimLines(env: CliEnv, c: CatalogClaim, indent: string): string[] {
  const out = [`${indent}seed says: ${c.says}`, `${indent}truth:     ${c.truth}${c.changed ? ` (changed ${c.changed})` : ''}`];
  for (const s of c.sources) out.push(`${indent}source:    ${s.title} <${s.url}>`);
  const how = howToCheck(c.id, env);
  for (const h of how) out.push(`${indent}check it:  ${h}`);
  if (how.length === 0 && c.planned) out.push(`${indent}check it:  planned for lab ${c.planned.lab}: ${c.planned.note}`);
  if (how.length === 0 && c.conceptual) out.push(`${indent}conceptual: ${c.conceptual}`);
  return out;
}

function showQuestion(env: CliEnv, entry: CatalogEntry): string[] {
  const out = [`${entry.id} (${entry.level}, ${entry.topic}): ${entry.question}`, ''];
  entry.claims.forEach((c, i) => {
    out.push(`${i + 1}. ${c.id} [${c.verdict}${c.changed ? `, changed ${c.changed}` : ''}] the seed says: ${c.says}`);
    out.push(...claimLines(env, c, '   ').slice(1).map((l) => l.replace(/^(\s+)(truth|source|check it|conceptual):\s+/, '$1$2: ')));
    out.push('');
  });
  return out;
}

function showClaim(env: CliEnv, claim: CatalogClaim, entry: CatalogEntry): string[] {
  return [`${claim.id} [${claim.verdict}${claim.changed ? `, changed ${claim.changed}` : ''}]`, `question ${entry.id} (${entry.level}, ${entry.topic}): ${entry.question}`, ...claimLines(env, claim, '  ')];
}

async function showLab(env: CliEnv, lab: LabDefinition): Promise<{ lines: string[]; json: object }> {
  const cost = await priceOf(lab);
  const claims = indexClaims(env.catalog);
  const rows = Object.entries(lab.checks).map(([claimId, check]) => ({ claimId, claim: claims.get(claimId)?.claim, live: Boolean(check.live) }));
  const options = lab.liveOptions ?? [];
  const first = rows[0]?.claimId;
  const lines = [
    `${lab.id}: ${lab.title}`,
    `questions ${questionsOf(lab).join(', ')}; ${usd(cost.hourly)}/hour, ${usd(cost.daily)}/day (dominated by ${cost.dominant?.what ?? 'nothing'}); deploy ${lab.deployTime}`,
    '',
    table(rows.map((r) => [r.claimId, `${r.claim?.verdict ?? 'not in the catalog'}${r.claim?.changed ? ` (changed ${r.claim.changed})` : ''}`, r.live ? 'live' : 'offline only']), ['CLAIM', 'SEED VERDICT', 'CHECKED']),
    '',
    `Each claim in full (seed, truth, sources): npx labs show <claim-id>${first ? `, e.g. npx labs show ${first}` : ''}`,
    '',
    'Try it:',
    `  npx labs check --offline ${lab.id}`,
    `  npx labs deploy ${lab.id}      preflight, AZ check, price and TTL, confirm, cdk deploy, outputs in .labs/`,
    `  npx labs check ${lab.id}${options.map((o) => ` [${optionForm(o.name, liveOptionSpec(o))}]`).join('')}`,
    ...options.map((o) => `      ${optionForm(o.name, liveOptionSpec(o))}: ${o.description}`),
    `  npx labs destroy ${lab.id}     cdk destroy, then a scan for leftovers`,
    `(${WITHOUT_LABS})`,
  ];
  const json = {
    lab: { id: lab.id, title: lab.title, questions: questionsOf(lab), hourlyUsd: Number(cost.hourly.toFixed(4)), dailyUsd: Number(cost.daily.toFixed(4)), deployTime: lab.deployTime, liveOptions: options.map((o) => ({ name: o.name, form: optionForm(o.name, liveOptionSpec(o)), description: o.description })) },
    claims: rows.map((r) => ({ id: r.claimId, live: r.live, ...(r.claim ? { verdict: r.claim.verdict, says: r.claim.says, truth: r.claim.truth, changed: r.claim.changed, sources: r.claim.sources } : {}) })),
  };
  return { lines, json };
}

type Shown = { kind: 'lab'; lab: LabDefinition } | { kind: 'question'; entry: CatalogEntry } | { kind: 'claim'; claim: CatalogClaim; entry: CatalogEntry };

/** What `labs show <id>` shows: a lab, a question (B2, b2) or a claim (B2.public-ip-reaches-internet). */
function resolveShown(env: CliEnv, id: string): Shown {
  const lab = env.labs.find((l) => l.id === id);
  if (lab) return { kind: 'lab', lab };
  const entry = env.catalog.find((e) => e.id === id.toUpperCase());
  if (entry) return { kind: 'question', entry };
  const claims = indexClaims(env.catalog);
  const dot = id.indexOf('.');
  const claimId = dot > 0 ? `${id.slice(0, dot).toUpperCase()}${id.slice(dot)}` : id;
  const claim = claims.get(claimId);
  if (claim) return { kind: 'claim', ...claim };
  if (isQuestionId(id)) throw new UserError(`question ${id} is not in the catalog`);
  if (dot > 0) throw new UserError(`unknown claim ${JSON.stringify(id)}${suggestion(claimId, [...claims.keys()])}; \`labs show ${id.slice(0, dot).toUpperCase()}\` lists the claims of a question`);
  throw new UserError(
    `unknown lab or question ${JSON.stringify(id)}${suggestion(id, [...env.labs.map((l) => l.id), ...ALL_QUESTION_IDS])}; labs: ${env.labs.map((l) => l.id).join(', ')}; questions: B1–B25, I1–I50, A1–A50, T1–T10`,
  );
}

async function show(env: CliEnv, args: ParsedArgs): Promise<number> {
  const shown = args.positionals.map((id) => resolveShown(env, id));
  const texts: string[] = [];
  const jsons: object[] = [];
  for (const s of shown) {
    if (s.kind === 'lab') {
      const { lines, json: j } = await showLab(env, s.lab);
      texts.push(lines.join('\n'));
      jsons.push(j);
    } else if (s.kind === 'question') {
      texts.push(showQuestion(env, s.entry).join('\n').trimEnd());
      jsons.push({ question: { ...s.entry, claims: s.entry.claims.map((c) => claimJson(env, c)) } });
    } else {
      texts.push(showClaim(env, s.claim, s.entry).join('\n'));
      jsons.push({ claim: { ...claimJson(env, s.claim), question: s.entry.id } });
    }
  }
  if (args.flags.json) env.io.out(JSON.stringify(jsons.length === 1 ? jsons[0] : jsons, null, 2));
  else env.io.out(wrap(texts.join('\n\n'), styleOf(env).width, 4));
  return 0;
}

function catalogCommand(env: CliEnv, args: ParsedArgs): number {
  const rows = catalogRows(env.catalog, env.labs);
  if (args.flags.json) env.io.out(JSON.stringify({ questions: rows }, null, 2));
  else {
    const settled = (r: (typeof rows)[number]) => (r.labs.length > 0 ? `${r.settledBy}: ${r.labs.join(' ')}` : r.planned.length > 0 ? `planned: ${r.planned.join(' ')}` : r.settledBy);
    const verdicts = (r: (typeof rows)[number]) => (['holds', 'oversimplified', 'outdated', 'wrong'] as const).map((v) => [v, r.verdicts.filter((x) => x === v).length] as const).filter(([, n]) => n > 0).map(([v, n]) => `${n} ${v}`).join(', ');
    env.io.out(table(rows.map((r) => [r.id, r.level, r.topic, `${settled(r)}; claims: ${verdicts(r)}`]), ['ID', 'LEVEL', 'TOPIC', 'SETTLED BY; CLAIMS BY VERDICT'], styleOf(env).width));
  }
  return 0;
}

function coverageCommand(env: CliEnv, args: ParsedArgs): number {
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

// ---------------------------------------------------------------- check

interface ReportBlock {
  readonly lab: string;
  readonly mode: string;
  readonly results: readonly CheckResult[];
  readonly observations?: readonly RecordedObservation[];
  readonly error?: string;
  readonly durationMs: number;
}

function exitOf(blocks: readonly ReportBlock[]): number {
  const code = exitCodeOf(blocks.flatMap((b) => b.results));
  return code === 0 && blocks.some((b) => b.error) ? EXIT.checkError : code;
}

/** A lab's block of the report; offline, a passing check shows its claim and verdict line only (the evidence is in --json). */
function blockText(env: CliEnv, b: ReportBlock, evidence: 'all' | 'problems' = 'all'): string {
  const style = styleOf(env);
  const title = `${b.lab} (${b.mode}, ${elapsed(b.durationMs)})`;
  return b.error ? `${paint(style, 'bold', title)}\n${wrap(`  ${paint(style, 'magenta', 'ERROR')} synth failed: ${b.error}`, style.width, 4)}` : formatReport(title, b.results, style, evidence);
}

function closing(env: CliEnv, blocks: readonly ReportBlock[], jsonOut: boolean): number {
  const results = blocks.flatMap((b) => b.results);
  const synthErrors = blocks.filter((b) => b.error).length;
  if (jsonOut) env.io.out(JSON.stringify({ labs: blocks, summary: { ...countOutcomes(results), synthErrors } }, null, 2));
  else {
    if (blocks.length > 1) env.io.out(`\n${summaryTable(blocks.map((b) => ({ lab: b.lab, results: b.results, error: b.error, ms: b.durationMs })), styleOf(env))}`);
    env.io.out(`\n${formatCounts(results)}${synthErrors ? `; ${synthErrors} lab(s) did not synthesize` : ''}`);
  }
  return exitOf(blocks);
}

async function checkOffline(env: CliEnv, args: ParsedArgs): Promise<number> {
  if (args.flags.record !== undefined || args.flags['keep-account'] !== undefined) throw new UserError('--record records a live run (labs check <lab-id> --record); --offline runs nothing to record');
  const blocks: ReportBlock[] = [];
  const claims = verdictLookup(env);
  const labs = selectLabs(env.labs, args.positionals[0]);
  const now = env.now ?? Date.now;
  const jsonOut = args.flags.json === true;
  for (const [i, lab] of labs.entries()) {
    env.io.status?.(`[${i + 1}/${labs.length}] ${lab.id}: synthesizing with CloudFormation validation and cdk-nag, then the offline checks...`);
    const started = now();
    const synth = await synthLabTemplate(lab, true);
    const block: ReportBlock = synth.ok
      ? { lab: lab.id, mode: 'offline: CloudFormation validation and cdk-nag passed', results: runOfflineChecks(lab, synth.template, claims, GUARDRAILS), durationMs: now() - started }
      : { lab: lab.id, mode: 'offline', results: [], error: synth.error, durationMs: now() - started };
    env.io.status?.('');
    blocks.push(block);
    if (!jsonOut) env.io.out(`${i > 0 ? '\n' : ''}${blockText(env, block, 'problems')}`);
  }
  return closing(env, blocks, jsonOut);
}

function verdictLookup(env: CliEnv): ClaimLookup {
  const claims = indexClaims(env.catalog);
  return (id) => claims.get(id)?.claim;
}

/** `--claim=a,b`: each must be a claim of the lab (checked before any AWS call). */
function claimsOption(lab: LabDefinition, value: string | boolean | undefined): string[] | undefined {
  if (typeof value !== 'string') return undefined;
  const only = value.split(',').map((s) => s.trim()).filter(Boolean);
  const known = Object.keys(lab.checks);
  const unknown = only.filter((id) => !known.includes(id));
  if (unknown.length > 0 || only.length === 0) {
    throw new UserError(`unknown claim ${unknown.join(', ') || JSON.stringify(value)}${suggestion(unknown[0] ?? '', known)}; claims of ${lab.id}: ${known.join(', ')}`);
  }
  return only;
}

async function checkLive(env: CliEnv, args: ParsedArgs): Promise<number> {
  if (args.flags.claim !== undefined && args.positionals[0] === undefined) throw new UserError('--claim needs a lab: labs check <lab-id> --claim=<id>');
  const lab = findLab(env.labs, args.positionals[0]);
  if (args.flags.claim !== undefined && args.flags.offline) throw new UserError('--claim is for live checks; --offline runs every offline check of the lab');
  if (args.flags['keep-account'] !== undefined && args.flags.record === undefined) throw new UserError('--keep-account is for --record: labs check <lab-id> --record --keep-account');
  const only = claimsOption(lab, args.flags.claim);
  const optionNames = (lab.liveOptions ?? []).map((o) => o.name);
  const aws = env.aws ?? defaultAwsConfig();
  const identity = await preflight(aws, readAllowlist());
  const now = env.now ?? Date.now;
  const started = now();
  const progress = (message: string) => env.io.err(`[${String(Math.round((now() - started) / 1000)).padStart(4)} s] ${message}`);
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
    now,
  };
  const { results, observations } = await runLiveChecks(lab, run, verdictLookup(env), only);
  const block: ReportBlock = { lab: lab.id, mode: `live, ${identity.region}`, results, observations, durationMs: now() - started };
  if (!args.flags.json) env.io.out(blockText(env, block));
  if (args.flags.record !== undefined) {
    const finished = { lab: lab.id, aws: awsInRegion, account: identity.account, region: identity.region, startedAtMs: started, endedAtMs: now(), options, onlyClaims: only, observations, results };
    const record = await runRecordOf(finished, args.flags['keep-account'] === true);
    const file = writeRunRecord(record, typeof args.flags.record === 'string' ? args.flags.record : DEFAULT_RUNS_DIR, started);
    (args.flags.json ? env.io.err : env.io.out)(recordedLine(file, record));
  }
  return closing(env, [block], args.flags.json === true);
}

// ---------------------------------------------------------------- preflight, cost

async function preflightCommand(env: CliEnv, args: ParsedArgs): Promise<number> {
  const lab = args.positionals[0] === undefined ? undefined : findLab(env.labs, args.positionals[0]);
  const azs = args.flags.azs === undefined ? undefined : azsOption(args.flags.azs);
  const aws = env.aws ?? defaultAwsConfig();
  const identity = await preflight(aws, readAllowlist());
  // With a lab: will the AZs it lands in offer its instance types and DB classes? (refuses naming a working --azs)
  let placement: string | undefined;
  let blocked: string | undefined;
  if (lab) {
    const synth = await synthLabTemplate(lab, false, azs ? { [AZS_CONTEXT_KEY]: azs.join(',') } : undefined);
    if (!synth.ok) throw new UserError(`lab ${lab.id} does not synthesize: ${synth.error}`, EXIT.checkError);
    placement = await placementOrRefuse(env, lab.id, { ...aws, region: identity.region }, synth.template);
    if (usesInternetGateway(synth.template)) blocked = await blockPublicAccessWarning({ ...aws, region: identity.region });
  }
  if (args.flags.json) env.io.out(JSON.stringify({ ...identity, allowed: true, ...(placement ? { placement } : {}), ...(blocked ? { warning: blocked } : {}) }, null, 2));
  else env.io.out(`account ${identity.account}\narn     ${identity.arn}\nregion  ${identity.region}\nallowed yes: labs may be deployed and checked here${placement ? `\n${lab!.id}: ${placement}` : ''}${blocked ? `\nwarning: ${blocked}` : ''}`);
  return 0;
}

async function cost(env: CliEnv, args: ParsedArgs): Promise<number> {
  const estimates = [];
  for (const lab of selectLabs(env.labs, args.positionals[0])) estimates.push({ lab: lab.id, budgetUsd: lab.hourlyBudgetUsd, ...(await priceOf(lab)) });
  if (args.flags.json) {
    env.io.out(JSON.stringify({ labs: estimates }, null, 2));
    return 0;
  }
  const width = styleOf(env).width;
  for (const e of estimates) {
    env.io.out(`${e.lab}: ${usd(e.hourly)}/hour, ${usd(e.daily)}/day (budget ${usd(e.budgetUsd)}/hour)`);
    if (e.dominant) env.io.out(`  dominated by ${e.dominant.what}: ${usd(e.dominant.hourly)}/hour, ${Math.round(e.dominant.share * 100)} %`);
    env.io.out(table(e.items.map((i) => ['  ' + i.logicalId, i.what, usd(i.hourly)])));
    for (const n of e.notes) env.io.out(wrap(`  note: ${n}`, width, 4));
    env.io.out('');
  }
  return 0;
}

// ---------------------------------------------------------------- the command table

const labId = '<lab-id>';

/** Every command: name, usage, summary, options with their types and value forms, and what runs. */
export const COMMANDS: readonly CommandSpec[] = [
  { name: 'list', positionals: { min: 0, max: 0 }, summary: 'labs, questions covered, cost per hour', options: { json }, run: list },
  {
    name: 'show',
    args: '<lab-id|question-id|claim-id>...',
    positionals: { min: 1, max: Infinity },
    summary: 'a lab (claims, price, how to run it), a seed question (B2), or one claim (B2.public-ip-reaches-internet)',
    options: { json },
    checkPositionals: (env, ids) => void ids.forEach((id) => resolveShown(env, id)),
    run: show,
  },
  { name: 'catalog', positionals: { min: 0, max: 0 }, summary: 'every seed question: level, topic, verdicts, what settles it (or the lab planned to)', options: { json }, run: catalogCommand },
  { name: 'coverage', positionals: { min: 0, max: 0 }, summary: 'how many questions are settled live, offline, planned, conceptual', options: { json }, run: coverageCommand },
  {
    name: 'check',
    args: '[lab-id]',
    positionals: { min: 0, max: 1 },
    summary: 'with --offline: synthesize (CloudFormation validation + cdk-nag) and run the offline checks; without: observe the deployed lab in AWS',
    details: ['Without --offline it needs a lab, credentials, an allowed account, and the lab deployed (labs deploy <lab-id>).', 'Exit code: the worst outcome (fail 1, then error 3, then inconclusive 4); 0 when all passed or were skipped.'],
    options: {
      offline: { type: 'boolean', description: 'no AWS: synthesize every lab (or the one named) and run the offline checks' },
      json,
      claim: { type: 'string', value: '<claim-id>[,<claim-id>...]', description: "live: check only these claims of the lab (labs show <lab-id> lists them)" },
      ...RECORD_OPTIONS,
    },
    labOptions,
    checkPositionals: checkLab,
    run: (env, args) => (args.flags.offline ? checkOffline(env, args) : checkLive(env, args)),
  },
  {
    name: 'report',
    args: '<run.json>',
    positionals: { min: 1, max: 1 },
    summary: 'judge a recorded run (labs check <lab> --record) again with today\'s checks, offline, and say where today\'s verdict differs',
    details: ['No AWS: the checks are judged on the recorded observations. Exit code: today\'s worst outcome, as labs check (fail 1, error 3, inconclusive 4); 2 for a missing, unreadable or unknown run file.'],
    options: { json, html: { type: 'string', value: '<file.html>', description: 'also write the report as one self-contained HTML page: claims, outcomes, figures and a plot per timeline (inline SVG, no network at view time)' } },
    run: reportCommand,
  },
  {
    name: 'preflight',
    args: '[lab-id]',
    positionals: { min: 0, max: 1 },
    summary: 'who am I (STS), which account and region, allowed? With a lab: do its AZs offer its instance types and DB classes?',
    options: { json, azs: { type: 'string', value: '<az>,<az>[,...]', description: 'the Availability Zones to check instead of the first ones Fn::GetAZs returns', check: (v) => void azsOption(v) } },
    checkPositionals: checkLab,
    run: preflightCommand,
  },
  { name: 'cost', args: '[lab-id]', positionals: { min: 0, max: 1 }, summary: "price a lab's template per hour and per day (us-east-1, idle)", options: { json }, checkPositionals: checkLab, run: cost },
  {
    name: 'deploy',
    args: labId,
    positionals: { min: 1, max: 1 },
    summary: 'preflight, bootstrap and AZ checks, price and TTL, confirm, cdk deploy, outputs in .labs/<lab-id>.outputs.json',
    details: ['Every labs deploy restarts the TTL. Plain `npx cdk deploy <lab-id>` works too, but skips preflight, the bootstrap and AZ checks, the price, the question, the TTL restart and the outputs file.'],
    options: {
      ttl: { type: 'string', value: '<duration>', description: `delete the lab this long after the deploy: 30m to 72h, e.g. 90m, 2h30m (default ${formatTtl(DEFAULT_TTL)})`, check: (v) => void ttlOption(v) },
      azs: { type: 'string', value: '<az>,<az>[,...]', description: 'Availability Zones to use, e.g. us-east-1b,us-east-1c (default: the first ones Fn::GetAZs returns)', check: (v) => void azsOption(v) },
      'ingress-cidr': { type: 'string', value: '<ipv4-cidr>', description: "the one CIDR a lab's public endpoint admits, e.g. 203.0.113.7/32 (default 0.0.0.0/0)", check: (v) => void ingressCidrOption(v) },
      'toolkit-stack-name': { type: 'string', value: '<stack-name>', description: "the bootstrap stack, when not CDKToolkit (or cdk.json's toolkitStackName)", check: checkToolkitStackName },
      regions: { type: 'string', value: '<region>,<region>[,...]', description: 'for a lab that spans Regions (a global table): its Regions, the primary first (default: cdk.json\'s labs:regions, else the lab\'s own)' },
      yes,
    },
    checkPositionals: checkLab,
    run: deployCommand,
  },
  { name: 'diff', args: labId, positionals: { min: 1, max: 1 }, summary: 'preflight, then cdk diff: what a deploy would change', options: { regions: { type: 'string', value: '<region>,<region>[,...]', description: 'for a lab that spans Regions (a global table): its Regions, the primary first (default: cdk.json\'s labs:regions, else the lab\'s own)' }, }, checkPositionals: checkLab, run: diffCommand },
  { name: 'deployed', positionals: { min: 0, max: 0 }, summary: 'lab stacks in this account and region: age, time left, cost so far', options: { json }, run: deployedCommand },
  { name: 'destroy', args: labId, positionals: { min: 1, max: 1 }, summary: 'cdk destroy, then look for anything the lab left behind (in every Region the lab spans)', options: { yes, regions: { type: 'string', value: '<region>,<region>[,...]', description: 'for a lab that spans Regions (a global table): its Regions, the primary first (default: cdk.json\'s labs:regions, else the lab\'s own)' }, }, checkPositionals: checkLab, run: destroyCommand },
  { name: 'leftovers', args: '[lab-id]', positionals: { min: 0, max: 1 }, summary: 'resources still tagged lab=..., orphaned log groups, volumes, IPs, snapshots (exit 1 when any)', options: { json, regions: { type: 'string', value: '<region>,<region>[,...]', description: "with a lab that spans Regions: the Regions to search when its stack is not deployed here (default: the deployed stack's, else cdk.json's labs:regions, else the lab's own)" } }, checkPositionals: checkLab, run: leftoversCommand },
  { name: 'watch-ttl', args: labId, positionals: { min: 1, max: 1 }, summary: "wait for a lab's self-destruct and measure when it happened (deploy with --ttl=30m first)", options: {}, checkPositionals: checkLab, run: watchTtlCommand },
  {
    name: 'new',
    args: labId,
    positionals: { min: 1, max: 1 },
    summary: "scaffold a lab for these questions' catalog claims",
    options: { questions: { type: 'string', value: '<question-id>[,<question-id>...]', description: 'the seed questions whose claims the lab takes, e.g. B6,I10' } },
    run: newLabCommand,
  },
  {
    name: 'help',
    args: '[command]',
    positionals: { min: 0, max: 1 },
    summary: 'this overview, or one command with every option',
    options: {},
    checkPositionals: (_env, [name]) => void (name === undefined || commandNamed(name)),
    run: (env, args) => {
      env.io.out(args.positionals[0] ? commandHelp(commandNamed(args.positionals[0]), env) : overview(env));
      return 0;
    },
  },
];

function commandNamed(name: string): CommandSpec {
  const spec = COMMANDS.find((c) => c.name === name);
  if (!spec) {
    throw new UserError(`unknown command ${JSON.stringify(name)}${suggestion(name, COMMANDS.map((c) => c.name))}; commands: ${COMMANDS.map((c) => c.name).join(', ')} (labs help)`);
  }
  return spec;
}

/** `labs help`: every command in one line, the outcomes and every exit code. */
export function overview(env: CliEnv): string {
  const width = styleOf(env).width;
  const usages = COMMANDS.map((c) => [`  ${usageOf(c)}`, c.summary]);
  return [
    'labs: AWS interview claims, checked on real infrastructure',
    '',
    table(usages, undefined, width),
    '',
    wrap('Every option of a command: labs help <command> (or labs <command> --help).', width, 0),
    '',
    wrap(
      'Outcomes: PASS (AWS behaved as the truth says; only then does a line say the seed is confirmed or refuted), FAIL (it did not: the expectation is named), INCONCLUSIVE (the run did not exercise the behaviour), ERROR (the check could not run), SKIP.',
      width,
      0,
    ),
    '',
    'Exit codes:',
    table(EXIT_CODES.map((e) => [`  ${e.code}`, e.meaning]), undefined, width),
    '',
    wrap(`Deploy with \`npx labs deploy <lab-id>\` and remove with \`npx labs destroy <lab-id>\`; every lab deletes itself after its TTL (--ttl=${formatTtl(DEFAULT_TTL)}). ${WITHOUT_LABS}.`, width, 0),
  ].join('\n');
}

/** `labs help <command>`: its usage, what it does, and every option with its value form. */
export function commandHelp(spec: CommandSpec, env: CliEnv): string {
  const width = styleOf(env).width;
  const options = Object.entries(spec.options).map(([name, o]) => [`  ${optionForm(name, o)}`, o.description]);
  options.push(['  --help, -h', 'this help']);
  const lines = [`usage: ${usageOf(spec)}${Object.keys(spec.options).length > 0 ? ' [options]' : ''}`, '', wrap(spec.summary, width, 0)];
  for (const d of spec.details ?? []) lines.push(wrap(d, width, 0));
  lines.push('', 'Options:', table(options, undefined, width));
  const own = spec.labOptions?.(env) ?? [];
  if (own.length > 0) {
    lines.push('', "Each lab's own options (live checks only):");
    lines.push(table(own.map((o) => [`  ${o.lab} ${optionForm(o.name, o.spec)}`, o.spec.description]), undefined, width));
  }
  return lines.join('\n');
}

/**
 * Runs one command line; returns the exit code. User errors, and the usual AWS troubles (network,
 * credentials, access, throttling), print one line, never a stack trace, with their exit code.
 */
export async function runCli(argv: readonly string[], env: CliEnv): Promise<number> {
  try {
    const [name, ...rest] = argv;
    if (name === undefined || name === '--help' || name === '-h') {
      env.io.out(overview(env));
      return name === undefined ? EXIT.badInput : 0;
    }
    if (name.startsWith('-')) throw new UserError(`name a command before the options (labs <command> ${name}); commands: ${COMMANDS.map((c) => c.name).join(', ')} (labs help)`);
    const spec = commandNamed(name);
    if (rest.includes('--help') || rest.includes('-h')) {
      env.io.out(commandHelp(spec, env));
      return 0;
    }
    return await spec.run(env, parseCommand(spec, rest, env));
  } catch (error) {
    const explained = describeAwsError(error, { profile: process.env.AWS_ACCESS_KEY_ID ? undefined : process.env.AWS_PROFILE });
    if (explained) {
      env.io.status?.('');
      env.io.err(`labs: ${explained.message}`);
      return explained.exitCode;
    }
    throw error;
  }
}
