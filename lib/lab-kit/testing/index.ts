/**
 * Helpers for tests of labs and checks. Imported by tests only, never by a lab or the CLI.
 */
import { buildLabStack, createLabApp } from '../app/lab-app';
import { outputTarget } from '../template/resources';
import type { TemplateJson } from '../template/json';
import { type Derived, deriveOutcome, type Judgement } from '../checks/judgement';
import type { LabDefinition, ObserveContext } from '../checks/lab-definition';
import { ObservationRun } from '../checks/runner';

/** Options of {@link synthLab}. */
export interface SynthLabOptions {
  /** Run cdk-nag (findings throw). @default false */
  readonly nag?: boolean;
  /** Run aws-cdk-lib's CloudFormation validation. @default unless CDK_VALIDATION=false (the jest setup turns it off) */
  readonly validation?: boolean;
  /** Context on top of cdk.json's. */
  readonly context?: Record<string, unknown>;
}

/** Synthesizes one lab as `cdk synth` would (cdk.json context) and returns its template. */
export async function synthLab(lab: LabDefinition, options: SynthLabOptions = {}): Promise<TemplateJson> {
  const app = createLabApp({ nag: options.nag ?? false, validation: options.validation, context: options.context });
  await buildLabStack(app, lab);
  return app.synth().getStackByName(lab.id).template as TemplateJson;
}

/** A deep copy of a template, for tests that mutate it to make a check fail. */
export function cloneTemplate(template: TemplateJson): any {
  return JSON.parse(JSON.stringify(template));
}

/** A copy of the template with one change: the case an offline check must fail on. */
export function mutatedCopy(template: TemplateJson, change: (copy: any) => void): TemplateJson {
  const copy = cloneTemplate(template);
  change(copy);
  return copy;
}

/** The logical id an output points at, or an error naming the output. */
export function outputLogicalId(template: TemplateJson, output: string): string {
  const id = outputTarget(template, output);
  if (!id) throw new Error(`no output ${output}`);
  return id;
}

/** A judgement and the outcome the kit derives from it. */
export type Judged = Derived & { readonly judgement: Judgement };

function judged(judgement: Judgement): Judged {
  return { ...deriveOutcome(judgement), judgement };
}

function checkOf(lab: LabDefinition, claimId: string) {
  const check = lab.checks[claimId];
  if (!check) throw new Error(`${lab.id} has no check for ${claimId}; its claims: ${Object.keys(lab.checks).join(', ')}`);
  return check;
}

/** A claim's offline check judged on a template, with its derived outcome. */
export function judgeOffline(lab: LabDefinition, claimId: string, template: TemplateJson): Judged {
  return judged(checkOf(lab, claimId).offline(lab.facts(template)));
}

/** A claim's live check judged on an observation, with its derived outcome. */
export function judgeLive(lab: LabDefinition, claimId: string, observed: unknown): Judged {
  const live = checkOf(lab, claimId).live;
  if (!live) throw new Error(`${lab.id} has no live check for ${claimId}`);
  return judged(live.judge(observed));
}

/** Options of {@link fakeObserveContext}. */
export interface FakeObserveOptions {
  readonly labId?: string;
  readonly outputs?: Readonly<Record<string, string>>;
  readonly options?: Readonly<Record<string, string | boolean>>;
  readonly region?: string;
  /** Where the fake clock starts. @default 2026-11-23T12:00:00Z */
  readonly startMs?: number;
}

/**
 * An ObserveContext for unit tests: instant sleep, a fake clock that sleep advances, recorded
 * progress, and `observe` that runs other observations once, as a real run does.
 */
export function fakeObserveContext(options: FakeObserveOptions = {}): ObserveContext<any> & { readonly progressLog: string[] } {
  let clock = options.startMs ?? Date.parse('2026-11-23T12:00:00Z');
  const progressLog: string[] = [];
  const base = {
    labId: options.labId ?? 'test-lab',
    outputs: options.outputs ?? {},
    aws: { region: options.region ?? 'us-east-1' },
    options: options.options ?? {},
    progress: (message: string) => void progressLog.push(message),
    sleep: async (ms: number) => {
      clock += ms;
    },
    now: () => clock,
  };
  const run = new ObservationRun(base);
  return { ...base, observe: (o) => run.observe(o), progressLog };
}

/**
 * A lab's offline failing cases (`labs/<id>/test/offline-cases.ts`): claim id → the template
 * mutation that must make its offline check fail. The invariant suite requires one per claim.
 */
export type OfflineCases = Readonly<Record<string, (template: any) => void>>;
