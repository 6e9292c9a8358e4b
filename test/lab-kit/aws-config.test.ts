import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DescribeDBInstancesCommand, RDSClient } from '@aws-sdk/client-rds';
import { CONNECTION_TIMEOUT_MS, defaultAwsConfig, REQUEST_TIMEOUT_MS } from '../../lib/lab-kit/core/aws-config';

/**
 * A connection a proxy or NAT dropped without a reset looks, to the client, like a server that
 * accepted the request and never answers. Without a request timeout that thrown as an error, an
 * RDS or EC2 poll of a check waits for the OS to give up (third review F2 of rds-multi-az-failover).
 */
describe('defaultAwsConfig bounds every request', () => {
  let server: http.Server;
  let url: string;
  beforeAll(async () => {
    server = http.createServer(() => undefined); // accepts, reads, never answers
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  test('connect and request timeouts are set, and a timeout is an error, not a warning', () => {
    expect(defaultAwsConfig('eu-west-1')).toEqual({
      region: 'eu-west-1',
      retryMode: 'adaptive',
      maxAttempts: 6,
      requestHandler: { connectionTimeout: CONNECTION_TIMEOUT_MS, requestTimeout: REQUEST_TIMEOUT_MS, throwOnRequestTimeout: true },
    });
    // A stalled call ends within maxAttempts × (connect + request) ≈ 4 minutes, not the OS's 15.
    expect(6 * (CONNECTION_TIMEOUT_MS + REQUEST_TIMEOUT_MS)).toBeLessThanOrEqual(4 * 60_000);
  });

  test('an SDK client built from it rejects a request that gets no answer (requestTimeout shortened to 300 ms here)', async () => {
    const config = defaultAwsConfig('us-east-1');
    const client = new RDSClient({
      ...config,
      maxAttempts: 1,
      endpoint: url,
      credentials: { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'example' },
      requestHandler: { ...config.requestHandler, requestTimeout: 300 },
    });
    const started = Date.now();
    await expect(client.send(new DescribeDBInstancesCommand({}))).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(Date.now() - started).toBeLessThan(5_000);
    client.destroy();
  });
});
