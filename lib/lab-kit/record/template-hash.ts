/**
 * The hash of a deployed lab's template, recorded with a run so that two runs can be told to be of
 * the same stack (or not) without keeping the template itself.
 */
import { createHash } from 'node:crypto';
import type { AwsClientConfig } from '../core/aws-config';

/** JSON with every object's keys sorted: the same template always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** `sha256:<hex>` of a template's canonical JSON. */
export function templateHash(template: unknown): string {
  return `sha256:${createHash('sha256').update(canonicalJson(template)).digest('hex')}`;
}

/**
 * The hash of the stack's template as CloudFormation keeps it: GetTemplate, `TemplateStage:
 * Original` ("CloudFormation returns the same template that was used when the stack was
 * created"), whose TemplateBody is a string (JSON for a CDK app).
 * A failure (a missing cloudformation:GetTemplate right) is returned, not thrown: the run's
 * results do not depend on it.
 *
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_GetTemplate.html
 */
export async function deployedTemplateHash(aws: AwsClientConfig, stackName: string): Promise<{ hash: string | null; error?: string }> {
  try {
    const { CloudFormationClient, GetTemplateCommand } = await import('@aws-sdk/client-cloudformation');
    const body = (await new CloudFormationClient(aws).send(new GetTemplateCommand({ StackName: stackName, TemplateStage: 'Original' }))).TemplateBody;
    if (!body) return { hash: null, error: 'GetTemplate returned no TemplateBody' };
    return { hash: templateHash(JSON.parse(body)) };
  } catch (error) {
    return { hash: null, error: `GetTemplate: ${error instanceof Error ? error.message : String(error)}` };
  }
}
