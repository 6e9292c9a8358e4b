/**
 * Template values as text, for offline checks that compare policies and names: pseudo parameters as
 * `<AWS::AccountId>`, other references as `${Logical}` (Ref) or `${Logical.Attr}` (Fn::GetAtt), joins
 * flattened (so `arn:<AWS::Partition>:s3:::company-data`); anything else as its JSON.
 */
export function templateText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const v = value as Record<string, any>;
    if (typeof v.Ref === 'string') return v.Ref.startsWith('AWS::') ? `<${v.Ref}>` : `\${${v.Ref}}`;
    if (Array.isArray(v['Fn::GetAtt'])) return `\${${v['Fn::GetAtt'].join('.')}}`;
    if (Array.isArray(v['Fn::Join'])) return (v['Fn::Join'][1] as unknown[]).map(templateText).join(v['Fn::Join'][0]);
  }
  return JSON.stringify(value);
}

/** A policy element that may be one value or a list (Action, Resource, a condition's values), as a list of text. */
export function templateTextList(value: unknown): string[] {
  return value === undefined ? [] : (Array.isArray(value) ? value : [value]).map(templateText);
}
