/**
 * A43: three objects of the endpoint bucket, written from this machine, read from this machine (not
 * through the endpoint) and by the probe function in the isolated subnets, whose only way to S3 is
 * the gateway endpoint. `lab-checks/source-vpce/` is denied to reads whose aws:SourceVpce is not the endpoint,
 * `lab-checks/source-arn/` to reads whose aws:SourceArn is not the endpoint's ARN (the seed's policy), and
 * `lab-checks/endpoint-control/` is restricted by nothing: it shows that each reader may read at all.
 *
 * "aws:SourceVpce: ... Use this key to check whether the request comes from the VPC endpoint that
 * you specify"; "aws:SourceArn: Use this key to compare the Amazon Resource Name (ARN) of the
 * resource making a service-to-service request" ("AWS global condition context keys",
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html). The probe
 * is invoked synchronously (Invoke, RequestResponse; "Invoke", AWS Lambda API Reference,
 * https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html: FunctionError is set when the
 * function failed, Payload holds its result). Everything written is deleted in `finally`.
 */
import { observationsOf } from '../../lib/lab-kit/checks/lab-definition';
import { type Answer, attempt, deleteEverythingUnder, s3Client, withCleanup } from './s3-calls';
import { OUTPUTS } from './outputs';
import { CONTROL_PREFIX, SOURCE_ARN_PREFIX, SOURCE_VPCE_PREFIX } from './keys';

const observe = observationsOf(OUTPUTS);

export { CONTROL_PREFIX };

export type Which = 'sourceVpce' | 'sourceArn' | 'control';
export const PREFIXES: Readonly<Record<Which, string>> = { sourceVpce: SOURCE_VPCE_PREFIX, sourceArn: SOURCE_ARN_PREFIX, control: CONTROL_PREFIX };

export interface EndpointObservation {
  readonly endpointId: string;
  /** GetObject from this machine, per prefix. */
  readonly outside: Readonly<Record<Which, Answer>>;
  /** GetObject by the probe, through the endpoint, per prefix (status undefined: the request never got an answer). */
  readonly viaEndpoint: Readonly<Record<Which, Answer>>;
  readonly leftovers: readonly string[];
}

interface ProbeResult {
  readonly key: string;
  readonly status?: number;
  readonly code?: string;
  readonly message?: string;
  readonly body?: string;
}

export const endpointReads = observe({
  name: 'endpoint-reads',
  outputs: ['EndpointBucketName', 'EndpointId', 'ProbeFunctionName'],
  async observe(ctx): Promise<EndpointObservation> {
    const { PutObjectCommand, GetObjectCommand } = await import('@aws-sdk/client-s3');
    const { LambdaClient, InvokeCommand } = await import('@aws-sdk/client-lambda');
    const s3 = await s3Client(ctx.aws);
    const lambda = new LambdaClient(ctx.aws);
    const Bucket = ctx.outputs.EndpointBucketName;
    const run = `${new Date(ctx.now()).toISOString().replace(/[:.]/g, '-')}-${Math.random().toString(36).slice(2, 8)}`;
    const keys = Object.fromEntries(Object.entries(PREFIXES).map(([w, p]) => [w, `${p}${run}.txt`])) as Record<Which, string>;
    const which = Object.keys(keys) as Which[];
    return withCleanup(
      async () => {
        for (const w of which) await s3.send(new PutObjectCommand({ Bucket, Key: keys[w], Body: `endpoint check ${w}` }));
        const outside = {} as Record<Which, Answer>;
        for (const w of which) outside[w] = (await attempt(() => s3.send(new GetObjectCommand({ Bucket, Key: keys[w] })))).answer;
        ctx.progress('invoking the probe in the isolated subnets (the first invocation of a function in a VPC can take several seconds)');
        const out = await lambda.send(new InvokeCommand({ FunctionName: ctx.outputs.ProbeFunctionName, InvocationType: 'RequestResponse', Payload: new TextEncoder().encode(JSON.stringify({ bucket: Bucket, keys: which.map((w) => keys[w]) })) }));
        const payload = out.Payload ? new TextDecoder().decode(out.Payload) : '';
        if (out.FunctionError) throw new Error(`the probe function failed (${out.FunctionError}): ${payload.slice(0, 300)}`);
        const results: ProbeResult[] = JSON.parse(payload).results ?? [];
        const viaEndpoint = {} as Record<Which, Answer>;
        for (const w of which) {
          const r = results.find((x) => x.key === keys[w]);
          viaEndpoint[w] = r ? { ok: r.status === 200, status: r.status, code: r.code, message: r.message } : { ok: false, code: 'the probe did not report this key' };
        }
        return { endpointId: ctx.outputs.EndpointId, outside, viaEndpoint };
      },
      async () => {
        const left: string[] = [];
        for (const p of Object.values(PREFIXES)) left.push(...(await deleteEverythingUnder(s3, Bucket, `${p}${run}`)));
        return left;
      },
    );
  },
});
