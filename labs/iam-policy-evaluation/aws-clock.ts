/**
 * AWS's clock, read from the `Date` header of its responses, so that a figure such as "seconds until
 * these credentials expire" does not depend on the clock of the machine running the check (a laptop
 * whose clock drifted still gets every call through: the SDK corrects skew when it signs).
 *
 * Every HTTP response of an origin server with a clock carries `Date`, an IMF-fixdate in whole
 * seconds ("HTTP Semantics", RFC 9110, sections 6.6.1 and 5.6.7,
 * https://www.rfc-editor.org/rfc/rfc9110#field.date).
 */
import type { STSClient } from '@aws-sdk/client-sts';

const DATES = new WeakMap<object, number>();

/** Records the `Date` header of a response a client received (what {@link withAwsClock}'s middleware does). */
export function recordResponseDate(client: object, date: string | undefined): void {
  const ms = date ? Date.parse(date) : NaN;
  if (!Number.isNaN(ms)) DATES.set(client, ms);
}

/** The `Date` of the last response the client received, in epoch milliseconds; undefined before any or without the header. */
export function awsDateOf(client: object): number | undefined {
  return DATES.get(client);
}

/** Adds a middleware to the client that records each response's `Date` header; returns the client. */
export function withAwsClock(client: STSClient): STSClient {
  client.middlewareStack.add(
    (next) => async (args) => {
      const out = await next(args);
      const headers = (out.response as { headers?: Record<string, string> } | undefined)?.headers ?? {};
      recordResponseDate(client, headers.date ?? headers.Date);
      return out;
    },
    { step: 'deserialize', name: 'labAwsClock', override: true },
  );
  return client;
}
