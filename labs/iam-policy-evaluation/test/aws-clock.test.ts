/**
 * aws-clock.ts through a real STS client's middleware stack: only the HTTP handler is replaced, by
 * one answering AssumeRole as the STS Query API does (an AssumeRoleResponse XML with Credentials and
 * AssumedRoleUser, "AssumeRole", AWS STS API Reference,
 * https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html) with the `Date` header
 * every origin server with a clock sends ("HTTP Semantics", RFC 9110, section 6.6.1, an IMF-fixdate
 * of section 5.6.7).
 */
import { Readable } from 'node:stream';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { awsDateOf, withAwsClock } from '../aws-clock';

const XML = `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <AssumeRoleResult>
    <AssumedRoleUser>
      <Arn>arn:aws:sts::123456789012:assumed-role/demo/lab</Arn>
      <AssumedRoleId>ARO123EXAMPLE123:lab</AssumedRoleId>
    </AssumedRoleUser>
    <Credentials>
      <AccessKeyId>ASIAIOSFODNN7EXAMPLE</AccessKeyId>
      <SecretAccessKey>wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY</SecretAccessKey>
      <SessionToken>AQoDYXdzEPT//////////wEXAMPLE</SessionToken>
      <Expiration>2026-11-23T12:15:00Z</Expiration>
    </Credentials>
    <PackedPolicySize>0</PackedPolicySize>
  </AssumeRoleResult>
  <ResponseMetadata><RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId></ResponseMetadata>
</AssumeRoleResponse>`;

function client(headers: Record<string, string>): STSClient {
  return new STSClient({
    region: 'eu-west-1',
    credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
    maxAttempts: 1,
    requestHandler: {
      handle: async () => ({ response: { statusCode: 200, headers: { 'content-type': 'text/xml', ...headers }, body: Readable.from([Buffer.from(XML)]) } }),
    } as never,
  });
}

test("records the Date header of each response: AWS's clock, whatever this machine's says", async () => {
  const sts = withAwsClock(client({ date: 'Mon, 23 Nov 2026 12:00:00 GMT' }));
  expect(awsDateOf(sts)).toBeUndefined();
  const out = await sts.send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::123456789012:role/demo', RoleSessionName: 'lab', DurationSeconds: 900 }));
  expect(awsDateOf(sts)).toBe(Date.parse('2026-11-23T12:00:00Z'));
  expect((out.Credentials!.Expiration!.getTime() - awsDateOf(sts)!) / 1000).toBe(900);
});

test('a response without Date leaves the clock unknown', async () => {
  const sts = withAwsClock(client({}));
  await sts.send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::123456789012:role/demo', RoleSessionName: 'lab', DurationSeconds: 900 }));
  expect(awsDateOf(sts)).toBeUndefined();
});
