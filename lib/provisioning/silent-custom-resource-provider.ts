import * as path from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

/** Properties of {@link SilentCustomResourceProvider}. */
export interface SilentCustomResourceProviderProps {
  /**
   * How long the function may run per request (1 second to 15 minutes). It returns at once for
   * Create and after one HTTPS PUT for Update and Delete.
   * @default Duration.seconds(30)
   */
  readonly timeout?: Duration;

  /**
   * How long its log group keeps the request lines.
   * @default logs.RetentionDays.ONE_WEEK
   */
  readonly logRetention?: logs.RetentionDays;
}

/**
 * A Lambda-backed custom resource provider that never answers Create, and answers Update and Delete.
 *
 * It is the worked answer to "can CloudFormation create non-AWS resources, and how?": a custom
 * resource's `ServiceToken` is the ARN of a Lambda function (or an SNS topic) in the stack's Region,
 * never an HTTP endpoint. CloudFormation invokes the function with a request carrying a
 * `ResponseURL`, a presigned Amazon S3 URL, and waits for the provider to PUT its answer there. A
 * provider that never answers leaves the resource waiting until its `ServiceTimeout` (1 to 3600
 * seconds, 3600 by default), and then the operation fails.
 *
 * Why answer Delete: when the create times out CloudFormation rolls the stack back and sends a
 * Delete request to the same provider, and again when the stack is deleted. Answering it lets a
 * throwaway stack be removed in seconds instead of waiting out another timeout per request.
 *
 * Its handler logs one `LABREQUEST {json}` line per request (type, stack, resource, and the
 * ResponseURL's scheme, host and whether it is signed, never the URL itself). The function has its
 * own log group, deleted with the stack, and a role that may write only to it.
 *
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-custom-resources.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/crpg-ref-requests.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cloudformation-customresource.html
 */
export class SilentCustomResourceProvider extends Construct {
  /** Prefix of the line its handler logs for each request it receives. */
  public static readonly REQUEST_LOG_PREFIX = 'LABREQUEST';

  /** The function whose ARN a custom resource names as its `ServiceToken`. */
  public readonly function: lambda.Function;
  public readonly logGroup: logs.LogGroup;
  public readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: SilentCustomResourceProviderProps = {}) {
    super(scope, id);
    const timeout = props.timeout ?? Duration.seconds(30);
    if (timeout.toSeconds() < 1 || timeout.toSeconds() > 900) {
      throw new Error(`timeout: received ${timeout.toHumanString()}; allowed: 1 second to 15 minutes (Lambda's limit)`);
    }
    // Explicit, so it is deleted with the stack: Lambda would otherwise create /aws/lambda/<name>
    // itself on the first invocation, and CloudFormation would never delete it.
    this.logGroup = new logs.LogGroup(this, 'LogGroup', {
      retention: props.logRetention ?? logs.RetentionDays.ONE_WEEK,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // Inline rights only: its own log group. The PUT to the presigned URL needs no IAM permission.
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Writes its own log group; answers CloudFormation through the presigned ResponseURL',
    });
    this.logGroup.grantWrite(this.role);
    this.function = new lambda.Function(this, 'Function', {
      description: 'Custom resource provider that never answers Create (answers Update and Delete)',
      // Pinned, never "latest": a new aws-cdk-lib must not change the runtime by itself.
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      handler: 'index.handler',
      code: lambda.Code.fromAsset(path.join(__dirname, 'silent-custom-resource-provider-handler')),
      memorySize: 128,
      timeout,
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: lambda.LoggingFormat.TEXT,
    });
  }
}
