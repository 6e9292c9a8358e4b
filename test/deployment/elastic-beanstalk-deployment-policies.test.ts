import { capacityDuringDeployment, DEPLOYMENT_METHODS, describeCapacities } from '../../lib/deployment/elastic-beanstalk-deployment-policies';

describe('Elastic Beanstalk deployment methods', () => {
  test('only all at once has downtime; only blue/green changes DNS', () => {
    const methods = Object.values(DEPLOYMENT_METHODS);
    expect(methods.filter((m) => !m.zeroDowntime).map((m) => m.method)).toEqual(['AllAtOnce']);
    expect(methods.filter((m) => m.dnsChange).map((m) => m.method)).toEqual(['BlueGreen']);
  });

  test('where the code goes, as the Elastic Beanstalk guide tabulates it', () => {
    expect(DEPLOYMENT_METHODS.AllAtOnce.codeDeployedTo).toBe('existing instances');
    expect(DEPLOYMENT_METHODS.Rolling.codeDeployedTo).toBe('existing instances');
    expect(DEPLOYMENT_METHODS.RollingWithAdditionalBatch.codeDeployedTo).toBe('new and existing instances');
    expect(DEPLOYMENT_METHODS.Immutable.rollback).toBe('terminate the new instances');
    expect(DEPLOYMENT_METHODS.Rolling.singleInstance).toBe(false);
  });

  test.each([
    ['AllAtOnce', { minInService: 0, peakInstances: 4, mixedVersions: false }],
    ['Rolling', { minInService: 3, peakInstances: 4, mixedVersions: true }],
    ['RollingWithAdditionalBatch', { minInService: 4, peakInstances: 5, mixedVersions: true }],
    ['Immutable', { minInService: 4, peakInstances: 8, mixedVersions: true }],
    ['TrafficSplitting', { minInService: 4, peakInstances: 8, mixedVersions: true }],
    ['BlueGreen', { minInService: 4, peakInstances: 8, mixedVersions: true }],
  ] as const)('%s on 4 instances, batch 1', (method, expected) => {
    expect(capacityDuringDeployment(method, 4, 1)).toEqual({ method, ...expected });
  });

  test('a rolling batch of the whole fleet is an outage, like all at once', () => {
    expect(capacityDuringDeployment('Rolling', 2, 2)).toMatchObject({ minInService: 0, mixedVersions: false });
  });

  test('describes every method for a fleet size', () => {
    expect(describeCapacities(1)).toEqual([
      'All at once: at least 0 of 1 serving, up to 1 running',
      'Rolling: at least 0 of 1 serving, up to 1 running',
      'Rolling with additional batch: at least 1 of 1 serving, up to 2 running',
      'Immutable: at least 1 of 1 serving, up to 2 running',
      'Traffic splitting: at least 1 of 1 serving, up to 2 running',
      'Blue/green (swap environment URLs): at least 1 of 1 serving, up to 2 running, DNS change',
    ]);
  });

  test('throws when the sizes are out of range, listing every problem', () => {
    expect(() => capacityDuringDeployment('Rolling', 0, 0)).toThrow('instances: received 0; allowed: an integer of at least 1; batchSize: received 0; allowed: an integer from 1 to instances (0)');
    expect(() => capacityDuringDeployment('Rolling', 2, 3)).toThrow('batchSize: received 3; allowed: an integer from 1 to instances (2)');
  });
});
