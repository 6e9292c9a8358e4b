import type { CatalogEntry } from '../lib/lab-kit/catalog/model';

/** Toptal questions T1–T10, audited against the AWS documentation on 2026-11-23. */
export const TOPTAL: readonly CatalogEntry[] = [
  {
    id: 'T1', level: 'toptal', topic: 'security',
    question: 'What is EC2 instance metadata, and how does an instance obtain IAM credentials?',
    claims: [
      {
        id: 'T1.imds-is-read-only-link-local',
        says: 'Instance metadata is a service reachable from inside the instance for querying or managing data about that running instance.',
        verdict: 'oversimplified',
        truth: 'The Instance Metadata Service at 169.254.169.254 (and fd00:ec2::254) is a read-only, link-local endpoint: code on the instance reads data about itself (ID, type, network, user data, tags if enabled) but cannot change the instance through it; changes go through the EC2 API.',
        sources: [
          { title: 'Use instance metadata to manage your EC2 instance', url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-instance-metadata.html' },
        ],
        planned: { lab: 'imds-credentials', note: 'A PUT or POST to a metadata path other than the token endpoint is refused; GETs with a token return the instance data.' },
      },
      {
        id: 'T1.imdsv2-requires-session-token',
        says: 'Reading the iam/security-credentials metadata category followed by the role name yields the temporary keys.',
        verdict: 'oversimplified',
        truth: 'The path is right when an instance profile is attached, but with IMDSv2 required (the default for AMIs flagged ImdsSupport v2.0, such as Amazon Linux 2023, and settable as an account default) a plain GET returns 401: the caller must first PUT to /latest/api/token and send the token header.',
        sources: [
          { title: 'Retrieve security credentials from instance metadata', url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instance-metadata-security-credentials.html' },
          { title: 'Configure the Instance Metadata Service options', url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-instance-metadata-service.html' },
        ],
      },
      {
        id: 'T1.sdks-fetch-and-refresh-role-credentials',
        says: 'The instance uses these temporary credentials automatically to call AWS services.',
        verdict: 'oversimplified',
        truth: 'The instance itself does nothing with them: AWS SDKs and the CLI running on it find them through the default credential provider chain and refresh them, and EC2 rotates them before they expire.',
        sources: [
          { title: 'Use an IAM role to grant permissions to applications running on Amazon EC2 instances', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_switch-role-ec2.html' },
        ],
        planned: { lab: 'imds-credentials', note: 'aws sts get-caller-identity on the instance returns the assumed-role ARN with no configured keys.' },
      },
    ],
  },
  {
    id: 'T2', level: 'toptal', topic: 'messaging',
    question: 'What are Amazon SQS and a dead-letter queue?',
    claims: [
      {
        id: 'T2.sqs-offers-standard-and-fifo-queues',
        says: 'SQS is a fully managed, distributed message queue used to decouple services.',
        verdict: 'holds',
        truth: 'SQS is a fully managed queue offering standard queues (at-least-once, best-effort ordering) and FIFO queues (ordered, exactly-once processing) for decoupling producers and consumers.',
        sources: [
          { title: 'What is Amazon Simple Queue Service?', url: 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/welcome.html' },
        ],
        conceptual: 'A service definition.',
      },
      {
        id: 'T2.dlq-is-an-ordinary-queue',
        says: 'A dead-letter queue is a special kind of queue that holds messages that could not be processed, mainly for debugging.',
        verdict: 'oversimplified',
        truth: 'A dead-letter queue is an ordinary queue of the same type as its source (standard or FIFO), which the source names in its redrive policy; the dead-letter queue\'s redrive-allow policy says which sources may use it. It isolates messages that keep failing so the rest of the queue keeps flowing, and it needs an alarm: nothing else tells you messages are piling up there.',
        sources: [
          { title: 'Using dead-letter queues in Amazon SQS', url: 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html' },
          { title: 'Creating alarms for dead-letter queues using Amazon CloudWatch', url: 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/dead-letter-queues-alarms-cloudwatch.html' },
        ],
      },
    ],
  },
  {
    id: 'T3', level: 'toptal', topic: 'deployment',
    question: 'Describe CodeCommit, CodeBuild, CodeDeploy and CodePipeline.',
    claims: [
      {
        id: 'T3.codecommit-closed-2024-reopened-2025',
        says: 'CodeCommit is a managed, scalable Git source control service.',
        verdict: 'oversimplified',
        truth: 'CodeCommit hosts private Git repositories; AWS closed it to new customers on 2024-07-25 and published migration guides, then returned it to general availability on 2025-11-24, so new accounts can use it again.',
        sources: [
          { title: 'What is AWS CodeCommit?', url: 'https://docs.aws.amazon.com/codecommit/latest/userguide/welcome.html' },
          { title: 'How to migrate your AWS CodeCommit repository to another Git provider', url: 'https://aws.amazon.com/blogs/devops/how-to-migrate-your-aws-codecommit-repository-to-another-git-provider/' },
          { title: 'The Future of AWS CodeCommit', url: 'https://aws.amazon.com/blogs/devops/aws-codecommit-returns-to-general-availability/' },
        ],
        conceptual: 'Service availability to new customers is an account-level policy, not lab behaviour.',
      },
      {
        id: 'T3.codebuild-runs-buildspec-in-managed-containers',
        says: 'CodeBuild is a managed service that builds, tests and produces artifacts, scaling on its own.',
        verdict: 'holds',
        truth: 'CodeBuild runs build and test commands from a buildspec in managed, on-demand containers (or Lambda and reserved fleets) and outputs artifacts, billing per build minute.',
        sources: [
          { title: 'What is AWS CodeBuild?', url: 'https://docs.aws.amazon.com/codebuild/latest/userguide/welcome.html' },
        ],
        conceptual: 'A service definition.',
      },
      {
        id: 'T3.codedeploy-targets-ec2-lambda-and-ecs',
        says: 'CodeDeploy automates deployments to compute such as EC2 instances or ECS.',
        verdict: 'holds',
        truth: 'CodeDeploy deploys to EC2 and on-premises servers (in-place or blue/green), to Lambda (traffic shifting between versions) and to ECS services (blue/green).',
        sources: [
          { title: 'What is CodeDeploy?', url: 'https://docs.aws.amazon.com/codedeploy/latest/userguide/welcome.html' },
        ],
        conceptual: 'A service definition.',
      },
      {
        id: 'T3.codepipeline-chains-stages-and-actions',
        says: 'CodePipeline is a continuous delivery service chaining build, test and deploy stages.',
        verdict: 'holds',
        truth: 'CodePipeline models release workflows as stages and actions (source, build, test, approval, deploy), integrating AWS and third-party providers such as GitHub through CodeConnections.',
        sources: [
          { title: 'What is AWS CodePipeline?', url: 'https://docs.aws.amazon.com/codepipeline/latest/userguide/welcome.html' },
        ],
        conceptual: 'A service definition.',
      },
    ],
  },
  {
    id: 'T4', level: 'toptal', topic: 'containers',
    question: 'What are EKS, ECS and Fargate?',
    claims: [
      {
        id: 'T4.eks-is-elastic-kubernetes-service',
        says: 'EKS stands for Amazon Elastic Container Service for Kubernetes.',
        verdict: 'outdated',
        truth: 'The service is named Amazon Elastic Kubernetes Service; the original launch name was dropped in 2019.',
        sources: [
          { title: 'What is Amazon EKS?', url: 'https://docs.aws.amazon.com/eks/latest/userguide/what-is-eks.html' },
        ],
        changed: '2019-06',
        conceptual: 'A product name.',
      },
      {
        id: 'T4.eks-control-plane-spans-three-azs',
        says: 'EKS runs a highly available, managed Kubernetes control plane with several master nodes.',
        verdict: 'holds',
        truth: 'Each cluster gets a dedicated control plane of at least two API server instances and three etcd instances spread over three AZs, scaled and patched by AWS; EKS Auto Mode can additionally manage the worker nodes.',
        sources: [
          { title: 'Amazon EKS architecture', url: 'https://docs.aws.amazon.com/eks/latest/userguide/eks-architecture.html' },
        ],
        conceptual: 'The control plane runs in an AWS-owned VPC that customers cannot inspect.',
      },
      {
        id: 'T4.ecs-schedules-tasks-onto-clusters',
        says: 'ECS is the AWS container orchestrator that manages containers and their lifecycle in clusters.',
        verdict: 'holds',
        truth: 'ECS schedules tasks and services from task definitions onto clusters backed by Fargate, EC2 Auto Scaling groups, ECS Managed Instances or external servers.',
        sources: [
          { title: 'Amazon ECS launch types and capacity providers', url: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/capacity-launch-type-comparison.html' },
        ],
        conceptual: 'A service definition.',
      },
      {
        id: 'T4.fargate-serves-both-ecs-and-eks',
        says: 'Fargate is an ECS launch type that runs containers without managing servers.',
        verdict: 'oversimplified',
        truth: 'Fargate is serverless compute for containers used by both ECS (launch type or Fargate and Fargate Spot capacity providers, which AWS now recommends) and EKS (Fargate profiles); each task or pod gets its own isolated environment.',
        sources: [
          { title: 'Amazon ECS launch types and capacity providers', url: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/capacity-launch-type-comparison.html' },
          { title: 'Simplify compute management with AWS Fargate', url: 'https://docs.aws.amazon.com/eks/latest/userguide/fargate.html' },
        ],
        conceptual: 'A statement about product scope.',
      },
    ],
  },
  {
    id: 'T5', level: 'toptal', topic: 'iam',
    question: 'Contractors in an IAM group called devops have left. What should you do?',
    claims: [
      {
        id: 'T5.delete-user-after-removing-credentials',
        says: 'Delete just their IAM users and keep the group for future hires.',
        verdict: 'oversimplified',
        truth: 'Deleting the users is right, but first review CloudTrail and last-accessed data, and rotate any shared secrets and keys they created or saw; outside the console, DeleteUser fails until access keys, login profile, MFA devices, SSH keys, service credentials, policies and group memberships are removed. Better still, give contractors federated or role-based access with no long-term keys.',
        sources: [
          { title: 'DeleteUser', url: 'https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteUser.html' },
          { title: 'Remove or deactivate an IAM user', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_users_remove.html' },
        ],
        planned: { lab: 'iam-user-offboarding', note: 'DeleteUser on a user that is in a group and has an access key fails with DeleteConflict until both are removed.' },
      },
      {
        id: 'T5.group-policies-persist-for-new-members',
        says: 'Keeping the group keeps its policies for reuse by future users.',
        verdict: 'holds',
        truth: 'Managed and inline policies attached to a group stay with the group when members leave, and new users inherit them on joining; customer managed policies also exist independently of any group.',
        sources: [
          { title: 'IAM user groups', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_groups.html' },
        ],
      },
    ],
  },
  {
    id: 'T6', level: 'toptal', topic: 'deployment',
    question: 'What does this CloudFormation template with a RegionMap mapping do, and what is wrong with it?',
    claims: [
      {
        id: 'T6.mappings-are-static-lookup-tables',
        says: 'The Mappings section defines key-value lookups used elsewhere in the template.',
        verdict: 'holds',
        truth: 'Mappings hold static two-level key-value tables that Fn::FindInMap reads at deployment; they cannot contain parameters or other functions.',
        sources: [
          { title: 'CloudFormation template Mappings syntax', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/mappings-section-structure.html' },
        ],
        conceptual: 'A template syntax definition.',
      },
      {
        id: 'T6.findinmap-selects-ami-for-region',
        says: 'RegionMap picks the AMI ID for the current Region so the instance gets the right image.',
        verdict: 'holds',
        truth: 'Fn::FindInMap with AWS::Region selects the HVM64 entry for the deploying Region; stack creation fails in any Region missing from the map, and these hard-coded AMI IDs go stale, which is why AWS recommends an SSM public parameter for the latest AMI.',
        sources: [
          { title: 'Fn::FindInMap', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-findinmap.html' },
          { title: 'Referencing AMIs using public parameters', url: 'https://docs.aws.amazon.com/systems-manager/latest/userguide/parameter-store-public-parameters-ami.html' },
        ],
      },
      {
        id: 'T6.undeclared-ref-fails-template-validation',
        says: 'The template breaks because InstanceType refers to a parameter that is not declared.',
        verdict: 'holds',
        truth: 'A Ref to an undeclared name makes CloudFormation reject the template with "Unresolved resource dependencies [InstanceType] in the Resources block of the template".',
        sources: [
          { title: 'How do I resolve template validation or template format errors in CloudFormation?', url: 'https://repost.aws/knowledge-center/cloudformation-template-validation' },
        ],
      },
      {
        id: 'T6.typed-parameters-and-ssm-ami-parameter',
        says: 'Adding an InstanceType string parameter with a t2.micro default fixes it, and parameters make templates reusable.',
        verdict: 'oversimplified',
        truth: 'That fixes the validation error; a sturdier fix types the parameter (AllowedValues or an EC2 instance type list) and pairs it with an AWS::SSM::Parameter::Value<AWS::EC2::Image::Id> parameter for the AMI so the template works in every Region without stale IDs.',
        sources: [
          { title: 'CloudFormation template Parameters syntax', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html' },
          { title: 'Referencing AMIs using public parameters', url: 'https://docs.aws.amazon.com/systems-manager/latest/userguide/parameter-store-public-parameters-ami.html' },
        ],
      },
    ],
  },
  {
    id: 'T7', level: 'toptal', topic: 'networking',
    question: 'Which load balancer types does AWS offer and how do you choose?',
    claims: [
      {
        id: 'T7.elb-has-four-load-balancer-types',
        says: 'AWS currently offers three managed load balancer types.',
        verdict: 'outdated',
        truth: 'Elastic Load Balancing has four types: Application, Network, Gateway (added in November 2020) and the previous-generation Classic Load Balancer.',
        sources: [
          { title: 'What is Elastic Load Balancing?', url: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/userguide/what-is-load-balancing.html' },
          { title: 'Introducing AWS Gateway Load Balancer', url: 'https://aws.amazon.com/about-aws/whats-new/2020/11/introducing-aws-gateway-load-balancer/' },
        ],
        changed: '2020-11',
      },
      {
        id: 'T7.alb-is-layer-7-http-balancer',
        says: 'ALB works at layer 7, balances HTTP and HTTPS and can invoke Lambda functions.',
        verdict: 'holds',
        truth: 'ALB is a layer-7 load balancer for HTTP, HTTPS, HTTP/2, gRPC and WebSockets, with content-based routing and instance, IP or Lambda targets.',
        sources: [
          { title: 'Lambda functions as targets', url: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/lambda-functions.html' },
        ],
        planned: { lab: 'alb-blue-green', note: 'The lab ALB routes HTTP requests by listener rule to target groups.' },
      },
      {
        id: 'T7.nlb-handles-tcp-tls-and-udp',
        says: 'NLB works at layer 4 for very high performance and can balance any TCP traffic with low latency.',
        verdict: 'oversimplified',
        truth: 'NLB is layer 4 and handles TCP, TLS, UDP and TCP_UDP listeners (QUIC listeners were added recently), with static or Elastic IPs per AZ and security groups since 2023; it is not limited to TCP.',
        sources: [
          { title: 'Listeners for your Network Load Balancers', url: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-listeners.html' },
        ],
        conceptual: 'A protocol list; a UDP NLB lab adds little beyond the listener reference.',
      },
      {
        id: 'T7.clb-runs-only-in-vpcs',
        says: 'Classic Load Balancer works at layer 4 or 7 and is mostly kept for legacy EC2-Classic applications.',
        verdict: 'outdated',
        truth: 'EC2-Classic is gone: AWS first set 15 August 2022 as the retirement date and shut down the last EC2-Classic instance on 15 August 2023, so CLBs now run only in VPCs; they remain for legacy workloads and AWS provides a wizard to migrate them to ALB or NLB.',
        sources: [
          { title: 'Migrate your Classic Load Balancer', url: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/userguide/migrate-classic-load-balancer.html' },
          { title: 'EC2-Classic Networking is Retiring – Here’s How to Prepare', url: 'https://aws.amazon.com/blogs/aws/ec2-classic-is-retiring-heres-how-to-prepare/' },
        ],
        changed: '2023-08-15',
        conceptual: 'A platform retirement is history, not lab behaviour.',
      },
    ],
  },
  {
    id: 'T8', level: 'toptal', topic: 'deployment',
    question: 'Explain the Elastic Beanstalk deployment policies All at once, Immutable, Rolling and Rolling with additional batch.',
    claims: [
      {
        id: 'T8.all-at-once-deploys-in-place',
        says: 'All at once is fastest: Beanstalk stops every running instance and then deploys the new version to them.',
        verdict: 'wrong',
        truth: 'All at once deploys the new version in place to all existing instances simultaneously; instances are not stopped or replaced, but the application is briefly unavailable while it restarts everywhere, and a failed deploy needs a redeploy to roll back.',
        sources: [
          { title: 'Deployment policies and settings', url: 'https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/using-features.rolling-version-deploy.html' },
        ],
        planned: { lab: 'elastic-beanstalk-deployments', note: 'In a Beanstalk environment: an in-place update of every target behind the ALB produces a window of failed requests while instance IDs stay the same.' },
      },
      {
        id: 'T8.immutable-keeps-original-auto-scaling-group',
        says: 'Immutable creates a new Auto Scaling group with new instances and, on success, replaces the old group with it.',
        verdict: 'wrong',
        truth: 'Immutable launches a full set of new instances in a temporary Auto Scaling group; once they pass health checks they are moved into the original group, and the old instances and the temporary group are terminated, so the original group is kept. Swapping whole environments is blue/green (swap URLs) or traffic splitting.',
        sources: [
          { title: 'Immutable environment updates', url: 'https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/environmentmgmt-updates-immutable.html' },
          { title: 'Blue/Green deployments with Elastic Beanstalk', url: 'https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/using-features.CNAMESwap.html' },
        ],
        planned: { lab: 'elastic-beanstalk-deployments', note: 'In a Beanstalk environment: new targets register and pass health checks before the old ones deregister, with no failed requests.' },
      },
      {
        id: 'T8.rolling-reduces-capacity-by-batch',
        says: 'Rolling deploys batch by batch to running instances, so capacity drops but there is no downtime and no extra cost.',
        verdict: 'holds',
        truth: 'Rolling takes one batch at a time out of service, so capacity is reduced by the batch size and old and new versions serve traffic side by side during the deployment; no extra instances are launched.',
        sources: [
          { title: 'Deployment policies and settings', url: 'https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/using-features.rolling-version-deploy.html' },
        ],
        planned: { lab: 'elastic-beanstalk-deployments', note: 'In a Beanstalk environment: during a batch update the ALB reports fewer healthy targets and responses come from both versions.' },
      },
      {
        id: 'T8.additional-batch-keeps-full-capacity',
        says: 'Rolling with additional batch keeps full capacity by first launching new instances with the new version, then updating the old ones.',
        verdict: 'holds',
        truth: 'It launches one extra batch of instances before taking any out of service, deploys in batches, and terminates the extra batch at the end, keeping full capacity at the cost of briefly running more instances.',
        sources: [
          { title: 'Deployment policies and settings', url: 'https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/using-features.rolling-version-deploy.html' },
        ],
        planned: { lab: 'elastic-beanstalk-deployments', note: 'In a Beanstalk environment: healthy target count never drops below the starting count while the extra batch is in service.' },
      },
      {
        id: 'T8.policies-trade-capacity-for-downtime',
        says: 'All at once stops the instances and redeploys, rolling runs below capacity with no downtime or cost, rolling with an additional batch keeps capacity, and immutable replaces the Auto Scaling group with a new one.',
        verdict: 'oversimplified',
        truth: 'The policies differ in where the new code goes and so in capacity and downtime: all at once updates every instance in place (a brief outage, no extra cost); rolling updates one batch at a time (capacity drops by a batch, both versions serve; load-balanced environments only); rolling with an additional batch launches a batch first (full capacity); immutable launches a full set in a temporary Auto Scaling group and moves it into the original group (capacity doubles briefly; rollback terminates the new instances). The answer leaves out traffic splitting (a canary) and blue/green (swap URLs, a DNS change).',
        sources: [
          { title: 'Deployment policies and settings', url: 'https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/using-features.rolling-version-deploy.html' },
          { title: 'Deploying applications to Elastic Beanstalk environments', url: 'https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/using-features.deploy-existing-version.html' },
          { title: 'Immutable environment updates', url: 'https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/environmentmgmt-updates-immutable.html' },
          { title: 'Blue/Green deployments with Elastic Beanstalk', url: 'https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/using-features.CNAMESwap.html' },
        ],
      },
    ],
  },
  {
    id: 'T9', level: 'toptal', topic: 'storage',
    question: 'What consistency model does Amazon S3 provide?',
    claims: [
      {
        id: 'T9.s3-strongly-consistent-since-2020',
        says: 'S3 gives read-after-write consistency for PUTs of new objects.',
        verdict: 'holds',
        truth: 'True, but since December 2020 S3 gives strong read-after-write consistency for all PUT and DELETE requests on objects and for LIST operations, in every Region, at no extra cost.',
        sources: [
          { title: 'Amazon S3 data consistency model', url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/Welcome.html#ConsistencyModel' },
        ],
      },
      {
        id: 'T9.no-negative-caching-after-put',
        says: 'A GET that returns Not Found before the object is written is cached, so the object stays invisible for a while after it is created.',
        verdict: 'outdated',
        truth: 'The negative-caching caveat disappeared with strong consistency: a GET after a successful PUT returns the object even if an earlier GET returned 404.',
        sources: [
          { title: 'Amazon S3 data consistency model', url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/Welcome.html#ConsistencyModel' },
        ],
        changed: '2020-12-01',
      },
      {
        id: 'T9.overwrites-and-deletes-strongly-consistent',
        says: 'Overwrites and deletes of existing objects are only eventually consistent.',
        verdict: 'outdated',
        truth: 'Overwrite PUTs and DELETEs are strongly consistent; what remains is last-writer-wins between concurrent writers (use conditional writes with If-None-Match or If-Match) and eventual consistency for bucket configuration changes.',
        sources: [
          { title: 'Amazon S3 data consistency model', url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/Welcome.html#ConsistencyModel' },
          { title: 'Add preconditions to S3 operations with conditional requests', url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/conditional-requests.html' },
        ],
        changed: '2020-12-01',
      },
    ],
  },
  {
    id: 'T10', level: 'toptal', topic: 'iam',
    question: 'What does this policy with s3:ListBucket on company-data and ecs:RunTask on the prod cluster allow?',
    claims: [
      {
        id: 'T10.listbucket-lists-keys-not-contents',
        says: 'Any IAM identity or AWS resource the policy is attached to can list all objects in the company-data bucket.',
        verdict: 'oversimplified',
        truth: 'An identity-based policy attaches to users, groups or roles, never to resources (services act through roles). s3:ListBucket on the bucket ARN lets them list object keys and metadata, not read object contents, which would need s3:GetObject on arn:aws:s3:::company-data/*; bucket policies or SCPs can still deny.',
        sources: [
          { title: 'Identity-based policies and resource-based policies', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_identity-vs-resource.html' },
          { title: 'ListObjectsV2', url: 'https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html' },
        ],
      },
      {
        id: 'T10.runtask-also-needs-iam-passrole',
        says: 'The second statement lets the holder start any version of the update-tables task definition, but only in the prod cluster.',
        verdict: 'oversimplified',
        truth: 'The statement allows ecs:RunTask for every revision of update-tables only when the ecs:cluster condition matches prod; in practice the caller also needs iam:PassRole for any task role or task execution role in the task definition, which this policy does not grant.',
        sources: [
          { title: 'Actions, resources, and condition keys for Amazon Elastic Container Service', url: 'https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonelasticcontainerservice.html' },
          { title: 'Amazon ECS task IAM role', url: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html' },
        ],
      },
    ],
  },
];
