/**
 * The checks of B9, B12, T9, I2 (its S3 claim), I33, I44, I45, A26, A43 and A49, keyed by catalog
 * claim id: the template evidence that the lab is built to show each claim, and the judgement of
 * what S3 answered. The claims' text lives in the catalog.
 */
import { decisive, type Expectation, expectAtLeast, expectEqual, expectThat, type Judgement, requires } from '../../lib/lab-kit/checks/judgement';
import { type ClaimCheck, live } from '../../lib/lab-kit/checks/lab-definition';
import { type BucketFacts, deniesOn, type Facts } from './facts';
import { type ConsistencyObservation, consistency, type ReadResult, type RoundResult } from './observe-consistency';
import { encryption, type EncryptionObservation } from './observe-encryption';
import { type EndpointObservation, endpointReads } from './observe-endpoint';
import { LOCK_MODE, objectLock, type LockObservation } from './observe-lock';
import { PAST_EXPIRY_MS, presigned, type PresignedObservation } from './observe-presigned';
import { publicAccess, type PublicAccessObservation } from './observe-public-access';
import { VERSION_SIZES, versions, type VersionsObservation } from './observe-versions';
import type { Answer } from './s3-calls';

const said = (a: Answer | undefined) => (!a ? 'no answer' : a.ok ? `${a.status ?? 200} OK` : `${a.status ?? '?'} ${a.code ?? ''}`.trim());
const refused = (what: string, a: Answer, code: string, status: number): Expectation => expectThat(what, !a.ok && a.code === code && a.status === status, said(a), `${status} ${code}`);
const accepted = (what: string, a: Answer): Expectation => expectThat(what, a.ok, said(a), '2xx');
const listed = (v: readonly string[]) => (v.length ? v.join(', ') : 'none');

function offline(observed: string, method: string, expectations: Expectation[]): Judgement {
  return { observed, method: `template: ${method}`, expectations };
}

// ---------------------------------------------------------------------------------------------
// Offline
// ---------------------------------------------------------------------------------------------

const tlsDeny = (b: BucketFacts) => deniesOn(b, 'aws:SecureTransport').some((s) => s.conditions.Bool?.['aws:SecureTransport']?.includes('false') && s.actions.includes('s3:*'));
const generatedNameAndSelfEmptying = (b: BucketFacts, what: string): Expectation[] => [
  expectThat(`${what} empties itself at deletion (autoDeleteObjects)`, b.autoDelete, b.autoDelete ? 'yes' : 'no Custom::S3AutoDeleteObjects'),
  expectThat(`${what} has a generated name`, !b.fixedName, b.fixedName ? 'a fixed BucketName' : 'generated'),
];

function versionedOffline(f: Facts): Judgement {
  const v = f.versions;
  return offline(
    `The versioned bucket: VersioningConfiguration ${v.versioning}, noncurrent versions expire after ${listed(v.noncurrentExpirationDays.map(String))} day(s).`,
    'the VersionsBucketName bucket and its lifecycle rules',
    [expectEqual('VersioningConfiguration.Status', 'Enabled', v.versioning), ...generatedNameAndSelfEmptying(v, 'the bucket')],
  );
}

function lifecycleOffline(f: Facts): Judgement {
  const v = f.versions;
  return offline(`Noncurrent versions expire after ${listed(v.noncurrentExpirationDays.map(String))} day(s).`, 'LifecycleConfiguration of the VersionsBucketName bucket', [
    expectEqual('VersioningConfiguration.Status', 'Enabled', v.versioning),
    expectThat('a lifecycle rule expires noncurrent versions (what keeps the cost of every version in check)', v.noncurrentExpirationDays.length > 0, listed(v.noncurrentExpirationDays.map((d) => `${d} days`))),
  ]);
}

function defaultsOffline(f: Facts, what: 'encryption' | 'public' | 'consistency'): Judgement {
  const d = f.defaults;
  const expectations: Expectation[] =
    what === 'encryption'
      ? [expectThat('no BucketEncryption (S3 encrypts new objects by default)', !d.setsEncryption, d.setsEncryption ? 'set' : 'not set'), expectEqual("the bucket policy's statements on s3:x-amz-server-side-encryption", 0, deniesOn(d, 's3:x-amz-server-side-encryption').length)]
      : what === 'public'
        ? [expectThat('no PublicAccessBlockConfiguration (S3 blocks public access on new buckets by itself)', !d.setsPublicAccessBlock, d.setsPublicAccessBlock ? 'set' : 'not set'), expectThat('no OwnershipControls (ACLs are disabled by default)', !d.setsOwnershipControls, d.setsOwnershipControls ? 'set' : 'not set')]
        : [expectEqual('VersioningConfiguration.Status (not versioned: a delete by key is final, so each round leaves nothing)', 'unset', d.versioning)];
  return offline(
    `The defaults bucket sets ${[d.setsEncryption && 'BucketEncryption', d.setsPublicAccessBlock && 'PublicAccessBlockConfiguration', d.setsOwnershipControls && 'OwnershipControls'].filter(Boolean).join(', ') || 'none of BucketEncryption, PublicAccessBlockConfiguration, OwnershipControls'}; versioning ${d.versioning}.`,
    'the DefaultsBucketName bucket and its policy',
    [...expectations, ...generatedNameAndSelfEmptying(d, 'the bucket')],
  );
}

