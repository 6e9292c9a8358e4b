/**
 * A lab's architecture as a Mermaid flowchart, drawn from its synthesized template, so a README's
 * diagram cannot drift from the stack (`npm run docs` rewrites it; a test fails when it is stale).
 *
 * What is drawn: each VPC as a group; each subnet as a group inside it, named after its `Name` tag
 * and labelled with where its default route goes (the route table decides whether a subnet is
 * public, not its name); subnets used together by one resource (an ALB, an Auto Scaling group, a
 * DB subnet group, a function's VpcConfig) wrapped in one more group; EC2 instances (type, public
 * IP), NAT gateways (with their Elastic IP), the internet gateway and the internet; load balancers
 * → target groups (weighted when a listener splits) → Auto Scaling groups; RDS instances; SQS
 * queues → dead-letter queues; event source mappings; Lambda destinations and DLQs; EventBridge
 * rules → targets; IAM groups, roles that accounts or principals assume, customer managed
 * policies with what they are attached to and permissions boundaries; and the lab's self-destruct
 * as one small node.
 *
 * What is left out, as plumbing: service roles and their policies, log groups, launch templates, security groups, route tables
 * and associations, queue policies, alarms, permissions, CDK metadata, and the self-destruct's
 * function and schedule.
 *
 * Node ids are a kind prefix and the logical id without its hash (`ec2_PublicWithIpInstance`);
 * everything is emitted in template order, so the output is byte-stable for a given template.
 */
import type { TemplateJson } from '../template/json';
import { DiagramContext } from './diagram/context';
import { addDatabases } from './diagram/database';
import { addIdentity } from './diagram/identity';
import { addLoadBalancing } from './diagram/load-balancing';
import { addNetwork } from './diagram/network';
import { addServerless } from './diagram/serverless';

/** Options of {@link renderMermaid}. */
export interface RenderMermaidOptions {
  /**
   * Flowchart direction.
   * @default 'LR'
   */
  readonly direction?: 'LR' | 'TB';
}

/** The Mermaid text (`flowchart LR ...`, ending with a newline) for a synthesized template. */
export function renderMermaid(template: TemplateJson, options: RenderMermaidOptions = {}): string {
  const ctx = new DiagramContext(template);
  addNetwork(ctx);
  addLoadBalancing(ctx);
  addDatabases(ctx);
  addServerless(ctx);
  addIdentity(ctx);
  return ctx.graph.render(options.direction ?? 'LR');
}
