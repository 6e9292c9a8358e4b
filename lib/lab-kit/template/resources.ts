import type { TemplateJson } from './json';

/** A resource of a synthesized template, with its logical id. */
export interface TemplateResource {
  readonly logicalId: string;
  readonly type: string;
  readonly properties: Record<string, any>;
  readonly raw: Record<string, any>;
}

/** Every resource of a type (`AWS::EC2::Instance`), in template order. */
export function resourcesOfType(template: TemplateJson, type: string): TemplateResource[] {
  return Object.entries(template.Resources ?? {})
    .filter(([, r]) => r.Type === type)
    .map(([logicalId, r]) => ({ logicalId, type: r.Type, properties: r.Properties ?? {}, raw: r }));
}

/** The resource with this logical id, or undefined. */
export function resourceById(template: TemplateJson, logicalId: string): TemplateResource | undefined {
  const r = template.Resources?.[logicalId];
  return r ? { logicalId, type: r.Type, properties: r.Properties ?? {}, raw: r } : undefined;
}

/** The logical id a `{ Ref }` or `{ Fn::GetAtt }` points at, or undefined for anything else. */
export function refTarget(value: unknown): string | undefined {
  if (value && typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (typeof v.Ref === 'string') return v.Ref;
    const getAtt = v['Fn::GetAtt'];
    if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return getAtt[0];
  }
  return undefined;
}

/** The logical id an output's value refers to (`{ Ref: X }` or `{ Fn::GetAtt: [X, ...] }`). */
export function outputTarget(template: TemplateJson, outputName: string): string | undefined {
  return refTarget(template.Outputs?.[outputName]?.Value);
}

/** Finds the resource an output points at, or throws naming the missing output. */
export function resourceOfOutput(template: TemplateJson, outputName: string): TemplateResource {
  const target = outputTarget(template, outputName);
  const resource = target ? resourceById(template, target) : undefined;
  if (!resource) {
    const known = Object.keys(template.Outputs ?? {}).join(', ') || 'none';
    throw new Error(`output ${outputName} does not point at a resource of the template (outputs: ${known})`);
  }
  return resource;
}