function seedOffline(f: Facts): Judgement {
  const deny = deniesOn(f.seedPolicy, 's3:x-amz-server-side-encryption')[0];
  const values = deny?.conditions.StringNotEquals?.['s3:x-amz-server-side-encryption'] ?? [];
  return offline(`The seed policy bucket denies ${listed(deny?.actions ?? [])} when s3:x-amz-server-side-encryption is not ${listed(values)}.`, 'the SeedPolicyBucketName bucket policy', [
    expectThat("the seed's deny: s3:PutObject, StringNotEquals s3:x-amz-server-side-encryption AES256", !!deny && deny.actions.includes('s3:PutObject') && values.join() === 'AES256', deny ? `${listed(deny.actions)} unless ${listed(values)}` : 'no such statement'),
    expectThat('no BucketEncryption either (the policy is the only thing the seed adds)', !f.seedPolicy.setsEncryption, f.seedPolicy.setsEncryption ? 'set' : 'not set'),
  ]);
}

function lockOffline(f: Facts): Judgement {
  const l = f.lock;
  return offline(`The lock bucket: ObjectLockEnabled ${l.objectLockEnabled}, default retention ${l.defaultRetention ?? 'none'}.`, 'the LockBucketName bucket', [
    expectThat('ObjectLockEnabled', l.objectLockEnabled, String(l.objectLockEnabled)),
    expectThat('no default retention (only the check locks a version, for seconds, so the bucket can always be emptied)', l.defaultRetention === undefined, l.defaultRetention ?? 'none'),
    expectThat('lifecycle expires current and noncurrent versions and lone delete markers (what removes a version an interrupted run left locked, once its retention ends)', l.currentExpirationDays.length > 0 && l.noncurrentExpirationDays.length > 0 && l.removesLoneMarkers, `current ${listed(l.currentExpirationDays.map((d) => `${d} d`))}, noncurrent ${listed(l.noncurrentExpirationDays.map((d) => `${d} d`))}, lone markers ${l.removesLoneMarkers ? 'removed' : 'kept'}`),
    ...generatedNameAndSelfEmptying(l, 'the bucket'),
  ]);
}

function endpointOffline(f: Facts): Judgement {
  const b = f.endpointBucket;
  const vpce = deniesOn(b, 'aws:SourceVpce')[0];
  const arn = deniesOn(b, 'aws:SourceArn')[0];
  const vpceValue = vpce?.conditions.StringNotEquals?.['aws:SourceVpce'] ?? [];
  return offline(
    `Reads are denied unless aws:SourceVpce is ${listed(vpceValue)} on ${listed(vpce?.resources ?? [])}, and unless aws:SourceArn is ${listed(arn?.conditions.StringNotEquals?.['aws:SourceArn'] ?? [])} on ${listed(arn?.resources ?? [])}; the VPC has ${f.internetRoutes.length} internet or NAT route(s).`,
    'the EndpointBucketName bucket policy, the EndpointId endpoint, the VPC routes and the probe function',
    [
      expectThat('a GetObject deny on aws:SourceVpce naming the gateway endpoint', !!vpce && vpce.actions.includes('s3:GetObject') && vpceValue.join() === `\${${f.endpoint.logicalId}}`, vpce ? listed(vpceValue) : 'none'),
      expectThat("the seed's GetObject deny on aws:SourceArn, on another prefix", !!arn && arn.actions.includes('s3:GetObject'), arn ? listed(arn.resources) : 'none'),
      expectEqual('the endpoint type', 'Gateway', f.endpoint.type),
      expectAtLeast('route tables of the endpoint', 1, f.endpoint.routeTables),
      expectEqual('internet gateways, NAT gateways and routes to them (the probe reaches S3 only through the endpoint)', [], [...f.internetRoutes]),
      expectThat('the probe runs in the VPC', f.probe.inVpc, f.probe.inVpc ? 'yes' : 'no VpcConfig'),
    ],
  );
}

function tlsOffline(f: Facts): Judgement {
  const buckets = { versions: f.versions, defaults: f.defaults, seedPolicy: f.seedPolicy, lock: f.lock, endpointBucket: f.endpointBucket };
  const without = Object.entries(buckets).filter(([, b]) => !tlsDeny(b)).map(([n]) => n);
  return offline(`${Object.keys(buckets).length - without.length} of ${Object.keys(buckets).length} buckets deny s3:* when aws:SecureTransport is false.`, 'every bucket policy', [
    expectEqual('buckets without the aws:SecureTransport deny', [], without),
  ]);
}

