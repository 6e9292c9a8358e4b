/**
 * Helpers for tests of labs and checks. Imported by tests only, never by a lab or the CLI.
 */
import type { LiveContext, TemplateJson } from './claim';
import type { LabDefinition } from './lab-definition';
import { createLabApp } from './lab-app';
import { createMemo } from './runner';

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
  new lab.stack(app, lab.id);
  return app.synth().getStackByName(lab.id).template as TemplateJson;
}

/** A deep copy of a template, for tests that mutate it to make a check fail. */
export function cloneTemplate(template: TemplateJson): any {
  return JSON.parse(JSON.stringify(template));
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
