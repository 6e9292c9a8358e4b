/**
 * I33 on the defaults bucket, whose template says nothing about Block Public Access or Object
 * Ownership: what S3 set by itself (GetPublicAccessBlock, GetBucketOwnershipControls), and what
 * happens to a bucket policy that would make objects public. The run first writes the bucket's own
 * policy back unchanged (showing it may write policies at all), then that policy plus a statement
 * allowing `s3:GetObject` to everyone on a prefix that holds nothing. BlockPublicPolicy "causes
 * Amazon S3 to reject calls to PUT Bucket policy if the specified bucket policy allows public access"
 * ("PublicAccessBlockConfiguration", Amazon S3 API Reference,
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_PublicAccessBlockConfiguration.html), with
 * AccessDenied ("Error responses", https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html). Were
 * it accepted, the run puts the original policy back at once, in `finally`. The run never turns
 * Block Public Access off.
 *
 * Shapes: PublicAccessBlockConfiguration (BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy,
 * RestrictPublicBuckets) ("GetPublicAccessBlock", https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetPublicAccessBlock.html);
 * OwnershipControls.Rules[].ObjectOwnership, `BucketOwnerPreferred | ObjectWriter | BucketOwnerEnforced`
 * ("GetBucketOwnershipControls", https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketOwnershipControls.html).
 */
import { observationsOf } from '../../lib/lab-kit/checks/lab-definition';
import { type Answer, attempt, s3Client, withCleanup } from './s3-calls';
import { OUTPUTS } from './outputs';
import { KEY_ROOT } from './keys';

const observe = observationsOf(OUTPUTS);

/** The prefix the would-be public statement names: nothing is ever written under it. */
export const NEVER_WRITTEN = `${KEY_ROOT}public-never-written/`;

export interface PublicAccessObservation {
  /** The four settings as GetPublicAccessBlock returned them; absent when S3 answered NoSuchPublicAccessBlockConfiguration. */
  readonly block?: { readonly BlockPublicAcls?: boolean; readonly IgnorePublicAcls?: boolean; readonly BlockPublicPolicy?: boolean; readonly RestrictPublicBuckets?: boolean };
  readonly blockAnswer: Answer;
  readonly objectOwnership?: string;
  /** The bucket's own policy written back unchanged. */
  readonly rewriteOwnPolicy: Answer;
  /** Whether the public policy was sent: only when GetPublicAccessBlock read all four settings true. */
  readonly publicPolicySent: boolean;
  /** The policy with a public statement added. */
  readonly publicPolicy: Answer;
  /** Whether the original policy was put back (only needed when the public one was accepted). */
  readonly restored: boolean;
  readonly leftovers: readonly string[];
}

export const publicAccess = observe({
  name: 'public-access',
  outputs: ['DefaultsBucketName'],
  async observe(ctx): Promise<PublicAccessObservation> {
    const { GetPublicAccessBlockCommand, GetBucketOwnershipControlsCommand, GetBucketPolicyCommand, PutBucketPolicyCommand } = await import('@aws-sdk/client-s3');
    const s3 = await s3Client(ctx.aws);
    const Bucket = ctx.outputs.DefaultsBucketName;
    let original: string | undefined;
    let accepted = false;
    let restored = false;
    return withCleanup(
      async () => {
        const block = await attempt(() => s3.send(new GetPublicAccessBlockCommand({ Bucket })));
        const ownership = await attempt(() => s3.send(new GetBucketOwnershipControlsCommand({ Bucket })));
        original = (await s3.send(new GetBucketPolicyCommand({ Bucket }))).Policy;
        if (!original) throw new Error(`GetBucketPolicy of ${Bucket} returned no Policy; the lab's bucket has one (TLS only)`);
        const rewriteOwnPolicy = (await attempt(() => s3.send(new PutBucketPolicyCommand({ Bucket, Policy: original })))).answer;
        const doc = JSON.parse(original);
        const partition = /^arn:([^:]+):/.exec(JSON.stringify(doc.Statement?.[0]?.Resource ?? ''))?.[1] ?? 'aws';
        doc.Statement = [...doc.Statement, { Sid: 'WouldBePublicRead', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:${partition}:s3:::${Bucket}/${NEVER_WRITTEN}*` }];
        // Sent only while all four settings read true, so the lab never sends a policy S3 could accept: a run
        // killed before its `finally` would leave the bucket flagged public until the next deploy.
        const b = block.value?.PublicAccessBlockConfiguration;
        const allOn = !!b && b.BlockPublicAcls === true && b.IgnorePublicAcls === true && b.BlockPublicPolicy === true && b.RestrictPublicBuckets === true;
        let publicPolicy: Answer = { ok: false, code: 'not sent: Block Public Access did not read all four settings true' };
        if (allOn) {
          ctx.progress('asking S3 to accept a public bucket policy (Block Public Access should refuse it)');
          publicPolicy = (await attempt(() => s3.send(new PutBucketPolicyCommand({ Bucket, Policy: JSON.stringify(doc) })))).answer;
        } else {
          ctx.progress('not sending the public bucket policy: Block Public Access is not fully on for the bucket');
        }
        accepted = publicPolicy.ok;
        return {
          block: block.value?.PublicAccessBlockConfiguration,
          blockAnswer: block.answer,
          objectOwnership: ownership.value?.OwnershipControls?.Rules?.[0]?.ObjectOwnership,
          rewriteOwnPolicy,
          publicPolicySent: allOn,
          publicPolicy,
        };
      },
      async () => {
        if (!accepted || !original) return [];
        const back = await attempt(() => s3.send(new PutBucketPolicyCommand({ Bucket, Policy: original })));
        restored = back.answer.ok;
        return back.answer.ok ? [] : [`${Bucket} bucket policy: still public (${back.answer.code}); put back the stack's policy with npx cdk deploy`];
      },
    ).then((r) => ({ ...r, restored }));
  },
});
