/**
 * VPC Block Public Access: an account-and-Region setting that blocks traffic through internet
 * gateways (`block-bidirectional`, or `block-ingress` for inbound only) for every VPC not excluded.
 * A lab whose template has an internet gateway is told before it deploys, since a new VPC has no
 * exclusion yet: its public paths would be blocked, which is the account's setting, never AWS
 * failing a claim.
 *
 * @see https://docs.aws.amazon.com/vpc/latest/userguide/security-vpc-bpa.html
 * @see https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeVpcBlockPublicAccessOptions.html
 * @see https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VpcBlockPublicAccessOptions.html
 */
import type { AwsClientConfig } from '../core/aws-config';
import type { TemplateJson } from '../template/json';

/** Does the template route anything through an internet gateway? */
export function usesInternetGateway(template: TemplateJson): boolean {
  return Object.values(template.Resources ?? {}).some((r) => r.Type === 'AWS::EC2::InternetGateway');
}

/**
 * One line to show before the deploy when Block Public Access is on in the Region, else undefined.
 * InternetGatewayBlockMode is `off`, `block-bidirectional` or `block-ingress`; State may be
 * `update-in-progress` while it changes.
 */
export async function blockPublicAccessWarning(aws: AwsClientConfig): Promise<string | undefined> {
  const { DescribeVpcBlockPublicAccessOptionsCommand, EC2Client } = await import('@aws-sdk/client-ec2');
  let options;
  try {
    options = (await new EC2Client(aws).send(new DescribeVpcBlockPublicAccessOptionsCommand({})))?.VpcBlockPublicAccessOptions;
  } catch (error) {
    // A warning only: a caller without ec2:DescribeVpcBlockPublicAccessOptions may still deploy; the lab's checks read it again.
    return `could not read VPC Block Public Access (ec2:DescribeVpcBlockPublicAccessOptions: ${error instanceof Error ? error.name || error.message : String(error)}): if it is on in this Region, the lab's internet paths will be blocked and its checks will say so as errors`;
  }
  const mode = options?.InternetGatewayBlockMode;
  if (!mode || mode === 'off') return undefined;
  const by = options?.ManagedBy === 'declarative-policy' ? " (set by your organization's declarative policy)" : '';
  return (
    `VPC Block Public Access is ${mode} in this Region${by}: the lab's internet paths will be blocked unless its VPC is excluded ` +
    `(aws ec2 create-vpc-block-public-access-exclusion --vpc-id <the lab's VPC> --internet-gateway-exclusion-mode allow-bidirectional) or the setting is off; its checks will then say so as errors`
  );
}
