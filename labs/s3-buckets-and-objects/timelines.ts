/**
 * The plots of a recorded run, for the HTML report: every read of the consistency rounds by what
 * it returned, and the presigned URL's answers against S3's clock around its expiry.
 */
import type { TimelinePlot, TimelinePlots } from '../../lib/lab-kit/checks/lab-definition';
import type { ConsistencyObservation } from './observe-consistency';
import type { PresignedObservation } from './observe-presigned';

const READS = ['readAfterCreate', 'readAfterOverwrite', 'listAfterOverwrite', 'readAfterDelete', 'listAfterDelete'] as const;
const LABELS: Record<(typeof READS)[number], string> = {
  readAfterCreate: 'GET after first PUT',
  readAfterOverwrite: 'GET after overwrite',
  listAfterOverwrite: 'LIST after overwrite',
  readAfterDelete: 'GET after DELETE',
  listAfterDelete: 'LIST after DELETE',
};

export const plots: TimelinePlots = (observed) => {
  const out: TimelinePlot[] = [];
  const c = observed.consistency as ConsistencyObservation | undefined;
  if (c?.rounds?.length) {
    const rows = c.rounds.flatMap((r, i) => READS.map((k, j) => ({ round: i + 1, read: LABELS[k], result: r[k], gapMs: r.gapsMs[j] })));
    out.push({
      title: 'Strong consistency: every read of every round',
      caption: `Each cell is one read, sent right after the write before it was answered, on a fresh key per round (${c.rounds.length} rounds): green shows the latest write, red a stale state, grey anything else.`,
      spec: {
        width: 520,
        height: { step: 18 },
        data: { values: rows },
        mark: { type: 'rect', stroke: 'white' },
        encoding: {
          x: { field: 'round', type: 'ordinal', title: 'round', axis: { labelAngle: 0, labelOverlap: true } },
          y: { field: 'read', type: 'nominal', title: null, sort: Object.values(LABELS) },
          color: { field: 'result', type: 'nominal', title: 'read returned', scale: { domain: ['fresh', 'stale', 'other'], range: ['#2ca02c', '#d62728', '#7f7f7f'] } },
          tooltip: [{ field: 'round' }, { field: 'read' }, { field: 'result' }, { field: 'gapMs', title: 'ms after the write was answered' }],
        },
      },
    });
  }
  const p = observed.presigned as PresignedObservation | undefined;
  if (p?.polls?.length) {
    const rows = p.polls.filter((f) => f.serverMs !== undefined).map((f) => ({ seconds: ((f.serverMs as number) - p.signedAtMs) / 1000, answer: f.status === 200 ? '200 object' : `${f.status} ${f.code ?? ''}`.trim() }));
    out.push({
      title: 'The presigned URL before and after it expires',
      caption: `Each point is one fetch of a URL presigned for ${p.expiresSeconds} s, placed by S3's own clock (the answer's Date header) in seconds after X-Amz-Date; the rule marks the expiry.`,
      spec: {
        width: 520,
        height: 80,
        layer: [
          { data: { values: rows }, mark: { type: 'point', filled: true, size: 120 }, encoding: { x: { field: 'seconds', type: 'quantitative', title: "seconds after signing (S3's clock)" }, color: { field: 'answer', type: 'nominal', title: 'answer' }, tooltip: [{ field: 'seconds' }, { field: 'answer' }] } },
          { data: { values: [{ expiry: p.expiresSeconds }] }, mark: { type: 'rule', strokeDash: [4, 4] }, encoding: { x: { field: 'expiry', type: 'quantitative' } } },
        ],
      },
    });
  }
  return out;
};
