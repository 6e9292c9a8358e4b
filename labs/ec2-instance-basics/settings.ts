/**
 * The lab's settings, as plain numbers in a module that loads nothing (the registry loads the checks,
 * which must not pull in aws-cdk-lib): the stack builds with them, the checks judge with them.
 */
export const SETTINGS = {
  /** Each instance's data volume at launch, GiB: 1, the gp3 minimum. The resize check grows the detailed instance's by one. */
  dataVolumeGiB: 1,
  /** Seconds between metadata probe tries: credentials change over hours, a try a minute is plenty. */
  imdsProbeIntervalSeconds: 60,
  /** Seconds between disk probe tries, so the resize check sees the block device grow within about half a minute. */
  diskProbeIntervalSeconds: 20,
  /** The instance type of the stack's instances and of the one the termination check launches. */
  instanceType: 't4g.nano',
} as const;
