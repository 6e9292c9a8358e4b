/**
 * The probe timeline of a recorded run, for the HTML report: per instance, the tries its verdict
 * rests on (read from its serial console) and how many were read in all.
 */
import type { TimelinePlots } from '../../lib/lab-kit/checks/lab-definition';
import { answered, failedToConnect, type ProbeObservation, tryParts } from './observe';

/** What one try showed, in words. */
export function tryOutcome(line: Parameters<typeof answered>[0]): string {
  if (answered(line)) return `reached checkip as ${tryParts(line).answer}`;
  if (failedToConnect(line)) return 'no connection to either endpoint';
  return tryParts(line).second?.rc === 0 ? 'second endpoint only' : `other (curl ${line.rc})`;
}

export const plots: TimelinePlots = (observed) => {
  const probes = Object.entries(observed)
    .filter(([name, v]) => name.startsWith('probe-') && Array.isArray((v as Partial<ProbeObservation>)?.settled))
    .map(([, v]) => v as ProbeObservation);
  if (probes.length === 0) return [];
  const t0 = Math.min(...probes.flatMap((p) => p.settled.map((l) => l.atMs)));
  const rows = probes.flatMap((p) => p.settled.map((l) => ({ instance: `${p.key} (${p.tries} tries read)`, t: (l.atMs - t0) / 1000, result: tryOutcome(l), seq: l.seq })));
  return [
    {
      title: 'Probe tries per instance',
      caption: 'Each instance tries https://checkip.amazonaws.com and its Region\'s STS endpoint every 15-25 s and writes the result to its serial console; these are the settled tries its verdict rests on (only tries written after the run\'s first read of each console count), seconds after the earliest, coloured by what they showed (instance clocks, whole seconds).',
      spec: {
        width: 640,
        height: 200,
        data: { values: rows },
        mark: { type: 'point', filled: true, size: 90 },
        encoding: {
          x: { field: 't', type: 'quantitative', title: 'seconds after the earliest settled try' },
          y: { field: 'instance', type: 'nominal', title: null },
          color: { field: 'result', type: 'nominal', title: 'try result' },
          tooltip: [{ field: 'instance' }, { field: 'seq', title: 'try' }, { field: 'result' }],
        },
      },
    },
  ];
};
