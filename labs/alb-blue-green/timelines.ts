/**
 * The traffic timelines of a recorded run, for the HTML report: per second, the responses by the
 * colour the page named, HTTP errors and requests without an answer, with the switch to green and
 * the rollback marked.
 */
import type { TimelinePlot, TimelinePlots } from '../../lib/lab-kit/checks/lab-definition';
import { canary, type CanaryObservation, switchAndRollback, type SwitchObservation } from './observe';
import { TARGET_HEALTH_LABEL } from './target-health';
import type { RequestSample, TrafficRecord } from './traffic';

/** What one request's answer was, for the plot. */
export function responseKind(s: RequestSample): string {
  if (s.status === undefined) return 'no answer';
  if (s.status < 200 || s.status > 299) return `HTTP ${s.status}`;
  return s.colour ?? 'other page';
}

const KINDS = ['blue', 'green', 'other page', 'no answer'];
const COLOURS = ['#1f77b4', '#2ca02c', '#9467bd', '#7f7f7f'];

function trafficPlot(title: string, caption: string, record: TrafficRecord): TimelinePlot {
  const counts = new Map<string, { second: number; kind: string; requests: number }>();
  for (const s of record.samples) {
    const second = Math.floor(s.startMs / 1000);
    const kind = responseKind(s);
    const key = `${second}|${kind}`;
    const row = counts.get(key) ?? { second, kind, requests: 0 };
    counts.set(key, { ...row, requests: row.requests + 1 });
  }
  const errors = [...new Set([...counts.values()].map((c) => c.kind).filter((k) => k.startsWith('HTTP ')))].sort();
  // A weight change is marked at the start of the second it began in (the bars' band).
  // The weight changes only: the target health reads that run every few seconds through the stream are not marked.
  const actions = record.actions.filter((a) => a.label !== TARGET_HEALTH_LABEL).map((a) => ({ second: Math.floor(a.startedMs / 1000), label: a.label }));
  return {
    title,
    caption,
    spec: {
      width: 760,
      height: 220,
      layer: [
        {
          data: { values: [...counts.values()] },
          mark: { type: 'bar' },
          encoding: {
            // One band per second (ordinal: a binned scale would fold the last second into the one before).
            x: { field: 'second', type: 'ordinal', title: 'seconds after the traffic started', axis: { labelExpr: 'datum.value % 5 === 0 ? datum.label : ""', labelAngle: 0 } },
            y: { field: 'requests', type: 'quantitative', aggregate: 'sum', title: 'requests started that second' },
            color: { field: 'kind', type: 'nominal', title: 'response', scale: { domain: [...KINDS, ...errors], range: [...COLOURS, ...errors.map(() => '#d62728')] } },
            tooltip: [{ field: 'second' }, { field: 'kind' }, { field: 'requests', aggregate: 'sum' }],
          },
        },
        { data: { values: actions }, mark: { type: 'rule', color: '#000', strokeWidth: 2 }, encoding: { x: { field: 'second', type: 'ordinal' } } },
        { data: { values: actions }, mark: { type: 'text', align: 'left', dx: 4, dy: 8, fontSize: 11, fontWeight: 'bold' }, encoding: { x: { field: 'second', type: 'ordinal' }, y: { value: 0 }, text: { field: 'label' } } },
      ],
    },
  };
}

export const plots: TimelinePlots = (observed) => {
  const out: TimelinePlot[] = [];
  const sw = observed[switchAndRollback.name] as SwitchObservation | undefined;
  if (sw) {
    out.push(
      trafficPlot(
        'Switch to green and roll back, per second',
        `${sw.record.samples.length} requests at ${sw.record.ratePerSecond}/s, by what answered: the colour the page named, an HTTP error (red), no answer (grey). Black rules: the ModifyListener calls (switch to green, roll back to blue).`,
        sw.record,
      ),
    );
  }
  const c = observed[canary.name] as CanaryObservation | undefined;
  if (c) {
    out.push(trafficPlot('Canary at 90/10, per second', `${c.record.samples.length} requests counted at ${c.record.ratePerSecond}/s once the 90/10 weights had taken effect, by the colour that answered.`, c.record));
  }
  return out;
};
