import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct, type IDependable } from 'constructs';
import { consoleEventCommand } from './console-probe-commands';
import { NAT_READY_EVENT } from './probe-names';

/** Properties of {@link NatInstance}. */
export interface NatInstanceProps {
  readonly vpc: ec2.IVpc;
  /** A public subnet (default route to the internet gateway): the NAT instance itself needs the internet. */
  readonly subnet: ec2.ISubnet;
  /**
   * The CIDR block whose traffic the instance forwards (a literal, so the security group rule can be
   * reviewed, and checked by cdk-nag, before deploy).
   * @default the VPC's CIDR block
   */
  readonly forwardFrom?: string;
  /** An Arm (Graviton) type. @default t4g.nano */
  readonly instanceType?: ec2.InstanceType;
  /**
   * The internet gateway's VPC attachment. The instance has a public IP, so it must depend on it
   * (CloudFormation "DependsOn attribute", When a DependsOn attribute is required).
   */
  readonly gatewayAttachment: IDependable;
}

/**
 * A NAT instance: an ordinary EC2 instance that forwards and masquerades traffic for private subnets.
 *
 * What a NAT gateway does for you, done by hand, and why each step is needed:
 * - **source/destination check off**: EC2 drops traffic whose source or destination is not the
 *   instance itself unless this check is disabled, and forwarding is exactly that;
 * - **IP forwarding and masquerade** in the OS (`net.ipv4.ip_forward=1`, iptables `MASQUERADE`);
 * - **a public IP** and a public subnet, so the instance itself reaches the internet;
 * - **a security group** admitting traffic from the private subnets (a NAT gateway has none);
 * - **you** patch it, size it (its bandwidth is the instance type's) and replace it when it fails:
 *   it is one instance in one AZ, with no automatic failover.
 *
 * A NAT gateway is managed, scales to 100 Gbps, and is redundant within its AZ; one per AZ (or a
 * regional NAT gateway) is needed to survive an AZ failure.
 *
 * @see https://docs.aws.amazon.com/vpc/latest/userguide/VPC_NAT_Instance.html
 * @see https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-comparison.html
 */
export class NatInstance extends Construct {
  /** The name of the console line the instance writes when forwarding is set up (rc=0) or failed. */
  public static readonly READY_EVENT = NAT_READY_EVENT;

  /**
   * The test behind the `nat-ready` line (exit code 0 only when both hold): IP forwarding is on in
   * the kernel *and* the masquerade rule is in place. "Work with NAT instances" lists both steps;
   * checking only the iptables rule would report a NAT instance ready whose `sysctl -p` failed
   * (ip_forward still 0), and every try through it would then time out for a fault of the setup.
   * Runs in the user-data shell, where `$out_if` is the default route's interface.
   *
   * @see https://docs.aws.amazon.com/vpc/latest/userguide/work-with-nat-instances.html
   */
  public static readonly READY_CHECK = 'test "$(sysctl -n net.ipv4.ip_forward)" = 1 && iptables -t nat -C POSTROUTING -o "$out_if" -j MASQUERADE';

  /**
   * What CDK's NatProvider.instanceV2 does (forwarding on, masquerade out of the default
   * interface), made sturdy on a t4g.nano: swap so dnf is not killed for memory in 512 MiB, retries
   * for the one package download, and a console line saying whether forwarding and the NAT rule are
   * both in place ({@link NatInstance.READY_CHECK}).
   *
   * @see https://docs.aws.amazon.com/vpc/latest/userguide/work-with-nat-instances.html
   */
  public static readonly SETUP_COMMANDS: readonly string[] = [
    'dd if=/dev/zero of=/swapfile bs=1M count=512 && chmod 600 /swapfile && mkswap /swapfile && swapon /swapfile',
    'for try in 1 2 3 4 5 6 7 8 9 10; do yum install -y iptables-services && break; sleep 10; done',
    'systemctl enable --now iptables',
    'echo "net.ipv4.ip_forward=1" > /etc/sysctl.d/custom-ip-forwarding.conf',
    'sysctl -p /etc/sysctl.d/custom-ip-forwarding.conf',
    "out_if=$(ip route show default | awk '{print $5; exit}')",
    'iptables -t nat -A POSTROUTING -o "$out_if" -j MASQUERADE',
    'iptables -F FORWARD',
    'service iptables save',
    consoleEventCommand(NatInstance.READY_EVENT, NatInstance.READY_CHECK, 'forwarding and masquerade configured'),
  ];

  public readonly instance: ec2.Instance;
  public readonly securityGroup: ec2.SecurityGroup;

  constructor(scope: Construct, id: string, props: NatInstanceProps) {
    super(scope, id);
    const instanceType = props.instanceType ?? ec2.InstanceType.of(ec2.InstanceClass.T4G, ec2.InstanceSize.NANO);
    if (instanceType.architecture !== ec2.InstanceArchitecture.ARM_64) {
      throw new Error(`instanceType: received ${instanceType}; allowed: an Arm (Graviton) type such as t4g.nano, to match the arm64 AMI`);
    }
    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: 'NAT instance: forwards traffic from inside the VPC; nothing from the internet',
      allowAllOutbound: true,
    });
    this.securityGroup.addIngressRule(ec2.Peer.ipv4(props.forwardFrom ?? props.vpc.vpcCidrBlock), ec2.Port.allTraffic(), 'Traffic to forward, from the VPC');

    this.instance = new ec2.Instance(this, 'Instance', {
      vpc: props.vpc,
      vpcSubnets: { subnets: [props.subnet] },
      associatePublicIpAddress: true,
      sourceDestCheck: false,
      instanceType,
      machineImage: ec2.MachineImage.latestAmazonLinux2023({ cpuType: ec2.AmazonLinuxCpuType.ARM_64 }),
      userData: ec2.UserData.custom(['#!/bin/bash', ...NatInstance.SETUP_COMMANDS].join('\n')),
      securityGroup: this.securityGroup,
      requireImdsv2: true,
      // Pinned, not left to the account's default credit specification, which an account can set to standard per
      // instance family: then no launch credits, and boots and the NAT instance's install held at the 5 % baseline.
      creditSpecification: ec2.CpuCredits.UNLIMITED,
      blockDevices: [{ deviceName: '/dev/xvda', volume: ec2.BlockDeviceVolume.ebs(8, { encrypted: true, volumeType: ec2.EbsDeviceVolumeType.GP3, deleteOnTermination: true }) }],
    });
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-attribute-dependson.html#gatewayattachment
    this.instance.node.addDependency(props.gatewayAttachment);
  }
}
