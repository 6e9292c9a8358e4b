/**
 * Helpers for tests of labs and checks. Imported by tests only, never by a lab or the CLI.
 */
import type { Claim, LiveContext, TemplateJson } from './claim';
import type { LabDefinition } from './lab-definition';
import { buildLabStack, createLabApp } from '../app/lab-app';
import { createMemo } from './runner';
import { outputTarget } from '../template/resources';

/** Options of {@link synthLab}. */
export interface SynthLabOptions {
  /** Run cdk-nag (findings throw). @default false */
  readonly nag?: boolean;
  /** Context on top of cdk.json's. */
  readonly context?: Record<string, unknown>;
}

/** Synthesizes one lab as `cdk synth` would (cdk.json context) and returns its template. */
export function synthLab(lab: LabDefinition, options: SynthLabOptions = {}): TemplateJson {
  const app = createLabApp({ nag: options.nag ?? false, context: options.context });
  buildLabStack(app, lab);
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

/** A lab's claim by id; with `live`, one that has a live check. */
export function claimOf(lab: LabDefinition, id: string, options: { live?: boolean } = {}): Claim {
  const found = lab.claims.find((c) => c.id === id);
  if (!found || (options.live && !found.live)) throw new Error(`${lab.id} has no ${options.live ? 'live check' : 'claim'} ${id}`);
  return found;
}

/** The logical id an output points at, or an error naming the output. */
export function outputLogicalId(template: TemplateJson, output: string): string {
  const id = outputTarget(template, output);
  if (!id) throw new Error(`no output ${output}`);
  return id;
}

/** A LiveContext for unit tests: instant sleep, a fake clock that sleep advances, recorded progress. */
export function fakeLiveContext(
  overrides: Partial<Omit<LiveContext, 'memo' | 'sleep' | 'now' | 'progress'>> & { startMs?: number } = {},
): LiveContext & { readonly progressLog: string[] } {
  let clock = overrides.startMs ?? Date.parse('2026-11-23T12:00:00Z');
  const progressLog: string[] = [];
  return {
    labId: overrides.labId ?? 'test-lab',
    outputs: overrides.outputs ?? {},
    aws: overrides.aws ?? { region: 'us-east-1' },
    options: overrides.options ?? {},
    progress: (message: string) => progressLog.push(message),
    memo: createMemo(),
    sleep: async (ms: number) => {
      clock += ms;
    },
    now: () => clock,
    progressLog,
  };
}
