/**
 * I45 and A49's transport half, with one object of the defaults bucket and one presigned GET URL.
 *
 * - **TLS only**: the URL fetched over HTTPS, then the same URL over plain HTTP. SigV4 signs the
 *   host, path and query, not the scheme, so the two requests differ only in `aws:SecureTransport`,
 *   which the bucket policy denies when false ("Security best practices for Amazon S3",
 *   https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html). The plain
 *   HTTP request carries the URL's query (access key id, signature, session token) in the clear; it
 *   reads one test object for at most {@link EXPIRES_SECONDS} seconds. It runs in a try of its own:
 *   a network that blocks or proxies port 80 makes A49's check an error and nothing else. Its 403
 *   counts as S3's only with S3's `x-amz-request-id` header and an XML error Code ("Error
 *   responses", REST error responses, https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html).
 * - **Expiry**: the URL fetched every {@link POLL_MS} ms until S3's own clock (each answer's `Date`
 *   header) is past `X-Amz-Date` + `X-Amz-Expires` by {@link PAST_EXPIRY_MS}. "X-Amz-Expires:
 *   Provides the time period, in seconds, for which the generated presigned URL is valid"
 *   ("Authenticating Requests: Using Query Parameters (AWS Signature Version 4)",
 *   https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html). Judging each
 *   answer by the Date of the same answer makes the local clock's skew irrelevant to the verdict.
 *   The URL is signed at S3's time (this clock minus the skew read from S3's `Date`, as A26 does):
 *   X-Amz-Date is the signer's clock, and the SDK's own clock-skew correction does not apply to an
 *   explicit signing date, so a local clock behind S3 would sign a URL already expired and one ahead
 *   a URL S3 refuses as not yet valid.
 *
 * The object is deleted in `finally`.
 */
import { observationsOf } from '../../lib/lab-kit/checks/lab-definition';
import { deleteEverythingUnder, runPrefix, s3Client, withCleanup, xmlError } from './s3-calls';
import { bucketUrl, clockSkewMs, dateHeader } from './server-clock';
import { OUTPUTS } from './outputs';

const observe = observationsOf(OUTPUTS);

/** The URL's lifetime: short, so the run sees it expire, and several poll intervals long, so it sees it work first. */
export const EXPIRES_SECONDS = 10;
export const POLL_MS = 2_000;
/** How far past the expiry (by S3's clock) the polling goes: two Date seconds beyond it, at least one answer. */
export const PAST_EXPIRY_MS = 4_000;
/** A bound on the polling, by the local clock, however S3's clock reads. */
export const POLL_MAX_MS = (EXPIRES_SECONDS + 30) * 1000;

export interface Fetched {
  /** This machine's clock when the answer arrived, epoch ms. */
  readonly localMs: number;
  /** The answer's Date header, epoch ms (one-second resolution). */
  readonly serverMs?: number;
  readonly status: number;
  /** The error Code of a refusal's XML body. */
  readonly code?: string;
  readonly message?: string;
  /** The body was the object written. */
  readonly bodyMatches: boolean;
  /** The answer carried S3's `x-amz-request-id` header. */
  readonly s3RequestId: boolean;
}

/** The plain HTTP fetch when no answer came back (blocked port 80, a proxy that dropped it). */
export interface NotFetched {
  readonly error: string;
}

export interface PresignedObservation {
  /** X-Amz-Date of the URL (the signing time, by this machine's clock), epoch ms; X-Amz-Expires, s. */
  readonly signedAtMs: number;
  readonly expiresSeconds: number;
  /** This clock minus S3's (ms), read before signing, and the round trip of that reading. */
  readonly skewMs: number;
  readonly skewRoundTripMs: number;
  readonly https: Fetched;
  readonly http: Fetched | NotFetched;
  /** Every fetch of the expiry polling, in order. */
  readonly polls: readonly Fetched[];
  readonly leftovers: readonly string[];
}

/** `20261202T170000Z` → epoch ms. */
export function amzDate(value: string | null): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value ?? '');
  if (!m) throw new Error(`the presigned URL has no X-Amz-Date of the form YYYYMMDDTHHMMSSZ (got ${JSON.stringify(value)})`);
  return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
}

export const presigned = observe({
  name: 'presigned',
  outputs: ['DefaultsBucketName'],
  async observe(ctx): Promise<PresignedObservation> {
    const { PutObjectCommand, GetObjectCommand } = await import('@aws-sdk/client-s3');
    const { getSignedUrl } = await import('@aws-sdk/s3-request-presigner');
    const s3 = await s3Client(ctx.aws);
    const Bucket = ctx.outputs.DefaultsBucketName;
    const region = await s3.config.region();
    const prefix = runPrefix('presigned', ctx.now());
    const Key = `${prefix}object.txt`;
    const body = `presigned check ${Math.random()}`;
    const get = async (url: string): Promise<Fetched> => {
      const r = await globalThis.fetch(url);
      const text = await r.text();
      const err = r.status >= 300 ? xmlError(text) : {};
      return { localMs: ctx.now(), serverMs: dateHeader(r.headers.get('date')), status: r.status, code: err.code, message: err.message, bodyMatches: r.status === 200 && text === body, s3RequestId: r.headers.get('x-amz-request-id') !== null };
    };
    return withCleanup(
      async () => {
        await s3.send(new PutObjectCommand({ Bucket, Key, Body: body }));
        const skew = await clockSkewMs(bucketUrl(Bucket, region), ctx.now);
        const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket, Key }), { expiresIn: EXPIRES_SECONDS, signingDate: new Date(ctx.now() - skew.skewMs) });
        const query = new URL(url).searchParams;
        const signedAtMs = amzDate(query.get('X-Amz-Date'));
        const expiresSeconds = Number(query.get('X-Amz-Expires'));
        const https = await get(url);
        let http: Fetched | NotFetched;
        try {
          http = await get(url.replace(/^https:/, 'http:'));
        } catch (e) {
          http = { error: `${(e as Error).message}${(e as { cause?: Error }).cause ? ` (${(e as { cause: Error }).cause.message})` : ''}` };
        }
        ctx.progress(`fetching the presigned URL every ${POLL_MS / 1000} s until S3's clock is ${PAST_EXPIRY_MS / 1000} s past its expiry`);
        const polls: Fetched[] = [];
        const started = ctx.now();
        const expiresAt = signedAtMs + expiresSeconds * 1000;
        while (ctx.now() - started < POLL_MAX_MS) {
          const f = await get(url);
          polls.push(f);
          if (f.serverMs !== undefined && f.serverMs >= expiresAt + PAST_EXPIRY_MS) break;
          await ctx.sleep(POLL_MS);
        }
        return { signedAtMs, expiresSeconds, skewMs: skew.skewMs, skewRoundTripMs: skew.roundTripMs, https, http, polls };
      },
      () => deleteEverythingUnder(s3, Bucket, prefix),
    );
  },
});
