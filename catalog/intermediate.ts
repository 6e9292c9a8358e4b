import type { CatalogEntry } from '../lib/lab-kit/catalog/model';
import { rdsMultiAzFailover } from '../labs/rds-multi-az-failover';
import { albBlueGreen } from '../labs/alb-blue-green';
import { sqsDeadLetterQueue } from '../labs/sqs-dead-letter-queue';
import { natVsPublicIp } from '../labs/nat-vs-public-ip';
import { fromLab } from './from-lab';

/** Intermediate questions I1–I50, audited against the AWS documentation on 2026-11-23. */
export const INTERMEDIATE: readonly CatalogEntry[] = [
  {
    id: 'I1', level: 'intermediate', topic: 'deployment',
    question: 'How do AWS CloudFormation and Terraform differ, and when would you pick each?',
    claims: [
      {
        says: 'CloudFormation is the AWS-native tool, closely integrated with AWS services, and it can detect drift.',
        verdict: 'holds',
        truth: 'CloudFormation is a managed AWS service that keeps stack state on the AWS side and can detect drift on supported resource types. Drift detection only compares properties set explicitly in the template, and nested stacks must be checked separately.',
        sources: [
          { title: 'Detect unmanaged configuration changes to stacks and resources with drift detection', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-cfn-stack-drift.html' },
          { title: 'DetectStackDrift', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DetectStackDrift.html' },
        ],
        settledBy: { kind: 'conceptual', reason: 'A comparison of two tools; one deployed lab stack cannot show it.' },
      },
      {
        says: 'Terraform is provider-agnostic, written in HCL, and has better module support, which suits multi-cloud work.',
        verdict: 'oversimplified',
        truth: 'Terraform does work across many providers and uses HCL. "Better modularity" is not a documented difference: CloudFormation also reuses code through nested stacks, registry modules and the CDK, and it can manage third-party resource types from the CloudFormation registry.',
        sources: [
          { title: 'Create reusable resource configurations that can be included across templates with CloudFormation modules', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/modules.html' },
          { title: 'Managing extensions with the CloudFormation registry', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/registry.html' },
        ],
        settledBy: { kind: 'conceptual', reason: 'Tool capabilities and design trade-offs, not a behaviour of a deployed resource.' },
      },
      {
        says: 'CloudFormation fits AWS-only projects and Terraform fits multi-cloud or complex dependency management.',
        verdict: 'holds',
        truth: 'This is a sound rule of thumb: CloudFormation (often through the CDK) covers AWS resources with no state file to manage, while Terraform spans providers. Both build a dependency graph from references, so dependency handling is not really a deciding factor.',
        sources: [
          { title: 'What is CloudFormation?', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/Welcome.html' },
        ],
        settledBy: { kind: 'conceptual', reason: 'A recommendation about tool choice.' },
      },
    ],
  },
  {
    id: 'I2', level: 'intermediate', topic: 'storage',
    question: 'How do S3 and DynamoDB handle consistency of reads after writes?',
    claims: [
      {
        says: 'Since December 2020 S3 is strongly consistent for every operation, including new PUTs, overwrites and DELETEs, in all Regions.',
        verdict: 'holds',
        truth: 'Since 2020-12 S3 gives strong read-after-write consistency for object PUTs and DELETEs and for list operations, at no extra cost. Bucket configuration changes are still eventually consistent, and concurrent writers to one key get last-writer-wins with no locking.',
        sources: [
          { title: 'Amazon S3 data consistency model', url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/Welcome.html#ConsistencyModel' },
        ],
        settledBy: { kind: 'planned', lab: 's3-consistency', note: 'Overwrite an object and immediately GET and LIST it many times; every read returns the new version.' },
      },
      {
        says: 'DynamoDB defaults to eventually consistent reads, which are cheaper and faster; a strongly consistent read is available on request but costs more and is slower.',
        verdict: 'holds',
        truth: 'Reads are eventually consistent unless ConsistentRead is true; a strongly consistent read costs twice the read capacity and may have higher latency. Strong reads work only on tables and local secondary indexes, never on global secondary indexes or streams.',
        sources: [
          { title: 'DynamoDB read consistency', url: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.ReadConsistency.html' },
        ],
        settledBy: { kind: 'planned', lab: 'dynamodb-read-consistency', note: 'GetItem with and without ConsistentRead and ReturnConsumedCapacity shows 0.5 versus 1 RCU per 4 KB; a ConsistentRead Query on a GSI returns ValidationException.' },
      },
    ],
  },
  {
    id: 'I3', level: 'intermediate', topic: 'networking',
    question: 'Why would you choose an Application Load Balancer over a Classic Load Balancer?',
    claims: [
      {
        says: 'ALB offers layer 7 features such as path- and host-based routing, WebSockets and better metrics.',
        verdict: 'holds',
        truth: 'ALB routes on path, host, HTTP header and query conditions, can redirect and return fixed responses, registers IP addresses and Lambda functions as targets, and can authenticate users, with richer access logs and metrics than CLB.',
        sources: [
          { title: 'Migrate your Classic Load Balancer', url: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/userguide/migrate-classic-load-balancer.html' },
        ],
        settledBy: { kind: 'conceptual', reason: 'A comparison of two products feature sets.' },
      },
      {
        says: 'The Classic Load Balancer is an older generation that only does simple layer 4 and layer 7 balancing.',
        verdict: 'holds',
        truth: 'CLB is the previous-generation load balancer; AWS documents migrating it to an ALB or NLB and provides a migration wizard that creates the new load balancer for you.',
        sources: [
          { title: 'Migrate your Classic Load Balancer', url: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/userguide/migrate-classic-load-balancer.html' },
        ],
        settledBy: { kind: 'conceptual', reason: 'A product lifecycle statement.' },
      },
      {
        says: 'ALB suits microservices and containerised applications better.',
        verdict: 'holds',
        truth: 'ALB can route to several applications on one instance (different ports), integrates with ECS dynamic port mapping, and health-checks each target group independently.',
        sources: [
          { title: 'Migrate your Classic Load Balancer', url: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/userguide/migrate-classic-load-balancer.html' },
        ],
        settledBy: { kind: 'conceptual', reason: 'An architectural suitability judgement.' },
      },
    ],
  },
  {
    id: 'I4', level: 'intermediate', topic: 'serverless',
    question: 'How would you troubleshoot a Lambda function that times out although its code looks correct?',
    claims: [
      {
        says: 'Look for slow downstream services and raise the timeout when that is justified.',
        verdict: 'holds',
        truth: 'The default timeout is 3 seconds and the maximum is 900 seconds; slow dependencies are a common cause. Give SDK and database clients their own timeouts shorter than the function timeout so the function can fail fast and log why.',
        sources: [
          { title: 'Configure Lambda function timeout', url: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html' },
        ],
        settledBy: { kind: 'conceptual', reason: 'A troubleshooting checklist rather than one observable behaviour.' },
      },
      {
        says: 'Cold starts, especially with large deployment packages, can cause the delay.',
        verdict: 'oversimplified',
        truth: 'Initialization is reported separately as Init Duration and is bounded (10 seconds for on-demand functions); large packages and heavy init code lengthen it. A more frequent cause of timeouts is too little memory, because Lambda allocates CPU in proportion to memory.',
        sources: [
          { title: 'Understanding the Lambda execution environment lifecycle', url: 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html' },
          { title: 'Configure Lambda function memory', url: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html' },
        ],
        settledBy: { kind: 'planned', lab: 'lambda-cold-start', note: 'REPORT log lines show Init Duration only on cold starts; the same work at 128 MB and 1769 MB shows the CPU-per-memory effect on Duration.' },
      },
      {
        says: 'A misconfigured VPC (subnets or NAT) can block internet access and cause timeouts.',
        verdict: 'oversimplified',
        truth: 'A VPC-attached function never gets a public IP, even in a public subnet: it reaches the internet only from private subnets routed to a NAT gateway, and reaches AWS services through NAT or VPC endpoints. Without such a path, calls hang until the function times out.',
        sources: [
          { title: 'Enable internet access for VPC-connected Lambda functions', url: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc-internet.html' },
        ],
        settledBy: { kind: 'planned', lab: 'lambda-vpc-egress', note: 'The same function in a public subnet times out on an HTTPS call and succeeds from a private subnet routed to a NAT gateway.' },
      },
    ],
  },
  {
    id: 'I5', level: 'intermediate', topic: 'compute',
    question: 'How do scaling out and scaling up differ on AWS, and which should you favour?',
    claims: [
      {
        says: 'Horizontal scaling adds instances (for example with Auto Scaling groups); vertical scaling makes one instance bigger.',
        verdict: 'holds',
        truth: 'Auto Scaling groups add and remove instances to match demand; vertical scaling changes the instance type, which for an EBS-backed instance requires a stop and start.',
        sources: [
          { title: 'What is Amazon EC2 Auto Scaling?', url: 'https://docs.aws.amazon.com/autoscaling/ec2/userguide/what-is-amazon-ec2-auto-scaling.html' },
          { title: 'Change the instance type', url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-instance-resize.html' },
        ],
        settledBy: { kind: 'conceptual', reason: 'Definitions of two scaling approaches.' },
      },
      {
        says: 'Horizontal scaling is preferred for availability and fault tolerance; vertical scaling is simpler but capped and a single point of failure.',
        verdict: 'holds',
        truth: 'Spreading instances across Availability Zones behind a load balancer removes the single point of failure; a resize has an upper bound at the largest instance type and causes downtime while the instance is stopped.',
        sources: [
          { title: 'Change the instance type', url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-instance-resize.html' },
          { title: 'What is Amazon EC2 Auto Scaling?', url: 'https://docs.aws.amazon.com/autoscaling/ec2/userguide/what-is-amazon-ec2-auto-scaling.html' },
        ],
        settledBy: { kind: 'conceptual', reason: 'An architectural recommendation.' },
      },
    ],
  },
  {
    id: 'I6', level: 'intermediate', topic: 'deployment',
    question: 'What happens if a CloudFormation stack that manages live infrastructure is deleted by mistake, and how do you prevent it?',
    claims: [
      {
        says: 'By default all of the stack resources are deleted.',
        verdict: 'oversimplified',
        truth: 'Resources without a DeletionPolicy are deleted, but DeletionPolicy Retain or Snapshot overrides that per resource, and AWS::RDS::DBCluster and AWS::RDS::DBInstance (without DBClusterIdentifier) default to Snapshot. A non-empty S3 bucket makes the deletion fail rather than lose data.',
        sources: [
          { title: 'DeletionPolicy attribute', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-attribute-deletionpolicy.html' },
        ],
        settledBy: { kind: 'planned', lab: 'cfn-deletion-policy', note: 'Delete a stack holding one Retain bucket and one default resource; the retained bucket survives and the other is gone.' },
      },
      {
        says: 'Termination protection on the stack prevents the deletion.',
        verdict: 'holds',
        truth: 'With termination protection on, DeleteStack fails until someone with permission turns it off; nested stacks take the setting of the root stack.',
        sources: [
          { title: 'Protect CloudFormation stacks from being deleted', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-cfn-protect-stacks.html' },
        ],
        settledBy: { kind: 'planned', lab: 'cfn-deletion-policy', note: 'DeleteStack on a protected stack returns a ValidationError and the stack stays.' },
      },
      {
        says: 'Stack policies should always be used to protect critical resources from this.',
        verdict: 'wrong',
        truth: 'A stack policy applies only during stack updates (it can block updates or replacements of named resources); it does nothing when the stack itself is deleted. Protection against deletion comes from termination protection, DeletionPolicy/UpdateReplacePolicy, and IAM.',
        sources: [
          { title: 'Prevent updates to stack resources', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/protect-stack-resources.html' },
        ],
        settledBy: { kind: 'planned', lab: 'cfn-deletion-policy', note: 'A stack with a deny-all stack policy and no termination protection is still deleted by DeleteStack.' },
      },
    ],
  },
  {
    id: 'I7', level: 'intermediate', topic: 'networking',
    question: 'How can resources in a private subnet reach the internet securely?',
    claims: [
      fromLab(natVsPublicIp, 'I7.private-subnet-egress-through-nat'),
      fromLab(natVsPublicIp, 'I7.nat-lives-in-public-subnet'),
      fromLab(natVsPublicIp, 'I7.no-unsolicited-inbound'),
      {
        says: 'Route tables must be configured correctly.',
        verdict: 'holds',
        truth: 'The private subnet needs a default route (0.0.0.0/0) to the NAT gateway, and a zonal NAT gateway subnet needs a default route to the internet gateway. Traffic to AWS services can skip NAT charges through VPC endpoints.',
        sources: [
          { title: 'Configure route tables', url: 'https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Route_Tables.html' },
        ],
        settledBy: { kind: 'planned', lab: 'nat-vs-public-ip', note: 'Removing the default route from the private route table makes the outbound probe fail.' },
      },
    ],
  },
  {
    id: 'I8', level: 'intermediate', topic: 'security',
    question: 'How does AWS KMS protect keys and support key rotation?',
    claims: [
      {
        says: 'KMS uses envelope encryption.',
        verdict: 'holds',
        truth: 'KMS keys encrypt at most 4 KB directly; for bulk data services and SDKs call GenerateDataKey, encrypt locally with the data key and store it encrypted under the KMS key (envelope encryption).',
        sources: [
          { title: 'AWS KMS concepts', url: 'https://docs.aws.amazon.com/kms/latest/developerguide/concepts-intro.html' },
        ],
        settledBy: { kind: 'conceptual', reason: 'A description of the cryptographic design.' },
      },
      {
        says: 'Keys are kept in secure, tamper-evident hardware.',
        verdict: 'holds',
        truth: 'KMS key material is generated and used inside FIPS 140-3 Security Level 3 validated hardware security modules and never leaves them unencrypted.',
        sources: [
          { title: 'AWS KMS internal operations', url: 'https://docs.aws.amazon.com/kms/latest/developerguide/kms-internals.html' },
        ],
        settledBy: { kind: 'conceptual', reason: 'A property of AWS-operated hardware that no account can observe.' },
      },
      {
        says: 'Automatic rotation happens annually, or you rotate manually.',
        verdict: 'outdated',
        truth: 'Automatic rotation of symmetric customer managed keys now has a configurable period of 90 to 2560 days (365 by default), and keys can also be rotated on demand with RotateKeyOnDemand while keeping the same key ID. AWS managed keys rotate every year.',
        sources: [
          { title: 'EnableKeyRotation', url: 'https://docs.aws.amazon.com/kms/latest/APIReference/API_EnableKeyRotation.html' },
          { title: 'Rotate AWS KMS keys', url: 'https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html' },
        ],
        changed: '2024-04',
        settledBy: { kind: 'planned', lab: 'kms-key-rotation', note: 'EnableKeyRotation with RotationPeriodInDays 90 is accepted, and RotateKeyOnDemand followed by ListKeyRotations shows a new rotation with an unchanged key ID.' },
      },
      {
        says: 'Key policies and IAM control access, and use is audited in CloudTrail.',
        verdict: 'holds',
        truth: 'The key policy is the primary control: IAM policies grant access only if the key policy allows the account to delegate. Every KMS API call, including Encrypt and Decrypt, is recorded in CloudTrail.',
        sources: [
          { title: 'Key policies in AWS KMS', url: 'https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html' },
          { title: 'Logging AWS KMS API calls with AWS CloudTrail', url: 'https://docs.aws.amazon.com/kms/latest/developerguide/logging-using-cloudtrail.html' },
        ],
        settledBy: { kind: 'planned', lab: 'kms-key-rotation', note: 'A role with an IAM allow but no key-policy delegation gets AccessDenied; its Encrypt calls appear in CloudTrail event history.' },
      },
    ],
  },
  {
    id: 'I9', level: 'intermediate', topic: 'iam',
    question: 'How can an EC2 instance access an S3 bucket without embedded credentials?',
    claims: [
      {
        says: 'Attach an IAM role with the needed S3 permissions to the instance.',
        verdict: 'holds',
        truth: 'The role is attached through an instance profile; applications on the instance then act with the role permissions, with no long-term keys on disk.',
        sources: [
          { title: 'Use an IAM role to grant permissions to applications running on Amazon EC2 instances', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_switch-role-ec2.html' },
        ],
        settledBy: { kind: 'planned', lab: 'ec2-instance-role-imds', note: 'An instance with the role lists the bucket; the same instance without the instance profile gets no credentials.' },
      },
      {
        says: 'AWS pushes short-lived credentials onto the instance through the metadata service (IMDSv2, 169.254.169.254), which uses tokens.',
        verdict: 'oversimplified',
        truth: 'Nothing is injected: the SDK fetches temporary role credentials from the metadata item iam/security-credentials/role-name, and AWS rotates them, with new ones available at least five minutes before expiry. The session-token (IMDSv2) flow is enforced only when HttpTokens is required, which is the default for AMIs marked for IMDSv2.',
        sources: [
          { title: 'Retrieve security credentials from instance metadata', url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instance-metadata-security-credentials.html' },
        ],
        settledBy: { kind: 'planned', lab: 'ec2-instance-role-imds', note: 'With HttpTokens=required a GET without a token returns 401, and with a PUT-issued token it returns credentials with an Expiration.' },
      },
    ],
  },
  {
    id: 'I10', level: 'intermediate', topic: 'networking',
    question: 'What changes when cross-zone load balancing is turned on for an Elastic Load Balancer?',
    claims: [
      {
        says: 'With cross-zone on, every registered target gets an equal share of traffic, whatever its AZ.',
        verdict: 'holds',
        truth: 'Each load balancer node distributes requests across the registered targets in all enabled Availability Zones.',
        sources: [
          { title: 'How Elastic Load Balancing works', url: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/userguide/how-elastic-load-balancing-works.html#cross-zone-load-balancing' },
        ],
        settledBy: { kind: 'planned', lab: 'elb-cross-zone', note: 'With 4 targets in one AZ and 1 in another, each target gets about 20 percent of requests.' },
      },
      {
        says: 'Without it, traffic is routed in proportion to the size of each AZ.',
        verdict: 'wrong',
        truth: 'Without cross-zone, each node sends traffic only to targets in its own AZ, and clients are spread across nodes roughly evenly by DNS. An AZ with fewer targets therefore gives each of them a larger share, not a proportional one.',
        sources: [
          { title: 'How Elastic Load Balancing works', url: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/userguide/how-elastic-load-balancing-works.html#cross-zone-load-balancing' },
        ],
        settledBy: { kind: 'planned', lab: 'elb-cross-zone', note: 'With cross-zone off on an NLB, the single target in the smaller AZ gets about half of all requests.' },
      },
      {
        says: 'It improves balance but may add cross-AZ data transfer costs.',
        verdict: 'oversimplified',
        truth: 'It depends on the type: on an ALB cross-zone is always on at the load balancer level (it can be turned off per target group) and has no inter-AZ charge; on an NLB or GWLB it is off by default and turning it on incurs regional data transfer charges.',
        sources: [
          { title: 'Cross-zone load balancing for target groups (Network Load Balancers)', url: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/network/target-group-cross-zone.html' },
          { title: 'Cross-zone load balancing for target groups (Application Load Balancers)', url: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/disable-cross-zone.html' },
        ],
        settledBy: { kind: 'planned', lab: 'elb-cross-zone', note: 'DescribeLoadBalancerAttributes shows load_balancing.cross_zone.enabled false by default on a new NLB; the ALB exposes no such load-balancer-level switch.' },
      },
    ],
  },
  {
    id: 'I11', level: 'intermediate', topic: 'iam',
    question: 'How can you require MFA for IAM users who use the AWS Management Console?',
    claims: [
      {
        says: 'Attach to users or groups a policy that denies every action when aws:MultiFactorAuthPresent is false (BoolIfExists).',
        verdict: 'oversimplified',
        truth: 'The documented pattern denies with NotAction, exempting the actions a user needs to enrol and sync an MFA device and sts:GetSessionToken; a blanket Deny * would lock new users out of setting up MFA. With BoolIfExists it also blocks access-key (CLI/API) calls unless the user first gets MFA session credentials from GetSessionToken.',
        sources: [
          { title: 'AWS: Allows MFA-authenticated IAM users to manage their own MFA device on the Security credentials page', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_aws_my-sec-creds-self-manage-mfa-only.html' },
          { title: 'IAM: Allows IAM users to self-manage an MFA device', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_iam_mfa-selfmanage.html' },
        ],
        settledBy: { kind: 'planned', lab: 'iam-mfa-deny-policy', note: 'SimulatePrincipalPolicy with aws:MultiFactorAuthPresent absent or false denies s3:ListAllMyBuckets and, with the blanket form, iam:EnableMFADevice too.' },
      },
      {
        says: 'Add a second policy that allows the needed actions so the deny does not block too much.',
        verdict: 'wrong',
        truth: 'An explicit Deny always wins over any Allow in IAM policy evaluation, so a separate Allow cannot undo it. Exceptions have to be written into the Deny statement itself, for example with NotAction or extra conditions.',
        sources: [
          { title: 'Policy evaluation logic', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html' },
        ],
        settledBy: { kind: 'planned', lab: 'iam-mfa-deny-policy', note: 'Adding an Allow for iam:EnableMFADevice leaves the simulated decision explicitDeny.' },
      },
    ],
  },
  {
    id: 'I12', level: 'intermediate', topic: 'messaging',
    question: 'What is a dead-letter queue for in SQS or Lambda?',
    claims: [
      fromLab(sqsDeadLetterQueue, 'I12.poison-moves-after-max-receive-count'),
      fromLab(sqsDeadLetterQueue, 'I12.dlq-keeps-original-sent-timestamp'),
      fromLab(sqsDeadLetterQueue, 'I12.sqs-failure-skips-function-dlq'),
      fromLab(sqsDeadLetterQueue, 'I12.redrive-moves-back-and-fails-again'),
      fromLab(sqsDeadLetterQueue, 'I12.async-retries-then-destination'),
    ],
  },
  {
    id: 'I13', level: 'intermediate', topic: 'networking',
    question: 'Why might EC2 instances with public IPs still have no internet access?',
    claims: [
      fromLab(natVsPublicIp, 'I13.public-ip-without-route-is-offline'),
      {
        says: 'Network ACLs may block outbound access.',
        verdict: 'oversimplified',
        truth: 'Network ACLs are stateless, so the outbound rule is not enough: inbound return traffic on the ephemeral ports (1024-65535) must also be allowed. The default network ACL allows everything.',
        sources: [
          { title: 'Control subnet traffic with network access control lists', url: 'https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html' },
        ],
        settledBy: { kind: 'planned', lab: 'nat-vs-public-ip', note: 'A custom NACL allowing all outbound but no inbound ephemeral ports makes the HTTPS probe time out.' },
      },
      {
        says: 'Security groups must also allow outbound traffic.',
        verdict: 'holds',
        truth: 'True if outbound rules were restricted; the default security group allows all outbound, and because security groups are stateful the replies are allowed automatically.',
        sources: [
          { title: 'Control traffic to your AWS resources using security groups', url: 'https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html' },
        ],
        settledBy: { kind: 'planned', lab: 'nat-vs-public-ip', note: 'Removing the outbound rule from the instance security group makes the probe fail; no inbound rule is needed for replies.' },
      },
    ],
  },
  {
    id: 'I14', level: 'intermediate', topic: 'storage',
    question: 'How does AWS make EBS volumes durable?',
    claims: [
      {
        says: 'AWS copies each EBS volume automatically inside the AZ where it lives.',
        verdict: 'holds',
        truth: 'Each volume is replicated within its AZ to protect against component failure; it does not survive the loss of the AZ, and it can be attached only to instances in that AZ.',
        sources: [
          { title: 'What is Amazon Elastic Block Store?', url: 'https://docs.aws.amazon.com/ebs/latest/userguide/what-is-ebs.html' },
        ],
        settledBy: { kind: 'conceptual', reason: 'Replication inside the EBS service is not visible to an account.' },
      },
      {
        says: 'EBS volumes offer 99.999% durability.',
        verdict: 'wrong',
        truth: 'Only io2 Block Express volumes are designed for 99.999% durability (0.001% annual failure rate). gp2, gp3, io1, st1 and sc1 volumes are designed for 99.8-99.9% (0.1-0.2% annual failure rate).',
        sources: [
          { title: 'Amazon EBS volume types', url: 'https://docs.aws.amazon.com/ebs/latest/userguide/ebs-volume-types.html' },
          { title: 'Amazon EBS Provisioned IOPS SSD volumes', url: 'https://docs.aws.amazon.com/ebs/latest/userguide/provisioned-iops.html' },
        ],
        settledBy: { kind: 'conceptual', reason: 'A published design figure for annual failure rates.' },
      },
      {
        says: 'For eleven-nines durability, rely on snapshots, which live in S3, or on AMIs.',
        verdict: 'oversimplified',
        truth: 'Snapshots are incremental, point-in-time backups kept in AWS-managed S3 storage (not in your buckets) and can be copied across Regions; AMIs of EBS-backed instances are built on them. AWS does not publish a separate durability figure for snapshots; 11 nines is the S3 design target for objects.',
        sources: [
          { title: 'Amazon EBS snapshots', url: 'https://docs.aws.amazon.com/ebs/latest/userguide/ebs-snapshots.html' },
        ],
        settledBy: { kind: 'conceptual', reason: 'Durability design targets cannot be measured in a lab.' },
      },
    ],
  },
  {
    id: 'I15', level: 'intermediate', topic: 'serverless',
    question: 'How do Lambda versions and aliases differ?',
    claims: [
      {
        says: 'A version freezes the function code and settings at a point in time.',
        verdict: 'holds',
        truth: 'Publishing creates an immutable numbered version with its own ARN; only $LATEST remains editable.',
        sources: [
          { title: 'Manage Lambda function versions', url: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-versions.html' },
        ],
        settledBy: { kind: 'planned', lab: 'lambda-alias-routing', note: 'UpdateFunctionConfiguration on a published version ARN is rejected while $LATEST accepts it.' },
      },
      {
        says: 'An alias names a version and is useful for environments such as dev, stage and prod.',
        verdict: 'holds',
        truth: 'An alias is a named, updatable pointer with its own ARN, so triggers and callers can target it while the version behind it changes.',
        sources: [
          { title: 'Create an alias for a Lambda function', url: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-aliases.html' },
        ],
        settledBy: { kind: 'planned', lab: 'lambda-alias-routing', note: 'Invoking the alias returns the ExecutedVersion it points to, and changes after UpdateAlias.' },
      },
      {
        says: 'Aliases can route traffic between versions.',
        verdict: 'holds',
        truth: 'An alias can split invocations by weight between exactly two published versions (not $LATEST), which CodeDeploy uses for canary and linear deployments.',
        sources: [
          { title: 'Implement Lambda canary deployments using a weighted alias', url: 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-traffic-shifting-using-aliases.html' },
        ],
        settledBy: { kind: 'planned', lab: 'lambda-alias-routing', note: 'With AdditionalVersionWeights 0.2, about 20 percent of 200 invocations report the second ExecutedVersion.' },
      },
    ],
  },
  {
    id: 'I16', level: 'intermediate', topic: 'iam',
    question: 'How do you restrict an IAM user to a single DynamoDB table?',
    claims: [
      {
        says: 'Use a policy that allows DynamoDB actions only on that table ARN, following least privilege.',
        verdict: 'holds',
        truth: 'An identity policy whose Resource is the table ARN grants nothing on other tables. Indexes are separate resources (table/Name/index/*) and must be listed for Query and Scan on them; dynamodb:LeadingKeys can narrow access further to items, and tables also accept resource-based policies.',
        sources: [
          { title: 'IAM policy to grant access to a specific DynamoDB table and its indexes', url: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/iam-policy-specific-table-indexes.html' },
        ],
        settledBy: { kind: 'planned', lab: 'iam-dynamodb-table-scope', note: 'SimulatePrincipalPolicy allows GetItem on the named table and denies it on another table.' },
      },
      {
        says: 'Allowing GetItem, PutItem, UpdateItem and DeleteItem on the table ARN is a workable example.',
        verdict: 'oversimplified',
        truth: 'That set leaves out Query, Scan, the batch operations and ConditionCheckItem, and covers no indexes, so typical application access patterns fail with AccessDenied.',
        sources: [
          { title: 'IAM policy to read, write, update, and delete access on a DynamoDB table', url: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/iam-policy-example-data-crud.html' },
        ],
        settledBy: { kind: 'planned', lab: 'iam-dynamodb-table-scope', note: 'With the four-action policy, a simulated Query on the table and on its GSI is implicitly denied.' },
      },
    ],
  },
  {
    id: 'I17', level: 'intermediate', topic: 'monitoring',
    question: 'How do CloudWatch metrics differ from CloudWatch Logs?',
    claims: [
      {
        says: 'Metrics are numeric time series used for monitoring and alarms, such as CPUUtilization.',
        verdict: 'holds',
        truth: 'A metric is a time-ordered set of numeric data points identified by namespace, name and dimensions; alarms watch metrics.',
        sources: [
          { title: 'Amazon CloudWatch concepts', url: 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch_concepts.html' },
        ],
        settledBy: { kind: 'conceptual', reason: 'A definition.' },
      },
      {
        says: 'Logs are raw text produced by applications or services.',
        verdict: 'holds',
        truth: 'Logs are timestamped events stored in log groups and streams; they may be plain text or structured JSON and can be queried with Logs Insights.',
        sources: [
          { title: 'What is Amazon CloudWatch Logs?', url: 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/WhatIsCloudWatchLogs.html' },
        ],
        settledBy: { kind: 'conceptual', reason: 'A definition.' },
      },
      {
        says: 'Custom metrics can be generated from logs.',
        verdict: 'holds',
        truth: 'Metric filters turn matching log events into metric data points; the embedded metric format lets applications emit metrics inside structured log lines.',
        sources: [
          { title: 'Creating metrics from log events using filters', url: 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/MonitoringLogData.html' },
        ],
        settledBy: { kind: 'planned', lab: 'cloudwatch-metric-filter', note: 'Writing ERROR lines to a log group with a metric filter produces datapoints in the custom metric.' },
      },
    ],
  },
  {
    id: 'I18', level: 'intermediate', topic: 'database',
    question: 'How does Amazon RDS fail over automatically?',
    claims: [
      fromLab(rdsMultiAzFailover, 'I18.fails-over-to-standby'),
      fromLab(rdsMultiAzFailover, 'I18.endpoint-name-stays-dns-moves'),
    ],
  },
  {
    id: 'I19', level: 'intermediate', topic: 'serverless',
    question: 'How do you give a Lambda function access to private VPC resources and to the internet at the same time?',
    claims: [
      {
        says: 'Place the function in private subnets that route to a NAT gateway for internet access.',
        verdict: 'holds',
        truth: 'A VPC-attached function gets no public IP, even in a public subnet, so internet access requires private subnets with a default route to a NAT gateway; AWS services can also be reached through VPC endpoints.',
        sources: [
          { title: 'Enable internet access for VPC-connected Lambda functions', url: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc-internet.html' },
        ],
        settledBy: { kind: 'planned', lab: 'lambda-vpc-egress', note: 'The function reaches a private RDS endpoint and an internet URL from a private subnet with NAT, and only the private endpoint from a public subnet.' },
      },
      {
        says: 'Routing and security group rules have to permit both the internal and the internet-bound flows.',
        verdict: 'holds',
        truth: 'The security groups on the function Hyperplane ENIs must allow outbound traffic to the private resources and to the internet, and the target resources must allow inbound from them. Dual-stack subnets can give IPv6 egress through an egress-only internet gateway.',
        sources: [
          { title: 'Giving Lambda functions access to resources in an Amazon VPC', url: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html' },
        ],
        settledBy: { kind: 'planned', lab: 'lambda-vpc-egress', note: 'Removing the function security group outbound rule makes both calls time out.' },
      },
    ],
  },
  {
    id: 'I20', level: 'intermediate', topic: 'monitoring',
    question: 'What do you get by turning on EC2 detailed monitoring?',
    claims: [
      {
        says: 'Detailed monitoring publishes metrics every minute instead of every five minutes.',
        verdict: 'holds',
        truth: 'Basic monitoring sends EC2 metrics at 5-minute periods; detailed monitoring sends them at 1-minute periods.',
        sources: [
          { title: 'Enable or turn off detailed monitoring for your instances', url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-cloudwatch-new.html' },
        ],
        settledBy: { kind: 'planned', lab: 'ec2-detailed-monitoring', note: 'GetMetricData for CPUUtilization returns 1-minute datapoints after MonitorInstances and 5-minute ones before.' },
      },
      {
        says: 'It helps scaling react faster and improves visibility.',
        verdict: 'holds',
        truth: 'Auto Scaling policies and alarms can evaluate 1-minute data, so they react sooner to load changes.',
        sources: [
          { title: 'Configure monitoring for Auto Scaling instances', url: 'https://docs.aws.amazon.com/autoscaling/ec2/userguide/enable-as-instance-metrics.html' },
        ],
        settledBy: { kind: 'conceptual', reason: 'Scaling speed depends on policy and workload, not a single observable fact.' },
      },
      {
        says: 'Detailed monitoring costs extra.',
        verdict: 'holds',
        truth: 'Detailed monitoring is charged per metric at CloudWatch metric rates, prorated by the hour; basic monitoring is free.',
        sources: [
          { title: 'Amazon CloudWatch pricing', url: 'https://aws.amazon.com/cloudwatch/pricing/' },
        ],
        settledBy: { kind: 'conceptual', reason: 'A price.' },
      },
    ],
  },
  {
    id: 'I21', level: 'intermediate', topic: 'networking',
    question: 'What is VPC peering for, and what are its limitations?',
    claims: [
      {
        says: 'VPC peering lets two VPCs talk privately over the AWS network.',
        verdict: 'holds',
        truth: 'A peering connection routes traffic between two VPCs (same or different account or Region) using private IPs; inter-Region peering traffic stays on the AWS backbone. Both sides must add routes.',
        sources: [
          { title: 'What is VPC peering?', url: 'https://docs.aws.amazon.com/vpc/latest/peering/what-is-vpc-peering.html' },
          { title: 'VPC peering - Amazon Virtual Private Cloud Connectivity Options', url: 'https://docs.aws.amazon.com/whitepapers/latest/aws-vpc-connectivity-options/vpc-peering.html' },
        ],
        settledBy: { kind: 'planned', lab: 'vpc-peering-transitivity', note: 'Instances in two peered VPCs reach each other on private IPs once both route tables have peering routes.' },
      },
      {
        says: 'Peering is not transitive.',
        verdict: 'holds',
        truth: 'A VPC cannot reach a third VPC through a peer, and edge-to-edge routing through the peer internet gateway, NAT, VPN or Direct Connect is not supported; use Transit Gateway or Cloud WAN for hub-and-spoke.',
        sources: [
          { title: 'Unsupported VPC peering configurations', url: 'https://docs.aws.amazon.com/vpc/latest/peering/invalid-peering-configurations.html' },
        ],
        settledBy: { kind: 'planned', lab: 'vpc-peering-transitivity', note: 'With A-B and B-C peered, a route from A to C through the B peering connection cannot carry traffic; Reachability Analyzer reports no path.' },
      },
      {
        says: 'Overlapping CIDR blocks are not supported.',
        verdict: 'holds',
        truth: 'You cannot peer VPCs whose IPv4 or IPv6 CIDR blocks overlap.',
        sources: [
          { title: 'Unsupported VPC peering configurations', url: 'https://docs.aws.amazon.com/vpc/latest/peering/invalid-peering-configurations.html' },
        ],
        settledBy: { kind: 'planned', lab: 'vpc-peering-transitivity', note: 'Requesting a peering between two VPCs with the same CIDR ends in the failed state.' },
      },
      {
        says: 'DNS resolution across the VPCs needs explicit configuration.',
        verdict: 'holds',
        truth: 'By default a peer public DNS hostname resolves to its public IP; enabling DNS resolution on the peering connection (both VPCs need DNS hostnames and resolution on) makes it resolve to the private IP. Private hosted zones must be associated with the other VPC separately.',
        sources: [
          { title: 'Enable DNS resolution for a VPC peering connection', url: 'https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-dns.html' },
        ],
        settledBy: { kind: 'planned', lab: 'vpc-peering-transitivity', note: 'Resolving the peer instance public DNS name returns its public IP, then its private IP after AllowDnsResolutionFromRemoteVpc is set.' },
      },
    ],
  },
  {
    id: 'I22', level: 'intermediate', topic: 'serverless',
    question: 'How can you reduce Lambda cold start times?',
    claims: [
      {
        says: 'Use smaller deployment packages.',
        verdict: 'holds',
        truth: 'AWS recommends keeping the deployment package to what the runtime needs; less code to download and load shortens initialization.',
        sources: [
          { title: 'Best practices for working with AWS Lambda functions', url: 'https://docs.aws.amazon.com/lambda/latest/dg/best-practices.html' },
        ],
        settledBy: { kind: 'planned', lab: 'lambda-cold-start', note: 'Init Duration in REPORT lines grows when a large unused dependency is added to the package.' },
      },
      {
        says: 'Avoid initialising heavy libraries outside the handler.',
        verdict: 'wrong',
        truth: 'AWS recommends the opposite: create SDK clients and database connections outside the handler so they run once per execution environment and are reused by later invocations. What reduces cold starts is loading less (for example lazy-loading rarely used modules), not moving setup into the handler, which slows every invocation.',
        sources: [
          { title: 'Best practices for working with AWS Lambda functions', url: 'https://docs.aws.amazon.com/lambda/latest/dg/best-practices.html' },
        ],
        settledBy: { kind: 'planned', lab: 'lambda-cold-start', note: 'A client created in the handler adds its setup time to every warm invocation Duration; created at module level it appears only in Init Duration.' },
      },
      {
        says: 'Configure provisioned concurrency.',
        verdict: 'holds',
        truth: 'Provisioned concurrency keeps initialized environments ready, removing cold starts up to the configured level at an hourly cost. SnapStart (Java 11+, Python 3.12+, .NET 8+) is a cheaper alternative that resumes environments from a snapshot.',
        sources: [
          { title: 'Configuring provisioned concurrency for a function', url: 'https://docs.aws.amazon.com/lambda/latest/dg/provisioned-concurrency.html' },
          { title: 'Improving startup performance with Lambda SnapStart', url: 'https://docs.aws.amazon.com/lambda/latest/dg/snapstart.html' },
        ],
        settledBy: { kind: 'planned', lab: 'lambda-cold-start', note: 'Invocations of an alias with provisioned concurrency log no Init Duration.' },
      },
      {
        says: 'Avoid putting Lambda in a VPC unless necessary, because it slows cold starts.',
        verdict: 'outdated',
        truth: 'Since September 2019 Lambda creates shared Hyperplane ENIs when the function is configured, not at invocation, so VPC attachment no longer adds meaningful cold-start latency. Attach to a VPC when the function needs private resources.',
        sources: [
          { title: 'Giving Lambda functions access to resources in an Amazon VPC', url: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html' },
        ],
        changed: '2019-09',
        settledBy: { kind: 'planned', lab: 'lambda-cold-start', note: 'The same function with and without VpcConfig shows similar Init Duration once the function state is Active.' },
      },
    ],
  },
  {
    id: 'I23', level: 'intermediate', topic: 'database',
    question: 'When is Aurora a better pick than plain RDS for MySQL or PostgreSQL?',
    claims: [
      {
        says: 'Aurora performs up to 5x better than MySQL and 3x better than PostgreSQL.',
        verdict: 'holds',
        truth: 'AWS states Aurora can deliver up to five times the throughput of MySQL and up to three times that of PostgreSQL; it is an upper bound from AWS benchmarks, and real gains depend on the workload.',
        sources: [
          { title: 'What is Amazon Aurora?', url: 'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/CHAP_AuroraOverview.html' },
        ],
        settledBy: { kind: 'conceptual', reason: 'A vendor benchmark figure.' },
      },
      {
        says: 'Aurora has auto-scaling storage.',
        verdict: 'oversimplified',
        truth: 'The Aurora cluster volume grows (and shrinks) automatically and is billed for what is used, but standard RDS engines also offer storage autoscaling, so this is not a differentiator on its own.',
        sources: [
          { title: 'Amazon Aurora storage', url: 'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Aurora.Overview.StorageReliability.html' },
          { title: 'Managing capacity automatically with Amazon RDS storage autoscaling', url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_PIOPS.Autoscaling.html' },
        ],
        settledBy: { kind: 'conceptual', reason: 'Storage growth takes far longer than a lab run.' },
      },
      fromLab(rdsMultiAzFailover, 'I23.automatic-failover-is-not-aurora-only'),
    ],
  },
  {
    id: 'I24', level: 'intermediate', topic: 'serverless',
    question: 'Can a Lambda function read another function environment variables directly?',
    claims: [
      {
        says: 'No: each function keeps its environment variables to itself.',
        verdict: 'oversimplified',
        truth: 'A function execution environment only sees its own variables, but any principal (including another function execution role) with lambda:GetFunctionConfiguration on the other function can read its variables through the API, plus kms:Decrypt where a customer managed key is used. Isolation is a matter of IAM, not absolute.',
        sources: [
          { title: 'GetFunctionConfiguration', url: 'https://docs.aws.amazon.com/lambda/latest/api/API_GetFunctionConfiguration.html' },
          { title: 'Working with Lambda environment variables', url: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html' },
        ],
        settledBy: { kind: 'planned', lab: 'lambda-env-isolation', note: 'Function B with lambda:GetFunctionConfiguration on A reads A variables in its response; without the permission it gets AccessDenied.' },
      },
      {
        says: 'Shared values belong in a secure store such as SSM Parameter Store or AWS Secrets Manager.',
        verdict: 'holds',
        truth: 'Parameter Store and Secrets Manager centralise shared configuration and secrets with IAM and KMS protection; the AWS Parameters and Secrets Lambda Extension caches them inside the function.',
        sources: [
          { title: 'AWS Systems Manager Parameter Store', url: 'https://docs.aws.amazon.com/systems-manager/latest/userguide/systems-manager-parameter-store.html' },
          { title: 'What is AWS Secrets Manager?', url: 'https://docs.aws.amazon.com/secretsmanager/latest/userguide/intro.html' },
        ],
        settledBy: { kind: 'conceptual', reason: 'A design recommendation.' },
      },
    ],
  },
  {
    id: 'I25', level: 'intermediate', topic: 'networking',
    question: 'How can an EC2 instance reach resources in a different VPC while staying off the internet?',
    claims: [
      {
        says: 'Use VPC peering or AWS Transit Gateway.',
        verdict: 'holds',
        truth: 'Peering (one-to-one, non-transitive) and Transit Gateway (a regional hub, with inter-Region peering) both keep traffic on AWS private networking. AWS PrivateLink is another option when only one service must be exposed, and it works even with overlapping CIDRs.',
        sources: [
          { title: 'What is a transit gateway?', url: 'https://docs.aws.amazon.com/vpc/latest/tgw/what-is-transit-gateway.html' },
          { title: 'What is AWS PrivateLink?', url: 'https://docs.aws.amazon.com/vpc/latest/privatelink/what-is-privatelink.html' },
        ],
        settledBy: { kind: 'conceptual', reason: 'A catalogue of connectivity options.' },
      },
      {
        says: 'Or use a VPN connection between the VPCs.',
        verdict: 'oversimplified',
        truth: 'AWS Site-to-Site VPN connects a VPC (through a virtual private gateway or transit gateway) to a customer gateway, not VPC to VPC; linking two VPCs by VPN needs a software VPN appliance on EC2, and the IPsec tunnels can run over the internet. Peering or Transit Gateway is the usual choice.',
        sources: [
          { title: 'What is AWS Site-to-Site VPN?', url: 'https://docs.aws.amazon.com/vpn/latest/s2svpn/VPC_VPN.html' },
        ],
        settledBy: { kind: 'conceptual', reason: 'A statement about which endpoints a service supports.' },
      },
      {
        says: 'Configure route tables and security groups to allow the traffic.',
        verdict: 'holds',
        truth: 'Each side needs routes to the other CIDR through the peering connection or transit gateway attachment, and security groups and network ACLs must allow the flows.',
        sources: [
          { title: 'What is VPC peering?', url: 'https://docs.aws.amazon.com/vpc/latest/peering/what-is-vpc-peering.html' },
        ],
        settledBy: { kind: 'planned', lab: 'vpc-peering-transitivity', note: 'Traffic between peered VPCs fails until both route tables have the peering route.' },
      },
    ],
  },
  {
    id: 'I26', level: 'intermediate', topic: 'cost',
    question: 'What is an Elastic IP address, and when should you avoid it?',
    claims: [
      {
        says: 'An Elastic IP is a fixed public IPv4 address.',
        verdict: 'holds',
        truth: 'An Elastic IP is a fixed public IPv4 address allocated to your account in a Region until you release it; you can move it between instances and network interfaces.',
        sources: [
          { title: 'Elastic IP addresses', url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/elastic-ip-addresses-eip.html' },
        ],
        settledBy: { kind: 'conceptual', reason: 'A definition.' },
      },
      {
        says: 'Avoid it unless needed; prefer dynamic addressing behind load balancers and Auto Scaling.',
        verdict: 'holds',
        truth: 'AWS recommends DNS names and load balancers over fixed addresses; Elastic IPs are a limited resource (5 per Region by default) and usually only needed for allow-listing or a fixed egress address.',
        sources: [
          { title: 'Elastic IP addresses', url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/elastic-ip-addresses-eip.html' },
        ],
        settledBy: { kind: 'conceptual', reason: 'An architectural recommendation.' },
      },
      {
        says: 'Only unused Elastic IPs incur charges.',
        verdict: 'outdated',
        truth: 'Since 2024-02-01 every public IPv4 address is billed per hour ($0.005/hour), whether it is an attached Elastic IP, an idle one, or an auto-assigned public IP; only the free tier offsets part of it.',
        sources: [
          { title: 'Amazon VPC pricing', url: 'https://aws.amazon.com/vpc/pricing/' },
          { title: 'Elastic IP addresses', url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/elastic-ip-addresses-eip.html' },
        ],
        changed: '2024-02-01',
        settledBy: { kind: 'conceptual', reason: 'A price; billing appears only on the bill.' },
      },
    ],
  },
  {
    id: 'I27', level: 'intermediate', topic: 'containers',
    question: 'Which AWS services fit containerised microservices, and why?',
    claims: [
      {
        says: 'Use Amazon ECS or Amazon EKS.',
        verdict: 'holds',
        truth: 'ECS and EKS are the AWS container orchestrators; App Runner and Lambda container images cover simpler cases.',
        sources: [
          { title: 'What is Amazon Elastic Container Service?', url: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/Welcome.html' },
          { title: 'What is Amazon EKS?', url: 'https://docs.aws.amazon.com/eks/latest/userguide/what-is-eks.html' },
        ],
        settledBy: { kind: 'conceptual', reason: 'A service selection recommendation.' },
      },
      {
        says: 'ECS is the easier choice when you only run on AWS; EKS is the choice for teams invested in Kubernetes.',
        verdict: 'holds',
        truth: 'ECS is AWS-specific with no control-plane charge; EKS runs upstream-conformant Kubernetes with an hourly per-cluster control-plane fee, and suits teams that want Kubernetes APIs and tooling.',
        sources: [
          { title: 'What is Amazon EKS?', url: 'https://docs.aws.amazon.com/eks/latest/userguide/what-is-eks.html' },
          { title: 'What is Amazon Elastic Container Service?', url: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/Welcome.html' },
        ],
        settledBy: { kind: 'conceptual', reason: 'A comparison of two services.' },
      },
      {
        says: 'Either one can run containers on Fargate without managing servers.',
        verdict: 'holds',
        truth: 'Both can run tasks or pods on Fargate. EKS on Fargate has limits, for example no DaemonSets, privileged containers or GPUs.',
        sources: [
          { title: 'AWS Fargate for Amazon ECS', url: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/AWS_Fargate.html' },
          { title: 'Simplify compute management with AWS Fargate', url: 'https://docs.aws.amazon.com/eks/latest/userguide/fargate.html' },
        ],
        settledBy: { kind: 'conceptual', reason: 'A statement of supported integrations.' },
      },
    ],
  },
  {
    id: 'I28', level: 'intermediate', topic: 'cost',
    question: 'How is AWS Lambda priced?',
    claims: [
      {
        says: 'Lambda bills per invocation and per duration in GB-seconds.',
        verdict: 'oversimplified',
        truth: 'Requests and duration (per ms, scaled by memory, cheaper on Arm) are the main charges, but ephemeral storage above 512 MB and data transfer are billed too. Since 2025-08-01 the INIT phase of on-demand functions packaged as ZIP on managed runtimes is also billed as duration.',
        sources: [
          { title: 'AWS Lambda pricing', url: 'https://aws.amazon.com/lambda/pricing/' },
          { title: 'AWS Lambda standardizes billing for INIT Phase', url: 'https://aws.amazon.com/blogs/compute/aws-lambda-standardizes-billing-for-init-phase' },
        ],
        settledBy: { kind: 'conceptual', reason: 'A price list.' },
      },
      {
        says: 'Provisioned concurrency is paid for when used.',
        verdict: 'holds',
        truth: 'Provisioned concurrency is charged for the concurrency configured for as long as it is enabled, invoked or not, with a lower duration rate for the invocations it serves.',
        sources: [
          { title: 'AWS Lambda pricing', url: 'https://aws.amazon.com/lambda/pricing/' },
        ],
        settledBy: { kind: 'conceptual', reason: 'A price list.' },
      },
      {
        says: 'The first 1M requests and 400,000 GB-seconds each month are free.',
        verdict: 'holds',
        truth: 'The Lambda free tier includes one million requests and 400,000 GB-seconds of compute per month, shared across x86 and Arm.',
        sources: [
          { title: 'AWS Lambda pricing', url: 'https://aws.amazon.com/lambda/pricing/' },
        ],
        settledBy: { kind: 'conceptual', reason: 'A price list.' },
      },
    ],
  },
  {
    id: 'I29', level: 'intermediate', topic: 'compute',
    question: 'What are EC2 placement groups, and when would you use each kind?',
    claims: [
      {
        says: 'Placement groups control how instances are placed on the underlying hardware.',
        verdict: 'holds',
        truth: 'A placement group influences where EC2 places a group of interdependent instances; it is free, and launches may fail with insufficient capacity.',
        sources: [
          { title: 'Placement groups for your Amazon EC2 instances', url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/placement-groups.html' },
        ],
        settledBy: { kind: 'conceptual', reason: 'Physical placement is not visible to the account.' },
      },
      {
        says: 'Use cluster groups for low-latency, high-bandwidth networking, spread groups to isolate failures, and partition groups for big distributed systems.',
        verdict: 'holds',
        truth: 'Cluster packs instances close together in one AZ for low-latency networking; spread puts each instance on distinct hardware (at most 7 running instances per AZ per group); partition splits instances into up to 7 partitions per AZ that share no racks, suited to HDFS, HBase and Cassandra.',
        sources: [
          { title: 'Placement groups for your Amazon EC2 instances', url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/placement-groups.html' },
        ],
        settledBy: { kind: 'conceptual', reason: 'Rack-level placement cannot be observed from an account.' },
      },
    ],
  },
  {
    id: 'I30', level: 'intermediate', topic: 'deployment',
    question: 'Can CloudFormation create non-AWS resources?',
    claims: [
      {
        says: 'Yes, with custom resources or resource providers.',
        verdict: 'holds',
        truth: 'Custom resources run your own provisioning logic during stack operations, and registry resource types (private or public third-party extensions) add new resource types that CloudFormation manages like native ones.',
        sources: [
          { title: 'Create custom provisioning logic with custom resources', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-custom-resources.html' },
          { title: 'Managing extensions with the CloudFormation registry', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/registry.html' },
        ],
        settledBy: { kind: 'planned', lab: 'cfn-custom-resource', note: 'A Lambda-backed custom resource returns data that appears in stack outputs.' },
      },
      {
        says: 'The logic behind them runs in Lambda or at an outside HTTP endpoint.',
        verdict: 'wrong',
        truth: 'A custom resource ServiceToken is a Lambda function ARN or an Amazon SNS topic ARN, and the provider answers by uploading a response to a presigned S3 URL. Registry resource types run handlers that CloudFormation invokes, not endpoints you expose.',
        sources: [
          { title: 'Custom resource request objects', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/crpg-ref-requests.html' },
          { title: 'Amazon SNS-backed custom resources', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-custom-resources-sns.html' },
        ],
        settledBy: { kind: 'planned', lab: 'cfn-custom-resource', note: 'The synthesized template ServiceToken is a Lambda ARN and the handler event carries an S3 ResponseURL.' },
      },
      {
        says: 'The approach costs some complexity and delay, in exchange for reaching external APIs or systems in your own data centre.',
        verdict: 'holds',
        truth: 'The provider must respond for every Create, Update and Delete; if it never answers, the stack operation waits until the custom resource timeout (one hour by default) and fails.',
        sources: [
          { title: 'Create custom provisioning logic with custom resources', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-custom-resources.html' },
        ],
        settledBy: { kind: 'conceptual', reason: 'A design trade-off.' },
      },
    ],
  },
  {
    id: 'I31', level: 'intermediate', topic: 'dns-cdn',
    question: 'What does AWS Global Accelerator do, and how is it different from CloudFront?',
    claims: [
      {
        says: 'Global Accelerator carries TCP/UDP traffic over the AWS global network to the best endpoint by health and latency.',
        verdict: 'holds',
        truth: 'It gives two static anycast IPv4 addresses (four with dual-stack) announced from AWS edge locations, and sends traffic over the AWS backbone to healthy endpoints (ALB, NLB, EC2, Elastic IP) in one or more Regions.',
        sources: [
          { title: 'AWS Global Accelerator components', url: 'https://docs.aws.amazon.com/global-accelerator/latest/dg/introduction-components.html' },
        ],
        settledBy: { kind: 'conceptual', reason: 'Edge routing is global; a single-account lab cannot show the path improvement.' },
      },
      {
        says: 'CloudFront caches content, whereas Global Accelerator speeds up non-HTTP applications such as gaming or VoIP.',
        verdict: 'oversimplified',
        truth: 'CloudFront also accelerates dynamic, uncacheable HTTP(S) and WebSocket traffic. Global Accelerator does no caching and is also used for HTTP applications that need fixed IP addresses, fast regional failover or client affinity.',
        sources: [
          { title: 'AWS Global Accelerator components', url: 'https://docs.aws.amazon.com/global-accelerator/latest/dg/introduction-components.html' },
          { title: 'Use WebSockets with CloudFront distributions', url: 'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/distribution-working-with.websockets.html' },
        ],
        settledBy: { kind: 'conceptual', reason: 'A product comparison.' },
      },
    ],
  },
  {
    id: 'I32', level: 'intermediate', topic: 'storage',
    question: 'How do S3 Lifecycle policies help optimise cost?',
    claims: [
      {
        says: 'Lifecycle rules move objects into cheaper storage classes such as Glacier or Intelligent-Tiering, or expire them after a set age.',
        verdict: 'holds',
        truth: 'Lifecycle configurations transition current or noncurrent versions to other storage classes and expire objects, delete markers and incomplete multipart uploads.',
        sources: [
          { title: 'Managing the lifecycle of objects', url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lifecycle-mgmt.html' },
        ],
        settledBy: { kind: 'conceptual', reason: 'Lifecycle actions run asynchronously over days, beyond a lab run.' },
      },
      {
        says: 'This reduces long-term storage cost.',
        verdict: 'oversimplified',
        truth: 'Only if the data suits it: each transition is a billed request, colder classes have minimum storage durations and retrieval fees, and by default objects smaller than 128 KB are not transitioned at all.',
        sources: [
          { title: 'Transitioning objects using Amazon S3 Lifecycle', url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-transition-general-considerations.html' },
        ],
        settledBy: { kind: 'conceptual', reason: 'A cost trade-off that depends on prices and object sizes.' },
      },
    ],
  },
  {
    id: 'I33', level: 'intermediate', topic: 'security',
    question: 'What follows from making an S3 bucket publicly readable?',
    claims: [
      {
        says: 'It exposes the data to the internet and is a security risk.',
        verdict: 'holds',
        truth: 'Anyone can read public objects anonymously, and you pay for their requests and data transfer. For public content AWS recommends CloudFront with origin access control instead.',
        sources: [
          { title: 'Blocking public access to your Amazon S3 storage', url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html' },
        ],
        settledBy: { kind: 'conceptual', reason: 'A risk statement.' },
      },
      {
        says: 'New buckets block public access unless you change that.',
        verdict: 'holds',
        truth: 'Since April 2023 new buckets have all four S3 Block Public Access settings on and ACLs disabled (Object Ownership set to bucket owner enforced).',
        sources: [
          { title: 'Blocking public access to your Amazon S3 storage', url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html' },
          { title: 'Controlling ownership of objects and disabling ACLs for your bucket', url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html' },
        ],
        settledBy: { kind: 'planned', lab: 's3-block-public-access', note: 'GetPublicAccessBlock on a newly created bucket returns all four settings true and GetBucketOwnershipControls returns BucketOwnerEnforced.' },
      },
      {
        says: 'To allow public access you must override Block Public Access and add a permissive bucket policy.',
        verdict: 'holds',
        truth: 'Block Public Access must be off at the bucket level and at the account level (and not enforced by the organisation), and the grant must come from a bucket policy, because public ACLs do not work while ACLs are disabled.',
        sources: [
          { title: 'Blocking public access to your Amazon S3 storage', url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html' },
        ],
        settledBy: { kind: 'planned', lab: 's3-block-public-access', note: 'PutBucketPolicy with Principal * fails with AccessDenied while BlockPublicPolicy is on and succeeds after it is turned off.' },
      },
    ],
  },
  {
    id: 'I34', level: 'intermediate', topic: 'serverless',
    question: 'What does Step Functions bring to the design of serverless applications?',
    claims: [
      {
        says: 'It coordinates AWS services in workflows defined as visual state machines.',
        verdict: 'holds',
        truth: 'Workflows are state machines written in Amazon States Language (editable visually in Workflow Studio) that call over 200 AWS services directly; Standard workflows run up to a year with exactly-once steps, Express workflows up to 5 minutes at-least-once.',
        sources: [
          { title: 'What is Step Functions?', url: 'https://docs.aws.amazon.com/step-functions/latest/dg/welcome.html' },
        ],
        settledBy: { kind: 'conceptual', reason: 'A service description.' },
      },
      {
        says: 'It handles retries, failures and parallel execution without complex code.',
        verdict: 'holds',
        truth: 'Retry and Catch fields on Task, Parallel and Map states give backoff, fallback and error routing, and Parallel and Map states run branches concurrently. Retries happen only where you declare them.',
        sources: [
          { title: 'Handling errors in Step Functions workflows', url: 'https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html' },
        ],
        settledBy: { kind: 'planned', lab: 'step-functions-retry', note: 'An execution whose task fails twice shows two retry attempts with growing intervals in GetExecutionHistory before the Catch route runs.' },
      },
    ],
  },
  {
    id: 'I35', level: 'intermediate', topic: 'monitoring',
    question: 'How do AWS Config and AWS CloudTrail differ?',
    claims: [
      {
        says: 'CloudTrail logs the API calls and actions made in the account.',
        verdict: 'holds',
        truth: 'CloudTrail records management events by default (Event history keeps 90 days of them); data events, network activity and Insights events must be enabled on a trail or event data store at extra cost.',
        sources: [
          { title: 'Logging management events', url: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-management-events-with-cloudtrail.html' },
        ],
        settledBy: { kind: 'conceptual', reason: 'An account-wide service description.' },
      },
      {
        says: 'Config keeps a history of how resources are configured and checks them against rules.',
        verdict: 'holds',
        truth: 'With a configuration recorder on, Config records configuration items and relationships for supported resources and evaluates them with managed or custom rules.',
        sources: [
          { title: 'What Is AWS Config?', url: 'https://docs.aws.amazon.com/config/latest/developerguide/WhatIsConfig.html' },
        ],
        settledBy: { kind: 'conceptual', reason: 'The recorder is an account-wide singleton per Region; a lab would interfere with it.' },
      },
      {
        says: 'Config answers how state changed; CloudTrail answers which action caused it.',
        verdict: 'holds',
        truth: 'Config answers what a resource looked like and when it changed; CloudTrail answers who called which API. They are used together.',
        sources: [
          { title: 'What Is AWS Config?', url: 'https://docs.aws.amazon.com/config/latest/developerguide/WhatIsConfig.html' },
        ],
        settledBy: { kind: 'conceptual', reason: 'A usage recommendation.' },
      },
    ],
  },
  {
    id: 'I36', level: 'intermediate', topic: 'deployment',
    question: 'How can you prevent circular references in a CloudFormation template?',
    claims: [
      {
        says: 'Split the template into nested stacks or into stacks linked by exports and imports, and keep resources from referring to one another.',
        verdict: 'oversimplified',
        truth: 'A cycle comes from references inside the template, and the usual fix is to restructure them, for example by moving security group rules into separate AWS::EC2::SecurityGroupIngress/Egress resources. Splitting into stacks does not remove a true cycle, and exported values cannot change while another stack imports them.',
        sources: [
          { title: 'AWS::EC2::SecurityGroup', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-securitygroup.html' },
        ],
        settledBy: { kind: 'planned', lab: 'cfn-circular-dependency', note: 'Two security groups with inline rules referencing each other fail validation with a circular dependency; with separate ingress resources the template deploys.' },
      },
      {
        says: 'Use DependsOn only when necessary.',
        verdict: 'holds',
        truth: 'Ref and Fn::GetAtt already create implicit dependencies; DependsOn adds explicit ones, and an unnecessary DependsOn can itself close a cycle.',
        sources: [
          { title: 'DependsOn attribute', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-attribute-dependson.html' },
        ],
        settledBy: { kind: 'planned', lab: 'cfn-circular-dependency', note: 'Adding a DependsOn that points back along an existing Ref produces the circular dependency error.' },
      },
    ],
  },
  {
    id: 'I37', level: 'intermediate', topic: 'iam',
    question: 'What do AWS Organizations service control policies (SCPs) give you?',
    claims: [
      {
        says: 'SCPs enforce central permission boundaries across the accounts of an organisation.',
        verdict: 'holds',
        truth: 'SCPs set the maximum permissions for principals in member accounts; they grant nothing themselves and require all features enabled. Resource control policies (RCPs) complement them on the resource side.',
        sources: [
          { title: 'Service control policies (SCPs)', url: 'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html' },
        ],
        settledBy: { kind: 'conceptual', reason: 'An organisation-wide feature.' },
      },
      {
        says: 'Even a user with admin permissions in an account is restricted by SCPs.',
        verdict: 'holds',
        truth: 'SCPs restrict every IAM user and role in member accounts, including the member account root user. They do not apply to the management account or to service-linked roles.',
        sources: [
          { title: 'Service control policies (SCPs)', url: 'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html' },
        ],
        settledBy: { kind: 'conceptual', reason: 'An organisation-wide feature that a single-account lab cannot attach.' },
      },
    ],
  },
  {
    id: 'I38', level: 'intermediate', topic: 'architecture',
    question: 'How do you make an application on EC2 highly available?',
    claims: [
      fromLab(albBlueGreen, 'I38.health-checks-gate-traffic'),
      fromLab(rdsMultiAzFailover, 'I38.multi-az-rds-for-the-database'),
      {
        says: 'Use EBS snapshots as part of high availability.',
        verdict: 'oversimplified',
        truth: 'Snapshots are backup and disaster recovery (restore takes minutes or more), not high availability; EBS volumes are tied to one AZ, so availability comes from stateless instances and replicated data stores.',
        sources: [
          { title: 'Amazon EBS snapshots', url: 'https://docs.aws.amazon.com/ebs/latest/userguide/ebs-snapshots.html' },
        ],
        settledBy: { kind: 'conceptual', reason: 'A classification of backup versus availability mechanisms.' },
      },
      {
        says: 'Use S3 for shared storage.',
        verdict: 'oversimplified',
        truth: 'S3 is object storage reached through an API, fine for shared assets but not a mounted file system. For a shared POSIX file system across AZs use Amazon EFS.',
        sources: [
          { title: 'What is Amazon Elastic File System?', url: 'https://docs.aws.amazon.com/efs/latest/ug/whatisefs.html' },
        ],
        settledBy: { kind: 'conceptual', reason: 'A comparison of storage services.' },
      },
    ],
  },
  {
    id: 'I39', level: 'intermediate', topic: 'messaging',
    question: 'What are Amazon EventBridge rules used for?',
    claims: [
      {
        says: 'A rule matches events coming from AWS services, your own applications or SaaS partners and forwards them.',
        verdict: 'holds',
        truth: 'A rule on an event bus matches events with an event pattern and sends them to targets; SaaS partner events arrive on partner event buses. For schedules AWS now recommends EventBridge Scheduler.',
        sources: [
          { title: 'Rules in Amazon EventBridge', url: 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rules.html' },
        ],
        settledBy: { kind: 'planned', lab: 'eventbridge-rule-routing', note: 'PutEvents with a matching and a non-matching detail-type delivers only the matching event to an SQS target.' },
      },
      {
        says: 'Matched events can go to targets such as Lambda functions, SQS queues, state machines or EC2, which decouples producers from consumers.',
        verdict: 'holds',
        truth: 'A rule can have up to five targets; EC2 targets are specific actions (stop, reboot or terminate instances, create a snapshot) rather than arbitrary instances.',
        sources: [
          { title: 'Event bus targets in Amazon EventBridge', url: 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-targets.html' },
        ],
        settledBy: { kind: 'planned', lab: 'eventbridge-rule-routing', note: 'PutTargets with a sixth target on one rule is rejected with LimitExceededException.' },
      },
    ],
  },
  {
    id: 'I40', level: 'intermediate', topic: 'security',
    question: 'How do AWS WAF and AWS Shield differ?',
    claims: [
      {
        says: 'WAF protects web applications from common exploits such as SQL injection and XSS.',
        verdict: 'holds',
        truth: 'WAF is a layer 7 firewall whose web ACLs (managed rule groups, rate-based rules) attach to CloudFront, ALB, API Gateway REST APIs, AppSync, Cognito user pools, App Runner, Verified Access and Amplify.',
        sources: [
          { title: 'What is AWS WAF?', url: 'https://docs.aws.amazon.com/waf/latest/developerguide/waf-chapter.html' },
        ],
        settledBy: { kind: 'conceptual', reason: 'A service description.' },
      },
      {
        says: 'Shield gives DDoS protection: Standard is free and automatic, Advanced adds enhanced protection and response.',
        verdict: 'holds',
        truth: 'Shield Standard protects all customers at layers 3 and 4 at no charge. Shield Advanced is a paid subscription (monthly fee with a one-year commitment) adding detection for protected resources, the Shield Response Team, cost protection and WAF at no extra charge for protected resources.',
        sources: [
          { title: 'How AWS Shield and Shield Advanced work', url: 'https://docs.aws.amazon.com/waf/latest/developerguide/shield-chapter.html' },
          { title: 'AWS Shield pricing', url: 'https://aws.amazon.com/shield/pricing/' },
        ],
        settledBy: { kind: 'conceptual', reason: 'A subscription and pricing statement.' },
      },
    ],
  },
  {
    id: 'I41', level: 'intermediate', topic: 'security',
    question: 'How does a customer managed KMS key differ from an AWS managed one?',
    claims: [
      {
        says: 'The keys are called customer-managed CMKs and AWS-managed CMKs.',
        verdict: 'outdated',
        truth: 'AWS KMS replaced the term customer master key (CMK) with KMS key; the types are now customer managed keys, AWS managed keys and AWS owned keys. Some API names keep the old term.',
        sources: [
          { title: 'Working with AWS KMS keys', url: 'https://docs.aws.amazon.com/kms/latest/cryptographic-details/kms-keys.html' },
        ],
        changed: '2021-08',
        settledBy: { kind: 'conceptual', reason: 'A naming change.' },
      },
      {
        says: 'AWS services create and look after AWS managed keys on their own.',
        verdict: 'holds',
        truth: 'A service creates its AWS managed key (alias aws/service-name) in your account when you first use its default encryption; you can view and audit it but cannot change its key policy, rotation or deletion. AWS rotates it every year (changed from three years in 2022-05).',
        sources: [
          { title: 'AWS KMS concepts', url: 'https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html' },
          { title: 'EnableKeyRotation', url: 'https://docs.aws.amazon.com/kms/latest/APIReference/API_EnableKeyRotation.html' },
        ],
        settledBy: { kind: 'planned', lab: 'kms-key-rotation', note: 'DescribeKey on alias/aws/s3 shows KeyManager AWS, and EnableKeyRotation on it is rejected.' },
      },
      {
        says: 'With customer managed keys you control more: rotation, the key policy and auditing.',
        verdict: 'oversimplified',
        truth: 'Customer managed keys add control over the key policy, grants, rotation schedule, enabling and disabling, deletion and cross-account use, at a monthly fee per key. Audit logging is not a difference: use of AWS managed keys is recorded in CloudTrail too.',
        sources: [
          { title: 'AWS KMS concepts', url: 'https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html' },
          { title: 'Logging AWS KMS API calls with AWS CloudTrail', url: 'https://docs.aws.amazon.com/kms/latest/developerguide/logging-using-cloudtrail.html' },
        ],
        settledBy: { kind: 'planned', lab: 'kms-key-rotation', note: 'Writing an SSE-KMS object with the AWS managed key produces a GenerateDataKey event in CloudTrail naming that key.' },
      },
    ],
  },
  {
    id: 'I42', level: 'intermediate', topic: 'database',
    question: 'How can you make sure an RDS snapshot is encrypted?',
    claims: [
      {
        says: 'Snapshots of encrypted RDS instances are encrypted automatically.',
        verdict: 'holds',
        truth: 'Snapshots of an encrypted DB instance are encrypted with the same KMS key by default; a copy can be re-encrypted with another key.',
        sources: [
          { title: 'Encrypting Amazon RDS resources', url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html' },
        ],
        settledBy: { kind: 'planned', lab: 'rds-snapshot-encryption', note: 'DescribeDBSnapshots shows Encrypted true and the instance KmsKeyId on a snapshot of an encrypted instance.' },
      },
      {
        says: 'An existing unencrypted snapshot can never become encrypted; the only route is to launch an encrypted instance and take a fresh snapshot of it.',
        verdict: 'wrong',
        truth: 'Copy the unencrypted snapshot and specify a KMS key on the copy: the copy is encrypted and can be restored to an encrypted instance. What you cannot do is turn on encryption for an existing instance in place.',
        sources: [
          { title: 'Copying a DB snapshot for Amazon RDS', url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_CopySnapshot.html' },
          { title: 'CopyDBSnapshot', url: 'https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CopyDBSnapshot.html' },
        ],
        settledBy: { kind: 'planned', lab: 'rds-snapshot-encryption', note: 'CopyDBSnapshot of an unencrypted snapshot with KmsKeyId yields a snapshot with Encrypted true.' },
      },
    ],
  },
  {
    id: 'I43', level: 'intermediate', topic: 'serverless',
    question: 'What happens when a Lambda function uses more memory than allocated?',
    claims: [
      {
        says: 'The function is terminated immediately.',
        verdict: 'holds',
        truth: 'The invocation fails when the runtime process is killed or cannot allocate memory, and the execution environment is reset; the REPORT line shows Max Memory Used at the configured size.',
        sources: [
          { title: 'Configure Lambda function memory', url: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html' },
          { title: 'Troubleshoot invocation issues in Lambda', url: 'https://docs.aws.amazon.com/lambda/latest/dg/troubleshooting-invocation.html' },
        ],
        settledBy: { kind: 'planned', lab: 'lambda-out-of-memory', note: 'A function allocating 200 MB at 128 MB fails, and its REPORT line shows Max Memory Used: 128 MB.' },
      },
      {
        says: 'You receive an OutOfMemoryError.',
        verdict: 'oversimplified',
        truth: 'The error depends on the runtime: Java may throw java.lang.OutOfMemoryError, but typically Lambda reports a runtime error such as Runtime.OutOfMemory or Runtime.ExitError (process killed) rather than a uniform exception.',
        sources: [
          { title: 'Troubleshoot invocation issues in Lambda', url: 'https://docs.aws.amazon.com/lambda/latest/dg/troubleshooting-invocation.html' },
        ],
        settledBy: { kind: 'planned', lab: 'lambda-out-of-memory', note: 'The Invoke response FunctionError and errorType of a Node.js and a Python function that exhaust memory are recorded.' },
      },
      {
        says: 'Monitor memory in CloudWatch and raise the setting.',
        verdict: 'holds',
        truth: 'Max Memory Used in the REPORT log line, Lambda Insights and Compute Optimizer show usage; memory goes up to 10,240 MB and also raises the CPU share.',
        sources: [
          { title: 'Configure Lambda function memory', url: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html' },
        ],
        settledBy: { kind: 'planned', lab: 'lambda-out-of-memory', note: 'After raising memory to 512 MB the same invocation succeeds.' },
      },
    ],
  },
  {
    id: 'I44', level: 'intermediate', topic: 'security',
    question: 'How can you enforce S3 encryption without changing applications?',
    claims: [
      {
        says: 'Use a bucket policy that denies PutObject unless x-amz-server-side-encryption is AES256.',
        verdict: 'outdated',
        truth: 'Since 2023-01-05 S3 encrypts every new object with SSE-S3 by default, and default bucket encryption (SSE-S3, SSE-KMS or DSSE-KMS) is the way to enforce a key type without application changes. A deny policy is now only needed to reject requests asking for a different encryption type.',
        sources: [
          { title: 'Using server-side encryption with Amazon S3 managed keys (SSE-S3)', url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingServerSideEncryption.html' },
          { title: 'Setting default server-side encryption behavior for Amazon S3 buckets', url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-encryption.html' },
        ],
        changed: '2023-01-05',
        settledBy: { kind: 'planned', lab: 's3-default-encryption', note: 'A PutObject with no encryption header on a bucket with no policy returns ServerSideEncryption AES256.' },
      },
      {
        says: 'That policy blocks unencrypted writes from any source without application changes.',
        verdict: 'wrong',
        truth: 'With StringNotEquals, any upload that omits the header (which S3 would encrypt anyway) and any SSE-KMS upload is denied, so applications must be changed to send the header. Default encryption needs no client change.',
        sources: [
          { title: 'Setting default server-side encryption behavior for Amazon S3 buckets', url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-encryption.html' },
        ],
        settledBy: { kind: 'planned', lab: 's3-default-encryption', note: 'With the policy attached, a PutObject without the header and one with aws:kms both get AccessDenied.' },
      },
    ],
  },
  {
    id: 'I45', level: 'intermediate', topic: 'storage',
    question: 'How does an S3 presigned URL compare with a signed cookie?',
    claims: [
      {
        says: 'A presigned URL gives time-limited access to a single object.',
        verdict: 'holds',
        truth: 'A presigned URL allows one operation (GET, PUT, HEAD) on one key, with the permissions of the signer, until it expires: at most 7 days with SigV4 and IAM user credentials, and no longer than temporary credentials last.',
        sources: [
          { title: 'Download and upload objects with presigned URLs', url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-presigned-url.html' },
        ],
        settledBy: { kind: 'planned', lab: 's3-presigned-url', note: 'A URL presigned for 60 seconds returns 200, then 403 AccessDenied (Request has expired) after 60 seconds.' },
      },
      {
        says: 'One signed cookie can cover many objects, for example the parts of a media stream.',
        verdict: 'oversimplified',
        truth: 'S3 itself has no signed cookies: signed cookies are a CloudFront feature (like CloudFront signed URLs) that grants access to many restricted files through a distribution using a trusted key group.',
        sources: [
          { title: 'Use signed cookies', url: 'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-signed-cookies.html' },
        ],
        settledBy: { kind: 'conceptual', reason: 'A statement about which service offers the feature.' },
      },
      {
        says: 'Presigned URLs suit APIs and single downloads; signed cookies suit web applications.',
        verdict: 'holds',
        truth: 'AWS guidance for CloudFront: signed URLs for individual files or clients without cookie support, signed cookies for many files (such as an HLS video) or when URLs should not change.',
        sources: [
          { title: 'Decide to use signed URLs or signed cookies', url: 'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-choosing-signed-urls-cookies.html' },
        ],
        settledBy: { kind: 'conceptual', reason: 'A usage recommendation.' },
      },
    ],
  },
  {
    id: 'I46', level: 'intermediate', topic: 'deployment',
    question: 'How do you minimise downtime with a blue/green deployment on Elastic Beanstalk?',
    claims: [
      {
        says: 'Stand up the new release in a second environment, verify it, and exchange the environment CNAMEs.',
        verdict: 'holds',
        truth: 'Clone or create a green environment, deploy and test it, then use Swap environment URLs (SwapEnvironmentCNAMEs) to exchange the two environment CNAMEs.',
        sources: [
          { title: 'Blue/Green deployments with Elastic Beanstalk', url: 'https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/using-features.CNAMESwap.html' },
        ],
        settledBy: { kind: 'planned', lab: 'alb-blue-green', note: 'After the swap, resolving the production CNAME returns the green load balancer.' },
      },
      fromLab(albBlueGreen, 'I46.cname-swap-waits-for-dns'),
    ],
  },
  {
    id: 'I47', level: 'intermediate', topic: 'dns-cdn',
    question: 'Can Route 53 send users to different endpoints depending on their device?',
    claims: [
      {
        says: 'No: Route 53 routes on geography, latency, health and similar, not device type.',
        verdict: 'holds',
        truth: 'The routing policies are simple, failover, geolocation, geoproximity, latency, IP-based, multivalue answer and weighted; a DNS query carries no user agent.',
        sources: [
          { title: 'Choosing a routing policy', url: 'https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/routing-policy.html' },
        ],
        settledBy: { kind: 'conceptual', reason: 'A statement about the set of features that exist.' },
      },
      {
        says: 'Device-based routing must be done in the application, for example by reading the user agent.',
        verdict: 'oversimplified',
        truth: 'It can also be done at the edge: CloudFront can add device headers such as CloudFront-Is-Mobile-Viewer for the origin, a CloudFront Function or a cache policy to act on.',
        sources: [
          { title: 'Add CloudFront request headers', url: 'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/adding-cloudfront-headers.html' },
        ],
        settledBy: { kind: 'conceptual', reason: 'A design option, not an observable default.' },
      },
    ],
  },
  {
    id: 'I48', level: 'intermediate', topic: 'messaging',
    question: 'How do Amazon MQ and Amazon SQS mainly differ?',
    claims: [
      {
        says: 'Amazon MQ hosts a managed message broker that speaks open protocols (AMQP, MQTT, STOMP), which helps move older applications.',
        verdict: 'holds',
        truth: 'Amazon MQ runs managed ActiveMQ (OpenWire, AMQP 1.0, MQTT, STOMP, and WebSocket variants) and RabbitMQ (AMQP 0-9-1) brokers, so existing JMS and AMQP clients can move without rewriting.',
        sources: [
          { title: 'Using Amazon MQ for ActiveMQ', url: 'https://docs.aws.amazon.com/amazon-mq/latest/developer-guide/working-with-activemq.html' },
          { title: 'What is Amazon MQ?', url: 'https://docs.aws.amazon.com/amazon-mq/latest/developer-guide/welcome.html' },
        ],
        settledBy: { kind: 'conceptual', reason: 'A protocol support statement.' },
      },
      {
        says: 'SQS is a fully managed queue that speaks only AWS APIs.',
        verdict: 'holds',
        truth: 'SQS is used through its HTTPS API and the AWS SDKs; JMS-style access exists only through the Amazon SQS Java Messaging Library on top of that API.',
        sources: [
          { title: 'What is Amazon Simple Queue Service?', url: 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/welcome.html' },
        ],
        settledBy: { kind: 'conceptual', reason: 'A protocol support statement.' },
      },
      {
        says: 'SQS scales further but supports fewer protocols.',
        verdict: 'holds',
        truth: 'SQS standard queues support nearly unlimited throughput with no capacity to manage, while an Amazon MQ broker is bounded by its instance size and deployment mode.',
        sources: [
          { title: 'What is Amazon Simple Queue Service?', url: 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/welcome.html' },
        ],
        settledBy: { kind: 'conceptual', reason: 'A scaling comparison that a cheap lab cannot load-test.' },
      },
    ],
  },
  {
    id: 'I49', level: 'intermediate', topic: 'monitoring',
    question: 'How can you track changes to AWS infrastructure over time?',
    claims: [
      {
        says: 'AWS Config captures point-in-time snapshots and configuration history.',
        verdict: 'holds',
        truth: 'Once the configuration recorder runs, Config records a configuration item for each change to a supported resource, keeps the history, and can deliver history files and snapshots to S3.',
        sources: [
          { title: 'What Is AWS Config?', url: 'https://docs.aws.amazon.com/config/latest/developerguide/WhatIsConfig.html' },
        ],
        settledBy: { kind: 'conceptual', reason: 'The recorder is an account-wide singleton per Region; a lab would interfere with it.' },
      },
      {
        says: 'Combine it with CloudTrail to audit who made each change.',
        verdict: 'holds',
        truth: 'CloudTrail records the API call, caller and time; Config shows the resulting configuration and links related CloudTrail events.',
        sources: [
          { title: 'Logging management events', url: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-management-events-with-cloudtrail.html' },
          { title: 'What Is AWS Config?', url: 'https://docs.aws.amazon.com/config/latest/developerguide/WhatIsConfig.html' },
        ],
        settledBy: { kind: 'conceptual', reason: 'A usage recommendation across account-wide services.' },
      },
    ],
  },
  {
    id: 'I50', level: 'intermediate', topic: 'iam',
    question: 'Why is using the root user for daily operations dangerous?',
    claims: [
      {
        says: 'Root can do anything and no IAM policy can limit it.',
        verdict: 'oversimplified',
        truth: 'IAM policies cannot restrict the root user, but in AWS Organizations SCPs do restrict the root user of member accounts (not the management account), and centralized root access lets the management account remove root credentials from member accounts.',
        sources: [
          { title: 'AWS account root user', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html' },
          { title: 'Service control policies (SCPs)', url: 'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html' },
        ],
        settledBy: { kind: 'conceptual', reason: 'Root restrictions through Organizations are organisation-wide features.' },
      },
      {
        says: 'Daily use raises the risk of accidents and compromise; lock root down with MFA and use it only for account-level tasks.',
        verdict: 'holds',
        truth: 'AWS recommends MFA on the root user (now required for root sign-in) and using root only for the tasks that need it, such as changing account settings or closing the account; daily work belongs to IAM Identity Center or roles.',
        sources: [
          { title: 'AWS account root user', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html' },
        ],
        settledBy: { kind: 'conceptual', reason: 'A security recommendation about root credentials, which a lab must never use.' },
      },
    ],
  },
];
