/**
 * The timelines of a recorded run, for the HTML report: the poison message's receives, its arrival
 * in the dead-letter queue and its journey back after the redrive; and the asynchronous
 * invocation's attempts until Lambda gave up and wrote the on-failure record.
 */
import type { TimelinePlot, TimelinePlots } from '../../lib/lab-kit/checks/lab-definition';
import { type JourneyObservation } from './observe';
import { type AsyncObservation } from './observe-async';

/** The observation names (observe.ts and observe-async.ts name them; imported by name to keep this file light). */
const JOURNEY = 'journey';
const ASYNC = 'async-retries';

const rule = (values: { t: number; label: string }[]) => [
  { data: { values }, mark: { type: 'rule' as const, color: '#d62728', strokeWidth: 2 }, encoding: { x: { field: 't', type: 'quantitative' as const } } },
  { data: { values }, mark: { type: 'text' as const, align: 'left' as const, dx: 4, dy: 8, fontSize: 11 }, encoding: { x: { field: 't', type: 'quantitative' as const }, y: { value: 0 }, text: { field: 'label' } } },
];

function journeyPlot(j: JourneyObservation): TimelinePlot {
  const a = j.arrival;
  const t0 = a.poisonReceives[0]?.sentTimestamp ?? a.goodReceives[0]?.sentTimestamp ?? 0;
  const sec = (at: number) => Math.round((at - t0) / 100) / 10;
  const receives = [
    ...a.poisonReceives.map((r) => ({ t: sec(r.at), lane: 'poison message', receive: `receive ${r.receiveCount}`, outcome: r.outcome })),
    ...a.goodReceives.map((r) => ({ t: sec(r.at), lane: 'good messages', receive: `receive ${r.receiveCount}`, outcome: r.outcome })),
    ...j.redrive.receivesAfter.map((r) => ({ t: sec(r.at), lane: 'poison, after the redrive', receive: `receive ${r.receiveCount}`, outcome: r.outcome })),
  ];
  const marks = [
    ...(a.secondsToDeadLetterQueue !== undefined ? [{ t: a.secondsToDeadLetterQueue, label: 'in the dead-letter queue' }] : []),
    ...(j.redrive.secondsBackToDeadLetterQueue !== undefined && j.redrive.receivesAfter[0]
      ? [{ t: sec(j.redrive.receivesAfter[0].sentTimestamp) + j.redrive.secondsBackToDeadLetterQueue, label: 'back in the dead-letter queue' }]
      : []),
  ];
  return {
    title: 'Receives and the dead-letter queue',
    caption: `Each receive the consumer logged (the function's clock), seconds after the poison message was sent; red rules: when the run first saw it in the dead-letter queue (scans every 2 s), and back there after the redrive. maxReceiveCount ${a.settings.maxReceiveCount}, visibility timeout ${a.settings.visibilityTimeoutSeconds} s.`,
    spec: {
      width: 760,
      height: 160,
      layer: [
        {
          data: { values: receives },
          mark: { type: 'point', filled: true, size: 80 },
          encoding: {
            x: { field: 't', type: 'quantitative', title: 'seconds after the poison message was sent' },
            y: { field: 'lane', type: 'nominal', title: null },
            color: { field: 'outcome', type: 'nominal', title: 'consumer outcome' },
            tooltip: [{ field: 't', title: 's' }, { field: 'receive' }, { field: 'outcome' }],
          },
        },
        ...rule(marks),
      ],
    },
  };
}

function asyncPlot(o: AsyncObservation): TimelinePlot {
  const t0 = o.attempts[0] ?? o.attemptLines[0]?.at ?? 0;
  const sec = (at: number) => Math.round((at - t0) / 100) / 10;
  const attempts = o.attemptLines.map((l) => ({ t: sec(l.at), lane: l.requestId === o.requestId ? 'attempts of the invocation' : 'another delivery', n: o.attempts.indexOf(l.at) + 1 }));
  const recordAt = o.record?.timestamp ? Date.parse(o.record.timestamp) : undefined;
  return {
    title: 'Asynchronous invocation: attempts and the on-failure record',
    caption: `Each attempt the always-failing function logged, seconds after the first (Lambda retries ${o.maximumRetryAttempts} times: waits ${o.delays.join(' s, ') || 'none'} s); red rule: the on-failure destination's record timestamp.`,
    spec: {
      width: 760,
      height: 110,
      layer: [
        {
          data: { values: attempts },
          mark: { type: 'point', filled: true, size: 120, color: '#ff7f0e' },
          encoding: { x: { field: 't', type: 'quantitative', title: 'seconds after the first attempt' }, y: { field: 'lane', type: 'nominal', title: null }, tooltip: [{ field: 't', title: 's' }, { field: 'n', title: 'attempt' }] },
        },
        ...rule(recordAt !== undefined ? [{ t: sec(recordAt), label: 'on-failure record' }] : []),
      ],
    },
  };
}

export const plots: TimelinePlots = (observed) => {
  const out: TimelinePlot[] = [];
  const j = observed[JOURNEY] as JourneyObservation | undefined;
  if (j) out.push(journeyPlot(j));
  const o = observed[ASYNC] as AsyncObservation | undefined;
  if (o) out.push(asyncPlot(o));
  return out;
};
