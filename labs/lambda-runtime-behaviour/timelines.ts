/**
 * The plots of a recorded run for the HTML report: every forced cold start's Init Duration by probe,
 * the warm durations of the two SDK probes, and the weighted alias's running share.
 */
import type { TimelinePlot, TimelinePlots } from '../../lib/lab-kit/checks/lab-definition';
import type { ColdStartObservation, VersionObservation } from './observe';

/** The observation names (observe.ts names them; repeated to keep this file light). */
const COLD = 'cold-starts';
const VERSIONS = 'versions';

const LABELS: Record<string, string> = {
  plain: 'no VPC',
  vpc: 'in a VPC',
  sdkAtInit: 'SDK client at init',
  sdkInHandler: 'SDK client in handler',
  largePackage: 'large package',
};

function coldPlot(o: ColdStartObservation): TimelinePlot {
  const values = Object.entries(o.samples).flatMap(([probe, samples]) =>
    samples.filter((s) => s.cold.initDurationMs !== undefined).map((s) => ({ probe: LABELS[probe] ?? probe, round: s.round, ms: s.cold.initDurationMs })),
  );
  return {
    title: 'Init Duration of every forced cold start',
    caption: `One point per cold start (the REPORT line's Init Duration), ${o.rounds} rounds, each probe forced cold by a configuration change; the tick is the median.`,
    spec: {
      width: 640,
      height: 220,
      data: { values },
      layer: [
        { mark: { type: 'point', opacity: 0.6 }, encoding: { x: { field: 'ms', type: 'quantitative', title: 'Init Duration (ms)' }, y: { field: 'probe', type: 'nominal', title: null }, tooltip: [{ field: 'round' }, { field: 'ms' }] } },
        { mark: { type: 'tick', color: '#d62728', thickness: 3 }, encoding: { x: { aggregate: 'median', field: 'ms', type: 'quantitative' }, y: { field: 'probe', type: 'nominal' } } },
      ],
    },
  };
}

function warmPlot(o: ColdStartObservation): TimelinePlot {
  const values = (['sdkAtInit', 'sdkInHandler'] as const).flatMap((probe) =>
    o.samples[probe].filter((s) => s.warm.initDurationMs === undefined && s.warm.durationMs !== undefined).map((s) => ({ probe: LABELS[probe], round: s.round, ms: s.warm.durationMs })),
  );
  return {
    title: 'Warm Duration: SDK client made at init or in the handler',
    caption: 'The invocation right after each cold start (same environment, no Init Duration); both call STS GetCallerIdentity once.',
    spec: {
      width: 640,
      height: 200,
      data: { values },
      mark: { type: 'line', point: true },
      encoding: { x: { field: 'round', type: 'ordinal', title: 'round' }, y: { field: 'ms', type: 'quantitative', title: 'Duration (ms)' }, color: { field: 'probe', type: 'nominal', title: null } },
    },
  };
}

function weightPlot(o: VersionObservation): TimelinePlot {
  let k = 0;
  const values = o.weighted.map((x, i) => {
    if (x.executedVersion === o.secondVersion) k++;
    return { n: i + 1, share: k / (i + 1) };
  });
  return {
    title: 'Weighted alias: running share of the new version',
    caption: `ExecutedVersion of each of ${o.weighted.length} invocations of the alias; the red rule is the weight ${o.weight}.`,
    spec: {
      width: 640,
      height: 180,
      layer: [
        { data: { values }, mark: 'line', encoding: { x: { field: 'n', type: 'quantitative', title: 'invocations' }, y: { field: 'share', type: 'quantitative', title: 'share on the new version', scale: { domain: [0, 1] } } } },
        { data: { values: [{ w: o.weight }] }, mark: { type: 'rule', color: '#d62728' }, encoding: { y: { field: 'w', type: 'quantitative' } } },
      ],
    },
  };
}

export const plots: TimelinePlots = (observed) => {
  const out: TimelinePlot[] = [];
  const cold = observed[COLD] as ColdStartObservation | undefined;
  if (cold) out.push(coldPlot(cold), warmPlot(cold));
  const v = observed[VERSIONS] as VersionObservation | undefined;
  if (v?.weighted) out.push(weightPlot(v));
  return out;
};
