/**
 * The VPC Lambda probes (I4, I19): each is invoked synchronously and tries HTTPS to
 * checkip.amazonaws.com from its subnet; the answer says whether it got out, and as which address.
 */
import { observationsOf } from '../../lib/lab-kit/checks/lab-definition';
import { blockedBy, natGateway, type NatGatewayObservation, vpcBlockPublicAccess } from './observe';
import { OUTPUTS } from './outputs';

const observe = observationsOf(OUTPUTS);

/** The handler's own HTTPS timeout: with Lambda's 10 s Init limit it fits in the function's 20 s, so no way out answers "not reached" rather than timing out (tested). */
export const LAMBDA_PROBE_TIMEOUT_MS = 5_000;

/**
 * One of the function's network interfaces as DescribeNetworkInterfaces gives it ("NetworkInterface", Amazon EC2
 * API Reference, https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_NetworkInterface.html): `Association`
 * is present only when a public IPv4 address is associated with it.
 */
export interface LambdaEni {
  readonly id: string;
  readonly subnetId?: string;
  readonly interfaceType?: string;
  readonly requesterManaged?: boolean;
  /** Association.PublicIp: absent on a Lambda ENI unless someone associated an Elastic IP with it by hand. */
  readonly publicIp?: string;
}

/** What one VPC function saw. */
export interface LambdaProbeResult {
  readonly functionName: string;
  /** FunctionError of the Invoke response ("Invoke", AWS Lambda API Reference): the probe itself failed. */
  readonly functionError?: string;
  readonly reached?: boolean;
  readonly publicIp?: string;
  readonly error?: string;
  /**
   * The handler's kind of failure: `timeout` only when the name resolved and TCP never connected within the
   * handler's timeout (packets left, nothing came back); `dns`, `refused`, `reset`, `unreachable`, `tls`,
   * `stalled` (connected, then no answer) and `other` ended the request before it tested the way out.
   */
  readonly kind?: string;
  /** The handler's own timeout, as it ran. */
  readonly timeoutMs?: number;
  readonly elapsedMs?: number;
  /** The function's ENIs: those carrying its own security group (GetFunctionConfiguration VpcConfig.SecurityGroupIds). */
  readonly enis?: readonly LambdaEni[];
  /** GetFunctionConfiguration State: Active once Lambda has made its ENIs ("Lambda function states"). */
  readonly state?: string;
}

export interface LambdaEgressObservation {
  readonly inPublicSubnet: LambdaProbeResult;
  readonly viaNatGateway: LambdaProbeResult;
  readonly natGateway: NatGatewayObservation;
}

export const lambdaEgress = observe({
  name: 'lambda-egress',
  outputs: ['LambdaInPublicSubnetName', 'LambdaViaNatGatewayName'],
  uses: [natGateway, vpcBlockPublicAccess],
  observe: async (ctx): Promise<LambdaEgressObservation> => {
    const { GetFunctionConfigurationCommand, InvokeCommand, LambdaClient } = await import('@aws-sdk/client-lambda');
    const { DescribeNetworkInterfacesCommand, EC2Client } = await import('@aws-sdk/client-ec2');
    // As for the instances: with VPC Block Public Access blocking the lab's VPC (the functions share the probes' public and
    // NAT subnets), what a function shows is the account's setting, not the claim (an error, never a fail).
    const blocked = blockedBy(await ctx.observe(vpcBlockPublicAccess));
    if (blocked) throw new Error(blocked);
    const lambda = new LambdaClient(ctx.aws);
    const ec2 = new EC2Client(ctx.aws);
    // The function's ENIs, by its own security group: `group-id` is one of the filters DescribeNetworkInterfaces
    // takes ("DescribeNetworkInterfaces", Amazon EC2 API Reference,
    // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeNetworkInterfaces.html), and each lab function has a group of its own.
    const enisOf = async (groupIds: readonly string[]): Promise<LambdaEni[]> => {
      if (groupIds.length === 0) return [];
      const enis: LambdaEni[] = [];
      let NextToken: string | undefined;
      do {
        const page = await ec2.send(new DescribeNetworkInterfacesCommand({ Filters: [{ Name: 'group-id', Values: [...groupIds] }], NextToken }));
        for (const n of page.NetworkInterfaces ?? []) {
          if (!n.NetworkInterfaceId) continue;
          enis.push(JSON.parse(JSON.stringify({ id: n.NetworkInterfaceId, subnetId: n.SubnetId, interfaceType: n.InterfaceType, requesterManaged: n.RequesterManaged, publicIp: n.Association?.PublicIp })));
        }
        NextToken = page.NextToken;
      } while (NextToken);
      return enis;
    };
    const probe = async (functionName: string): Promise<LambdaProbeResult> => {
      const config = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: functionName }));
      const state = config.State;
      ctx.progress(`invoking ${functionName} (${state}): HTTPS to checkip.amazonaws.com from its subnet, ${LAMBDA_PROBE_TIMEOUT_MS / 1000} s at most`);
      const r = await lambda.send(new InvokeCommand({ FunctionName: functionName, InvocationType: 'RequestResponse', Payload: Buffer.from(JSON.stringify({ timeoutMs: LAMBDA_PROBE_TIMEOUT_MS })) }));
      const text = r.Payload ? Buffer.from(r.Payload).toString('utf8') : '';
      let p: { reached?: boolean; publicIp?: string; error?: string; kind?: string; timeoutMs?: number; elapsedMs?: number } = {};
      try {
        p = text ? JSON.parse(text) : {};
      } catch {
        p = {};
      }
      // After the invocation, so the ENIs read are the ones the request went out of.
      const enis = await enisOf(config.VpcConfig?.SecurityGroupIds ?? []);
      return JSON.parse(
        JSON.stringify({ functionName, functionError: r.FunctionError, reached: r.FunctionError ? undefined : p.reached, publicIp: p.publicIp, error: p.error, kind: p.kind, timeoutMs: p.timeoutMs, elapsedMs: p.elapsedMs, state, enis }),
      );
    };
    return {
      inPublicSubnet: await probe(ctx.outputs.LambdaInPublicSubnetName),
      viaNatGateway: await probe(ctx.outputs.LambdaViaNatGatewayName),
      natGateway: await ctx.observe(natGateway),
    };
  },
});
