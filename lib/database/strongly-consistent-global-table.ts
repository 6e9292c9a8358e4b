import { Stack, Token } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { mrscLayoutProblem } from './mrsc-region-sets';

/** Properties of {@link StronglyConsistentGlobalTable}. */
export interface StronglyConsistentGlobalTableProps {
  /**
   * The other replica Regions (the stack's own Region holds the first replica): two, or one with
   * a `witnessRegion`, all in the stack Region's MRSC Region set.
   */
  readonly replicaRegions: readonly string[];
  /**
   * A Region that holds no replica, only the replicated change data that lets the two replicas
   * agree (a witness is not readable or writable and is not billed for storage).
   * @default no witness: three replicas
   */
  readonly witnessRegion?: string;
  /**
   * Whether DeleteTable is refused on every replica. A deliberate choice, so it has no default: on
   * for data you need, off for a table that must go away with its stack.
   */
  readonly deletionProtection: boolean;
}

/**
 * A DynamoDB **global table in multi-Region strong consistency (MRSC)** mode: on-demand, keyed by
 * a string `pk`.
 *
 * **What MRSC changes.** Since June 2025 a global table can be created with
 * `MultiRegionConsistency: STRONG`. A write is acknowledged only once it is replicated to at
 * least one other Region, so a strongly consistent read (`ConsistentRead: true`) in *any*
 * replica Region returns the latest write made in any Region. That is the answer to "global tables
 * are only eventually consistent", which was true before 2025 and is still true of the default
 * mode (MREC, {@link EventuallyConsistentGlobalTable}).
 *
 * **What it costs.** Writes take longer (a cross-Region round trip before the acknowledgement;
 * the lab measures by how much), and a write that conflicts with a concurrent write to the same
 * item from another Region fails with `ReplicatedWriteConflictException` instead of being silently
 * resolved. Replicated writes are billed in every replica Region, as for MREC.
 *
 * **Where.** Only within one MRSC Region set (US: us-east-1, us-east-2, us-west-2; EU: eu-west-1,
 * eu-west-2, eu-west-3, eu-central-1; AP: ap-northeast-1, ap-northeast-2, ap-northeast-3), with
 * three replicas or two and a witness: validated here at synth, before CloudFormation would refuse.
 *
 * The stack must name its Region (`env.region`): CloudFormation creates the other replicas from
 * this one stack, and deleting the stack deletes every replica.
 *
 * **Why the template has a stream.** `TableV2` gives every table with replicas a
 * `NEW_AND_OLD_IMAGES` stream, because MREC replication needs one. MRSC does not: CloudFormation
 * says that for MRSC "Streams are not required and can be changed for existing tables"
 * ("AWS::DynamoDB::GlobalTable StreamSpecification"). It is kept, not removed with an escape hatch
 * over `TableV2`, because it is valid either way and nothing here reads it.
 *
 * @see https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/V2globaltables_HowItWorks.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-dynamodb-globaltable.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-dynamodb-globaltable-globaltablewitness.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-dynamodb-globaltable-streamspecification.html
 */
export class StronglyConsistentGlobalTable extends Construct {
  public readonly table: dynamodb.TableV2;
  /** Every replica Region, the stack's own first. */
  public readonly replicaRegions: readonly string[];

  constructor(scope: Construct, id: string, props: StronglyConsistentGlobalTableProps) {
    super(scope, id);
    const here = Stack.of(this).region;
    if (Token.isUnresolved(here)) throw new Error(`${this.node.path}: the stack's region: received a token; allowed: a concrete Region (env.region), since one stack creates every replica`);
    const replicas = [here, ...props.replicaRegions];
    const problem = mrscLayoutProblem(replicas, props.witnessRegion);
    if (problem) {
      throw new Error(`replicaRegions: received ${JSON.stringify(props.replicaRegions)} with the stack in ${here}${props.witnessRegion ? ` and witnessRegion ${JSON.stringify(props.witnessRegion)}` : ''}; allowed: ${problem}`);
    }
    this.replicaRegions = replicas;
    this.table = new dynamodb.TableV2(this, 'Table', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      billing: dynamodb.Billing.onDemand(),
      multiRegionConsistency: dynamodb.MultiRegionConsistency.STRONG,
      replicas: props.replicaRegions.map((region) => ({ region })),
      ...(props.witnessRegion ? { witnessRegion: props.witnessRegion } : {}),
      deletionProtection: props.deletionProtection,
    });
  }
}
