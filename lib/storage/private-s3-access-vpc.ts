import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';

/** Properties of {@link PrivateS3AccessVpc}. */
export interface PrivateS3AccessVpcProps {
  /**
   * Availability Zones of the isolated subnets.
   * @default 1
   */
  readonly maxAzs?: number;
}

/**
 * A VPC whose subnets reach S3 and nothing else, as A43 is answered: isolated subnets only (no
 * internet gateway, no NAT gateway, nothing billed by the hour) and an S3 gateway endpoint in their
 * route tables. Requests to S3 in the VPC's Region leave through the endpoint, so S3 sees them with
 * `aws:SourceVpce` set to the endpoint's id, which a bucket policy can require.
 *
 * Gateway endpoints for S3 cost nothing; an interface endpoint would be billed by the hour.
 *
 * @see https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-s3.html
 * @see https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html
 */
export class PrivateS3AccessVpc extends Construct {
  public readonly vpc: ec2.Vpc;
  /** The S3 gateway endpoint. */
  public readonly endpoint: ec2.GatewayVpcEndpoint;

  constructor(scope: Construct, id: string, props: PrivateS3AccessVpcProps = {}) {
    super(scope, id);
    const maxAzs = props.maxAzs ?? 1;
    if (!Number.isInteger(maxAzs) || maxAzs < 1 || maxAzs > 3) {
      throw new Error(`PrivateS3AccessVpc maxAzs: received ${maxAzs}; allowed: 1, 2 or 3`);
    }
    this.vpc = new ec2.Vpc(this, 'Vpc', {
      ipAddresses: ec2.IpAddresses.cidr('10.0.0.0/24'),
      maxAzs,
      natGateways: 0,
      restrictDefaultSecurityGroup: false,
      subnetConfiguration: [{ name: 'Isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 28 }],
    });
    this.endpoint = this.vpc.addGatewayEndpoint('S3', { service: ec2.GatewayVpcEndpointAwsService.S3 });
  }
}
