/**
 * One typed lab definition: what a lab is, what its stack declares, what it observes and which
 * catalog claims it checks. `labs/index.ts` lists every definition; the CDK app, the CLI, the docs
 * and the invariant suite read that list and nothing else.
 *
 * A definition loads no stack code: `stack` is imported on use, so printing a question, listing
 * claims or judging a recorded run never builds a CDK app.
 */
import type { Construct } from 'constructs';
import type { TopLevelSpec } from 'vega-lite';
import { ALL_QUESTION_IDS } from '../catalog/catalog';
import type { AwsClientConfig } from '../core/aws-config';
import type { OutputDeclarations } from '../core/outputs';
import type { LabStack, LabStackProps } from '../stack/lab-stack';
import type { TemplateJson } from '../template/json';
import type { Judgement } from './judgement';
import { chooseRegions, type LabRegions } from './lab-regions';

/** Reports a step of a long check (shown with the elapsed time). */
export type Progress = (message: string) => void;

/**
 * A command-line option a lab's live checks understand: a flag (`labs check <id> --analyzer`), or a
 * number with its range (`--rate=5`), which the CLI checks before any AWS call.
 */
export interface LiveOption {
  readonly name: string;
  readonly description: string;
  /** The option takes a number in this range (integers only unless `integer: false`). @default a flag, no value */
  readonly number?: { readonly min: number; readonly max: number; readonly default: number; readonly unit?: string; readonly integer?: boolean };
}

/** What an observation gets: where the lab runs, the outputs it declared, and how to call AWS. */
export interface ObserveContext<K extends string = string> {
  /** The lab id, which is also the stack name. */
  readonly labId: string;
  /** The outputs the observation declared, read from the deployed stack (all present). */
  readonly outputs: { readonly [N in K]: string };
  /** Region and credentials for every SDK client the observation creates. */
  readonly aws: AwsClientConfig;
  /** Options from the command line (`--analyzer`, `--rate=5`), without the dashes. */
  readonly options: Readonly<Record<string, string | boolean>>;
  /** Step-by-step progress for observations that wait. */
  readonly progress: Progress;
  /** Another observation of the same run, computed once and shared. */
  observe<T>(observation: Observation<T, any>): Promise<T>;
  /** Waits; tests replace it so that observations that poll run instantly. */
  sleep(ms: number): Promise<void>;
  /** The clock; tests replace it. */
  now(): number;
}

/**
 * Something a live run observes in AWS, once per run, shared by every check that judges it.
 *
 * The value must be plain JSON (no Date, Map or class instances: times as ISO strings or epoch
 * milliseconds), so a run can be recorded and judged again later without AWS.
 */
export interface Observation<T, K extends string = string> {
  /** Names the observation in progress lines and recorded runs; unique within its lab. */
  readonly name: string;
  /** The stack outputs it reads: the kit checks they exist before it runs. */
  readonly outputs: readonly K[];
  /** The other observations it reads through `ctx.observe`: only these are allowed. @default none */
  readonly uses?: readonly Observation<any, any>[];
  observe(ctx: ObserveContext<K>): Promise<T>;
}

/** A live check: a pure function of one observation. */
export interface LiveCheck<T = any> {
  readonly observation: Observation<T, any>;
  judge(observed: T): Judgement;
}

/** The checks of one catalog claim: always offline, live where AWS can show it. */
export interface ClaimCheck<F> {
  /** Evidence from the template that the lab is built to show the claim: a pure function of the lab's template facts. */
  readonly offline: (facts: F) => Judgement;
  readonly live?: LiveCheck;
}

/**
 * One plot of a recorded run's timeline for the HTML report: a Vega-Lite spec with its data
 * inline, built from the recorded observations. The lab maps its data; the kit renders the spec
 * to SVG (no browser, no network at view time).
 */
export interface TimelinePlot {
  readonly title: string;
  /** What the plot shows and how to read it, in a sentence or two. */
  readonly caption: string;
  readonly spec: TopLevelSpec;
}

/** The plots of a run, from its observed values by observation name (an observation that failed is absent). */
export type TimelinePlots = (observed: Readonly<Record<string, unknown>>) => TimelinePlot[];

/** A lab stack class, as `new Stack(scope, id, props)`. */
export type LabStackClass = new (scope: Construct, id: string, props?: LabStackProps) => LabStack;

