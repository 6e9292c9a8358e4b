/**
 * The plots of a recorded run, for the HTML report: the answers per target through each node, with
 * cross-zone load balancing off and on; and how long each target took to turn unhealthy after the
 * health-check change, against the documented threshold × interval.
 */
import type { TimelinePlot, TimelinePlots } from '../../lib/lab-kit/checks/lab-definition';
import type { CrossZoneObservation, HealthDrainObservation } from './observe';

/** The observation names (observe.ts names them; repeated here to keep this file light). */
const CROSS_ZONE = 'cross-zone';
const HEALTH_DRAIN = 'health-drain';

function distributionPlot(o: CrossZoneObservation): TimelinePlot | undefined {
  const zoneOf = (id: string) => (o.fleet.small.includes(id) ? o.fleet.smallZone : o.fleet.largeZone);
  const values = (['off', 'on'] as const).flatMap((phase) =>
    (o[phase] ?? []).flatMap((c) =>
      [...o.fleet.small, ...o.fleet.large].map((id) => ({ phase: `cross-zone ${phase}`, node: `${c.zone} node`, target: `${id} (${zoneOf(id)})`, answers: c.byInstance[id] ?? 0 })),
    ),
  );
  if (values.length === 0) return undefined;
  return {
    title: 'Answers per target, through each node, cross-zone off and on',
    caption: `Each bar: the answers one target gave to the ${o.requestsPerNode} requests sent to one node's address (new TCP connection each). Off: each node answers only from its own zone, so the lone target takes about half; on: every target about a quarter.`,
    spec: {
      data: { values },
      facet: { row: { field: 'phase', type: 'nominal', title: null } },
      spec: {
        width: 640,
        height: 120,
        mark: 'bar',
        encoding: {
          y: { field: 'target', type: 'nominal', title: null },
          x: { field: 'answers', type: 'quantitative', stack: 'zero', title: 'answers' },
          color: { field: 'node', type: 'nominal', title: 'sent to' },
          tooltip: [{ field: 'phase' }, { field: 'node' }, { field: 'target' }, { field: 'answers' }],
        },
      },
    },
  };
}

function drainPlot(o: HealthDrainObservation): TimelinePlot | undefined {
  const entries = Object.entries(o.unhealthyAfterSeconds ?? {});
  if (entries.length === 0) return undefined;
  const documented = (o.settings.unhealthyThreshold ?? 0) * (o.settings.intervalSeconds ?? 0);
  const values = entries.map(([id, s]) => ({ target: id, seconds: s ?? o.drainBoundSeconds ?? 0, reached: s === null ? 'not within the bound' : 'unhealthy' }));
  return {
    title: 'Time until each target was read unhealthy',
    caption: `Seconds from the health-check path change to the first DescribeTargetHealth read (every 2 s) showing the target unhealthy; red rule: UnhealthyThresholdCount × HealthCheckIntervalSeconds = ${documented} s.`,
    spec: {
      width: 640,
      height: 120,
      layer: [
        {
          data: { values },
          mark: 'bar',
          encoding: {
            y: { field: 'target', type: 'nominal', title: null },
            x: { field: 'seconds', type: 'quantitative', title: 'seconds after the change' },
            color: { field: 'reached', type: 'nominal', title: null },
          },
        },
        { data: { values: [{ t: documented }] }, mark: { type: 'rule', color: '#d62728', strokeWidth: 2 }, encoding: { x: { field: 't', type: 'quantitative' } } },
      ],
    },
  };
}

export const plots: TimelinePlots = (observed) =>
  [
    observed[CROSS_ZONE] ? distributionPlot(observed[CROSS_ZONE] as CrossZoneObservation) : undefined,
    observed[HEALTH_DRAIN] ? drainPlot(observed[HEALTH_DRAIN] as HealthDrainObservation) : undefined,
  ].filter((p): p is TimelinePlot => p !== undefined);
