/**
 * The plots of a recorded run, for the HTML report: what IAM's policy simulator decided for every
 * request of every scenario (EvalDecision, as returned), and how long the revocation took to deny the
 * old session.
 */
import type { TimelinePlot, TimelinePlots } from '../../lib/lab-kit/checks/lab-definition';
import type { SimulationsObservation } from './observe';
import type { SessionsObservation } from './observe-sessions';

/**
 * EvalDecision's values ("EvaluationResult", https://docs.aws.amazon.com/IAM/latest/APIReference/API_EvaluationResult.html:
 * allowed | explicitDeny | implicitDeny), each with its colour; a request without an answer is its own kind.
 */
const DECISIONS = ['allowed', 'explicitDeny', 'implicitDeny', 'no answer'];
const COLOURS = ['#2ca02c', '#d62728', '#ff7f0e', '#7f7f7f'];

/** `s3:GetObject on arn:aws:s3:::company-data/*`, shortened to the resource's last part. */
function request(action: string, resource: string): string {
  const tail = resource === '*' ? '*' : resource.split(/[:/]/).filter(Boolean).slice(-1)[0] ?? resource;
  return `${action} on ${tail}`;
}

export const plots: TimelinePlots = (observed) => {
  const out: TimelinePlot[] = [];
  const sims = observed.simulations as SimulationsObservation | undefined;
  if (sims?.results?.length) {
    const rows = sims.results.flatMap((r) =>
      r.steps.map((s) => ({
        scenario: r.id,
        request: `${r.id}: ${request(s.action, s.resource)}`,
        decision: s.decision ?? 'no answer',
        scp: s.allowedByOrganizations === false ? 'your SCPs denied it' : '',
        matched: s.matched.join('; '),
      })),
    );
    out.push({
      title: 'What the policy simulator decided, request by request',
      caption:
        'Each cell is one request of one scenario as IAM\'s policy simulator answered it (SimulateCustomPolicy or SimulatePrincipalPolicy, EvalDecision): green allowed, red an explicit deny, orange the implicit deny of no matching Allow. The checks compare each with what the evaluation logic predicts.',
      spec: {
        width: 340,
        height: { step: 12 },
        data: { values: rows },
        mark: { type: 'rect', stroke: 'white' },
        encoding: {
          x: { field: 'decision', type: 'nominal', title: 'EvalDecision', scale: { domain: DECISIONS }, axis: { labelAngle: 0 } },
          y: { field: 'request', type: 'nominal', title: null, sort: null, axis: { labelLimit: 380 } },
          color: { field: 'decision', type: 'nominal', title: 'decision', scale: { domain: DECISIONS, range: COLOURS } },
          tooltip: [{ field: 'scenario' }, { field: 'request' }, { field: 'decision' }, { field: 'matched', title: 'matched statements' }, { field: 'scp', title: 'organization' }],
        },
      } as TimelinePlot['spec'],
    });
  }
  const sessions = observed.sessions as SessionsObservation | undefined;
  if (sessions?.after && sessions.after.attempts > 0) {
    const rows = [
      { step: 'old session, before the revocation', seconds: 0, result: sessions.before?.allowed ? 'allowed' : 'denied' },
      { step: 'old session, after the revocation', seconds: sessions.after.secondsToDenied ?? sessions.after.waitedSeconds, result: sessions.after.denied ? 'denied' : 'still allowed' },
      ...(sessions.second ? [{ step: 'new session, after the revocation', seconds: sessions.after.secondsToDenied ?? sessions.after.waitedSeconds, result: sessions.second.call.allowed ? 'allowed' : 'denied' }] : []),
    ];
    out.push({
      title: 'Revoking active sessions: the old session denied, a new one allowed',
      caption: `After the aws:TokenIssueTime deny ("Revoke active sessions") was put on the role, the old session's calls were tried every few seconds until IAM denied them (${sessions.after.attempts} tries); a session assumed afterwards is not covered by it.`,
      spec: {
        width: 520,
        height: 90,
        data: { values: rows },
        mark: { type: 'point', filled: true, size: 140 },
        encoding: {
          x: { field: 'seconds', type: 'quantitative', title: 'seconds after the revocation was written' },
          y: { field: 'step', type: 'nominal', title: null, sort: null },
          color: { field: 'result', type: 'nominal', title: 'IAM said', scale: { domain: ['allowed', 'denied', 'still allowed'], range: ['#2ca02c', '#d62728', '#ff7f0e'] } },
          tooltip: [{ field: 'step' }, { field: 'seconds' }, { field: 'result' }],
        },
      },
    });
  }
  return out;
};
