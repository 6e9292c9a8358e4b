import type { TemplateJson } from './json';

const ASSET_HASH = /[0-9a-f]{64}/g;

/**
 * A template with its volatile values replaced, so a snapshot is byte-identical across machines,
 * checkouts and asset edits that do not change the infrastructure: asset hashes (64 hex
 * characters, in S3 keys and `aws:asset:path` metadata) and the BootstrapVersion plumbing.
 * Everything that describes infrastructure stays, so a snapshot diff is a real change.
 */
export function normalizeTemplate(template: TemplateJson): TemplateJson {
  const copy = JSON.parse(JSON.stringify(template, (_key, value) =>
    typeof value === 'string' ? value.replace(ASSET_HASH, '<asset-hash>') : value,
  ));
  delete copy.Parameters?.BootstrapVersion;
  if (copy.Parameters && Object.keys(copy.Parameters).length === 0) delete copy.Parameters;
  delete copy.Rules?.CheckBootstrapVersion;
  if (copy.Rules && Object.keys(copy.Rules).length === 0) delete copy.Rules;
  return copy;
}
