import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Duration } from 'aws-cdk-lib';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { addLambdaProbeFunction } from './lambda-probe-function';

/** Where the probe makes its AWS SDK client: once per execution environment, on every invocation, or never. */
export type SdkClientPlacement = 'init' | 'handler' | 'none';

const HANDLER_DIRECTORY = path.join(__dirname, 'lambda-cold-start-probe-handler');
/** The largest padding the probe accepts: far below Lambda's 50 MB zipped upload, and quick to synthesize. */
export const MAX_PADDING_MB = 32;

/** Properties of {@link ColdStartProbeFunction}. */
export interface ColdStartProbeFunctionProps {
  /**
   * Where the handler creates its STS client (it calls GetCallerIdentity, which needs no permission).
   * `none` makes no SDK call, so the probe can run in a VPC without a route out.
   * @default 'none'
   */
  readonly sdkClient?: SdkClientPlacement;
  /**
   * Megabytes of JavaScript the package carries and loads at init, as a heavy dependency would
   * (0 to {@link MAX_PADDING_MB}). Incompressible (random, seeded by the size, so the asset is the same
   * on every synth).
   * @default 0
   */
  readonly paddingMegabytes?: number;
  /**
   * Attach the function to these subnets of a VPC. Lambda creates the Hyperplane ENIs when the
   * function is created or its VPC settings change, not when it starts.
   * @default not in a VPC
   */
  readonly vpc?: { readonly vpc: ec2.IVpc; readonly subnets: ec2.SubnetSelection; readonly securityGroup: ec2.ISecurityGroup };
}

/** A code folder with the probe's handler and `mb` megabytes of padding, written once per size. */
function paddedCodeDirectory(mb: number): string {
  const source = fs.readFileSync(path.join(HANDLER_DIRECTORY, 'index.js'));
  const digest = crypto.createHash('sha256').update(source).update(String(mb)).digest('hex').slice(0, 16);
  const dir = path.join(os.tmpdir(), `lambda-cold-start-probe-${mb}mb-${digest}`);
  const padding = path.join(dir, 'padding.js');
  if (!fs.existsSync(padding)) {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'index.js'), source);
    // Deterministic, incompressible strings: a counter-mode SHA-256 stream seeded by the size.
    const lines: string[] = ['module.exports = ['];
    let bytes = 0;
    for (let i = 0; bytes < mb * 1024 * 1024; i++) {
      const line = `"${crypto.createHash('sha256').update(`${mb}:${i}`).digest('base64')}${crypto.createHash('sha256').update(`${i}:${mb}`).digest('base64')}",`;
      lines.push(line);
      bytes += line.length + 1;
    }
    lines.push('];');
    fs.writeFileSync(`${padding}.tmp`, lines.join('\n'));
    fs.renameSync(`${padding}.tmp`, padding);
  }
  return dir;
}

/**
 * A function whose cold starts the lab measures (Init Duration in the REPORT line), in variants that
 * differ in one thing: inside a VPC or not, the SDK client made at init or in the handler, a small or
 * a large package. It is the worked answer to "how do you reduce cold starts?": keep the package
 * small, make clients at init (they are reused by every warm invocation of the environment, so warm
 * invocations do not pay for them again), and do not fear the VPC: since 2019 Lambda creates shared
 * Hyperplane ENIs when the function is configured, not when an environment starts.
 *
 * The role may write its log group only (STS GetCallerIdentity needs no permission); a VPC probe's role
 * also has AWSLambdaVPCAccessExecutionRole, which Lambda needs to manage its network interfaces.
 *
 * @see https://docs.aws.amazon.com/lambda/latest/dg/best-practices.html
 * @see https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html
 * @see https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html
 */
export class ColdStartProbeFunction extends Construct {
  public readonly function: lambda.Function;
  public readonly role: iam.Role;
  public readonly logGroup: logs.LogGroup;
  public readonly sdkClient: SdkClientPlacement;
  public readonly paddingMegabytes: number;

  constructor(scope: Construct, id: string, props: ColdStartProbeFunctionProps = {}) {
    super(scope, id);
    const sdkClient = props.sdkClient ?? 'none';
    const paddingMegabytes = props.paddingMegabytes ?? 0;
    const problems: string[] = [];
    if (!['init', 'handler', 'none'].includes(sdkClient)) problems.push(`sdkClient: received ${JSON.stringify(sdkClient)}; allowed: 'init', 'handler' or 'none'`);
    if (!Number.isInteger(paddingMegabytes) || paddingMegabytes < 0 || paddingMegabytes > MAX_PADDING_MB) {
      problems.push(`paddingMegabytes: received ${paddingMegabytes}; allowed: a whole number from 0 to ${MAX_PADDING_MB}`);
    }
    if (props.vpc && sdkClient !== 'none') problems.push(`sdkClient: received ${JSON.stringify(sdkClient)} with vpc; allowed: 'none' (a VPC probe has no route to STS)`);
    if (problems.length > 0) throw new Error(problems.join('\n'));
    this.sdkClient = sdkClient;
    this.paddingMegabytes = paddingMegabytes;
    ({ function: this.function, role: this.role, logGroup: this.logGroup } = addLambdaProbeFunction(this, {
      code: { nodejsDirectory: paddingMegabytes > 0 ? paddedCodeDirectory(paddingMegabytes) : HANDLER_DIRECTORY },
      roleDescription: props.vpc ? 'Writes its own log group; its VPC network interfaces are managed through the VPC access policy' : 'Writes its own log group; calls STS GetCallerIdentity, which needs no permission',
      description: `Cold-start probe: SDK client ${sdkClient}, ${paddingMegabytes} MB padding, ${props.vpc ? 'in a VPC' : 'no VPC'}`,
      memorySize: 256,
      timeout: Duration.seconds(10),
      environment: { SDK_CLIENT: sdkClient },
      ...(props.vpc ? { vpc: props.vpc.vpc, vpcSubnets: props.vpc.subnets, securityGroups: [props.vpc.securityGroup] } : {}),
    }));
    // Lambda creates and deletes the function's Hyperplane ENIs with the execution role's rights: without
    // ec2:CreateNetworkInterface and friends (which take no resource ARN) CreateFunction is refused. The CDK
    // adds this policy only to roles it creates itself.
    // https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html
    if (props.vpc) this.role.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaVPCAccessExecutionRole'));
  }
}
