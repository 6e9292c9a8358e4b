import type { TemplateJson } from '../template/json';
import type { LabDefinition } from '../checks/lab-definition';

/** A lab's template, or why it could not be synthesized. */
export type SynthOutcome = { readonly ok: true; readonly template: TemplateJson } | { readonly ok: false; readonly error: string };

/**
 * Synthesizes one lab in an app of its own, so a finding in one lab is reported against that lab
 * and the others still synthesize. Only this lab's stack module is loaded.
 *
 * @param strict run the CloudFormation validation and cdk-nag (their findings fail the synth)
 */
export async function synthLabTemplate(lab: LabDefinition, strict: boolean, context?: Record<string, unknown>): Promise<SynthOutcome> {
  // Loaded on use: commands that synthesize nothing (show, catalog) do not pay for aws-cdk-lib and cdk-nag.
  const { buildLabStack, createLabApp } = await import('../app/lab-app');
  const app = createLabApp({ nag: strict, validation: strict, context });
  try {
    await buildLabStack(app, lab);
    const template = app.synth().getStackByName(lab.id).template as TemplateJson;
    return { ok: true, template };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
