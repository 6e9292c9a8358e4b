import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { LabDefinition } from '../checks/lab-definition';
import { chooseRegions } from '../checks/lab-regions';
import { cdkJsonContext, REGIONS_CONTEXT_KEY, SELECT_CONTEXT_KEY } from '../core/project';

export { NAG_CONTEXT_KEY, SELECT_CONTEXT_KEY } from '../core/project';
import type { LabStack } from '../stack/lab-stack';

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


/** Adds cdk-nag's AWS Solutions pack: every finding fails synth unless acknowledged with a reason. */
export function addNag(app: App): void {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
}

/** Builds a lab's stack the one way the app, the CLI and the tests all build it (its stack module loaded on use). */
export async function buildLabStack(app: App, lab: LabDefinition): Promise<LabStack> {
  const LabStackClass = await lab.stack();
  const regions = lab.regions ? chooseRegions(lab.regions, app.node.tryGetContext(REGIONS_CONTEXT_KEY)) : undefined;
  return new LabStackClass(app, lab.id, { hourlyBudgetUsd: lab.hourlyBudgetUsd, ...(regions ? { regions } : {}) });
}


/**
 * The context the CDK CLI sets to the selected stacks with `-e/--exclusively` (`["**"]` without
 * it, `[]` for `cdk ls`): the only way a plain `cdk synth -e <id>` tells the app which stack it wants.
 */
const CLI_SELECTED_STACKS_KEY = 'aws:cdk:bundling-stacks';

/**
 * The labs an app must build: those named by `labs:select`; else the stacks a `cdk ... -e <id>`
 * selected, when each is a lab id; else every lab (plain `cdk synth`, `cdk deploy <id>` and
 * `cdk ls` need them all).
 *
 * @throws naming the unknown ids and the known ones, when `labs:select` names a lab that does not exist
 */
export function selectedLabs(app: App, labs: readonly LabDefinition[]): readonly LabDefinition[] {
  const byId = (ids: readonly string[]) => ids.map((id) => labs.find((l) => l.id === id));
  const selected = app.node.tryGetContext(SELECT_CONTEXT_KEY);
  if (selected !== undefined) {
    const ids = String(selected).split(',').map((s) => s.trim()).filter(Boolean);
    const unknown = ids.filter((id) => !labs.some((l) => l.id === id));
    if (unknown.length > 0 || ids.length === 0) {
      throw new Error(`-c ${SELECT_CONTEXT_KEY}: received ${JSON.stringify(String(selected))}; allowed: lab ids, comma-separated (${labs.map((l) => l.id).join(', ')})`);
    }
    return byId(ids) as LabDefinition[];
  }
  const cliSelected = app.node.tryGetContext(CLI_SELECTED_STACKS_KEY);
  if (Array.isArray(cliSelected) && cliSelected.length > 0) {
    const found = byId(cliSelected.map(String));
    if (found.every((l) => l !== undefined)) return found as LabDefinition[];
  }
  return labs;
}

/** Adds one stack per lab, named by the lab id. */
export async function addLabStacks(app: App, labs: readonly LabDefinition[]): Promise<Map<string, LabStack>> {
  const stacks = new Map<string, LabStack>();
  for (const lab of labs) stacks.set(lab.id, await buildLabStack(app, lab));
  return stacks;
}
