/** What the synthesized template says about each probe: its subnet, that subnet's default route, its public IP. */
import type { TemplateJson } from '../../lib/lab-kit/checks/claim';
import { refTarget, resourceById, resourceOfOutput } from '../../lib/lab-kit/template/resources';
import { type DefaultRoute, resolveDefaultRoute } from '../../lib/lab-kit/template/routes';
import { PROBES, type ProbeKey } from './stack';

export interface InstanceFacts {
  readonly logicalId: string;
  readonly subnet: string;
  readonly route: DefaultRoute;
  /** Whether EC2 gives it a public IPv4 address at launch (its interface setting, else the subnet's). */
  readonly publicIp: boolean;
  readonly sourceDestCheck: boolean;
}

/** Facts about the instance an output points at. */
export function instanceFacts(template: TemplateJson, outputName: string): InstanceFacts {
  const instance = resourceOfOutput(template, outputName);
  const nic = instance.properties.NetworkInterfaces?.[0];
  const subnet = refTarget(nic?.SubnetId ?? instance.properties.SubnetId);
  if (!subnet) throw new Error(`instance ${instance.logicalId} has no subnet of this template`);
  const mapsPublicIp = resourceById(template, subnet)?.properties.MapPublicIpOnLaunch === true;
  return {
    logicalId: instance.logicalId,
    subnet,
    route: resolveDefaultRoute(template, subnet),
    publicIp: nic?.AssociatePublicIpAddress ?? mapsPublicIp,
    sourceDestCheck: instance.properties.SourceDestCheck !== false,
  };
}

/** Facts about one probe. */
export function probeFacts(template: TemplateJson, key: ProbeKey): InstanceFacts {
  return instanceFacts(template, PROBES[key]);
}

/** `PublicNoIp: subnet → internet-gateway, no public IP`. */
export function describeFacts(key: string, f: InstanceFacts): string {
  return `${key}: default route → ${f.route.kind}, ${f.publicIp ? 'public IP' : 'no public IP'}`;
}
