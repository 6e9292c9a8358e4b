/**
 * F4 of the second review, on the wire: RebootDBInstance's first attempt reaches RDS but its reply
 * is lost (the connection resets), the SDK retries on its own, and the retry finds the instance
 * rebooting. A real RDSClient with its retry middleware, over a request handler that plays RDS's
 * Query protocol, so nothing of the SDK is mocked: what the check sees is what the SDK throws.
 *
 * RDS's answer to the retry is the error of "RebootDBInstance", Errors
 * (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_RebootDBInstance.html):
 * InvalidDBInstanceState, "The DB instance isn't in a valid state.", HTTP 400, in the Query
 * protocol's ErrorResponse shape ("Common Errors",
 * https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/CommonErrors.html).
 */
import { Readable } from 'node:stream';
import { RDSClient, RebootDBInstanceCommand } from '@aws-sdk/client-rds';
import { isInvalidDbInstanceState } from '../observe';

const ID = 'rds-multi-az-failover-databaseinstanceaa8a5fde-x1y2z3';

test('a lost first reply: the SDK retries by itself, and the retry is answered InvalidDBInstanceState with $metadata.attempts 2', async () => {
  const requests: string[] = [];
  const handler = {
    metadata: { handlerProtocol: 'http/1.1' },
    handle: async (request: { body?: string; headers: Record<string, string> }) => {
      requests.push(String(request.body ?? ''));
      if (requests.length === 1) {
        // The request reached RDS (the instance now reboots); the reply never comes back.
        throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
      }
      const body =
        '<ErrorResponse xmlns="http://rds.amazonaws.com/doc/2014-10-31/"><Error><Type>Sender</Type><Code>InvalidDBInstanceState</Code>' +
        `<Message>Instance ${ID} is not in available state.</Message></Error><RequestId>5e1c7a2b-0000-4000-8000-000000000002</RequestId></ErrorResponse>`;
      // The shape of the SDK's HttpResponse (statusCode, headers, body stream).
      return { response: { statusCode: 400, reason: 'Bad Request', headers: { 'content-type': 'text/xml' }, body: Readable.from([Buffer.from(body)]) } };
    },
    updateHttpClientConfig: () => undefined,
    httpHandlerConfigs: () => ({}),
    destroy: () => undefined,
  };
  const rds = new RDSClient({ region: 'us-east-1', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' }, requestHandler: handler as never });
  const error = await rds.send(new RebootDBInstanceCommand({ DBInstanceIdentifier: ID, ForceFailover: true })).catch((e: unknown) => e);
  expect(requests).toHaveLength(2);
  expect(requests.every((b) => b.includes('Action=RebootDBInstance') && b.includes('ForceFailover=true'))).toBe(true);
  expect(error).toMatchObject({ name: 'InvalidDBInstanceStateFault', $metadata: { httpStatusCode: 400, attempts: 2 } });
  expect(isInvalidDbInstanceState(error)).toBe(true);
});
