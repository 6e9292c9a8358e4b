import * as path from 'node:path';
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { addHandlerFunction } from '../../lib/messaging/handler-function';

const CODE = path.join(__dirname, '..', '..', 'lib', 'messaging', 'partial-batch-consumer-handler');

function build(extra: Partial<Parameters<typeof addHandlerFunction>[1]> = {}): { scope: Construct; t: Template } {
  const stack = new Stack(new App(), 'TestStack');
  const scope = new Construct(stack, 'Worker');
  addHandlerFunction(scope, { codeDirectory: CODE, roleDescription: 'Does the work', timeout: Duration.seconds(2), ...extra });
  return { scope, t: Template.fromStack(stack) };
}

describe('addHandlerFunction', () => {
  test('creates LogGroup, Role and Function directly in the scope, so logical ids stay those of the calling construct', () => {
    const { scope } = build();
    expect(scope.node.children.map((c) => c.node.id)).toEqual(['LogGroup', 'Role', 'Function']);
  });

  test('Node.js 24 on arm64, an explicit log group deleted with the stack, a role with inline rights only', () => {
    const { t } = build();
    const logGroup = Object.keys(t.findResources('AWS::Logs::LogGroup'))[0];
    t.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      Timeout: 2,
      LoggingConfig: { LogGroup: { Ref: logGroup } },
    });
    t.hasResource('AWS::Logs::LogGroup', { DeletionPolicy: 'Delete', UpdateReplacePolicy: 'Delete', Properties: { RetentionInDays: 7 } });
    t.hasResourceProperties('AWS::IAM::Role', { Description: 'Does the work', ManagedPolicyArns: Match.absent() });
    t.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: [{ Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Effect: 'Allow', Resource: { 'Fn::GetAtt': [logGroup, 'Arn'] } }] },
    });
  });

  test('adds the statements it is given to the role, beside writing its log group', () => {
    const { t } = build({ statements: [new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: ['arn:aws:sqs:us-east-1:123456789012:orders'] })] });
    t.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([{ Action: 'sqs:SendMessage', Effect: 'Allow', Resource: 'arn:aws:sqs:us-east-1:123456789012:orders' }]),
      },
    });
  });
});
