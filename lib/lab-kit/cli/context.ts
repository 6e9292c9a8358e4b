import type { AwsClientConfig } from '../core/aws-config';
import type { CatalogEntry } from '../catalog/model';
import { estimateCost, type CostEstimate } from '../operations/cost';
import { UserError } from '../core/errors';
import type { LabDefinition } from '../checks/lab-definition';
import { synthLabTemplate } from './synth';

/** Where the CLI writes; tests capture it. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

/** What the CLI runs against; everything that touches the outside world can be replaced in tests. */
export interface CliEnv {
  readonly labs: readonly LabDefinition[];
  /** Every seed question, audited: the only home of claim text. */
  readonly catalog: readonly CatalogEntry[];
  /** Where `labs new` writes a lab. @default the project root */
  readonly root?: string;
  readonly io: CliIo;
  /** SDK client settings. @default the SDK's default chain, adaptive retries */
  readonly aws?: AwsClientConfig;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Runs the CDK CLI with these arguments, output to the terminal. @default node_modules/.bin/cdk */
  readonly runCdk?: (args: readonly string[], region: string) => Promise<number>;
  /** Asks a yes/no question; undefined when there is no terminal to ask on. */
  readonly confirm?: (question: string) => Promise<boolean>;
}

export function findLab(labs: readonly LabDefinition[], id: string | undefined): LabDefinition {
  const known = labs.map((l) => l.id).join(', ');
  if (!id) throw new UserError(`name a lab; known labs: ${known}`);
  const lab = labs.find((l) => l.id === id);
  if (!lab) throw new UserError(`unknown lab ${JSON.stringify(id)}; known labs: ${known}`);
  return lab;
}

export function selectLabs(labs: readonly LabDefinition[], id: string | undefined): readonly LabDefinition[] {
  return id ? [findLab(labs, id)] : labs;
}

/** The lab's price per hour, from its template synthesized here (no validation, no nag: fast). */
export async function priceOf(lab: LabDefinition, context?: Record<string, unknown>): Promise<CostEstimate> {
  const synth = await synthLabTemplate(lab, false, context);
  if (!synth.ok) throw new UserError(`lab ${lab.id} does not synthesize: ${synth.error}`);
  return estimateCost(synth.template);
}
