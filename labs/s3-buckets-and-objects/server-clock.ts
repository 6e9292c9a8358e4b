/**
 * S3's clock, as its responses' `Date` header gives it (HTTP dates have one-second resolution),
 * against this machine's. Presigned URLs expire and Object Lock retention ends by S3's clock, so the
 * checks that time either work from it, not from the local clock.
 */

/** An HTTP date header in epoch ms, or undefined. */
export function dateHeader(value: string | null | undefined): number | undefined {
  if (!value) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * This machine's clock minus S3's, in ms, from one unauthenticated HEAD of the bucket's regional
 * endpoint (S3 answers 403 with a Date header; nothing is read or written). The local time taken is
 * the middle of the request, so the estimate is good to the Date header's second plus half the round trip.
 */
export async function clockSkewMs(url: string, now: () => number, fetcher: typeof fetch = fetch): Promise<{ skewMs: number; roundTripMs: number }> {
  const sent = now();
  const response = await fetcher(url, { method: 'HEAD' });
  const received = now();
  const server = dateHeader(response.headers.get('date'));
  if (server === undefined) throw new Error(`${url} answered without a Date header; S3's clock cannot be read`);
  return { skewMs: Math.round((sent + received) / 2 - server), roundTripMs: received - sent };
}

/** The bucket's regional virtual-hosted endpoint. */
export function bucketUrl(bucket: string, region: string, scheme: 'https' | 'http' = 'https'): string {
  return `${scheme}://${bucket}.s3.${region}.amazonaws.com/`;
}
