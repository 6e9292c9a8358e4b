/**
 * The VPC Lambda probes (I4, I19): each is invoked synchronously and tries HTTPS to
 * checkip.amazonaws.com from its subnet; the answer says whether it got out, and as which address.
 */
import { observationsOf } from '../../lib/lab-kit/checks/lab-definition';
import { blockedBy, natGateway, type NatGatewayObservation, vpcBlockPublicAccess } from './observe';
import { OUTPUTS } from './outputs';

const observe = observationsOf(OUTPUTS);

/** The handler's own HTTPS timeout: shorter than the function's 15 s, so no way out answers "not reached" rather than timing out. */
export const LAMBDA_PROBE_TIMEOUT_MS = 5_000;

/** What one VPC function saw. */
export interface LambdaProbeResult {
  readonly functionName: string;
  /** FunctionError of the Invoke response ("Invoke", AWS Lambda API Reference): the probe itself failed. */
  readonly functionError?: string;
  readonly reached?: boolean;
  readonly publicIp?: string;
  readonly error?: string;
  readonly elapsedMs?: number;
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
    // As for the instances: with VPC Block Public Access blocking the lab's VPC (the functions share the probes' public and
    // NAT subnets), what a function shows is the account's setting, not the claim (an error, never a fail).
    const blocked = blockedBy(await ctx.observe(vpcBlockPublicAccess));
    if (blocked) throw new Error(blocked);
    const lambda = new LambdaClient(ctx.aws);
    const probe = async (functionName: string): Promise<LambdaProbeResult> => {
      const state = (await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: functionName }))).State;
      ctx.progress(`invoking ${functionName} (${state}): HTTPS to checkip.amazonaws.com from its subnet, ${LAMBDA_PROBE_TIMEOUT_MS / 1000} s at most`);
      const r = await lambda.send(new InvokeCommand({ FunctionName: functionName, InvocationType: 'RequestResponse', Payload: Buffer.from(JSON.stringify({ timeoutMs: LAMBDA_PROBE_TIMEOUT_MS })) }));
      const text = r.Payload ? Buffer.from(r.Payload).toString('utf8') : '';
      let p: { reached?: boolean; publicIp?: string; error?: string; elapsedMs?: number } = {};
      try {
        p = text ? JSON.parse(text) : {};
      } catch {
        p = {};
      }
      return JSON.parse(JSON.stringify({ functionName, functionError: r.FunctionError, reached: r.FunctionError ? undefined : p.reached, publicIp: p.publicIp, error: p.error, elapsedMs: p.elapsedMs, state }));
    };
    return {
      inPublicSubnet: await probe(ctx.outputs.LambdaInPublicSubnetName),
      viaNatGateway: await probe(ctx.outputs.LambdaViaNatGatewayName),
      natGateway: await ctx.observe(natGateway),
    };
  },
});
