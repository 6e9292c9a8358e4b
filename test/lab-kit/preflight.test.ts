import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { UserError } from '../../lib/lab-kit/core/errors';
import { preflight, readAllowlist, resolveRegion } from '../../lib/lab-kit/operations/preflight';
import { readStackOutputs } from '../../lib/lab-kit/checks/stack-outputs';

const sts = mockClient(STSClient);
const cfn = mockClient(CloudFormationClient);
const aws = { region: 'eu-west-1' };
const allow = { accounts: ['123456789012'], source: 'LAB_ACCOUNTS' };

afterEach(() => {
  sts.reset();
  cfn.reset();
});

describe('preflight', () => {
  test('returns who and where, for an allowed account', async () => {
    sts.on(GetCallerIdentityCommand).resolves({ Account: '123456789012', Arn: 'arn:aws:sts::123456789012:assumed-role/Admin/ana', UserId: 'AROAEXAMPLE:ana' });
    await expect(preflight(aws, allow)).resolves.toEqual({ account: '123456789012', arn: 'arn:aws:sts::123456789012:assumed-role/Admin/ana', userId: 'AROAEXAMPLE:ana', region: 'eu-west-1' });
  });

  test('refuses the root user', async () => {
    sts.on(GetCallerIdentityCommand).resolves({ Account: '123456789012', Arn: 'arn:aws:iam::123456789012:root', UserId: '123456789012' });
    await expect(preflight(aws, allow)).rejects.toThrow(new UserError('refusing to run as the root user of account 123456789012: create an IAM Identity Center user or an IAM role with admin rights for labs, and use that'));
  });

  test('refuses an account that is not allowlisted, saying how to allow it', async () => {
    sts.on(GetCallerIdentityCommand).resolves({ Account: '999999999999', Arn: 'arn:aws:iam::999999999999:user/ana', UserId: 'AIDAEXAMPLE' });
    await expect(preflight(aws, allow)).rejects.toThrow(
      'account 999999999999 is not allowed for labs (allowlist from LAB_ACCOUNTS: 123456789012). To allow it: `export LAB_ACCOUNTS=999999999999`, or add "999999999999" to "labs:allowedAccounts" in cdk.json\'s context',
    );
  });

  test('missing credentials get one clear line', async () => {
    sts.on(GetCallerIdentityCommand).rejects(Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' }));
    await expect(preflight(aws, allow)).rejects.toThrow(/^no AWS credentials found: run `aws configure` or `aws sso login`/);
  });

  test('an expired session gets one clear line', async () => {
    sts.on(GetCallerIdentityCommand).rejects(Object.assign(new Error('The security token included in the request is expired'), { name: 'ExpiredToken' }));
    await expect(preflight(aws, allow)).rejects.toThrow('your AWS session has expired: sign in again (`aws sso login`, or refresh your temporary credentials)');
  });

  test('an expired SSO session is reported as expired, not as missing credentials', async () => {
    sts.on(GetCallerIdentityCommand).rejects(Object.assign(new Error('The SSO session associated with this profile has expired or is otherwise invalid. To refresh this SSO session run aws sso login with the corresponding profile.'), { name: 'CredentialsProviderError' }));
    await expect(preflight(aws, allow)).rejects.toThrow('your AWS session has expired: sign in again');
  });

  test('a missing region gets one clear line', async () => {
    const saved = { ...process.env };
    delete process.env.AWS_REGION;
    delete process.env.AWS_DEFAULT_REGION;
    process.env.AWS_CONFIG_FILE = '/nonexistent';
    try {
      await expect(preflight({}, allow)).rejects.toThrow(
        'no AWS region: AWS_REGION and AWS_DEFAULT_REGION are not set and profile "default" has no region in /nonexistent; `export AWS_REGION=us-east-1`, or `aws configure set region us-east-1`',
      );
    } finally {
      process.env = saved;
    }
  });

  test('AWS_DEFAULT_REGION (what the AWS CLI reads) is used when AWS_REGION is not set; a profile region after both', async () => {
    expect(await resolveRegion({}, { AWS_DEFAULT_REGION: 'eu-central-1', AWS_CONFIG_FILE: '/nonexistent' })).toBe('eu-central-1');
    expect(await resolveRegion({}, { AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'eu-central-1' })).toBe('eu-west-1');
    await expect(resolveRegion({}, { AWS_REGION: ' ', AWS_DEFAULT_REGION: 'us east 1' })).rejects.toThrow(
      'AWS_DEFAULT_REGION is "us east 1", which is not a Region name: use one like us-east-1 or eu-west-1 (`aws account list-regions` lists yours)',
    );
  });

  test('LAB_ACCOUNTS and the cdk.json allowlist hold 12-digit account ids only', () => {
    expect(() => readAllowlist({ LAB_ACCOUNTS: '12345678901' })).toThrow('LAB_ACCOUNTS: received "12345678901"; "12345678901" is not an account id; allowed: 12-digit AWS account ids, comma-separated (e.g. 123456789012)');
    expect(() => readAllowlist({}, { 'labs:allowedAccounts': ['x', 'y'] })).toThrow('cdk.json context "labs:allowedAccounts": received "x,y"; "x", "y" are not account ids; allowed: 12-digit AWS account ids, comma-separated (e.g. 123456789012)');
  });

  test('the allowlist comes from LAB_ACCOUNTS first, then cdk.json context', () => {
    expect(readAllowlist({ LAB_ACCOUNTS: '111111111111, 222222222222' }, { 'labs:allowedAccounts': ['333333333333'] })).toEqual({ accounts: ['111111111111', '222222222222'], source: 'LAB_ACCOUNTS' });
    expect(readAllowlist({}, { 'labs:allowedAccounts': ['333333333333'] })).toEqual({ accounts: ['333333333333'], source: 'cdk.json context "labs:allowedAccounts"' });
    expect(readAllowlist({}, {}).accounts).toEqual([]);
  });
});

describe('stack outputs', () => {
  const stack = (status: string) => ({ Stacks: [{ StackName: 'nat-vs-public-ip', StackId: 'arn:aws:cloudformation:eu-west-1:123456789012:stack/nat-vs-public-ip/1', StackStatus: status as 'CREATE_COMPLETE', CreationTime: new Date(), Outputs: [{ OutputKey: 'VpcId', OutputValue: 'vpc-0123' }] }] });

  test('reads the outputs of a deployed lab', async () => {
    cfn.on(DescribeStacksCommand, { StackName: 'nat-vs-public-ip' }).resolves(stack('UPDATE_COMPLETE'));
    await expect(readStackOutputs(aws, 'nat-vs-public-ip')).resolves.toEqual({ VpcId: 'vpc-0123' });
  });

  test('a lab that is not deployed says how to deploy it', async () => {
    cfn.on(DescribeStacksCommand).rejects(Object.assign(new Error('Stack with id nat-vs-public-ip does not exist'), { name: 'ValidationError' }));
    await expect(readStackOutputs(aws, 'nat-vs-public-ip')).rejects.toThrow(
      'lab nat-vs-public-ip is not deployed in eu-west-1: deploy it first with `npx labs deploy nat-vs-public-ip` (or `npx cdk deploy nat-vs-public-ip`)',
    );
  });

  test('a stack still deploying says to wait', async () => {
    cfn.on(DescribeStacksCommand).resolves(stack('CREATE_IN_PROGRESS'));
    await expect(readStackOutputs(aws, 'nat-vs-public-ip')).rejects.toThrow('lab nat-vs-public-ip is in state CREATE_IN_PROGRESS; checks need CREATE_COMPLETE or UPDATE_COMPLETE. Wait for the operation to finish and try again.');
  });

  test('a failed stack says where to look', async () => {
    cfn.on(DescribeStacksCommand).resolves(stack('ROLLBACK_COMPLETE'));
    await expect(readStackOutputs(aws, 'nat-vs-public-ip')).rejects.toThrow(/state ROLLBACK_COMPLETE.*describe-stack-events --stack-name nat-vs-public-ip/);
  });
});
