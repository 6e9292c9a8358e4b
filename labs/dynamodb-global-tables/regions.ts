/**
 * Where the lab runs: three Regions of one MRSC Region set, the first holding the stack. Three
 * replicas (not two and a witness) so that a write in one Region can be read strongly in two
 * others. Chosen with `-c labs:regions=...` or `labs deploy --regions=...`.
 */
import { MRSC_REGION_SETS_TEXT, mrscRegionSetOf } from '../../lib/database/mrsc-region-sets';
import type { LabRegions } from '../../lib/lab-kit/checks/lab-regions';

export const LAB_REGIONS: LabRegions = {
  default: ['us-east-1', 'us-east-2', 'us-west-2'],
  allowed: `three distinct Regions of one MRSC Region set (${MRSC_REGION_SETS_TEXT})`,
  accepts: (regions) => regions.length === 3 && mrscRegionSetOf(regions) !== undefined,
};
