/**
 * What the usual AWS troubles mean for the user: an SDK error (network, DNS, TLS, credentials,
 * access, throttling) becomes one line that says what to do, with its own exit code.
 */
import { EXIT, UserError } from './errors';

interface SdkError {
  readonly name?: string;
  readonly code?: string;
  readonly message?: string;
  readonly hostname?: string;
  readonly address?: string;
  readonly port?: number;
  readonly Code?: string;
  readonly $metadata?: { readonly attempts?: number };
}

const DNS = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME']);
const CONNECT = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN', 'EHOSTDOWN', 'EPIPE', 'ECONNABORTED', 'TimeoutError', 'RequestTimeout', 'RequestTimeoutException']);
const TLS = /^(CERT_|UNABLE_TO_|SELF_SIGNED_CERT|DEPTH_ZERO_SELF_SIGNED_CERT|ERR_TLS_|ERR_SSL_|EPROTO$)/;
const EXPIRED = new Set(['ExpiredToken', 'ExpiredTokenException', 'TokenRefreshRequired', 'RequestExpired']);
const REJECTED = new Set(['InvalidClientTokenId', 'SignatureDoesNotMatch', 'UnrecognizedClientException', 'IncompleteSignature', 'AuthFailure', 'InvalidAccessKeyId', 'InvalidSignatureException', 'MissingAuthenticationToken']);
const DENIED = new Set(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'AuthorizationError', 'AuthorizationErrorException', 'UnauthorizedException', 'Forbidden']);
const THROTTLED = new Set(['Throttling', 'ThrottlingException', 'ThrottledException', 'TooManyRequestsException', 'RequestLimitExceeded', 'RequestThrottled', 'RequestThrottledException', 'SlowDown', 'ProvisionedThroughputExceededException', 'BandwidthLimitExceeded']);

/** Where the call went, for the message. */
export interface AwsErrorContext {
  readonly region?: string;
  /** AWS_PROFILE, when set. */
  readonly profile?: string;
}

const tries = (e: SdkError) => (e.$metadata?.attempts && e.$metadata.attempts > 1 ? ` after ${e.$metadata.attempts} attempts` : '');

/** The first sentence of an AWS message, without the request's ARN noise where possible. */
function firstSentence(text: string): string {
  const line = text.split('\n')[0].trim();
  return line.length > 200 ? `${line.slice(0, 197)}...` : line;
}

/**
 * The one-line explanation of an AWS or network failure, as a UserError with its exit code; or
 * undefined when the error is none of the usual troubles (then it is a bug and keeps its stack).
 */
export function describeAwsError(error: unknown, where: AwsErrorContext = {}): UserError | undefined {
  if (error instanceof UserError) return error;
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as SdkError;
  const code = e.code ?? '';
  const name = e.name ?? '';
  const message = e.message ?? '';
  const region = where.region ? ` and that ${where.region} is the Region you meant` : '';
  if (DNS.has(code) || /getaddrinfo/.test(message)) {
    const host = e.hostname ?? /getaddrinfo \w+ (\S+)/.exec(message)?.[1] ?? 'the AWS endpoint';
    return new UserError(`cannot reach AWS: ${host} does not resolve (${code || 'DNS'}${tries(e)}); check your network connection, VPN or DNS${region}`, EXIT.network);
  }
  if (TLS.test(code)) {
    return new UserError(`cannot reach AWS securely: the TLS certificate was not accepted (${code}); behind a proxy that inspects TLS, point NODE_EXTRA_CA_CERTS at its CA certificate`, EXIT.network);
  }
  if (CONNECT.has(code) || CONNECT.has(name)) {
    const to = e.address ? ` to ${e.address}${e.port ? `:${e.port}` : ''}` : '';
    return new UserError(`cannot reach AWS: the connection${to} failed (${code || name}${tries(e)}); check your network connection, VPN, proxy (HTTPS_PROXY) or firewall`, EXIT.network);
  }
  if (name === 'CredentialsProviderError' && /expired/i.test(message)) return expired(where);
  if (EXPIRED.has(name) || EXPIRED.has(e.Code ?? '')) return expired(where);
  if (name === 'CredentialsProviderError') {
    if (where.profile) {
      return new UserError(`no AWS credentials for profile "${where.profile}" (AWS_PROFILE): ${firstSentence(message)}; run \`aws sso login --profile ${where.profile}\` or \`aws configure --profile ${where.profile}\``, EXIT.credentials);
    }
    return new UserError('no AWS credentials found: run `aws configure` or `aws sso login`, or set AWS_PROFILE (or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)', EXIT.credentials);
  }
  if (REJECTED.has(name)) {
    return new UserError(`AWS rejected your credentials (${name}): check ${where.profile ? `profile "${where.profile}" (AWS_PROFILE)` : 'AWS_PROFILE or your access keys'}; keys that were deleted or mistyped look like this`, EXIT.credentials);
  }
  if (DENIED.has(name) || DENIED.has(e.Code ?? '')) {
    return new UserError(`AWS denied the request (${name}): ${firstSentence(message)}; labs need an admin role or Identity Center user in the lab account`, EXIT.accessDenied);
  }
  if (THROTTLED.has(name) || THROTTLED.has(e.Code ?? '')) {
    return new UserError(`AWS throttled the requests (${name}${tries(e)}); wait a minute and run the command again`, EXIT.throttled);
  }
  return undefined;
}

function expired(where: AwsErrorContext): UserError {
  const login = where.profile ? `\`aws sso login --profile ${where.profile}\`` : '`aws sso login`';
  return new UserError(`your AWS session has expired: sign in again (${login}, or refresh your temporary credentials)`, EXIT.credentials);
}
