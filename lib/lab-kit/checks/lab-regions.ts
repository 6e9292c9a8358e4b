/**
 * Concrete Regions for the labs that need them. Most labs are environment-agnostic and deploy to
 * the Region of the caller's credentials; a lab whose stack spans Regions (a DynamoDB global
 * table's replicas are created by the one stack that declares them) needs its stack's Region
 * written into the template, and knows the other Regions it touches. Such a lab declares
 * {@link LabRegions}: the Regions are chosen with `-c labs:regions=<primary>,<other>,...` (or
 * `labs deploy --regions=...`), validated before anything is built, and the kit deploys to the
 * primary only, refuses credentials of another Region, and looks for leftovers in every one.
 */
import { REGIONS_CONTEXT_KEY } from '../core/project';

/** A Region name as AWS spells them: us-east-1, ap-southeast-2, us-gov-west-1. */
const REGION_NAME = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

/** The Regions a lab's stack spans, declared by the lab. */
export interface LabRegions {
  /** The Regions when none are chosen: the primary (where the stack deploys) first. */
  readonly default: readonly string[];
  /** The Region lists the lab accepts, in words for the error message (e.g. `three of the MRSC US set: ...`). */
  readonly allowed: string;
  /** Whether the lab accepts this list (primary first); the kit has already checked each is a Region name and none repeats. */
  readonly accepts: (regions: readonly string[]) => boolean;
}

/**
 * The Regions a lab uses: `value` (from `-c labs:regions`, comma-separated, primary first) when
 * given, else the lab's default.
 *
 * @throws one line naming the value received and the lists allowed, when a name is not a Region,
 *   one repeats, or the lab does not accept the list
 */
export function chooseRegions(regions: LabRegions, value: unknown, source = `-c ${REGIONS_CONTEXT_KEY}`): string[] {
  if (value === undefined || value === null || value === '') return [...regions.default];
  const names = String(value).split(',').map((s) => s.trim()).filter(Boolean);
  const ok = names.length > 0 && names.every((n) => REGION_NAME.test(n)) && new Set(names).size === names.length && regions.accepts(names);
  if (!ok) throw new Error(`${source}: received ${JSON.stringify(String(value))}; allowed: ${regions.allowed}, comma-separated, the primary first (default ${regions.default.join(',')})`);
  return names;
}

/**
 * Refuses credentials of a Region other than the lab's primary: the stack (and its self-destruct)
 * lives in the primary, and the CDK CLI would deploy a Region-bound stack there whatever the
 * credentials say, so every `labs` command of such a lab runs there.
 *
 * @returns undefined when the Region is the primary, else the one-line reason
 */
export function regionMismatch(labId: string, regions: readonly string[], credentialsRegion: string): string | undefined {
  if (credentialsRegion === regions[0]) return undefined;
  return `${labId} lives in ${regions[0]} (its Regions: ${regions.join(', ')}), but your credentials' region is ${credentialsRegion}: \`export AWS_REGION=${regions[0]}\`, or choose other Regions with --regions=<primary>,... (the primary first)`;
}
