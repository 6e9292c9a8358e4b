import type { CatalogEntry } from '../lib/lab-kit/catalog/model';

/** Beginner questions B1–B25, audited against the AWS documentation on 2026-11-23. */
export const BEGINNER: readonly CatalogEntry[] = [
  {
    id: 'B1', level: 'beginner', topic: 'iam',
    question: 'How does an IAM user differ from an IAM role?',
    claims: [
      {
        id: 'B1.user-has-long-term-credentials',
        says: 'An IAM user stands for one person or application and signs in with long-lived credentials such as a password or access keys.',
        verdict: 'holds',
        truth: 'An IAM user is an identity with long-term credentials (console password, access keys beginning with AKIA) that stay valid until rotated or deleted. AWS now recommends federation or IAM Identity Center for people and keeps IAM users for the few cases that need long-term credentials.',
        sources: [
          { title: 'Use cases for IAM users', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/gs-identities-iam-users.html' },
          { title: 'Programmatic access with AWS security credentials', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/security-creds-programmatic-access.html' },
        ],
        planned: { lab: 'iam-temporary-credentials', note: 'Create an access key for a throwaway IAM user and show its AKIA prefix and absence of an expiry time.' },
      },
      {
        id: 'B1.role-issues-temporary-credentials',
        says: 'A role hands out temporary permissions to whoever assumes it (users, applications, AWS services), which avoids long-lived secrets and enables delegated access.',
        verdict: 'holds',
        truth: 'A role has no password or access keys of its own; a trusted principal assumes it through AWS STS and receives temporary credentials (ASIA prefix, session token, expiry). Roles are the mechanism for cross-account access, service roles and workload identities.',
        sources: [
          { title: 'IAM roles', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles.html' },
          { title: 'SEC02-BP02 Use temporary credentials', url: 'https://docs.aws.amazon.com/wellarchitected/latest/framework/sec_identities_unique.html' },
        ],
      },
    ],
  },
  {
    id: 'B2', level: 'beginner', topic: 'networking',
    question: 'Does an instance sitting in a public subnet get internet access when it has neither a public IPv4 address nor an Elastic IP?',
    claims: [
      {
        id: 'B2.public-ip-reaches-internet',
        says: 'An instance in a public subnet reaches the internet when it has a public or Elastic IP address.',
        verdict: 'holds',
        truth: 'An instance in a subnet whose default route targets an internet gateway, with a public IPv4 or Elastic IP address, reaches the internet; the internet sees that public address (the gateway translates it 1:1).',
        sources: [
          { title: 'Enable internet access for a VPC using an internet gateway', url: 'https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Internet_Gateway.html' },
        ],
      },
      {
        id: 'B2.public-subnet-without-public-ip-is-offline',
        says: 'An instance in a public subnet without a public or Elastic IP address cannot reach the internet, even with a route to the internet gateway.',
        verdict: 'holds',
        truth: 'The internet gateway only translates private addresses that have a public IPv4 address; an instance without one sends packets the gateway cannot translate, so it reaches nothing on the IPv4 internet (IPv6 with a global address is another matter).',
        sources: [
          { title: 'Enable internet access for a VPC using an internet gateway', url: 'https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Internet_Gateway.html' },
          { title: 'Troubleshoot reachability issues', url: 'https://docs.aws.amazon.com/vpc/latest/userguide/route-table-routes-troubleshoot.html' },
        ],
      },
      {
        id: 'B2.nat-gateway-serves-public-subnet',
        says: 'An instance in a public subnet that lacks a public IP can use a NAT gateway to reach the internet instead.',
        verdict: 'oversimplified',
        truth: 'Routing uses the most specific matching route (longest prefix match). A public subnet sends 0.0.0.0/0 to the internet gateway, so an instance there without a public IPv4 address reaches nothing through it, and a NAT gateway does nothing for it unless the same route table sends more specific prefixes (a partner\'s /24, or 0.0.0.0/1 and 128.0.0.0/1) to a NAT gateway in another subnet; only traffic to those prefixes then leaves through the NAT gateway. The usual fix is a private subnet whose default route targets the NAT gateway, or a public IP.',
        sources: [
          { title: 'NAT gateways', url: 'https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html' },
          { title: 'Configure route tables', url: 'https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Route_Tables.html' },
          { title: 'How route priority works', url: 'https://docs.aws.amazon.com/vpc/latest/userguide/route-tables-priority.html' },
        ],
      },
    ],
  },
  {
    id: 'B3', level: 'beginner', topic: 'compute',
    question: 'What becomes of the data when an instance whose root device is an instance store volume is stopped and later started?',
    claims: [
      {
        id: 'B3.instance-store-root-cannot-be-stopped',
        says: 'Stopping an instance store-backed instance wipes the data on its root volume.',
        verdict: 'wrong',
        truth: 'An instance store-backed instance cannot be stopped or hibernated at all: StopInstances returns an error and the instance can only be rebooted (data kept) or terminated (data lost). Only EBS-backed instances can be stopped and started.',
        sources: [
          { title: 'StopInstances', url: 'https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_StopInstances.html' },
        ],
        conceptual: 'Instance store-backed AMIs are legacy and no longer offered for current Amazon Linux, so a cheap lab cannot launch one to try the stop.',
      },
      {
        id: 'B3.instance-store-data-lost-on-stop',
        says: 'Instance store volumes are temporary and their contents do not survive a stop.',
        verdict: 'holds',
        truth: 'Instance store data survives a reboot but is lost when the instance stops, hibernates or terminates, or the underlying disk fails; this applies to instance store data volumes on EBS-backed instances (for example c5d, m6id types).',
        sources: [
          { title: 'Data persistence for Amazon EC2 instance store volumes', url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instance-store-lifetime.html' },
        ],
        planned: { lab: 'instance-store-lifecycle', note: 'Write a file to the instance store of an EBS-backed d-type instance, reboot (file kept), then stop and start (volume blank).' },
      },
    ],
  },
  {
    id: 'B4', level: 'beginner', topic: 'storage',
    question: 'How does Amazon S3 achieve high availability and durability?',
    claims: [
      {
        id: 'B4.s3-replicates-across-azs-except-one-zone',
        says: 'S3 keeps copies of data in several Availability Zones of the Region.',
        verdict: 'oversimplified',
        truth: 'S3 Standard, Standard-IA, Intelligent-Tiering and the Glacier classes store data redundantly across at least three Availability Zones, but S3 One Zone-IA and S3 Express One Zone (directory buckets) keep data in a single AZ and lose it if that AZ is destroyed.',
        sources: [
          { title: 'Understanding and managing Amazon S3 storage classes', url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/storage-class-intro.html' },
          { title: 'S3 Express One Zone Availability Zones and Regions', url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-express-Endpoints.html' },
        ],
        conceptual: 'Where AWS places replicas inside its data centers is not observable from a customer account.',
      },
      {
        id: 'B4.s3-designed-for-eleven-nines-durability',
        says: 'S3 is built for eleven nines (99.999999999%) of durability.',
        verdict: 'holds',
        truth: 'All S3 storage classes are designed for 99.999999999% durability of objects over a year; this is a design target, not a contractual guarantee, and single-AZ classes can still lose data if their AZ is destroyed.',
        sources: [
          { title: 'Data protection in Amazon S3', url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/DataDurability.html' },
        ],
        conceptual: 'A durability design figure cannot be measured in a lab.',
      },
      {
        id: 'B4.s3-availability-varies-by-storage-class',
        says: 'S3 is available 99.99% of the time.',
        verdict: 'oversimplified',
        truth: 'Only S3 Standard is designed for 99.99% availability; Standard-IA and Intelligent-Tiering are designed for 99.9%, One Zone-IA for 99.5% and Express One Zone for 99.95%. The S3 SLA commits to less (99.9% monthly uptime for S3 Standard) and only grants service credits.',
        sources: [
          { title: 'Amazon S3 Storage Classes', url: 'https://aws.amazon.com/s3/storage-classes/' },
          { title: 'Amazon S3 Service Level Agreement', url: 'https://aws.amazon.com/s3/sla/' },
        ],
        conceptual: 'An availability design figure and an SLA are statements, not behaviour a lab can observe.',
      },
    ],
  },
  {
    id: 'B5', level: 'beginner', topic: 'storage',
    question: 'Can one EBS volume be attached to several EC2 instances at once?',
    claims: [
      {
        id: 'B5.ebs-volume-attaches-to-one-instance',
        says: 'Normally an EBS volume attaches to only one instance.',
        verdict: 'holds',
        truth: 'A volume attaches to one instance at a time unless it is a Provisioned IOPS SSD volume created with Multi-Attach enabled; gp2, gp3, st1, sc1 and magnetic volumes cannot be multi-attached.',
        sources: [
          { title: 'Attach a volume to multiple instances with Amazon EBS Multi-Attach', url: 'https://docs.aws.amazon.com/ebs/latest/userguide/ebs-volumes-multi.html' },
        ],
        planned: { lab: 'ebs-multi-attach', note: 'Attaching an attached gp3 volume to a second instance fails with VolumeInUse, and creating a gp3 volume with MultiAttachEnabled is rejected.' },
      },
      {
        id: 'B5.multi-attach-only-io1-io2-same-az',
        says: 'Multi-Attach lets io1 and io2 volumes attach to several instances in the same Availability Zone.',
        verdict: 'holds',
        truth: 'Multi-Attach works only for io1 and io2 volumes, and attaches one volume to up to 16 Nitro-based instances in the same Availability Zone; some Regions support it only for io2.',
        sources: [
          { title: 'Attach a volume to multiple instances with Amazon EBS Multi-Attach', url: 'https://docs.aws.amazon.com/ebs/latest/userguide/ebs-volumes-multi.html' },
        ],
        planned: { lab: 'ebs-multi-attach', note: 'Attach one small io2 volume with Multi-Attach to two t3 instances in one AZ and show both attachments in DescribeVolumes.' },
      },
      {
        id: 'B5.multi-attach-needs-cluster-aware-filesystem',
        says: 'It only works when the instances and the file system can handle concurrent access.',
        verdict: 'holds',
        truth: 'Standard file systems such as XFS, ext4 or NTFS are not safe for simultaneous writers; AWS requires a cluster-aware file system or an application that coordinates I/O (for example with NVMe reservations), otherwise data corruption follows.',
        sources: [
          { title: 'Attach a volume to multiple instances with Amazon EBS Multi-Attach', url: 'https://docs.aws.amazon.com/ebs/latest/userguide/ebs-volumes-multi.html' },
        ],
        conceptual: 'Showing corruption from an unsupported file system is a destructive, nondeterministic experiment, not a reliable check.',
      },
    ],
  },
  {
    id: 'B6', level: 'beginner', topic: 'security',
    question: 'What does a security group allow in and out by default?',
    claims: [
      {
        id: 'B6.new-sg-allows-all-outbound',
        says: 'Outbound traffic is allowed by default.',
        verdict: 'holds',
        truth: 'A newly created security group has one outbound rule allowing all traffic to 0.0.0.0/0 (and ::/0 where the VPC has IPv6); you can remove it to restrict egress.',
        sources: [
          { title: 'Security groups for your VPC', url: 'https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html' },
        ],
      },
      {
        id: 'B6.new-sg-has-no-inbound-rules',
        says: 'All inbound traffic is denied by default.',
        verdict: 'oversimplified',
        truth: 'A new custom security group has no inbound rules, but the VPC default security group allows inbound traffic from any resource that uses the same group; and because security groups are stateful, replies to allowed outbound connections come back in without an inbound rule.',
        sources: [
          { title: 'Default security groups for your VPCs', url: 'https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html' },
          { title: 'Security groups for your VPC', url: 'https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html' },
        ],
      },
      {
        id: 'B6.sg-rules-are-allow-only',
        says: 'You open inbound access by adding explicit rules.',
        verdict: 'holds',
        truth: 'Security group rules are allow-only; you add inbound allow rules by protocol, port and source (CIDR, prefix list or another security group), and you cannot write deny rules, which need network ACLs instead.',
        sources: [
          { title: 'Security group rules', url: 'https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html' },
        ],
        planned: { lab: 'security-group-defaults', note: 'A probe to a port is refused until an inbound rule for it is added.' },
      },
    ],
  },
  {
    id: 'B7', level: 'beginner', topic: 'networking',
    question: 'How does a NAT gateway compare with a NAT instance?',
    claims: [
      {
        id: 'B7.nat-gateway-highly-available',
        says: 'A NAT gateway is a managed service that is highly available and scales on its own.',
        verdict: 'oversimplified',
        truth: 'A (zonal) NAT gateway is managed and scales to 100 Gbps, but it is redundant only within its Availability Zone: surviving an AZ failure takes one NAT gateway per AZ with per-AZ routes, or a regional NAT gateway (available since 2025-11-19), which spans AZs and needs no public subnet.',
        sources: [
          { title: 'NAT gateways', url: 'https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html' },
          { title: 'Compare NAT gateways and NAT instances', url: 'https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-comparison.html' },
          { title: 'Regional NAT gateways for automatic multi-AZ expansion', url: 'https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateways-regional.html' },
        ],
      },
      {
        id: 'B7.nat-instance-is-managed-by-you',
        says: 'A NAT instance is an EC2 instance you configure and manage yourself, and it scales less well.',
        verdict: 'holds',
        truth: 'A NAT instance works only after you disable its source/destination check and configure forwarding and masquerading in its OS; you patch it, size it (its bandwidth is its instance type\'s) and handle its failover. It can use security groups and serve as a bastion, which a NAT gateway cannot.',
        sources: [
          { title: 'NAT instances', url: 'https://docs.aws.amazon.com/vpc/latest/userguide/VPC_NAT_Instance.html' },
          { title: 'Compare NAT gateways and NAT instances', url: 'https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-comparison.html' },
        ],
      },
    ],
  },
  {
    id: 'B8', level: 'beginner', topic: 'serverless',
    question: 'Can a Lambda function run forever if configured for it?',
    claims: [
      {
        id: 'B8.lambda-timeout-max-15-minutes',
        says: 'No: one Lambda invocation is capped at 15 minutes.',
        verdict: 'oversimplified',
        truth: 'No invocation runs forever, but 15 minutes is the cap only for default functions: their timeout is 1 to 900 seconds and an invocation still running at the timeout is stopped. Functions on Lambda Managed Instances accept up to 5,400 seconds (90 minutes) for asynchronous invocations and event source mappings other than Amazon MQ and Amazon DocumentDB; synchronous calls keep the 15-minute cap.',
        sources: [
          { title: 'Configure Lambda function timeout', url: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html' },
          { title: 'Lambda quotas', url: 'https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html' },
          { title: 'Lambda Managed Instances', url: 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-managed-instances.html' },
        ],
      },
      {
        id: 'B8.long-workflows-can-stay-serverless',
        says: 'Long-running work therefore belongs on EC2, ECS or EKS.',
        verdict: 'oversimplified',
        truth: 'Those are valid choices, but long workflows can also stay serverless: Step Functions orchestrates steps for up to a year, and Lambda durable functions (since December 2025) checkpoint and resume an execution for up to one year while each invocation still respects the 15-minute limit.',
        sources: [
          { title: 'Lambda durable functions basic concepts', url: 'https://docs.aws.amazon.com/lambda/latest/dg/durable-basic-concepts.html' },
          { title: 'What is Step Functions?', url: 'https://docs.aws.amazon.com/step-functions/latest/dg/welcome.html' },
        ],
        conceptual: 'Choosing a compute service is a design recommendation, and a year-long execution is not a lab observation.',
      },
    ],
  },
  {
    id: 'B9', level: 'beginner', topic: 'storage',
    question: 'What happens to the objects in an S3 bucket when you delete the bucket?',
    claims: [
      {
        id: 'B9.delete-bucket-requires-empty-bucket',
        says: 'A bucket can be deleted only once it is empty.',
        verdict: 'holds',
        truth: 'DeleteBucket fails with BucketNotEmpty while any object, object version or delete marker remains. The console Empty action, or a lifecycle rule for very large buckets, removes the contents first.',
        sources: [
          { title: 'Deleting a bucket', url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/delete-bucket.html' },
          { title: 'Emptying a bucket', url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/empty-bucket.html' },
        ],
      },
      {
        id: 'B9.versioning-can-only-be-suspended',
        says: 'With versioning, you either delete every version or turn versioning off before deleting the bucket.',
        verdict: 'wrong',
        truth: 'Versioning can never be disabled once enabled, only suspended, and suspending keeps every existing version. You must permanently delete all object versions and delete markers (console Empty or lifecycle expiration of noncurrent versions) before the bucket can go.',
        sources: [
          { title: 'Retaining multiple versions of objects with S3 Versioning', url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html' },
          { title: 'Deleting objects from versioning-suspended buckets', url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/DeletingObjectsfromVersioningSuspendedBuckets.html' },
        ],
      },
    ],
  },
  {
    id: 'B10', level: 'beginner', topic: 'database',
    question: 'Can you SSH into an Amazon RDS database instance?',
    claims: [
      {
        id: 'B10.rds-has-no-os-access-except-custom',
        says: 'RDS offers no SSH access to its hosts.',
        verdict: 'oversimplified',
        truth: 'Standard RDS gives no operating-system access, only the database endpoint. RDS Custom (for Oracle and SQL Server) is the exception: it exposes the underlying EC2 host, reachable through SSH, RDP or Session Manager.',
        sources: [
          { title: 'Amazon RDS Custom architecture', url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/custom-concept.html' },
        ],
        conceptual: 'The absence of host access is a property of the managed service, and RDS Custom needs licensed engines too costly for a lab.',
      },
      {
        id: 'B10.rds-clients-connect-to-endpoint',
        says: 'You connect with a SQL client to the instance endpoint.',
        verdict: 'holds',
        truth: 'Clients connect to the DNS endpoint and port of the DB instance (or cluster) with the engine protocol, provided the security group and network path allow it; IAM database authentication is optional for MySQL and PostgreSQL.',
        sources: [
          { title: 'Connecting to an Amazon RDS DB instance', url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/CHAP_CommonTasks.Connect.html' },
        ],
        conceptual: 'This is the documented connection model; the rds-multi-az-failover lab already connects this way without making it a separate claim.',
      },
      {
        id: 'B10.private-rds-access-options-beyond-jump-host',
        says: 'A database in a private subnet is reached through an EC2 jump box.',
        verdict: 'oversimplified',
        truth: 'A jump host works, but AWS also offers Session Manager port forwarding to a remote host (no SSH port or public IP), VPN or Direct Connect, and CloudShell VPC environments; EC2 Instance Connect Endpoint is limited to SSH and RDP ports.',
        sources: [
          { title: 'Start a session (port forwarding to remote hosts)', url: 'https://docs.aws.amazon.com/systems-manager/latest/userguide/session-manager-working-with-sessions-start.html' },
          { title: 'Working with a DB instance in a VPC', url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html' },
        ],
        conceptual: 'A list of access patterns is advice, not a single behaviour to observe.',
      },
      {
        id: 'B10.public-rds-accepts-direct-connections',
        says: 'A publicly accessible RDS instance can be reached directly, though that is discouraged.',
        verdict: 'holds',
        truth: 'With PubliclyAccessible set, a public subnet route to an internet gateway and a security group that admits the client, the endpoint resolves to a public IP and accepts direct connections; AWS advises keeping databases private.',
        sources: [
          { title: 'Working with a DB instance in a VPC', url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html' },
        ],
        conceptual: 'Exposing a database to the internet is something the labs deliberately avoid.',
      },
    ],
  },
  {
    id: 'B11', level: 'beginner', topic: 'iam',
    question: 'Why might an EC2 instance be denied access to an S3 bucket whose bucket policy allows it?',
    claims: [
      {
        id: 'B11.same-account-bucket-policy-alone-suffices',
        says: 'Perhaps no IAM role with S3 permissions is attached to the instance.',
        verdict: 'oversimplified',
        truth: 'Within one account, an allow in either the bucket policy or the identity policy is enough, so a bucket policy that names the instance role grants access even if the role has no S3 policy; the instance still needs some credentials (an instance profile), since only a bucket policy allowing anonymous access works without them. Across accounts, both sides must allow.',
        sources: [
          { title: 'Policy evaluation for requests within a single account', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-basics.html' },
          { title: 'How Amazon S3 authorizes a request', url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/how-s3-evaluates-access-control.html' },
        ],
      },
      {
        id: 'B11.explicit-deny-or-network-path-blocks-s3',
        says: 'Another layer may be blocking it: the bucket policy, an ACL, a network ACL, or the policy on the VPC endpoint.',
        verdict: 'oversimplified',
        truth: 'Explicit denies in the bucket policy, a VPC endpoint policy, SCPs or RCPs, or a permissions boundary block access, as does a KMS key policy for SSE-KMS objects or a missing network path (no gateway endpoint or NAT). ACLs can only grant, never deny, and are disabled by default on new buckets since April 2023.',
        sources: [
          { title: 'Troubleshoot access denied (403 Forbidden) errors in Amazon S3', url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/troubleshoot-403-errors.html' },
          { title: 'Controlling ownership of objects and disabling ACLs for your bucket', url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html' },
        ],
      },
      {
        id: 'B11.s3-needs-network-path-and-policy-allow',
        says: 'Permissions and network configuration must both line up.',
        verdict: 'holds',
        truth: 'A request succeeds only when it reaches S3 (route, DNS, endpoint) and every applicable policy allows it with no explicit deny.',
        sources: [
          { title: 'Policy evaluation logic', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html' },
        ],
        planned: { lab: 's3-network-path', note: 'Remove the S3 route from the private subnet and the same, correctly authorized request times out.' },
      },
    ],
  },
  {
    id: 'B12', level: 'beginner', topic: 'storage',
    question: 'What changes when you turn on versioning for an S3 bucket?',
    claims: [
      {
        id: 'B12.versioning-does-not-prevent-deletion',
        says: 'Versioning keeps every version of an object and so prevents accidental deletion.',
        verdict: 'oversimplified',
        truth: 'Versioning keeps prior versions and turns a plain DELETE into a delete marker, so objects can be recovered; it does not prevent deletion, because anyone allowed s3:DeleteObjectVersion can remove versions permanently. MFA Delete or S3 Object Lock are needed to block that.',
        sources: [
          { title: 'Retaining multiple versions of objects with S3 Versioning', url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html' },
          { title: 'Locking objects with Object Lock', url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock.html' },
        ],
      },
      {
        id: 'B12.noncurrent-versions-billed-as-full-objects',
        says: 'Storage costs rise because each version is stored separately.',
        verdict: 'holds',
        truth: 'Every version is a full object billed at its storage class rate; lifecycle rules that expire or transition noncurrent versions keep the cost in check.',
        sources: [
          { title: 'Retaining multiple versions of objects with S3 Versioning', url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html' },
          { title: 'Managing the lifecycle of objects', url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lifecycle-mgmt.html' },
        ],
      },
    ],
  },
  {
    id: 'B13', level: 'beginner', topic: 'security',
    question: 'How do you store secrets such as API keys securely on AWS?',
    claims: [
      {
        id: 'B13.parameter-store-lacks-native-rotation',
        says: 'Use Secrets Manager or Parameter Store with encryption.',
        verdict: 'holds',
        truth: 'Secrets Manager stores KMS-encrypted secrets with built-in rotation and cross-account sharing; Parameter Store SecureString parameters are KMS-encrypted and cheaper but have no native rotation.',
        sources: [
          { title: 'What is AWS Secrets Manager?', url: 'https://docs.aws.amazon.com/secretsmanager/latest/userguide/intro.html' },
          { title: 'AWS Systems Manager Parameter Store', url: 'https://docs.aws.amazon.com/systems-manager/latest/userguide/systems-manager-parameter-store.html' },
        ],
        conceptual: 'A recommendation of services, not a behaviour a lab observes.',
      },
      {
        id: 'B13.ecs-injects-secrets-into-env-vars',
        says: 'Secrets should never live in environment variables or code.',
        verdict: 'oversimplified',
        truth: 'Never hard-code secrets, and AWS recommends Secrets Manager over plain Lambda environment variables, whose values anyone with GetFunctionConfiguration can read. But the sanctioned ECS pattern injects Secrets Manager or Parameter Store values into container environment variables at start, so the secret never sits in the task definition.',
        sources: [
          { title: 'Working with Lambda environment variables', url: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html' },
          { title: 'Pass Secrets Manager secrets through Amazon ECS environment variables', url: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/secrets-envvar-secrets-manager.html' },
        ],
        conceptual: 'A security practice and its exceptions, not an observable behaviour.',
      },
    ],
  },
  {
    id: 'B14', level: 'beginner', topic: 'serverless',
    question: 'Can AWS Lambda run Docker containers?',
    claims: [
      {
        id: 'B14.lambda-image-max-10-gb-in-ecr',
        says: 'Lambda accepts container images of up to 10 GB.',
        verdict: 'holds',
        truth: 'A container image deployment package may be up to 10 GB uncompressed, including all layers, and must be stored in Amazon ECR in the same Region.',
        sources: [
          { title: 'Lambda quotas', url: 'https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html' },
        ],
        conceptual: 'Pushing a 10 GB image to prove a quota is too slow and costly for a lab; the quota page is the authority.',
      },
      {
        id: 'B14.lambda-container-images-since-dec-2020',
        says: 'Container image packaging has been available since 2020.',
        verdict: 'holds',
        truth: 'Lambda added container images as a packaging format in December 2020.',
        sources: [
          { title: 'AWS Lambda now supports container images as a packaging format', url: 'https://aws.amazon.com/about-aws/whats-new/2020/12/aws-lambda-now-supports-container-images-as-a-packaging-format/' },
        ],
        conceptual: 'A launch date is history, not behaviour.',
      },
      {
        id: 'B14.lambda-image-needs-runtime-interface-client',
        says: 'So you can run Docker containers on Lambda, with custom runtimes and dependencies.',
        verdict: 'oversimplified',
        truth: 'Lambda runs an OCI or Docker image only as a function: the image must include a runtime interface client (AWS base images do) that speaks the Lambda Runtime API, and it is invoked per event under the 15-minute and memory limits, not run as a long-lived container serving its own ports.',
        sources: [
          { title: 'Create a Lambda function using a container image', url: 'https://docs.aws.amazon.com/lambda/latest/dg/images-create.html' },
        ],
        planned: { lab: 'lambda-container-image', note: 'An image from a plain base without the runtime interface client fails to initialize, while the same code on the AWS base image runs.' },
      },
    ],
  },
  {
    id: 'B15', level: 'beginner', topic: 'cost',
    question: 'How do Spot Instances differ from On-Demand Instances?',
    claims: [
      {
        id: 'B15.on-demand-linux-billed-per-second',
        says: 'On-Demand Instances are billed per hour or per second.',
        verdict: 'holds',
        truth: 'Linux, Windows and several other operating systems are billed per second with a 60-second minimum; some commercial OS images are billed per hour.',
        sources: [
          { title: 'Amazon EC2 On-Demand Pricing', url: 'https://aws.amazon.com/ec2/pricing/on-demand/' },
        ],
        conceptual: 'A pricing rule; the bill, not the API, shows it.',
      },
      {
        id: 'B15.on-demand-capacity-not-guaranteed',
        says: 'On-Demand capacity is always available.',
        verdict: 'wrong',
        truth: 'On-Demand capacity is not guaranteed: a launch can fail with InsufficientInstanceCapacity in a given AZ. Only On-Demand Capacity Reservations (or zonal Reserved Instances) reserve capacity.',
        sources: [
          { title: 'On-Demand Instances', url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-on-demand-instances.html' },
          { title: 'Reserve compute capacity with EC2 On-Demand Capacity Reservations', url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-capacity-reservations.html' },
        ],
        conceptual: 'Capacity shortages cannot be provoked on demand from one account.',
      },
      {
        id: 'B15.spot-interrupted-with-two-minute-warning',
        says: 'Spot Instances are cheaper but AWS can reclaim them at short notice when demand rises.',
        verdict: 'oversimplified',
        truth: 'Spot costs up to 90% less; EC2 interrupts it when it needs the capacity back (or, if you set a maximum price, when the Spot price exceeds it), with a two-minute warning through instance metadata and EventBridge. There is no bidding any more and interruption is possible at any time.',
        sources: [
          { title: 'Spot Instance interruptions', url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/spot-interruptions.html' },
          { title: 'Spot Instance interruption notices', url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/spot-instance-termination-notices.html' },
        ],
        conceptual: 'A real interruption cannot be scheduled; only AWS FIS can simulate one, which is outside a simple lab.',
      },
    ],
  },
  {
    id: 'B16', level: 'beginner', topic: 'iam',
    question: 'Define an IAM policy and explain what a policy granting full S3 access permits.',
    claims: [
      {
        id: 'B16.policy-statement-has-effect-action-resource',
        says: 'A policy is a JSON document that lists effects, actions and resources.',
        verdict: 'holds',
        truth: 'A policy has a Version (use 2012-10-17) and one or more statements, each with Effect, Action or NotAction, Resource or NotResource, and optional Condition; resource-based policies also need a Principal.',
        sources: [
          { title: 'IAM JSON policy elements: Statement', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_statement.html' },
          { title: 'IAM JSON policy elements: Version', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html' },
        ],
        conceptual: 'A definition of the policy language.',
      },
      {
        id: 'B16.s3-wildcard-excludes-other-s3-prefixes',
        says: 'An Allow of s3:* on resource * is a policy granting every S3 action on every bucket.',
        verdict: 'oversimplified',
        truth: 'The snippet is a single statement; a valid policy wraps it in Statement with a Version. It covers the s3 service prefix only, so S3 Express One Zone (s3express), S3 Tables (s3tables) and Object Lambda actions need their own prefixes, and explicit denies in bucket policies, SCPs, RCPs or permissions boundaries still win.',
        sources: [
          { title: 'Actions, resources, and condition keys for Amazon S3 Express', url: 'https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3express.html' },
          { title: 'Policy evaluation logic', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html' },
        ],
      },
      {
        id: 'B16.grant-least-privilege-with-access-analyzer',
        says: 'Such a policy is a security risk; production should follow least privilege.',
        verdict: 'holds',
        truth: 'AWS recommends granting only the actions and resources a task needs and refining with IAM Access Analyzer and last-accessed data.',
        sources: [
          { title: 'Security best practices in IAM', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html' },
        ],
        conceptual: 'A best-practice recommendation.',
      },
    ],
  },
  {
    id: 'B17', level: 'beginner', topic: 'deployment',
    question: 'Which AWS service automates infrastructure provisioning?',
    claims: [
      {
        id: 'B17.cloudformation-provisions-stacks-from-templates',
        says: 'CloudFormation provisions resources from JSON or YAML templates as infrastructure as code.',
        verdict: 'holds',
        truth: 'CloudFormation creates, updates and deletes stacks of resources from JSON or YAML templates, with change sets, drift detection and rollback.',
        sources: [
          { title: 'What is AWS CloudFormation?', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/Welcome.html' },
        ],
        conceptual: 'Every lab in this project is itself deployed by CloudFormation, so no separate lab claim is needed.',
      },
      {
        id: 'B17.cdk-and-sam-synthesize-cloudformation',
        says: 'Third-party tools such as Terraform are alternatives.',
        verdict: 'holds',
        truth: 'Terraform and Pulumi are common alternatives; AWS also offers the AWS CDK and AWS SAM, which synthesize CloudFormation templates.',
        sources: [
          { title: 'What is the AWS CDK?', url: 'https://docs.aws.amazon.com/cdk/v2/guide/home.html' },
        ],
        conceptual: 'A statement about the tooling landscape.',
      },
    ],
  },
  {
    id: 'B18', level: 'beginner', topic: 'networking',
    question: 'What is Elastic Load Balancing and how does it work?',
    claims: [
      {
        id: 'B18.elb-routes-to-target-groups',
        says: 'ELB spreads incoming traffic across EC2 instances, containers and other targets for availability and scale.',
        verdict: 'holds',
        truth: 'Load balancers route to targets registered in target groups: instances, IP addresses (including on-premises), Lambda functions (ALB) or another ALB (NLB), across the enabled Availability Zones.',
        sources: [
          { title: 'What is Elastic Load Balancing?', url: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/userguide/what-is-load-balancing.html' },
        ],
      },
      {
        id: 'B18.gwlb-works-at-layer-3',
        says: 'It works at the application layer (ALB), the transport layer (NLB) or the gateway level (GWLB).',
        verdict: 'oversimplified',
        truth: 'ALB is layer 7 and NLB layer 4, but Gateway Load Balancer works at layer 3 and distributes IP packets to third-party virtual appliances (firewalls, inspection) over GENEVE, not application traffic to app servers. The previous-generation Classic Load Balancer also still exists.',
        sources: [
          { title: 'Gateway Load Balancers', url: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/gateway/gateway-load-balancers.html' },
          { title: 'What is Elastic Load Balancing?', url: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/userguide/what-is-load-balancing.html' },
        ],
        conceptual: 'OSI layer placement is a definition; a GWLB needs an appliance fleet beyond a cheap lab.',
      },
      {
        id: 'B18.elb-fails-open-when-all-unhealthy',
        says: 'ELB health-checks its targets and sends traffic only to healthy ones.',
        verdict: 'oversimplified',
        truth: 'Load balancers route to healthy targets, but when every target in a target group is unhealthy an ALB or NLB fails open and sends traffic to all of them; target group health thresholds can tune DNS and routing failover.',
        sources: [
          { title: 'Health checks for Application Load Balancer target groups', url: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html' },
          { title: 'Health checks for Network Load Balancer target groups', url: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/network/target-group-health-checks.html' },
        ],
      },
    ],
  },
  {
    id: 'B19', level: 'beginner', topic: 'dns-cdn',
    question: 'What is Amazon Route 53 for?',
    claims: [
      {
        id: 'B19.route-53-is-authoritative-dns',
        says: 'Route 53 is a scalable DNS service that turns names into IP addresses.',
        verdict: 'holds',
        truth: 'Route 53 is an authoritative DNS service (public and private hosted zones) that answers queries for your records; it also provides the Route 53 Resolver inside VPCs.',
        sources: [
          { title: 'What is Amazon Route 53?', url: 'https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/Welcome.html' },
        ],
        conceptual: 'A service definition; a hosted zone also costs a monthly fee that a short lab cannot prorate.',
      },
      {
        id: 'B19.route-53-routes-to-any-endpoint',
        says: 'Its main job is to direct users to AWS resources such as EC2, S3 or CloudFront.',
        verdict: 'holds',
        truth: 'Route 53 routes DNS queries to any endpoint, AWS or not; alias records point at AWS resources (CloudFront, ELB, S3 website endpoints) at no query charge, and routing policies (weighted, latency, failover, geolocation) choose among answers.',
        sources: [
          { title: 'What is Amazon Route 53?', url: 'https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/Welcome.html' },
        ],
        conceptual: 'A description of the service scope.',
      },
      {
        id: 'B19.route-53-registers-domains-and-health-checks',
        says: 'It also registers domains and runs health checks to steer traffic to healthy resources.',
        verdict: 'holds',
        truth: 'Route 53 is also a domain registrar, and its health checks drive DNS failover by removing unhealthy records from answers.',
        sources: [
          { title: 'Configuring DNS failover', url: 'https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover.html' },
        ],
        conceptual: 'A feature list.',
      },
    ],
  },
  {
    id: 'B20', level: 'beginner', topic: 'monitoring',
    question: 'How do you monitor an EC2 instance with Amazon CloudWatch?',
    claims: [
      {
        id: 'B20.memory-metrics-need-cloudwatch-agent',
        says: 'CloudWatch gathers metrics, logs and events from the instance, such as CPU, disk I/O and network.',
        verdict: 'oversimplified',
        truth: 'Without any agent EC2 publishes hypervisor-level metrics (CPU, network, status checks, instance store and EBS I/O). Memory, disk-space usage and operating-system logs are not collected until you install the CloudWatch agent.',
        sources: [
          { title: 'CloudWatch metrics that are available for your instances', url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/viewing_metrics_with_cloudwatch.html' },
          { title: 'Collect metrics, logs, and traces using the CloudWatch agent', url: 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Install-CloudWatch-Agent.html' },
        ],
      },
      {
        id: 'B20.detailed-monitoring-sends-one-minute-metrics',
        says: 'Detailed monitoring gives finer-grained data.',
        verdict: 'holds',
        truth: 'Basic monitoring sends EC2 metrics every 5 minutes at no charge; detailed monitoring sends them every minute for an extra fee.',
        sources: [
          { title: 'Manage detailed monitoring for your EC2 instances', url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/manage-detailed-monitoring.html' },
        ],
      },
      {
        id: 'B20.alarms-run-sns-and-ec2-actions',
        says: 'Alarms can notify or act, for example reboot the instance, when a threshold is crossed.',
        verdict: 'holds',
        truth: 'Alarms can publish to SNS and run EC2 actions (stop, terminate, reboot, recover) as well as Auto Scaling and Systems Manager actions.',
        sources: [
          { title: 'Using Amazon CloudWatch alarm actions', url: 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/UsingAlarmActions.html' },
        ],
        planned: { lab: 'cloudwatch-ec2-metrics', note: 'An alarm with a reboot action forced into ALARM state reboots the instance (seen in its state history).' },
      },
    ],
  },
  {
    id: 'B21', level: 'beginner', topic: 'monitoring',
    question: 'Does deleting a CloudWatch Logs log group remove its logs at once?',
    claims: [
      {
        id: 'B21.log-group-deletion-is-permanent',
        says: 'Yes: the log group, its streams and all events are removed permanently and immediately, with no way back.',
        verdict: 'holds',
        truth: 'DeleteLogGroup permanently deletes the group and all its archived events and cannot be undone; only copies already exported to S3 or streamed through subscriptions survive. Log groups can now carry deletion protection, which blocks the delete until it is switched off.',
        sources: [
          { title: 'DeleteLogGroup', url: 'https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_DeleteLogGroup.html' },
          { title: 'Protecting log groups from deletion', url: 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/protecting-log-groups-from-deletion.html' },
        ],
        planned: { lab: 'cloudwatch-logs-deletion', note: 'Deleting a protected log group fails with ValidationException; after removing protection the delete succeeds and GetLogEvents returns ResourceNotFoundException.' },
      },
    ],
  },
  {
    id: 'B22', level: 'beginner', topic: 'storage',
    question: 'What happens to attached EBS volumes when an EC2 instance is terminated?',
    claims: [
      {
        id: 'B22.root-volume-deletes-on-termination-by-default',
        says: 'Volumes flagged Delete on Termination, which the root volume is by default, are deleted; the others remain as independent volumes.',
        verdict: 'holds',
        truth: 'DeleteOnTermination defaults to true for the root volume (as set in the AMI block device mapping) and false for volumes attached after launch; you can change it at launch or on a running instance, and volumes kept become available in the same AZ.',
        sources: [
          { title: 'Preserve data when an instance is terminated', url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/preserving-volumes-on-termination.html' },
          { title: 'Terminate Amazon EC2 instances', url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/terminating-instances.html' },
        ],
      },
    ],
  },
  {
    id: 'B23', level: 'beginner', topic: 'networking',
    question: 'How is a VPC different from a traditional network?',
    claims: [
      {
        id: 'B23.vpc-is-isolated-regional-network',
        says: 'A VPC is an AWS-hosted virtual network whose subnets, route tables and gateways are set up through code or the API.',
        verdict: 'holds',
        truth: 'A VPC is a logically isolated, Regional virtual network with your own CIDR ranges; subnets sit in one AZ each, and routing, gateways and endpoints are configured by API.',
        sources: [
          { title: 'How Amazon VPC works', url: 'https://docs.aws.amazon.com/vpc/latest/userguide/how-it-works.html' },
        ],
        conceptual: 'A definition.',
      },
      {
        id: 'B23.vpc-has-no-layer-2-broadcast',
        says: 'Unlike a traditional network it is entirely software-defined and integrates smoothly with AWS services.',
        verdict: 'oversimplified',
        truth: 'The practical differences run deeper: there is no layer-2 broadcast or multicast (except Transit Gateway multicast), an implicit router serves every subnet, AWS reserves five addresses in each subnet, and filtering uses stateful security groups plus stateless network ACLs.',
        sources: [
          { title: 'Subnet CIDR blocks', url: 'https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html' },
          { title: 'Amazon VPC FAQs', url: 'https://aws.amazon.com/vpc/faqs/' },
        ],
        conceptual: 'A comparison of architectures rather than one observable behaviour.',
      },
    ],
  },
  {
    id: 'B24', level: 'beginner', topic: 'storage',
    question: 'Can an EBS volume be enlarged without stopping the instance?',
    claims: [
      {
        id: 'B24.elastic-volumes-grow-attached-volume',
        says: 'Yes, a volume attached to a running instance can be grown in place.',
        verdict: 'holds',
        truth: 'Elastic Volumes grows size (and changes type, IOPS, throughput) on a volume attached to a current-generation instance without detaching it; volumes cannot shrink. Further changes wait until the modification completes, and the latest ModifyVolume reference allows up to four modifications in a rolling 24 hours instead of the older six-hour cooldown.',
        sources: [
          { title: 'Modify a volume using Amazon EBS Elastic Volumes', url: 'https://docs.aws.amazon.com/ebs/latest/userguide/ebs-modify-volume.html' },
          { title: 'ModifyVolume', url: 'https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifyVolume.html' },
        ],
      },
      {
        id: 'B24.grow-file-system-after-volume-resize',
        says: 'Afterwards the OS must grow its file system before the added capacity becomes usable.',
        verdict: 'holds',
        truth: 'After the volume enters the optimizing state you grow the partition (growpart) and the file system (resize2fs or xfs_growfs, or Disk Management on Windows).',
        sources: [
          { title: 'Extend the file system after resizing a volume', url: 'https://docs.aws.amazon.com/ebs/latest/userguide/recognize-expanded-volume-linux.html' },
        ],
      },
    ],
  },
  {
    id: 'B25', level: 'beginner', topic: 'architecture',
    question: 'What is an AWS Availability Zone for?',
    claims: [
      {
        id: 'B25.az-is-isolated-group-of-data-centers',
        says: 'An AZ is a separate location inside a Region, built from one or several data centers that each have their own power, cooling and network.',
        verdict: 'holds',
        truth: 'An AZ is one or more discrete data centers with redundant power, networking and connectivity, physically separated from the other AZs of the Region and linked by low-latency networking. AZ names map to different physical zones per account; AZ IDs (such as use1-az1) are consistent across accounts.',
        sources: [
          { title: 'Regions and Zones', url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-regions-availability-zones.html' },
          { title: 'Availability Zone IDs for your AWS resources', url: 'https://docs.aws.amazon.com/ram/latest/userguide/working-with-az-ids.html' },
        ],
        conceptual: 'Physical data center layout cannot be observed from an account.',
      },
      {
        id: 'B25.rds-spans-two-azs',
        says: 'Spreading resources such as EC2 instances or RDS databases over several Availability Zones gives high availability and fault tolerance.',
        verdict: 'holds',
        truth: 'A Multi-AZ DB instance keeps its primary and a synchronous standby in two different Availability Zones of one Region (its DB subnet group must cover at least two), so losing one zone leaves a current copy in the other, which RDS promotes.',
        sources: [
          { title: 'Multi-AZ DB instance deployments for Amazon RDS', url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZSingleStandby.html' },
          { title: 'Working with a DB instance in a VPC', url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html' },
        ],
      },
    ],
  },
];