function presignOffline(f: Facts): Judgement {
  const open = f.defaults.statements.filter((s) => s.effect === 'Allow' && (s.principal === '*' || s.principal === '\"*\"'));
  return offline(`The defaults bucket's policy has ${open.length} Allow statement(s) for everyone.`, 'the DefaultsBucketName bucket policy', [
    expectEqual('statements allowing anyone (objects stay private, so only the presigned URL lets a request without credentials read one)', 0, open.length),
    expectThat('TLS required (the presigned URL is fetched over HTTPS)', tlsDeny(f.defaults), tlsDeny(f.defaults) ? 'yes' : 'no aws:SecureTransport deny'),
  ]);
}

// ---------------------------------------------------------------------------------------------
// Live
// ---------------------------------------------------------------------------------------------

function versionsNotWritten(o: VersionsObservation) {
  return requires(`the run wrote ${VERSION_SIZES.length} versions of one key`, o.afterWrites.versions === VERSION_SIZES.length, `${o.afterWrites.versions} version(s) listed`);
}

function b12Deletion(o: VersionsObservation): Judgement {
  return {
    observed: `A plain delete ${o.plainDelete.deleteMarker ? 'added a delete marker' : 'made no delete marker'}; GET then said ${said(o.getAfterPlainDelete)} while the newest version by id said ${said(o.getVersionAfterPlainDelete)}; with the marker removed GET returned ${o.getAfterMarkerRemoved.size ?? 'no'} bytes; after deleting that version by id it said ${said(o.getDeletedVersion)}.`,
    method: 'PutObject ×3, DeleteObject without and with VersionId, GetObject with and without VersionId, ListObjectVersions',
    preconditions: [versionsNotWritten(o)],
    expectations: [
      expectThat('a plain DeleteObject adds a delete marker', o.plainDelete.deleteMarker, String(o.plainDelete.deleteMarker)),
      refused('GetObject after the plain delete', o.getAfterPlainDelete, 'NoSuchKey', 404),
      expectEqual('versions still listed after the plain delete', VERSION_SIZES.length, o.afterPlainDelete.versions),
      expectEqual('the newest version read by id after the plain delete (bytes)', VERSION_SIZES[2], o.getVersionAfterPlainDelete.size),
      expectEqual('GetObject after deleting the marker: the newest version again (bytes)', VERSION_SIZES[2], o.getAfterMarkerRemoved.size),
      refused('GetObject of the version deleted by id', o.getDeletedVersion, 'NoSuchVersion', 404),
      expectEqual('the current object after deleting the newest version by id: the one before (bytes)', VERSION_SIZES[1], o.getAfterVersionDelete.size),
      expectEqual('versions listed after deleting one by id', VERSION_SIZES.length - 1, o.afterVersionDelete.versions),
    ],
    notExercised: 'MFA Delete and Object Lock as the ways to block permanent deletion (Object Lock is A26\'s check; MFA Delete needs the root user)',
  };
}

function b12Storage(o: VersionsObservation): Judgement {
  const stored = o.afterWrites.sizes.reduce((a, b) => a + b, 0);
  return {
    observed: `One key written ${VERSION_SIZES.length} times is stored as ${o.afterWrites.versions} versions of ${listed(o.afterWrites.sizes.map((s) => `${s} B`))}: ${stored} bytes for a current object of ${o.afterWrites.sizes.at(-1) ?? 0}.`,
    method: 'ListObjectVersions: Size of every version of the key',
    figures: [
      { name: 'bytes stored, all versions', value: stored, unit: 'bytes' },
      { name: 'bytes of the current version', value: o.afterWrites.sizes.at(-1) ?? 0, unit: 'bytes' },
    ],
    preconditions: [versionsNotWritten(o)],
    expectations: [expectEqual('Size of each version, oldest first (bytes)', [...VERSION_SIZES], [...o.afterWrites.sizes])],
    notExercised: 'the bill itself: the listing shows what S3 stores per version, and "Normal Amazon S3 rates apply for every version of an object stored" (Retaining multiple versions of objects with S3 Versioning)',
  };
}

/** DeleteBucket's answer contradicts the claim whatever else the run missed, but only if it was sent. */
const sentDecisive = (o: VersionsObservation, e: Expectation): Expectation => (o.bucketVersionsAtDelete > 0 ? decisive(e) : e);

