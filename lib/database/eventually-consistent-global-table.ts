import { Stack, Token } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';

/** Properties of {@link EventuallyConsistentGlobalTable}. */
export interface EventuallyConsistentGlobalTableProps {
  /** The other replica Regions (the stack's own Region holds the first replica): one or more, distinct. */
  readonly replicaRegions: readonly string[];
  /**
   * Whether DeleteTable is refused on every replica. A deliberate choice, so it has no default: on
   * for data you need, off for a table that must go away with its stack.
   */
  readonly deletionProtection: boolean;
}

/**
 * A DynamoDB **global table in multi-Region eventual consistency (MREC)** mode, the default:
 * on-demand, keyed by a string `pk`.
 *
 * **How it behaves.** Every replica takes reads and writes locally; a write is acknowledged by its
 * own Region and replicated to the others asynchronously (typically within a second). A strongly
 * consistent read is strong only within its Region: it sees the writes already applied there, not
 * a write just made in another Region.
 *
 * **Conflicts.** When two Regions write the same item before either write has replicated, both
 * writes succeed and DynamoDB resolves the conflict itself: last writer wins, by its own internal
 * timestamps, and every replica converges on the winner. The losing write is not reported to
 * anyone, so "the application must resolve conflicts" is wrong in one sense (it cannot even see
 * them) and right in another: an application that must not lose writes should home each item to one
 * Region, or use MRSC ({@link StronglyConsistentGlobalTable}).
 *
 * The stack must name its Region (`env.region`): CloudFormation creates the other replicas from
 * this one stack, and deleting the stack deletes every replica.
 *
 * **Why the template has a stream.** MREC replicates through DynamoDB Streams: CloudFormation
 * requires a `StreamSpecification` on an MREC global table with more than one replica
 * ("AWS::DynamoDB::GlobalTable StreamSpecification"), and `TableV2` adds a `NEW_AND_OLD_IMAGES`
 * one for any table with replicas.
 *
 * @see https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/V2globaltables_HowItWorks.html
 * @see https://docs.aws.amazon.com/prescriptive-guidance/latest/dynamodb-global-tables/overview.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-dynamodb-globaltable.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-dynamodb-globaltable-streamspecification.html
 */
export class EventuallyConsistentGlobalTable extends Construct {
  public readonly table: dynamodb.TableV2;
  /** Every replica Region, the stack's own first. */
  public readonly replicaRegions: readonly string[];

  constructor(scope: Construct, id: string, props: EventuallyConsistentGlobalTableProps) {
    super(scope, id);
    const here = Stack.of(this).region;
    if (Token.isUnresolved(here)) throw new Error(`${this.node.path}: the stack's region: received a token; allowed: a concrete Region (env.region), since one stack creates every replica`);
    const replicas = [here, ...props.replicaRegions];
    if (props.replicaRegions.length === 0 || new Set(replicas).size !== replicas.length || props.replicaRegions.some((r) => Token.isUnresolved(r))) {
      throw new Error(`replicaRegions: received ${JSON.stringify(props.replicaRegions)} with the stack in ${here}; allowed: one or more distinct Region names, none of them the stack's own`);
    }
    this.replicaRegions = replicas;
    this.table = new dynamodb.TableV2(this, 'Table', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      billing: dynamodb.Billing.onDemand(),
      multiRegionConsistency: dynamodb.MultiRegionConsistency.EVENTUAL,
      replicas: props.replicaRegions.map((region) => ({ region })),
      deletionProtection: props.deletionProtection,
    });
  }
}
