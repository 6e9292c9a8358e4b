import type { TemplateJson } from '../checks/claim';
import { buildLabStack, createLabApp } from '../app/lab-app';
import type { LabDefinition } from '../checks/lab-definition';

/** A lab's template, or why it could not be synthesized. */
export type SynthOutcome = { readonly ok: true; readonly template: TemplateJson } | { readonly ok: false; readonly error: string };

/**
 * Synthesizes one lab in an app of its own, so a finding in one lab is reported against that lab
 * and the others still synthesize.
 *
 * @param strict run the CloudFormation validation and cdk-nag (their findings fail the synth)
 */
export function synthLabTemplate(lab: LabDefinition, strict: boolean, context?: Record<string, unknown>): SynthOutcome {
  const app = createLabApp({ nag: strict, validation: strict, context });
  try {
    buildLabStack(app, lab);
    const template = app.synth().getStackByName(lab.id).template as TemplateJson;
    return { ok: true, template };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
