/** What the synthesized template says: the provider function, the throwaway templates the checks send, and the CDK's default deletion policies. */
import { allDependencies, directDependencies } from '../../lib/lab-kit/template/dependencies';
import type { TemplateJson } from '../../lib/lab-kit/template/json';
import { outputTarget, resourceById, resourceOfOutput } from '../../lib/lab-kit/template/resources';
import type { CdkDefault } from './cdk-defaults';
import { EXPERIMENTS_METADATA_KEY, type Experiments } from './templates';

/** The Metadata key of {@link CdkDefault}s (the stack writes it; kept here so facts load no aws-cdk-lib). */
export const CDK_DEFAULTS_KEY = 'LabCdkDefaultDeletionPolicies';

/** The resources of a template that sit on a dependency cycle, sorted. */
export function cycleMembers(template: TemplateJson, options: { readonly withDependsOn?: boolean } = {}): string[] {
  const withDependsOn = options.withDependsOn ?? true;
  const t: TemplateJson = withDependsOn
    ? template
    : { ...template, Resources: Object.fromEntries(Object.entries(template.Resources ?? {}).map(([id, r]) => [id, { ...r, DependsOn: undefined }])) };
  const graph = directDependencies(t);
  return [...graph.keys()].filter((id) => allDependencies(graph, id).has(id)).sort();
}

/** Names a template refers to with Ref that it declares nowhere (not a parameter, resource or pseudo parameter). */
export function undeclaredRefs(template: TemplateJson): string[] {
  const declared = new Set([...Object.keys(template.Parameters ?? {}), ...Object.keys(template.Resources ?? {})]);
  const found = new Set<string>();
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k === 'Ref' && typeof x === 'string' && !x.startsWith('AWS::') && !declared.has(x)) found.add(x);
        else visit(x);
      }
    }
  };
  visit(template.Resources);
  return [...found].sort();
}

/** The throwaway templates from the Metadata's JSON string, or undefined when missing or not JSON. */
function parseExperiments(value: unknown): Experiments | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    return JSON.parse(value) as Experiments;
  } catch {
    return undefined;
  }
}

export interface LabFacts {
  /** The provider function the ProviderFunctionArn output points at. */
  readonly provider: {
    readonly logicalId: string;
    readonly type: string;
    readonly runtime?: string;
    /** The output's value is the function's ARN (Fn::GetAtt <Function>.Arn). */
    readonly outputIsFunctionArn: boolean;
    /** Its LoggingConfig names a log group of the stack. */
    readonly ownLogGroup: boolean;
  };
  /** The throwaway templates and options the live checks send (undefined when the Metadata is missing). */
  readonly experiments?: Experiments;
  readonly cdkDefaults: readonly CdkDefault[];
}

export function labFacts(template: TemplateJson): LabFacts {
  const fn = resourceOfOutput(template, 'ProviderFunctionArn');
  const value = template.Outputs?.ProviderFunctionArn?.Value as any;
  const logGroup = outputTarget(template, 'ProviderLogGroupName');
  const metadata = (template.Metadata ?? {}) as Record<string, unknown>;
  return {
    provider: {
      logicalId: fn.logicalId,
      type: fn.type,
      runtime: fn.properties.Runtime,
      outputIsFunctionArn: fn.type === 'AWS::Lambda::Function' && Array.isArray(value?.['Fn::GetAtt']) && value['Fn::GetAtt'][1] === 'Arn',
      ownLogGroup: !!logGroup && resourceById(template, logGroup)?.type === 'AWS::Logs::LogGroup' && fn.properties.LoggingConfig?.LogGroup?.Ref === logGroup,
    },
    experiments: parseExperiments(metadata[EXPERIMENTS_METADATA_KEY]),
    cdkDefaults: (metadata[CDK_DEFAULTS_KEY] as CdkDefault[] | undefined) ?? [],
  };
}
