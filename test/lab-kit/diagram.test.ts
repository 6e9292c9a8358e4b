import type { TemplateJson } from '../../lib/lab-kit/template/json';
import { renderMermaid } from '../../lib/lab-kit/docs/diagram';
import { DiagramGraph } from '../../lib/lab-kit/docs/diagram/graph';
import { DIAGRAM_END, DIAGRAM_START, readmeDiagram, updateReadmeDiagram } from '../../lib/lab-kit/docs/readme-diagram';

const ref = (id: string) => ({ Ref: id });
const arn = (id: string) => ({ 'Fn::GetAtt': [id, 'Arn'] });
const name = (path: string) => ({ Tags: [{ Key: 'lab', Value: 'demo' }, { Key: 'Name', Value: path }] });

/**
 * Checks what Mermaid's flowchart parser needs: one statement per line, ids of letters, digits and
 * underscores (never `end`), labels in `"..."` with no raw quote or angle bracket except `<br/>`,
 * balanced subgraphs, arrows between declared ids.
 */
function expectValidMermaid(text: string): void {
  const lines = text.trimEnd().split('\n');
  expect(lines[0]).toMatch(/^flowchart (LR|TB)$/);
  const label = '"(?:[^"<>]|<br/>)*"';
  const id = '(?!end\\b)[A-Za-z][A-Za-z0-9_]*';
  const shapes = ['\\[', '\\]', '\\(', '\\)', '\\(\\[', '\\]\\)', '\\(\\(', '\\)\\)', '\\[\\(', '\\)\\]', '\\[\\[', '\\]\\]', '\\{\\{', '\\}\\}'];
  const node = new RegExp(`^\\s*(${id})(?:${[0, 2, 4, 6, 8, 10, 12].map((i) => `${shapes[i]}${label}${shapes[i + 1]}`).join('|')})$`);
  const group = new RegExp(`^\\s*subgraph (${id}) \\[${label}\\]$`);
  const edge = new RegExp(`^  (${id}) (?:-->|-\\.->)(?:\\|${label}\\|)? (${id})$`);
  const declared = new Set<string>();
  let depth = 0;
  for (const line of lines.slice(1)) {
    const match = node.exec(line) ?? group.exec(line);
    if (match) {
      expect(declared.has(match[1])).toBe(false);
      declared.add(match[1]);
      if (line.trimStart().startsWith('subgraph ')) depth++;
    } else if (line.trim() === 'end') {
      depth--;
      expect(depth).toBeGreaterThanOrEqual(0);
    } else {
      const e = edge.exec(line);
      if (!e) throw new Error(`not a Mermaid statement this renderer writes: ${line}`);
      expect([declared.has(e[1]), declared.has(e[2])]).toEqual([true, true]);
    }
  }
  expect(depth).toBe(0);
}

