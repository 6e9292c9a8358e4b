/**
 * A lab's stack outputs, declared once: the contract between its stack and its live checks.
 *
 * The declaration (name and description) is plain data, so checks can be typed against it without
 * loading the stack's code; the stack gives every declared output its value through
 * `addLabOutputs`, and the compiler refuses a missing or an undeclared one.
 */

/** Output name → what it is (the CloudFormation output's Description). */
export type OutputDeclarations<K extends string = string> = { readonly [N in K]: string };

/** The names of a declaration. */
export type OutputName<D> = D extends OutputDeclarations<infer K> ? K : never;

/**
 * Declares a lab's outputs. Names are CloudFormation output ids (PascalCase, letters and digits).
 *
 * @example export const OUTPUTS = defineOutputs({ SourceQueueUrl: 'URL of the source queue' });
 */
export function defineOutputs<K extends string>(outputs: OutputDeclarations<K>): OutputDeclarations<K> {
  const bad = Object.keys(outputs).filter((name) => !/^[A-Z][A-Za-z0-9]{0,254}$/.test(name));
  if (bad.length > 0) throw new Error(`outputs: received ${bad.map((b) => JSON.stringify(b)).join(', ')}; allowed: PascalCase letters and digits (a CloudFormation output id)`);
  return outputs;
}
