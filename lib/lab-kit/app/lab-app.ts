import * as fs from 'node:fs';
import * as path from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { LabDefinition } from '../checks/lab-definition';
import type { LabStack } from '../stack/lab-stack';

/** The project root: where cdk.json lives. */
export const PROJECT_ROOT = path.resolve(__dirname, '..', '..', '..');

/** The context in cdk.json: the feature flags and the labs' defaults (TTL, allowlist). */
export function cdkJsonContext(root: string = PROJECT_ROOT): Record<string, unknown> {
  const file = path.join(root, 'cdk.json');
  return JSON.parse(fs.readFileSync(file, 'utf8')).context ?? {};
}

/** Options of {@link createLabApp}. */
export interface LabAppOptions {
  /** Context on top of cdk.json's (as `-c key=value` would give). */
  readonly context?: Record<string, unknown>;
  /** Run cdk-nag's AWS Solutions pack at synth (its findings are errors). @default true */
  readonly nag?: boolean;
  /** Run aws-cdk-lib's built-in CloudFormation validation. @default unless CDK_VALIDATION=false */
  readonly validation?: boolean;
  /** Where to write the cloud assembly. @default a temporary folder */
  readonly outdir?: string;
}

/**
 * An App built the way `cdk synth` builds one: the context of cdk.json (without it a test sees
 * every feature flag unset and a different template), cdk-nag on, validation on.
 */
export function createLabApp(options: LabAppOptions = {}): App {
  const app = new App({
    context: { ...cdkJsonContext(), ...options.context },
    outdir: options.outdir,
    ...(options.validation === undefined ? {} : { builtinCloudFormationValidation: options.validation }),
  });
  if (options.nag ?? true) addNag(app);
  return app;
}

/** The context key that turns cdk-nag on in the CDK app (`-c labs:nag=true`). */
export const NAG_CONTEXT_KEY = 'labs:nag';

/** Adds cdk-nag's AWS Solutions pack: every finding fails synth unless acknowledged with a reason. */
export function addNag(app: App): void {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
}

/** Builds a lab's stack the one way the app, the CLI and the tests all build it. */
export function buildLabStack(app: App, lab: LabDefinition): LabStack {
  return new lab.stack(app, lab.id, { hourlyBudgetUsd: lab.hourlyBudgetUsd });
}

/** Adds one stack per lab, named by the lab id. */
export function addLabStacks(app: App, labs: readonly LabDefinition[]): Map<string, LabStack> {
  const stacks = new Map<string, LabStack>();
  for (const lab of labs) stacks.set(lab.id, buildLabStack(app, lab));
  return stacks;
}