function b9Empty(o: VersionsObservation): Judgement {
  return {
    observed: `DeleteBucket with ${o.bucketVersionsAtDelete} version(s) and marker(s) in the bucket said ${said(o.deleteBucket)}.`,
    method: 'ListObjectVersions of the whole bucket, then DeleteBucket (sent only when it held something)',
    preconditions: [requires('the bucket held versions when DeleteBucket was sent', o.bucketVersionsAtDelete > 0, String(o.bucketVersionsAtDelete))],
    expectations: [sentDecisive(o, refused('DeleteBucket of a bucket that is not empty', o.deleteBucket, 'BucketNotEmpty', 409))],
    notExercised: 'DeleteBucket succeeding once the bucket is empty: the lab bucket is deleted by the stack, which empties it first',
  };
}

/**
 * The codes S3 may give a PutBucketVersioning whose Status is neither Enabled nor Suspended, both
 * 400 in "Error responses", List of error codes (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html#ErrorCodeList):
 * MalformedXML (the body does not validate against the schema, whose Status is Enabled | Suspended)
 * and IllegalVersioningConfigurationException (the versioning configuration is invalid). No AWS page
 * says which one this request gets, so either is accepted and the one S3 sent is reported.
 */
const DISABLED_REFUSALS: readonly string[] = ['MalformedXML', 'IllegalVersioningConfigurationException'];

function b9Suspend(o: VersionsObservation): Judgement {
  return {
    observed: `${o.statusAtStart === 'Suspended' ? 'The bucket was Suspended when the run began (an earlier run was interrupted); the run enabled versioning again first. ' : ''}Versioning "Disabled" was ${o.disable.ok ? 'accepted' : `refused (${said(o.disable)})`}; after suspending, GetBucketVersioning said ${o.statusAfterSuspend ?? 'nothing'} and the run's key still had ${o.afterSuspend.versions} version(s) and ${o.afterSuspend.markers} delete marker(s); DeleteBucket said ${said(o.deleteBucket)}.`,
    method: 'PutBucketVersioning Status Disabled, then Suspended; GetBucketVersioning; DeleteObject; ListObjectVersions; DeleteBucket',
    figures: [
      { name: 'versions after suspending', value: o.afterSuspend.versions, unit: 'versions' },
      { name: 'delete markers after suspending', value: o.afterSuspend.markers, unit: 'markers' },
    ],
    preconditions: [versionsNotWritten(o), requires('the bucket held versions when DeleteBucket was sent', o.bucketVersionsAtDelete > 0, String(o.bucketVersionsAtDelete))],
    expectations: [
      expectThat('PutBucketVersioning refuses a Status other than Enabled or Suspended', !o.disable.ok && o.disable.status === 400 && DISABLED_REFUSALS.includes(o.disable.code ?? ''), said(o.disable), `400 ${DISABLED_REFUSALS.join(' or ')}`),
      expectEqual('GetBucketVersioning after suspending', 'Suspended', o.statusAfterSuspend),
      expectEqual('versions kept after suspending', VERSION_SIZES.length - 1, o.afterSuspend.versions),
      expectEqual('delete markers after a plain delete while suspended (the null-version marker)', 1, o.afterSuspend.markers),
      sentDecisive(o, refused('DeleteBucket while they remain', o.deleteBucket, 'BucketNotEmpty', 409)),
      expectThat('the run put versioning back to Enabled', o.reEnabled, String(o.reEnabled)),
    ],
  };
}

const READS: readonly (keyof Omit<RoundResult, 'missingFirst' | 'gapsMs'>)[] = ['readAfterCreate', 'readAfterOverwrite', 'listAfterOverwrite', 'readAfterDelete', 'listAfterDelete'];
const READ_NAMES: Readonly<Record<(typeof READS)[number], string>> = {
  readAfterCreate: 'GET after the first PUT (the key had just answered 404)',
  readAfterOverwrite: 'GET after the overwrite',
  listAfterOverwrite: 'LIST after the overwrite',
  readAfterDelete: 'GET after the DELETE',
  listAfterDelete: 'LIST after the DELETE',
};

/**
 * The one-sided 95% upper confidence bound on the probability of a stale read when none of `n`
 * independent tries was stale (exact binomial, Clopper-Pearson): 1 - 0.05^(1/n). The checks apply
 * it per read kind with n = rounds: the reads of one round share a key, a connection and probably a
 * front end, and follow each other, so they are not independent and pooling them would overstate n.
 * Even across rounds independence is an assumption (one client, one Region, one run).
 */
export function staleUpperBound95(n: number): number {
  return n > 0 ? 1 - 0.05 ** (1 / n) : 1;
}

