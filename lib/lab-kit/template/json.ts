/** The synthesized CloudFormation template as JSON: what offline checks and docs read. */
export interface TemplateJson {
  readonly Resources?: Record<string, { readonly Type: string; readonly Properties?: any; readonly [k: string]: any }>;
  readonly Outputs?: Record<string, { readonly Value: unknown; readonly Description?: string }>;
  readonly Parameters?: Record<string, any>;
  readonly [key: string]: unknown;
}
