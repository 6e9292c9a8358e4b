/**
 * The plots of a recorded run, for the HTML report: the CPUUtilization data points CloudWatch holds
 * for each instance (their spacing is what B20 and I20 judge), and the states of the volume modification.
 */
import type { TimelinePlots } from '../../lib/lab-kit/checks/lab-definition';
import type { MetricsObservation } from './observe-metrics';
import type { VolumeGrowthObservation } from './observe-volume-growth';

export const plots: TimelinePlots = (observed) => {
  const out: ReturnType<TimelinePlots> = [];
  const m = observed.metrics as MetricsObservation | undefined;
  if (m?.detailed && m?.basic) {
    const rows = (['detailed', 'basic'] as const).flatMap((key) =>
      m[key].timestampsMs.map((t) => ({ instance: `${key} monitoring (${m[key].timestampsMs.length} points)`, minutes: Math.round(((t - m.readAtMs) / 60000) * 10) / 10 })),
    );
    out.push({
      title: 'CPUUtilization data points per instance',
      caption: 'Each point is a data point GetMetricData returned for CPUUtilization at a 60-second period, minutes before the run read them: one a minute with detailed monitoring, one every five minutes with basic monitoring.',
      spec: {
        width: 640,
        height: 140,
        data: { values: rows },
        mark: { type: 'tick', thickness: 2 },
        encoding: {
          x: { field: 'minutes', type: 'quantitative', title: 'minutes before the read' },
          y: { field: 'instance', type: 'nominal', title: null },
          tooltip: [{ field: 'instance' }, { field: 'minutes' }],
        },
      },
    });
  }
  const v = observed['volume-growth'] as VolumeGrowthObservation | undefined;
  if (v?.states?.length) {
    out.push({
      title: 'Volume modification states',
      caption: 'The states DescribeVolumesModifications reported after ModifyVolume, each when first seen (polled every 5 s): the file system can be grown from optimizing on.',
      spec: {
        width: 640,
        height: 100,
        data: { values: v.states.map((s) => ({ state: s.state, seconds: s.atSeconds })) },
        mark: { type: 'point', filled: true, size: 120 },
        encoding: {
          x: { field: 'seconds', type: 'quantitative', title: 'seconds after ModifyVolume' },
          color: { field: 'state', type: 'nominal', title: 'state' },
          tooltip: [{ field: 'state' }, { field: 'seconds' }],
        },
      },
    });
  }
  return out;
};
