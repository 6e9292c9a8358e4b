/**
 * The timelines of a recorded run, for the HTML report: each round's write latency per Region on
 * the MRSC and the MREC table (what strong consistency across Regions costs), and each replicated
 * MREC write's arrival in the other Regions.
 */
import type { TimelinePlot, TimelinePlots } from '../../lib/lab-kit/checks/lab-definition';
import type { ReplicationObservation, StrongReadsObservation } from './observe';

/** The observation names (observe.ts names them; repeated here to keep this file light). */
const STRONG_READS = 'mrsc-strong-reads';
const REPLICATION = 'mrec-replication';

function latencyPlot(o: StrongReadsObservation): TimelinePlot {
  const values = o.rounds.flatMap((r) => [
    ...(r.mrscWriteError ? [] : [{ round: r.round, ms: r.mrscWriteMs, table: 'MRSC', region: r.writeRegion }]),
    ...(r.mrecWriteError ? [] : [{ round: r.round, ms: r.mrecWriteMs, table: 'MREC', region: r.writeRegion }]),
  ]);
  return {
    title: 'Write latency per Region: MRSC vs MREC',
    caption: `Each round's PutItem round trip from your machine (ms), on the MRSC table and then the MREC table, written in ${o.regions.join(', ')} in turn; the gap between the two colours in a Region is what the synchronous cross-Region replication costs.`,
    spec: {
      width: 760,
      height: 220,
      data: { values },
      mark: { type: 'point', filled: true, size: 60 },
      encoding: {
        x: { field: 'round', type: 'quantitative', title: 'round' },
        y: { field: 'ms', type: 'quantitative', title: 'write latency (ms)' },
        color: { field: 'table', type: 'nominal', title: 'table' },
        shape: { field: 'region', type: 'nominal', title: 'written in' },
        tooltip: [{ field: 'round' }, { field: 'table' }, { field: 'region' }, { field: 'ms' }],
      },
    },
  };
}

function replicationPlot(o: ReplicationObservation): TimelinePlot {
  const values = o.rounds.flatMap((r) => r.arrivals.filter((a) => a.seenWithinMs !== undefined).map((a) => ({ round: r.round, region: a.region, upper: a.seenWithinMs, lower: a.notSeenAtMs ?? 0 })));
  return {
    title: 'MREC replication delay',
    caption: `Each write in ${o.regions[0]} and its arrival in each other Region: the bar runs from the last poll that missed it to the response of the first that saw it (ms after the write was acknowledged); the true delay lies inside it.`,
    spec: {
      width: 760,
      height: 220,
      data: { values },
      layer: [
        { mark: { type: 'rule', strokeWidth: 2 }, encoding: { x: { field: 'round', type: 'quantitative', title: 'round' }, y: { field: 'lower', type: 'quantitative', title: 'ms after the acknowledgement' }, y2: { field: 'upper' }, color: { field: 'region', type: 'nominal', title: 'seen in' } } },
        { mark: { type: 'tick', thickness: 2 }, encoding: { x: { field: 'round', type: 'quantitative' }, y: { field: 'upper', type: 'quantitative' }, color: { field: 'region', type: 'nominal' }, tooltip: [{ field: 'round' }, { field: 'region' }, { field: 'lower' }, { field: 'upper' }] } },
      ],
    },
  };
}

export const plots: TimelinePlots = (observed) => {
  const out: TimelinePlot[] = [];
  const s = observed[STRONG_READS] as StrongReadsObservation | undefined;
  const r = observed[REPLICATION] as ReplicationObservation | undefined;
  if (s) out.push(latencyPlot(s));
  if (r) out.push(replicationPlot(r));
  return out;
};