/** One VPC, four subnets: to the internet gateway, to a NAT gateway, to a NAT instance, with no route. */
function networkTemplate(): TemplateJson {
  const subnet = (n: string, map: boolean) => ({ Type: 'AWS::EC2::Subnet', Properties: { VpcId: ref('Vpc8378EB38'), CidrBlock: '10.0.0.0/24', MapPublicIpOnLaunch: map, ...name(`demo/Vpc/${n}Subnet1`) } });
  const route = (n: string, target: Record<string, unknown>) => ({
    [`${n}Rt`]: { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: ref('Vpc8378EB38') } },
    [`${n}Assoc`]: { Type: 'AWS::EC2::SubnetRouteTableAssociation', Properties: { SubnetId: ref(`${n}Subnet`), RouteTableId: ref(`${n}Rt`) } },
    ...(Object.keys(target).length ? { [`${n}Default`]: { Type: 'AWS::EC2::Route', Properties: { RouteTableId: ref(`${n}Rt`), DestinationCidrBlock: '0.0.0.0/0', ...target } } } : {}),
  });
  const instance = (n: string, props: Record<string, unknown>) => ({ Type: 'AWS::EC2::Instance', Properties: { InstanceType: 't4g.nano', ...props, ...name(`demo/${n}/Instance`) } });
  return {
    Resources: {
      Vpc8378EB38: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16', ...name('demo/Vpc') } },
      PublicSubnet: subnet('Public', true),
      PrivateSubnet: subnet('Private', false),
      ViaInstanceSubnet: subnet('ViaInstance', false),
      IsolatedSubnet: subnet('Isolated', true),
      ...route('Public', { GatewayId: ref('Igw') }),
      ...route('Private', { NatGatewayId: ref('Nat') }),
      ...route('ViaInstance', { InstanceId: ref('NatInstanceBox') }),
      ...route('Isolated', {}),
      Igw: { Type: 'AWS::EC2::InternetGateway' },
      Eip: { Type: 'AWS::EC2::EIP', Properties: { Domain: 'vpc' } },
      Nat: { Type: 'AWS::EC2::NatGateway', Properties: { SubnetId: ref('PublicSubnet'), AllocationId: { 'Fn::GetAtt': ['Eip', 'AllocationId'] } } },
      NatInstanceBox: instance('NatInstance', { SubnetId: ref('PublicSubnet'), SourceDestCheck: false }),
      NoIp: instance('NoIp', { NetworkInterfaces: [{ DeviceIndex: '0', SubnetId: ref('PublicSubnet'), AssociatePublicIpAddress: false }] }),
      Private: instance('Private', { SubnetId: ref('PrivateSubnet') }),
      Behind: instance('Behind', { SubnetId: ref('ViaInstanceSubnet') }),
      Stranded: instance('Stranded', { SubnetId: ref('IsolatedSubnet') }),
      Sg: { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'plumbing' } },
      Role: { Type: 'AWS::IAM::Role', Properties: {} },
      Logs: { Type: 'AWS::Logs::LogGroup', Properties: {} },
      SelfDestructFunctionD7AAC1E6: { Type: 'AWS::Lambda::Function', Properties: { Runtime: 'nodejs24.x', Environment: { Variables: { STACK_ID: ref('AWS::StackId'), TTL_SECONDS: '7200' } } } },
      SelfDestructScheduleC40A1278: { Type: 'AWS::Events::Rule', Properties: { ScheduleExpression: 'rate(15 minutes)', Targets: [{ Id: 'T', Arn: arn('SelfDestructFunctionD7AAC1E6') }] } },
    },
  };
}

describe('renderMermaid: network', () => {
  const text = renderMermaid(networkTemplate());

  test('the VPC is a group, each subnet a group in it, named after its Name tag and labelled with its default route', () => {
    expect(text).toContain('  subgraph vpc_Vpc ["VPC 10.0.0.0/16"]\n'); // no AvailabilityZone in this template: no AZ count
    expect(text).toContain('    subgraph subnet_PublicSubnet ["PublicSubnet1<br/>0.0.0.0/0 → IGW"]\n');
    expect(text).toContain('    subgraph subnet_PrivateSubnet ["PrivateSubnet1<br/>0.0.0.0/0 → NAT gateway"]\n');
    expect(text).toContain('    subgraph subnet_ViaInstanceSubnet ["ViaInstanceSubnet1<br/>0.0.0.0/0 → instance NatInstance"]\n');
    expect(text).toContain('    subgraph subnet_IsolatedSubnet ["IsolatedSubnet1<br/>no default route"]\n');
  });

  test('instances sit in their subnet with type and public IP (interface first, else the subnet), the NAT gateway carries its Elastic IP', () => {
    const publicSubnet = text.slice(text.indexOf('subgraph subnet_PublicSubnet'), text.indexOf('subgraph subnet_PrivateSubnet'));
    expect(publicSubnet).toContain('      nat_Nat["NAT gateway<br/>Elastic IP"]\n');
    expect(publicSubnet).toContain('      ec2_NatInstanceBox["NatInstance<br/>t4g.nano · public IP<br/>source/dest check off"]\n');
    expect(publicSubnet).toContain('      ec2_NoIp["NoIp<br/>t4g.nano · no public IP"]\n');
    expect(text).toContain('      ec2_Private["Private<br/>t4g.nano"]\n');
    expect(text).toContain('      ec2_Stranded["Stranded<br/>t4g.nano · public IP"]\n');
  });

  test('routes are arrows: subnet → its default-route target, internet gateway → Internet; no arrow without a default route', () => {
    expect(text).toContain('  subnet_PublicSubnet --> igw_Igw\n');
    expect(text).toContain('  subnet_PrivateSubnet --> nat_Nat\n');
    expect(text).toContain('  subnet_ViaInstanceSubnet --> ec2_NatInstanceBox\n');
    expect(text).toContain('  igw_Igw --> internet\n');
    expect(text).not.toMatch(/subnet_IsolatedSubnet -/);
  });

  test('plumbing is left out and the self-destruct is one small node with its TTL', () => {
    expect(text).not.toMatch(/Sg|Role|Logs|Rt\b|Assoc|rate\(15 minutes\)|SelfDestructSchedule/);
    expect(text).toContain('  selfDestruct_SelfDestructFunction("self-destruct after 2h")\n');
    expectValidMermaid(text);
  });
});

