/**
 * For each claim, the template change that must make its offline check fail (the invariant suite
 * runs them). More failing cases per claim are in dynamodb-global-tables.test.ts.
 */
import type { OfflineCases } from '../../../lib/lab-kit/testing';
import { outputLogicalId } from '../../../lib/lab-kit/testing';

/** The properties of the global table an output names. */
export function tableOf(t: any, output: 'MrscTableName' | 'MrecTableName'): any {
  return t.Resources[outputLogicalId(t, output)].Properties;
}

export const OFFLINE_CASES: OfflineCases = {
  'A47.global-tables-support-mrsc-since-2025': (t) => (tableOf(t, 'MrscTableName').MultiRegionConsistency = 'EVENTUAL'),
  'A1.global-tables-offer-mrsc-strong-consistency': (t) => tableOf(t, 'MrscTableName').Replicas.pop(),
  'A19.replicas-serve-local-reads-and-writes': (t) => (tableOf(t, 'MrecTableName').Replicas = tableOf(t, 'MrecTableName').Replicas.slice(-1)),
  'A19.mrec-resolves-conflicts-last-writer-wins': (t) => (tableOf(t, 'MrecTableName').MultiRegionConsistency = 'STRONG'),
  'I2.dynamodb-strong-reads-cost-double': (t) => (tableOf(t, 'MrecTableName').BillingMode = 'PROVISIONED'),
  'A36.conditional-put-makes-writes-idempotent': (t) => (tableOf(t, 'MrecTableName').KeySchema[0].AttributeName = 'id'),
};
