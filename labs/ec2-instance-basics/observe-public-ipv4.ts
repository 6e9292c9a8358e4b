/**
 * I26: what AWS charges for a public IPv4 address, read from the AWS Price List Query API (free to call,
 * nothing is allocated), next to the public IPv4 addresses this lab holds (none, by design).
 *
 * GetProducts on ServiceCode `AmazonVPC` for the lab's Region, filtered to the usage types that contain
 * `PublicIPv4:`: the in-use one (`<region prefix>-PublicIPv4:InUseAddress`) and the idle one
 * (`…-PublicIPv4:IdleAddress`). Each PriceList entry is a JSON string (one product with its attributes and
 * terms), not an object ("GetProducts", AWS Price List Service API Reference,
 * https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_pricing_GetProducts.html). The Query API
 * is served from a few Regions only; this asks us-east-1 ("Using the AWS Price List Query API",
 * https://docs.aws.amazon.com/cost-management/latest/userguide/using-price-list-query-api.html). A denied call
 * (pricing:GetProducts) is the check's error, not a verdict: the observation throws it.
 */
import { observationsOf } from '../../lib/lab-kit/checks/lab-definition';
import { LAB_TAG } from '../../lib/lab-kit/core/tags';
import { OUTPUTS } from './outputs';

const observe = observationsOf(OUTPUTS);

/** The Region whose endpoint serves the Price List Query API (one of the documented three). */
export const PRICING_REGION = 'us-east-1';
/** The usage types' common part, and the in-use and idle suffixes. */
export const PUBLIC_IPV4_USAGE = 'PublicIPv4:';
export const IN_USE_SUFFIX = 'PublicIPv4:InUseAddress';
export const IDLE_SUFFIX = 'PublicIPv4:IdleAddress';

/** One priced usage type: its hourly On-Demand price in USD (the `Hrs` price dimension). */
export interface Ipv4Price {
  readonly usageType: string;
  readonly usdPerHour?: number;
  readonly description?: string;
}

export interface PublicIpv4Observation {
  readonly region: string;
  readonly prices: readonly Ipv4Price[];
  /** The lab's public IPv4 addresses: Elastic IPs tagged lab=<id>, and public IPs on the network interfaces in its VPC. */
  readonly labAddresses: ReadonlyArray<{ readonly address: string; readonly source: string }>;
}

/** The hourly USD price of one PriceList entry (a JSON string: product.attributes, terms.OnDemand.*.priceDimensions.*). */
export function parsePriceListEntry(entry: string): Ipv4Price {
  const doc = JSON.parse(entry) as { product?: { attributes?: Record<string, string> }; terms?: { OnDemand?: Record<string, { priceDimensions?: Record<string, { unit?: string; description?: string; pricePerUnit?: { USD?: string } }> }> } };
  const dims = Object.values(doc.terms?.OnDemand ?? {}).flatMap((t) => Object.values(t.priceDimensions ?? {}));
  const hourly = dims.find((d) => d.unit === 'Hrs' && d.pricePerUnit?.USD !== undefined);
  return { usageType: doc.product?.attributes?.usagetype ?? '?', usdPerHour: hourly ? Number(hourly.pricePerUnit!.USD) : undefined, description: hourly?.description };
}

export const publicIpv4 = observe({
  name: 'public-ipv4',
  outputs: ['VpcId'],
  async observe(ctx): Promise<PublicIpv4Observation> {
    const { PricingClient, paginateGetProducts } = await import('@aws-sdk/client-pricing');
    const { EC2Client, DescribeAddressesCommand, paginateDescribeNetworkInterfaces } = await import('@aws-sdk/client-ec2');
    const region = String(ctx.aws.region ?? '');
    const pricing = new PricingClient({ ...ctx.aws, region: PRICING_REGION });
    ctx.progress(`reading the public IPv4 prices for ${region} from the Price List API (${PRICING_REGION})`);
    const prices: Ipv4Price[] = [];
    for await (const page of paginateGetProducts(
      { client: pricing },
      {
        ServiceCode: 'AmazonVPC',
        FormatVersion: 'aws_v1',
        Filters: [
          { Type: 'TERM_MATCH', Field: 'regionCode', Value: region },
          { Type: 'CONTAINS', Field: 'usagetype', Value: PUBLIC_IPV4_USAGE },
        ],
      },
    )) {
      for (const entry of page.PriceList ?? []) prices.push(parsePriceListEntry(entry));
    }
    const ec2 = new EC2Client(ctx.aws);
    // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeAddresses.html
    const eips = await ec2.send(new DescribeAddressesCommand({ Filters: [{ Name: `tag:${LAB_TAG}`, Values: [ctx.labId] }] }));
    const labAddresses = (eips.Addresses ?? []).filter((a) => a.PublicIp).map((a) => ({ address: a.PublicIp!, source: `Elastic IP ${a.AllocationId ?? '?'}` }));
    // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeNetworkInterfaces.html (Association.PublicIp)
    for await (const page of paginateDescribeNetworkInterfaces({ client: ec2 }, { Filters: [{ Name: 'vpc-id', Values: [ctx.outputs.VpcId] }] })) {
      for (const eni of page.NetworkInterfaces ?? []) {
        const ip = eni.Association?.PublicIp;
        if (ip && !labAddresses.some((a) => a.address === ip)) labAddresses.push({ address: ip, source: `network interface ${eni.NetworkInterfaceId ?? '?'}` });
      }
    }
    return { region, prices, labAddresses };
  },
});
