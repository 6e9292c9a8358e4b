import * as fs from 'node:fs';
import * as path from 'node:path';
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { SilentCustomResourceProvider } from '../../lib/provisioning/silent-custom-resource-provider';

describe('SilentCustomResourceProvider', () => {
  test('a pinned Node.js 24 arm64 function with its own log group, deleted with the stack, and a role writing only there', () => {
    const stack = new Stack(new App());
    new SilentCustomResourceProvider(stack, 'Provider');
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::Lambda::Function', { Runtime: 'nodejs24.x', Architectures: ['arm64'], Timeout: 30, LoggingConfig: { LogGroup: { Ref: Match.stringLikeRegexp('ProviderLogGroup') } } });
    t.hasResource('AWS::Logs::LogGroup', { DeletionPolicy: 'Delete' });
    t.resourceCountIs('AWS::IAM::ManagedPolicy', 0);
    const policy = Object.values<any>(t.findResources('AWS::IAM::Policy'))[0].Properties.PolicyDocument.Statement;
    expect(policy.flatMap((s: any) => [].concat(s.Action))).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents']);
  });

  test('a timeout outside Lambda limits is refused naming the prop, the value and what is allowed', () => {
    const stack = new Stack(new App());
    expect(() => new SilentCustomResourceProvider(stack, 'P', { timeout: Duration.minutes(16) })).toThrow('timeout: received 16 minutes; allowed: 1 second to 15 minutes');
  });

  test('its handler never answers Create, answers Delete through the ResponseURL, and never logs the URL', async () => {
    const handlerPath = path.join(__dirname, '../../lib/provisioning/silent-custom-resource-provider-handler/index.js');
    const https = require('node:https');
    const puts: Array<{ url: string; body: string }> = [];
    const spy = jest.spyOn(https, 'request').mockImplementation((url: any, _opts: any, cb: any) => {
      const req: any = { on: () => req, end: (body: string) => { puts.push({ url: String(url), body }); cb({ statusCode: 200, resume: () => undefined, on: (e: string, f: () => void) => e === 'end' && f() }); } };
      return req;
    });
    const logs: string[] = [];
    const log = jest.spyOn(console, 'log').mockImplementation((line: string) => void logs.push(line));
    jest.isolateModules(() => undefined);
    const { handler } = require(handlerPath);
    // ResponseURL: "The response URL identifies a presigned S3 bucket that receives responses from
    // the custom resource provider to CloudFormation" ("Custom resource request objects",
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/crpg-ref-requests.html).
    const url = 'https://cloudformation-custom-resource-response-useast1.s3.amazonaws.com/arn%3Aaws%3Acloudformation%3Aus-east-1%3A123456789012%3Astack/s/1%7CSilent%7Cabc?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=0123abcd';
    const base = { ServiceToken: 'arn:aws:lambda:us-east-1:123456789012:function:f', ResponseURL: url, StackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/s/1', RequestId: 'abc', ResourceType: 'AWS::CloudFormation::CustomResource', LogicalResourceId: 'Silent', ResourceProperties: { ServiceToken: 'arn:aws:lambda:us-east-1:123456789012:function:f', ServiceTimeout: '60' } };
    await handler({ ...base, RequestType: 'Create' }, { logStreamName: 'stream' });
    expect(puts).toEqual([]);
    await handler({ ...base, RequestType: 'Delete', PhysicalResourceId: 'stream' }, { logStreamName: 'stream' });
    expect(puts).toHaveLength(1);
    expect(JSON.parse(puts[0].body)).toEqual({ Status: 'SUCCESS', PhysicalResourceId: 'stream', StackId: base.StackId, RequestId: 'abc', LogicalResourceId: 'Silent' });
    expect(logs.join('\n')).not.toContain('X-Amz-Signature=');
    expect(JSON.parse(logs[0].replace(/^LABREQUEST /, ''))).toMatchObject({ requestType: 'Create', responseUrl: { protocol: 'https:', host: 'cloudformation-custom-resource-response-useast1.s3.amazonaws.com', presigned: true }, answered: false });
    expect(fs.existsSync(handlerPath)).toBe(true);
    spy.mockRestore();
    log.mockRestore();
  });
});
