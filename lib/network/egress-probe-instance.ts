import { Aws, Duration } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct, type IDependable } from 'constructs';
import { consoleProbeCommands } from './console-probe-commands';
import { EGRESS_PROBE_NAME, SECOND_ENDPOINT_FIELD } from './probe-names';

/** Properties of {@link EgressProbeInstance}. */
export interface EgressProbeInstanceProps {
  readonly vpc: ec2.IVpc;
  /** The subnet to launch in: its route table decides the way out, not its name. */
  readonly subnet: ec2.ISubnet;
  /**
   * Whether the instance gets a public IPv4 address.
   * @default the subnet's `MapPublicIpOnLaunch`
   */
  readonly associatePublicIpAddress?: boolean;
  /**
   * A URL that answers with the caller's public IPv4 address, so each try also says *which*
   * address the internet saw.
   * @default https://checkip.amazonaws.com
   */
  readonly probeUrl?: string;
  /**
   * A second, independent HTTPS endpoint tried on every try, so that "could not connect" means the
   * way out, not one service: a try counts as a connection failure only when neither `probeUrl` nor
   * this one connected, and any HTTP status from this one (no `-f`: a 403 or 404 page is still an
   * answer) shows that packets got out and back. Its result opens each try's output
   * (`also=<curl exit code>:<HTTP status>`, {@link SECOND_ENDPOINT_FIELD}).
   *
   * The default is the Region's own AWS STS endpoint: run by AWS, listed for every Region on
   * "AWS Security Token Service endpoints and quotas" (https://docs.aws.amazon.com/general/latest/gr/sts.html),
   * another service than checkip, and it answers plain HTTPS without credentials (with an error
   * document, which is all a connection test needs). Reached over the same route as checkip: the
   * lab has no VPC endpoint for it.
   * @default https://sts.<region>.<url suffix>/
   */
  readonly secondEndpointUrl?: string;
  /** An Arm (Graviton) type: the AMI is Amazon Linux 2023 for arm64. @default t4g.nano */
  readonly instanceType?: ec2.InstanceType;
  /**
   * The internet gateway's VPC attachment. Required when the instance gets a public IP (asked for,
   * or mapped by its subnet): CloudFormation's "DependsOn attribute" page says an instance with a
   * public IP must depend on the VPC-gateway attachment, or deleting the stack can detach the
   * gateway first and fail.
   */
  readonly gatewayAttachment?: IDependable;
}

/**
 * An instance that tries to reach the internet every 15 seconds and reports each try, with the
 * public address the internet saw and whether a second, independent endpoint answered, on its
 * serial console (read with EC2 GetConsoleOutput).
 *
 * It needs no inbound rule, no SSH key, no SSM agent connectivity and no IAM rights: the console is
 * out of band, so even an instance that reaches nothing can tell us so. The AMI comes from the SSM
 * public parameter for Amazon Linux 2023, resolved at deploy time (no lookup at synth).
 *
 * @see https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/troubleshoot-unreachable-instance.html
 */
export class EgressProbeInstance extends Construct {
  /** The name under which the probe writes to the console. */
  public static readonly PROBE_NAME = EGRESS_PROBE_NAME;
  public readonly instance: ec2.Instance;

  constructor(scope: Construct, id: string, props: EgressProbeInstanceProps) {
    super(scope, id);
    const instanceType = props.instanceType ?? ec2.InstanceType.of(ec2.InstanceClass.T4G, ec2.InstanceSize.NANO);
    if (instanceType.architecture !== ec2.InstanceArchitecture.ARM_64) {
      throw new Error(`instanceType: received ${instanceType}; allowed: an Arm (Graviton) type such as t4g.nano, to match the arm64 AMI`);
    }
    const subnetMapsPublicIp = (props.subnet.node.defaultChild as ec2.CfnSubnet | undefined)?.mapPublicIpOnLaunch === true;
    const publicIp = props.associatePublicIpAddress ?? subnetMapsPublicIp;
    if (publicIp && !props.gatewayAttachment) {
      throw new Error(`${id}: gets a public IP but received no gatewayAttachment; allowed: the VPC's internet gateway attachment, which an instance with a public IP must depend on`);
    }
    const userData = ec2.UserData.forLinux();
    userData.addCommands(
      ...consoleProbeCommands({
        name: EgressProbeInstance.PROBE_NAME,
        // -f: without it curl exits 0 on an HTTP 4xx/5xx page too, so a throttled or failing checkip
        // would look like a reach. curl man page, EXIT CODES: "22 HTTP page not retrieved. The requested
        // URL was not found or returned another error with the HTTP error code being 400 or above. This
        // return code only appears if -f, --fail is used." https://curl.se/docs/manpage.html
        // The second curl has no -f and its body is dropped: only whether it connected (exit 0, any
        // HTTP status) matters. "%{http_code}" is 000 when no answer came. Each curl is bounded by -m 5,
        // so a try lasts at most 10 s, within the probe's 20 s timeout. The try's exit code is checkip's.
        command:
          `a=$(curl -fsS -m 5 ${props.probeUrl ?? 'https://checkip.amazonaws.com'} 2>&1); arc=$?; ` +
          `b=$(curl -s -o /dev/null -m 5 -w '%{http_code}' ${props.secondEndpointUrl ?? `https://sts.${Aws.REGION}.${Aws.URL_SUFFIX}/`}); brc=$?; ` +
          `echo "${SECOND_ENDPOINT_FIELD}=$brc:$b $a"; exit $arc`,
        interval: Duration.seconds(15),
      }),
    );
    this.instance = new ec2.Instance(this, 'Instance', {
      vpc: props.vpc,
      vpcSubnets: { subnets: [props.subnet] },
      associatePublicIpAddress: props.associatePublicIpAddress,
      instanceType,
      machineImage: ec2.MachineImage.latestAmazonLinux2023({ cpuType: ec2.AmazonLinuxCpuType.ARM_64 }),
      userData,
      requireImdsv2: true,
      // Pinned, not left to the account's default credit specification, which an account can set to standard per
      // instance family: then no launch credits, and boots and the NAT instance's install held at the 5 % baseline.
      creditSpecification: ec2.CpuCredits.UNLIMITED,
      blockDevices: [{ deviceName: '/dev/xvda', volume: ec2.BlockDeviceVolume.ebs(8, { encrypted: true, volumeType: ec2.EbsDeviceVolumeType.GP3, deleteOnTermination: true }) }],
      // No inbound rule at all: the probe only connects out.
      allowAllOutbound: true,
    });
    // Start probing only once the subnet's way out exists: otherwise the first tries of an instance
    // behind a NAT gateway fail while the gateway is still being created.
    this.instance.node.addDependency(props.subnet.internetConnectivityEstablished);
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-attribute-dependson.html#gatewayattachment
    if (publicIp && props.gatewayAttachment) this.instance.node.addDependency(props.gatewayAttachment);
  }
}
