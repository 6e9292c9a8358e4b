/** The stack outputs of dynamodb-global-tables: the contract between its stack and its observations. */
import { defineOutputs } from '../../lib/lab-kit/core/outputs';

export const OUTPUTS = defineOutputs({
  MrscTableName: 'The MRSC global table (same name in every replica Region)',
  MrecTableName: 'The MREC global table (same name in every replica Region)',
  Regions: 'The replica Regions of both tables, comma-separated, the stack Region first',
});
