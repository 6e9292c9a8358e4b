/**
 * Account data out of a recorded run: a run is meant to be shared (attached to an issue, sent to
 * an interviewer), and an AWS account id is what an attacker needs to start guessing role names.
 *
 * Two passes over every string of the value: the account field of every ARN
 * (`arn:<partition>:<service>:<region>:<account>:<resource>`, the format of "Amazon Resource Names
 * (ARNs)", https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html), whoever's account it
 * is; then the caller's own account id wherever else it stands (an SQS queue URL carries it as a
 * path segment: https://sqs.<region>.amazonaws.com/<account>/<queue>). Numbers are left alone: an
 * epoch millisecond has 13 digits, and no observation keeps an account id as a number.
 */

/** What replaces an account id: 12 characters, so widths and equalities between redacted ARNs hold. */
export const REDACTED_ACCOUNT = 'XXXXXXXXXXXX';

const ARN_ACCOUNT = /\b(arn:aws[a-z-]*:[a-z0-9-]*:[a-z0-9-]*:)(\d{12})(?=:)/g;

/** One string, redacted. */
export function redactString(text: string, accountId?: string): string {
  let out = text.replace(ARN_ACCOUNT, `$1${REDACTED_ACCOUNT}`);
  if (accountId && /^\d{12}$/.test(accountId)) out = out.replace(new RegExp(`(?<!\\d)${accountId}(?!\\d)`, 'g'), REDACTED_ACCOUNT);
  return out;
}

/** A plain-JSON value with every string redacted (keys too: an output name never holds an id, a map keyed by ARN might). */
export function redactValue<T>(value: T, accountId?: string): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return redactString(v, accountId);
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [redactString(k, accountId), walk(x)]));
    return v;
  };
  return walk(value) as T;
}
