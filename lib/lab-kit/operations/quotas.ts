/**
 * Will the lab fit in the account's quotas? A lab with a NAT gateway allocates an Elastic IP, and
 * every lab with a network creates a VPC; an account at its Elastic IP or VPC quota gets a
 * CREATE_FAILED after minutes of deploying ("The maximum number of addresses has been reached", or
 * the VPC limit), on a user's first run. `labs deploy` reads what it can first.
 *
 * Elastic IPs: the account's own limit is DescribeAccountAttributes `vpc-max-elastic-ips` ("The
 * maximum number of Elastic IP addresses that you can allocate"), the ones in use DescribeAddresses:
 * too few left refuses the deploy. VPCs: EC2 has no attribute for the limit, so the count in use
 * (DescribeVpcs) is compared with the documented default, "VPCs per Region" 5, adjustable ("Amazon
 * Virtual Private Cloud endpoints and quotas"): only a warning, since the account's quota may have
 * been raised. A read that is refused (a missing right) is said, never a refusal.
 *
 * @see https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeAccountAttributes.html
 * @see https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeAddresses.html
 * @see https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeVpcs.html
 * @see https://docs.aws.amazon.com/general/latest/gr/vpc-service.html
 */
import type { AwsClientConfig } from '../core/aws-config';
import type { TemplateJson } from '../template/json';

/** "VPCs per Region", default 5 ("Amazon Virtual Private Cloud endpoints and quotas"). */
export const DEFAULT_VPCS_PER_REGION = 5;

/** What the template allocates that a quota counts. */
export interface QuotaNeeds {
  readonly elasticIps: number;
  readonly vpcs: number;
}

/** AWS::EC2::EIP and AWS::EC2::VPC resources in the template. */
export function quotaNeeds(template: TemplateJson): QuotaNeeds {
  const types = Object.values(template.Resources ?? {}).map((r) => r.Type);
  return { elasticIps: types.filter((t) => t === 'AWS::EC2::EIP').length, vpcs: types.filter((t) => t === 'AWS::EC2::VPC').length };
}

/** What the account has in the Region: a figure, or why it could not be read. */
export interface QuotaUsage {
  readonly elasticIpLimit?: number;
  readonly elasticIpsInUse?: number;
  readonly vpcsInUse?: number;
  /** Reads that failed, in words (the API and its error). */
  readonly unread: readonly string[];
}

/** Reads the Elastic IP limit, the addresses allocated and the VPCs in the Region. */
export async function readQuotaUsage(aws: AwsClientConfig, needs: QuotaNeeds): Promise<QuotaUsage> {
  if (needs.elasticIps === 0 && needs.vpcs === 0) return { unread: [] };
  const { DescribeAccountAttributesCommand, DescribeAddressesCommand, EC2Client, paginateDescribeVpcs } = await import('@aws-sdk/client-ec2');
  const ec2 = new EC2Client(aws);
  const unread: string[] = [];
  const attempt = async <T>(api: string, call: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await call();
    } catch (error) {
      unread.push(`${api} (${error instanceof Error ? error.name || error.message : String(error)})`);
      return undefined;
    }
  };
  let elasticIpLimit: number | undefined;
  let elasticIpsInUse: number | undefined;
  if (needs.elasticIps > 0) {
    // Asked without AttributeNames (the reference lists only supported-platforms | default-vpc as values to ask
    // for), so the answer holds every attribute, vpc-max-elastic-ips among them.
    const attributes = await attempt('ec2:DescribeAccountAttributes', () => ec2.send(new DescribeAccountAttributesCommand({})));
    const value = attributes?.AccountAttributes?.find((a) => a.AttributeName === 'vpc-max-elastic-ips')?.AttributeValues?.[0]?.AttributeValue;
    if (value !== undefined && Number.isFinite(Number(value))) elasticIpLimit = Number(value);
    // "Describes the specified Elastic IP addresses or all of your Elastic IP addresses" (in the Region); no pages.
    const addresses = await attempt('ec2:DescribeAddresses', () => ec2.send(new DescribeAddressesCommand({})));
    if (addresses) elasticIpsInUse = (addresses.Addresses ?? []).length;
  }
  let vpcsInUse: number | undefined;
  if (needs.vpcs > 0) {
    vpcsInUse = await attempt('ec2:DescribeVpcs', async () => {
      let n = 0;
      for await (const page of paginateDescribeVpcs({ client: ec2 }, {})) n += (page.Vpcs ?? []).length;
      return n;
    });
  }
  return { ...(elasticIpLimit !== undefined ? { elasticIpLimit } : {}), ...(elasticIpsInUse !== undefined ? { elasticIpsInUse } : {}), ...(vpcsInUse !== undefined ? { vpcsInUse } : {}), unread };
}

/** What the deploy should do: refuse (problems), warn, and the line it prints. */
export interface QuotaVerdict {
  readonly problems: readonly string[];
  readonly warnings: readonly string[];
  readonly summary: string;
}

/** Compares what the lab allocates with what is left. */
export function checkQuotas(needs: QuotaNeeds, usage: QuotaUsage): QuotaVerdict {
  const problems: string[] = [];
  const warnings: string[] = [];
  const said: string[] = [];
  if (needs.elasticIps > 0) {
    if (usage.elasticIpLimit !== undefined && usage.elasticIpsInUse !== undefined) {
      const left = usage.elasticIpLimit - usage.elasticIpsInUse;
      said.push(`Elastic IPs ${usage.elasticIpsInUse} of ${usage.elasticIpLimit} in use, the lab needs ${needs.elasticIps}`);
      if (left < needs.elasticIps) {
        problems.push(
          `the lab allocates ${needs.elasticIps} Elastic IP address${needs.elasticIps === 1 ? '' : 'es'} and this Region has ${Math.max(0, left)} left ` +
            `(${usage.elasticIpsInUse} allocated of the account's ${usage.elasticIpLimit}, DescribeAccountAttributes vpc-max-elastic-ips): release an unused one ` +
            '(`aws ec2 describe-addresses`, then `aws ec2 release-address --allocation-id <id>`), or ask for more with Service Quotas (EC2, "EC2-VPC Elastic IPs")',
        );
      }
    }
  }
  if (needs.vpcs > 0 && usage.vpcsInUse !== undefined) {
    said.push(`VPCs ${usage.vpcsInUse} in use, the lab needs ${needs.vpcs}`);
    if (usage.vpcsInUse + needs.vpcs > DEFAULT_VPCS_PER_REGION) {
      warnings.push(
        `this Region already has ${usage.vpcsInUse} VPC${usage.vpcsInUse === 1 ? '' : 's'} and the lab adds ${needs.vpcs}: above the default quota of ${DEFAULT_VPCS_PER_REGION} VPCs per Region ` +
          '("Amazon Virtual Private Cloud endpoints and quotas"). If your quota was not raised (Service Quotas, Amazon VPC, "VPCs per Region"), the deploy fails creating the VPC',
      );
    }
  }
  const unread = usage.unread.length > 0 ? `; not read: ${usage.unread.join(', ')}` : '';
  return { problems, warnings, summary: `quotas: ${said.join('; ') || 'nothing the lab allocates is counted here'}${unread}` };
}
