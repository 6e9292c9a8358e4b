import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { logAutoDeleteHandler } from '../../lib/lab-kit/stack/auto-delete-log-group';

describe('logAutoDeleteHandler', () => {
  test("gives the stack's one auto-delete handler a log group of the stack, deleted with it", () => {
    const stack = new Stack(new App());
    new s3.Bucket(stack, 'A', { autoDeleteObjects: true, removalPolicy: RemovalPolicy.DESTROY });
    new s3.Bucket(stack, 'B', { autoDeleteObjects: true, removalPolicy: RemovalPolicy.DESTROY });
    expect(logAutoDeleteHandler(stack)).toBeDefined();
    const t = Template.fromStack(stack).toJSON();
    const handlers = Object.entries<any>(t.Resources).filter(([, r]) => r.Type === 'AWS::Lambda::Function');
    expect(handlers).toHaveLength(1);
    const logGroup = handlers[0][1].Properties.LoggingConfig.LogGroup.Ref;
    expect(t.Resources[logGroup]).toMatchObject({ Type: 'AWS::Logs::LogGroup', DeletionPolicy: 'Delete' });
  });

  test('does nothing in a stack without self-emptying buckets', () => {
    const stack = new Stack(new App());
    new s3.Bucket(stack, 'A');
    expect(logAutoDeleteHandler(stack)).toBeUndefined();
    expect(Object.values<any>(Template.fromStack(stack).toJSON().Resources).some((r) => r.Type === 'AWS::Logs::LogGroup')).toBe(false);
  });
});
