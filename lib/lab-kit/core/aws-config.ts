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
}

/** The client settings the CLI uses: the SDK's default credential chain, adaptive retries. */
export function defaultAwsConfig(region?: string): AwsClientConfig {
  return { region, retryMode: 'adaptive', maxAttempts: 6 };
}
