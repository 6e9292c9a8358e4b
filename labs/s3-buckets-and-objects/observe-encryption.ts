/**
 * I44 and A49 on encryption at rest: an upload without any encryption header to the defaults bucket
 * (no BucketEncryption in its template), read back with HeadObject; then the seed's policy bucket
 * given the same upload, one asking for SSE-S3 (`x-amz-server-side-encryption: AES256`) and one
 * asking for SSE-KMS (`aws:kms`, with the AWS managed key `aws/s3`, as no key id is given).
 *
 * PutObject and HeadObject return ServerSideEncryption, `AES256 | aws:kms | aws:kms:dsse`
 * ("PutObject", "HeadObject", Amazon S3 API Reference,
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html,
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadObject.html). Everything written is deleted
 * in `finally`.
 */
import { observationsOf } from '../../lib/lab-kit/checks/lab-definition';
import { type Answer, attempt, deleteEverythingUnder, runPrefix, s3Client, withCleanup } from './s3-calls';
import { OUTPUTS } from './outputs';

const observe = observationsOf(OUTPUTS);

export interface Upload {
  readonly answer: Answer;
  /** ServerSideEncryption of the PutObject answer. */
  readonly encryption?: string;
}

export interface EncryptionObservation {
  /** The defaults bucket: PutObject with no header, and HeadObject's ServerSideEncryption of it. */
  readonly plain: Upload;
  readonly headEncryption?: string;
  /** The seed policy bucket: no header, AES256, aws:kms. */
  readonly seed: { readonly noHeader: Upload; readonly aes256: Upload; readonly kms: Upload };
  readonly leftovers: readonly string[];
}

export const encryption = observe({
  name: 'encryption',
  outputs: ['DefaultsBucketName', 'SeedPolicyBucketName'],
  async observe(ctx): Promise<EncryptionObservation> {
    const { PutObjectCommand, HeadObjectCommand } = await import('@aws-sdk/client-s3');
    const s3 = await s3Client(ctx.aws);
    const defaults = ctx.outputs.DefaultsBucketName;
    const seedBucket = ctx.outputs.SeedPolicyBucketName;
    const prefix = runPrefix('encryption', ctx.now());
    const put = async (Bucket: string, name: string, sse?: 'AES256' | 'aws:kms'): Promise<Upload> => {
      const r = await attempt(() => s3.send(new PutObjectCommand({ Bucket, Key: `${prefix}${name}`, Body: `encryption check: ${name}`, ...(sse ? { ServerSideEncryption: sse } : {}) })));
      return { answer: r.answer, encryption: r.value?.ServerSideEncryption };
    };
    return withCleanup(
      async () => {
        ctx.progress('uploading without an encryption header, then to the seed policy bucket three ways');
        const plain = await put(defaults, 'no-header.txt');
        const head = plain.answer.ok ? await s3.send(new HeadObjectCommand({ Bucket: defaults, Key: `${prefix}no-header.txt` })) : undefined;
        const seed = { noHeader: await put(seedBucket, 'no-header.txt'), aes256: await put(seedBucket, 'aes256.txt', 'AES256'), kms: await put(seedBucket, 'kms.txt', 'aws:kms') };
        return { plain, headEncryption: head?.ServerSideEncryption, seed };
      },
      async () => [...(await deleteEverythingUnder(s3, defaults, prefix)), ...(await deleteEverythingUnder(s3, seedBucket, prefix))],
    );
  },
});
