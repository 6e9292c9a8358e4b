import * as fs from 'node:fs';
import * as path from 'node:path';

/** The project root: where cdk.json lives. */
export const PROJECT_ROOT = path.resolve(__dirname, '..', '..', '..');

/** The context in cdk.json: the feature flags and the labs' defaults (TTL, allowlist). */
export function cdkJsonContext(root: string = PROJECT_ROOT): Record<string, unknown> {
  const file = path.join(root, 'cdk.json');
  return JSON.parse(fs.readFileSync(file, 'utf8')).context ?? {};
}

/** The context key that turns cdk-nag on in the CDK app (`-c labs:nag=true`). */
export const NAG_CONTEXT_KEY = 'labs:nag';

/**
 * The context key that selects the labs an app builds (`-c labs:select=sqs-dead-letter-queue`,
 * comma-separated): the `labs` commands pass it, so a synth builds one lab, not all of them.
 */
export const SELECT_CONTEXT_KEY = 'labs:select';