describe('renderMermaid: load balancer', () => {
  const template: TemplateJson = {
    Resources: {
      Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.1.0.0/16' } },
      PubA: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: ref('Vpc'), AvailabilityZone: 'us-east-1a', Tags: [{ Key: 'aws-cdk:subnet-name', Value: 'Public' }, { Key: 'Name', Value: 'demo/Vpc/PublicSubnet1' }] } },
      PubB: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: ref('Vpc'), AvailabilityZone: 'us-east-1b', Tags: [{ Key: 'aws-cdk:subnet-name', Value: 'Public' }, { Key: 'Name', Value: 'demo/Vpc/PublicSubnet2' }] } },
      AppA: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: ref('Vpc'), AvailabilityZone: 'us-east-1a', Tags: [{ Key: 'Name', Value: 'demo/Vpc/AppSubnet1' }] } },
      AppB: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: ref('Vpc'), AvailabilityZone: 'us-east-1b', Tags: [{ Key: 'Name', Value: 'demo/Vpc/AppSubnet2' }] } },
      LoadBalancerBE9EEC3A: { Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', Properties: { Type: 'application', Scheme: 'internet-facing', Subnets: [ref('PubA'), ref('PubB')] } },
      Listener: {
        Type: 'AWS::ElasticLoadBalancingV2::Listener',
        Properties: {
          LoadBalancerArn: ref('LoadBalancerBE9EEC3A'), Protocol: 'HTTP', Port: 80,
          DefaultActions: [{ Type: 'forward', ForwardConfig: { TargetGroups: [{ TargetGroupArn: ref('BlueTg'), Weight: 90 }, { TargetGroupArn: ref('GreenTg'), Weight: 10 }] } }],
        },
      },
      BlueTg: { Type: 'AWS::ElasticLoadBalancingV2::TargetGroup', Properties: { VpcId: ref('Vpc'), Protocol: 'HTTP', Port: 8080 } },
      GreenTg: { Type: 'AWS::ElasticLoadBalancingV2::TargetGroup', Properties: { VpcId: ref('Vpc'), Protocol: 'HTTP', Port: 8080 } },
      BlueLt: { Type: 'AWS::EC2::LaunchTemplate', Properties: { LaunchTemplateData: { InstanceType: 't4g.nano' } } },
      BlueAsg: { Type: 'AWS::AutoScaling::AutoScalingGroup', Properties: { MinSize: '1', MaxSize: '4', DesiredCapacity: '2', LaunchTemplate: { LaunchTemplateId: ref('BlueLt') }, TargetGroupARNs: [ref('BlueTg')], VPCZoneIdentifier: [ref('AppA'), ref('AppB')] } },
      GreenAsg: { Type: 'AWS::AutoScaling::AutoScalingGroup', Properties: { MinSize: '1', MaxSize: '1', LaunchTemplate: { LaunchTemplateId: ref('BlueLt') }, TargetGroupARNs: [ref('GreenTg')], VPCZoneIdentifier: [ref('AppB'), ref('AppA')] } },
    },
  };
  const text = renderMermaid(template);

  test('the listener forwards to two target groups with their weights, each target group to its Auto Scaling group', () => {
    expect(text).toContain('  lb_LoadBalancer -->|"HTTP :80 · weight 90"| tg_BlueTg\n');
    expect(text).toContain('  lb_LoadBalancer -->|"HTTP :80 · weight 10"| tg_GreenTg\n');
    expect(text).toContain('  tg_BlueTg --> asg_BlueAsg\n');
    expect(text).toContain('  tg_GreenTg --> asg_GreenAsg\n');
  });

  test('the load balancer and the Auto Scaling groups sit in groups wrapping their subnets, with type × desired capacity', () => {
    expect(text).toContain(
      [
        '  subgraph vpc_Vpc ["VPC 10.1.0.0/16 · 2 AZs"]',
        '    subgraph subnets_PubA ["Public subnets"]',
        '      subgraph subnet_PubA ["PublicSubnet1<br/>no default route"]',
        '      end',
        '      subgraph subnet_PubB ["PublicSubnet2<br/>no default route"]',
        '      end',
        '      lb_LoadBalancer["LoadBalancer<br/>ALB · internet-facing"]',
        '    end',
        '    subgraph subnets_AppA ["2 subnets"]',
      ].join('\n'),
    );
    expect(text).toContain('      asg_BlueAsg["BlueAsg<br/>Auto Scaling group<br/>t4g.nano × 2"]\n');
    expect(text).toContain('      asg_GreenAsg["GreenAsg<br/>Auto Scaling group<br/>t4g.nano × 1"]\n');
    expect(text).not.toContain('BlueLt');
    expectValidMermaid(text);
  });
});

