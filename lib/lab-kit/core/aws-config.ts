/**
 * The region and credentials every SDK client of a check is built with. Checks create their own
 * clients (`new EC2Client(ctx.aws)`) so tests can mock any client class with aws-sdk-client-mock.
 */
export interface AwsClientConfig {
  readonly region?: string;
  /** A credential provider; absent means the SDK's default chain (env, profile, SSO, role). */
  readonly credentials?: () => Promise<{ accessKeyId: string; secretAccessKey: string; sessionToken?: string; expiration?: Date }>;
  /** Adaptive retry absorbs throttling (the SDK's own retry settings, not a loop of ours). */
  readonly retryMode?: 'standard' | 'adaptive';
  readonly maxAttempts?: number;
  /**
   * The Node HTTP handler's options (the SDK accepts them in place of a handler). Without a
   * request timeout a request whose connection a proxy or NAT silently dropped waits for the OS
   * (often 15 minutes or more), and a check that polls RDS or EC2 hangs with it.
   */
  readonly requestHandler?: { readonly connectionTimeout?: number; readonly requestTimeout?: number; readonly throwOnRequestTimeout?: boolean };
}

/**
 * How long one attempt of an AWS API call may take, connecting and then waiting for the response.
 * Describe calls answer in well under a second; these bounds only end a request whose connection
 * died. A timed-out attempt is a `TimeoutError`, which the SDK retries like any transient error,
 * so a run stalls at most `maxAttempts` × (connect + request timeout).
 */
export const CONNECTION_TIMEOUT_MS = 10_000;
export const REQUEST_TIMEOUT_MS = 30_000;

/** The client settings the CLI uses: the SDK's default credential chain, adaptive retries, bounded requests. */
export function defaultAwsConfig(region?: string): AwsClientConfig {
  return {
    region,
    retryMode: 'adaptive',
    maxAttempts: 6,
    // throwOnRequestTimeout: without it the handler only logs a warning when requestTimeout passes.
    requestHandler: { connectionTimeout: CONNECTION_TIMEOUT_MS, requestTimeout: REQUEST_TIMEOUT_MS, throwOnRequestTimeout: true },
  };
}
