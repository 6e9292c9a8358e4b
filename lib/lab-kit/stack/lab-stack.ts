import { CfnOutput, Duration, RemovalPolicies, Stack, StackProps, Tags } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { SelfDestruct } from './self-destruct';
import { AZS_CONTEXT_KEY, DEPLOY_ID_CONTEXT_KEY, parseAzs } from '../core/project';
import { DEFAULT_TTL, formatTtl, parseTtl } from './ttl';

import { LAB_TAG } from '../core/tags';

export { LAB_TAG };

/** Properties of {@link LabStack}. */
export interface LabStackProps extends StackProps {
  /**
   * How long the lab may live before it deletes itself.
   * @default the `ttl` context value (`-c ttl=2h`), else 4 hours
   */
  readonly ttl?: Duration;
  /**
   * The most the lab may cost per hour (USD), recorded as the stack tag `lab-hourly-budget-usd`
   * so `labs deployed` can say what a lab stack costs even when this version no longer has it.
   * @default no tag
   */
  readonly hourlyBudgetUsd?: number;
  /**
   * The Regions the stack spans, primary first, for a lab that needs concrete Regions (a global
   * table's replicas): the stack is bound to the primary (`env.region`, the only environment a lab
   * stack may name) and records them all as the stack tag `lab-regions`.
   * @default none: environment-agnostic
   */
  readonly regions?: readonly string[];
}

/** The stack tag that records the Regions a lab spans (primary first, comma-separated). */
export const REGIONS_TAG = 'lab-regions';

/** The stack tag that records a lab's hourly budget. */
export const BUDGET_TAG = 'lab-hourly-budget-usd';

/** The output every lab stack has besides its own: its TTL, read by `labs deployed` and `labs watch-ttl`. */
export const LAB_TTL_OUTPUT = 'LabTtl';

/**
 * The base of every lab: one stack whose name is the lab id, with the guardrails that make a lab
 * safe to deploy into a personal account.
 *
 * - every resource is tagged `lab=<id>`;
 * - every resource is deleted with the stack (`RemovalPolicy.DESTROY`, applied as an aspect so it
 *   also covers resources that default to RETAIN, such as log groups and databases);
 * - a {@link SelfDestruct} deletes the stack once it is older than its TTL;
 * - the stack is environment-agnostic (synth needs no credentials and makes no lookups), or, for a
 *   lab that declares `regions`, bound to its primary Region only, never to an account.
 *
 * The TTL is recorded as the `LabTtl` output and the `lab-ttl` tag so that `labs deployed` can say
 * how long a lab has left.
 */
export class LabStack extends Stack {
  /** The lab id, which is also the stack name. */
  public readonly labId: string;
  /** How long the lab lives after its last deploy. */
  public readonly ttl: Duration;
  public readonly selfDestruct: SelfDestruct;
  /** The Regions the stack spans, primary first, when the lab needs concrete Regions; else undefined (environment-agnostic). */
  public readonly regions?: readonly string[];

  constructor(scope: Construct, id: string, props: LabStackProps = {}) {
    if (!/^[a-z][a-z0-9-]{2,62}$/.test(id)) {
      throw new Error(`lab id: received ${JSON.stringify(id)}; allowed: lowercase letters, digits and hyphens, 3 to 63 characters, starting with a letter`);
    }
    if (props.env?.account || props.env?.region) {
      throw new Error('env: received an account or region; allowed: none (labs are environment-agnostic and deploy to the account and region of your credentials; a lab that needs concrete Regions declares `regions`)');
    }
    if (props.regions !== undefined && props.regions.length === 0) throw new Error('regions: received none; allowed: one or more Region names, the primary first');
    const env = props.regions ? { region: props.regions[0] } : undefined;
    super(scope, id, { ...props, ...(env ? { env } : {}), stackName: id });
    this.labId = id;
    this.ttl = props.ttl ?? parseTtl(this.node.tryGetContext('ttl') ?? formatTtl(DEFAULT_TTL));

    // On every resource of the template, and on the stack itself: `labs deployed` finds lab
    // stacks by their stack tags (DescribeStacks), which Tags.of() does not set.
    for (const [key, value] of [[LAB_TAG, id], ['lab-ttl', formatTtl(this.ttl)]]) {
      Tags.of(this).add(key, value);
      this.tags.setTag(key, value);
    }
    // A stack tag only (CloudFormation propagates it at deploy): the template stays as it is.
    if (props.hourlyBudgetUsd !== undefined) this.tags.setTag(BUDGET_TAG, String(props.hourlyBudgetUsd));
    this.regions = props.regions ? [...props.regions] : undefined;
    if (this.regions) this.tags.setTag(REGIONS_TAG, this.regions.join(','));
    RemovalPolicies.of(this).destroy();

    const deployId = this.node.tryGetContext(DEPLOY_ID_CONTEXT_KEY);
    this.selfDestruct = new SelfDestruct(this, 'SelfDestruct', { ttl: this.ttl, deployId: deployId === undefined ? undefined : String(deployId) });
    new CfnOutput(this, LAB_TTL_OUTPUT, {
      value: formatTtl(this.ttl),
      description: 'The stack deletes itself this long after its last deploy or update ended',
    });
  }

  /**
   * The AZs the lab's VPC spreads over: those named by `-c labs:azs` when given (the template then
   * names them, for that Region only), else the environment-agnostic first two of `Fn::GetAZs`.
   * `labs deploy` checks that they offer the lab's instance types and DB classes.
   */
  public override get availabilityZones(): string[] {
    const chosen = this.node.tryGetContext(AZS_CONTEXT_KEY);
    return chosen === undefined ? super.availabilityZones : parseAzs(chosen);
  }
}
