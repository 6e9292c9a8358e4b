import type { AwsClientConfig } from '../core/aws-config';
import type { CatalogEntry } from '../catalog/model';
import { estimateCost, type CostEstimate } from '../operations/cost';
import { UserError } from '../core/errors';
import type { LabDefinition } from '../checks/lab-definition';
import { type Style } from './format';
import { closest } from './suggest';
import { synthLabTemplate } from './synth';

/** Where the CLI writes; tests capture it. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** A transient status line (a terminal's stderr only): replaced by the next one, cleared with ''. */
  status?(text: string): void;
  /** Colour the output (a terminal, NO_COLOR and FORCE_COLOR honoured). @default false */
  readonly color?: boolean;
  /** The terminal's width; absent when piped, where lines are not wrapped. */
  readonly columns?: number;
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
  if (!lab) throw new UserError(`unknown lab ${JSON.stringify(id)}${suggestion(id, labs.map((l) => l.id))}; known labs: ${known}`);
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

/** ` (did you mean x?)`, or nothing. */
export function suggestion(name: string, known: readonly string[]): string {
  const near = closest(name, known);
  return near.length > 0 ? ` (did you mean ${near.join(' or ')}?)` : '';
}

/** How this run's output looks: colour and width from the io (piped: no colour, lines unwrapped). */
export function styleOf(env: CliEnv): Style {
  return { color: env.io.color === true, width: env.io.columns ? Math.max(40, env.io.columns) : Infinity };
}
