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
}

/**
 * Deletes the stack it belongs to once the stack is older than its TTL, so a forgotten lab cannot
 * bill for days.
 *
 * An EventBridge schedule invokes a small function at a fixed rate; the function reads the stack's
 * own timestamps (DescribeStacks: `LastUpdatedTime`, else `CreationTime`) and calls DeleteStack when
 * the age reaches the TTL. Using the stack's timestamps, not a deploy time baked into the template,
 * keeps the template deterministic.
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
          actions: ['cloudformation:DescribeStacks', 'cloudformation:DeleteStack'],
          resources: [Aws.STACK_ID],
        }),
      ],
      memorySize: 128,
      timeout: Duration.seconds(30),
      description: `Deletes stack ${Stack.of(this).stackName} once it is older than ${ttl.toHumanString()}`,
      environment: {
        STACK_ID: Aws.STACK_ID,
        TTL_SECONDS: String(ttl.toSeconds()),
      },
    }).function;

    this.schedule = new events.Rule(this, 'Schedule', {
      description: `Runs the self-destruct check every ${checkEvery.toHumanString()}`,
      schedule: events.Schedule.rate(checkEvery),
      targets: [new targets.LambdaFunction(this.function, { retryAttempts: 2 })],
    });

    // Deleted last: if another resource fails to delete (DELETE_FAILED), the schedule and the
    // function are still there to try again on the next run. Applied once every construct exists,
    // including those other aspects add (launch templates for IMDSv2).
    Aspects.of(Stack.of(this)).add(new DeleteLast(this), { priority: AspectPriority.MUTATING + 100 });
  }
}

/** Makes every resource of a construct depend on every other resource of its stack. */
class DeleteLast implements IAspect {
  private readonly own: CfnResource[];

  constructor(private readonly scope: Construct) {
    this.own = scope.node.findAll().filter((c): c is CfnResource => CfnResource.isCfnResource(c));
  }

  public visit(node: IConstruct): void {
    if (!CfnResource.isCfnResource(node) || this.own.includes(node)) return;
    // Conditional resources may not exist; CDK's metadata resource is one of them.
    if (node.cfnOptions.condition || node.cfnResourceType === 'AWS::CDK::Metadata') return;
    for (const resource of this.own) resource.addResourceDependency(node);
  }
}