function consistencyJudgement(o: ConsistencyObservation, kinds: readonly (typeof READS)[number][], onlyAfterMissing: boolean, notExercised?: string): Judgement {
  const rounds = onlyAfterMissing ? o.rounds.filter((r) => r.missingFirst) : o.rounds;
  const count = (k: (typeof READS)[number], v: ReadResult) => rounds.filter((r) => r[k] === v).length;
  const tries = kinds.length * rounds.length;
  const stale = kinds.reduce((n, k) => n + count(k, 'stale'), 0);
  const other = kinds.reduce((n, k) => n + count(k, 'other'), 0);
  const gaps = rounds.flatMap((r) => kinds.map((k) => r.gapsMs[READS.indexOf(k)]));
  return {
    observed: `${stale} stale read(s) and ${other} unexpected answer(s) in ${tries} reads over ${rounds.length} round(s): ${kinds.map((k) => `${READ_NAMES[k]} ${count(k, 'fresh')}/${rounds.length} fresh`).join('; ')}.`,
    method:
      'one client, one request at a time, a fresh key per round: GetObject (404), PutObject, GetObject, PutObject, GetObject, ListObjectsV2, DeleteObject, GetObject, ListObjectsV2; a read is stale when it shows the key as it was before the last answered write',
    figures: [
      { name: 'stale reads', value: stale, unit: 'reads' },
      { name: 'reads judged', value: tries, unit: 'reads' },
      ...kinds.map((k) => ({ name: `${READ_NAMES[k]}: stale-read probability, 95% upper bound (exact binomial, 0 stale in ${rounds.length} rounds, rounds assumed independent)`, value: count(k, 'stale') === 0 ? Number((staleUpperBound95(rounds.length) * 100).toFixed(2)) : NaN, unit: '%' })),
      { name: 'median gap from the write answered to the read answered', value: gaps.length ? [...gaps].sort((a, b) => a - b)[Math.floor(gaps.length / 2)] : NaN, unit: 'ms' },
    ].filter((f) => !Number.isNaN(f.value)),
    preconditions: [
      requires('every requested round ran', o.rounds.length === o.requested, `${o.rounds.length} of ${o.requested}`),
      ...(onlyAfterMissing ? [requires('rounds whose first GET answered 404 NoSuchKey', rounds.length > 0, `${rounds.length} of ${o.rounds.length}`)] : []),
    ],
    expectations: [decisive(expectEqual('stale reads', 0, stale)), expectEqual('answers that were neither the new nor the old state', 0, other)],
    notExercised:
      notExercised ??
      `other Regions and clients, and concurrency: a guarantee is not proven by sampling; ${rounds.length} rounds with no stale read of a kind bound that kind's stale-read rate at ${(staleUpperBound95(rounds.length) * 100).toFixed(2)}% (95%, exact binomial, per kind: the reads of a round are not independent, so they are not pooled), and one stale read would refute it`,
  };
}

function encryptedByDefault(o: EncryptionObservation): Judgement {
  return {
    observed: `An upload with no encryption header to a bucket with no encryption setting was ${o.plain.answer.ok ? 'stored' : `refused (${said(o.plain.answer)})`}; PutObject said ServerSideEncryption ${o.plain.encryption ?? 'none'}, HeadObject ${o.headEncryption ?? 'none'}.`,
    method: 'PutObject without x-amz-server-side-encryption, HeadObject',
    preconditions: [requires('the upload was stored', o.plain.answer.ok, said(o.plain.answer))],
    expectations: [expectEqual('PutObject ServerSideEncryption', 'AES256', o.plain.encryption), expectEqual('HeadObject ServerSideEncryption', 'AES256', o.headEncryption)],
  };
}

function seedDenies(o: EncryptionObservation): Judgement {
  const s = o.seed;
  return {
    observed: `With the seed's policy: no header → ${said(s.noHeader.answer)}; AES256 → ${said(s.aes256.answer)} (${s.aes256.encryption ?? 'none'}); aws:kms → ${said(s.kms.answer)}.`,
    method: 'PutObject three times to the SeedPolicyBucketName bucket: no header, ServerSideEncryption AES256, ServerSideEncryption aws:kms (the AWS managed key)',
    preconditions: [requires('the caller may upload at all (the AES256 upload was stored)', s.aes256.answer.ok, said(s.aes256.answer))],
    expectations: [
      refused('an upload without the header, which S3 would encrypt with SSE-S3', s.noHeader.answer, 'AccessDenied', 403),
      refused('an SSE-KMS upload', s.kms.answer, 'AccessDenied', 403),
      expectEqual('the AES256 upload stored with', 'AES256', s.aes256.encryption),
    ],
  };
}

function publicBlocked(o: PublicAccessObservation): Judgement {
  const b = o.block;
  const all = !!b && b.BlockPublicAcls === true && b.IgnorePublicAcls === true && b.BlockPublicPolicy === true && b.RestrictPublicBuckets === true;
  return {
    observed: `GetPublicAccessBlock: ${b ? Object.entries(b).map(([k, v]) => `${k} ${v}`).join(', ') : said(o.blockAnswer)}; ObjectOwnership ${o.objectOwnership ?? 'none'}.`,
    method: 'GetPublicAccessBlock and GetBucketOwnershipControls of a bucket whose template sets neither',
    expectations: [expectThat('all four Block Public Access settings on', all, b ? JSON.stringify(b) : said(o.blockAnswer)), expectEqual('ObjectOwnership', 'BucketOwnerEnforced', o.objectOwnership)],
    notExercised: "the account-level settings (S3 Control's GetPublicAccessBlock), which apply on top of the bucket's",
  };
}

