/**
 * The failover timeline of a recorded run, for the HTML report: per second after the reboot
 * request, the address the endpoint's name resolved to, how far the probe's try got (TCP connect,
 * the SSLRequest answer, the login), RDS's events, and the downtime shaded.
 */
import type { TimelinePlot, TimelinePlots } from '../../lib/lab-kit/checks/lab-definition';
import { failover as failoverObservation, type FailoverObservation } from './observe';
import type { ProbeAttempt } from './probe-timeline';

/** How far one try got, in words: the probe's phases (probe-timeline.ts). */
export function tryResult(a: ProbeAttempt): string {
  if (a.ok && a.ready) return 'ready: login accepted';
  if (a.ok) return a.sqlstate ? `SSL answered, login refused (${a.sqlstate})` : 'SSL answered';
  if (a.phase === 'dns') return `DNS failed${a.error ? ` (${a.error})` : ''}`;
  if (a.phase === 'connect') return `TCP connect failed${a.error ? ` (${a.error})` : ''}`;
  return `${a.phase} failed${a.error ? ` (${a.error})` : ''}`;
}

export const plots: TimelinePlots = (observed) => {
  const f = observed[failoverObservation.name] as FailoverObservation | undefined;
  if (!f || f.kind !== 'observed') return [];
  const t0 = f.requestedAt;
  const sec = (at: number) => Math.round((at - t0) / 100) / 10;
  const attempts = f.windows.flatMap((w) => w.attempts);
  const rows = attempts.flatMap((a) => [
    { t: sec(a.at), lane: `DNS → ${a.address ?? 'no answer'}`, kind: 'DNS answer', value: a.address ?? 'no answer', ms: a.ms },
    { t: sec(a.at), lane: 'probe', kind: 'try', value: tryResult(a), ms: a.ms },
  ]);
  const outages = f.answers.outages.map((o) => ({ from: sec(o.startAt), to: sec(o.endAt ?? f.answers.lastAt ?? o.startAt), label: `down ${o.seconds} s` }));
  // Addresses in blues and purples, answers in greens, failures in reds: one legend, three families.
  const addresses = [...new Set(rows.filter((r) => r.kind === 'DNS answer').map((r) => r.value))];
  const results = [...new Set(rows.filter((r) => r.kind === 'try').map((r) => r.value))].sort();
  const resultColour = (v: string) => (v.startsWith('ready') ? '#2ca02c' : v.startsWith('SSL answered') ? '#98df8a' : v.includes('TIMEOUT') ? '#d62728' : '#ff9896');
  const ADDRESS_COLOURS = ['#1f77b4', '#9467bd', '#17becf', '#aec7e8', '#c5b0d5'];
  // Events logged at the same moment (0015 and 0049 often are) share one rule and one label.
  const byTime = new Map<number, string[]>([[0, ['reboot with failover requested']]]);
  for (const m of f.events.messages) if (m.date !== undefined) byTime.set(sec(m.date), [...(byTime.get(sec(m.date)) ?? []), m.eventId ?? m.message.slice(0, 40)]);
  const events = [...byTime.entries()].map(([t, labels]) => ({ t, label: labels.join(', ') }));
  const plot: TimelinePlot = {
    title: 'RDS failover, per second',
    caption: `Each try of the probe function (about one a second): the address the endpoint's name resolved to (DNS lanes) and how far the try got (probe lane). Shaded: no try answered the SSLRequest (${outages.map((o) => o.label).join(', ') || 'no downtime'}). Rules: the reboot request and RDS's events (DescribeEvents). Seconds after the reboot request, the caller's clock against the probe's.`,
    spec: {
      width: 760,
      height: 220,
      layer: [
        { data: { values: outages }, mark: { type: 'rect', color: '#d62728', opacity: 0.15 }, encoding: { x: { field: 'from', type: 'quantitative' }, x2: { field: 'to' } } },
        {
          data: { values: rows },
          mark: { type: 'tick', thickness: 2 },
          encoding: {
            x: { field: 't', type: 'quantitative', title: 'seconds after the reboot request' },
            y: { field: 'lane', type: 'nominal', title: null, sort: 'descending' },
            color: {
              field: 'value',
              type: 'nominal',
              title: 'DNS answer / try result',
              scale: { domain: [...addresses, ...results], range: [...addresses.map((_, i) => ADDRESS_COLOURS[i % ADDRESS_COLOURS.length]), ...results.map(resultColour)] },
            },
            tooltip: [{ field: 't', title: 's' }, { field: 'value' }, { field: 'ms', title: 'ms' }],
          },
        },
        { data: { values: events }, mark: { type: 'rule', color: '#555', strokeDash: [4, 3] }, encoding: { x: { field: 't', type: 'quantitative' } } },
        { data: { values: events }, mark: { type: 'text', angle: 270, align: 'left', dx: 4, dy: -4, fontSize: 9, color: '#333' }, encoding: { x: { field: 't', type: 'quantitative' }, y: { value: 0 }, text: { field: 'label' } } },
      ],
    },
  };
  return [plot];
};
