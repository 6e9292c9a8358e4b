import * as lib from '../lib';

test('lib/index.ts exports the worked-answer constructs and the kit a lab is built from', () => {
  for (const name of ['EgressPathsVpc', 'NatInstance', 'QueueWithDeadLetterQueue', 'MultiAzPostgresInstance', 'BlueGreenService', 'MfaRequiredPolicy', 'RegionRestrictionPolicy', 'BoundedRole', 'RevocableRole', 'VersionedBucket', 'ObjectLockBucket', 'SecureDefaultsBucket', 'EndpointOnlyRead', 'PrivateS3AccessVpc', 'LabStack', 'SelfDestruct', 'CheckSkipped', 'parseTtl']) {
    expect(typeof (lib as Record<string, unknown>)[name]).toBe('function');
  }
});