describe('renderMermaid: queues, functions, schedules, databases', () => {
  const template: TemplateJson = {
    Resources: {
      Dlq: { Type: 'AWS::SQS::Queue', Properties: {} },
      Queue: { Type: 'AWS::SQS::Queue', Properties: { VisibilityTimeout: 12, RedrivePolicy: { deadLetterTargetArn: arn('Dlq'), maxReceiveCount: 3 } } },
      FailedEvents: { Type: 'AWS::SQS::Queue', Properties: {} },
      ConsumerFunction1B019A9B: { Type: 'AWS::Lambda::Function', Properties: { Runtime: 'nodejs24.x', DeadLetterConfig: { TargetArn: arn('Dlq') } } },
      Mapping: { Type: 'AWS::Lambda::EventSourceMapping', Properties: { EventSourceArn: arn('Queue'), FunctionName: ref('ConsumerFunction1B019A9B'), BatchSize: 10, FunctionResponseTypes: ['ReportBatchItemFailures'] } },
      Invoke: { Type: 'AWS::Lambda::EventInvokeConfig', Properties: { FunctionName: ref('ConsumerFunction1B019A9B'), MaximumRetryAttempts: 2, DestinationConfig: { OnFailure: { Destination: arn('FailedEvents') } } } },
      Tick: { Type: 'AWS::Events::Rule', Properties: { ScheduleExpression: 'rate(1 minute)', Targets: [{ Id: 'T', Arn: arn('ConsumerFunction1B019A9B') }] } },
      Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.2.0.0/16' } },
      DataA: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: ref('Vpc'), Tags: [{ Key: 'aws-cdk:subnet-name', Value: 'Data' }] } },
      DataB: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: ref('Vpc'), Tags: [{ Key: 'aws-cdk:subnet-name', Value: 'Data' }] } },
      SubnetGroup: { Type: 'AWS::RDS::DBSubnetGroup', Properties: { SubnetIds: [ref('DataA'), ref('DataB')] } },
      Database: { Type: 'AWS::RDS::DBInstance', Properties: { DBInstanceClass: 'db.t4g.micro', Engine: 'postgres', EngineVersion: '17', MultiAZ: true, DBSubnetGroupName: ref('SubnetGroup') } },
      Probe: { Type: 'AWS::Lambda::Function', Properties: { Runtime: 'nodejs24.x', VpcConfig: { SubnetIds: [ref('DataA'), ref('DataB')] } } },
    },
  };
  const text = renderMermaid(template);

  test('a queue redrives to its DLQ after maxReceiveCount, and feeds its function through the event source mapping', () => {
    expect(text).toContain('  sqs_Queue[["Queue<br/>visibility timeout 12 s"]]\n');
    expect(text).toContain('  sqs_Queue -.->|"maxReceiveCount 3"| sqs_Dlq\n');
    expect(text).toContain('  sqs_Queue -->|"batch 10 · ReportBatchItemFailures"| fn_ConsumerFunction\n');
  });

  test('a function shows its async retries, its on-failure destination and its DLQ; a schedule points at its function', () => {
    expect(text).toContain('  fn_ConsumerFunction(["ConsumerFunction<br/>Lambda · nodejs24.x<br/>async retries 2"])\n');
    expect(text).toContain('  fn_ConsumerFunction -.->|"on failure"| sqs_FailedEvents\n');
    expect(text).toContain('  fn_ConsumerFunction -.->|"on failure · DLQ"| sqs_Dlq\n');
    expect(text).toContain('  rule_Tick{{"schedule<br/>rate(1 minute)"}}\n');
    expect(text).toContain('  rule_Tick --> fn_ConsumerFunction\n');
  });

  test('a Multi-AZ DB instance, and a function with VpcConfig, sit with the subnets of their subnet group', () => {
    expect(text).toContain(
      [
        '    subgraph subnets_DataA ["Data subnets"]',
        '      subgraph subnet_DataA ["DataA<br/>no default route"]',
        '      end',
        '      subgraph subnet_DataB ["DataB<br/>no default route"]',
        '      end',
        '      rds_Database[("Database<br/>db.t4g.micro · postgres 17<br/>Multi-AZ")]',
        '      fn_Probe(["Probe<br/>Lambda · nodejs24.x"])',
        '    end',
      ].join('\n'),
    );
    expect(text).not.toContain('SubnetGroup');
    expectValidMermaid(text);
  });
});

