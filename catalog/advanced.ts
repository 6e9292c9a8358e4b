import type { CatalogEntry } from '../lib/lab-kit/catalog/model';

/** Advanced questions A1–A50, audited against the AWS documentation on 2026-11-23. */
export const ADVANCED: readonly CatalogEntry[] = [
  {
    id: 'A1', level: 'advanced', topic: 'architecture',
    question: 'How do you build a multi-Region, active-active application on AWS?',
    claims: [
      {
        id: 'A1.latency-routing-picks-lowest-latency-region',
        says: 'Steer users to a close Region with Route 53 latency or geolocation records, and deploy the application tier (API Gateway, Lambda, ECS) in every Region.',
        verdict: 'holds',
        truth: 'Latency-based records answer with the Region that has the lowest measured latency for the resolver; geolocation routes by where the user is (useful for compliance), not strictly to the nearest Region. Each Region runs a full copy of the stateless tier.',
        sources: [
          { title: 'Choosing a routing policy', url: 'https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/routing-policy.html' },
        ],
        conceptual: 'Needs several Regions and clients in several locations; a multi-Region active-active design is too costly and slow to observe in a single-account lab.',
      },
      {
        id: 'A1.global-tables-offer-mrsc-strong-consistency',
        says: 'DynamoDB global tables are only eventually consistent, so any strong consistency needs conflict resolution written in the application.',
        verdict: 'outdated',
        truth: 'Global tables in the default multi-Region eventual consistency (MREC) mode resolve concurrent writes themselves with last-writer-wins; since June 2025 a table can instead be created in multi-Region strong consistency (MRSC) mode (three Regions, or two plus a witness) so that strongly consistent reads in any Region see the latest write.',
        sources: [
          { title: 'How DynamoDB global tables work', url: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/V2globaltables_HowItWorks.html' },
          { title: 'Overview of global tables - AWS Prescriptive Guidance', url: 'https://docs.aws.amazon.com/prescriptive-guidance/latest/dynamodb-global-tables/overview.html' },
        ],
        changed: '2025-06',
      },
      {
        id: 'A1.s3-replication-copies-new-objects-only',
        says: 'Replicate S3 data across Regions with Cross-Region Replication.',
        verdict: 'holds',
        truth: 'S3 Replication copies new objects asynchronously to a bucket in another Region (versioning required on both); existing objects need S3 Batch Replication, and Replication Time Control adds a 15-minute replication SLA.',
        sources: [
          { title: 'Replicating objects within and across Regions', url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication.html' },
        ],
        planned: { lab: 's3-cross-region-replication', note: 'Put an object in the source bucket and poll the destination bucket until the replica appears with ReplicationStatus REPLICA.' },
      },
      {
        id: 'A1.health-check-failover-bounded-by-ttl',
        says: 'Configure health checks so that traffic fails over when a Region is unhealthy.',
        verdict: 'holds',
        truth: 'Route 53 health checks attached to failover (or latency) records stop returning the unhealthy Region; clients move only after cached answers expire, so TTLs bound the failover time.',
        sources: [
          { title: 'Configuring DNS failover', url: 'https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover.html' },
        ],
        planned: { lab: 'route53-health-check-failover', note: 'Make the primary endpoint fail its health check and query the hosted zone name servers until the answer switches to the secondary record.' },
      },
      {
        id: 'A1.inter-region-transfer-billed-per-gb',
        says: 'Keep an eye on cross-Region data transfer charges.',
        verdict: 'holds',
        truth: 'Inter-Region traffic is billed per GB at inter-Region data transfer rates, and replication features (global table replicated writes, S3 replication) add their own charges on top.',
        sources: [
          { title: 'Amazon EC2 On-Demand Pricing (data transfer)', url: 'https://aws.amazon.com/ec2/pricing/on-demand/' },
          { title: 'Amazon S3 pricing', url: 'https://aws.amazon.com/s3/pricing/' },
        ],
        conceptual: 'A question of pricing or product positioning; nothing in a deployed lab would show it.',
      },
      {
        id: 'A1.multi-az-is-not-multi-region',
        says: 'An active-active multi-Region design replicates its data between Regions (the answer names DynamoDB global tables and S3 replication) and fails over on health checks.',
        verdict: 'oversimplified',
        truth: 'That covers DynamoDB and S3, not a relational database. RDS Multi-AZ is neither multi-Region nor active-active: the standby sits in another AZ of the same Region and takes no traffic. Across Regions RDS and Aurora offer cross-Region read replicas (read-only until promoted by hand) or an Aurora global database (one writer Region); only Aurora DSQL multi-Region clusters are active-active, both Regional endpoints taking strongly consistent reads and writes.',
        sources: [
          { title: 'Configuring and managing a Multi-AZ deployment for Amazon RDS', url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZ.html' },
          { title: 'Creating a read replica in a different AWS Region', url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.XRgn.html' },
          { title: 'Using Amazon Aurora Global Database', url: 'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database.html' },
          { title: 'What is Amazon Aurora DSQL?', url: 'https://docs.aws.amazon.com/aurora-dsql/latest/userguide/what-is-aurora-dsql.html' },
        ],
      },
    ],
  },
  {
    id: 'A2', level: 'advanced', topic: 'dns-cdn',
    question: 'When would you choose AWS Global Accelerator rather than Route 53 to route global traffic, and what do you trade off?',
    claims: [
      {
        id: 'A2.global-accelerator-static-anycast-ips',
        says: 'Global Accelerator lowers latency and gives fixed IP addresses by carrying TCP/UDP traffic over the AWS global network from edge locations.',
        verdict: 'holds',
        truth: 'A standard accelerator provides two static anycast IPv4 addresses (four with dual-stack) announced from AWS edge locations; traffic enters the AWS backbone near the user and goes to the healthiest, closest endpoint (ALB, NLB, EC2, Elastic IP) over TCP or UDP.',
        sources: [
          { title: 'AWS Global Accelerator components', url: 'https://docs.aws.amazon.com/global-accelerator/latest/dg/introduction-components.html' },
          { title: 'Support for DNS addressing in AWS Global Accelerator', url: 'https://docs.aws.amazon.com/global-accelerator/latest/dg/dns-addressing-custom-domains.dns-addressing.html' },
        ],
        planned: { lab: 'global-accelerator-static-ips', note: 'Create an accelerator in front of a test endpoint, swap the endpoint, and observe that the two static IP addresses stay the same.' },
      },
      {
        id: 'A2.dns-failover-bounded-by-caching',
        says: 'Route 53 gives DNS routing policies but is exposed to DNS caching.',
        verdict: 'holds',
        truth: 'Route 53 changes answers, but resolvers and clients keep cached records until the TTL expires (some ignore it), so failover is bounded by caching; Global Accelerator fails over behind the same IP addresses with no DNS change.',
        sources: [
          { title: 'Configuring DNS failover', url: 'https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover.html' },
          { title: 'Support for DNS addressing in AWS Global Accelerator', url: 'https://docs.aws.amazon.com/global-accelerator/latest/dg/dns-addressing-custom-domains.dns-addressing.html' },
        ],
        conceptual: 'Depends on third-party resolver caching on the internet, which a lab cannot control or observe reliably.',
      },
      {
        id: 'A2.accelerator-hourly-fee-plus-transfer-premium',
        says: 'Pick Global Accelerator for real-time workloads or IP allow-listing, and Route 53 when cost and flexibility matter more.',
        verdict: 'holds',
        truth: 'Global Accelerator charges a fixed hourly fee per accelerator plus a per-GB data transfer premium, while Route 53 bills per hosted zone, query and health check; static IPs suit allow-lists and non-HTTP (UDP) or latency-sensitive traffic.',
        sources: [
          { title: 'AWS Global Accelerator pricing', url: 'https://aws.amazon.com/global-accelerator/pricing/' },
          { title: 'Amazon Route 53 pricing', url: 'https://aws.amazon.com/route53/pricing/' },
        ],
        conceptual: 'A question of pricing or product positioning; nothing in a deployed lab would show it.',
      },
    ],
  },
  {
    id: 'A3', level: 'advanced', topic: 'containers',
    question: 'How do containers on Amazon ECS get AWS credentials and secrets securely, and how are they rotated?',
    claims: [
      {
        id: 'A3.task-role-uses-container-credentials-endpoint',
        says: 'ECS task roles hand short-lived credentials to containers through the EC2 Instance Metadata Service (IMDSv2).',
        verdict: 'wrong',
        truth: 'Task role credentials come from the ECS container credentials endpoint (169.254.170.2 plus the path in AWS_CONTAINER_CREDENTIALS_RELATIVE_URI), served by the ECS agent or Fargate, not from IMDS; on EC2 launch type AWS advises blocking task access to IMDS so containers cannot fall back to the instance role.',
        sources: [
          { title: 'Amazon ECS task IAM role', url: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html' },
        ],
        planned: { lab: 'ecs-task-role-credentials', note: 'Run a Fargate task that prints AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and calls sts get-caller-identity: the caller is the task role, with no IMDS involved.' },
      },
      {
        id: 'A3.ecs-refreshes-temporary-sts-credentials',
        says: 'AWS rotates task role credentials automatically.',
        verdict: 'holds',
        truth: 'The credentials are temporary STS credentials that ECS refreshes before they expire; AWS SDKs re-read the endpoint automatically.',
        sources: [
          { title: 'Amazon ECS task IAM role', url: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html' },
        ],
        planned: { lab: 'ecs-task-role-credentials', note: 'Read the credentials endpoint twice over time and compare the Expiration values and access key IDs.' },
      },
      {
        id: 'A3.injected-secrets-fixed-at-container-start',
        says: 'Other secrets are fetched from Secrets Manager or Parameter Store with the SDK or a sidecar.',
        verdict: 'oversimplified',
        truth: 'ECS can also inject Secrets Manager secrets or Parameter Store parameters natively through the task definition secrets field (read with the task execution role); values injected as environment variables are fixed at container start and a rotated secret is only picked up by a new task (for example a forced new deployment).',
        sources: [
          { title: 'Pass Secrets Manager secrets through Amazon ECS environment variables', url: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/secrets-envvar-secrets-manager.html' },
          { title: 'Pass sensitive data to an Amazon ECS container', url: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/specifying-sensitive-data.html' },
        ],
        planned: { lab: 'ecs-secrets-injection', note: 'Inject a secret as an environment variable, rotate it, and show the running task still sees the old value until a forced new deployment.' },
      },
      {
        id: 'A3.secrets-manager-rotation-needs-reread',
        says: 'Secrets Manager can rotate stored secrets automatically.',
        verdict: 'holds',
        truth: 'Secrets Manager supports managed rotation for supported databases and Lambda-based rotation for other secrets on a schedule; applications must re-read the secret (or use a caching client) to benefit.',
        sources: [
          { title: 'Rotate AWS Secrets Manager secrets', url: 'https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotating-secrets.html' },
        ],
        planned: { lab: 'ecs-secrets-injection', note: 'Trigger RotateSecret and observe a new AWSCURRENT version of the secret.' },
      },
    ],
  },
  {
    id: 'A4', level: 'advanced', topic: 'networking',
    question: 'What is VPC sharing, and how does it change who manages the network?',
    claims: [
      {
        id: 'A4.vpc-owner-shares-subnets-via-ram',
        says: 'VPC sharing lets several accounts of one AWS Organization use subnets of a VPC that a central account owns.',
        verdict: 'holds',
        truth: 'The VPC owner shares subnets through AWS Resource Access Manager with accounts in the same organization; participants launch their resources (EC2, RDS, Lambda and more) into those shared subnets.',
        sources: [
          { title: 'Share your VPC subnets with other accounts', url: 'https://docs.aws.amazon.com/vpc/latest/userguide/vpc-sharing.html' },
        ],
        conceptual: 'Needs an AWS Organization with several member accounts; a single-account lab cannot show it.',
      },
      {
        id: 'A4.only-owner-manages-vpc-network',
        says: 'Participant accounts can deploy into the shared subnets but cannot change the core network such as route tables or gateways.',
        verdict: 'holds',
        truth: 'Only the owner manages the VPC, subnets, route tables, network ACLs, gateways and endpoints; participants manage only their own resources and security groups and cannot modify resources owned by other participants or by the owner.',
        sources: [
          { title: 'Share your VPC subnets with other accounts', url: 'https://docs.aws.amazon.com/vpc/latest/userguide/vpc-sharing.html' },
        ],
        conceptual: 'Needs an AWS Organization with several member accounts; a single-account lab cannot show it.',
      },
      {
        id: 'A4.shared-vpc-quotas-consumed-by-all',
        says: 'It gives separation of duties but needs strict governance and tagging.',
        verdict: 'holds',
        truth: 'A central network team owns routing, egress and IP space while application teams own workloads; because many accounts share one VPC, its quotas and IP space are consumed by everyone, so governance of naming, tagging and capacity matters.',
        sources: [
          { title: 'Share your VPC subnets with other accounts', url: 'https://docs.aws.amazon.com/vpc/latest/userguide/vpc-sharing.html' },
        ],
        conceptual: 'Needs an AWS Organization with several member accounts; a single-account lab cannot show it.',
      },
    ],
  },
  {
    id: 'A5', level: 'advanced', topic: 'security',
    question: 'What does a zero-trust network design look like on AWS?',
    claims: [
      {
        id: 'A5.zero-trust-augments-network-controls',
        says: 'Authenticate and authorize at every layer using IAM policies, security groups, network ACLs, PrivateLink and TLS between services.',
        verdict: 'oversimplified',
        truth: 'AWS describes zero trust as identity-centric controls that augment, not replace, network controls: security groups and NACLs only segment by address and port, so per-request identity checks come from SigV4-signed calls evaluated by IAM, VPC Lattice auth policies and similar services, with TLS in transit.',
        sources: [
          { title: 'Zero Trust on AWS', url: 'https://aws.amazon.com/security/zero-trust/' },
          { title: 'Control access to VPC Lattice services using auth policies', url: 'https://docs.aws.amazon.com/vpc-lattice/latest/ug/auth-policies.html' },
        ],
        conceptual: 'An architecture principle spanning many services; no single observation settles it.',
      },
      {
        id: 'A5.verified-access-evaluates-every-request',
        says: 'Put AWS Verified Access in front, backed by an IdP such as Cognito or IAM Identity Center, plus segmentation, so each request is judged in context.',
        verdict: 'oversimplified',
        truth: 'Verified Access evaluates every request against Cedar policies using user trust providers (IAM Identity Center or any OIDC-compatible IdP, which can include a Cognito user pool) and device trust providers (Jamf, CrowdStrike, JumpCloud), so access needs no VPN.',
        sources: [
          { title: 'What is AWS Verified Access?', url: 'https://docs.aws.amazon.com/verified-access/latest/ug/what-is-verified-access.html' },
          { title: 'create-verified-access-trust-provider - AWS CLI Command Reference', url: 'https://docs.aws.amazon.com/cli/latest/reference/ec2/create-verified-access-trust-provider.html' },
        ],
        conceptual: 'Needs an external identity provider, a public domain and certificate, and device management to exercise the trust context; beyond a cheap single-account lab.',
      },
    ],
  },
  {
    id: 'A6', level: 'advanced', topic: 'deployment',
    question: 'How do you automate provisioning of resources across accounts with CloudFormation?',
    claims: [
      {
        id: 'A6.stackset-self-or-service-managed-permissions',
        says: 'Use StackSets with either service-managed or self-managed permissions.',
        verdict: 'holds',
        truth: 'A stack set deploys one template as stack instances into many accounts and Regions; the permission model is self-managed (you create the IAM roles) or service-managed (through AWS Organizations trusted access).',
        sources: [
          { title: 'StackSets concepts', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/stacksets-concepts.html' },
        ],
        conceptual: 'Needs an AWS Organization with several member accounts; a single-account lab cannot show it.',
      },
      {
        id: 'A6.only-self-managed-stacksets-need-roles',
        says: 'Give the target accounts access through IAM roles.',
        verdict: 'oversimplified',
        truth: 'Only self-managed stack sets need you to create AWSCloudFormationStackSetAdministrationRole in the administrator account and AWSCloudFormationStackSetExecutionRole in each target; service-managed stack sets use Organizations trusted access and roles that AWS creates, and can deploy automatically to accounts added to a target OU.',
        sources: [
          { title: 'StackSets concepts', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/stacksets-concepts.html' },
        ],
        conceptual: 'Needs an AWS Organization with several member accounts; a single-account lab cannot show it.',
      },
      {
        id: 'A6.stackset-updates-and-drift-detection',
        says: 'A stack set rolls one template out to many accounts and Regions and manages updates and drift checks from one place.',
        verdict: 'holds',
        truth: 'Updates to the stack set roll out to all stack instances with configurable concurrency and failure tolerance, and DetectStackSetDrift checks every stack instance for drift.',
        sources: [
          { title: 'StackSets concepts', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/stacksets-concepts.html' },
          { title: 'DetectStackSetDrift - AWS CloudFormation API Reference', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DetectStackSetDrift.html' },
        ],
        planned: { lab: 'cloudformation-stacksets', note: 'Deploy a self-managed stack set to two Regions of the lab account, change a resource by hand, and run DetectStackSetDrift to see DRIFTED.' },
      },
    ],
  },
  {
    id: 'A7', level: 'advanced', topic: 'monitoring',
    question: 'A busy application behind an Application Load Balancer returns occasional 5xx errors: how do you find the cause?',
    claims: [
      {
        id: 'A7.alb-access-logs-off-by-default',
        says: 'Analyse ALB access logs to spot patterns or failing targets.',
        verdict: 'holds',
        truth: 'Access logs are off by default; once enabled they are delivered to S3 about every 5 minutes and record, per request, the load balancer status code, the target status code and target, and processing times, which separates load-balancer errors from application errors.',
        sources: [
          { title: 'Access logs for your Application Load Balancer', url: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-access-logs.html' },
        ],
        planned: { lab: 'alb-5xx-diagnostics', note: 'Enable access logs, provoke 502/503/504 responses, and read elb_status_code versus target_status_code in the delivered log lines.' },
      },
      {
        id: 'A7.split-elb-5xx-from-target-5xx',
        says: 'Check target health checks, CPU or memory pressure, connection timeouts and bad deployments.',
        verdict: 'oversimplified',
        truth: 'First split HTTPCode_ELB_5XX_Count (errors generated by the ALB: 502 when a target closes or resets the connection, often a keep-alive timeout shorter than the ALB idle timeout; 503 with no healthy targets; 504 on target timeout) from HTTPCode_Target_5XX_Count (errors returned by the application), then investigate the matching side.',
        sources: [
          { title: 'CloudWatch metrics for your Application Load Balancer', url: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-cloudwatch-metrics.html' },
          { title: 'Troubleshoot your Application Load Balancers', url: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-troubleshooting.html' },
        ],
        planned: { lab: 'alb-5xx-diagnostics', note: 'Generate each error type and watch which CloudWatch metric increments.' },
      },
      {
        id: 'A7.alb-adds-trace-header-not-segments',
        says: 'Correlate spikes with backend problems using CloudWatch metrics and X-Ray traces.',
        verdict: 'oversimplified',
        truth: 'The ALB does not send segments to X-Ray; it adds an X-Amzn-Trace-Id header that instrumented targets can continue, so tracing works only where the backend is instrumented.',
        sources: [
          { title: 'Request tracing for your Application Load Balancer', url: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-request-tracing.html' },
        ],
        planned: { lab: 'alb-5xx-diagnostics', note: 'Log the X-Amzn-Trace-Id header received by a target and match it with the access log entry.' },
      },
    ],
  },
  {
    id: 'A8', level: 'advanced', topic: 'security',
    question: 'How can a second AWS account be given least-privilege access to an S3 bucket?',
    claims: [
      {
        id: 'A8.cross-account-needs-both-policy-allows',
        says: 'A bucket policy that allows the other account’s IAM role Get/Put access on a prefix (with an aws:PrincipalArn condition) is enough.',
        verdict: 'oversimplified',
        truth: 'Cross-account access needs an allow in the bucket policy and an allow in an identity-based policy attached to the role in the other account; the aws:PrincipalArn condition only repeats the Principal element. If objects use SSE-KMS with a customer managed key, the key policy must allow the role too; with Object Ownership at its default (bucket owner enforced), objects the other account uploads belong to the bucket owner.',
        sources: [
          { title: 'Example 2: Bucket owner granting cross-account bucket permissions', url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-walkthroughs-managing-access-example2.html' },
          { title: 'Cross-account policy evaluation logic', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html' },
          { title: 'Bucket policies for Amazon S3', url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-policies.html' },
        ],
        planned: { lab: 's3-cross-account-access', note: 'With the bucket policy alone the other account’s role is denied; after adding its identity policy the same GetObject succeeds, and only under the allowed prefix.' },
      },
      {
        id: 'A8.mfa-delete-does-not-limit-access',
        says: 'Turn on logging and MFA Delete for auditability and safety.',
        verdict: 'oversimplified',
        truth: 'CloudTrail data events or server access logs give the audit trail; MFA Delete only protects permanent deletion of object versions and changes to versioning, can be enabled only by the root user through the CLI or API, and does not limit what the partner account can read or write.',
        sources: [
          { title: 'Deleting an object from an MFA delete-enabled bucket', url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingMFADelete.html' },
          { title: 'Configuring MFA delete', url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/MultiFactorAuthenticationDelete.html' },
        ],
        conceptual: 'Enabling MFA Delete requires the account root user with an MFA device, which a lab must not use.',
      },
    ],
  },
  {
    id: 'A9', level: 'advanced', topic: 'messaging',
    question: 'What are the main challenges and good practices for event-driven architectures on AWS?',
    claims: [
      {
        id: 'A9.at-least-once-needs-idempotent-consumers',
        says: 'Typical difficulties: duplicates from at-least-once delivery, message order, idempotent consumers, and handling failures.',
        verdict: 'holds',
        truth: 'SQS standard queues, SNS and EventBridge deliver at least once and without strict ordering, so consumers must be idempotent; ordering needs FIFO resources (SQS FIFO or SNS FIFO) keyed by message group.',
        sources: [
          { title: 'Amazon SQS standard queues', url: 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/standard-queues.html' },
          { title: 'Amazon SQS FIFO queues', url: 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/FIFO-queues.html' },
        ],
        conceptual: 'Duplicate deliveries are rare and nondeterministic, so a lab cannot produce them on demand.',
      },
      {
        id: 'A9.eventbridge-drops-event-without-dlq',
        says: 'Fan out with EventBridge or SNS and isolate retries with SQS dead-letter queues.',
        verdict: 'holds',
        truth: 'EventBridge retries a failed target for up to 24 hours and 185 attempts by default and then drops the event unless a DLQ is set; SQS moves a message to its DLQ after maxReceiveCount receives.',
        sources: [
          { title: 'How EventBridge retries delivering events', url: 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-retry-policy.html' },
          { title: 'Using dead-letter queues in Amazon SQS', url: 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html' },
        ],
        planned: { lab: 'eventbridge-delivery', note: 'A rule whose target always fails, with a DLQ and without one: count the retries and see where the event ends up (the SQS half is what sqs-dead-letter-queue shows for I12).' },
      },
      {
        id: 'A9.fis-injects-faults-in-experiments',
        says: 'Correlate events with unique IDs and run chaos experiments against the flows.',
        verdict: 'holds',
        truth: 'Carry a correlation or idempotency ID in each event, and use AWS Fault Injection Service to inject faults (for example Lambda or network failures) in controlled experiments.',
        sources: [
          { title: 'What is AWS Fault Injection Service?', url: 'https://docs.aws.amazon.com/fis/latest/userguide/what-is.html' },
        ],
        conceptual: 'A design practice; the outcome depends on the application under test.',
      },
    ],
  },
  {
    id: 'A10', level: 'advanced', topic: 'security',
    question: 'How does AWS Control Tower help govern a multi-account environment?',
    claims: [
      {
        id: 'A10.control-tower-sets-up-landing-zone',
        says: 'Control Tower automates a landing zone with baselined accounts, centralized CloudTrail logging and account vending.',
        verdict: 'holds',
        truth: 'It sets up AWS Organizations OUs, a log archive and audit account, an organization CloudTrail trail and AWS Config, and vends new accounts through Account Factory.',
        sources: [
          { title: 'What is AWS Control Tower?', url: 'https://docs.aws.amazon.com/controltower/latest/userguide/what-is-control-tower.html' },
          { title: 'Creating a trail for an organization', url: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/creating-trail-organization.html' },
        ],
        conceptual: 'Needs an AWS Organization with several member accounts; a single-account lab cannot show it.',
      },
      {
        id: 'A10.controls-preventive-detective-proactive',
        says: 'Its guardrails are SCPs, plus AWS Config rules.',
        verdict: 'oversimplified',
        truth: 'Guardrails are now called controls and come in three behaviours: preventive (SCPs, and since late 2024 also resource control policies and declarative policies), detective (AWS Config rules) and proactive (CloudFormation hooks that check resources before they are created).',
        sources: [
          { title: 'Document history - AWS Control Tower Controls Reference Guide', url: 'https://docs.aws.amazon.com/controltower/latest/controlreference/doc-history.html' },
          { title: 'Proactive controls - AWS Control Tower', url: 'https://docs.aws.amazon.com/controltower/latest/controlreference/proactive-controls.html' },
        ],
        conceptual: 'Needs an AWS Organization with several member accounts; a single-account lab cannot show it.',
      },
      {
        id: 'A10.existing-accounts-governed-after-enrollment',
        says: 'It keeps both new and existing accounts compliant with best practices.',
        verdict: 'oversimplified',
        truth: 'Existing accounts are governed only after they are enrolled or their OU is registered; detective controls report noncompliance rather than fix it, and Regions or OUs outside governance are not covered.',
        sources: [
          { title: 'Enroll an existing AWS account - AWS Control Tower', url: 'https://docs.aws.amazon.com/controltower/latest/userguide/enroll-account.html' },
        ],
        conceptual: 'Needs an AWS Organization with several member accounts; a single-account lab cannot show it.',
      },
    ],
  },
  {
    id: 'A11', level: 'advanced', topic: 'deployment',
    question: 'How do you do blue/green releases of a stateful EC2-based application?',
    claims: [
      {
        id: 'A11.weighted-switch-no-errors',
        says: 'With a blue and a green Auto Scaling group behind one ALB, shifting target-group weights moves the traffic from one to the other.',
        verdict: 'holds',
        truth: 'A weighted forward action distributes requests between up to 5 target groups by weight (0–999 each). Changing the weights with ModifyListener moves new requests with no DNS change (AWS publishes no figure for how fast: the check measures it), and because both groups stay registered and healthy no request fails; the deregistration delay plays no part, since nothing is deregistered.',
        sources: [
          { title: 'Action types for listener rules', url: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/rule-action-types.html#forward-actions' },
          { title: 'Quotas for your Application Load Balancers', url: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-limits.html' },
          { title: 'ModifyListener', url: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_ModifyListener.html' },
          { title: 'New – Application Load Balancer Simplifies Deployment with Weighted Target Groups', url: 'https://aws.amazon.com/blogs/aws/new-application-load-balancer-simplifies-deployment-with-weighted-target-groups/' },
        ],
      },
      {
        id: 'A11.rollback-is-the-same-move',
        says: 'If green misbehaves, rolling back means shifting the traffic back to the blue group.',
        verdict: 'holds',
        truth: 'Rollback is the same ModifyListener call with the weights reversed, no DNS and nothing to redeploy, as long as blue is still running: keep the old fleet (and its capacity) until the new one has proven itself.',
        sources: [
          { title: 'Action types for listener rules', url: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/rule-action-types.html#forward-actions' },
          { title: 'ModifyListener', url: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_ModifyListener.html' },
        ],
      },
      {
        id: 'A11.canary-split-follows-weights',
        says: 'ALB target groups can also split traffic between the versions, a few percent to the new one first.',
        verdict: 'holds',
        truth: 'Each request is routed to a target group chosen by weight, so 90/10 gives about 10 % to green; how close depends on the number of requests (binomial). With target group stickiness on, a client holding the AWSALBTG cookie stays on the colour it got, whatever the weights.',
        sources: [
          { title: 'Action types for listener rules', url: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/rule-action-types.html#forward-actions' },
        ],
      },
      {
        id: 'A11.low-dns-ttl-for-rollback',
        says: 'Keep DNS TTLs low so that a rollback is quick.',
        verdict: 'oversimplified',
        truth: 'TTLs matter only when the switch is a DNS change (Route 53 weighted records, a second load balancer). With ALB weighted target groups the name never changes, so no TTL delays a rollback. Where DNS is used, low TTLs help but do not bound the delay: resolvers and clients may cache longer, and alias records to a load balancer have a fixed 60-second TTL.',
        sources: [
          { title: 'Action types for listener rules', url: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/rule-action-types.html#forward-actions' },
          { title: 'New – Application Load Balancer Simplifies Deployment with Weighted Target Groups', url: 'https://aws.amazon.com/blogs/aws/new-application-load-balancer-simplifies-deployment-with-weighted-target-groups/' },
          { title: 'Amazon Route 53 FAQs', url: 'https://aws.amazon.com/route53/faqs/' },
          { title: 'Choosing between alias and non-alias records', url: 'https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resource-record-sets-choosing-alias-non-alias.html' },
        ],
      },
      {
        id: 'A11.shared-storage-needs-compatible-schema',
        says: 'Keep state in external shared storage such as RDS or EFS so nothing is lost at switchover.',
        verdict: 'oversimplified',
        truth: 'Shared storage keeps data across the switch, but both versions then use the same database, so schema changes must stay backward compatible (decoupled from the code release); session state belongs in a shared store such as ElastiCache or DynamoDB.',
        sources: [
          { title: 'Blue/Green Deployments on AWS', url: 'https://docs.aws.amazon.com/whitepapers/latest/blue-green-deployments/welcome.html' },
        ],
        planned: { lab: 'alb-blue-green', note: 'Write data through the blue version, switch, and read it back through the green version from the shared database.' },
      },
    ],
  },
  {
    id: 'A12', level: 'advanced', topic: 'deployment',
    question: 'What role does AWS Service Catalog play in a large enterprise?',
    claims: [
      {
        id: 'A12.products-published-in-shared-portfolios',
        says: 'It centrally manages a catalog of approved resources defined as infrastructure as code.',
        verdict: 'holds',
        truth: 'Administrators publish products (CloudFormation templates or Terraform configurations) in portfolios and share them with users, groups, roles or other accounts of the organization.',
        sources: [
          { title: 'What is AWS Service Catalog?', url: 'https://docs.aws.amazon.com/servicecatalog/latest/adminguide/introduction.html' },
        ],
        conceptual: 'A definition of the service; what it is, not a behaviour to observe.',
      },
      {
        id: 'A12.constraints-do-not-block-direct-iam',
        says: 'It prevents unauthorized changes, supports cost control and enforces compliance through curated portfolios.',
        verdict: 'oversimplified',
        truth: 'The enforcement comes from constraints: a launch constraint lets users provision a product through a launch role without holding the underlying permissions, and template or tag constraints limit parameters; it does not stop someone who already has direct IAM permissions from creating resources outside the catalog.',
        sources: [
          { title: 'AWS Service Catalog Launch Constraints', url: 'https://docs.aws.amazon.com/servicecatalog/latest/adminguide/constraints-launch.html' },
          { title: 'What is AWS Service Catalog?', url: 'https://docs.aws.amazon.com/servicecatalog/latest/adminguide/introduction.html' },
        ],
        planned: { lab: 'service-catalog-launch-constraint', note: 'A user with only end-user Service Catalog permissions launches the product through the launch role, but is denied when creating the same resource directly.' },
      },
    ],
  },
  {
    id: 'A13', level: 'advanced', topic: 'compute',
    question: 'How do you reduce noisy-neighbour effects in a multi-tenant EC2 environment?',
    claims: [
      {
        id: 'A13.dedicated-instances-share-own-account-hardware',
        says: 'Isolate tenants on EC2 Dedicated Hosts or Dedicated Instances.',
        verdict: 'oversimplified',
        truth: 'Dedicated tenancy keeps other AWS accounts off your hardware, but Dedicated Instances may share hardware with other instances of your own account, so isolating your own tenants from each other means giving each its own instances or hosts; on the Nitro System, non-burstable instance types already get dedicated vCPUs.',
        sources: [
          { title: 'Amazon EC2 Dedicated Instances', url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/dedicated-instance.html' },
          { title: 'Amazon EC2 Dedicated Hosts', url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/dedicated-hosts-overview.html' },
        ],
        conceptual: 'Dedicated tenancy is billed per host or with a per-Region fee; the isolation itself is a placement property a lab cannot see.',
      },
      {
        id: 'A13.burstable-instances-fall-to-baseline',
        says: 'Limit resources with cgroups in containers and watch CPU credits on T-series instances.',
        verdict: 'holds',
        truth: 'Burstable instances in standard mode fall to their baseline when the CPU credit balance is exhausted (unlimited mode bills surplus credits instead), so workloads needing steady CPU should use fixed-performance instance types.',
        sources: [
          { title: 'Burstable performance instances', url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/burstable-performance-instances.html' },
        ],
        planned: { lab: 'ec2-burstable-credits', note: 'Run a CPU stress on a t-class instance in standard mode and watch CPUCreditBalance drain and CPUUtilization drop to the baseline.' },
      },
      {
        id: 'A13.placement-groups-not-for-noisy-neighbours',
        says: 'Choose instances on dedicated hardware and place them in placement groups for steady performance.',
        verdict: 'wrong',
        truth: 'Placement groups are no remedy for noisy neighbours: they only arrange your own instances relative to each other (cluster packs them close for low-latency networking; spread and partition keep them on separate hardware to limit correlated failures) and do not keep other tenants off the host. Isolation from other accounts comes from dedicated tenancy (the first claim), and steady CPU from fixed-performance instance types.',
        sources: [
          { title: 'Placement groups for your Amazon EC2 instances', url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/placement-groups.html' },
        ],
        conceptual: 'Placement on physical racks is not visible to a customer lab.',
      },
    ],
  },
  {
    id: 'A14', level: 'advanced', topic: 'security',
    question: 'How do AWS Nitro Enclaves improve security?',
    claims: [
      {
        id: 'A14.enclave-is-isolated-vm-in-parent',
        says: 'Nitro Enclaves create isolated compute environments inside an EC2 instance for processing sensitive data.',
        verdict: 'holds',
        truth: 'An enclave is a separate virtual machine with vCPUs and memory carved out of a Nitro-based parent instance; processes, users and even the kernel of the parent cannot access its memory.',
        sources: [
          { title: 'Nitro Enclaves concepts', url: 'https://docs.aws.amazon.com/enclaves/latest/user/nitro-enclave-concepts.html' },
        ],
        planned: { lab: 'nitro-enclave-isolation', note: 'Start an enclave from an enclave image on an enclave-enabled instance and show with describe-enclaves that its CPUs and memory were taken from the parent.' },
      },
      {
        id: 'A14.enclave-talks-only-over-vsock',
        says: 'Enclaves have no persistent storage and no network, and talk only over vsock.',
        verdict: 'holds',
        truth: 'An enclave has no external network connectivity and no persistent storage; it communicates only with its parent instance through a local vsock socket (for example through a proxy the parent runs).',
        sources: [
          { title: 'Nitro Enclaves concepts', url: 'https://docs.aws.amazon.com/enclaves/latest/user/nitro-enclave-concepts.html' },
        ],
        planned: { lab: 'nitro-enclave-isolation', note: 'From inside the enclave, show that no network interface exists and that only the vsock channel to the parent works.' },
      },
      {
        id: 'A14.attestation-verifiable-by-kms',
        says: 'Enclaves support only local attestation.',
        verdict: 'wrong',
        truth: 'Attestation is cryptographic and verifiable by external services: the Nitro Hypervisor signs an attestation document with the enclave\'s measurements (PCRs), and AWS KMS can check it through key policy conditions before returning data encrypted to the enclave\'s public key.',
        sources: [
          { title: 'Cryptographic attestation - AWS Nitro Enclaves', url: 'https://docs.aws.amazon.com/enclaves/latest/user/set-up-attestation.html' },
          { title: 'Cryptographic attestation for AWS Nitro Enclaves - AWS KMS', url: 'https://docs.aws.amazon.com/kms/latest/developerguide/services-nitro-enclaves.html' },
        ],
        planned: { lab: 'nitro-enclave-isolation', note: 'A KMS key policy that requires the enclave image measurement lets Decrypt succeed from the enclave and fails from the parent instance.' },
      },
    ],
  },
  {
    id: 'A15', level: 'advanced', topic: 'analytics',
    question: 'How do you move a multi-petabyte on-premises warehouse into Amazon Redshift?',
    claims: [
      {
        id: 'A15.snowball-edge-closed-to-new-customers',
        says: 'Move the bulk data with AWS Snowball or Direct Connect.',
        verdict: 'outdated',
        truth: 'AWS Snowball Edge is no longer available to new customers; AWS points new customers to AWS DataSync for online transfer (over Direct Connect or the internet), AWS Data Transfer Terminal for physical transfer, or partner solutions.',
        sources: [
          { title: 'ServiceVersion - AWS Snowball Edge API Reference', url: 'https://docs.aws.amazon.com/snowball/latest/api-reference/API_ServiceVersion.html' },
          { title: 'What is AWS DataSync?', url: 'https://docs.aws.amazon.com/datasync/latest/userguide/what-is-datasync.html' },
        ],
        changed: '2025-11-07',
        conceptual: 'Physical data transfer devices and petabyte volumes cannot be exercised in a lab.',
      },
      {
        id: 'A15.sct-agents-extract-warehouse-data',
        says: 'Use the Schema Conversion Tool and Database Migration Service for schema conversion and data loading.',
        verdict: 'oversimplified',
        truth: 'For warehouses such as Teradata, AWS SCT converts schemas, code and ETL scripts and its data extraction agents extract the data (staging it in S3 for loading); DMS supports Redshift as a target but is aimed at database sources rather than petabyte warehouse extracts.',
        sources: [
          { title: 'Connecting to a Teradata Data Warehouse with the AWS Schema Conversion Tool', url: 'https://docs.aws.amazon.com/SchemaConversionTool/latest/userguide/CHAP_Source.Teradata.html' },
          { title: 'Using an Amazon Redshift database as a target for AWS Database Migration Service', url: 'https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Target.Redshift.html' },
        ],
        conceptual: 'Needs an on-premises warehouse as a source; not reproducible in a lab.',
      },
      {
        id: 'A15.distribution-and-sort-keys-cut-movement',
        says: 'Optimize table design for columnar storage with good distribution keys.',
        verdict: 'holds',
        truth: 'Choose distribution styles (AUTO by default) and sort keys to cut data movement between nodes; Redshift can also apply automatic table optimization.',
        sources: [
          { title: 'Choose the best distribution style - Amazon Redshift', url: 'https://docs.aws.amazon.com/redshift/latest/dg/c_best-practices-best-dist-key.html' },
        ],
        conceptual: 'Benefits appear only at warehouse scale; a small lab would show nothing measurable.',
      },
      {
        id: 'A15.validation-compares-counts-and-checksums',
        says: 'Validate with Redshift Spectrum queries and parallel COPY commands.',
        verdict: 'oversimplified',
        truth: 'COPY loads in parallel across slices when the input is split into several files, and Spectrum queries data left in S3; validation itself is done by comparing row counts, checksums and sample queries between source and target.',
        sources: [
          { title: 'Amazon Redshift best practices for loading data', url: 'https://docs.aws.amazon.com/redshift/latest/dg/c_loading-data-best-practices.html' },
          { title: 'Amazon Redshift Spectrum', url: 'https://docs.aws.amazon.com/redshift/latest/dg/c-using-spectrum.html' },
        ],
        conceptual: 'Validation depends on the source warehouse; a lab has nothing to compare against.',
      },
    ],
  },
  {
    id: 'A16', level: 'advanced', topic: 'security',
    question: 'How do you secure API calls between microservices in different Regions?',
    claims: [
      {
        id: 'A16.private-api-needs-execute-api-endpoint',
        says: 'Use private APIs behind VPC endpoints, or authenticate calls with IAM-signed requests.',
        verdict: 'holds',
        truth: 'A private REST API is reachable only through execute-api interface VPC endpoints and its resource policy; callers in another Region reach that endpoint over inter-Region peering or Transit Gateway. IAM authorization requires SigV4-signed requests.',
        sources: [
          { title: 'Private REST APIs in API Gateway', url: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-private-apis.html' },
        ],
        planned: { lab: 'apigw-private-api', note: 'Invoke a private REST API from a Lambda function in the VPC (success) and from outside the VPC (no route or 403).' },
      },
      {
        id: 'A16.mtls-on-custom-domain-name',
        says: 'For public APIs use mutual TLS, AWS WAF, and API Gateway throttling and authorizers.',
        verdict: 'holds',
        truth: 'Mutual TLS is configured on a custom domain name; WAF web ACLs attach to REST API stages; usage plans and stage settings throttle; Lambda, Cognito or IAM authorizers authenticate callers.',
        sources: [
          { title: 'Mutual TLS authentication for REST APIs in API Gateway', url: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-mutual-tls.html' },
          { title: 'Use AWS WAF to protect your REST APIs in API Gateway', url: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-control-access-aws-waf.html' },
        ],
        conceptual: 'Mutual TLS needs a custom domain and a client certificate authority, beyond a cheap lab.',
      },
      {
        id: 'A16.privatelink-supports-cross-region-natively',
        says: 'Optionally run PrivateLink across Regions through Transit Gateway attachments.',
        verdict: 'outdated',
        truth: 'PrivateLink now connects across Regions natively: since November 2024 an interface endpoint can reach an endpoint service (such as an NLB-fronted microservice) whose provider has enabled the consumer\'s Region, and since 19 November 2025 it can also reach a set of AWS services (Amazon S3, IAM, ECR, KMS, Lambda and others) in another Region. Neither needs peering or Transit Gateway routing.',
        sources: [
          { title: 'Cross-region enabled AWS services', url: 'https://docs.aws.amazon.com/vpc/latest/privatelink/aws-services-cross-region-privatelink-support.html' },
          { title: 'Introducing Cross-Region Connectivity for AWS PrivateLink', url: 'https://aws.amazon.com/blogs/networking-and-content-delivery/introducing-cross-region-connectivity-for-aws-privatelink/' },
          { title: 'AWS PrivateLink now supports cross-region connectivity for AWS Services', url: 'https://aws.amazon.com/about-aws/whats-new/2025/11/aws-privatelink-cross-region-connectivity-aws-services/' },
        ],
        changed: '2024-11',
        conceptual: 'Needs several Regions and clients in several locations; a multi-Region active-active design is too costly and slow to observe in a single-account lab.',
      },
    ],
  },
  {
    id: 'A17', level: 'advanced', topic: 'security',
    question: 'How do you respond to an incident in which IAM credentials have been compromised?',
    claims: [
      {
        id: 'A17.deleted-key-leaves-session-credentials-valid',
        says: 'Revoke the credentials at once by deleting the keys and disabling the user.',
        verdict: 'oversimplified',
        truth: 'Deactivating or deleting an access key stops new requests signed with it, but temporary credentials already obtained with it (GetSessionToken, AssumeRole) stay valid until they expire; attach a deny policy to the user, or use Revoke active sessions (a deny on aws:TokenIssueTime) for roles.',
        sources: [
          { title: 'Disabling permissions for temporary security credentials', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_control-access_disable-perms.html' },
          { title: 'Revoke IAM role temporary security credentials', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_revoke-sessions.html' },
        ],
      },
      {
        id: 'A17.cloudtrail-shows-calls-by-access-key',
        says: 'Use CloudTrail and AWS Config to judge the scope and the configuration changes made.',
        verdict: 'holds',
        truth: 'CloudTrail shows every API call made with the credentials (by access key ID and source IP), and Config shows how resources changed over time.',
        sources: [
          { title: 'What Is AWS CloudTrail?', url: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-user-guide.html' },
          { title: 'Logging IAM and AWS STS API calls with AWS CloudTrail', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/cloudtrail-integration.html' },
        ],
        planned: { lab: 'iam-credential-revocation', note: 'Look up the CloudTrail events for the compromised access key ID.' },
      },
      {
        id: 'A17.quarantine-scp-contains-affected-account',
        says: 'Rotate secrets, enforce MFA and contain the blast radius with SCPs.',
        verdict: 'holds',
        truth: 'Rotate any secrets the identity could read, require MFA, and in an organization attach a restrictive (quarantine) SCP to the affected account; SCPs do not apply to the management account.',
        sources: [
          { title: 'General examples - AWS Organizations (SCPs)', url: 'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_general.html' },
          { title: 'Rotate AWS Secrets Manager secrets', url: 'https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotating-secrets.html' },
        ],
        conceptual: 'Needs an AWS Organization with several member accounts; a single-account lab cannot show it.',
      },
      {
        id: 'A17.detective-investigates-guardduty-detects',
        says: 'Do the forensics with GuardDuty and Security Hub, check scope with IAM Access Analyzer, and remediate automatically with Systems Manager.',
        verdict: 'oversimplified',
        truth: 'GuardDuty detects the misuse and Security Hub CSPM aggregates findings and checks, but investigation is the job of Amazon Detective; Access Analyzer reports external and unused access.',
        sources: [
          { title: 'What is Amazon GuardDuty?', url: 'https://docs.aws.amazon.com/guardduty/latest/ug/what-is-guardduty.html' },
          { title: 'What is Amazon Detective?', url: 'https://docs.aws.amazon.com/detective/latest/userguide/what-is-detective.html' },
          { title: 'AWS Security Hub CSPM API Reference', url: 'https://docs.aws.amazon.com/securityhub/1.0/APIReference/Welcome.html' },
        ],
        conceptual: 'Requires real findings from an actual compromise; a lab cannot stage one safely.',
      },
    ],
  },
  {
    id: 'A18', level: 'advanced', topic: 'database',
    question: 'What changed between Aurora Serverless v1 and v2?',
    claims: [
      {
        id: 'A18.paused-v2-instance-takes-seconds-to-resume',
        says: 'Serverless v2 scales instantly with load and has no cold starts.',
        verdict: 'oversimplified',
        truth: 'v2 scales in place in fine steps within seconds without dropping connections; but when the minimum capacity is 0 ACUs (automatic pause, available since November 2024) a paused instance takes roughly 15 seconds to resume on the first connection, longer after a long pause.',
        sources: [
          { title: 'Scaling to Zero ACUs with automatic pause and resume for Aurora Serverless v2', url: 'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-serverless-v2-auto-pause.html' },
          { title: 'How Aurora Serverless v2 works', url: 'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-serverless-v2.how-it-works.html' },
        ],
        planned: { lab: 'aurora-serverless-v2-scaling', note: 'Set minimum capacity 0, let the instance pause, and time the first connection; then load it and watch ServerlessDatabaseCapacity rise.' },
      },
      {
        id: 'A18.v2-still-measures-capacity-in-acus',
        says: 'v2 no longer uses Aurora Capacity Units and scales in fine-grained steps instead.',
        verdict: 'wrong',
        truth: 'v2 still measures capacity in ACUs (each about 2 GiB of memory with matching CPU and networking); minimum and maximum are set in 0.5-ACU steps from 0 (with auto-pause) or 0.5 up to 256 ACUs on recent versions. v1, which scaled by doubling ACUs, reached end of life on 31 March 2025.',
        sources: [
          { title: 'ServerlessV2ScalingConfiguration - Amazon RDS API Reference', url: 'https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_ServerlessV2ScalingConfiguration.html' },
          { title: 'How Aurora Serverless v2 works', url: 'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-serverless-v2.how-it-works.html' },
          { title: 'Modifying an Aurora Serverless v1 DB cluster (end-of-life notice)', url: 'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-serverless.modifying.html' },
        ],
        planned: { lab: 'aurora-serverless-v2-scaling', note: 'Read ServerlessDatabaseCapacity under changing load and see values in 0.5-ACU steps.' },
      },
      {
        id: 'A18.v2-instances-are-ordinary-cluster-members',
        says: 'v2 supports Multi-AZ deployments and global databases.',
        verdict: 'holds',
        truth: 'Serverless v2 instances are ordinary cluster members, so a cluster can have writer and reader instances in several AZs (even mixed with provisioned instances) and can take part in an Aurora global database.',
        sources: [
          { title: 'How Aurora Serverless v2 works', url: 'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-serverless-v2.how-it-works.html' },
        ],
        planned: { lab: 'aurora-serverless-v2-scaling', note: 'Add a Serverless v2 reader in a second AZ and fail over to it.' },
      },
      {
        id: 'A18.v2-billed-per-acu-hour',
        says: 'v2 works like a provisioned Aurora instance but is billed for what it uses.',
        verdict: 'holds',
        truth: 'You pay for the ACU-hours each Serverless v2 instance consumes (per second), plus storage and I/O as for provisioned Aurora, and it supports the same features as provisioned instances.',
        sources: [
          { title: 'Amazon Aurora pricing', url: 'https://aws.amazon.com/rds/aurora/pricing/' },
          { title: 'How Aurora Serverless v2 works', url: 'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-serverless-v2.how-it-works.html' },
        ],
        conceptual: 'A question of pricing or product positioning; nothing in a deployed lab would show it.',
      },
    ],
  },
  {
    id: 'A19', level: 'advanced', topic: 'database',
    question: 'How would you lower latency for a global user base with DynamoDB?',
    claims: [
      {
        id: 'A19.replicas-serve-local-reads-and-writes',
        says: 'Replicate the data to several Regions with DynamoDB global tables.',
        verdict: 'holds',
        truth: 'Each replica serves local reads and writes, and changes replicate to the other replicas, usually within a second in MREC mode.',
        sources: [
          { title: 'How DynamoDB global tables work', url: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/V2globaltables_HowItWorks.html' },
        ],
      },
      {
        id: 'A19.latency-records-route-to-regional-endpoint',
        says: 'Direct users to the closest Region with Route 53 latency-based routing.',
        verdict: 'holds',
        truth: 'Latency records send each user to the Regional application endpoint with the lowest latency, which then uses its local replica; DynamoDB itself has no global endpoint.',
        sources: [
          { title: 'Choosing a routing policy', url: 'https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/routing-policy.html' },
          { title: 'Overview of global tables - AWS Prescriptive Guidance', url: 'https://docs.aws.amazon.com/prescriptive-guidance/latest/dynamodb-global-tables/overview.html' },
        ],
        conceptual: 'Needs several Regions and clients in several locations; a multi-Region active-active design is too costly and slow to observe in a single-account lab.',
      },
      {
        id: 'A19.mrec-resolves-conflicts-last-writer-wins',
        says: 'The application has to cope with eventual consistency and resolve conflicts.',
        verdict: 'oversimplified',
        truth: 'In MREC mode DynamoDB resolves conflicting writes itself with last-writer-wins (the losing write is not reported), so applications should avoid concurrent writes to the same item from different Regions, for example by homing each item to one Region; since June 2025 MRSC mode gives strongly consistent reads across Regions at a higher write latency.',
        sources: [
          { title: 'How DynamoDB global tables work', url: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/V2globaltables_HowItWorks.html' },
          { title: 'Overview of global tables - AWS Prescriptive Guidance', url: 'https://docs.aws.amazon.com/prescriptive-guidance/latest/dynamodb-global-tables/overview.html' },
        ],
      },
    ],
  },
  {
    id: 'A20', level: 'advanced', topic: 'serverless',
    question: 'When is AWS Lambda a poor choice even though it is serverless?',
    claims: [
      {
        id: 'A20.invocation-capped-at-900-seconds',
        says: 'Long-running jobs, such as video processing beyond 15 minutes, do not fit Lambda\'s timeout.',
        verdict: 'oversimplified',
        truth: 'A default invocation is capped at 900 seconds, but functions on Lambda Managed Instances accept up to 90 minutes for asynchronous and most event-source invocations, and Lambda durable functions (late 2025) checkpoint multi-step workflows that run for up to a year while each step stays within the invocation limit. One continuous computation longer than that still belongs on Fargate, EC2 or AWS Batch.',
        sources: [
          { title: 'Lambda quotas', url: 'https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html' },
          { title: 'Lambda Managed Instances', url: 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-managed-instances.html' },
          { title: 'DurableConfig - AWS Serverless Application Model', url: 'https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-durableconfig.html' },
        ],
      },
      {
        id: 'A20.lambda-max-10240-mb-and-6-vcpus',
        says: 'CPU-intensive work is costly on Lambda.',
        verdict: 'holds',
        truth: 'Lambda tops out at 10,240 MB of memory and 6 vCPUs and bills per GB-second, so sustained heavy compute is usually cheaper on EC2, Fargate or Batch with Savings Plans or Spot.',
        sources: [
          { title: 'Lambda quotas', url: 'https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html' },
          { title: 'AWS Lambda pricing', url: 'https://aws.amazon.com/lambda/pricing/' },
        ],
        conceptual: 'A question of pricing or product positioning; nothing in a deployed lab would show it.',
      },
      {
        id: 'A20.vpc-uses-shared-hyperplane-enis',
        says: 'Cold starts and VPC networking constraints can hurt performance.',
        verdict: 'outdated',
        truth: 'Cold starts still exist (mitigated with provisioned concurrency or SnapStart), but VPC attachment no longer adds per-invocation network interface setup: since 2019 Lambda creates shared Hyperplane ENIs when the function is configured for the VPC.',
        sources: [
          { title: 'Giving Lambda functions access to resources in an Amazon VPC', url: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html' },
        ],
        changed: '2019-09',
      },
      {
        id: 'A20.containers-have-no-execution-time-limit',
        says: 'Consider ECS on Fargate or EC2 instead.',
        verdict: 'holds',
        truth: 'Containers on Fargate or EC2 (or AWS Batch for queued jobs) have no execution time limit and suit steady, long or heavy workloads.',
        sources: [
          { title: 'What is AWS Batch?', url: 'https://docs.aws.amazon.com/batch/latest/userguide/what-is-batch.html' },
        ],
        conceptual: 'A choice between services; nothing to observe.',
      },
    ],
  },
  {
    id: 'A21', level: 'advanced', topic: 'deployment',
    question: 'What makes a CI/CD pipeline on AWS secure?',
    claims: [
      {
        id: 'A21.codepipeline-orchestrates-pipeline-stages',
        says: 'Build the pipeline with CodePipeline, CodeBuild and CodeDeploy.',
        verdict: 'holds',
        truth: 'CodePipeline orchestrates source, build, test, approval and deploy stages, with CodeBuild for builds and tests and CodeDeploy (or CloudFormation and ECS actions) for deployment.',
        sources: [
          { title: 'What is AWS CodePipeline?', url: 'https://docs.aws.amazon.com/codepipeline/latest/userguide/welcome.html' },
        ],
        conceptual: 'A description of the service set; nothing specific to observe.',
      },
      {
        id: 'A21.codecommit-closed-to-new-customers',
        says: 'Keep source in CodeCommit, or in GitHub wired up with webhooks.',
        verdict: 'oversimplified',
        truth: 'CodeCommit was closed to new customers from 25 July 2024 until it returned to general availability on 24 November 2025, so new accounts can again create repositories; GitHub is connected through a CodeConnections connection (the GitHub App), while the older OAuth-app action with webhooks is not recommended.',
        sources: [
          { title: 'The Future of AWS CodeCommit', url: 'https://aws.amazon.com/blogs/devops/aws-codecommit-returns-to-general-availability/' },
          { title: 'Appendix A: GitHub (via OAuth app) source actions - AWS CodePipeline', url: 'https://docs.aws.amazon.com/codepipeline/latest/userguide/appendix-github-oauth.html' },
        ],
        conceptual: 'Availability of a service to new accounts and a choice of connector; not a runtime behaviour.',
      },
      {
        id: 'A21.artifacts-encrypted-with-managed-key-by-default',
        says: 'Give the pipeline least-privilege roles, encrypt artifacts with KMS, and keep credentials in Secrets Manager.',
        verdict: 'holds',
        truth: 'Artifacts in the pipeline bucket are encrypted with the AWS managed KMS key by default; a customer managed key is needed for cross-account deployments. Build secrets are read from Secrets Manager or Parameter Store, not stored in source.',
        sources: [
          { title: 'Configure server-side encryption for artifacts stored in Amazon S3 for CodePipeline', url: 'https://docs.aws.amazon.com/codepipeline/latest/userguide/S3-artifact-encryption.html' },
          { title: 'Security best practices in IAM', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html' },
        ],
        conceptual: 'Configuration guidance; the encryption default is visible only as a setting.',
      },
      {
        id: 'A21.signer-signs-specific-artifact-types',
        says: 'Include manual approvals and static analysis, and sign what you build with AWS Signer.',
        verdict: 'oversimplified',
        truth: 'Manual approval actions and static analysis in CodeBuild fit, but AWS Signer signs specific artifact types (Lambda deployment packages checked by a code signing configuration, container images via Notation), not arbitrary build artifacts.',
        sources: [
          { title: 'What is AWS Signer?', url: 'https://docs.aws.amazon.com/signer/latest/developerguide/Welcome.html' },
          { title: 'Use code signing to verify code integrity with Lambda', url: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-codesigning.html' },
        ],
        planned: { lab: 'lambda-code-signing', note: 'With an enforcing code signing configuration, an unsigned Lambda package is rejected and a Signer-signed one deploys.' },
      },
    ],
  },
  {
    id: 'A22', level: 'advanced', topic: 'security',
    question: 'What does Amazon Macie bring to a compliance-focused environment?',
    claims: [
      {
        id: 'A22.macie-scans-s3-general-purpose-buckets',
        says: 'Macie automatically finds and classifies sensitive data (PII, PHI, credentials) in S3.',
        verdict: 'holds',
        truth: 'Macie scans S3 general purpose buckets only, using managed and custom data identifiers, through automated sensitive data discovery (sampling) or classification jobs.',
        sources: [
          { title: 'Default settings for automated sensitive data discovery - Amazon Macie', url: 'https://docs.aws.amazon.com/macie/latest/user/discovery-asdd-settings-defaults.html' },
        ],
        planned: { lab: 'macie-sensitive-data-discovery', note: 'Upload synthetic PII to a bucket, run a one-time classification job, and read the sensitive data finding.' },
      },
      {
        id: 'A22.macie-supports-but-does-not-ensure-compliance',
        says: 'It helps meet GDPR and HIPAA by flagging policy violations and providing audit trails.',
        verdict: 'oversimplified',
        truth: 'Macie raises policy findings (for example a bucket that became public or lost default encryption) and sensitive data findings and sends them to EventBridge and Security Hub; it supports compliance work but does not make you compliant, and the audit trail of access comes from CloudTrail.',
        sources: [
          { title: 'Fields for filtering Macie findings', url: 'https://docs.aws.amazon.com/macie/latest/user/findings-filter-fields.html' },
          { title: 'What Is AWS CloudTrail?', url: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-user-guide.html' },
        ],
        conceptual: 'Compliance is an organisational outcome, not something a lab can demonstrate.',
      },
    ],
  },
  {
    id: 'A23', level: 'advanced', topic: 'dns-cdn',
    question: 'How do you make DNS names resolve across several VPCs?',
    claims: [
      {
        id: 'A23.associate-private-hosted-zone-with-vpcs',
        says: 'Use Route 53 Resolver inbound and outbound endpoints, or turn on DNS hostnames and DNS resolution in the VPC settings.',
        verdict: 'oversimplified',
        truth: 'Inside AWS the usual mechanism is to associate a private hosted zone with every VPC that needs it (cross-account with an association authorization), share Resolver rules through RAM, or use Route 53 Profiles; endpoints are for hybrid DNS, and the VPC DNS attributes are only a prerequisite.',
        sources: [
          { title: 'Associating more VPCs with a private hosted zone', url: 'https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/hosted-zone-private-associate-vpcs.html' },
          { title: 'Decentralized DNS and Route 53 Profiles - AWS Prescriptive Guidance', url: 'https://docs.aws.amazon.com/prescriptive-guidance/latest/robust-network-design-control-tower/decentralized-dns.html' },
        ],
        planned: { lab: 'route53-private-zone-multi-vpc', note: 'Associate one private hosted zone with two VPCs and resolve the same record from an instance in each.' },
      },
      {
        id: 'A23.peering-needs-no-forwarding-rules',
        says: 'With VPC peering you must configure forwarding rules by hand.',
        verdict: 'wrong',
        truth: 'Peering needs no forwarding rules: you enable DNS resolution on the peering connection so public DNS hostnames resolve to private IPs, and associate private hosted zones with the peer VPC for custom names.',
        sources: [
          { title: 'Enable DNS resolution for a VPC peering connection', url: 'https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-dns.html' },
          { title: 'Associating more VPCs with a private hosted zone', url: 'https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/hosted-zone-private-associate-vpcs.html' },
        ],
        planned: { lab: 'route53-private-zone-multi-vpc', note: 'Resolve a peer instance public DNS name before and after enabling DNS resolution on the peering connection.' },
      },
      {
        id: 'A23.tgw-dns-resolves-only-public-hostnames',
        says: 'For complex cases use Transit Gateway with DNS sharing.',
        verdict: 'oversimplified',
        truth: 'Transit Gateway DNS support only resolves public DNS hostnames to private addresses across attached VPCs; it does not resolve private hosted zone names, which still need zone associations, shared Resolver rules or Profiles.',
        sources: [
          { title: 'Amazon VPC attachments in AWS Transit Gateway', url: 'https://docs.aws.amazon.com/vpc/latest/tgw/tgw-vpc-attachments.html' },
        ],
        planned: { lab: 'transit-gateway-dns', note: 'Attach two VPCs to a transit gateway and show a private hosted zone name does not resolve from the second VPC until the zone is associated.' },
      },
    ],
  },
  {
    id: 'A24', level: 'advanced', topic: 'iam',
    question: 'Inline versus managed IAM policies: how do they differ and when is each appropriate?',
    claims: [
      {
        id: 'A24.inline-policy-lives-with-its-identity',
        says: 'Inline policies are embedded in one user, group or role; managed policies stand alone and can be reused.',
        verdict: 'holds',
        truth: 'An inline policy lives and dies with its identity; a managed policy (AWS or customer managed) is a separate resource with its own ARN that can be attached to many identities.',
        sources: [
          { title: 'Managed policies and inline policies', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html' },
        ],
      },
      {
        id: 'A24.aws-recommends-managed-policies',
        says: 'Inline suits narrow, single-use grants; managed suits standard, auditable permissions.',
        verdict: 'holds',
        truth: 'AWS recommends managed policies in most cases (customer managed policies keep up to five versions and can be rolled back) and inline policies only for a strict one-to-one relationship.',
        sources: [
          { title: 'Managed policies and inline policies', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html' },
        ],
        conceptual: 'Guidance on policy management; nothing to measure.',
      },
    ],
  },
  {
    id: 'A25', level: 'advanced', topic: 'cost',
    question: 'How would you find and cut unnecessary spend in an enterprise AWS account?',
    claims: [
      {
        id: 'A25.cost-explorer-analyses-budgets-alert',
        says: 'Monitor spend with AWS Cost Explorer and AWS Budgets.',
        verdict: 'holds',
        truth: 'Cost Explorer analyses and forecasts costs and usage; Budgets alerts (or applies actions) when cost or usage crosses thresholds.',
        sources: [
          { title: 'Analyzing your costs and usage with AWS Cost Explorer', url: 'https://docs.aws.amazon.com/cost-management/latest/userguide/ce-what-is.html' },
          { title: 'Managing your costs with AWS Budgets', url: 'https://docs.aws.amazon.com/cost-management/latest/userguide/budgets-managing-costs.html' },
        ],
        conceptual: 'A question of pricing or product positioning; nothing in a deployed lab would show it.',
      },
      {
        id: 'A25.full-trusted-advisor-needs-business-support',
        says: 'Find idle EBS volumes and Elastic IPs, underused EC2 (with Trusted Advisor), orphaned snapshots and needless NAT gateway traffic.',
        verdict: 'oversimplified',
        truth: 'The full set of Trusted Advisor cost checks requires a Business-level support plan or higher; Compute Optimizer and Cost Optimization Hub give rightsizing and idle-resource recommendations at no charge. Since 1 February 2024 every public IPv4 address is billed hourly whether attached or idle, not only unattached Elastic IPs.',
        sources: [
          { title: 'Cost optimization checks - AWS Trusted Advisor', url: 'https://docs.aws.amazon.com/awssupport/latest/user/cost-optimization-checks.html' },
          { title: 'Cost Optimization Hub', url: 'https://docs.aws.amazon.com/cost-management/latest/userguide/cost-optimization-hub.html' },
          { title: 'What is AWS Compute Optimizer?', url: 'https://docs.aws.amazon.com/compute-optimizer/latest/ug/what-is-compute-optimizer.html' },
          { title: 'Amazon VPC pricing (public IPv4 addresses)', url: 'https://aws.amazon.com/vpc/pricing/' },
        ],
        conceptual: 'A question of pricing or product positioning; nothing in a deployed lab would show it.',
      },
      {
        id: 'A25.savings-plans-cover-ec2-fargate-lambda',
        says: 'Buy Savings Plans and Reserved Instances for predictable usage.',
        verdict: 'holds',
        truth: 'Compute Savings Plans cover EC2, Fargate and Lambda flexibly; EC2 Instance Savings Plans and Reserved Instances give deeper discounts for committed instance families.',
        sources: [
          { title: 'What are Savings Plans?', url: 'https://docs.aws.amazon.com/savingsplans/latest/userguide/what-is-savings-plans.html' },
        ],
        conceptual: 'A question of pricing or product positioning; nothing in a deployed lab would show it.',
      },
    ],
  },
  {
    id: 'A26', level: 'advanced', topic: 'storage',
    question: 'What separates S3 Object Lock from MFA Delete?',
    claims: [
      {
        id: 'A26.object-lock-is-per-version-worm',
        says: 'Object Lock stops object versions from being deleted for a retention period, in governance or compliance mode.',
        verdict: 'holds',
        truth: 'Object Lock is write-once-read-many protection per object version (versioning required); governance mode can be bypassed by principals with s3:BypassGovernanceRetention, compliance mode by no one including root, and legal holds apply with no expiry.',
        sources: [
          { title: 'Locking objects with Object Lock', url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock.html' },
        ],
      },
      {
        id: 'A26.only-root-enables-mfa-delete',
        says: 'With MFA Delete, removing versions or changing versioning needs an MFA code, and it can be turned on only via CLI or API.',
        verdict: 'holds',
        truth: 'MFA Delete requires the x-amz-mfa header for permanently deleting a version or changing the versioning state; only the root user can enable it, and not from the console.',
        sources: [
          { title: 'Deleting an object from an MFA delete-enabled bucket', url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingMFADelete.html' },
          { title: 'Configuring MFA delete', url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/MultiFactorAuthenticationDelete.html' },
        ],
        conceptual: 'Enabling MFA Delete needs the root user with an MFA device, which a lab must not use.',
      },
      {
        id: 'A26.compliance-mode-cannot-be-shortened',
        says: 'Object Lock gives stronger compliance guarantees.',
        verdict: 'holds',
        truth: 'Compliance-mode retention cannot be shortened or removed by any user, which is why it is used for regulatory WORM requirements, whereas MFA Delete only adds an authentication step.',
        sources: [
          { title: 'Locking objects with Object Lock', url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock.html' },
        ],
        conceptual: 'A statement about regulatory fit, not a behaviour.',
      },
    ],
  },
  {
    id: 'A27', level: 'advanced', topic: 'security',
    question: 'How do you enforce tagging compliance across accounts?',
    claims: [
      {
        id: 'A27.scp-tag-deny-needs-tag-on-create',
        says: 'Use SCPs to deny resource creation when required tags are missing.',
        verdict: 'oversimplified',
        truth: 'An SCP can deny create calls with a Null condition on aws:RequestTag/key, but only for actions that accept tags at creation; it can break services that tag after creating, and SCPs do not apply to the management account.',
        sources: [
          { title: 'General examples - AWS Organizations (SCPs)', url: 'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_general.html' },
          { title: 'AWS global condition context keys', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html' },
        ],
        conceptual: 'Needs an AWS Organization with several member accounts; a single-account lab cannot show it.',
      },
      {
        id: 'A27.tag-policies-standardize-keys-and-values',
        says: 'Implement tag policies in AWS Organizations.',
        verdict: 'oversimplified',
        truth: 'Tag policies standardize keys and allowed values and, in enforcement mode, block noncompliant tag values on supported resource types; since late 2025 their required tag keys can also be enforced in IaC deployments (CloudFormation, Terraform, Pulumi), but they do not by themselves stop untagged resources created outside those tools.',
        sources: [
          { title: 'Enforce tagging consistency - AWS Organizations', url: 'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_tag-policies-enforcement.html' },
          { title: 'Enforce "Required tag key" with IaC - AWS Organizations', url: 'https://docs.aws.amazon.com/organizations/latest/userguide/enforce-required-tag-keys-iac.html' },
        ],
        conceptual: 'Needs an AWS Organization with several member accounts; a single-account lab cannot show it.',
      },
      {
        id: 'A27.config-required-tags-rule-with-remediation',
        says: 'Detect noncompliance with AWS Config rules and remediate with Systems Manager Automation.',
        verdict: 'holds',
        truth: 'The required-tags managed rule flags resources missing tags, and Config remediation actions can run Systems Manager Automation documents automatically or on demand.',
        sources: [
          { title: 'required-tags - AWS Config', url: 'https://docs.aws.amazon.com/config/latest/developerguide/required-tags.html' },
          { title: 'Remediating noncompliant resources with AWS Config', url: 'https://docs.aws.amazon.com/config/latest/developerguide/remediation.html' },
        ],
        planned: { lab: 'config-required-tags', note: 'Create an untagged bucket, see required-tags report it NON_COMPLIANT, then let the remediation add the tag.' },
      },
    ],
  },
  {
    id: 'A28', level: 'advanced', topic: 'iam',
    question: 'How do you prevent privilege escalation in an AWS account shared by many users?',
    claims: [
      {
        id: 'A28.least-privilege-with-abac-conditions',
        says: 'Avoid wildcard permissions and apply least privilege with conditions such as tags.',
        verdict: 'holds',
        truth: 'Grant only needed actions on specific resources, and use conditions (including attribute-based access control with tags) to narrow them.',
        sources: [
          { title: 'Security best practices in IAM', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html' },
        ],
        conceptual: 'A principle; its effect depends on the policies written.',
      },
      {
        id: 'A28.access-analyzer-validates-policies',
        says: 'Use IAM Access Analyzer to find risky policies.',
        verdict: 'holds',
        truth: 'Access Analyzer policy validation flags security warnings (for example iam:PassRole with a wildcard resource), custom policy checks can block new access in CI, and analyzers report external and unused access.',
        sources: [
          { title: 'IAM Access Analyzer policy validation', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-policy-validation.html' },
        ],
        planned: { lab: 'iam-permissions-boundary', note: 'Run ValidatePolicy on a policy that allows iam:PassRole on * and read the security warning.' },
      },
      {
        id: 'A28.permissions-boundaries-block-escalation',
        says: 'Stop less-trusted users from editing inline policies and set account-wide limits with SCPs.',
        verdict: 'oversimplified',
        truth: 'Blocking inline edits leaves other escalation paths (attaching managed policies, creating policy versions, iam:PassRole to a powerful role); the main tools are permissions boundaries, required on any role a delegated admin creates and protected from removal, plus tightly scoped iam:PassRole. SCPs help only inside an organization.',
        sources: [
          { title: 'Permissions boundaries for IAM entities', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html' },
          { title: 'Grant a user permissions to pass a role to an AWS service', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html' },
        ],
      },
    ],
  },
  {
    id: 'A29', level: 'advanced', topic: 'storage',
    question: 'How does AWS Backup work with RDS and DynamoDB?',
    claims: [
      {
        id: 'A29.dynamodb-copies-need-advanced-backup',
        says: 'AWS Backup schedules RDS and DynamoDB backups, copies them to other Regions and manages their lifecycle.',
        verdict: 'holds',
        truth: 'Backup plans schedule and retain backups; for DynamoDB, cross-Region and cross-account copies and cold-storage tiering require opting in to advanced DynamoDB backup, and for RDS and Aurora AWS Backup can also take continuous backups for point-in-time restore.',
        sources: [
          { title: 'Advanced DynamoDB backup - AWS Backup', url: 'https://docs.aws.amazon.com/aws-backup/latest/devguide/advanced-ddb-backup.html' },
          { title: 'AWS Backup feature availability', url: 'https://docs.aws.amazon.com/aws-backup/latest/devguide/backup-feature-availability.html' },
        ],
        planned: { lab: 'aws-backup-dynamodb', note: 'Run an on-demand backup job of a DynamoDB table and a copy job to a vault in a second Region.' },
      },
      {
        id: 'A29.backup-audit-manager-evaluates-controls',
        says: 'It centralizes backup compliance and auditing.',
        verdict: 'holds',
        truth: 'Backup Audit Manager evaluates backup activity against frameworks of controls and produces reports, and Vault Lock makes backups immutable.',
        sources: [
          { title: 'AWS Backup Audit Manager', url: 'https://docs.aws.amazon.com/aws-backup/latest/devguide/aws-backup-audit-manager.html' },
        ],
        conceptual: 'Audit reports summarize activity over days; nothing quick to observe.',
      },
      {
        id: 'A29.dynamodb-pitr-independent-of-backup',
        says: 'DynamoDB also has point-in-time recovery on its own.',
        verdict: 'holds',
        truth: 'PITR is enabled per table and restores to any second in the recovery window (configurable from 1 to 35 days), independently of AWS Backup.',
        sources: [
          { title: 'Point-in-time recovery for DynamoDB', url: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Point-in-time-recovery.html' },
        ],
        planned: { lab: 'aws-backup-dynamodb', note: 'Enable PITR, change an item, and restore the table to a time before the change.' },
      },
    ],
  },
  {
    id: 'A30', level: 'advanced', topic: 'security',
    question: 'What are good practices for AWS credentials in CI/CD?',
    claims: [
      {
        id: 'A30.oidc-trust-pins-audience-and-subject',
        says: 'Give pipelines temporary credentials from IAM roles, via OIDC federation or AssumeRole.',
        verdict: 'holds',
        truth: 'CI systems such as GitHub Actions exchange their OIDC token for temporary role credentials via AssumeRoleWithWebIdentity; the role trust policy should pin the audience and the repository or branch subject.',
        sources: [
          { title: 'Create an OpenID Connect (OIDC) identity provider in IAM', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_create_oidc.html' },
        ],
        conceptual: 'Needs an external CI provider issuing OIDC tokens; not observable inside one AWS account alone.',
      },
      {
        id: 'A30.prefer-temporary-over-long-term-keys',
        says: 'Keep secrets in Secrets Manager and never put static keys in code.',
        verdict: 'holds',
        truth: 'Store remaining secrets in Secrets Manager or Parameter Store and prefer temporary credentials over long-term access keys.',
        sources: [
          { title: 'Security best practices in IAM', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html' },
          { title: 'Rotate AWS Secrets Manager secrets', url: 'https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotating-secrets.html' },
        ],
        conceptual: 'Guidance on practice; nothing to measure.',
      },
      {
        id: 'A30.federation-leaves-no-keys-to-rotate',
        says: 'Audit with CloudTrail and rotate credentials often from the pipelines.',
        verdict: 'oversimplified',
        truth: 'With role federation there are no long-lived keys to rotate; rotation applies to secrets that remain (Secrets Manager rotation) and to any unavoidable access keys, which should be found with last-used data and removed.',
        sources: [
          { title: 'Security best practices in IAM', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html' },
          { title: 'Rotate AWS Secrets Manager secrets', url: 'https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotating-secrets.html' },
        ],
        conceptual: 'Guidance on practice; nothing to measure.',
      },
    ],
  },
  {
    id: 'A31', level: 'advanced', topic: 'dns-cdn',
    question: 'How do you make names resolve in both directions between a VPC and an on-premises data centre?',
    claims: [
      {
        id: 'A31.inbound-and-outbound-resolver-endpoints',
        says: 'An inbound Resolver endpoint answers queries coming from on premises; an outbound endpoint sends VPC queries to on-premises DNS servers.',
        verdict: 'holds',
        truth: 'Inbound endpoints give on-premises resolvers IP addresses in the VPC to forward to; outbound endpoints let Route 53 Resolver forward queries to on-premises servers. Each endpoint needs IP addresses in at least two AZs.',
        sources: [
          { title: 'What is Route 53 Resolver?', url: 'https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver.html' },
        ],
        planned: { lab: 'route53-resolver-hybrid-dns', note: 'Simulate on-premises DNS with a resolver in a second VPC; query a private zone through the inbound endpoint and an on-premises name through an outbound rule.' },
      },
      {
        id: 'A31.forwarding-rules-shared-through-ram',
        says: 'Configure conditional forwarding rules in Resolver.',
        verdict: 'holds',
        truth: 'Forwarding rules send queries for named domains to target IPs through an outbound endpoint; rules are associated with VPCs and can be shared with other accounts through RAM.',
        sources: [
          { title: 'Forwarding outbound DNS queries to your network', url: 'https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-forwarding-outbound-queries.html' },
        ],
        planned: { lab: 'route53-resolver-hybrid-dns', note: 'Create a forward rule for the simulated on-premises domain and resolve a name in it from the VPC.' },
      },
      {
        id: 'A31.endpoints-need-vpn-or-direct-connect',
        says: 'The VPC and the on-premises network must be connected by VPN or Direct Connect.',
        verdict: 'holds',
        truth: 'Endpoint traffic flows over private connectivity (Site-to-Site VPN or Direct Connect), and on-premises DNS servers must forward the AWS zones to the inbound endpoint addresses.',
        sources: [
          { title: 'What is Route 53 Resolver?', url: 'https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver.html' },
        ],
        conceptual: 'Needs a real on-premises network and VPN or Direct Connect link.',
      },
    ],
  },
  {
    id: 'A32', level: 'advanced', topic: 'messaging',
    question: 'How do Amazon EventBridge and Amazon SNS differ, and when do you use each?',
    claims: [
      {
        id: 'A32.sns-filters-and-offers-fifo-topics',
        says: 'SNS is a simple push-based pub/sub service for fan-out.',
        verdict: 'oversimplified',
        truth: 'SNS is push-based fan-out, but it also filters per subscription on message attributes or on the message body (payload-based filtering), offers FIFO topics, and delivers to SQS, Lambda, HTTP(S), email, SMS and mobile push at very high throughput.',
        sources: [
          { title: 'Amazon SNS message filtering', url: 'https://docs.aws.amazon.com/sns/latest/dg/message-filtering.html' },
          { title: 'Amazon SNS subscription filter policy scope', url: 'https://docs.aws.amazon.com/sns/latest/dg/sns-message-filtering-scope.html' },
        ],
        planned: { lab: 'sns-vs-eventbridge-filtering', note: 'Publish messages to a topic with a body-scoped filter policy and show only matching messages reach the subscribed queue.' },
      },
      {
        id: 'A32.eventbridge-rules-match-content-patterns',
        says: 'EventBridge routes events with filtering, schema discovery and SaaS integrations.',
        verdict: 'holds',
        truth: 'EventBridge rules match rich content patterns, the schema registry discovers event structures, partner event sources bring SaaS events, and API destinations, archive and replay, Pipes and Scheduler extend it.',
        sources: [
          { title: 'What Is Amazon EventBridge?', url: 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-what-is.html' },
        ],
        planned: { lab: 'sns-vs-eventbridge-filtering', note: 'Send the same events to an EventBridge bus with a content-based rule and compare the matched set with the SNS subscription.' },
      },
      {
        id: 'A32.sns-fanout-eventbridge-routing',
        says: 'Use SNS for simple fan-out and EventBridge for complex routing and third-party integrations.',
        verdict: 'holds',
        truth: 'A common split: SNS for high-throughput, low-latency fan-out to many subscribers, EventBridge for event routing across services and accounts with content filtering and SaaS sources.',
        sources: [
          { title: 'What Is Amazon EventBridge?', url: 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-what-is.html' },
          { title: 'Amazon SNS message filtering', url: 'https://docs.aws.amazon.com/sns/latest/dg/message-filtering.html' },
        ],
        conceptual: 'A design choice; nothing to observe.',
      },
    ],
  },
  {
    id: 'A33', level: 'advanced', topic: 'analytics',
    question: 'How do you collect large volumes of logs on AWS without overspending?',
    claims: [
      {
        id: 'A33.firehose-buffers-converts-and-delivers',
        says: 'Take logs in through Kinesis Data Streams or Firehose, batch them, and land them in S3 or OpenSearch.',
        verdict: 'holds',
        truth: 'Amazon Data Firehose (the renamed Kinesis Data Firehose) buffers by size and time, can convert to Parquet and compress, and delivers to S3, OpenSearch and other destinations; Kinesis Data Streams adds replay and custom consumers.',
        sources: [
          { title: 'What is Amazon Data Firehose?', url: 'https://docs.aws.amazon.com/firehose/latest/dev/what-is-this-service.html' },
          { title: 'Choose the data stream capacity mode - Amazon Kinesis Data Streams', url: 'https://docs.aws.amazon.com/streams/latest/dev/how-do-i-size-a-stream.html' },
        ],
        planned: { lab: 'firehose-s3-logging', note: 'Put records into a Firehose stream and watch compressed, time-partitioned objects arrive in S3 after the buffer interval.' },
      },
      {
        id: 'A33.athena-prunes-partitions-and-columns',
        says: 'Compress and partition the logs, and query them with Athena or OpenSearch.',
        verdict: 'holds',
        truth: 'Firehose dynamic partitioning writes objects under keys derived from record fields, and Athena prunes partitions and reads compressed columnar files to cut the data scanned.',
        sources: [
          { title: 'DynamicPartitioningConfiguration - Amazon Data Firehose API Reference', url: 'https://docs.aws.amazon.com/firehose/latest/APIReference/API_DynamicPartitioningConfiguration.html' },
          { title: 'Partition your data - Amazon Athena', url: 'https://docs.aws.amazon.com/athena/latest/ug/partitions.html' },
        ],
        planned: { lab: 'firehose-s3-logging', note: 'Query the delivered logs with Athena and compare data scanned with and without a partition filter.' },
      },
      {
        id: 'A33.lifecycle-transitions-and-expires-logs',
        says: 'Archive or expire aging logs with lifecycle rules.',
        verdict: 'holds',
        truth: 'S3 Lifecycle rules transition objects by age to cheaper storage classes and expire them.',
        sources: [
          { title: 'Managing the lifecycle of objects', url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lifecycle-mgmt.html' },
        ],
        conceptual: 'Transitions run after days; a short lab cannot observe them.',
      },
    ],
  },
  {
    id: 'A34', level: 'advanced', topic: 'iam',
    question: 'How do you restrict the Regions that users can work in?',
    claims: [
      {
        id: 'A34.region-deny-scp-skips-management-account',
        says: 'Use an SCP in AWS Organizations that denies actions outside approved Regions with aws:RequestedRegion.',
        verdict: 'holds',
        truth: 'A Region-deny SCP applies to every principal in member accounts (not to the management account or service-linked roles); Control Tower offers the same as its Region deny control. To restrict individual users in a standalone account, use the same condition in IAM policies.',
        sources: [
          { title: 'General examples - AWS Organizations (SCPs)', url: 'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_general.html' },
          { title: 'Deny access to AWS based on the requested AWS Region - AWS Control Tower', url: 'https://docs.aws.amazon.com/controltower/latest/userguide/primary-region-deny-policy.html' },
        ],
        conceptual: 'Needs an AWS Organization with several member accounts; a single-account lab cannot show it.',
      },
      {
        id: 'A34.region-deny-example-needs-us-east-1',
        says: 'The example policy keeps global services such as IAM and Route 53 working.',
        verdict: 'oversimplified',
        truth: 'The example has no exemptions: it denies every action whose requested Region is not listed, and global services only keep working because their endpoint Region us-east-1 happens to be allowed. AWS\'s examples exempt global services with NotAction (some global services use us-west-2), so the policy does not silently depend on us-east-1 being approved.',
        sources: [
          { title: 'General examples - AWS Organizations (SCPs)', url: 'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_general.html' },
          { title: 'AWS: Denies access to AWS based on the requested Region', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_aws_deny-requested-region.html' },
        ],
      },
    ],
  },
  {
    id: 'A35', level: 'advanced', topic: 'serverless',
    question: 'What limits AWS Lambda in high-throughput systems?',
    claims: [
      {
        id: 'A35.vpc-no-longer-slows-cold-starts',
        says: 'Cold starts are worse for functions in a VPC.',
        verdict: 'outdated',
        truth: 'Since 2019 Lambda sets up shared Hyperplane network interfaces when a function is configured for a VPC, so VPC access no longer adds per-cold-start network setup.',
        sources: [
          { title: 'Giving Lambda functions access to resources in an Amazon VPC', url: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html' },
        ],
        changed: '2019-09',
      },
      {
        id: 'A35.max-timeout-is-900-seconds',
        says: 'Executions are capped at 15 minutes.',
        verdict: 'oversimplified',
        truth: 'The maximum timeout is 900 seconds per invocation for default functions; on Lambda Managed Instances asynchronous and event source mapping invocations (except Amazon MQ and Amazon DocumentDB) may run up to 5,400 seconds (90 minutes), while synchronous invocations keep the 15-minute cap.',
        sources: [
          { title: 'Lambda quotas', url: 'https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html' },
          { title: 'Lambda Managed Instances', url: 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-managed-instances.html' },
        ],
      },
      {
        id: 'A35.default-1000-concurrency-can-be-raised',
        says: 'Concurrency is limited, 1,000 by default.',
        verdict: 'oversimplified',
        truth: '1,000 concurrent executions per Region is the default quota and can be raised (new accounts may start lower); separately, each function can add at most 1,000 execution environments every 10 seconds.',
        sources: [
          { title: 'Lambda quotas', url: 'https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html' },
          { title: 'Lambda scaling behavior', url: 'https://docs.aws.amazon.com/lambda/latest/dg/scaling-behavior.html' },
        ],
      },
      {
        id: 'A35.provisioned-concurrency-uses-target-tracking',
        says: 'Use provisioned concurrency with step scaling, or move work to containers on Fargate.',
        verdict: 'oversimplified',
        truth: 'Provisioned concurrency is scaled with Application Auto Scaling target tracking or scheduled scaling (not step scaling); batching from SQS or Kinesis raises throughput, and steady heavy load may fit Fargate better.',
        sources: [
          { title: 'AWS Lambda and Application Auto Scaling', url: 'https://docs.aws.amazon.com/autoscaling/application/userguide/services-that-can-integrate-lambda.html' },
        ],
        conceptual: 'Scaling policy types are a documented capability, not a measurement.',
      },
    ],
  },
  {
    id: 'A36', level: 'advanced', topic: 'database',
    question: 'How do you keep distributed state consistent with DynamoDB and Lambda?',
    claims: [
      {
        id: 'A36.conditional-put-makes-writes-idempotent',
        says: 'Use idempotency keys and conditional writes (ConditionExpression) in DynamoDB.',
        verdict: 'holds',
        truth: 'A conditional put such as attribute_not_exists on an idempotency key makes a repeated write fail cleanly, version attributes give optimistic locking, and TransactWriteItems accepts a client token that makes retries idempotent for 10 minutes.',
        sources: [
          { title: 'DynamoDB condition expressions', url: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.ConditionExpressions.html' },
          { title: 'Amazon DynamoDB Transactions: How it works', url: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/transaction-apis.html' },
        ],
      },
      {
        id: 'A36.stream-records-each-change-once-in-order',
        says: 'Pick up changes from DynamoDB Streams and push the new state onward.',
        verdict: 'holds',
        truth: 'Each item change appears once in the stream, in order per item, for 24 hours; a Lambda event source mapping reads it, retries failed batches and can split batches or send failures to an on-failure destination.',
        sources: [
          { title: 'Change data capture for DynamoDB Streams', url: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Streams.html' },
          { title: 'Using AWS Lambda with Amazon DynamoDB', url: 'https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html' },
        ],
        planned: { lab: 'dynamodb-conditional-writes', note: 'Update an item several times and show the stream records arrive in order for that key.' },
      },
      {
        id: 'A36.lambda-processes-events-at-least-once',
        says: 'Design for retries and repeated events so they cannot cause race conditions.',
        verdict: 'holds',
        truth: 'Lambda processes stream and queue events at least once, so handlers must be idempotent (for example with a conditional write on an event ID).',
        sources: [
          { title: 'Using AWS Lambda with Amazon DynamoDB', url: 'https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html' },
        ],
        conceptual: 'Duplicate deliveries cannot be produced on demand.',
      },
    ],
  },
  {
    id: 'A37', level: 'advanced', topic: 'security',
    question: 'An EC2 instance may be compromised: how do you spot it and contain it?',
    claims: [
      {
        id: 'A37.guardduty-analyses-trail-flow-and-dns-logs',
        says: 'Detect anomalies with GuardDuty and CloudTrail.',
        verdict: 'holds',
        truth: 'GuardDuty analyses CloudTrail, VPC Flow Logs and DNS logs (plus runtime monitoring where enabled) and raises findings for instance compromise; CloudTrail shows API calls made with the instance role.',
        sources: [
          { title: 'What is Amazon GuardDuty?', url: 'https://docs.aws.amazon.com/guardduty/latest/ug/what-is-guardduty.html' },
          { title: 'What Is AWS CloudTrail?', url: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-user-guide.html' },
        ],
        conceptual: 'Findings need real malicious activity; generating it in a lab is not appropriate.',
      },
      {
        id: 'A37.security-group-change-keeps-tracked-connections',
        says: 'Isolate the instance by changing its security groups or moving it to a quarantine VPC.',
        verdict: 'oversimplified',
        truth: 'Changing security groups does not cut connections that are already tracked; they continue until they time out, so add a network ACL deny (stateless, drops existing flows) as well as an isolation security group, detach the instance from its Auto Scaling group and load balancer, and enable termination protection.',
        sources: [
          { title: 'Amazon EC2 security group connection tracking', url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/security-group-connection-tracking.html' },
        ],
        planned: { lab: 'ec2-security-group-isolation', note: 'Hold an SSH session open, swap the instance to a security group with no rules, and show the session survives until a NACL deny is added.' },
      },
      {
        id: 'A37.create-image-reboots-by-default',
        says: 'Create an AMI for forensic analysis.',
        verdict: 'oversimplified',
        truth: 'CreateImage reboots the instance by default, which destroys volatile memory evidence; capture memory first and take EBS snapshots (or use the no-reboot option, accepting crash-consistent data).',
        sources: [
          { title: 'CreateImage - Amazon EC2 API Reference', url: 'https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateImage.html' },
        ],
        planned: { lab: 'ec2-forensic-snapshot', note: 'Call CreateImage without NoReboot and observe the instance reboot (uptime resets).' },
      },
      {
        id: 'A37.revoke-role-sessions-and-rebuild',
        says: 'Cut off its credentials, inform the teams involved, and rebuild from a known-good image.',
        verdict: 'holds',
        truth: 'Revoke the instance role\'s active sessions, rotate any secrets it could read, and replace the instance from a trusted image.',
        sources: [
          { title: 'Revoke IAM role temporary security credentials', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_revoke-sessions.html' },
        ],
        conceptual: 'Procedural response steps; nothing to measure.',
      },
    ],
  },
  {
    id: 'A38', level: 'advanced', topic: 'storage',
    question: 'S3 Intelligent-Tiering or lifecycle rules: what is the difference?',
    claims: [
      {
        id: 'A38.intelligent-tiering-moves-by-access',
        says: 'Intelligent-Tiering moves objects between tiers automatically by access pattern, without rules.',
        verdict: 'holds',
        truth: 'Objects not accessed for 30 days move to Infrequent Access and after 90 days to Archive Instant Access, returning to Frequent Access when read; optional Archive and Deep Archive Access tiers can be enabled. Objects smaller than 128 KB are not monitored and stay at the Frequent Access rate.',
        sources: [
          { title: 'Storage class for automatically optimizing data with changing or unknown access patterns', url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/intelligent-tiering-overview.html' },
          { title: 'PutBucketIntelligentTieringConfiguration - Amazon S3 API Reference', url: 'https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketIntelligentTieringConfiguration.html' },
        ],
        conceptual: 'Tier moves happen after 30 and 90 days without access, too slow for a lab.',
      },
      {
        id: 'A38.lifecycle-rules-act-on-object-age',
        says: 'Lifecycle policies need manually defined, time-based transitions.',
        verdict: 'holds',
        truth: 'Lifecycle rules act on object age (or noncurrent-version age), filters and sizes, not on access, and can also expire objects.',
        sources: [
          { title: 'Managing the lifecycle of objects', url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lifecycle-mgmt.html' },
        ],
        conceptual: 'Transitions run after days; a lab cannot observe them quickly.',
      },
      {
        id: 'A38.monitoring-fee-but-no-retrieval-fees',
        says: 'Intelligent-Tiering suits unpredictable access but costs slightly more.',
        verdict: 'oversimplified',
        truth: 'It adds a small monthly monitoring and automation charge per object of 128 KB or more, but has no retrieval fees and its tiers are priced like the matching storage classes, so for unknown patterns it is often cheaper overall.',
        sources: [
          { title: 'Amazon S3 pricing', url: 'https://aws.amazon.com/s3/pricing/' },
          { title: 'Storage class for automatically optimizing data with changing or unknown access patterns', url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/intelligent-tiering-overview.html' },
        ],
        conceptual: 'A question of pricing or product positioning; nothing in a deployed lab would show it.',
      },
    ],
  },
  {
    id: 'A39', level: 'advanced', topic: 'compute',
    question: 'How would you optimize AWS for a high-frequency trading workload?',
    claims: [
      {
        id: 'A39.cluster-placement-group-lowest-latency',
        says: 'Use bare metal or Nitro instances in a cluster placement group.',
        verdict: 'holds',
        truth: 'A cluster placement group packs instances close together in one AZ for the lowest latency and highest per-flow throughput between them.',
        sources: [
          { title: 'Placement strategies for your placement groups', url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/placement-strategies.html' },
        ],
        planned: { lab: 'ec2-cluster-placement-group', note: 'Measure round-trip latency between two instances inside a cluster placement group and between two instances without one.' },
      },
      {
        id: 'A39.ena-instance-store-and-io2-block-express',
        says: 'Rely on ENA enhanced networking, instance-store NVMe and provisioned-IOPS volumes.',
        verdict: 'holds',
        truth: 'ENA provides high packet rates and low latency (ENA Express can cut tail latency further), instance store NVMe gives the fastest but ephemeral storage, and io2 Block Express volumes give sub-millisecond durable storage.',
        sources: [
          { title: 'Enable enhanced networking with ENA on your EC2 instances', url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/enhanced-networking-ena.html' },
          { title: 'Instance store temporary block storage for EC2 instances', url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/InstanceStorage.html' },
          { title: 'Amazon EBS Provisioned IOPS SSD volumes', url: 'https://docs.aws.amazon.com/ebs/latest/userguide/provisioned-iops.html' },
        ],
        conceptual: 'Microsecond-level latency depends on large instance types and tuning beyond a cheap lab.',
      },
      {
        id: 'A39.keep-latency-critical-parts-in-one-az',
        says: 'Reduce network hops by keeping traffic within Availability Zones.',
        verdict: 'holds',
        truth: 'Keep latency-critical components in a single AZ (a cluster placement group requires it) and accept that resilience then needs a separate standby design.',
        sources: [
          { title: 'Placement strategies for your placement groups', url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/placement-strategies.html' },
        ],
        conceptual: 'A placement decision; its benefit is measured together with the cluster placement group lab.',
      },
      {
        id: 'A39.brokers-add-millisecond-round-trips',
        says: 'Use FIFO processing and low-latency messaging such as Amazon MQ or Redis.',
        verdict: 'oversimplified',
        truth: 'Managed brokers and FIFO queues add network round trips of milliseconds, far above HFT budgets; in-memory stores like ElastiCache give sub-millisecond access, but the hot path usually stays in-process on the instance.',
        sources: [
          { title: 'What is Amazon ElastiCache?', url: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/WhatIs.html' },
          { title: 'Amazon SQS FIFO queues', url: 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/FIFO-queues.html' },
        ],
        conceptual: 'Comparing broker latencies at HFT scale needs production-grade load and instances.',
      },
    ],
  },
  {
    id: 'A40', level: 'advanced', topic: 'security',
    question: 'How can access from one AWS account into another be traced and audited?',
    claims: [
      {
        id: 'A40.cloudtrail-records-assume-role-sessions',
        says: 'Monitor cross-account activity through AssumeRole events in CloudTrail.',
        verdict: 'holds',
        truth: 'CloudTrail records AssumeRole calls and then every API call made with the role session, including the session name and the original caller, so activity can be traced back across accounts.',
        sources: [
          { title: 'Logging IAM and AWS STS API calls with AWS CloudTrail', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/cloudtrail-integration.html' },
          { title: 'What Is AWS CloudTrail?', url: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-user-guide.html' },
        ],
        planned: { lab: 'cloudtrail-assumerole-audit', note: 'Assume a role with a session name and a source identity, make a call, and find both in the CloudTrail events.' },
      },
      {
        id: 'A40.organization-trail-and-config-aggregator',
        says: 'Enable organization trails and link them with AWS Config.',
        verdict: 'holds',
        truth: 'An organization trail logs every member account to a central bucket, and a Config aggregator collects configuration and compliance data across accounts and Regions.',
        sources: [
          { title: 'Creating a trail for an organization', url: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/creating-trail-organization.html' },
          { title: 'Multi-Account Multi-Region Data Aggregation - AWS Config', url: 'https://docs.aws.amazon.com/config/latest/developerguide/aggregate-data.html' },
        ],
        conceptual: 'Needs an AWS Organization with several member accounts; a single-account lab cannot show it.',
      },
      {
        id: 'A40.source-identity-persists-through-chaining',
        says: 'Tag temporary role sessions with metadata to trace users across accounts.',
        verdict: 'holds',
        truth: 'Session tags and a source identity can be set when assuming a role; the source identity persists through role chaining, cannot be changed in the session, appears in CloudTrail, and can be required by the role trust policy.',
        sources: [
          { title: 'Monitor and control actions taken with assumed roles', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_control-access_monitor.html' },
        ],
        planned: { lab: 'cloudtrail-assumerole-audit', note: 'Chain from one role to another and show the same sourceIdentity appears on the second session events.' },
      },
    ],
  },
  {
    id: 'A41', level: 'advanced', topic: 'monitoring',
    question: 'How does AWS X-Ray help debug serverless microservices?',
    claims: [
      {
        id: 'A41.xray-sdks-in-maintenance-use-otel',
        says: 'Switch on tracing in API Gateway, in Lambda and in the services they call.',
        verdict: 'oversimplified',
        truth: 'Active tracing works for API Gateway REST APIs (not HTTP APIs) and Lambda; downstream calls need instrumentation, and since 25 February 2026 the X-Ray SDKs and daemon are in maintenance mode (end of support 25 February 2027), with AWS recommending OpenTelemetry-based instrumentation (ADOT) instead.',
        sources: [
          { title: 'Setting up AWS X-Ray with API Gateway REST APIs', url: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-xray.html' },
          { title: 'X-Ray SDK and daemon end of support timeline', url: 'https://docs.aws.amazon.com/xray/latest/devguide/xray-daemon-eos.html' },
        ],
        planned: { lab: 'xray-lambda-tracing', note: 'Enable tracing on a REST API stage and its Lambda function and see both segments in one trace.' },
      },
      {
        id: 'A41.segments-and-subsegments-build-trace-map',
        says: 'X-Ray records segments and subsegments per request and shows latencies, errors and dependencies.',
        verdict: 'holds',
        truth: 'Each service adds a segment, subsegments cover downstream calls, and the trace map shows latency and error rates between services.',
        sources: [
          { title: 'AWS X-Ray concepts', url: 'https://docs.aws.amazon.com/xray/latest/devguide/xray-concepts.html' },
        ],
        planned: { lab: 'xray-lambda-tracing', note: 'Call DynamoDB from the function and see the DynamoDB subsegment with its latency.' },
      },
      {
        id: 'A41.only-annotations-are-indexed',
        says: 'Filter traces using annotations and metadata.',
        verdict: 'wrong',
        truth: 'Only annotations are indexed and usable in filter expressions (up to 50 per trace); metadata is stored with the trace but is not indexed and cannot be used to search.',
        sources: [
          { title: 'Add annotations and metadata to segments with the X-Ray SDK for Node.js', url: 'https://docs.aws.amazon.com/xray/latest/devguide/xray-sdk-nodejs-segment.html' },
        ],
        planned: { lab: 'xray-lambda-tracing', note: 'Add an annotation and a metadata key with the same value; a filter expression finds the trace by the annotation but not by the metadata.' },
      },
    ],
  },
  {
    id: 'A42', level: 'advanced', topic: 'networking',
    question: 'How do Transit Gateway and VPC peering compare?',
    claims: [
      {
        id: 'A42.peering-is-not-transitive',
        says: 'Peering links exactly two VPCs and never forwards traffic on to a third.',
        verdict: 'holds',
        truth: 'A peering connection joins exactly two VPCs; traffic cannot pass through one VPC to reach a third, so a full mesh needs a connection per pair.',
        sources: [
          { title: 'What is VPC peering?', url: 'https://docs.aws.amazon.com/vpc/latest/peering/what-is-vpc-peering.html' },
        ],
        planned: { lab: 'vpc-peering-transitivity', note: 'Peer A-B and B-C; a ping from A to C fails even with routes added, while A-B and B-C work.' },
      },
      {
        id: 'A42.transit-gateway-supports-5000-attachments',
        says: 'A transit gateway is a routing hub that scales to thousands of VPCs plus on-premises links and routes between all of them.',
        verdict: 'holds',
        truth: 'A transit gateway supports up to 5,000 attachments (VPCs, VPN, Direct Connect gateways, peerings) with route tables for segmentation; it bills per attachment-hour plus per GB processed.',
        sources: [
          { title: 'AWS Transit Gateway Quotas', url: 'https://docs.aws.amazon.com/vpc/latest/tgw/transit-gateway-quotas.html' },
          { title: 'AWS Transit Gateway pricing', url: 'https://aws.amazon.com/transit-gateway/pricing/' },
        ],
        planned: { lab: 'vpc-peering-transitivity', note: 'Attach the same three VPCs to a transit gateway and show A reaches C.' },
      },
      {
        id: 'A42.peering-cheaper-for-few-heavy-links',
        says: 'Transit Gateway is the preferred hub-and-spoke choice.',
        verdict: 'holds',
        truth: 'It is the standard hub for many VPCs, but peering remains cheaper for a few heavily used links because it has no per-GB processing charge and no hub bandwidth limits.',
        sources: [
          { title: 'AWS Transit Gateway pricing', url: 'https://aws.amazon.com/transit-gateway/pricing/' },
          { title: 'What is VPC peering?', url: 'https://docs.aws.amazon.com/vpc/latest/peering/what-is-vpc-peering.html' },
        ],
        conceptual: 'A question of pricing or product positioning; nothing in a deployed lab would show it.',
      },
    ],
  },
  {
    id: 'A43', level: 'advanced', topic: 'security',
    question: 'How do you prevent data exfiltration from S3 through unintended IAM roles?',
    claims: [
      {
        id: 'A43.deny-unapproved-principal-arns',
        says: 'Restrict bucket policies to specific roles with aws:PrincipalArn.',
        verdict: 'holds',
        truth: 'A deny on requests whose aws:PrincipalArn is not in an approved list (or aws:PrincipalOrgID for the whole organization) limits which identities can use the bucket.',
        sources: [
          { title: 'AWS global condition context keys', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html' },
          { title: 'Bucket policies for Amazon S3', url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-policies.html' },
        ],
        planned: { lab: 's3-data-perimeter', note: 'A role not in the allowed list is denied GetObject even though its identity policy allows s3:*.' },
      },
      {
        id: 'A43.endpoint-restrictions-use-source-vpce',
        says: 'Use aws:SourceArn in the bucket policy to allow access only from specific VPC endpoints.',
        verdict: 'wrong',
        truth: 'Endpoint restrictions use aws:SourceVpce (or aws:SourceVpc); aws:SourceArn identifies the resource on whose behalf an AWS service makes a request and is used against confused-deputy problems.',
        sources: [
          { title: 'Controlling access from VPC endpoints with bucket policies', url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-bucket-policies-vpc-endpoint.html' },
          { title: 'AWS global condition context keys', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html' },
        ],
      },
      {
        id: 'A43.guardduty-and-macie-detect-not-prevent',
        says: 'Turn on GuardDuty to spot unusual access and Macie to locate sensitive data.',
        verdict: 'holds',
        truth: 'GuardDuty S3 Protection analyses S3 data events for anomalous access; Macie locates sensitive data so you know what to protect. Both detect, neither prevents.',
        sources: [
          { title: 'Amazon GuardDuty S3 Protection', url: 'https://docs.aws.amazon.com/guardduty/latest/ug/s3-protection.html' },
          { title: 'Default settings for automated sensitive data discovery - Amazon Macie', url: 'https://docs.aws.amazon.com/macie/latest/user/discovery-asdd-settings-defaults.html' },
        ],
        conceptual: 'Anomaly findings need unusual real activity over time.',
      },
      {
        id: 'A43.endpoint-policy-limits-to-org-buckets',
        says: 'Limit the paths data can take with policies on the VPC endpoints.',
        verdict: 'holds',
        truth: 'An endpoint policy that allows only buckets in your organization (aws:ResourceOrgID or aws:ResourceAccount) stops copying data to outside buckets through the endpoint; resource control policies extend such perimeters across an organization.',
        sources: [
          { title: 'Control access to VPC endpoints using endpoint policies', url: 'https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html' },
          { title: 'Resource control policies (RCPs) - AWS Organizations', url: 'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html' },
        ],
        planned: { lab: 's3-data-perimeter', note: 'With an endpoint policy limited to the lab account, a PutObject to a bucket of another account through the endpoint is denied.' },
      },
    ],
  },
  {
    id: 'A44', level: 'advanced', topic: 'analytics',
    question: 'How do you ingest real-time data on AWS at scale?',
    claims: [
      {
        id: 'A44.kinesis-and-msk-capacity-modes',
        says: 'Ingest events with Amazon Kinesis or Amazon MSK.',
        verdict: 'holds',
        truth: 'Kinesis Data Streams runs in on-demand or provisioned capacity mode, and MSK offers provisioned or serverless Kafka clusters.',
        sources: [
          { title: 'Choose the data stream capacity mode - Amazon Kinesis Data Streams', url: 'https://docs.aws.amazon.com/streams/latest/dev/how-do-i-size-a-stream.html' },
          { title: 'What is Amazon MSK?', url: 'https://docs.aws.amazon.com/msk/latest/developerguide/what-is-msk.html' },
        ],
        planned: { lab: 'kinesis-lambda-pipeline', note: 'Put records into an on-demand stream and consume them with a Lambda event source mapping.' },
      },
      {
        id: 'A44.kinesis-analytics-renamed-managed-flink',
        says: 'Process records with Lambda, with Kinesis Data Analytics, or with Apache Flink.',
        verdict: 'outdated',
        truth: 'Kinesis Data Analytics was renamed Amazon Managed Service for Apache Flink in August 2023, and Kinesis Data Analytics for SQL applications was discontinued (no new applications from 15 October 2025, applications deleted from 27 January 2026); use Lambda or Managed Service for Apache Flink.',
        sources: [
          { title: 'What is Amazon Managed Service for Apache Flink?', url: 'https://docs.aws.amazon.com/managed-flink/latest/java/what-is.html' },
          { title: 'API Reference - Amazon Kinesis Data Analytics for SQL Applications (discontinuation notice)', url: 'https://docs.aws.amazon.com/kinesisanalytics/latest/dev/API_Reference.html' },
        ],
        changed: '2023-08',
        conceptual: 'A product rename and discontinuation; nothing to observe.',
      },
      {
        id: 'A44.redshift-streaming-ingestion-from-kinesis',
        says: 'Store the results in S3, Redshift or OpenSearch, with partitioning and compression for cost.',
        verdict: 'holds',
        truth: 'Firehose or Flink sinks write partitioned, compressed objects to S3 and load OpenSearch; Redshift can also ingest directly from Kinesis or MSK with streaming ingestion.',
        sources: [
          { title: 'What is Amazon Data Firehose?', url: 'https://docs.aws.amazon.com/firehose/latest/dev/what-is-this-service.html' },
          { title: 'DynamicPartitioningConfiguration - Amazon Data Firehose API Reference', url: 'https://docs.aws.amazon.com/firehose/latest/APIReference/API_DynamicPartitioningConfiguration.html' },
        ],
        planned: { lab: 'kinesis-lambda-pipeline', note: 'Deliver the stream through Firehose into partitioned, compressed S3 objects.' },
      },
      {
        id: 'A44.parallelism-bounded-by-shards-or-partitions',
        says: 'Handle variable load with autoscaling consumer groups.',
        verdict: 'oversimplified',
        truth: 'Parallelism is bounded by shards or partitions: Lambda processes each shard in order (up to 10 concurrent batches per shard with a parallelization factor), KCL workers share shards through leases, and Kafka consumer groups cannot exceed the partition count.',
        sources: [
          { title: 'Using AWS Lambda with Amazon Kinesis', url: 'https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis.html' },
        ],
        conceptual: 'Scaling limits appear only under sustained high load.',
      },
    ],
  },
  {
    id: 'A45', level: 'advanced', topic: 'iam',
    question: 'How do you give single sign-on across many AWS accounts?',
    claims: [
      {
        id: 'A45.identity-center-federates-saml-idp-with-scim',
        says: 'Use IAM Identity Center (formerly AWS SSO) federated with an identity provider such as Okta or Azure AD.',
        verdict: 'holds',
        truth: 'Identity Center connects to an external SAML 2.0 identity provider (Azure AD is now Microsoft Entra ID), usually with SCIM to provision users and groups automatically.',
        sources: [
          { title: 'Manage an external identity provider - IAM Identity Center', url: 'https://docs.aws.amazon.com/singlesignon/latest/userguide/manage-your-identity-source-idp.html' },
        ],
        conceptual: 'Needs an AWS Organization with several member accounts; a single-account lab cannot show it.',
      },
      {
        id: 'A45.permission-sets-provisioned-as-iam-roles',
        says: 'Assign permission sets to users and groups per account; users sign in once and reach many accounts with federated roles.',
        verdict: 'holds',
        truth: 'Each permission set assigned to an account is provisioned there as an IAM role (named AWSReservedSSO_...); users pick an account and role in the access portal and receive short-term credentials.',
        sources: [
          { title: 'Permission sets - IAM Identity Center', url: 'https://docs.aws.amazon.com/singlesignon/latest/userguide/permissionsetsconcept.html' },
        ],
        conceptual: 'Needs an AWS Organization with several member accounts; a single-account lab cannot show it.',
      },
    ],
  },
  {
    id: 'A46', level: 'advanced', topic: 'iam',
    question: 'Why is a too-broad Lambda execution role dangerous, and what limits the damage?',
    claims: [
      {
        id: 'A46.broad-role-turns-bug-into-account-access',
        says: 'Excess permissions invite escalation, data leaks and abuse.',
        verdict: 'holds',
        truth: 'Anyone who can change the function code, or exploit it, acts with the full execution role, so a broad role turns a code bug into account-wide access.',
        sources: [
          { title: 'Defining Lambda function permissions with an execution role', url: 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html' },
        ],
        conceptual: 'A risk statement; nothing to observe.',
      },
      {
        id: 'A46.per-function-role-and-policy-generation',
        says: 'Scope policies tightly with resource-level permissions, use boundaries, and analyse policies with IAM Access Analyzer.',
        verdict: 'holds',
        truth: 'Give each function its own role limited to specific resources, generate a least-privilege policy from CloudTrail activity with Access Analyzer policy generation, and cap roles with permissions boundaries (and SCPs in an organization).',
        sources: [
          { title: 'IAM Access Analyzer policy generation', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-policy-generation.html' },
          { title: 'Permissions boundaries for IAM entities', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html' },
        ],
        planned: { lab: 'lambda-least-privilege-role', note: 'Run a function with a narrow role: access to its own table succeeds, to another table is denied; generate a policy from its CloudTrail activity.' },
      },
    ],
  },
  {
    id: 'A47', level: 'advanced', topic: 'database',
    question: 'How can reads be strongly consistent in a DynamoDB global table?',
    claims: [
      {
        id: 'A47.global-tables-support-mrsc-since-2025',
        says: 'Global tables are eventually consistent only and do not support strong consistency.',
        verdict: 'outdated',
        truth: 'Since June 2025 a global table can use multi-Region strong consistency (MRSC): three replicas, or two replicas and a witness, within one supported Region set, where a strongly consistent read in any Region returns the latest write. In the default MREC mode a strongly consistent read reflects only writes already applied in that Region.',
        sources: [
          { title: 'How DynamoDB global tables work', url: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/V2globaltables_HowItWorks.html' },
          { title: 'Overview of global tables - AWS Prescriptive Guidance', url: 'https://docs.aws.amazon.com/prescriptive-guidance/latest/dynamodb-global-tables/overview.html' },
        ],
        changed: '2025-06',
      },
      {
        id: 'A47.transactions-acid-only-in-one-region',
        says: 'Use DynamoDB transactions for strong consistency within a Region.',
        verdict: 'oversimplified',
        truth: 'Transactions are ACID only in the Region where they run; in an MREC global table the items of a transaction replicate individually, so other Regions can see part of a transaction before the rest.',
        sources: [
          { title: 'Overview of global tables - AWS Prescriptive Guidance', url: 'https://docs.aws.amazon.com/prescriptive-guidance/latest/dynamodb-global-tables/overview.html' },
          { title: 'Amazon DynamoDB Transactions: How it works', url: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/transaction-apis.html' },
        ],
        planned: { lab: 'dynamodb-global-tables', note: 'Write two items in one transaction in Region A and poll Region B to see whether they appear at different times.' },
      },
      {
        id: 'A47.home-region-writes-with-conditional-versions',
        says: 'Otherwise add versioning, conflict resolution or quorum reads in the application.',
        verdict: 'oversimplified',
        truth: 'MRSC now provides cross-Region strong consistency natively; without it, the usual pattern is to route writes for an item to one home Region and use version attributes with conditional writes, not application-level quorum reads.',
        sources: [
          { title: 'Overview of global tables - AWS Prescriptive Guidance', url: 'https://docs.aws.amazon.com/prescriptive-guidance/latest/dynamodb-global-tables/overview.html' },
          { title: 'DynamoDB condition expressions', url: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.ConditionExpressions.html' },
        ],
        conceptual: 'A design pattern; its correctness is argued, not measured.',
      },
    ],
  },
  {
    id: 'A48', level: 'advanced', topic: 'architecture',
    question: 'What are the architectural implications of AWS Outposts?',
    claims: [
      {
        id: 'A48.outposts-run-aws-infrastructure-on-premises',
        says: 'Outposts put AWS services in your own facility for workloads that need low latency or local data.',
        verdict: 'holds',
        truth: 'Outposts racks and servers run AWS infrastructure (EC2, EBS, and on racks services such as RDS and S3 on Outposts) in your data centre, managed with the same APIs as the parent Region.',
        sources: [
          { title: 'What is AWS Outposts?', url: 'https://docs.aws.amazon.com/outposts/latest/userguide/what-is-outposts.html' },
        ],
        conceptual: 'Needs AWS hardware installed on premises.',
      },
      {
        id: 'A48.service-link-connects-outpost-to-region',
        says: 'An Outpost depends on good local facilities and a reliable link to its AWS Region.',
        verdict: 'holds',
        truth: 'You provide space, power, cooling and networking; the Outpost keeps an encrypted service link back to its home Region that carries management traffic and VPC traffic to the Region.',
        sources: [
          { title: 'Connectivity through service link - AWS Outposts', url: 'https://docs.aws.amazon.com/outposts/latest/server-userguide/service-links.html' },
        ],
        conceptual: 'Needs AWS hardware installed on premises.',
      },
      {
        id: 'A48.aws-delivers-outpost-updates-and-repairs',
        says: 'You have to plan for latency between site and Region, for updates, and for failover between Outpost and Region.',
        verdict: 'oversimplified',
        truth: 'AWS, not you, delivers firmware and software updates over the service link and replaces failed hardware; your part is capacity planning (capacity is fixed to what is installed), resilience to a service-link outage, and failover to the Region or a second Outpost.',
        sources: [
          { title: 'Connectivity through service link - AWS Outposts', url: 'https://docs.aws.amazon.com/outposts/latest/server-userguide/service-links.html' },
          { title: 'What is AWS Outposts?', url: 'https://docs.aws.amazon.com/outposts/latest/userguide/what-is-outposts.html' },
        ],
        conceptual: 'Needs AWS hardware installed on premises.',
      },
    ],
  },
  {
    id: 'A49', level: 'advanced', topic: 'security',
    question: 'How do you make sure data is encrypted, stored and moving, everywhere on AWS?',
    claims: [
      {
        id: 'A49.s3-encrypts-new-objects-by-default',
        says: 'Require server-side encryption such as SSE-KMS through IAM policies, bucket policies and service settings.',
        verdict: 'oversimplified',
        truth: 'Since 5 January 2023 S3 encrypts every new object with SSE-S3 by default, so policies are needed only to require a specific method such as SSE-KMS (default bucket encryption or a deny on the wrong s3:x-amz-server-side-encryption value); EBS encryption by default is an account-and-Region setting, and RDS encryption is chosen at creation.',
        sources: [
          { title: 'Using server-side encryption with Amazon S3 managed keys (SSE-S3)', url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingServerSideEncryption.html' },
          { title: 'Enable Amazon EBS encryption by default', url: 'https://docs.aws.amazon.com/ebs/latest/userguide/encryption-by-default.html' },
        ],
      },
      {
        id: 'A49.security-groups-cannot-enforce-tls',
        says: 'Enforce HTTPS with security groups and load balancer listeners.',
        verdict: 'wrong',
        truth: 'Security groups filter only by protocol, port and address and cannot tell whether traffic is TLS; HTTPS is enforced with HTTPS listeners and TLS security policies (redirecting HTTP to HTTPS) and, for S3 and other APIs, with a deny on aws:SecureTransport false.',
        sources: [
          { title: 'Control traffic to your AWS resources using security groups', url: 'https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html' },
          { title: 'Create an HTTPS listener for your Application Load Balancer', url: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/create-https-listener.html' },
          { title: 'Security best practices for Amazon S3', url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html' },
        ],
      },
      {
        id: 'A49.config-detects-preventive-controls-enforce',
        says: 'AWS Config and Security Hub monitor and enforce these controls centrally.',
        verdict: 'oversimplified',
        truth: 'Config rules and Security Hub CSPM controls detect unencrypted resources; enforcement needs preventive controls (SCPs, resource control policies, policy conditions, encryption-by-default settings) or remediation actions.',
        sources: [
          { title: 'AWS Security Hub CSPM API Reference', url: 'https://docs.aws.amazon.com/securityhub/1.0/APIReference/Welcome.html' },
          { title: 'Remediating noncompliant resources with AWS Config', url: 'https://docs.aws.amazon.com/config/latest/developerguide/remediation.html' },
        ],
        conceptual: 'Detection across accounts needs organization-wide aggregation.',
      },
    ],
  },
  {
    id: 'A50', level: 'advanced', topic: 'deployment',
    question: 'How do you check IaC templates for security and compliance before they are deployed?',
    claims: [
      {
        id: 'A50.static-scanners-run-before-deployment',
        says: 'Scan CloudFormation or Terraform templates in CI/CD with tools such as cfn-nag, Checkov or tfsec.',
        verdict: 'holds',
        truth: 'Static scanners run in the pipeline before deployment; AWS also provides cfn-lint for template correctness and CloudFormation Guard for policy-as-code rules. Of the tools named, tfsec is no longer where development happens: its maintainers (Aqua Security) moved its Terraform checks into Trivy and ask users to migrate to trivy config.',
        sources: [
          { title: 'What is AWS CloudFormation Guard?', url: 'https://docs.aws.amazon.com/cfn-guard/latest/ug/what-is-guard.html' },
        ],
        conceptual: 'Runs in CI on template files; no AWS resource is involved.',
      },
      {
        id: 'A50.hooks-block-before-resource-creation',
        says: 'Combine with AWS Config rules and OPA policies to enforce guardrails.',
        verdict: 'oversimplified',
        truth: 'Config rules are detective by default and evaluate deployed resources; proactive evaluation mode can check a resource configuration before deployment but does not block it. Blocking before creation is done with CloudFormation Hooks (Guard or Lambda hooks, or Control Tower proactive controls).',
        sources: [
          { title: 'List of AWS Config Managed Rules by Evaluation Mode', url: 'https://docs.aws.amazon.com/config/latest/developerguide/managed-rules-by-evaluation-mode.html' },
          { title: 'Creating and managing AWS CloudFormation Hooks', url: 'https://docs.aws.amazon.com/cloudformation-cli/latest/hooks-userguide/creating-and-managing-hooks.html' },
        ],
        planned: { lab: 'cloudformation-guard-hook', note: 'Activate a Guard hook that requires bucket encryption and show a stack creating an unencrypted bucket fails before the bucket exists.' },
      },
      {
        id: 'A50.sandbox-accounts-and-change-sets',
        says: 'Do dry-run validations in sandbox accounts.',
        verdict: 'holds',
        truth: 'Deploy to isolated sandbox accounts first and preview changes with change sets before updating real stacks.',
        sources: [
          { title: 'Update CloudFormation stacks using change sets', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-cfn-updating-stacks-changesets.html' },
        ],
        conceptual: 'A process practice; nothing to measure.',
      },
    ],
  },
];