/** One lab. */
export interface LabDefinition<F = any> {
  /** Kebab-case id; also the stack name and the value of the `lab` tag. */
  readonly id: string;
  /** One line: what the lab shows. */
  readonly title: string;
  /** How long `cdk deploy` takes, measured or estimated, e.g. `about 4 minutes`. */
  readonly deployTime: string;
  /** The most the lab may cost per hour deployed, in USD (0 for a lab of free services only); the offline checks hold it to this. */
  readonly hourlyBudgetUsd: number;
  /** Loads the lab's stack class (imported on use, so the definition stays light). */
  readonly stack: () => Promise<LabStackClass>;
  /** The stack's outputs, declared once; the stack gives each its value, observations name the ones they read. */
  readonly outputs: OutputDeclarations;
  /** What the offline checks read from the template, computed once per template. */
  readonly facts: (template: TemplateJson) => F;
  /** Catalog claim id → its checks. Which questions a lab covers is read from these ids. */
  readonly checks: { readonly [claimId: string]: ClaimCheck<F> };
  /** Options its live checks accept. */
  readonly liveOptions?: readonly LiveOption[];
  /**
   * The Regions its stack spans, for a lab that needs concrete Regions (a global table's replicas):
   * its stack is then bound to the primary Region, `labs deploy` refuses credentials of another,
   * and `labs leftovers` looks in every one. @default none: environment-agnostic, the credentials' Region
   */
  readonly regions?: LabRegions;
  /** Loads the plots of its timelines for `labs report --html` (imported on use). @default no plots */
  readonly timelines?: () => Promise<TimelinePlots>;
}

/**
 * Thrown by an observation the user asked not to run (an option such as `--skip-async`): the
 * checks that judge it are reported as skipped with this message, never as a pass.
 */
export class CheckSkipped extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CheckSkipped';
  }
}

const LAB_ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const CLAIM_ID = /^[BIAT]\d{1,2}\.[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * A lab definition, checked: a kebab-case id, claim ids of the catalog's form, at least one
 * claim, a budget of zero or more. The rest (claims present in the catalog, outputs used, observations
 * named once) is held by the invariant suite.
 */
export function defineLab<F>(lab: LabDefinition<F>): LabDefinition<F> {
  const problems: string[] = [];
  if (!LAB_ID.test(lab.id)) problems.push(`id: received ${JSON.stringify(lab.id)}; allowed: kebab-case (lowercase letters, digits, single hyphens)`);
  const ids = Object.keys(lab.checks);
  if (ids.length === 0) problems.push('checks: received none; allowed: one or more catalog claim ids');
  for (const id of ids) if (!CLAIM_ID.test(id)) problems.push(`checks: received claim id ${JSON.stringify(id)}; allowed: <question>.<kebab-slug>, e.g. B2.public-ip-reaches-internet`);
  if (!(lab.hourlyBudgetUsd >= 0) || !Number.isFinite(lab.hourlyBudgetUsd)) problems.push(`hourlyBudgetUsd: received ${lab.hourlyBudgetUsd}; allowed: zero or a positive number of USD`);
  if (lab.regions) {
    try {
      chooseRegions(lab.regions, lab.regions.default.join(','), 'regions.default');
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
  if (problems.length > 0) throw new Error(`lab ${lab.id}: ${problems.join('; ')}`);
  return lab;
}

/**
 * A typed factory for a lab's observations: `outputs` may name only the lab's declared outputs,
 * and `ctx.outputs` offers only the ones named.
 *
 * @example const observe = observationsOf(OUTPUTS); export const journey = observe({ name: 'journey', outputs: ['SourceQueueUrl'], observe: async (ctx) => ... });
 */
export function observationsOf<D extends OutputDeclarations>(_declarations: D) {
  return <T, K extends keyof D & string>(observation: Observation<T, K>): Observation<T, K> => observation;
}

/** A live check judging one observation. */
export function live<T>(observation: Observation<T, any>, judge: (observed: T) => Judgement): LiveCheck<T> {
  return { observation, judge };
}

/** The questions a lab covers (`B2` of `B2.public-ip-reaches-internet`), in seed order: B, I, A, then T. */
export function questionsOf(lab: Pick<LabDefinition, 'checks'>): string[] {
  const order = (q: string) => ALL_QUESTION_IDS.indexOf(q);
  return [...new Set(Object.keys(lab.checks).map((id) => id.split('.')[0]))].sort((a, b) => order(a) - order(b));
}

/** Every observation a lab's live checks need (those they judge and those these use), each once. */
export function observationsOfLab(lab: Pick<LabDefinition, 'checks'>): Observation<unknown, string>[] {
  const found = new Set<Observation<unknown, string>>();
  const visit = (o: Observation<unknown, string>) => {
    if (found.has(o)) return;
    found.add(o);
    for (const used of o.uses ?? []) visit(used);
  };
  for (const c of Object.values(lab.checks)) if (c.live) visit(c.live.observation);
  return [...found];
}
