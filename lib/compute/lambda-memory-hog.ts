import * as path from 'node:path';
import { Duration, Size } from 'aws-cdk-lib';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { addLambdaProbeFunction } from './lambda-probe-function';

/** Lambda's memory range for a function: 128 MB to 10,240 MB. */
export const LAMBDA_MEMORY_LIMITS = { minMb: 128, maxMb: 10_240 } as const;

/** The runtimes a memory hog can be written in. */
export type MemoryHogRuntime = 'nodejs' | 'python';

/**
 * The Python memory hog: the same contract as the Node.js handler (allocate `mb` megabytes in 8 MB
 * blocks and return how much it held). `b'\x01' * n` writes every byte, so the pages are really used.
 */
export const PYTHON_MEMORY_HOG = [
  'CHUNK_MB = 8',
  '',
  'def handler(event, context):',
  '    mb = int((event or {}).get("mb", 0))',
  '    held = []',
  '    while len(held) * CHUNK_MB < mb:',
  '        held.append(b"\\x01" * (CHUNK_MB * 1024 * 1024))',
  '    return {"allocatedMb": len(held) * CHUNK_MB}',
  '',
].join('\n');

/** Properties of {@link MemoryHogFunction}. */
export interface MemoryHogFunctionProps {
  /** The runtime of the handler: Node.js 24 or Python 3.13. */
  readonly runtime: MemoryHogRuntime;
  /**
   * The function's memory size: the ceiling the hog is asked to pass.
   * @default Size.mebibytes(128)
   */
  readonly memorySize?: Size;
  /**
   * Long enough that the memory, not the clock, ends an invocation that allocates too much.
   * @default Duration.seconds(30)
   */
  readonly timeout?: Duration;
}

/**
 * A function that allocates the megabytes it is asked for: the worked answer to "what happens when a
 * Lambda function uses more memory than it has?". Asked for less than its memory size it returns; asked
 * for more, it cannot finish: Lambda ends the invocation with an unhandled function error (the Invoke
 * response's `FunctionError`), and the REPORT line of the invocation shows `Max Memory Used` against
 * `Memory Size`. The error's type is whatever that runtime and Lambda report, not a universal
 * `OutOfMemoryError` (that is Java's class name). The fix is more memory, which also brings more CPU.
 *
 * @see https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html
 * @see https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html
 */
export class MemoryHogFunction extends Construct {
  public readonly function: lambda.Function;
  public readonly role: iam.Role;
  public readonly logGroup: logs.LogGroup;
  /** The memory size in MB. */
  public readonly memoryMb: number;

  constructor(scope: Construct, id: string, props: MemoryHogFunctionProps) {
    super(scope, id);
    const memoryMb = (props.memorySize ?? Size.mebibytes(128)).toMebibytes();
    const timeout = props.timeout ?? Duration.seconds(30);
    const problems: string[] = [];
    if (props.runtime !== 'nodejs' && props.runtime !== 'python') problems.push(`runtime: received ${JSON.stringify(props.runtime)}; allowed: 'nodejs' or 'python'`);
    if (!Number.isInteger(memoryMb) || memoryMb < LAMBDA_MEMORY_LIMITS.minMb || memoryMb > LAMBDA_MEMORY_LIMITS.maxMb) {
      problems.push(`memorySize: received ${memoryMb} MiB; allowed: ${LAMBDA_MEMORY_LIMITS.minMb} to ${LAMBDA_MEMORY_LIMITS.maxMb} MiB, whole mebibytes`);
    }
    if (timeout.toSeconds() < 1 || timeout.toSeconds() > 900) problems.push(`timeout: received ${timeout.toHumanString()}; allowed: 1 second to 15 minutes`);
    if (problems.length > 0) throw new Error(problems.join('\n'));
    this.memoryMb = memoryMb;
    ({ function: this.function, role: this.role, logGroup: this.logGroup } = addLambdaProbeFunction(this, {
      code: props.runtime === 'python' ? { pythonInline: PYTHON_MEMORY_HOG } : { nodejsDirectory: path.join(__dirname, 'lambda-memory-hog-handler') },
      roleDescription: 'Writes its own log group; allocates memory on request, nothing else',
      description: `Allocates the megabytes it is asked for (${props.runtime}), to show what Lambda reports when a function runs out of memory`,
      memorySize: memoryMb,
      timeout,
    }));
  }
}
