import type { Construct } from 'constructs';
import type { Claim } from './claim';
import type { LabStack, LabStackProps } from '../stack/lab-stack';

/** A command-line option a lab's live checks understand (`labs check <id> --analyzer`). */
export interface LiveOption {
  readonly name: string;
  readonly description: string;
}

/**
 * One lab: its questions, its stack and the claims it settles. `labs/index.ts` lists every lab;
 * the CDK app, the CLI and the tests all read that list and nothing else.
 */
export interface LabDefinition {
  /** Kebab-case id; also the stack name and the value of the `lab` tag. */
  readonly id: string;
  /** One line: what the lab shows. */
  readonly title: string;
  /** Seed question ids the lab covers (B2, I13, T8...). */
  readonly questions: readonly string[];
  /** Builds the lab's stack. */
  readonly stack: new (scope: Construct, id: string, props?: LabStackProps) => LabStack;
  /** The claims the lab settles, each with its offline and (where AWS can show it) live check. */
  readonly claims: readonly Claim[];
  /** How long `cdk deploy` takes, measured or estimated, e.g. `about 4 minutes`. */
  readonly deployTime: string;
  /** The most the lab may cost per hour deployed, in USD; the offline checks hold it to this. */
  readonly hourlyBudgetUsd: number;
  /** Options its live checks accept. */
  readonly liveOptions?: readonly LiveOption[];
}
