import * as path from 'node:path';
import { Duration } from 'aws-cdk-lib';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { addLambdaProbeFunction, type LambdaProbeFunction } from './lambda-probe-function';

/** Properties of {@link EnvironmentIsolationPair}. */
export interface EnvironmentIsolationPairProps {
  /**
   * The environment variable the holder has and the reader looks for.
   * @default 'LAB_HOLDER_MARK'
   */
  readonly variableName?: string;
  /**
   * Its value: a marker, never a secret (the lab's own caller reads it back through the API).
   * @default 'visible-through-the-api-only'
   */
  readonly variableValue?: string;
}

/**
 * Two functions: a holder with an environment variable, and a reader whose role may write its log
 * group and nothing else. It is the worked answer to "can one function read another's environment
 * variables?": not from inside (each function runs in its own execution environments, and process.env
 * holds only its own configuration), and not through the API unless its role allows
 * `lambda:GetFunctionConfiguration` on the other function; any principal that has that permission does
 * read them (and `kms:Decrypt`, with a customer managed key). Isolation is an IAM boundary, so shared
 * secrets belong in Parameter Store or Secrets Manager.
 *
 * @see https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html
 * @see https://docs.aws.amazon.com/lambda/latest/api/API_GetFunctionConfiguration.html
 */
export class EnvironmentIsolationPair extends Construct {
  public readonly holder: LambdaProbeFunction;
  public readonly reader: LambdaProbeFunction;
  public readonly variableName: string;

  constructor(scope: Construct, id: string, props: EnvironmentIsolationPairProps = {}) {
    super(scope, id);
    const variableName = props.variableName ?? 'LAB_HOLDER_MARK';
    const variableValue = props.variableValue ?? 'visible-through-the-api-only';
    // Environment variable keys: a letter first, then letters, digits and underscores (Lambda API Reference, Environment).
    if (!/^[a-zA-Z]([a-zA-Z0-9_])+$/.test(variableName) || variableName.startsWith('AWS_')) {
      throw new Error(`variableName: received ${JSON.stringify(variableName)}; allowed: a letter then letters, digits or underscores, not starting with AWS_ (reserved)`);
    }
    this.variableName = variableName;
    this.holder = addLambdaProbeFunction(new Construct(this, 'Holder'), {
      code: { nodejsDirectory: path.join(__dirname, 'lambda-release-probe-handler') },
      roleDescription: 'Writes its own log group; holds an environment variable another function looks for',
      description: `Holds ${variableName}; another function tries to read it`,
      memorySize: 128,
      timeout: Duration.seconds(3),
      environment: { [variableName]: variableValue },
    });
    this.reader = addLambdaProbeFunction(new Construct(this, 'Reader'), {
      code: { nodejsDirectory: path.join(__dirname, 'lambda-environment-reader-handler') },
      roleDescription: 'Writes its own log group and nothing else: no lambda:GetFunctionConfiguration on any function',
      description: `Looks for ${variableName} in its own environment and through GetFunctionConfiguration`,
      memorySize: 128,
      timeout: Duration.seconds(10),
    });
  }

  /** The holder function. */
  public get holderFunction(): lambda.Function {
    return this.holder.function;
  }
}
