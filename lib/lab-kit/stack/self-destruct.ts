import * as path from 'node:path';
import { AspectPriority, Aspects, Aws, CfnResource, Duration, type IAspect, Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct, type IConstruct } from 'constructs';
import { addLabFunction } from './lab-function';
import { MAX_TTL, MIN_TTL } from './ttl';

/** Properties of {@link SelfDestruct}. */
export interface SelfDestructProps {
  /** How long the stack may live after its last deploy. */
  readonly ttl: Duration;
  /**
   * How often the function looks at the stack's age. The stack goes at most this long after its TTL.
   * @default 5 minutes for a TTL under an hour, 15 minutes otherwise
   */
  readonly checkEvery?: Duration;
  /**
   * A value that changes on every `labs deploy` (the deploy's start time), given to the function as
   * `DEPLOY_ID`. A deploy with no other change still updates the stack, so the TTL restarts.
   * @default none: a `cdk deploy` without changes leaves the stack and its TTL as they are
   */
  readonly deployId?: string;
}

/**
 * Deletes the stack it belongs to once its TTL has passed since the stack's last operation ended, so
 * a forgotten lab cannot bill for days.
 *
 * An EventBridge schedule invokes a small function at a fixed rate; the function reads when the
 * stack last became ready (its newest stack-level CREATE_COMPLETE, UPDATE_COMPLETE... event,
 * DescribeStackEvents) and calls DeleteStack once the TTL has passed since then. Counting from the
 * end of the operation, not its start (`CreationTime`, `LastUpdatedTime`), keeps a 20-minute
 * database create from eating a 30-minute TTL; reading the stack's events, not a time baked into
 * the template, keeps the template deterministic.
 *
 * **Deleted last.** Every other resource of the stack depends on the self-destruct's resources, and
 * CloudFormation deletes a resource before the resources it depends on ("DependsOn attribute"). So
 * when any resource fails to delete (DELETE_FAILED: Lambda's network interfaces still holding a
 * subnet, a gateway detach racing an address release), the schedule and the function are still
 * there, and delete the stack again on their next run.
 *
 * **Rights.** The function may only DescribeStacks and DeleteStack on this one stack. It needs no
 * right on the stack's resources: `cdk deploy` runs CloudFormation with the bootstrap's execution
 * role, and CloudFormation keeps using the role associated with a stack for every later operation
 * on it, DeleteStack included, even when the caller could not pass that role. A stack deployed
 * *without* a role (for example `cdk deploy --role-arn` left unset on a legacy bootstrap, or a
 * template deployed by hand) would be deleted with the function's own credentials instead: the
 * deletion then fails with access denied (DELETE_FAILED) and `cdk destroy` remains the way out.
 *
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DeleteStack.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DescribeStackEvents.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-attribute-dependson.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-iam-servicerole.html
 */
export class SelfDestruct extends Construct {
  /** The function that deletes the stack. */
  public readonly function: lambda.Function;
  /** The schedule that invokes it. */
  public readonly schedule: events.Rule;

  constructor(scope: Construct, id: string, props: SelfDestructProps) {
    super(scope, id);
    const ttl = props.ttl;
    if (ttl.toMinutes() < MIN_TTL.toMinutes() || ttl.toMinutes() > MAX_TTL.toMinutes()) {
      throw new Error(
        `ttl: received ${ttl.toMinutes()} minutes; allowed: ${MIN_TTL.toMinutes()} to ${MAX_TTL.toMinutes()} minutes`,
      );
    }
    const checkEvery = props.checkEvery ?? Duration.minutes(ttl.toMinutes() < 60 ? 5 : 15);

    this.function = addLabFunction(this, {
      codeDirectory: path.join(__dirname, 'self-destruct-handler'),
      roleDescription: 'Lets the self-destruct function delete its own stack, and nothing else',
      statements: [
        new iam.PolicyStatement({
          actions: ['cloudformation:DescribeStacks', 'cloudformation:DescribeStackEvents', 'cloudformation:DeleteStack'],
          resources: [Aws.STACK_ID],
        }),
      ],
      memorySize: 128,
      timeout: Duration.seconds(30),
      description: `Deletes stack ${Stack.of(this).stackName} once it is older than ${ttl.toHumanString()}`,
      environment: {
        STACK_ID: Aws.STACK_ID,
        TTL_SECONDS: String(ttl.toSeconds()),
        ...(props.deployId ? { DEPLOY_ID: props.deployId } : {}),
      },
    }).function;

    this.schedule = new events.Rule(this, 'Schedule', {
      description: `Runs the self-destruct check every ${checkEvery.toHumanString()}`,
      schedule: events.Schedule.rate(checkEvery),
      targets: [new targets.LambdaFunction(this.function, { retryAttempts: 2 })],
    });

    // Deleted last (see the class TSDoc). Applied once every construct exists, including those
    // other aspects add (launch templates for IMDSv2).
    Aspects.of(Stack.of(this)).add(new DeletedLast(this), { priority: AspectPriority.MUTATING + 100 });
  }
}

/**
 * Makes every other resource of the stack depend on each resource of a construct, so that
 * CloudFormation deletes the construct's resources after all the others (and creates them first).
 */
class DeletedLast implements IAspect {
  private readonly own: CfnResource[];

  constructor(scope: Construct) {
    this.own = scope.node.findAll().filter((c): c is CfnResource => CfnResource.isCfnResource(c));
  }

  public visit(node: IConstruct): void {
    if (!CfnResource.isCfnResource(node) || this.own.includes(node)) return;
    // CDK's metadata resource is no real resource and may be conditional.
    if (node.cfnResourceType === 'AWS::CDK::Metadata') return;
    for (const resource of this.own) node.addResourceDependency(resource);
  }
}
