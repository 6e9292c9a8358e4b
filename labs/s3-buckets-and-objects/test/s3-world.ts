/**
 * An in-memory S3 (and the probe function) answering as the Amazon S3 API Reference gives it, for
 * the lab's live tests. Shapes: "PutObject" (ETag, VersionId, ServerSideEncryption), "GetObject"
 * (Body, VersionId), "DeleteObject" (DeleteMarker, VersionId), "ListObjectVersions" (Versions[],
 * DeleteMarkers[] with Key, VersionId, IsLatest, Size; IsTruncated), "ListObjectsV2" (Contents[] with
 * Key, ETag, Size; IsTruncated; KeyCount), "GetBucketVersioning" (Status), "GetPublicAccessBlock"
 * (PublicAccessBlockConfiguration), "GetBucketOwnershipControls" (OwnershipControls.Rules[]),
 * "GetBucketPolicy" (Policy), "GetObjectLockConfiguration" (ObjectLockConfiguration), "HeadObject"
 * (ServerSideEncryption, ObjectLockMode, ObjectLockRetainUntilDate), https://docs.aws.amazon.com/AmazonS3/latest/API/;
 * refusals as the SDK throws them: `name` the error code, `$metadata.httpStatusCode` the status
 * ("Error responses", List of error codes, https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html:
 * AccessDenied 403, BucketNotEmpty 409, NoSuchKey 404, NoSuchVersion 404, MalformedXML 400).
 * Lambda's Invoke returns StatusCode 200, Payload and, when the function failed, FunctionError
 * ("Invoke", https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html).
 *
 * `truthful` answers as S3 documents; a test changes one rule of the world (a `Partial<Rules>`) to
 * make a claim's check fail.
 */
import {
  DeleteBucketCommand, DeleteObjectCommand, GetBucketOwnershipControlsCommand, GetBucketPolicyCommand, GetBucketVersioningCommand, GetObjectCommand, GetObjectLockConfigurationCommand,
  GetPublicAccessBlockCommand, HeadObjectCommand, ListObjectVersionsCommand, ListObjectsV2Command, PutBucketPolicyCommand, PutBucketVersioningCommand, PutObjectCommand, S3Client,
} from '@aws-sdk/client-s3';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';

export const BUCKETS = {
  VersionsBucketName: 's3-buckets-and-objects-versionsbucket-1a2b3c4d5e6f',
  DefaultsBucketName: 's3-buckets-and-objects-defaultsbucket-1a2b3c4d5e6f',
  SeedPolicyBucketName: 's3-buckets-and-objects-seedpolicybucket-1a2b3c4d5e',
  LockBucketName: 's3-buckets-and-objects-lockbucket-1a2b3c4d5e6f',
  EndpointBucketName: 's3-buckets-and-objects-endpointreadsbucket-1a2b3c4d',
};
export const OUTPUTS = { ...BUCKETS, EndpointId: 'vpce-0123456789abcdef0', ProbeFunctionName: 's3-buckets-and-objects-ProbeFunction-AbCdEf123456' };

/** What the world does where a claim could be false: each rule as S3 documents it, unless a test changes it. */
export interface Rules {
  /** Reads see the latest write (strong consistency); a number n makes every n-th read after a write stale. */
  readonly staleEvery: number;
  readonly plainDeleteAddsMarker: boolean;
  readonly versioningCanBeDisabled: boolean;
  readonly deleteNonEmptyBucket: boolean;
  readonly defaultEncryption: 'AES256' | undefined;
  readonly seedPolicyDeniesNoHeader: boolean;
  readonly publicAccessBlocked: boolean;
  /** PutBucketPolicy refuses a public policy while the bucket's BlockPublicPolicy is on. */
  readonly bpaHonoured: boolean;
  readonly lockHonoured: boolean;
  readonly presignedExpires: boolean;
  readonly httpAllowed: boolean;
  readonly sourceVpceHonoured: boolean;
  /** This machine's clock minus S3's, ms (S3's clock is the world's `now` minus this). */
  readonly localClockAheadMs: number;
  /** Who answers on port 80: S3, nobody (the connection fails), or a proxy's bare 403. */
  readonly port80: 's3' | 'blocked' | 'proxy';
}

export const TRUTH: Rules = {
  staleEvery: 0,
  plainDeleteAddsMarker: true,
  versioningCanBeDisabled: false,
  deleteNonEmptyBucket: false,
  defaultEncryption: 'AES256',
  seedPolicyDeniesNoHeader: true,
  publicAccessBlocked: true,
  bpaHonoured: true,
  lockHonoured: true,
  presignedExpires: true,
  httpAllowed: false,
  sourceVpceHonoured: true,
  localClockAheadMs: 0,
  port80: 's3',
};

