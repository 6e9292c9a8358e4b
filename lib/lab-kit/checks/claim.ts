/**
 * The claim model: what an interview answer says, what is true, and the checks that show it.
 *
 * A claim is settled by evidence, never by assertion: `offline` reads the synthesized template to
 * show the lab is built to demonstrate the claim, and `live` calls AWS against the deployed lab to
 * observe what AWS actually does. A check passes when AWS behaves as `truth` says; the report then
 * tells whether that confirms the seed answer (`holds`) or refutes it (any other verdict).
 */
import type { AwsClientConfig } from '../core/aws-config';

/** How the seed answer stands against the AWS documentation today. */
export type Verdict = 'holds' | 'outdated' | 'wrong' | 'oversimplified';

/** Every verdict, in report order. */
export const VERDICTS: readonly Verdict[] = ['holds', 'outdated', 'wrong', 'oversimplified'];

/** A documentation page a truth rests on. */
export interface Source {
  /** The page title, as AWS names it. */
  readonly title: string;
  /** An https://docs.aws.amazon.com/ (or aws.amazon.com) address. */
  readonly url: string;
}

/** The correct statement, and where AWS says so. */
export interface Truth {
  /** One or two sentences a candidate could say in an interview. */
  readonly statement: string;
  /** At least one AWS documentation page. */
  readonly sources: readonly Source[];
  /** For `outdated` claims: when AWS changed the behaviour (ISO date, e.g. `2024-02-01`). */
  readonly changed?: string;
}

/** A measured quantity: failover 74 s, 3 receives, $0.0994/hour. */
export interface Figure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
}

/** What a check saw. */
export interface Evidence {
  /** True when what was observed matches `truth`. */
  readonly passed: boolean;
  /** What was seen, in one or two plain sentences (shown in the report). */
  readonly observed: string;
  /** Measurements, each with its unit. */
  readonly figures?: readonly Figure[];
  /** How it was seen (API calls, probe, template path), so a reader can repeat it. */
  readonly method: string;
}

/** Evidence from its parts: what every check returns. */
export function evidence(passed: boolean, observed: string, method: string, figures: readonly Figure[] = []): Evidence {
  return { passed, observed, method, figures };
}

/** The synthesized CloudFormation template as JSON. */
export interface TemplateJson {
  readonly Resources?: Record<string, { readonly Type: string; readonly Properties?: any; readonly [k: string]: any }>;
  readonly Outputs?: Record<string, { readonly Value: unknown; readonly Description?: string }>;
  readonly Parameters?: Record<string, any>;
  readonly [key: string]: unknown;
}

/** Reports a step of a long check (shown with the elapsed time). */
export type Progress = (message: string) => void;

/** Everything a live check gets: where the lab runs and how to call AWS. */
export interface LiveContext {
  /** The lab id, which is also the stack name. */
  readonly labId: string;
  /** The stack's outputs (CloudFormation DescribeStacks): the contract between stack and checks. */
  readonly outputs: Readonly<Record<string, string>>;
  /** Region and credentials for every SDK client a check creates. */
  readonly aws: AwsClientConfig;
  /** Options from the command line (`--analyzer`, `--rate=5`), without the dashes. */
  readonly options: Readonly<Record<string, string | boolean>>;
  /** Step-by-step progress for checks that wait. */
  readonly progress: Progress;
  /**
   * Runs `observe` once per check run and shares its result between claims, so several claims
   * that rest on one observation (the console of six instances) do not repeat it.
   */
  memo<T>(key: string, observe: () => Promise<T>): Promise<T>;
  /** Waits; tests replace it so that checks that poll run instantly. */
  sleep(ms: number): Promise<void>;
  /** The clock; tests replace it. */
  now(): number;
}

/**
 * Thrown by a live check the user asked not to run (an option such as `--skip-async`): the
 * report shows it as skipped with this message, never as a pass.
 */
export class CheckSkipped extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CheckSkipped';
  }
}

/** One checkable statement of one seed question. */
export interface Claim {
  /** `<question>.<slug>`, e.g. `B2.no-public-ip-no-internet`. Stable: the catalog refers to it. */
  readonly id: string;
  /** The seed question id: B1–B25, I1–I50, A1–A50, T1–T10. */
  readonly question: string;
  /** What the seed answer claims, paraphrased. */
  readonly says: string;
  readonly verdict: Verdict;
  readonly truth: Truth;
  /** Evidence from the synthesized template that the lab is built to show the claim. */
  offline(template: TemplateJson): Evidence;
  /** Evidence from AWS against the deployed lab. Absent when AWS cannot show it. */
  live?(ctx: LiveContext): Promise<Evidence>;
}
