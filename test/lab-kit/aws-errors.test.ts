import { describeAwsError } from '../../lib/lab-kit/core/aws-errors';
import { EXIT, EXIT_CODES, UserError } from '../../lib/lab-kit/core/errors';

const sdk = (name: string, message: string, extra: object = {}) => Object.assign(new Error(message), { name, $metadata: { attempts: 6 }, ...extra });
const said = (error: unknown, where = {}) => {
  const e = describeAwsError(error, where);
  return e && [e.exitCode, e.message];
};

test('network, DNS and TLS troubles: exit 5, one line saying what to check', () => {
  expect(said(Object.assign(sdk('Error', 'getaddrinfo ENOTFOUND sts.mars-1.amazonaws.com'), { code: 'ENOTFOUND', hostname: 'sts.mars-1.amazonaws.com' }), { region: 'mars-1' })).toEqual([
    EXIT.network,
    'cannot reach AWS: sts.mars-1.amazonaws.com does not resolve (ENOTFOUND after 6 attempts); check your network connection, VPN or DNS and that mars-1 is the Region you meant',
  ]);
  expect(said(Object.assign(sdk('Error', 'connect ETIMEDOUT 52.94.0.1:443'), { code: 'ETIMEDOUT', address: '52.94.0.1', port: 443 }))).toEqual([
    EXIT.network,
    'cannot reach AWS: the connection to 52.94.0.1:443 failed (ETIMEDOUT after 6 attempts); check your network connection, VPN, proxy (HTTPS_PROXY) or firewall',
  ]);
  expect(said(Object.assign(sdk('Error', 'self-signed certificate in certificate chain'), { code: 'SELF_SIGNED_CERT_IN_CHAIN' }))).toEqual([
    EXIT.network,
    'cannot reach AWS securely: the TLS certificate was not accepted (SELF_SIGNED_CERT_IN_CHAIN); behind a proxy that inspects TLS, point NODE_EXTRA_CA_CERTS at its CA certificate',
  ]);
});

test('expired, missing and rejected credentials: exit 6', () => {
  expect(said(sdk('ExpiredTokenException', 'The security token included in the request is expired'), { profile: 'dev' })).toEqual([
    EXIT.credentials,
    'your AWS session has expired: sign in again (`aws sso login --profile dev`, or refresh your temporary credentials)',
  ]);
  expect(said(sdk('CredentialsProviderError', 'Could not load credentials from any providers'))).toEqual([
    EXIT.credentials,
    'no AWS credentials found: run `aws configure` or `aws sso login`, or set AWS_PROFILE (or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)',
  ]);
  expect(said(sdk('CredentialsProviderError', 'Profile dev did not contain credentials'), { profile: 'dev' })).toEqual([
    EXIT.credentials,
    'no AWS credentials for profile "dev" (AWS_PROFILE): Profile dev did not contain credentials; run `aws sso login --profile dev` or `aws configure --profile dev`',
  ]);
  expect(said(sdk('InvalidClientTokenId', 'The security token included in the request is invalid.'))).toEqual([
    EXIT.credentials,
    'AWS rejected your credentials (InvalidClientTokenId): check AWS_PROFILE or your access keys; keys that were deleted or mistyped look like this',
  ]);
});

test('access denied: exit 7; throttling: exit 8; anything else stays a bug', () => {
  expect(said(sdk('AccessDenied', 'User: arn:aws:sts::123456789012:assumed-role/ReadOnly/ana is not authorized to perform: cloudformation:DescribeStacks'))).toEqual([
    EXIT.accessDenied,
    'AWS denied the request (AccessDenied): User: arn:aws:sts::123456789012:assumed-role/ReadOnly/ana is not authorized to perform: cloudformation:DescribeStacks; labs need an admin role or Identity Center user in the lab account',
  ]);
  expect(said(sdk('ThrottlingException', 'Rate exceeded'))).toEqual([EXIT.throttled, 'AWS throttled the requests (ThrottlingException after 6 attempts); wait a minute and run the command again']);
  expect(describeAwsError(new TypeError("Cannot read properties of undefined (reading 'x')"))).toBeUndefined();
  const own = new UserError('x', 3);
  expect(describeAwsError(own)).toBe(own);
});

test('every exit code is documented once, and the check outcomes keep theirs', () => {
  expect(EXIT_CODES.map((e) => e.code)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 70]);
  expect([EXIT.failed, EXIT.checkError, EXIT.inconclusive, EXIT.badInput, EXIT.bug]).toEqual([1, 3, 4, 2, 70]);
});
