/** What the diagram builders share: the template, the graph, node ids, names and subnet placement. */
import type { TemplateJson } from '../../template/json';
import { refTarget, resourceById, type TemplateResource } from '../../template/resources';
import { DiagramGraph } from './graph';

/** The 8 hex digits CDK appends to a logical id. */
const CDK_HASH = /^(.+?)[0-9A-F]{8}$/;
/** Construct path segments that only repeat the resource type (`PublicWithIp/Instance`). */
const GENERIC_SEGMENTS = new Set(['Resource', 'Default', 'Instance', 'Asg', 'ASG', 'AutoScalingGroup', 'Function', 'Queue', 'Database']);

export class DiagramContext {
  readonly graph = new DiagramGraph();
  /** Node id of each rendered resource, by logical id. */
  private readonly nodeIds = new Map<string, string>();
  /** Groups that wrap several subnets, by their sorted subnet logical ids. */
  private readonly spans = new Map<string, string>();
  /** The VPC group of each drawn subnet. */
  private readonly subnetVpcs = new Map<string, string | undefined>();
  private readonly shortIds: Map<string, string>;

  constructor(readonly template: TemplateJson) {
    // A logical id without its hash, where that stays unique: `ec2_PublicWithIpInstance`.
    const ids = Object.keys(template.Resources ?? {});
    const stripped = ids.map((id) => CDK_HASH.exec(id)?.[1] ?? id);
    this.shortIds = new Map(ids.map((id, i) => [id, stripped.filter((s) => s === stripped[i]).length === 1 ? stripped[i] : id]));
  }

  /** A deterministic, Mermaid-safe id for a resource: a kind prefix and its logical id. */
  idFor(prefix: string, logicalId: string): string {
    return `${prefix}_${(this.shortIds.get(logicalId) ?? logicalId).replace(/[^A-Za-z0-9]/g, '_')}`;
  }

  /** Records the node drawn for a resource, so arrows can find it. */
  register(logicalId: string, nodeId: string): string {
    this.nodeIds.set(logicalId, nodeId);
    return nodeId;
  }

  /** The node drawn for what a `{ Ref }`/`{ Fn::GetAtt }` points at, if any. */
  nodeOf(value: unknown): string | undefined {
    const target = refTarget(value);
    return target ? this.nodeIds.get(target) : undefined;
  }

  resource(value: unknown): TemplateResource | undefined {
    const target = typeof value === 'string' ? value : refTarget(value);
    return target ? resourceById(this.template, target) : undefined;
  }

  /**
   * The name a reader knows a resource by: the `Name` tag's construct path without the stack and
   * without segments that only repeat the type (`nat-vs-public-ip/PublicWithIp/Instance` →
   * `PublicWithIp`), else the logical id without its hash.
   */
  nameOf(r: TemplateResource): string {
    const tag = tagValue(r, 'Name');
    if (tag) {
      const segments = tag.split('/').slice(1).filter((s) => s.length > 0);
      const meaningful = segments.filter((s) => !GENERIC_SEGMENTS.has(s));
      const name = meaningful.at(-1) ?? segments.at(-1);
      if (name) return name;
    }
    return CDK_HASH.exec(r.logicalId)?.[1] ?? r.logicalId;
  }

  /** Records a subnet's group and the group of its VPC (undefined when the VPC is not drawn). */
  registerSubnet(logicalId: string, groupId: string, vpcGroup: string | undefined): void {
    this.register(logicalId, groupId);
    this.subnetVpcs.set(logicalId, vpcGroup);
  }

  /**
   * Where a resource spread over these subnets goes: into the subnet's group for one subnet; for
   * several, into a group wrapping exactly those subnets (made on first use). When some of them are
   * already wrapped with other subnets, into the VPC's group, with `spread` naming the subnets.
   */
  placeIn(subnetValues: readonly unknown[]): { parent?: string; spread?: string } {
    const subnets = [...new Set(subnetValues.map((v) => refTarget(v)).filter((s): s is string => !!s && this.subnetVpcs.has(s)))];
    if (subnets.length === 0) return {};
    const groups = subnets.map((s) => this.nodeIds.get(s)!);
    if (groups.length === 1) return { parent: groups[0] };
    const key = [...subnets].sort().join(',');
    const existing = this.spans.get(key);
    if (existing) return { parent: existing };
    const vpcGroup = this.subnetVpcs.get(subnets[0]);
    if (groups.some((g) => this.graph.parentOf(g) !== vpcGroup)) {
      return { parent: vpcGroup, spread: `in ${subnets.map((s) => this.nameOf(resourceById(this.template, s)!)).join(', ')}` };
    }
    const names = new Set(subnets.map((s) => tagValue(resourceById(this.template, s)!, 'aws-cdk:subnet-name')));
    const [name] = names;
    const title = names.size === 1 && name ? `${name} subnets` : `${subnets.length} subnets`;
    const span = this.graph.group(this.idFor('subnets', subnets[0]), [title], { parent: vpcGroup, before: groups });
    for (const g of groups) this.graph.move(g, span);
    this.spans.set(key, span);
    return { parent: span };
  }
}

/** The value of a resource's tag (`Tags: [{ Key, Value }]`), if it is a plain string. */
export function tagValue(r: TemplateResource, key: string): string | undefined {
  const tags = r.properties.Tags;
  const value = Array.isArray(tags) ? tags.find((t: any) => t?.Key === key)?.Value : undefined;
  return typeof value === 'string' ? value : undefined;
}

/** A template list of references (`SubnetIds`, `VPCZoneIdentifier`), or an empty list. */
export function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
