/** What the synthesized template says about the lab's two global tables. */
import type { TemplateJson } from '../../lib/lab-kit/template/json';
import { resourceOfOutput, type TemplateResource } from '../../lib/lab-kit/template/resources';

/** One AWS::DynamoDB::GlobalTable, as the checks read it. */
export interface GlobalTableFacts {
  readonly logicalId: string;
  readonly type: string;
  /** MultiRegionConsistency as written; CloudFormation's default, when absent, is EVENTUAL. */
  readonly multiRegionConsistency?: string;
  /** Replicas[].Region, in template order. */
  readonly replicaRegions: readonly string[];
  /** GlobalTableWitnesses[].Region. */
  readonly witnessRegions: readonly string[];
  readonly billingMode?: string;
  /** The HASH key's attribute name and type (`pk`, `S`). */
  readonly partitionKey?: { readonly name: string; readonly type?: string };
  /** The value of the `lab` tag on each replica, by Region (so `labs leftovers` finds an orphaned replica). */
  readonly labTagByRegion: Readonly<Record<string, string | undefined>>;
  readonly deletionPolicy?: string;
}

export interface Facts {
  readonly mrsc: GlobalTableFacts;
  readonly mrec: GlobalTableFacts;
  /** The Regions output (literal), split. */
  readonly regionsOutput: readonly string[];
}

function tableFacts(r: TemplateResource): GlobalTableFacts {
  const p = r.properties;
  const hash = (p.KeySchema ?? []).find((k: any) => k.KeyType === 'HASH');
  const type = (p.AttributeDefinitions ?? []).find((a: any) => a.AttributeName === hash?.AttributeName)?.AttributeType;
  const replicas: any[] = p.Replicas ?? [];
  return {
    logicalId: r.logicalId,
    type: r.type,
    multiRegionConsistency: p.MultiRegionConsistency,
    replicaRegions: replicas.map((x) => String(x.Region)),
    witnessRegions: (p.GlobalTableWitnesses ?? []).map((w: any) => String(w.Region)),
    billingMode: p.BillingMode,
    partitionKey: hash ? { name: String(hash.AttributeName), type } : undefined,
    labTagByRegion: Object.fromEntries(replicas.map((x) => [String(x.Region), (x.Tags ?? []).find((t: any) => t.Key === 'lab')?.Value])),
    deletionPolicy: r.raw.DeletionPolicy,
  };
}

export function labFacts(template: TemplateJson): Facts {
  const regions = (template.Outputs as any)?.Regions?.Value;
  return {
    mrsc: tableFacts(resourceOfOutput(template, 'MrscTableName')),
    mrec: tableFacts(resourceOfOutput(template, 'MrecTableName')),
    regionsOutput: typeof regions === 'string' ? regions.split(',') : [],
  };
}