function publicNeedsBpaOff(o: PublicAccessObservation): Judgement {
  return {
    observed: `The bucket's own policy written back: ${said(o.rewriteOwnPolicy)}; the same with a public-read statement: ${said(o.publicPolicy)}${o.publicPolicy.ok ? `, so the run put the original back (${o.restored ? 'done' : 'FAILED'})` : ''}.`,
    method: 'GetBucketPolicy, PutBucketPolicy of the same document, PutBucketPolicy with Principal * allowed s3:GetObject on a prefix that holds nothing',
    preconditions: [
      requires('the caller may write this bucket\'s policy (the unchanged one was accepted)', o.rewriteOwnPolicy.ok, said(o.rewriteOwnPolicy)),
      requires('the public policy was sent (only while all four Block Public Access settings read true)', o.publicPolicySent, o.publicPolicySent ? 'sent' : JSON.stringify(o.block ?? null)),
    ],
    expectations: [(o.publicPolicySent ? decisive : (e: Expectation) => e)(refused('a bucket policy granting public read while Block Public Access is on', o.publicPolicy, 'AccessDenied', 403))],
    notExercised: 'turning Block Public Access off and making the bucket public: the lab stops short of that on purpose; so the second half (that public ACLs do not work with ACLs disabled) rests on ObjectOwnership BucketOwnerEnforced, read by the other I33 check',
  };
}

function presignedExpiry(o: PresignedObservation): Judgement {
  const expiresAt = o.signedAtMs + o.expiresSeconds * 1000;
  // The Date header has one-second resolution and S3 judges the request when it arrives, a moment before it writes Date: a second either side of the expiry is not judged.
  // Answers dated before X-Amz-Date are not judged either (a URL S3 would call not yet valid says nothing of its expiry).
  const before = o.polls.filter((p) => p.serverMs !== undefined && p.serverMs >= o.signedAtMs && p.serverMs <= expiresAt - 1000);
  const after = o.polls.filter((p) => p.serverMs !== undefined && p.serverMs >= expiresAt + 1000);
  const lastOk = [...o.polls].reverse().find((p) => p.status === 200);
  const firstExpired = o.polls.find((p) => p.status === 403);
  const rel = (p?: { serverMs?: number }) => (p?.serverMs === undefined ? NaN : (p.serverMs - o.signedAtMs) / 1000);
  const skew = Math.round(o.skewMs / 1000);
  return {
    observed: `A URL presigned for ${o.expiresSeconds} s: ${before.length} fetch(es) before its expiry by S3's clock answered ${listed([...new Set(before.map((p) => String(p.status)))])}, ${after.length} after it ${listed([...new Set(after.map((p) => `${p.status} ${p.code ?? ''}`.trim()))])}; last 200 at ${rel(lastOk)} s, first 403 at ${rel(firstExpired)} s after signing (S3's Date).`,
    method: 'PutObject; getSignedUrl (GetObject, expiresIn); fetch of the URL repeatedly, each answer judged by its own Date header against X-Amz-Date + X-Amz-Expires',
    figures: [
      { name: 'X-Amz-Expires', value: o.expiresSeconds, unit: 's' },
      ...(Number.isNaN(rel(lastOk)) ? [] : [{ name: 'last 200, after signing (S3 clock)', value: rel(lastOk), unit: 's' }]),
      ...(Number.isNaN(rel(firstExpired)) ? [] : [{ name: 'first 403, after signing (S3 clock)', value: rel(firstExpired), unit: 's' }]),
      { name: 'this clock minus S3, read before signing (the URL is signed at S3\'s time; Date resolution 1 s)', value: skew, unit: 's' },
    ],
    preconditions: [
      requires('the first HTTPS fetch returned the object (the URL worked at all)', o.https.status === 200 && o.https.bodyMatches, String(o.https.status)),
      requires('fetches before the expiry by S3\'s clock', before.length > 0, String(before.length)),
      requires(`fetches at least 1 s after it (polling went ${PAST_EXPIRY_MS / 1000} s past)`, after.length > 0, String(after.length)),
    ],
    expectations: [
      expectThat('every fetch before the expiry returned the object', before.every((p) => p.status === 200 && p.bodyMatches), listed(before.map((p) => `${p.status}${p.bodyMatches ? '' : ' (other body)'}`))),
      decisive(expectThat('every fetch after the expiry refused with 403 AccessDenied', after.every((p) => p.status === 403 && p.code === 'AccessDenied'), listed(after.map((p) => `${p.status} ${p.code ?? ''}`.trim())), '403 AccessDenied')),
    ],
    notExercised: 'other operations and keys with the same URL, the 7-day limit for IAM user credentials, and the session-lifetime limit of temporary credentials',
  };
}

