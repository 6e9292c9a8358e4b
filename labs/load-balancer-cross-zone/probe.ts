/**
 * Requests sent straight to one load balancer node's address, each on a new TCP connection: a Network
 * Load Balancer picks a target per flow (a hash of protocol, addresses and ports), so only new
 * connections, each from a new source port, sample the choice again. Bounded: a count, a timeout per
 * request and a few at a time.
 *
 * @see https://docs.aws.amazon.com/elasticloadbalancing/latest/network/introduction.html
 */
import { randomBytes } from 'node:crypto';
import * as http from 'node:http';
import { parseInstanceIdPage } from '../../lib/load-balancing/instance-id-page';
import type { LoadBalancerNode } from './nodes';

/** What one request got: the instance that answered, or why none did. */
export interface ProbeAnswer {
  readonly status?: number;
  readonly instanceId?: string;
  readonly error?: string;
}

/**
 * A path no cache on the way can have seen: `/?r=<random>` (the targets' server answers every path
 * but the health check's with the same page), so a caching proxy on the user's network cannot
 * answer from its cache with the target an earlier request reached.
 */
export function cacheBustingPath(): string {
  return `/?r=${randomBytes(8).toString('hex')}`;
}

/**
 * The request headers: `Cache-Control: no-cache, no-store` tells any cache between the user and the
 * load balancer not to answer from a stored response nor store this one (RFC 9111 §5.2.1.4 and
 * §5.2.1.5, https://www.rfc-editor.org/rfc/rfc9111#section-5.2.1); `Connection: close` asks the
 * server to close the connection afterwards.
 */
export const REQUEST_HEADERS = { Connection: 'close', 'Cache-Control': 'no-cache, no-store' } as const;

/**
 * The transport, in an object so tests can replace `get`. `agent: false` gives every request an agent
 * of its own, so a new connection ("http.request", Node.js docs: `agent: false` "a new Agent with
 * default values will be used").
 */
export const transport = {
  get(address: string, port: number, timeoutMs: number): Promise<ProbeAnswer> {
    return new Promise((resolve) => {
      const req = http.get({ host: address, port, path: cacheBustingPath(), agent: false, timeout: timeoutMs, headers: REQUEST_HEADERS }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          if (body.length < 1024) body += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode, instanceId: parseInstanceIdPage(body).instanceId }));
        res.on('error', (e) => resolve({ status: res.statusCode, error: (e as NodeJS.ErrnoException).code ?? e.message }));
      });
      req.on('timeout', () => req.destroy(Object.assign(new Error(`timeout after ${timeoutMs} ms`), { code: 'TIMEOUT' })));
      req.on('error', (e) => resolve({ error: (e as NodeJS.ErrnoException).code ?? e.message }));
    });
  },
};

/** What the requests to one node got. */
export interface NodeCounts {
  readonly zone: string;
  readonly address: string;
  readonly sent: number;
  /** Answers naming an instance, by instance id. */
  readonly byInstance: Readonly<Record<string, number>>;
  /** Answers that named no instance (another page, another status). */
  readonly unrecognised: number;
  /** Requests without an answer, by error code. */
  readonly errors: Readonly<Record<string, number>>;
}

/** The number of answers that named an instance. */
export function answered(c: Pick<NodeCounts, 'byInstance'>): number {
  return Object.values(c.byInstance).reduce((a, b) => a + b, 0);
}

/** How many requests are in flight at once. */
export const CONCURRENCY = 8;
/** Seconds before a request counts as unanswered. */
export const REQUEST_TIMEOUT_MS = 5_000;

/** Sends `count` requests to a node, {@link CONCURRENCY} at a time, and counts who answered. */
export async function probeNode(node: LoadBalancerNode, port: number, count: number, timeoutMs = REQUEST_TIMEOUT_MS): Promise<NodeCounts> {
  const byInstance: Record<string, number> = {};
  const errors: Record<string, number> = {};
  let unrecognised = 0;
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next++;
      const a = await transport.get(node.address, port, timeoutMs);
      if (a.instanceId && a.status === 200) byInstance[a.instanceId] = (byInstance[a.instanceId] ?? 0) + 1;
      else if (a.error) errors[a.error] = (errors[a.error] ?? 0) + 1;
      else unrecognised++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, count) }, worker));
  return { zone: node.zone, address: node.address, sent: count, byInstance, unrecognised, errors };
}
