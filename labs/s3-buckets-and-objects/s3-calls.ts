/**
 * What every observation of the lab shares: S3's answers recorded as plain JSON (the status and
 * error code of a refusal, never thrown), keys of the run, and the cleanup that removes every
 * version and delete marker a check wrote, even when it failed.
 *
 * Error codes and HTTP statuses are those of "Error responses", List of error codes, Amazon S3 API
 * Reference (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html#ErrorCodeList):
 * AccessDenied 403, BucketNotEmpty 409, NoSuchKey 404, NoSuchVersion 404, MalformedXML 400.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { KEY_ROOT } from './keys';

/** One request's answer: the HTTP status and, for a refusal, S3's error code and message. */
export interface Answer {
  readonly ok: boolean;
  readonly status?: number;
  /** The error code (the SDK error's name), e.g. `AccessDenied`. */
  readonly code?: string;
  readonly message?: string;
}

interface ServiceError {
  readonly name?: string;
  readonly message?: string;
  readonly $metadata?: { readonly httpStatusCode?: number };
}

/**
 * Runs one S3 request: its value and answer when it succeeds, the answer when S3 refused it (an
 * error with an HTTP status). Anything else (the network, credentials the SDK could not find) is
 * thrown, so the kit reports it as the check's error, never as S3's answer.
 */
export async function attempt<T>(request: () => Promise<T>): Promise<{ value?: T; answer: Answer }> {
  try {
    const value = await request();
    return { value, answer: { ok: true, status: (value as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode ?? 200 } };
  } catch (e) {
    const err = e as ServiceError;
    const status = err.$metadata?.httpStatusCode;
    if (status === undefined || status < 300 || status >= 500) throw e;
    return { answer: { ok: false, status, code: err.name, message: err.message } };
  }
}

/** A key prefix of its own for one observation of one run: `lab-checks/<what>/<run id>/`. */
export function runPrefix(what: string, nowMs: number): string {
  return `${KEY_ROOT}${what}/${new Date(nowMs).toISOString().replace(/[:.]/g, '-')}-${Math.random().toString(36).slice(2, 8)}/`;
}

/** Every version and delete marker under a prefix (ListObjectVersions, every page). */
export async function versionsUnder(s3: S3Client, bucket: string, prefix: string): Promise<{ versions: { key: string; versionId: string; size: number; isLatest: boolean }[]; markers: { key: string; versionId: string; isLatest: boolean }[] }> {
  const { ListObjectVersionsCommand } = await import('@aws-sdk/client-s3');
  const versions: { key: string; versionId: string; size: number; isLatest: boolean }[] = [];
  const markers: { key: string; versionId: string; isLatest: boolean }[] = [];
  let keyMarker: string | undefined;
  let versionIdMarker: string | undefined;
  for (let page = 0; page < 50; page++) {
    const out = await s3.send(new ListObjectVersionsCommand({ Bucket: bucket, Prefix: prefix, KeyMarker: keyMarker, VersionIdMarker: versionIdMarker }));
    for (const v of out.Versions ?? []) versions.push({ key: v.Key ?? '', versionId: v.VersionId ?? 'null', size: v.Size ?? 0, isLatest: v.IsLatest === true });
    for (const m of out.DeleteMarkers ?? []) markers.push({ key: m.Key ?? '', versionId: m.VersionId ?? 'null', isLatest: m.IsLatest === true });
    if (!out.IsTruncated) break;
    keyMarker = out.NextKeyMarker;
    versionIdMarker = out.NextVersionIdMarker;
  }
  return { versions, markers };
}

/**
 * Deletes every version and delete marker under the prefix, each by its version id (permanent), with
 * the governance bypass when asked. Returns what could not be deleted (`key@version: code`); it does
 * not throw, so a cleanup in `finally` never hides the check's own error.
 */
export async function deleteEverythingUnder(s3: S3Client, bucket: string, prefix: string, bypassGovernance = false): Promise<string[]> {
  const { DeleteObjectCommand } = await import('@aws-sdk/client-s3');
  const left: string[] = [];
  try {
    const { versions, markers } = await versionsUnder(s3, bucket, prefix);
    for (const v of [...versions, ...markers]) {
      try {
        await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: v.key, VersionId: v.versionId, ...(bypassGovernance ? { BypassGovernanceRetention: true } : {}) }));
      } catch (e) {
        left.push(`${v.key}@${v.versionId}: ${(e as Error).name}`);
      }
    }
  } catch (e) {
    left.push(`${prefix}*: ${(e as Error).name} (listing failed)`);
  }
  return left;
}

/** An S3 client for the run's Region and credentials. */
export async function s3Client(aws: object): Promise<S3Client> {
  const { S3Client } = await import('@aws-sdk/client-s3');
  return new S3Client(aws);
}

/** The Code and Message of an S3 XML error body (`<Error><Code>AccessDenied</Code>...`), as "Error responses" documents its REST form. */
export function xmlError(body: string): { code?: string; message?: string } {
  return { code: /<Code>([^<]*)<\/Code>/.exec(body)?.[1], message: /<Message>([^<]*)<\/Message>/.exec(body)?.[1] };
}

/**
 * Runs an experiment, then its cleanup whatever happened (in `finally`), and returns the
 * experiment's result with what the cleanup could not remove. When the experiment throws, the
 * cleanup still runs and the experiment's error is what the caller sees.
 */
export async function withCleanup<T extends object>(experiment: () => Promise<T>, cleanup: () => Promise<string[]>): Promise<T & { leftovers: string[] }> {
  let result: T;
  let leftovers: string[] = [];
  try {
    result = await experiment();
  } finally {
    leftovers = await cleanup();
  }
  return { ...result, leftovers };
}
