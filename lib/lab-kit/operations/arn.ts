/**
 * ARNs as IAM's reference describes them: `arn:partition:service:region:account-id:resource`,
 * where the resource part is `resource-type/resource-id`, `resource-type:resource-id`, or the
 * resource id alone (an SQS queue's name, an S3 bucket's). The partition is `aws`, `aws-cn`,
 * `aws-us-gov` and others: never assume `aws`.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html
 */
export interface Arn {
  readonly partition: string;
  readonly service: string;
  readonly region: string;
  readonly account: string;
  /** The resource type where the ARN has one (`instance`, `log-group`, `db`), else ''. */
  readonly resourceType: string;
  /** The resource id: what follows the type, or the whole resource part. */
  readonly resourceId: string;
}

/** The parts of an ARN, or undefined when the text is not one. */
export function parseArn(text: string): Arn | undefined {
  const parts = text.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  const [, partition, service, region, account] = parts;
  const resource = parts.slice(5).join(':');
  const slash = resource.indexOf('/');
  const colon = resource.indexOf(':');
  // The first separator decides: `log-group:/aws/lambda/x` is type log-group, `instance/i-1` type instance.
  const at = [slash, colon].filter((i) => i >= 0).sort((a, b) => a - b)[0];
  const [resourceType, resourceId] = at === undefined ? ['', resource] : [resource.slice(0, at), resource.slice(at + 1)];
  return { partition, service, region, account, resourceType, resourceId };
}