describe('renderMermaid: ids and labels', () => {
  test('is deterministic: the same template (or a copy of it) gives the same bytes', () => {
    const template = networkTemplate();
    const first = renderMermaid(template);
    expect(renderMermaid(JSON.parse(JSON.stringify(template)))).toBe(first);
    expect(renderMermaid(template)).toBe(first);
    expect(first.endsWith('\n')).toBe(true);
  });

  test('escapes quotes and angle brackets in labels, and keeps a hash where stripping it would clash', () => {
    const text = renderMermaid({
      Resources: {
        QueueAAAAAAAA: { Type: 'AWS::SQS::Queue', Properties: { Tags: [{ Key: 'Name', Value: 'demo/Say "hi" <now> #1' }] } },
        QueueBBBBBBBB: { Type: 'AWS::SQS::Queue', Properties: {} },
        end: { Type: 'AWS::SQS::Queue', Properties: {} },
      },
    });
    expect(text).toContain('  sqs_QueueAAAAAAAA[["Say #quot;hi#quot; #lt;now#gt; #35;1"]]\n');
    expect(text).toContain('  sqs_QueueBBBBBBBB[["Queue"]]\n');
    expect(text).toContain('  sqs_end[["end"]]\n');
    expectValidMermaid(text);
  });

  test('TB direction on request', () => {
    expect(renderMermaid({ Resources: {} }, { direction: 'TB' })).toBe('flowchart TB\n');
  });

  test('throws on an id Mermaid would misread', () => {
    expect(() => new DiagramGraph().node('end', ['x'])).toThrow('diagram id: received "end"; allowed: a letter, then letters, digits and underscores, not "end"');
    expect(() => new DiagramGraph().node('a-b', ['x'])).toThrow('diagram id: received "a-b"');
  });
});