interface Version {
  readonly id: string;
  readonly body?: string;
  readonly marker: boolean;
  readonly etag: string;
  readonly sse?: string;
  readonly lockMode?: string;
  readonly retainUntil?: Date;
}

const amzDateOf = (v: string) => Date.UTC(+v.slice(0, 4), +v.slice(4, 6) - 1, +v.slice(6, 8), +v.slice(9, 11), +v.slice(11, 13), +v.slice(13, 15));

export function s3Error(code: string, status: number, message = code): Error {
  return Object.assign(new Error(message), { name: code, $metadata: { httpStatusCode: status, requestId: 'EXAMPLE123', attempts: 1 } });
}

const body = (text: string) => ({ transformToString: async () => text, transformToByteArray: async () => new TextEncoder().encode(text) });
const meta = (status = 200) => ({ $metadata: { httpStatusCode: status, requestId: 'EXAMPLE123', attempts: 1 } });
const TLS_POLICY = (bucket: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: { AWS: '*' }, Action: 's3:*', Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`], Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] });

/** The world: buckets of versions, the mocked S3 and Lambda clients, and a fetch for presigned URLs. */
export function s3World(now: () => number, rules: Partial<Rules> = {}) {
  const r: Rules = { ...TRUTH, ...rules };
  const s3 = mockClient(S3Client);
  const lambda = mockClient(LambdaClient);
  const store = new Map<string, Map<string, Version[]>>(Object.values(BUCKETS).map((b) => [b, new Map()]));
  const versioning = new Map<string, string | undefined>([[BUCKETS.VersionsBucketName, 'Enabled'], [BUCKETS.LockBucketName, 'Enabled']]);
  const policies = new Map(Object.values(BUCKETS).map((b) => [b, TLS_POLICY(b)]));
  let counter = 0;
  let reads = 0;
  const keysOf = (bucket: string) => {
    const k = store.get(bucket);
    if (!k) throw s3Error('NoSuchBucket', 404);
    return k;
  };
  const latest = (bucket: string, key: string) => keysOf(bucket).get(key)?.at(-1);
  /** A stale world answers every n-th read with the state before the last write. */
  const view = (bucket: string, key: string): Version | undefined => {
    const list = keysOf(bucket).get(key) ?? [];
    reads++;
    if (r.staleEvery > 0 && reads % r.staleEvery === 0) return list.at(-2);
    return list.at(-1);
  };
  const put = (bucket: string, key: string, v: Omit<Version, 'id' | 'etag'>) => {
    const list = keysOf(bucket).get(key) ?? [];
    const id = versioning.get(bucket) === 'Enabled' ? `v${++counter}EXAMPLE` : 'null';
    const kept = id === 'null' ? list.filter((x) => x.id !== 'null') : list;
    const version = { ...v, id, etag: `"${(++counter).toString(16).padStart(32, '0')}"` };
    keysOf(bucket).set(key, [...kept, version]);
    return version;
  };

  s3.on(PutObjectCommand).callsFake(async (i) => {
    const sse = i.ServerSideEncryption as string | undefined;
    if (i.Bucket === BUCKETS.SeedPolicyBucketName && sse !== 'AES256' && (sse !== undefined || r.seedPolicyDeniesNoHeader)) throw s3Error('AccessDenied', 403, 'User is not authorized to perform: s3:PutObject with an explicit deny in a resource-based policy');
    const text = typeof i.Body === 'string' ? i.Body : '';
    const v = put(i.Bucket!, i.Key!, { body: text, marker: false, sse: sse ?? r.defaultEncryption, lockMode: i.ObjectLockMode, retainUntil: i.ObjectLockRetainUntilDate as Date | undefined });
    return { ...meta(), ETag: v.etag, ...(v.id !== 'null' ? { VersionId: v.id } : {}), ...(v.sse ? { ServerSideEncryption: v.sse as 'AES256' } : {}) };
  });
  s3.on(GetObjectCommand).callsFake(async (i) => {
    if (i.Bucket === BUCKETS.EndpointBucketName && /^lab-checks\/source-(vpce|arn)\//.test(i.Key!)) throw s3Error('AccessDenied', 403);
    if (i.VersionId) {
      const v = (keysOf(i.Bucket!).get(i.Key!) ?? []).find((x) => x.id === i.VersionId);
      if (!v) throw s3Error('NoSuchVersion', 404, 'The specified version does not exist.');
      return { ...meta(), Body: body(v.body ?? '') as never, VersionId: v.id };
    }
    const v = view(i.Bucket!, i.Key!);
    if (!v || v.marker) throw s3Error('NoSuchKey', 404, 'The specified key does not exist.');
    return { ...meta(), Body: body(v.body ?? '') as never, ETag: v.etag, ...(v.id !== 'null' ? { VersionId: v.id } : {}) };
  });
  s3.on(HeadObjectCommand).callsFake(async (i) => {
    const list = keysOf(i.Bucket!).get(i.Key!) ?? [];
    const v = i.VersionId ? list.find((x) => x.id === i.VersionId) : list.at(-1);
    if (!v || v.marker) throw s3Error('NotFound', 404);
    return { ...meta(), ETag: v.etag, ServerSideEncryption: v.sse as 'AES256', ...(v.lockMode ? { ObjectLockMode: v.lockMode as 'GOVERNANCE', ObjectLockRetainUntilDate: v.retainUntil } : {}) };
  });
  s3.on(DeleteObjectCommand).callsFake(async (i) => {
    const keys = keysOf(i.Bucket!);
    const list = keys.get(i.Key!) ?? [];
    if (i.VersionId) {
      const v = list.find((x) => x.id === i.VersionId);
      if (v?.lockMode && v.retainUntil && v.retainUntil.getTime() > now() && r.lockHonoured && !(v.lockMode === 'GOVERNANCE' && i.BypassGovernanceRetention)) throw s3Error('AccessDenied', 403, 'Access Denied because object protected by object lock.');
      keys.set(i.Key!, list.filter((x) => x.id !== i.VersionId));
      return { ...meta(204), VersionId: i.VersionId, ...(v?.marker ? { DeleteMarker: true } : {}) };
    }
    const state = versioning.get(i.Bucket!);
    if (state === undefined) {
      keys.delete(i.Key!);
      return meta(204);
    }
    if (!r.plainDeleteAddsMarker) {
      keys.set(i.Key!, list.slice(0, -1));
      return meta(204);
    }
    const m = put(i.Bucket!, i.Key!, { marker: true });
    return { ...meta(204), DeleteMarker: true, VersionId: m.id };
  });
  s3.on(ListObjectVersionsCommand).callsFake(async (i) => {
    const all = [...keysOf(i.Bucket!).entries()].filter(([k]) => k.startsWith(i.Prefix ?? '')).flatMap(([k, list]) => list.map((v, n) => ({ k, v, latest: n === list.length - 1 })));
    return {
      ...meta(),
      IsTruncated: false,
      Versions: all.filter((x) => !x.v.marker).reverse().map((x) => ({ Key: x.k, VersionId: x.v.id, IsLatest: x.latest, Size: x.v.body?.length ?? 0, ETag: x.v.etag, StorageClass: 'STANDARD' as const, LastModified: new Date(now()) })),
      DeleteMarkers: all.filter((x) => x.v.marker).map((x) => ({ Key: x.k, VersionId: x.v.id, IsLatest: x.latest, LastModified: new Date(now()) })),
    };
  });
  s3.on(ListObjectsV2Command).callsFake(async (i) => {
    const contents = [...keysOf(i.Bucket!).keys()].filter((k) => k.startsWith(i.Prefix ?? '')).map((k) => [k, view(i.Bucket!, k)] as const).filter(([, v]) => v && !v.marker);
    return { ...meta(), IsTruncated: false, KeyCount: contents.length, Contents: contents.map(([k, v]) => ({ Key: k, ETag: v!.etag, Size: v!.body?.length ?? 0, StorageClass: 'STANDARD' as const, LastModified: new Date(now()) })) };
  });
  s3.on(PutBucketVersioningCommand).callsFake(async (i) => {
    const status = i.VersioningConfiguration?.Status as string;
    if (status !== 'Enabled' && status !== 'Suspended' && !r.versioningCanBeDisabled) throw s3Error('MalformedXML', 400, 'The XML you provided was not well-formed or did not validate against our published schema');
    versioning.set(i.Bucket!, status === 'Disabled' ? undefined : status);
    return meta();
  });
  s3.on(GetBucketVersioningCommand).callsFake(async (i) => ({ ...meta(), ...(versioning.get(i.Bucket!) ? { Status: versioning.get(i.Bucket!) as 'Enabled' } : {}) }));
  s3.on(DeleteBucketCommand).callsFake(async (i) => {
    const nonEmpty = [...keysOf(i.Bucket!).values()].some((l) => l.length > 0);
    if (nonEmpty && !r.deleteNonEmptyBucket) throw s3Error('BucketNotEmpty', 409, 'The bucket you tried to delete is not empty');
    store.delete(i.Bucket!);
    return meta(204);
  });
  s3.on(GetPublicAccessBlockCommand).callsFake(async () => ({ ...meta(), PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: r.publicAccessBlocked, RestrictPublicBuckets: true } }));
  s3.on(GetBucketOwnershipControlsCommand).resolves({ ...meta(), OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] } });
  s3.on(GetBucketPolicyCommand).callsFake(async (i) => ({ ...meta(), Policy: policies.get(i.Bucket!) }));
  s3.on(PutBucketPolicyCommand).callsFake(async (i) => {
    const doc = JSON.parse(i.Policy!);
    if (r.publicAccessBlocked && r.bpaHonoured && doc.Statement.some((s: any) => s.Effect === 'Allow' && s.Principal === '*')) throw s3Error('AccessDenied', 403, 'public policies are blocked by the BlockPublicPolicy block public access setting.');
    policies.set(i.Bucket!, i.Policy!);
    return meta(204);
  });
  s3.on(GetObjectLockConfigurationCommand).resolves({ ...meta(), ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled' } });

  lambda.on(InvokeCommand).callsFake(async (i) => {
    const event = JSON.parse(new TextDecoder().decode(i.Payload as Uint8Array));
    const results = event.keys.map((key: string) => {
      const denied = key.startsWith('lab-checks/source-arn/') || (key.startsWith('lab-checks/source-vpce/') && !r.sourceVpceHonoured);
      if (denied) return { key, status: 403, code: 'AccessDenied', message: 'Access Denied' };
      return { key, status: 200, body: latest(event.bucket, key)?.body };
    });
    return { StatusCode: 200, ExecutedVersion: '$LATEST', Payload: new TextEncoder().encode(JSON.stringify({ results })) as never };
  });

  /**
   * fetch: the unauthenticated HEAD of the skew reading, and presigned URLs judged by S3's clock
   * (the world's `now` minus `localClockAheadMs`) against X-Amz-Date and X-Amz-Expires ("Authenticating
   * Requests: Using Query Parameters (AWS Signature Version 4)", https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html).
   * S3's answers carry `x-amz-request-id` and, for a refusal, an XML error body ("Error responses",
   * REST error responses, https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html). A URL
   * dated after S3's clock is refused AccessDenied "Request is not yet valid" (the body S3 sends, as
   * quoted in https://github.com/dmjio/s3-signer/issues/16; no AWS page documents it).
   */
  const s3Now = () => now() - r.localClockAheadMs;
  const fetcher = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input));
    const server = s3Now();
    const headers = { date: new Date(server).toUTCString(), 'x-amz-request-id': 'EXAMPLE123', 'x-amz-id-2': 'EXAMPLEid2' };
    if (init?.method === 'HEAD') return new Response(null, { status: 403, headers });
    if (url.protocol === 'http:' && r.port80 === 'blocked') throw new TypeError('fetch failed', { cause: new Error('connect ETIMEDOUT 52.218.0.1:80') });
    if (url.protocol === 'http:' && r.port80 === 'proxy') return new Response('<html><body>Forbidden by policy</body></html>', { status: 403, headers: { date: headers.date, 'content-type': 'text/html' } });
    const xml = (code: string, message: string) => new Response(`<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>EXAMPLE123</RequestId></Error>`, { status: 403, headers: { ...headers, 'content-type': 'application/xml' } });
    if (url.protocol === 'http:' && !r.httpAllowed) return xml('AccessDenied', 'Access Denied');
    const signedAt = amzDateOf(url.searchParams.get('X-Amz-Date')!);
    if (signedAt > server) return xml('AccessDenied', 'Request is not yet valid');
    if (r.presignedExpires && server > signedAt + Number(url.searchParams.get('X-Amz-Expires')) * 1000) return xml('AccessDenied', 'Request has expired');
    const [bucket] = url.hostname.split('.');
    const key = decodeURIComponent(url.pathname.slice(1));
    return new Response(latest(bucket, key)?.body ?? '', { status: 200, headers });
  };

  return { s3, lambda, fetcher, store, versioning, policies };
}
