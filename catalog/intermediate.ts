import type { CatalogEntry } from '../lib/lab-kit/catalog/model';

/** Intermediate questions I1–I50, audited against the AWS documentation on 2026-11-23. */
export const INTERMEDIATE: readonly CatalogEntry[] = [
  {
    id: 'I1', level: 'intermediate', topic: 'deployment',
    question: 'How do AWS CloudFormation and Terraform differ, and when would you pick each?',
    claims: [
      {
        id: 'I1.drift-detection-checks-template-properties',
        says: 'CloudFormation is the AWS-native tool, closely integrated with AWS services, and it can detect drift.',
        verdict: 'holds',
        truth: 'CloudFormation is a managed AWS service that keeps stack state on the AWS side and can detect drift on supported resource types. Drift detection only compares properties set explicitly in the template, and nested stacks must be checked separately.',
        sources: [
          { title: 'Detect unmanaged configuration changes to stacks and resources with drift detection', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-cfn-stack-drift.html' },
          { title: 'DetectStackDrift', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DetectStackDrift.html' },
        ],
        conceptual: 'A comparison of two tools; one deployed lab stack cannot show it.',
      },
      {
        id: 'I1.cloudformation-also-supports-modules',
        says: 'Terraform is provider-agnostic, written in HCL, and has better module support, which suits multi-cloud work.',
        verdict: 'oversimplified',
        truth: 'Terraform does work across many providers and uses HCL. "Better modularity" is not a documented difference: CloudFormation also reuses code through nested stacks, registry modules and the CDK, and it can manage third-party resource types from the CloudFormation registry.',
        sources: [
          { title: 'Create reusable resource configurations that can be included across templates with CloudFormation modules', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/modules.html' },
          { title: 'Managing extensions with the CloudFormation registry', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/registry.html' },
        ],
        conceptual: 'Tool capabilities and design trade-offs, not a behaviour of a deployed resource.',
      },
      {
        id: 'I1.cloudformation-for-aws-terraform-multi-cloud',
        says: 'CloudFormation fits AWS-only projects and Terraform fits multi-cloud or complex dependency management.',
        verdict: 'holds',
        truth: 'This is a sound rule of thumb: CloudFormation (often through the CDK) covers AWS resources with no state file to manage, while Terraform spans providers. Both build a dependency graph from references, so dependency handling is not really a deciding factor.',
        sources: [
          { title: 'What is CloudFormation?', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/Welcome.html' },
        ],
        conceptual: 'A recommendation about tool choice.',
      },
    ],
  },
  {
    id: 'I2', level: 'intermediate', topic: 'storage',
    question: 'How do S3 and DynamoDB handle consistency of reads after writes?',
    claims: [
      {
        id: 'I2.s3-strong-read-after-write-consistency',
        says: 'Since December 2020 S3 is strongly consistent for every operation, including new PUTs, overwrites and DELETEs, in all Regions.',
        verdict: 'holds',
        truth: 'Since 2020-12 S3 gives strong read-after-write consistency for object PUTs and DELETEs and for list operations, at no extra cost. Bucket configuration changes are still eventually consistent, and concurrent writers to one key get last-writer-wins with no locking.',
        sources: [
          { title: 'Amazon S3 data consistency model', url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/Welcome.html#ConsistencyModel' },
        ],
      },
      {
        id: 'I2.dynamodb-strong-reads-cost-double',
        says: 'DynamoDB defaults to eventually consistent reads, which are cheaper and faster; a strongly consistent read is available on request but costs more and is slower.',
        verdict: 'holds',
        truth: 'Reads are eventually consistent unless ConsistentRead is true; a strongly consistent read costs twice the read capacity and may have higher latency. Strong reads work only on tables and local secondary indexes, never on global secondary indexes or streams.',
        sources: [
          { title: 'DynamoDB read consistency', url: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.ReadConsistency.html' },
        ],
      },
    ],
  },
  {
    id: 'I3', level: 'intermediate', topic: 'networking',
    question: 'Why would you choose an Application Load Balancer over a Classic Load Balancer?',
    claims: [
      {
        id: 'I3.alb-routes-on-layer7-conditions',
        says: 'ALB offers layer 7 features such as path- and host-based routing, WebSockets and better metrics.',
        verdict: 'holds',
        truth: 'ALB routes on path, host, HTTP header and query conditions, can redirect and return fixed responses, registers IP addresses and Lambda functions as targets, and can authenticate users, with richer access logs and metrics than CLB.',
        sources: [
          { title: 'Migrate your Classic Load Balancer', url: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/userguide/migrate-classic-load-balancer.html' },
        ],
        conceptual: 'A comparison of two products feature sets.',
      },
      {
        id: 'I3.clb-is-previous-generation',
        says: 'The Classic Load Balancer is an older generation that only does simple layer 4 and layer 7 balancing.',
        verdict: 'holds',
        truth: 'CLB is the previous-generation load balancer; AWS documents migrating it to an ALB or NLB and provides a migration wizard that creates the new load balancer for you.',
        sources: [
          { title: 'Migrate your Classic Load Balancer', url: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/userguide/migrate-classic-load-balancer.html' },
        ],
        conceptual: 'A product lifecycle statement.',
      },
      {
        id: 'I3.alb-routes-to-multiple-ports-per-instance',
        says: 'ALB suits microservices and containerised applications better.',
        verdict: 'holds',
        truth: 'ALB can route to several applications on one instance (different ports), integrates with ECS dynamic port mapping, and health-checks each target group independently.',
        sources: [
          { title: 'Migrate your Classic Load Balancer', url: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/userguide/migrate-classic-load-balancer.html' },
        ],
        conceptual: 'An architectural suitability judgement.',
      },
    ],
  },
  {
    id: 'I4', level: 'intermediate', topic: 'serverless',
    question: 'How would you troubleshoot a Lambda function that times out although its code looks correct?',
    claims: [
      {
        id: 'I4.set-client-timeouts-below-function-timeout',
        says: 'Look for slow downstream services and raise the timeout when that is justified.',
        verdict: 'holds',
        truth: 'The default timeout is 3 seconds and the maximum is 900 seconds; slow dependencies are a common cause. Give SDK and database clients their own timeouts shorter than the function timeout so the function can fail fast and log why.',
        sources: [
          { title: 'Configure Lambda function timeout', url: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html' },
        ],
        conceptual: 'A troubleshooting checklist rather than one observable behaviour.',
      },
      {
        id: 'I4.low-memory-limits-lambda-cpu',
        says: 'Cold starts, especially with large deployment packages, can cause the delay.',
        verdict: 'oversimplified',
        truth: 'Initialization is reported separately as Init Duration and is bounded (10 seconds for on-demand functions); large packages and heavy init code lengthen it. A more frequent cause of timeouts is too little memory, because Lambda allocates CPU in proportion to memory.',
        sources: [
          { title: 'Understanding the Lambda execution environment lifecycle', url: 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html' },
          { title: 'Configure Lambda function memory', url: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html' },
        ],
        planned: { lab: 'lambda-cold-start', note: 'REPORT log lines show Init Duration only on cold starts; the same work at 128 MB and 1769 MB shows the CPU-per-memory effect on Duration.' },
      },
      {
        id: 'I4.vpc-lambda-needs-nat-for-internet',
        says: 'A misconfigured VPC (subnets or NAT) can block internet access and cause timeouts.',
        verdict: 'oversimplified',
        truth: 'A VPC-attached function never gets a public IP, even in a public subnet: over IPv4 it reaches the internet only from private subnets routed to a NAT gateway, and reaches AWS services through NAT or VPC endpoints. Without such a path, calls hang until the function times out. Over IPv6 a function in dual-stack subnets with Ipv6AllowedForDualStack goes out without NAT (an egress-only internet gateway from a private subnet).',
        sources: [
          { title: 'Enable internet access for VPC-connected Lambda functions', url: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc-internet.html' },
          { title: 'VpcConfig (AWS Lambda API Reference)', url: 'https://docs.aws.amazon.com/lambda/latest/api/API_VpcConfig.html' },
        ],
      },
    ],
  },
  {
    id: 'I5', level: 'intermediate', topic: 'compute',
    question: 'How do scaling out and scaling up differ on AWS, and which should you favour?',
    claims: [
      {
        id: 'I5.vertical-scaling-requires-stop-and-start',
        says: 'Horizontal scaling adds instances (for example with Auto Scaling groups); vertical scaling makes one instance bigger.',
        verdict: 'holds',
        truth: 'Auto Scaling groups add and remove instances to match demand; vertical scaling changes the instance type, which for an EBS-backed instance requires a stop and start.',
        sources: [
          { title: 'What is Amazon EC2 Auto Scaling?', url: 'https://docs.aws.amazon.com/autoscaling/ec2/userguide/what-is-amazon-ec2-auto-scaling.html' },
          { title: 'Change the instance type', url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-instance-resize.html' },
        ],
        conceptual: 'Definitions of two scaling approaches.',
      },
      {
        id: 'I5.multi-az-instances-remove-single-point',
        says: 'Horizontal scaling is preferred for availability and fault tolerance; vertical scaling is simpler but capped and a single point of failure.',
        verdict: 'holds',
        truth: 'Spreading instances across Availability Zones behind a load balancer removes the single point of failure; a resize has an upper bound at the largest instance type and causes downtime while the instance is stopped.',
        sources: [
          { title: 'Change the instance type', url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-instance-resize.html' },
          { title: 'What is Amazon EC2 Auto Scaling?', url: 'https://docs.aws.amazon.com/autoscaling/ec2/userguide/what-is-amazon-ec2-auto-scaling.html' },
        ],
        conceptual: 'An architectural recommendation.',
      },
    ],
  },
  {
    id: 'I6', level: 'intermediate', topic: 'deployment',
    question: 'What happens if a CloudFormation stack that manages live infrastructure is deleted by mistake, and how do you prevent it?',
    claims: [
      {
        id: 'I6.deletion-policy-retains-resources',
        says: 'By default all of the stack resources are deleted.',
        verdict: 'oversimplified',
        truth: 'Resources without a DeletionPolicy are deleted, but DeletionPolicy Retain or Snapshot overrides that per resource, and AWS::RDS::DBCluster and AWS::RDS::DBInstance (without DBClusterIdentifier) default to Snapshot. A non-empty S3 bucket makes the deletion fail rather than lose data.',
        sources: [
          { title: 'DeletionPolicy attribute', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-attribute-deletionpolicy.html' },
        ],
      },
      {
        id: 'I6.termination-protection-blocks-delete-stack',
        says: 'Termination protection on the stack prevents the deletion.',
        verdict: 'holds',
        truth: 'With termination protection on, DeleteStack fails until someone with permission turns it off; nested stacks take the setting of the root stack.',
        sources: [
          { title: 'Protect CloudFormation stacks from being deleted', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-cfn-protect-stacks.html' },
        ],
      },
      {
        id: 'I6.stack-policy-applies-only-to-updates',
        says: 'Stack policies should always be used to protect critical resources from this.',
        verdict: 'wrong',
        truth: 'A stack policy applies only during stack updates (it can block updates or replacements of named resources); it does nothing when the stack itself is deleted. Protection against deletion comes from termination protection, DeletionPolicy/UpdateReplacePolicy, and IAM.',
        sources: [
          { title: 'Prevent updates to stack resources', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/protect-stack-resources.html' },
        ],
      },
    ],
  },
  {
    id: 'I7', level: 'intermediate', topic: 'networking',
    question: 'How can resources in a private subnet reach the internet securely?',
    claims: [
      {
        id: 'I7.private-subnet-egress-through-nat',
        says: 'Resources in a private subnet reach the internet through a NAT gateway or a NAT instance, given the right routes.',
        verdict: 'holds',
        truth: 'Instances without public IPs in a subnet whose default route targets a NAT gateway or NAT instance reach the internet as the NAT\'s public address.',
        sources: [
          { title: 'NAT gateways', url: 'https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html' },
          { title: 'NAT instances', url: 'https://docs.aws.amazon.com/vpc/latest/userguide/VPC_NAT_Instance.html' },
        ],
      },
      {
        id: 'I7.nat-lives-in-public-subnet',
        says: 'The NAT gateway or NAT instance must sit in a public subnet.',
        verdict: 'outdated',
        truth: 'True of NAT instances and zonal NAT gateways. Since 2025-11-19 a regional NAT gateway is created for the VPC with no public subnet of your own: AWS manages its route to the internet gateway and it expands to the AZs where your workloads run.',
        sources: [
          { title: 'Regional NAT gateways for automatic multi-AZ expansion', url: 'https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateways-regional.html' },
          { title: 'NAT gateways', url: 'https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html' },
        ],
        changed: '2025-11-19',
      },
      {
        id: 'I7.no-unsolicited-inbound',
        says: 'NAT lets private resources connect out while blocking connections started from the internet.',
        verdict: 'holds',
        truth: 'NAT forwards replies to connections its clients opened; nothing on the internet can open a connection to an instance behind it, which has no public address (inbound still depends on security groups for anything inside the VPC).',
        sources: [
          { title: 'NAT gateways', url: 'https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html' },
        ],
      },
      {
        id: 'I7.private-route-table-points-to-nat',
        says: 'Route tables must be configured correctly.',
        verdict: 'holds',
        truth: 'The private subnet needs a default route (0.0.0.0/0) to the NAT gateway, and a zonal NAT gateway subnet needs a default route to the internet gateway. Traffic to AWS services can skip NAT charges through VPC endpoints.',
        sources: [
          { title: 'Configure route tables', url: 'https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Route_Tables.html' },
        ],
        planned: { lab: 'nat-vs-public-ip', note: 'Removing the default route from the private route table makes the outbound probe fail.' },
      },
    ],
  },
  {
    id: 'I8', level: 'intermediate', topic: 'security',
    question: 'How does AWS KMS protect keys and support key rotation?',
    claims: [
      {
        id: 'I8.kms-envelope-encryption-with-data-keys',
        says: 'KMS uses envelope encryption.',
        verdict: 'holds',
        truth: 'KMS keys encrypt at most 4 KB directly; for bulk data services and SDKs call GenerateDataKey, encrypt locally with the data key and store it encrypted under the KMS key (envelope encryption).',
        sources: [
          { title: 'AWS KMS concepts', url: 'https://docs.aws.amazon.com/kms/latest/developerguide/concepts-intro.html' },
        ],
        conceptual: 'A description of the cryptographic design.',
      },
      {
        id: 'I8.kms-keys-stay-inside-fips-hsms',
        says: 'Keys are kept in secure, tamper-evident hardware.',
        verdict: 'holds',
        truth: 'KMS key material is generated and used inside FIPS 140-3 Security Level 3 validated hardware security modules and never leaves them unencrypted.',
        sources: [
          { title: 'AWS KMS internal operations', url: 'https://docs.aws.amazon.com/kms/latest/developerguide/kms-internals.html' },
        ],
        conceptual: 'A property of AWS-operated hardware that no account can observe.',
      },
      {
        id: 'I8.rotation-period-configurable-90-to-2560-days',
        says: 'Automatic rotation happens annually, or you rotate manually.',
        verdict: 'outdated',
        truth: 'Automatic rotation of symmetric customer managed keys now has a configurable period of 90 to 2560 days (365 by default), and keys can also be rotated on demand with RotateKeyOnDemand while keeping the same key ID. AWS managed keys rotate every year.',
        sources: [
          { title: 'EnableKeyRotation', url: 'https://docs.aws.amazon.com/kms/latest/APIReference/API_EnableKeyRotation.html' },
          { title: 'Rotate AWS KMS keys', url: 'https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html' },
        ],
        changed: '2024-04',
        planned: { lab: 'kms-key-rotation', note: 'EnableKeyRotation with RotationPeriodInDays 90 is accepted, and RotateKeyOnDemand followed by ListKeyRotations shows a new rotation with an unchanged key ID.' },
      },
      {
        id: 'I8.key-policy-is-primary-access-control',
        says: 'Key policies and IAM control access, and use is audited in CloudTrail.',
        verdict: 'holds',
        truth: 'The key policy is the primary control: IAM policies grant access only if the key policy allows the account to delegate. Every KMS API call, including Encrypt and Decrypt, is recorded in CloudTrail.',
        sources: [
          { title: 'Key policies in AWS KMS', url: 'https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html' },
          { title: 'Logging AWS KMS API calls with AWS CloudTrail', url: 'https://docs.aws.amazon.com/kms/latest/developerguide/logging-using-cloudtrail.html' },
        ],
        planned: { lab: 'kms-key-rotation', note: 'A role with an IAM allow but no key-policy delegation gets AccessDenied; its Encrypt calls appear in CloudTrail event history.' },
      },
    ],
  },
  {
    id: 'I9', level: 'intermediate', topic: 'iam',
    question: 'How can an EC2 instance access an S3 bucket without embedded credentials?',
    claims: [
      {
        id: 'I9.role-attached-through-instance-profile',
        says: 'Attach an IAM role with the needed S3 permissions to the instance.',
        verdict: 'holds',
        truth: 'The role is attached through an instance profile; applications on the instance then act with the role permissions, with no long-term keys on disk.',
        sources: [
          { title: 'Use an IAM role to grant permissions to applications running on Amazon EC2 instances', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_switch-role-ec2.html' },
        ],
      },
      {
        id: 'I9.sdk-fetches-role-credentials-from-imds',
        says: 'AWS pushes short-lived credentials onto the instance through the metadata service (IMDSv2, 169.254.169.254), which uses tokens.',
        verdict: 'oversimplified',
        truth: 'Nothing is injected: the SDK fetches temporary role credentials from the metadata item iam/security-credentials/role-name, and AWS rotates them, with new ones available at least five minutes before expiry. The session-token (IMDSv2) flow is enforced only when HttpTokens is required, which is the default for AMIs marked for IMDSv2.',
        sources: [
          { title: 'Retrieve security credentials from instance metadata', url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instance-metadata-security-credentials.html' },
        ],
      },
    ],
  },
  {
    id: 'I10', level: 'intermediate', topic: 'networking',
    question: 'What changes when cross-zone load balancing is turned on for an Elastic Load Balancer?',
    claims: [
      {
        id: 'I10.cross-zone-spreads-across-all-az-targets',
        says: 'With cross-zone on, every registered target gets an equal share of traffic, whatever its AZ.',
        verdict: 'holds',
        truth: 'Each load balancer node distributes requests across the registered targets in all enabled Availability Zones.',
        sources: [
          { title: 'How Elastic Load Balancing works', url: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/userguide/how-elastic-load-balancing-works.html#cross-zone-load-balancing' },
        ],
      },
      {
        id: 'I10.nodes-route-only-to-own-az-targets',
        says: 'Without it, traffic is routed in proportion to the size of each AZ.',
        verdict: 'wrong',
        truth: 'Without cross-zone, each node sends traffic only to targets in its own AZ, and clients are spread across nodes roughly evenly by DNS. An AZ with fewer targets therefore gives each of them a larger share, not a proportional one.',
        sources: [
          { title: 'How Elastic Load Balancing works', url: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/userguide/how-elastic-load-balancing-works.html#cross-zone-load-balancing' },
        ],
      },
      {
        id: 'I10.cross-zone-charges-depend-on-lb-type',
        says: 'It improves balance but may add cross-AZ data transfer costs.',
        verdict: 'oversimplified',
        truth: 'It depends on the type: on an ALB cross-zone is always on at the load balancer level and cannot be turned off there (only per target group); on an NLB it is off by default, and when it is turned on, EC2 data transfer charges apply.',
        sources: [
          { title: 'Cross-zone load balancing for target groups (Network Load Balancers)', url: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/network/target-group-cross-zone.html' },
          { title: 'Cross-zone load balancing for target groups (Application Load Balancers)', url: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/disable-cross-zone.html' },
        ],
      },
    ],
  },
  {
    id: 'I11', level: 'intermediate', topic: 'iam',
    question: 'How can you require MFA for IAM users who use the AWS Management Console?',
    claims: [
      {
        id: 'I11.mfa-deny-exempts-enrolment-with-notaction',
        says: 'Attach to users or groups a policy that denies every action when aws:MultiFactorAuthPresent is false (BoolIfExists).',
        verdict: 'oversimplified',
        truth: 'The documented pattern denies with NotAction, exempting the actions a user needs to enrol and sync an MFA device and sts:GetSessionToken; a blanket Deny * would lock new users out of setting up MFA. With BoolIfExists it also blocks access-key (CLI/API) calls unless the user first gets MFA session credentials from GetSessionToken.',
        sources: [
          { title: 'AWS: Allows MFA-authenticated IAM users to manage their own MFA device on the Security credentials page', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_aws_my-sec-creds-self-manage-mfa-only.html' },
          { title: 'IAM: Allows IAM users to self-manage an MFA device', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_iam_mfa-selfmanage.html' },
        ],
      },
      {
        id: 'I11.explicit-deny-overrides-any-allow',
        says: 'Add a second policy that allows the needed actions so the deny does not block too much.',
        verdict: 'wrong',
        truth: 'An explicit Deny always wins over any Allow in IAM policy evaluation, so a separate Allow cannot undo it. Exceptions have to be written into the Deny statement itself, for example with NotAction or extra conditions.',
        sources: [
          { title: 'Policy evaluation logic', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html' },
        ],
      },
    ],
  },
  {
    id: 'I12', level: 'intermediate', topic: 'messaging',
    question: 'What is a dead-letter queue for in SQS or Lambda?',
    claims: [
      {
        id: 'I12.poison-moves-after-max-receive-count',
        says: 'A dead-letter queue takes the messages that still fail after a configured number of retries.',
        verdict: 'oversimplified',
        truth: 'SQS counts receives, not retries: each receive raises the message\'s ApproximateReceiveCount, and maxReceiveCount is the number of times a message is delivered before being moved: once its receive count exceeds maxReceiveCount, SQS moves it to the dead-letter queue. maxReceiveCount 3 means three receives, each after the previous visibility timeout ran out; SQS retries nothing itself: the consumer retries by receiving again, and any receive not followed by a delete uses one up. With partial batch responses only the failed message becomes visible again, not the good messages of its batch; a standard queue still delivers at least once, so on rare occasions any message can come back.',
        sources: [
          { title: 'Using dead-letter queues in Amazon SQS', url: 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html' },
          { title: 'SetQueueAttributes', url: 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SetQueueAttributes.html' },
          { title: 'Amazon SQS visibility timeout', url: 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-visibility-timeout.html' },
          { title: 'Handling errors for an SQS event source in Lambda', url: 'https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html' },
          { title: 'Amazon SQS at-least-once delivery', url: 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/standard-queues-at-least-once-delivery.html' },
        ],
      },
      {
        id: 'I12.dlq-keeps-original-sent-timestamp',
        says: 'Failed messages wait in the dead-letter queue for debugging, so nothing is lost.',
        verdict: 'oversimplified',
        truth: 'A standard queue\'s message keeps its original enqueue timestamp when it moves to the dead-letter queue, so it expires there once its time in both queues reaches the dead-letter queue\'s retention: set that retention longer than the source\'s (14 days is the most). FIFO queues reset the timestamp on the move. Either way, a message nobody looks at is deleted when its retention ends.',
        sources: [
          { title: 'Setting-up dead-letter queue retention in Amazon SQS', url: 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/setting-up-dead-letter-queue-retention.html' },
          { title: 'Using dead-letter queues in Amazon SQS', url: 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html' },
        ],
      },
      {
        id: 'I12.sqs-failure-skips-function-dlq',
        says: 'A dead-letter queue works the same in SQS and in Lambda: failed events end up in it.',
        verdict: 'oversimplified',
        truth: 'There are two different mechanisms. A Lambda function\'s dead-letter queue (and its on-failure destination) only receives asynchronous invocations that failed. Lambda reads SQS through an event source mapping and invokes the function synchronously, so a failing message goes back to its queue and ends in the queue\'s dead-letter queue, set by the queue\'s redrive policy; the function\'s dead-letter queue never sees it. Event source mappings for streams and Kafka (Kinesis, DynamoDB Streams, Amazon MSK, self-managed Kafka) have an on-failure destination of their own; an SQS mapping has none, because the queue\'s redrive policy does that job.',
        sources: [
          { title: 'DeadLetterConfig', url: 'https://docs.aws.amazon.com/lambda/latest/api/API_DeadLetterConfig.html' },
          { title: 'Capturing records of Lambda asynchronous invocations', url: 'https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html' },
          { title: 'Using Lambda with Amazon SQS', url: 'https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html' },
          { title: 'Using dead-letter queues in Amazon SQS', url: 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html' },
          { title: 'AWS::Lambda::EventSourceMapping OnFailure', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-lambda-eventsourcemapping-onfailure.html' },
        ],
      },
      {
        id: 'I12.redrive-moves-back-and-fails-again',
        says: 'A dead-letter queue stops endless retries and keeps failed messages so you can debug them.',
        verdict: 'holds',
        truth: 'Once moved, a message is no longer delivered: nothing retries it, the dead-letter queue included. After fixing the cause you move it back (StartMessageMoveTask, by API since June 2023; FIFO queues since November 2023). Redriven messages are new messages with a new ID and enqueue time, so their receive count starts again; an unfixed poison message fails again and returns.',
        sources: [
          { title: 'Learn how to configure a dead-letter queue redrive in Amazon SQS', url: 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-configure-dead-letter-queue-redrive.html' },
          { title: 'StartMessageMoveTask', url: 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_StartMessageMoveTask.html' },
          { title: 'A New Set of APIs for Amazon SQS Dead-Letter Queue Redrive', url: 'https://aws.amazon.com/blogs/aws/a-new-set-of-apis-for-amazon-sqs-dead-letter-queue-redrive/' },
          { title: 'Announcing throughput increase and dead letter queue redrive support for Amazon SQS FIFO queues', url: 'https://aws.amazon.com/blogs/aws/announcing-throughput-increase-and-dead-letter-queue-redrive-support-for-amazon-sqs-fifo-queues/' },
        ],
      },
      {
        id: 'I12.async-retries-then-destination',
        says: 'For Lambda, the dead-letter queue receives an event after the configured number of retries.',
        verdict: 'holds',
        truth: 'For asynchronous invocations, Lambda retries a function error twice by default (MaximumRetryAttempts 0 to 2), waiting about 1 minute and then about 2 minutes, and gives up earlier if the event grows older than MaximumEventAge. It then sends the event to the on-failure destination (a record with the condition, the attempt count and the error) and/or the dead-letter queue (the event alone); without either, the event is discarded.',
        sources: [
          { title: 'How Lambda handles errors and retries with asynchronous invocation', url: 'https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html' },
          { title: 'Capturing records of Lambda asynchronous invocations', url: 'https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html' },
        ],
      },
    ],
  },
  {
    id: 'I13', level: 'intermediate', topic: 'networking',
    question: 'Why might EC2 instances with public IPs still have no internet access?',
    claims: [
      {
        id: 'I13.public-ip-without-route-is-offline',
        says: 'An instance with a public IP can still lack internet access when its route table has no route to an attached internet gateway.',
        verdict: 'holds',
        truth: 'A public IP is not a path: the subnet needs a route to an internet gateway attached to the VPC that covers the destination (usually 0.0.0.0/0; routing takes the most specific match). Without one the packets have nowhere to go, whatever the address (network ACLs and security group outbound rules can block it too).',
        sources: [
          { title: 'Troubleshoot reachability issues', url: 'https://docs.aws.amazon.com/vpc/latest/userguide/route-table-routes-troubleshoot.html' },
          { title: 'Configure route tables', url: 'https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Route_Tables.html' },
        ],
      },
      {
        id: 'I13.nacl-must-allow-ephemeral-return-ports',
        says: 'Network ACLs may block outbound access.',
        verdict: 'oversimplified',
        truth: 'Network ACLs are stateless, so the outbound rule is not enough: inbound return traffic on the ephemeral ports (1024-65535) must also be allowed. The default network ACL allows everything.',
        sources: [
          { title: 'Control subnet traffic with network access control lists', url: 'https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html' },
        ],
        planned: { lab: 'nat-vs-public-ip', note: 'A custom NACL allowing all outbound but no inbound ephemeral ports makes the HTTPS probe time out.' },
      },
      {
        id: 'I13.security-groups-allow-outbound-by-default',
        says: 'Security groups must also allow outbound traffic.',
        verdict: 'holds',
        truth: 'True if outbound rules were restricted; the default security group allows all outbound, and because security groups are stateful the replies are allowed automatically.',
        sources: [
          { title: 'Control traffic to your AWS resources using security groups', url: 'https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html' },
        ],
        planned: { lab: 'nat-vs-public-ip', note: 'Removing the outbound rule from the instance security group makes the probe fail; no inbound rule is needed for replies.' },
      },
    ],
  },
  {
    id: 'I14', level: 'intermediate', topic: 'storage',
    question: 'How does AWS make EBS volumes durable?',
    claims: [
      {
        id: 'I14.ebs-replicated-within-single-az',
        says: 'AWS copies each EBS volume automatically inside the AZ where it lives.',
        verdict: 'holds',
        truth: 'Each volume is replicated within its AZ to protect against component failure; it does not survive the loss of the AZ, and it can be attached only to instances in that AZ.',
        sources: [
          { title: 'What is Amazon Elastic Block Store?', url: 'https://docs.aws.amazon.com/ebs/latest/userguide/what-is-ebs.html' },
        ],
        conceptual: 'Replication inside the EBS service is not visible to an account.',
      },
      {
        id: 'I14.only-io2-block-express-has-five-nines',
        says: 'EBS volumes offer 99.999% durability.',
        verdict: 'wrong',
        truth: 'Only io2 Block Express volumes are designed for 99.999% durability (0.001% annual failure rate). gp2, gp3, io1, st1 and sc1 volumes are designed for 99.8-99.9% (0.1-0.2% annual failure rate).',
        sources: [
          { title: 'Amazon EBS volume types', url: 'https://docs.aws.amazon.com/ebs/latest/userguide/ebs-volume-types.html' },
          { title: 'Amazon EBS Provisioned IOPS SSD volumes', url: 'https://docs.aws.amazon.com/ebs/latest/userguide/provisioned-iops.html' },
        ],
        conceptual: 'A published design figure for annual failure rates.',
      },
      {
        id: 'I14.snapshots-have-no-published-durability',
        says: 'For eleven-nines durability, rely on snapshots, which live in S3, or on AMIs.',
        verdict: 'oversimplified',
        truth: 'Snapshots are incremental, point-in-time backups kept in AWS-managed S3 storage (not in your buckets) and can be copied across Regions; AMIs of EBS-backed instances are built on them. AWS does not publish a separate durability figure for snapshots; 11 nines is the S3 design target for objects.',
        sources: [
          { title: 'Amazon EBS snapshots', url: 'https://docs.aws.amazon.com/ebs/latest/userguide/ebs-snapshots.html' },
        ],
        conceptual: 'Durability design targets cannot be measured in a lab.',
      },
    ],
  },
  {
    id: 'I15', level: 'intermediate', topic: 'serverless',
    question: 'How do Lambda versions and aliases differ?',
    claims: [
      {
        id: 'I15.published-version-is-immutable',
        says: 'A version freezes the function code and settings at a point in time.',
        verdict: 'holds',
        truth: 'Publishing creates an immutable numbered version with its own ARN; only $LATEST remains editable.',
        sources: [
          { title: 'Manage Lambda function versions', url: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-versions.html' },
        ],
      },
      {
        id: 'I15.alias-is-updatable-version-pointer',
        says: 'An alias names a version and is useful for environments such as dev, stage and prod.',
        verdict: 'holds',
        truth: 'An alias is a named, updatable pointer with its own ARN, so triggers and callers can target it while the version behind it changes.',
        sources: [
          { title: 'Create an alias for a Lambda function', url: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-aliases.html' },
        ],
      },
      {
        id: 'I15.alias-weights-traffic-between-two-versions',
        says: 'Aliases can route traffic between versions.',
        verdict: 'holds',
        truth: 'An alias can split invocations by weight between exactly two published versions (not $LATEST), which CodeDeploy uses for canary and linear deployments.',
        sources: [
          { title: 'Implement Lambda canary deployments using a weighted alias', url: 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-traffic-shifting-using-aliases.html' },
        ],
      },
    ],
  },
  {
    id: 'I16', level: 'intermediate', topic: 'iam',
    question: 'How do you restrict an IAM user to a single DynamoDB table?',
    claims: [
      {
        id: 'I16.table-arn-policy-needs-index-arns',
        says: 'Use a policy that allows DynamoDB actions only on that table ARN, following least privilege.',
        verdict: 'holds',
        truth: 'An identity policy whose Resource is the table ARN grants nothing on other tables. Indexes are separate resources (table/Name/index/*) and must be listed for Query and Scan on them; dynamodb:LeadingKeys can narrow access further to items, and tables also accept resource-based policies.',
        sources: [
          { title: 'IAM policy to grant access to a specific DynamoDB table and its indexes', url: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/iam-policy-specific-table-indexes.html' },
        ],
      },
      {
        id: 'I16.item-actions-miss-query-scan-and-batch',
        says: 'Allowing GetItem, PutItem, UpdateItem and DeleteItem on the table ARN is a workable example.',
        verdict: 'oversimplified',
        truth: 'That set leaves out Query, Scan, the batch operations and ConditionCheckItem, and covers no indexes, so typical application access patterns fail with AccessDenied.',
        sources: [
          { title: 'IAM policy to read, write, update, and delete access on a DynamoDB table', url: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/iam-policy-example-data-crud.html' },
        ],
      },
    ],
  },
  {
    id: 'I17', level: 'intermediate', topic: 'monitoring',
    question: 'How do CloudWatch metrics differ from CloudWatch Logs?',
    claims: [
      {
        id: 'I17.metric-is-numeric-time-series',
        says: 'Metrics are numeric time series used for monitoring and alarms, such as CPUUtilization.',
        verdict: 'holds',
        truth: 'A metric is a time-ordered set of numeric data points identified by namespace, name and dimensions; alarms watch metrics.',
        sources: [
          { title: 'Amazon CloudWatch concepts', url: 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch_concepts.html' },
        ],
        conceptual: 'A definition.',
      },
      {
        id: 'I17.logs-are-events-in-groups-and-streams',
        says: 'Logs are raw text produced by applications or services.',
        verdict: 'holds',
        truth: 'Logs are timestamped events stored in log groups and streams; they may be plain text or structured JSON and can be queried with Logs Insights.',
        sources: [
          { title: 'What is Amazon CloudWatch Logs?', url: 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/WhatIsCloudWatchLogs.html' },
        ],
        conceptual: 'A definition.',
      },
      {
        id: 'I17.metric-filters-turn-logs-into-metrics',
        says: 'Custom metrics can be generated from logs.',
        verdict: 'holds',
        truth: 'Metric filters turn matching log events into metric data points; the embedded metric format lets applications emit metrics inside structured log lines.',
        sources: [
          { title: 'Creating metrics from log events using filters', url: 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/MonitoringLogData.html' },
        ],
        planned: { lab: 'cloudwatch-metric-filter', note: 'Writing ERROR lines to a log group with a metric filter produces datapoints in the custom metric.' },
      },
    ],
  },
  {
    id: 'I18', level: 'intermediate', topic: 'database',
    question: 'How does Amazon RDS fail over automatically?',
    claims: [
      {
        id: 'I18.fails-over-to-standby',
        says: 'In a Multi-AZ setup RDS fails over to the standby by itself when the primary suffers a hardware, network or storage failure.',
        verdict: 'holds',
        truth: 'A Multi-AZ DB instance fails over to its standby in the other AZ on its own (infrastructure failure, AZ outage, OS patching, instance class change) and on a reboot with failover, which simulates a failure; AWS documents typically 60–120 seconds. Until then the standby serves nothing: it has no endpoint and takes no reads.',
        sources: [
          { title: 'Failing over a Multi-AZ DB instance for Amazon RDS', url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZ.Failover.html' },
          { title: 'Rebooting a DB instance', url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_RebootInstance.html' },
          { title: 'Configuring and managing a Multi-AZ deployment for Amazon RDS', url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZ.html' },
          { title: 'Amazon RDS event categories and event messages', url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_Events.Messages.html' },
        ],
      },
      {
        id: 'I18.endpoint-name-stays-dns-moves',
        says: 'RDS points the database DNS name at the standby.',
        verdict: 'holds',
        truth: 'The endpoint name does not change; RDS updates its DNS record (a short TTL) to the address of the new primary in the other AZ. Open connections are dropped, so clients must reconnect and re-resolve the name, and must not cache the answer for long (the JVM can cache it forever).',
        sources: [
          { title: 'Failing over a Multi-AZ DB instance for Amazon RDS', url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZ.Failover.html' },
          { title: 'Rebooting a DB instance', url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_RebootInstance.html' },
          // The page's own title, "Amazon for RDS" included (as the knowledge-center page, which redirects here, gives it).
          { title: 'How are my connections handled when I reboot my Amazon for RDS instance with or without a failover?', url: 'https://repost.aws/knowledge-center/rds-connections-reboot-failover' },
        ],
      },
    ],
  },
  {
    id: 'I19', level: 'intermediate', topic: 'serverless',
    question: 'How do you give a Lambda function access to private VPC resources and to the internet at the same time?',
    claims: [
      {
        id: 'I19.vpc-lambda-internet-needs-private-nat',
        says: 'Place the function in private subnets that route to a NAT gateway for internet access.',
        verdict: 'holds',
        truth: 'A VPC-attached function gets no public IP, even in a public subnet, so IPv4 internet access requires private subnets with a default route to a NAT gateway; AWS services can also be reached through VPC endpoints. Over IPv6, dual-stack subnets with Ipv6AllowedForDualStack give egress through an egress-only internet gateway, without NAT.',
        sources: [
          { title: 'Enable internet access for VPC-connected Lambda functions', url: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc-internet.html' },
          { title: 'VpcConfig (AWS Lambda API Reference)', url: 'https://docs.aws.amazon.com/lambda/latest/api/API_VpcConfig.html' },
        ],
      },
      {
        id: 'I19.function-enis-security-groups-allow-flows',
        says: 'Routing and security group rules have to permit both the internal and the internet-bound flows.',
        verdict: 'holds',
        truth: 'The security groups on the function Hyperplane ENIs must allow outbound traffic to the private resources and to the internet, and the target resources must allow inbound from them. Dual-stack subnets can give IPv6 egress through an egress-only internet gateway.',
        sources: [
          { title: 'Giving Lambda functions access to resources in an Amazon VPC', url: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html' },
        ],
        planned: { lab: 'lambda-vpc-egress', note: 'Removing the function security group outbound rule makes both calls time out.' },
      },
    ],
  },
  {
    id: 'I20', level: 'intermediate', topic: 'monitoring',
    question: 'What do you get by turning on EC2 detailed monitoring?',
    claims: [
      {
        id: 'I20.detailed-monitoring-uses-one-minute-periods',
        says: 'Detailed monitoring publishes metrics every minute instead of every five minutes.',
        verdict: 'holds',
        truth: 'Basic monitoring sends EC2 metrics at 5-minute periods; detailed monitoring sends them at 1-minute periods.',
        sources: [
          { title: 'Manage detailed monitoring for your EC2 instances', url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/manage-detailed-monitoring.html' },
        ],
      },
      {
        id: 'I20.one-minute-data-speeds-scaling-reaction',
        says: 'It helps scaling react faster and improves visibility.',
        verdict: 'holds',
        truth: 'Auto Scaling policies and alarms can evaluate 1-minute data, so they react sooner to load changes.',
        sources: [
          { title: 'Configure monitoring for Auto Scaling instances', url: 'https://docs.aws.amazon.com/autoscaling/ec2/userguide/enable-as-instance-metrics.html' },
        ],
        conceptual: 'Scaling speed depends on policy and workload, not a single observable fact.',
      },
      {
        id: 'I20.detailed-monitoring-billed-per-metric',
        says: 'Detailed monitoring costs extra.',
        verdict: 'holds',
        truth: 'Detailed monitoring is charged per metric at CloudWatch metric rates, prorated by the hour; basic monitoring is free.',
        sources: [
          { title: 'Amazon CloudWatch pricing', url: 'https://aws.amazon.com/cloudwatch/pricing/' },
        ],
        conceptual: 'A price.',
      },
    ],
  },
  {
    id: 'I21', level: 'intermediate', topic: 'networking',
    question: 'What is VPC peering for, and what are its limitations?',
    claims: [
      {
        id: 'I21.peering-routes-private-ips-between-vpcs',
        says: 'VPC peering lets two VPCs talk privately over the AWS network.',
        verdict: 'holds',
        truth: 'A peering connection routes traffic between two VPCs (same or different account or Region) using private IPs; inter-Region peering traffic stays on the AWS backbone. Both sides must add routes.',
        sources: [
          { title: 'What is VPC peering?', url: 'https://docs.aws.amazon.com/vpc/latest/peering/what-is-vpc-peering.html' },
          { title: 'VPC peering - Amazon Virtual Private Cloud Connectivity Options', url: 'https://docs.aws.amazon.com/whitepapers/latest/aws-vpc-connectivity-options/vpc-peering.html' },
        ],
        planned: { lab: 'vpc-peering-transitivity', note: 'Instances in two peered VPCs reach each other on private IPs once both route tables have peering routes.' },
      },
      {
        id: 'I21.peering-is-not-transitive',
        says: 'Peering is not transitive.',
        verdict: 'holds',
        truth: 'A VPC cannot reach a third VPC through a peer, and edge-to-edge routing through the peer internet gateway, NAT, VPN or Direct Connect is not supported; use Transit Gateway or Cloud WAN for hub-and-spoke.',
        sources: [
          { title: 'Unsupported VPC peering configurations', url: 'https://docs.aws.amazon.com/vpc/latest/peering/invalid-peering-configurations.html' },
        ],
        planned: { lab: 'vpc-peering-transitivity', note: 'With A-B and B-C peered, a route from A to C through the B peering connection cannot carry traffic; Reachability Analyzer reports no path.' },
      },
      {
        id: 'I21.peered-cidrs-must-not-overlap',
        says: 'Overlapping CIDR blocks are not supported.',
        verdict: 'holds',
        truth: 'You cannot peer VPCs whose IPv4 or IPv6 CIDR blocks overlap.',
        sources: [
          { title: 'Unsupported VPC peering configurations', url: 'https://docs.aws.amazon.com/vpc/latest/peering/invalid-peering-configurations.html' },
        ],
        planned: { lab: 'vpc-peering-transitivity', note: 'Requesting a peering between two VPCs with the same CIDR ends in the failed state.' },
      },
      {
        id: 'I21.peering-dns-resolution-must-be-enabled',
        says: 'DNS resolution across the VPCs needs explicit configuration.',
        verdict: 'holds',
        truth: 'By default a peer public DNS hostname resolves to its public IP; enabling DNS resolution on the peering connection (both VPCs need DNS hostnames and resolution on) makes it resolve to the private IP. Private hosted zones must be associated with the other VPC separately.',
        sources: [
          { title: 'Enable DNS resolution for a VPC peering connection', url: 'https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-dns.html' },
        ],
        planned: { lab: 'vpc-peering-transitivity', note: 'Resolving the peer instance public DNS name returns its public IP, then its private IP after AllowDnsResolutionFromRemoteVpc is set.' },
      },
    ],
  },
  {
    id: 'I22', level: 'intermediate', topic: 'serverless',
    question: 'How can you reduce Lambda cold start times?',
    claims: [
      {
        id: 'I22.smaller-packages-shorten-initialization',
        says: 'Use smaller deployment packages.',
        verdict: 'holds',
        truth: 'AWS recommends keeping the deployment package to what the runtime needs; less code to download and load shortens initialization.',
        sources: [
          { title: 'Best practices for working with AWS Lambda functions', url: 'https://docs.aws.amazon.com/lambda/latest/dg/best-practices.html' },
        ],
      },
      {
        id: 'I22.initialize-sdk-clients-outside-handler',
        says: 'Avoid initialising heavy libraries outside the handler.',
        verdict: 'wrong',
        truth: 'AWS recommends the opposite: create SDK clients and database connections outside the handler so they run once per execution environment and are reused by later invocations. What reduces cold starts is loading less (for example lazy-loading rarely used modules), not moving setup into the handler, which slows every invocation.',
        sources: [
          { title: 'Best practices for working with AWS Lambda functions', url: 'https://docs.aws.amazon.com/lambda/latest/dg/best-practices.html' },
        ],
      },
      {
        id: 'I22.provisioned-concurrency-removes-cold-starts',
        says: 'Configure provisioned concurrency.',
        verdict: 'holds',
        truth: 'Provisioned concurrency keeps initialized environments ready, removing cold starts up to the configured level at an hourly cost. SnapStart (Java 11+, Python 3.12+, .NET 8+) is a cheaper alternative that resumes environments from a snapshot.',
        sources: [
          { title: 'Configuring provisioned concurrency for a function', url: 'https://docs.aws.amazon.com/lambda/latest/dg/provisioned-concurrency.html' },
          { title: 'Improving startup performance with Lambda SnapStart', url: 'https://docs.aws.amazon.com/lambda/latest/dg/snapstart.html' },
        ],
        planned: { lab: 'lambda-cold-start', note: 'Invocations of an alias with provisioned concurrency log no Init Duration.' },
      },
      {
        id: 'I22.vpc-no-longer-slows-cold-starts',
        says: 'Avoid putting Lambda in a VPC unless necessary, because it slows cold starts.',
        verdict: 'outdated',
        truth: 'Since September 2019 Lambda creates shared Hyperplane ENIs when the function is configured, not at invocation, so VPC attachment no longer adds meaningful cold-start latency. Attach to a VPC when the function needs private resources.',
        sources: [
          { title: 'Giving Lambda functions access to resources in an Amazon VPC', url: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html' },
        ],
        changed: '2019-09',
      },
    ],
  },
  {
    id: 'I23', level: 'intermediate', topic: 'database',
    question: 'When is Aurora a better pick than plain RDS for MySQL or PostgreSQL?',
    claims: [
      {
        id: 'I23.aurora-up-to-five-times-mysql-throughput',
        says: 'Aurora performs up to 5x better than MySQL and 3x better than PostgreSQL.',
        verdict: 'holds',
        truth: 'AWS states Aurora can deliver up to five times the throughput of MySQL and up to three times that of PostgreSQL; it is an upper bound from AWS benchmarks, and real gains depend on the workload.',
        sources: [
          { title: 'What is Amazon Aurora?', url: 'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/CHAP_AuroraOverview.html' },
        ],
        conceptual: 'A vendor benchmark figure.',
      },
      {
        id: 'I23.rds-engines-also-autoscale-storage',
        says: 'Aurora has auto-scaling storage.',
        verdict: 'oversimplified',
        truth: 'The Aurora cluster volume grows (and shrinks) automatically and is billed for what is used, but standard RDS engines also offer storage autoscaling, so this is not a differentiator on its own.',
        sources: [
          { title: 'Amazon Aurora storage', url: 'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Aurora.Overview.StorageReliability.html' },
          { title: 'Managing capacity automatically with Amazon RDS storage autoscaling', url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_PIOPS.Autoscaling.html' },
        ],
        conceptual: 'Storage growth takes far longer than a lab run.',
      },
      {
        id: 'I23.automatic-failover-is-not-aurora-only',
        says: 'Aurora is the pick when you need higher availability and automatic failover.',
        verdict: 'oversimplified',
        truth: 'Automatic failover is not Aurora\'s alone: an RDS for PostgreSQL or MySQL Multi-AZ DB instance fails over automatically too (typically 60–120 s), and a Multi-AZ DB cluster typically in under 35 s. Aurora\'s edge is a faster failover to a readable replica (typically under 60 s, often under 30 s) and storage replicated across three AZs.',
        sources: [
          { title: 'Failing over a Multi-AZ DB instance for Amazon RDS', url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZ.Failover.html' },
          { title: 'Failing over a Multi-AZ DB cluster for Amazon RDS', url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/multi-az-db-clusters-concepts-failover.html' },
          { title: 'High availability for Amazon Aurora', url: 'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Concepts.AuroraHighAvailability.html' },
        ],
      },
    ],
  },
  {
    id: 'I24', level: 'intermediate', topic: 'serverless',
    question: 'Can a Lambda function read another function environment variables directly?',
    claims: [
      {
        id: 'I24.get-function-configuration-exposes-env-vars',
        says: 'No: each function keeps its environment variables to itself.',
        verdict: 'oversimplified',
        truth: 'A function execution environment only sees its own variables, but any principal (including another function execution role) with lambda:GetFunctionConfiguration on the other function can read its variables through the API, plus kms:Decrypt where a customer managed key is used. Isolation is a matter of IAM, not absolute.',
        sources: [
          { title: 'GetFunctionConfiguration', url: 'https://docs.aws.amazon.com/lambda/latest/api/API_GetFunctionConfiguration.html' },
          { title: 'Working with Lambda environment variables', url: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html' },
        ],
      },
      {
        id: 'I24.shared-secrets-in-parameter-store',
        says: 'Shared values belong in a secure store such as SSM Parameter Store or AWS Secrets Manager.',
        verdict: 'holds',
        truth: 'Parameter Store and Secrets Manager centralise shared configuration and secrets with IAM and KMS protection; the AWS Parameters and Secrets Lambda Extension caches them inside the function.',
        sources: [
          { title: 'AWS Systems Manager Parameter Store', url: 'https://docs.aws.amazon.com/systems-manager/latest/userguide/systems-manager-parameter-store.html' },
          { title: 'What is AWS Secrets Manager?', url: 'https://docs.aws.amazon.com/secretsmanager/latest/userguide/intro.html' },
        ],
        conceptual: 'A design recommendation.',
      },
    ],
  },
  {
    id: 'I25', level: 'intermediate', topic: 'networking',
    question: 'How can an EC2 instance reach resources in a different VPC while staying off the internet?',
    claims: [
      {
        id: 'I25.peering-or-transit-gateway-stay-private',
        says: 'Use VPC peering or AWS Transit Gateway.',
        verdict: 'holds',
        truth: 'Peering (one-to-one, non-transitive) and Transit Gateway (a regional hub, with inter-Region peering) both keep traffic on AWS private networking. AWS PrivateLink is another option when only one service must be exposed, and it works even with overlapping CIDRs.',
        sources: [
          { title: 'What is a transit gateway?', url: 'https://docs.aws.amazon.com/vpc/latest/tgw/what-is-transit-gateway.html' },
          { title: 'What is AWS PrivateLink?', url: 'https://docs.aws.amazon.com/vpc/latest/privatelink/what-is-privatelink.html' },
        ],
        conceptual: 'A catalogue of connectivity options.',
      },
      {
        id: 'I25.vpn-connects-vpc-to-customer-gateway',
        says: 'Or use a VPN connection between the VPCs.',
        verdict: 'oversimplified',
        truth: 'AWS Site-to-Site VPN connects a VPC (through a virtual private gateway or transit gateway) to a customer gateway, not VPC to VPC; linking two VPCs by VPN needs a software VPN appliance on EC2, and the IPsec tunnels can run over the internet. Peering or Transit Gateway is the usual choice.',
        sources: [
          { title: 'What is AWS Site-to-Site VPN?', url: 'https://docs.aws.amazon.com/vpn/latest/s2svpn/VPC_VPN.html' },
        ],
        conceptual: 'A statement about which endpoints a service supports.',
      },
      {
        id: 'I25.routes-and-security-groups-allow-flows',
        says: 'Configure route tables and security groups to allow the traffic.',
        verdict: 'holds',
        truth: 'Each side needs routes to the other CIDR through the peering connection or transit gateway attachment, and security groups and network ACLs must allow the flows.',
        sources: [
          { title: 'What is VPC peering?', url: 'https://docs.aws.amazon.com/vpc/latest/peering/what-is-vpc-peering.html' },
        ],
        planned: { lab: 'vpc-peering-transitivity', note: 'Traffic between peered VPCs fails until both route tables have the peering route.' },
      },
    ],
  },
  {
    id: 'I26', level: 'intermediate', topic: 'cost',
    question: 'What is an Elastic IP address, and when should you avoid it?',
    claims: [
      {
        id: 'I26.elastic-ip-is-fixed-regional-ipv4',
        says: 'An Elastic IP is a fixed public IPv4 address.',
        verdict: 'holds',
        truth: 'An Elastic IP is a fixed public IPv4 address allocated to your account in a Region until you release it; you can move it between instances and network interfaces.',
        sources: [
          { title: 'Elastic IP addresses', url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/elastic-ip-addresses-eip.html' },
        ],
        conceptual: 'A definition.',
      },
      {
        id: 'I26.prefer-dns-and-load-balancers-over-eips',
        says: 'Avoid it unless needed; prefer dynamic addressing behind load balancers and Auto Scaling.',
        verdict: 'holds',
        truth: 'AWS recommends DNS names and load balancers over fixed addresses; Elastic IPs are a limited resource (5 per Region by default) and usually only needed for allow-listing or a fixed egress address.',
        sources: [
          { title: 'Elastic IP addresses', url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/elastic-ip-addresses-eip.html' },
        ],
        conceptual: 'An architectural recommendation.',
      },
      {
        id: 'I26.every-public-ipv4-address-is-billed',
        says: 'Only unused Elastic IPs incur charges.',
        verdict: 'outdated',
        truth: 'Since 2024-02-01 every Amazon-provided public IPv4 address is billed per hour ($0.005/hour), whether it is an attached Elastic IP, an idle one, or an auto-assigned public IP; addresses you bring yourself (BYOIP) are not charged this way, and only the free tier offsets part of it.',
        sources: [
          { title: 'Amazon VPC pricing', url: 'https://aws.amazon.com/vpc/pricing/' },
          { title: 'Elastic IP addresses', url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/elastic-ip-addresses-eip.html' },
        ],
        changed: '2024-02-01',
      },
    ],
  },
  {
    id: 'I27', level: 'intermediate', topic: 'containers',
    question: 'Which AWS services fit containerised microservices, and why?',
    claims: [
      {
        id: 'I27.ecs-and-eks-orchestrate-containers',
        says: 'Use Amazon ECS or Amazon EKS.',
        verdict: 'holds',
        truth: 'ECS and EKS are the AWS container orchestrators; App Runner and Lambda container images cover simpler cases.',
        sources: [
          { title: 'What is Amazon Elastic Container Service?', url: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/Welcome.html' },
          { title: 'What is Amazon EKS?', url: 'https://docs.aws.amazon.com/eks/latest/userguide/what-is-eks.html' },
        ],
        conceptual: 'A service selection recommendation.',
      },
      {
        id: 'I27.eks-charges-per-cluster-control-plane',
        says: 'ECS is the easier choice when you only run on AWS; EKS is the choice for teams invested in Kubernetes.',
        verdict: 'holds',
        truth: 'ECS is AWS-specific with no control-plane charge; EKS runs upstream-conformant Kubernetes with an hourly per-cluster control-plane fee, and suits teams that want Kubernetes APIs and tooling.',
        sources: [
          { title: 'What is Amazon EKS?', url: 'https://docs.aws.amazon.com/eks/latest/userguide/what-is-eks.html' },
          { title: 'What is Amazon Elastic Container Service?', url: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/Welcome.html' },
        ],
        conceptual: 'A comparison of two services.',
      },
      {
        id: 'I27.eks-on-fargate-has-limits',
        says: 'Either one can run containers on Fargate without managing servers.',
        verdict: 'holds',
        truth: 'Both can run tasks or pods on Fargate. EKS on Fargate has limits, for example no DaemonSets, privileged containers or GPUs.',
        sources: [
          { title: 'AWS Fargate for Amazon ECS', url: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/AWS_Fargate.html' },
          { title: 'Simplify compute management with AWS Fargate', url: 'https://docs.aws.amazon.com/eks/latest/userguide/fargate.html' },
        ],
        conceptual: 'A statement of supported integrations.',
      },
    ],
  },
  {
    id: 'I28', level: 'intermediate', topic: 'cost',
    question: 'How is AWS Lambda priced?',
    claims: [
      {
        id: 'I28.lambda-bills-requests-duration-and-extras',
        says: 'Lambda bills per invocation and per duration in GB-seconds.',
        verdict: 'oversimplified',
        truth: 'Requests and duration (per ms, scaled by memory, cheaper on Arm) are the main charges, but ephemeral storage above 512 MB and data transfer are billed too. Since 2025-08-01 the INIT phase of on-demand functions packaged as ZIP on managed runtimes is also billed as duration.',
        sources: [
          { title: 'AWS Lambda pricing', url: 'https://aws.amazon.com/lambda/pricing/' },
          { title: 'AWS Lambda standardizes billing for INIT Phase', url: 'https://aws.amazon.com/blogs/compute/aws-lambda-standardizes-billing-for-init-phase' },
        ],
        conceptual: 'A price list.',
      },
      {
        id: 'I28.provisioned-concurrency-billed-while-enabled',
        says: 'Provisioned concurrency is paid for when used.',
        verdict: 'holds',
        truth: 'Provisioned concurrency is charged for the concurrency configured for as long as it is enabled, invoked or not, with a lower duration rate for the invocations it serves.',
        sources: [
          { title: 'AWS Lambda pricing', url: 'https://aws.amazon.com/lambda/pricing/' },
        ],
        conceptual: 'A price list.',
      },
      {
        id: 'I28.free-tier-one-million-requests',
        says: 'The first 1M requests and 400,000 GB-seconds each month are free.',
        verdict: 'holds',
        truth: 'The Lambda free tier includes one million requests and 400,000 GB-seconds of compute per month, shared across x86 and Arm.',
        sources: [
          { title: 'AWS Lambda pricing', url: 'https://aws.amazon.com/lambda/pricing/' },
        ],
        conceptual: 'A price list.',
      },
    ],
  },
  {
    id: 'I29', level: 'intermediate', topic: 'compute',
    question: 'What are EC2 placement groups, and when would you use each kind?',
    claims: [
      {
        id: 'I29.placement-group-influences-instance-placement',
        says: 'Placement groups control how instances are placed on the underlying hardware.',
        verdict: 'holds',
        truth: 'A placement group influences where EC2 places a group of interdependent instances; it is free, and launches may fail with insufficient capacity.',
        sources: [
          { title: 'Placement groups for your Amazon EC2 instances', url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/placement-groups.html' },
        ],
        conceptual: 'Physical placement is not visible to the account.',
      },
      {
        id: 'I29.cluster-spread-partition-strategies',
        says: 'Use cluster groups for low-latency, high-bandwidth networking, spread groups to isolate failures, and partition groups for big distributed systems.',
        verdict: 'holds',
        truth: 'Cluster packs instances close together in one AZ for low-latency networking; spread puts each instance on distinct hardware (at most 7 running instances per AZ per group); partition splits instances into up to 7 partitions per AZ that share no racks, suited to HDFS, HBase and Cassandra.',
        sources: [
          { title: 'Placement groups for your Amazon EC2 instances', url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/placement-groups.html' },
        ],
        conceptual: 'Rack-level placement cannot be observed from an account.',
      },
    ],
  },
  {
    id: 'I30', level: 'intermediate', topic: 'deployment',
    question: 'Can CloudFormation create non-AWS resources?',
    claims: [
      {
        id: 'I30.custom-resources-and-registry-types',
        says: 'Yes, with custom resources or resource providers.',
        verdict: 'holds',
        truth: 'Custom resources run your own provisioning logic during stack operations, and registry resource types (private or public third-party extensions) add new resource types that CloudFormation manages like native ones.',
        sources: [
          { title: 'Create custom provisioning logic with custom resources', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-custom-resources.html' },
          { title: 'Managing extensions with the CloudFormation registry', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/registry.html' },
        ],
      },
      {
        id: 'I30.service-token-is-lambda-or-sns-arn',
        says: 'The logic behind them runs in Lambda or at an outside HTTP endpoint.',
        verdict: 'wrong',
        truth: 'A custom resource ServiceToken is a Lambda function ARN or an Amazon SNS topic ARN, and the provider answers by uploading a response to a presigned S3 URL. Registry resource types run handlers that CloudFormation invokes, not endpoints you expose.',
        sources: [
          { title: 'Custom resource request objects', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/crpg-ref-requests.html' },
          { title: 'Amazon SNS-backed custom resources', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-custom-resources-sns.html' },
        ],
      },
      {
        id: 'I30.provider-must-respond-or-stack-times-out',
        says: 'The approach costs some complexity and delay, in exchange for reaching external APIs or systems in your own data centre.',
        verdict: 'holds',
        truth: "The provider must respond for every Create, Update and Delete; if it never answers, the resource fails when its ServiceTimeout runs out (an integer from 1 to 3600 seconds, 3600, one hour, by default) and the stack operation fails with it.",
        sources: [
          { title: 'Create custom provisioning logic with custom resources', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-custom-resources.html' },
          { title: 'AWS::CloudFormation::CustomResource', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cloudformation-customresource.html' },
        ],
      },
    ],
  },
  {
    id: 'I31', level: 'intermediate', topic: 'dns-cdn',
    question: 'What does AWS Global Accelerator do, and how is it different from CloudFront?',
    claims: [
      {
        id: 'I31.static-anycast-ips-over-aws-backbone',
        says: 'Global Accelerator carries TCP/UDP traffic over the AWS global network to the best endpoint by health and latency.',
        verdict: 'holds',
        truth: 'It gives two static anycast IPv4 addresses (four with dual-stack) announced from AWS edge locations, and sends traffic over the AWS backbone to healthy endpoints (ALB, NLB, EC2, Elastic IP) in one or more Regions.',
        sources: [
          { title: 'AWS Global Accelerator components', url: 'https://docs.aws.amazon.com/global-accelerator/latest/dg/introduction-components.html' },
        ],
        conceptual: 'Edge routing is global; a single-account lab cannot show the path improvement.',
      },
      {
        id: 'I31.cloudfront-also-accelerates-dynamic-content',
        says: 'CloudFront caches content, whereas Global Accelerator speeds up non-HTTP applications such as gaming or VoIP.',
        verdict: 'oversimplified',
        truth: 'CloudFront also accelerates dynamic, uncacheable HTTP(S) and WebSocket traffic. Global Accelerator does no caching and is also used for HTTP applications that need fixed IP addresses, fast regional failover or client affinity.',
        sources: [
          { title: 'AWS Global Accelerator components', url: 'https://docs.aws.amazon.com/global-accelerator/latest/dg/introduction-components.html' },
          { title: 'Use WebSockets with CloudFront distributions', url: 'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/distribution-working-with.websockets.html' },
        ],
        conceptual: 'A product comparison.',
      },
    ],
  },
  {
    id: 'I32', level: 'intermediate', topic: 'storage',
    question: 'How do S3 Lifecycle policies help optimise cost?',
    claims: [
      {
        id: 'I32.lifecycle-transitions-and-expires-objects',
        says: 'Lifecycle rules move objects into cheaper storage classes such as Glacier or Intelligent-Tiering, or expire them after a set age.',
        verdict: 'holds',
        truth: 'Lifecycle configurations transition current or noncurrent versions to other storage classes and expire objects, delete markers and incomplete multipart uploads.',
        sources: [
          { title: 'Managing the lifecycle of objects', url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lifecycle-mgmt.html' },
        ],
        conceptual: 'Lifecycle actions run asynchronously over days, beyond a lab run.',
      },
      {
        id: 'I32.transitions-have-request-and-minimum-costs',
        says: 'This reduces long-term storage cost.',
        verdict: 'oversimplified',
        truth: 'Only if the data suits it: each transition is a billed request, colder classes have minimum storage durations and retrieval fees, and by default objects smaller than 128 KB are not transitioned at all.',
        sources: [
          { title: 'Transitioning objects using Amazon S3 Lifecycle', url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-transition-general-considerations.html' },
        ],
        conceptual: 'A cost trade-off that depends on prices and object sizes.',
      },
    ],
  },
  {
    id: 'I33', level: 'intermediate', topic: 'security',
    question: 'What follows from making an S3 bucket publicly readable?',
    claims: [
      {
        id: 'I33.public-objects-readable-anonymously',
        says: 'It exposes the data to the internet and is a security risk.',
        verdict: 'holds',
        truth: 'Anyone can read public objects anonymously, and you pay for their requests and data transfer. For public content AWS recommends CloudFront with origin access control instead.',
        sources: [
          { title: 'Blocking public access to your Amazon S3 storage', url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html' },
        ],
        conceptual: 'A risk statement.',
      },
      {
        id: 'I33.new-buckets-block-public-access',
        says: 'New buckets block public access unless you change that.',
        verdict: 'holds',
        truth: 'Since April 2023 new buckets have all four S3 Block Public Access settings on and ACLs disabled (Object Ownership set to bucket owner enforced).',
        sources: [
          { title: 'Blocking public access to your Amazon S3 storage', url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html' },
          { title: 'Controlling ownership of objects and disabling ACLs for your bucket', url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html' },
        ],
      },
      {
        id: 'I33.bpa-off-and-bucket-policy-required',
        says: 'To allow public access you must override Block Public Access and add a permissive bucket policy.',
        verdict: 'holds',
        truth: 'Block Public Access must be off at the bucket level and at the account level (and not enforced by the organisation), and the grant must come from a bucket policy, because public ACLs do not work while ACLs are disabled.',
        sources: [
          { title: 'Blocking public access to your Amazon S3 storage', url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html' },
        ],
      },
    ],
  },
  {
    id: 'I34', level: 'intermediate', topic: 'serverless',
    question: 'What does Step Functions bring to the design of serverless applications?',
    claims: [
      {
        id: 'I34.state-machines-in-amazon-states-language',
        says: 'It coordinates AWS services in workflows defined as visual state machines.',
        verdict: 'holds',
        truth: 'Workflows are state machines written in Amazon States Language (editable visually in Workflow Studio) that call over 200 AWS services directly; Standard workflows run up to a year with exactly-once steps, Express workflows up to 5 minutes at-least-once.',
        sources: [
          { title: 'What is Step Functions?', url: 'https://docs.aws.amazon.com/step-functions/latest/dg/welcome.html' },
        ],
        conceptual: 'A service description.',
      },
      {
        id: 'I34.retry-and-catch-declared-per-state',
        says: 'It handles retries, failures and parallel execution without complex code.',
        verdict: 'holds',
        truth: 'Retry and Catch fields on Task, Parallel and Map states give backoff, fallback and error routing, and Parallel and Map states run branches concurrently. Retries happen only where you declare them.',
        sources: [
          { title: 'Handling errors in Step Functions workflows', url: 'https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html' },
        ],
        planned: { lab: 'step-functions-retry', note: 'An execution whose task fails twice shows two retry attempts with growing intervals in GetExecutionHistory before the Catch route runs.' },
      },
    ],
  },
  {
    id: 'I35', level: 'intermediate', topic: 'monitoring',
    question: 'How do AWS Config and AWS CloudTrail differ?',
    claims: [
      {
        id: 'I35.cloudtrail-records-management-events-by-default',
        says: 'CloudTrail logs the API calls and actions made in the account.',
        verdict: 'holds',
        truth: 'CloudTrail records management events by default (Event history keeps 90 days of them); data events, network activity and Insights events must be enabled on a trail or event data store at extra cost.',
        sources: [
          { title: 'Logging management events', url: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-management-events-with-cloudtrail.html' },
        ],
        conceptual: 'An account-wide service description.',
      },
      {
        id: 'I35.config-records-configuration-items',
        says: 'Config keeps a history of how resources are configured and checks them against rules.',
        verdict: 'holds',
        truth: 'With a configuration recorder on, Config records configuration items and relationships for supported resources and evaluates them with managed or custom rules.',
        sources: [
          { title: 'What Is AWS Config?', url: 'https://docs.aws.amazon.com/config/latest/developerguide/WhatIsConfig.html' },
        ],
        conceptual: 'The recorder is an account-wide singleton per Region; a lab would interfere with it.',
      },
      {
        id: 'I35.config-shows-state-cloudtrail-shows-caller',
        says: 'Config answers how state changed; CloudTrail answers which action caused it.',
        verdict: 'holds',
        truth: 'Config answers what a resource looked like and when it changed; CloudTrail answers who called which API. They are used together.',
        sources: [
          { title: 'What Is AWS Config?', url: 'https://docs.aws.amazon.com/config/latest/developerguide/WhatIsConfig.html' },
        ],
        conceptual: 'A usage recommendation.',
      },
    ],
  },
  {
    id: 'I36', level: 'intermediate', topic: 'deployment',
    question: 'How can you prevent circular references in a CloudFormation template?',
    claims: [
      {
        id: 'I36.restructure-references-to-break-cycles',
        says: 'Split the template into nested stacks or into stacks linked by exports and imports, and keep resources from referring to one another.',
        verdict: 'oversimplified',
        truth: 'A cycle comes from references inside the template, and the usual fix is to restructure them, for example by moving security group rules into separate AWS::EC2::SecurityGroupIngress/Egress resources. Splitting into stacks does not remove a true cycle, and exported values cannot change while another stack imports them.',
        sources: [
          { title: 'AWS::EC2::SecurityGroup', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-securitygroup.html' },
        ],
      },
      {
        id: 'I36.ref-and-getatt-imply-dependencies',
        says: 'Use DependsOn only when necessary.',
        verdict: 'holds',
        truth: 'Ref and Fn::GetAtt already create implicit dependencies; DependsOn adds explicit ones, and an unnecessary DependsOn can itself close a cycle.',
        sources: [
          { title: 'DependsOn attribute', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-attribute-dependson.html' },
        ],
      },
    ],
  },
  {
    id: 'I37', level: 'intermediate', topic: 'iam',
    question: 'What do AWS Organizations service control policies (SCPs) give you?',
    claims: [
      {
        id: 'I37.scps-set-maximum-permissions',
        says: 'SCPs enforce central permission boundaries across the accounts of an organisation.',
        verdict: 'holds',
        truth: 'SCPs set the maximum permissions for principals in member accounts; they grant nothing themselves and require all features enabled. Resource control policies (RCPs) complement them on the resource side.',
        sources: [
          { title: 'Service control policies (SCPs)', url: 'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html' },
        ],
        conceptual: 'An organisation-wide feature.',
      },
      {
        id: 'I37.scps-exempt-management-account',
        says: 'Even a user with admin permissions in an account is restricted by SCPs.',
        verdict: 'holds',
        truth: 'SCPs restrict every IAM user and role in member accounts, including the member account root user. They do not apply to the management account or to service-linked roles.',
        sources: [
          { title: 'Service control policies (SCPs)', url: 'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html' },
        ],
        conceptual: 'An organisation-wide feature that a single-account lab cannot attach.',
      },
    ],
  },
  {
    id: 'I38', level: 'intermediate', topic: 'architecture',
    question: 'How do you make an application on EC2 highly available?',
    claims: [
      {
        id: 'I38.health-checks-gate-traffic',
        says: 'An Auto Scaling group spread over several AZs behind a load balancer, with health checks, keeps an EC2 application available.',
        verdict: 'holds',
        truth: 'The ALB (which needs subnets in at least two AZs) routes only to targets that pass its health check, and an Auto Scaling group using ELB health checks replaces instances that fail it. One caveat for deployments: if every target of a group is unhealthy the ALB fails open and routes to all of them, so confirm the new colour is healthy before giving it weight.',
        sources: [
          { title: 'Health checks for Application Load Balancer target groups', url: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html' },
          { title: 'Health checks for instances in an Auto Scaling group', url: 'https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-health-checks.html' },
          { title: 'Application Load Balancers', url: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html' },
        ],
      },
      {
        id: 'I38.multi-az-rds-for-the-database',
        says: 'For a highly available application, consider Multi-AZ RDS for the database.',
        verdict: 'holds',
        truth: 'Multi-AZ RDS lets the database survive the loss of an instance or an AZ, but not without an interruption: during a failover connections drop and new ones fail until the standby is promoted and DNS points at it. The application must retry and reconnect; AWS documents 60–120 seconds for the failover itself.',
        sources: [
          { title: 'Failing over a Multi-AZ DB instance for Amazon RDS', url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZ.Failover.html' },
          // The page's own title, "Amazon for RDS" included (as the knowledge-center page, which redirects here, gives it).
          { title: 'How are my connections handled when I reboot my Amazon for RDS instance with or without a failover?', url: 'https://repost.aws/knowledge-center/rds-connections-reboot-failover' },
        ],
      },
      {
        id: 'I38.snapshots-are-backup-not-high-availability',
        says: 'Use EBS snapshots as part of high availability.',
        verdict: 'oversimplified',
        truth: 'Snapshots are backup and disaster recovery (restore takes minutes or more), not high availability; EBS volumes are tied to one AZ, so availability comes from stateless instances and replicated data stores.',
        sources: [
          { title: 'Amazon EBS snapshots', url: 'https://docs.aws.amazon.com/ebs/latest/userguide/ebs-snapshots.html' },
        ],
        conceptual: 'A classification of backup versus availability mechanisms.',
      },
      {
        id: 'I38.efs-for-shared-file-system',
        says: 'Use S3 for shared storage.',
        verdict: 'oversimplified',
        truth: 'S3 is object storage reached through an API, fine for shared assets but not a mounted file system. For a shared POSIX file system across AZs use Amazon EFS.',
        sources: [
          { title: 'What is Amazon Elastic File System?', url: 'https://docs.aws.amazon.com/efs/latest/ug/whatisefs.html' },
        ],
        conceptual: 'A comparison of storage services.',
      },
    ],
  },
  {
    id: 'I39', level: 'intermediate', topic: 'messaging',
    question: 'What are Amazon EventBridge rules used for?',
    claims: [
      {
        id: 'I39.rules-match-event-patterns-on-buses',
        says: 'A rule matches events coming from AWS services, your own applications or SaaS partners and forwards them.',
        verdict: 'holds',
        truth: 'A rule on an event bus matches events with an event pattern and sends them to targets; SaaS partner events arrive on partner event buses. For schedules AWS now recommends EventBridge Scheduler.',
        sources: [
          { title: 'Rules in Amazon EventBridge', url: 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rules.html' },
        ],
        planned: { lab: 'eventbridge-rule-routing', note: 'PutEvents with a matching and a non-matching detail-type delivers only the matching event to an SQS target.' },
      },
      {
        id: 'I39.rule-allows-up-to-five-targets',
        says: 'Matched events can go to targets such as Lambda functions, SQS queues, state machines or EC2, which decouples producers from consumers.',
        verdict: 'holds',
        truth: 'A rule can have up to five targets; EC2 targets are specific actions (stop, reboot or terminate instances, create a snapshot) rather than arbitrary instances.',
        sources: [
          { title: 'Event bus targets in Amazon EventBridge', url: 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-targets.html' },
        ],
        planned: { lab: 'eventbridge-rule-routing', note: 'PutTargets with a sixth target on one rule is rejected with LimitExceededException.' },
      },
    ],
  },
  {
    id: 'I40', level: 'intermediate', topic: 'security',
    question: 'How do AWS WAF and AWS Shield differ?',
    claims: [
      {
        id: 'I40.waf-is-layer7-web-acl-firewall',
        says: 'WAF protects web applications from common exploits such as SQL injection and XSS.',
        verdict: 'holds',
        truth: 'WAF is a layer 7 firewall whose web ACLs (managed rule groups, rate-based rules) attach to CloudFront, ALB, API Gateway REST APIs, AppSync, Cognito user pools, App Runner, Verified Access and Amplify.',
        sources: [
          { title: 'What is AWS WAF?', url: 'https://docs.aws.amazon.com/waf/latest/developerguide/waf-chapter.html' },
        ],
        conceptual: 'A service description.',
      },
      {
        id: 'I40.shield-advanced-is-paid-subscription',
        says: 'Shield gives DDoS protection: Standard is free and automatic, Advanced adds enhanced protection and response.',
        verdict: 'holds',
        truth: 'Shield Standard protects all customers at layers 3 and 4 at no charge. Shield Advanced is a paid subscription (monthly fee with a one-year commitment) adding detection for protected resources, the Shield Response Team, cost protection and WAF at no extra charge for protected resources.',
        sources: [
          { title: 'How AWS Shield and Shield Advanced work', url: 'https://docs.aws.amazon.com/waf/latest/developerguide/shield-chapter.html' },
          { title: 'AWS Shield pricing', url: 'https://aws.amazon.com/shield/pricing/' },
        ],
        conceptual: 'A subscription and pricing statement.',
      },
    ],
  },
  {
    id: 'I41', level: 'intermediate', topic: 'security',
    question: 'How does a customer managed KMS key differ from an AWS managed one?',
    claims: [
      {
        id: 'I41.cmk-renamed-to-kms-key',
        says: 'The keys are called customer-managed CMKs and AWS-managed CMKs.',
        verdict: 'outdated',
        truth: 'AWS KMS replaced the term customer master key (CMK) with KMS key; the types are now customer managed keys, AWS managed keys and AWS owned keys. Some API names keep the old term.',
        sources: [
          { title: 'Working with AWS KMS keys', url: 'https://docs.aws.amazon.com/kms/latest/cryptographic-details/kms-keys.html' },
        ],
        changed: '2021-08',
        conceptual: 'A naming change.',
      },
      {
        id: 'I41.aws-managed-key-policy-is-fixed',
        says: 'AWS services create and look after AWS managed keys on their own.',
        verdict: 'holds',
        truth: 'A service creates its AWS managed key (alias aws/service-name) in your account when you first use its default encryption; you can view and audit it but cannot change its key policy, rotation or deletion. AWS rotates it every year (changed from three years in 2022-05).',
        sources: [
          { title: 'AWS KMS concepts', url: 'https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html' },
          { title: 'EnableKeyRotation', url: 'https://docs.aws.amazon.com/kms/latest/APIReference/API_EnableKeyRotation.html' },
        ],
        planned: { lab: 'kms-key-rotation', note: 'DescribeKey on alias/aws/s3 shows KeyManager AWS, and EnableKeyRotation on it is rejected.' },
      },
      {
        id: 'I41.customer-managed-keys-add-control-not-audit',
        says: 'With customer managed keys you control more: rotation, the key policy and auditing.',
        verdict: 'oversimplified',
        truth: 'Customer managed keys add control over the key policy, grants, rotation schedule, enabling and disabling, deletion and cross-account use, at a monthly fee per key. Audit logging is not a difference: use of AWS managed keys is recorded in CloudTrail too.',
        sources: [
          { title: 'AWS KMS concepts', url: 'https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html' },
          { title: 'Logging AWS KMS API calls with AWS CloudTrail', url: 'https://docs.aws.amazon.com/kms/latest/developerguide/logging-using-cloudtrail.html' },
        ],
        planned: { lab: 'kms-key-rotation', note: 'Writing an SSE-KMS object with the AWS managed key produces a GenerateDataKey event in CloudTrail naming that key.' },
      },
    ],
  },
  {
    id: 'I42', level: 'intermediate', topic: 'database',
    question: 'How can you make sure an RDS snapshot is encrypted?',
    claims: [
      {
        id: 'I42.snapshots-inherit-instance-kms-key',
        says: 'Snapshots of encrypted RDS instances are encrypted automatically.',
        verdict: 'holds',
        truth: 'Snapshots of an encrypted DB instance are encrypted with the same KMS key by default; a copy can be re-encrypted with another key.',
        sources: [
          { title: 'Encrypting Amazon RDS resources', url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html' },
        ],
        planned: { lab: 'rds-snapshot-encryption', note: 'DescribeDBSnapshots shows Encrypted true and the instance KmsKeyId on a snapshot of an encrypted instance.' },
      },
      {
        id: 'I42.copy-snapshot-with-kms-key-to-encrypt',
        says: 'An existing unencrypted snapshot can never become encrypted; the only route is to launch an encrypted instance and take a fresh snapshot of it.',
        verdict: 'wrong',
        truth: 'Copy the unencrypted snapshot and specify a KMS key on the copy: the copy is encrypted and can be restored to an encrypted instance. What you cannot do is turn on encryption for an existing instance in place.',
        sources: [
          { title: 'Copying a DB snapshot for Amazon RDS', url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_CopySnapshot.html' },
          { title: 'CopyDBSnapshot', url: 'https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CopyDBSnapshot.html' },
        ],
        planned: { lab: 'rds-snapshot-encryption', note: 'CopyDBSnapshot of an unencrypted snapshot with KmsKeyId yields a snapshot with Encrypted true.' },
      },
    ],
  },
  {
    id: 'I43', level: 'intermediate', topic: 'serverless',
    question: 'What happens when a Lambda function uses more memory than allocated?',
    claims: [
      {
        id: 'I43.out-of-memory-fails-invocation',
        says: 'The function is terminated immediately.',
        verdict: 'holds',
        truth: 'The invocation fails when the runtime process is killed or cannot allocate memory (an unhandled function error, which the Invoke API names for running out of memory), and the execution environment is reset; the REPORT line shows how much memory was used against Memory Size.',
        sources: [
          { title: 'Configure Lambda function memory', url: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html' },
          { title: 'Troubleshoot invocation issues in Lambda', url: 'https://docs.aws.amazon.com/lambda/latest/dg/troubleshooting-invocation.html' },
        ],
      },
      {
        id: 'I43.oom-error-depends-on-runtime',
        says: 'You receive an OutOfMemoryError.',
        verdict: 'oversimplified',
        truth: 'OutOfMemoryError is the Java name: a Java function whose heap runs out can report java.lang.OutOfMemoryError (Python raises MemoryError when an allocation fails), but when the process exceeds the configured memory Lambda stops it and the invocation fails with an unhandled function error (FunctionError in the Invoke response); the errorType and errorMessage come from the runtime and Lambda, and AWS documents no single error type for it. There is no single exception across runtimes.',
        sources: [
          { title: 'Invoke', url: 'https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html' },
          { title: 'Troubleshoot invocation issues in Lambda', url: 'https://docs.aws.amazon.com/lambda/latest/dg/troubleshooting-invocation.html' },
        ],
      },
      {
        id: 'I43.max-memory-used-in-report-line',
        says: 'Monitor memory in CloudWatch and raise the setting.',
        verdict: 'holds',
        truth: 'Max Memory Used in the REPORT log line, Lambda Insights and Compute Optimizer show usage; memory goes up to 10,240 MB and also raises the CPU share.',
        sources: [
          { title: 'Configure Lambda function memory', url: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html' },
        ],
      },
    ],
  },
  {
    id: 'I44', level: 'intermediate', topic: 'security',
    question: 'How can you enforce S3 encryption without changing applications?',
    claims: [
      {
        id: 'I44.default-encryption-enforces-without-changes',
        says: 'Use a bucket policy that denies PutObject unless x-amz-server-side-encryption is AES256.',
        verdict: 'outdated',
        truth: 'Since 2023-01-05 S3 encrypts every new object with SSE-S3 by default, and default bucket encryption (SSE-S3, SSE-KMS or DSSE-KMS) is the way to enforce a key type without application changes. A deny policy is now only needed to reject requests asking for a different encryption type.',
        sources: [
          { title: 'Using server-side encryption with Amazon S3 managed keys (SSE-S3)', url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingServerSideEncryption.html' },
          { title: 'Setting default server-side encryption behavior for Amazon S3 buckets', url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-encryption.html' },
        ],
        changed: '2023-01-05',
      },
      {
        id: 'I44.deny-policy-rejects-uploads-without-header',
        says: 'That policy blocks unencrypted writes from any source without application changes.',
        verdict: 'wrong',
        truth: 'With StringNotEquals, any upload that omits the header (which S3 would encrypt anyway) and any SSE-KMS upload is denied, so applications must be changed to send the header. Default encryption needs no client change.',
        sources: [
          { title: 'Setting default server-side encryption behavior for Amazon S3 buckets', url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-encryption.html' },
        ],
      },
    ],
  },
  {
    id: 'I45', level: 'intermediate', topic: 'storage',
    question: 'How does an S3 presigned URL compare with a signed cookie?',
    claims: [
      {
        id: 'I45.presigned-url-grants-one-key-operation',
        says: 'A presigned URL gives time-limited access to a single object.',
        verdict: 'holds',
        truth: 'A presigned URL allows one operation (GET, PUT, HEAD) on one key, with the permissions of the signer, until it expires: at most 7 days with SigV4 and IAM user credentials, and no longer than temporary credentials last.',
        sources: [
          { title: 'Download and upload objects with presigned URLs', url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-presigned-url.html' },
        ],
      },
      {
        id: 'I45.signed-cookies-are-cloudfront-feature',
        says: 'One signed cookie can cover many objects, for example the parts of a media stream.',
        verdict: 'oversimplified',
        truth: 'S3 itself has no signed cookies: signed cookies are a CloudFront feature (like CloudFront signed URLs) that grants access to many restricted files through a distribution using a trusted key group.',
        sources: [
          { title: 'Use signed cookies', url: 'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-signed-cookies.html' },
        ],
        conceptual: 'A statement about which service offers the feature.',
      },
      {
        id: 'I45.signed-cookies-for-many-files',
        says: 'Presigned URLs suit APIs and single downloads; signed cookies suit web applications.',
        verdict: 'holds',
        truth: 'AWS guidance for CloudFront: signed URLs for individual files or clients without cookie support, signed cookies for many files (such as an HLS video) or when URLs should not change.',
        sources: [
          { title: 'Decide to use signed URLs or signed cookies', url: 'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-choosing-signed-urls-cookies.html' },
        ],
        conceptual: 'A usage recommendation.',
      },
    ],
  },
  {
    id: 'I46', level: 'intermediate', topic: 'deployment',
    question: 'How do you minimise downtime with a blue/green deployment on Elastic Beanstalk?',
    claims: [
      {
        id: 'I46.swap-environment-cnames-after-testing',
        says: 'Stand up the new release in a second environment, verify it, and exchange the environment CNAMEs.',
        verdict: 'holds',
        truth: 'Clone or create a green environment, deploy and test it, then use Swap environment URLs (SwapEnvironmentCNAMEs) to exchange the two environment CNAMEs.',
        sources: [
          { title: 'Blue/Green deployments with Elastic Beanstalk', url: 'https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/using-features.CNAMESwap.html' },
        ],
        planned: { lab: 'alb-blue-green', note: 'After the swap, resolving the production CNAME returns the green load balancer.' },
      },
      {
        id: 'I46.cname-swap-waits-for-dns',
        says: 'Elastic Beanstalk blue/green (a second environment, then swap CNAMEs) redirects traffic with zero downtime and makes rollback easy.',
        verdict: 'oversimplified',
        truth: 'Swap environment URLs changes DNS: clients move only when their cached answer expires, and resolvers do not always honour the TTL, so AWS says to keep the old environment until old DNS records have expired; a rollback is another swap with the same delay. The environments must also share (not own) the database. Traffic splitting deployments, or ALB weights, switch without DNS.',
        sources: [
          { title: 'Blue/Green deployments with Elastic Beanstalk', url: 'https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/using-features.CNAMESwap.html' },
          { title: 'Deployment policies and settings', url: 'https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/using-features.rolling-version-deploy.html' },
        ],
      },
    ],
  },
  {
    id: 'I47', level: 'intermediate', topic: 'dns-cdn',
    question: 'Can Route 53 send users to different endpoints depending on their device?',
    claims: [
      {
        id: 'I47.dns-query-carries-no-user-agent',
        says: 'No: Route 53 routes on geography, latency, health and similar, not device type.',
        verdict: 'holds',
        truth: 'The routing policies are simple, failover, geolocation, geoproximity, latency, IP-based, multivalue answer and weighted; a DNS query carries no user agent.',
        sources: [
          { title: 'Choosing a routing policy', url: 'https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/routing-policy.html' },
        ],
        conceptual: 'A statement about the set of features that exist.',
      },
      {
        id: 'I47.cloudfront-adds-device-headers',
        says: 'Device-based routing must be done in the application, for example by reading the user agent.',
        verdict: 'oversimplified',
        truth: 'It can also be done at the edge: CloudFront can add device headers such as CloudFront-Is-Mobile-Viewer for the origin, a CloudFront Function or a cache policy to act on.',
        sources: [
          { title: 'Add CloudFront request headers', url: 'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/adding-cloudfront-headers.html' },
        ],
        conceptual: 'A design option, not an observable default.',
      },
    ],
  },
  {
    id: 'I48', level: 'intermediate', topic: 'messaging',
    question: 'How do Amazon MQ and Amazon SQS mainly differ?',
    claims: [
      {
        id: 'I48.mq-runs-activemq-and-rabbitmq-brokers',
        says: 'Amazon MQ hosts a managed message broker that speaks open protocols (AMQP, MQTT, STOMP), which helps move older applications.',
        verdict: 'holds',
        truth: 'Amazon MQ runs managed ActiveMQ (OpenWire, AMQP 1.0, MQTT, STOMP, and WebSocket variants) and RabbitMQ (AMQP 0-9-1) brokers, so existing JMS and AMQP clients can move without rewriting.',
        sources: [
          { title: 'Using Amazon MQ for ActiveMQ', url: 'https://docs.aws.amazon.com/amazon-mq/latest/developer-guide/working-with-activemq.html' },
          { title: 'What is Amazon MQ?', url: 'https://docs.aws.amazon.com/amazon-mq/latest/developer-guide/welcome.html' },
        ],
        conceptual: 'A protocol support statement.',
      },
      {
        id: 'I48.sqs-used-through-https-api',
        says: 'SQS is a fully managed queue that speaks only AWS APIs.',
        verdict: 'holds',
        truth: 'SQS is used through its HTTPS API and the AWS SDKs; JMS-style access exists only through the Amazon SQS Java Messaging Library on top of that API.',
        sources: [
          { title: 'What is Amazon Simple Queue Service?', url: 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/welcome.html' },
        ],
        conceptual: 'A protocol support statement.',
      },
      {
        id: 'I48.sqs-throughput-nearly-unlimited',
        says: 'SQS scales further but supports fewer protocols.',
        verdict: 'holds',
        truth: 'SQS standard queues support nearly unlimited throughput with no capacity to manage, while an Amazon MQ broker is bounded by its instance size and deployment mode.',
        sources: [
          { title: 'What is Amazon Simple Queue Service?', url: 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/welcome.html' },
        ],
        conceptual: 'A scaling comparison that a cheap lab cannot load-test.',
      },
    ],
  },
  {
    id: 'I49', level: 'intermediate', topic: 'monitoring',
    question: 'How can you track changes to AWS infrastructure over time?',
    claims: [
      {
        id: 'I49.config-records-item-per-change',
        says: 'AWS Config captures point-in-time snapshots and configuration history.',
        verdict: 'holds',
        truth: 'Once the configuration recorder runs, Config records a configuration item for each change to a supported resource, keeps the history, and can deliver history files and snapshots to S3.',
        sources: [
          { title: 'What Is AWS Config?', url: 'https://docs.aws.amazon.com/config/latest/developerguide/WhatIsConfig.html' },
        ],
        conceptual: 'The recorder is an account-wide singleton per Region; a lab would interfere with it.',
      },
      {
        id: 'I49.cloudtrail-records-caller-config-shows-result',
        says: 'Combine it with CloudTrail to audit who made each change.',
        verdict: 'holds',
        truth: 'CloudTrail records the API call, caller and time; Config shows the resulting configuration and links related CloudTrail events.',
        sources: [
          { title: 'Logging management events', url: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-management-events-with-cloudtrail.html' },
          { title: 'What Is AWS Config?', url: 'https://docs.aws.amazon.com/config/latest/developerguide/WhatIsConfig.html' },
        ],
        conceptual: 'A usage recommendation across account-wide services.',
      },
    ],
  },
  {
    id: 'I50', level: 'intermediate', topic: 'iam',
    question: 'Why is using the root user for daily operations dangerous?',
    claims: [
      {
        id: 'I50.scps-restrict-member-account-root',
        says: 'Root can do anything and no IAM policy can limit it.',
        verdict: 'oversimplified',
        truth: 'IAM policies cannot restrict the root user, but in AWS Organizations SCPs do restrict the root user of member accounts (not the management account), and centralized root access lets the management account remove root credentials from member accounts.',
        sources: [
          { title: 'AWS account root user', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html' },
          { title: 'Service control policies (SCPs)', url: 'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html' },
        ],
        conceptual: 'Root restrictions through Organizations are organisation-wide features.',
      },
      {
        id: 'I50.use-root-only-for-account-tasks',
        says: 'Daily use raises the risk of accidents and compromise; lock root down with MFA and use it only for account-level tasks.',
        verdict: 'holds',
        truth: 'AWS recommends MFA on the root user (now required for root sign-in) and using root only for the tasks that need it, such as changing account settings or closing the account; daily work belongs to IAM Identity Center or roles.',
        sources: [
          { title: 'AWS account root user', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html' },
        ],
        conceptual: 'A security recommendation about root credentials, which a lab must never use.',
      },
    ],
  },
];