describe('updateReadmeDiagram', () => {
  const readme = `# Lab\n\n## 3. Diagram\n\n${DIAGRAM_START}\nold\n${DIAGRAM_END}\n\n## 4. Cost\n`;

  test('replaces what is between the markers with a mermaid block, and nothing else', () => {
    const updated = updateReadmeDiagram(readme, 'flowchart LR\n  a["A"]\n');
    expect(updated).toBe(`# Lab\n\n## 3. Diagram\n\n${DIAGRAM_START}\n\`\`\`mermaid\nflowchart LR\n  a["A"]\n\`\`\`\n${DIAGRAM_END}\n\n## 4. Cost\n`);
    expect(updateReadmeDiagram(updated, 'flowchart LR\n  a["A"]\n')).toBe(updated);
    expect(readmeDiagram(updated)).toBe('```mermaid\nflowchart LR\n  a["A"]\n```');
  });

  test('throws naming the file when the markers are missing or out of order', () => {
    expect(() => updateReadmeDiagram('# Lab\n', 'x', 'labs/demo/README.md')).toThrow(
      'labs/demo/README.md: missing <!-- diagram:start --> and <!-- diagram:end -->; put the generated part of section 3 (the diagram) between the lines <!-- diagram:start --> and <!-- diagram:end -->, then run npm run docs',
    );
    expect(() => updateReadmeDiagram(`${DIAGRAM_END}\n${DIAGRAM_START}\n`, 'x', 'labs/demo/README.md')).toThrow(
      'labs/demo/README.md: <!-- diagram:end --> comes before <!-- diagram:start -->',
    );
    expect(() => readmeDiagram(`${DIAGRAM_START}\n${DIAGRAM_END}\n${DIAGRAM_START}`, 'x.md')).toThrow('x.md: the markers appear more than once');
  });
});

describe('renderMermaid: IAM', () => {
  const template: TemplateJson = {
    Resources: {
      TeamAB12CD34: { Type: 'AWS::IAM::Group', Properties: {} },
      PeopleRoleAB12CD34: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { AWS: 'arn:aws:iam::123456789012:root' } }] }, PermissionsBoundary: ref('CapAB12CD34') } },
      FnRoleAB12CD34: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'lambda.amazonaws.com' } }] } } },
      InlineAB12CD34: { Type: 'AWS::IAM::Policy', Properties: { PolicyName: 'x', Roles: [ref('PeopleRoleAB12CD34')], PolicyDocument: {} } },
      GuardAB12CD34: { Type: 'AWS::IAM::ManagedPolicy', Properties: { Groups: [ref('TeamAB12CD34')], Roles: [ref('FnRoleAB12CD34')], PolicyDocument: {} } },
      CapAB12CD34: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: {} } },
    },
  };

  test('groups with their members, roles people assume (not service roles), managed policies and boundaries', () => {
    const text = renderMermaid(template);
    expectValidMermaid(text);
    expect(text).toContain('group_Team{{"Team<br/>IAM group<br/>no members"}}');
    expect(text).toContain('role_PeopleRole("PeopleRole<br/>IAM role<br/>1 inline policy")');
    expect(text).not.toContain('FnRole');
    expect(text).toContain('policy_Guard -->|"attached"| group_Team');
    expect(text).toContain('policy_Cap -.->|"permissions boundary"| role_PeopleRole');
  });
});
