/**
 * Elastic Beanstalk's ways to deploy a new application version, as data: what each does to capacity,
 * availability and DNS, and how it rolls back. The worked answer to "explain the deployment policies":
 * they differ in *where the new code goes* (existing instances, new ones, a new environment) and so
 * in how much capacity is in service while it happens, and what a failure costs.
 *
 * The five policies are the values of the `DeploymentPolicy` option (namespace
 * `aws:elasticbeanstalk:command`); blue/green is not a policy but two environments and a
 * "swap environment URLs", which changes DNS and so depends on caches (see {@link BlueGreenService}).
 *
 * @see https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/using-features.rolling-version-deploy.html
 * @see https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/using-features.deploy-existing-version.html
 * @see https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/environmentmgmt-updates-immutable.html
 * @see https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/using-features.CNAMESwap.html
 */

/** The `DeploymentPolicy` values, plus blue/green (swap environment URLs). */
export type DeploymentMethod = 'AllAtOnce' | 'Rolling' | 'RollingWithAdditionalBatch' | 'Immutable' | 'TrafficSplitting' | 'BlueGreen';

/** One row of the comparison, as the Elastic Beanstalk guide's table of deployment methods gives it. */
export interface DeploymentMethodFacts {
  readonly method: DeploymentMethod;
  readonly name: string;
  /** Where the new version is installed. */
  readonly codeDeployedTo: 'existing instances' | 'new and existing instances' | 'new instances' | 'a new environment';
  /** Whether some requests fail or wait while it deploys. */
  readonly zeroDowntime: boolean;
  /** Whether the switch changes DNS (and so waits for caches). */
  readonly dnsChange: boolean;
  /** What a failed deployment does to users. */
  readonly impactOfFailure: string;
  readonly rollback: string;
  /** Whether it is offered on a single-instance environment. */
  readonly singleInstance: boolean;
}

/** The comparison table. */
export const DEPLOYMENT_METHODS: Readonly<Record<DeploymentMethod, DeploymentMethodFacts>> = {
  AllAtOnce: {
    method: 'AllAtOnce', name: 'All at once', codeDeployedTo: 'existing instances', zeroDowntime: false, dnsChange: false,
    impactOfFailure: 'downtime', rollback: 'manual redeploy', singleInstance: true,
  },
  Rolling: {
    method: 'Rolling', name: 'Rolling', codeDeployedTo: 'existing instances', zeroDowntime: true, dnsChange: false,
    impactOfFailure: 'one batch out of service; batches already done run the new version', rollback: 'manual redeploy', singleInstance: false,
  },
  RollingWithAdditionalBatch: {
    method: 'RollingWithAdditionalBatch', name: 'Rolling with additional batch', codeDeployedTo: 'new and existing instances', zeroDowntime: true, dnsChange: false,
    impactOfFailure: 'minimal if the first batch fails, otherwise as Rolling', rollback: 'manual redeploy', singleInstance: false,
  },
  Immutable: {
    method: 'Immutable', name: 'Immutable', codeDeployedTo: 'new instances', zeroDowntime: true, dnsChange: false,
    impactOfFailure: 'minimal', rollback: 'terminate the new instances', singleInstance: true,
  },
  TrafficSplitting: {
    method: 'TrafficSplitting', name: 'Traffic splitting', codeDeployedTo: 'new instances', zeroDowntime: true, dnsChange: false,
    impactOfFailure: 'the share of traffic sent to the new version, for the evaluation time', rollback: 'reroute traffic and terminate the new instances', singleInstance: false,
  },
  BlueGreen: {
    method: 'BlueGreen', name: 'Blue/green (swap environment URLs)', codeDeployedTo: 'a new environment', zeroDowntime: true, dnsChange: true,
    impactOfFailure: 'minimal', rollback: 'swap the URLs back (DNS again)', singleInstance: true,
  },
};

/** How many instances serve, and which versions, while a method deploys. */
export interface CapacityDuringDeployment {
  readonly method: DeploymentMethod;
  /** The fewest instances serving requests at any moment (0 means an outage). */
  readonly minInService: number;
  /** The most instances running (and billed) at any moment. */
  readonly peakInstances: number;
  /** Whether old and new versions answer requests side by side. */
  readonly mixedVersions: boolean;
}

/**
 * The capacity a method keeps for an environment of `instances` instances deployed in batches of
 * `batchSize` (the rolling policies' batch; ignored by the others).
 *
 * - All at once installs on every instance at once: for a moment nothing serves.
 * - Rolling takes one batch out at a time: capacity drops by a batch, nothing extra is launched.
 * - Rolling with additional batch launches a batch first: capacity never drops, one batch extra.
 * - Immutable launches a full second set in a temporary Auto Scaling group, moves it into the
 *   original group once healthy, then terminates the old instances: capacity doubles for a while.
 * - Traffic splitting launches a full set like immutable and sends it a share of traffic first.
 * - Blue/green runs a whole second environment until the old one is terminated.
 */
export function capacityDuringDeployment(method: DeploymentMethod, instances: number, batchSize = 1): CapacityDuringDeployment {
  const problems: string[] = [];
  if (!Number.isInteger(instances) || instances < 1) problems.push(`instances: received ${instances}; allowed: an integer of at least 1`);
  if (!Number.isInteger(batchSize) || batchSize < 1 || (Number.isInteger(instances) && instances >= 1 && batchSize > instances)) {
    problems.push(`batchSize: received ${batchSize}; allowed: an integer from 1 to instances (${instances})`);
  }
  if (problems.length > 0) throw new Error(problems.join('; '));
  const n = instances;
  switch (method) {
    case 'AllAtOnce':
      return { method, minInService: 0, peakInstances: n, mixedVersions: false };
    case 'Rolling':
      return { method, minInService: n - batchSize, peakInstances: n, mixedVersions: n > batchSize };
    case 'RollingWithAdditionalBatch':
      return { method, minInService: n, peakInstances: n + batchSize, mixedVersions: true };
    case 'Immutable':
    case 'TrafficSplitting':
    case 'BlueGreen':
      return { method, minInService: n, peakInstances: 2 * n, mixedVersions: true };
  }
}

/** One line per method for an environment of `instances` instances, batch `batchSize`. */
export function describeCapacities(instances: number, batchSize = 1): string[] {
  return (Object.keys(DEPLOYMENT_METHODS) as DeploymentMethod[]).map((m) => {
    const c = capacityDuringDeployment(m, instances, batchSize);
    const f = DEPLOYMENT_METHODS[m];
    return `${f.name}: at least ${c.minInService} of ${instances} serving, up to ${c.peakInstances} running${f.dnsChange ? ', DNS change' : ''}`;
  });
}