function tlsLive(o: PresignedObservation): Judgement {
  // The user's network, not S3: an error of this check (the runner reports a judge that throws as one), never a verdict.
  if ('error' in o.http) throw new Error(`the plain HTTP request got no answer (port 80 blocked or proxied on this network?): ${o.http.error}`);
  if (o.http.status === 403 && !(o.http.s3RequestId && o.http.code)) throw new Error(`something other than S3 answered the plain HTTP request (403 without S3's x-amz-request-id header and XML error Code): a proxy on this network?`);
  return {
    observed: `The same presigned GET over HTTPS: ${o.https.status}; over plain HTTP: ${o.http.status} ${o.http.code ?? ''}.`,
    method: 'fetch of one presigned URL with https:// and with http:// (SigV4 does not sign the scheme)',
    preconditions: [requires('the HTTPS request returned the object (so the URL was valid)', o.https.status === 200 && o.https.bodyMatches, String(o.https.status))],
    expectations: [decisive(expectThat('the plain HTTP request refused by the bucket policy', o.http.status === 403 && o.http.code === 'AccessDenied', `${o.http.status} ${o.http.code ?? ''}`.trim(), '403 AccessDenied'))],
    notExercised: 'load balancer listeners and other services: the run shows the S3 half (aws:SecureTransport); that security groups cannot see TLS is their documented rule model (protocol, port, source), not something a request can show',
  };
}

function lockLive(o: LockObservation): Judgement {
  const margin = o.retainUntilMs - o.deleteWithoutBypassAtServerMs;
  return {
    observed: `${o.earlierRuns.found ? `Earlier runs had left ${o.earlierRuns.found} version(s) and marker(s) (${o.earlierRuns.left.length ? `${o.earlierRuns.left.length} still locked, for the lifecycle to remove` : 'all deleted first'}). ` : ''}A version locked in ${o.headMode ?? 'no'} mode until ${o.headRetainUntilMs ? new Date(o.headRetainUntilMs).toISOString() : 'never'}: deleting it by id without the bypass said ${said(o.deleteWithoutBypass)} (${Math.round(margin / 1000)} s before the retention ended); a plain delete ${o.plainDelete.deleteMarker ? 'added a delete marker' : 'made no marker'} and the version was ${o.versionListedAfterPlainDelete ? 'still listed' : 'gone'}; with the bypass: ${said(o.deleteWithBypass)}, version ${o.versionListedAfterBypass ? 'still listed' : 'gone'}.`,
    method: `GetObjectLockConfiguration; PutObject with ObjectLockMode ${LOCK_MODE} and a retain-until date ${Math.round((o.retainUntilMs - (o.deleteWithoutBypassAtServerMs - 0)) / 1000)} s ahead; HeadObject; DeleteObject by VersionId without and with BypassGovernanceRetention; ListObjectVersions`,
    figures: [
      { name: 'retention left when the unbypassed delete was answered (S3 clock, estimated)', value: Math.round(margin / 1000), unit: 's' },
      { name: 'this clock minus S3', value: Math.round(o.skewMs / 1000), unit: 's' },
    ],
    preconditions: [
      requires('the locked version was written', o.put.ok, said(o.put)),
      requires(`S3 stored it in ${LOCK_MODE} mode`, o.headMode === LOCK_MODE, o.headMode ?? 'none'),
      requires('the unbypassed delete was answered at least 2 s before the retention ended (S3 clock; the skew reading is good to about a second)', margin >= 2000, `${Math.round(margin / 1000)} s`),
      // A 403 on the bypassed delete is what S3 documents for a caller without s3:BypassGovernanceRetention ("Object Lock considerations", Bypassing governance mode): the run could not exercise the bypass.
      requires('the caller is allowed s3:BypassGovernanceRetention (the bypassed delete was not refused 403 AccessDenied)', !(o.deleteWithBypass.status === 403 && o.deleteWithBypass.code === 'AccessDenied'), said(o.deleteWithBypass)),
    ],
    expectations: [
      expectEqual('ObjectLockEnabled', 'Enabled', o.lockEnabled),
      decisive(refused('deleting the locked version without the bypass', o.deleteWithoutBypass, 'AccessDenied', 403)),
      expectThat('a plain delete only adds a marker; the locked version stays', o.plainDelete.deleteMarker && o.versionListedAfterPlainDelete, `marker ${o.plainDelete.deleteMarker}, version listed ${o.versionListedAfterPlainDelete}`),
      accepted('deleting it with x-amz-bypass-governance-retention (s3:BypassGovernanceRetention)', o.deleteWithBypass),
      expectThat('the version gone after the bypassed delete', !o.versionListedAfterBypass, o.versionListedAfterBypass ? 'still listed' : 'gone'),
    ],
    notExercised: 'compliance mode (never used: no one could remove such a version before its date) and legal holds',
  };
}

