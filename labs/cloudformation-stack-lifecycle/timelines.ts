/**
 * The plots of a recorded run, for the HTML report: the silent custom resource's events against its
 * ServiceTimeout, and the protection stack's steps in order.
 */
import type { TimelinePlot, TimelinePlots } from '../../lib/lab-kit/checks/lab-definition';
import type { CustomResourceObservation } from './observe-custom-resource';
import type { ProtectionObservation } from './observe-protection';

export const plots: TimelinePlots = (observed) => {
  const out: TimelinePlot[] = [];
  const cr = observed['custom-resource'] as CustomResourceObservation | undefined;
  const start = cr?.events.find((e) => e.status === 'CREATE_IN_PROGRESS');
  if (cr && start) {
    const t0 = Date.parse(start.at);
    const rows = [
      ...cr.events.map((e) => ({ seconds: (Date.parse(e.at) - t0) / 1000, what: `event ${e.status}`, kind: 'CloudFormation event' })),
      ...cr.requests.map((r) => ({ seconds: (Date.parse(r.at) - t0) / 1000, what: `${r.requestType} request logged by the provider`, kind: r.requestType === 'Create' ? 'request, not answered' : 'request, answered' })),
    ];
    out.push({
      title: 'A custom resource whose provider never answers: CREATE_FAILED at its ServiceTimeout',
      caption: `Seconds after the resource's CREATE_IN_PROGRESS event: CloudFormation's events for it (DescribeStackEvents) and the requests the provider logged. The rule marks the ServiceTimeout (${cr.serviceTimeoutSeconds} s); the default would be 3600 s.`,
      spec: {
        width: 520,
        height: { step: 22 },
        layer: [
          {
            data: { values: rows },
            mark: { type: 'point', filled: true, size: 120 },
            encoding: {
              x: { field: 'seconds', type: 'quantitative', title: 'seconds after CREATE_IN_PROGRESS' },
              y: { field: 'what', type: 'nominal', title: null, sort: null, axis: { labelLimit: 320 } },
              color: { field: 'kind', type: 'nominal', title: null },
              tooltip: [{ field: 'what' }, { field: 'seconds' }],
            },
          },
          { data: { values: [{ seconds: cr.serviceTimeoutSeconds }] }, mark: { type: 'rule', strokeDash: [4, 3], color: '#7f7f7f' }, encoding: { x: { field: 'seconds', type: 'quantitative' } } },
        ],
      } as TimelinePlot['spec'],
    });
  }
  const p = observed.protection as ProtectionObservation | undefined;
  if (p?.created) {
    const steps = [
      { step: '1 CreateStack (protection on, deny-all stack policy)', result: p.created.status },
      { step: '2 UpdateStack (Dropped v1 → v2)', result: p.update?.refused ? `refused: ${p.update.refused.name}` : (p.update?.status ?? 'not reached') },
      { step: '3 DeleteStack, protection on', result: p.protectedDelete?.error ? `refused: ${p.protectedDelete.error.name}` : 'accepted' },
      { step: '4 DeleteStack, protection off, policy still set', result: p.unprotectedDelete?.status ?? 'not reached' },
      { step: '5 Kept (Retain) afterwards', result: p.kept ? (p.kept.exists ? 'exists' : 'gone') : 'not read' },
      { step: '6 Dropped (no DeletionPolicy) afterwards', result: p.dropped ? (p.dropped.exists ? 'exists' : 'gone') : 'not read' },
    ].map((s, i) => ({ ...s, order: i + 1 }));
    out.push({
      title: 'The protection stack, step by step',
      caption: 'What CloudFormation and Systems Manager answered at each step of the throwaway stack protected by termination protection and a deny-all stack policy.',
      spec: {
        width: 420,
        height: { step: 22 },
        data: { values: steps },
        mark: { type: 'text', align: 'left' },
        encoding: { y: { field: 'step', type: 'nominal', title: null, sort: null, axis: { labelLimit: 340 } }, text: { field: 'result' } },
      } as TimelinePlot['spec'],
    });
  }
  return out;
};
