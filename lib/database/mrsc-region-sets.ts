/**
 * The Region sets of DynamoDB multi-Region strong consistency (MRSC), and the rules a Region list
 * must follow to form an MRSC global table: every replica and the witness in one set, three
 * replicas, or two replicas and a witness in a third Region.
 *
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-dynamodb-globaltable-globaltablewitness.html
 *   "AWS::DynamoDB::GlobalTable GlobalTableWitness": "A MRSC global table can be configured with either three
 *   replicas, or with two replicas and one witness. The witness must be in a different Region than the replicas
 *   and within the same Region set": US East (N. Virginia), US East (Ohio), US West (Oregon); Europe (Ireland),
 *   Europe (London), Europe (Paris), Europe (Frankfurt); Asia Pacific (Tokyo), Asia Pacific (Seoul), Asia Pacific (Osaka).
 * @see https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/V2globaltables_HowItWorks.html
 */

/** The MRSC Region sets by name, as the DynamoDB documentation lists them (December 2026). */
export const MRSC_REGION_SETS: Readonly<Record<'US' | 'EU' | 'AP', readonly string[]>> = {
  US: ['us-east-1', 'us-east-2', 'us-west-2'],
  EU: ['eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-central-1'],
  AP: ['ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3'],
};

/** The sets in words, for error messages: `US: us-east-1, us-east-2, us-west-2; EU: ...`. */
export const MRSC_REGION_SETS_TEXT = Object.entries(MRSC_REGION_SETS).map(([name, regions]) => `${name}: ${regions.join(', ')}`).join('; ');

/** The MRSC set that holds every one of these Regions, or undefined when none does. */
export function mrscRegionSetOf(regions: readonly string[]): string | undefined {
  return Object.entries(MRSC_REGION_SETS).find(([, set]) => regions.length > 0 && regions.every((r) => set.includes(r)))?.[0];
}

/**
 * Why these Regions cannot form an MRSC global table, or undefined when they can: `replicas` are
 * the replica Regions including the table's own (primary) Region, `witness` the witness Region.
 */
export function mrscLayoutProblem(replicas: readonly string[], witness?: string): string | undefined {
  const all = witness === undefined ? replicas : [...replicas, witness];
  if (new Set(all).size !== all.length) return 'each Region may hold one replica or the witness, once';
  if (witness === undefined && replicas.length !== 3) return `without a witness, exactly three replicas (found ${replicas.length})`;
  if (witness !== undefined && replicas.length !== 2) return `with a witness, exactly two replicas (found ${replicas.length})`;
  if (!mrscRegionSetOf(all)) return `all in one MRSC Region set (${MRSC_REGION_SETS_TEXT})`;
  return undefined;
}