function endpointLive(o: EndpointObservation): Judgement {
  const v = o.viaEndpoint;
  const out = o.outside;
  return {
    observed: `Through ${o.endpointId}: aws:SourceVpce prefix ${said(v.sourceVpce)}, aws:SourceArn prefix ${said(v.sourceArn)}, control ${said(v.control)}. From this machine: ${said(out.sourceVpce)}, ${said(out.sourceArn)}, control ${said(out.control)}.`,
    method: 'PutObject of three keys; GetObject of each from this machine and, through Lambda Invoke, from the probe in the isolated subnets',
    preconditions: [
      requires('the probe reached S3 through the endpoint and may read (its control read returned 200)', v.control.ok, said(v.control)),
      requires('this machine may read the bucket (its control read returned 200)', out.control.ok, said(out.control)),
    ],
    expectations: [
      accepted('aws:SourceVpce: a read through the endpoint', v.sourceVpce),
      decisive(refused('aws:SourceVpce: a read from outside the VPC', out.sourceVpce, 'AccessDenied', 403)),
      refused("the seed's aws:SourceArn: a read through the endpoint (the key is absent, so the deny applies to it too)", v.sourceArn, 'AccessDenied', 403),
      refused("the seed's aws:SourceArn: a read from outside", out.sourceArn, 'AccessDenied', 403),
    ],
    notExercised: 'aws:SourceVpc (the VPC rather than one endpoint), interface endpoints, and writes: the lab denies only reads, so it can still be emptied from outside',
  };
}

// ---------------------------------------------------------------------------------------------

/** One entry per catalog claim the lab settles: an offline check, and a live one where AWS can show it. */
export const CHECKS: Record<string, ClaimCheck<Facts>> = {
  'B9.delete-bucket-requires-empty-bucket': { offline: versionedOffline, live: live(versions, b9Empty) },
  'B9.versioning-can-only-be-suspended': { offline: versionedOffline, live: live(versions, b9Suspend) },
  'B12.versioning-does-not-prevent-deletion': { offline: versionedOffline, live: live(versions, b12Deletion) },
  'B12.noncurrent-versions-billed-as-full-objects': { offline: lifecycleOffline, live: live(versions, b12Storage) },
  'I2.s3-strong-read-after-write-consistency': { offline: (f) => defaultsOffline(f, 'consistency'), live: live(consistency, (o) => consistencyJudgement(o, READS, false)) },
  'T9.s3-strongly-consistent-since-2020': { offline: (f) => defaultsOffline(f, 'consistency'), live: live(consistency, (o) => consistencyJudgement(o, ['readAfterCreate', 'readAfterOverwrite', 'listAfterOverwrite'], false)) },
  'T9.no-negative-caching-after-put': { offline: (f) => defaultsOffline(f, 'consistency'), live: live(consistency, (o) => consistencyJudgement(o, ['readAfterCreate'], true)) },
  'T9.overwrites-and-deletes-strongly-consistent': {
    offline: (f) => defaultsOffline(f, 'consistency'),
    live: live(consistency, (o) => consistencyJudgement(o, ['readAfterOverwrite', 'listAfterOverwrite', 'readAfterDelete', 'listAfterDelete'], false, 'concurrent writers (last writer wins; conditional writes) and bucket configuration changes, which stay eventually consistent')),
  },
  'I33.new-buckets-block-public-access': { offline: (f) => defaultsOffline(f, 'public'), live: live(publicAccess, publicBlocked) },
  'I33.bpa-off-and-bucket-policy-required': { offline: (f) => defaultsOffline(f, 'public'), live: live(publicAccess, publicNeedsBpaOff) },
  'I44.default-encryption-enforces-without-changes': { offline: (f) => defaultsOffline(f, 'encryption'), live: live(encryption, encryptedByDefault) },
  'I44.deny-policy-rejects-uploads-without-header': { offline: seedOffline, live: live(encryption, seedDenies) },
  'I45.presigned-url-grants-one-key-operation': { offline: presignOffline, live: live(presigned, presignedExpiry) },
  'A26.object-lock-is-per-version-worm': { offline: lockOffline, live: live(objectLock, lockLive) },
  'A43.endpoint-restrictions-use-source-vpce': { offline: endpointOffline, live: live(endpointReads, endpointLive) },
  'A49.s3-encrypts-new-objects-by-default': {
    offline: (f) => defaultsOffline(f, 'encryption'),
    live: live(encryption, (o) => ({ ...encryptedByDefault(o), notExercised: 'requiring SSE-KMS (default bucket encryption or a deny on another s3:x-amz-server-side-encryption value), EBS encryption by default and RDS encryption at creation' })),
  },
  'A49.security-groups-cannot-enforce-tls': { offline: tlsOffline, live: live(presigned, tlsLive) },
};
