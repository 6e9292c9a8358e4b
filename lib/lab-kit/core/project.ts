import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The project root: the nearest folder above this file with a cdk.json. In a checkout that is the
 * repository (this file is lib/lab-kit/core/project.ts); in the installed package it is the
 * package's folder (this file is dist/lib/lab-kit/core/project.js, and cdk.json ships beside
 * package.json).
 */
export const PROJECT_ROOT = projectRootAbove(__dirname);

function projectRootAbove(dir: string): string {
  for (let at = dir; ; at = path.dirname(at)) {
    if (fs.existsSync(path.join(at, 'cdk.json'))) return at;
    if (path.dirname(at) === at) throw new Error(`no cdk.json in any folder above ${dir}: the labs kit runs in a checkout of the project or its installed package`);
  }
}

/** cdk.json as the CDK CLI reads it: `app`, `context`, and settings such as `toolkitStackName`. */
export function cdkJsonSettings(root: string = PROJECT_ROOT): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(root, 'cdk.json'), 'utf8'));
}

/** This project's version (package.json): recorded with every run as the kit's version. */
export function projectVersion(root: string = PROJECT_ROOT): string {
  return String(JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version ?? 'unknown');
}

/** The context in cdk.json: the feature flags and the labs' defaults (TTL, allowlist). */
export function cdkJsonContext(root: string = PROJECT_ROOT): Record<string, unknown> {
  return (cdkJsonSettings(root).context as Record<string, unknown> | undefined) ?? {};
}

/** The context key that turns cdk-nag on in the CDK app (`-c labs:nag=true`). */
export const NAG_CONTEXT_KEY = 'labs:nag';

/**
 * The context key that selects the labs an app builds (`-c labs:select=sqs-dead-letter-queue`,
 * comma-separated): the `labs` commands pass it, so a synth builds one lab, not all of them.
 */
export const SELECT_CONTEXT_KEY = 'labs:select';

/**
 * The context key `labs deploy` sets to the deploy's start time (`-c labs:deployId=...`): the
 * self-destruct function gets it as an environment variable, so every `labs deploy` updates the
 * stack and restarts its TTL, even when nothing else changed.
 */
export const DEPLOY_ID_CONTEXT_KEY = 'labs:deployId';

/**
 * The context key that names the Availability Zones a lab uses (`-c labs:azs=us-east-1a,us-east-1c`,
 * or `labs deploy --azs=...`), instead of the first ones `Fn::GetAZs` returns, whose mapping to AZ
 * ids differs per account.
 */
export const AZS_CONTEXT_KEY = 'labs:azs';

const AZ_NAME = /^([a-z]{2}(?:-[a-z]+)+-\d+)[a-z]$/;

/**
 * Reads a list of AZ names: two or more, distinct, of one Region.
 *
 * @throws naming what was received and what is allowed
 */
export function parseAzs(value: unknown, source = `-c ${AZS_CONTEXT_KEY}`): string[] {
  const names = String(value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const regions = new Set(names.map((n) => AZ_NAME.exec(n)?.[1]));
  const ok = names.length >= 2 && names.every((n) => AZ_NAME.test(n)) && regions.size === 1 && new Set(names).size === names.length;
  if (!ok) throw new Error(`${source}: received ${JSON.stringify(String(value ?? ''))}; allowed: two or more distinct Availability Zone names of one Region, comma-separated (e.g. us-east-1a,us-east-1c)`);
  return names;
}

/**
 * The context key that names the Regions of a lab whose stack spans Regions
 * (`-c labs:regions=us-east-1,us-east-2,us-west-2`, primary first, or `labs deploy --regions=...`);
 * such a lab declares its default and the lists it accepts (`LabRegions`).
 */
export const REGIONS_CONTEXT_KEY = 'labs:regions';

/** The context key of the one CIDR a lab's public endpoint admits (cdk.json default `0.0.0.0/0`; `labs deploy --ingress-cidr`). */
export const INGRESS_CIDR_CONTEXT_KEY = 'labs:ingressCidr';
