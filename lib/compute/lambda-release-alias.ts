import * as path from 'node:path';
import { Duration } from 'aws-cdk-lib';
import type * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { addLambdaProbeFunction } from './lambda-probe-function';

/** Properties of {@link ReleaseAliasFunction}. */
export interface ReleaseAliasFunctionProps {
  /**
   * The alias name callers use (not a version number: Lambda refuses names that are numbers).
   * @default 'live'
   */
  readonly aliasName?: string;
  /**
   * The release the first published version carries in RELEASE_MARK.
   * @default 'release-1'
   */
  readonly releaseMark?: string;
}

/**
 * A function published as a version, with an alias callers invoke: the worked answer to "how do
 * versions and aliases differ?". A version freezes code and configuration (its own ARN, nothing on it
 * can be changed, only $LATEST is editable); an alias is a named pointer that can move to another
 * version, or split invocations by weight between two published versions (a canary), while callers
 * keep invoking the alias. The Invoke response's `ExecutedVersion` says which version served a call.
 * The handler returns the version that ran and its RELEASE_MARK, so a caller sees which frozen
 * configuration served it.
 *
 * @see https://docs.aws.amazon.com/lambda/latest/dg/configuration-versions.html
 * @see https://docs.aws.amazon.com/lambda/latest/dg/configuration-aliases.html
 * @see https://docs.aws.amazon.com/lambda/latest/dg/lambda-traffic-shifting-using-aliases.html
 */
export class ReleaseAliasFunction extends Construct {
  public readonly function: lambda.Function;
  public readonly role: iam.Role;
  public readonly logGroup: logs.LogGroup;
  public readonly version: lambda.Version;
  public readonly alias: lambda.Alias;

  constructor(scope: Construct, id: string, props: ReleaseAliasFunctionProps = {}) {
    super(scope, id);
    const aliasName = props.aliasName ?? 'live';
    const releaseMark = props.releaseMark ?? 'release-1';
    const problems: string[] = [];
    // CreateAlias Name pattern: (?!^[0-9]+$)([a-zA-Z0-9-_]+), 1 to 128 characters (AWS Lambda API Reference, CreateAlias).
    if (!/^[a-zA-Z0-9-_]{1,128}$/.test(aliasName) || /^[0-9]+$/.test(aliasName)) problems.push(`aliasName: received ${JSON.stringify(aliasName)}; allowed: 1 to 128 letters, digits, - or _, not only digits`);
    if (!/^[A-Za-z0-9._-]{1,64}$/.test(releaseMark)) problems.push(`releaseMark: received ${JSON.stringify(releaseMark)}; allowed: 1 to 64 letters, digits, ., _ or -`);
    if (problems.length > 0) throw new Error(problems.join('\n'));
    ({ function: this.function, role: this.role, logGroup: this.logGroup } = addLambdaProbeFunction(this, {
      code: { nodejsDirectory: path.join(__dirname, 'lambda-release-probe-handler') },
      roleDescription: 'Writes its own log group; returns its version and release mark, nothing else',
      description: 'Returns the version that ran and its RELEASE_MARK, to show versions, aliases and weighted routing',
      memorySize: 128,
      timeout: Duration.seconds(3),
      environment: { RELEASE_MARK: releaseMark },
    }));
    this.version = this.function.currentVersion;
    this.alias = new lambda.Alias(this, 'Alias', { aliasName, version: this.version, description: 'Callers invoke the alias; the checks move it and weight it' });
  }
}
