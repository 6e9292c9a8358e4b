import { Validations } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { EventuallyConsistentGlobalTable } from '../../lib/database/eventually-consistent-global-table';
import { StronglyConsistentGlobalTable } from '../../lib/database/strongly-consistent-global-table';
import { addLabOutputs } from '../../lib/lab-kit/stack/lab-outputs';
import { LabStack, type LabStackProps } from '../../lib/lab-kit/stack/lab-stack';
import { OUTPUTS } from './outputs';

/**
 * Lab dynamodb-global-tables: two on-demand global tables over the same three Regions of one MRSC
 * Region set, one in multi-Region strong consistency (MRSC), one in the default eventual mode
 * (MREC). Nothing else: the checks call DynamoDB from your machine, in each Region, and delete
 * every item they write. Billed per request only; deleting the stack deletes every replica.
 */
export class DynamodbGlobalTablesStack extends LabStack {
  constructor(scope: Construct, id: string, props: LabStackProps = {}) {
    super(scope, id, { description: 'Lab dynamodb-global-tables: MRSC vs MREC global tables, conflicts, consistent reads, conditional writes (I2 A1 A19 A36 A47)', ...props });
    const regions = this.regions;
    if (!regions || regions.length < 2) throw new Error('regions: received none; allowed: the lab\'s Regions (its definition declares them), the stack Region first');
    const replicaRegions = regions.slice(1);
    const mrsc = new StronglyConsistentGlobalTable(this, 'Mrsc', { replicaRegions, deletionProtection: false });
    const mrec = new EventuallyConsistentGlobalTable(this, 'Mrec', { replicaRegions, deletionProtection: false });
    addLabOutputs(this, OUTPUTS, {
      MrscTableName: mrsc.table.tableName,
      MrecTableName: mrec.table.tableName,
      Regions: regions.join(','),
    });
    for (const t of [mrsc.table, mrec.table]) {
      Validations.of(t).acknowledge({ id: 'AwsSolutions-DDB3', reason: 'Point-in-time recovery protects data worth restoring; these tables hold only the probe items the checks write and delete, and go away with the stack.' });
    }
  }
}
