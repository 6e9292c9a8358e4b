import * as fs from 'node:fs';
import * as path from 'node:path';
import { deriveOutcome, describeExpectation, describePrecondition, type Judgement } from '../../../lib/lab-kit/checks/judgement';
import type { TrafficRecord, RequestSample } from '../traffic';
import {
  binomialAcceptance,
  censoredCanary,
  canaryStats,
  countOutcomes,
  describeCanary,
  describeSwitch,
  fromLoadBalancer,
  judgeSwitch,
  outcomeOf,
  type SwitchJudgement,
  switchStats,
  type SwitchWindow,
} from '../traffic-stats';

/** What the kit derives from a switch judgement alone (no baseline). */
function judgementOf(j: SwitchJudgement): Judgement {
  return { observed: '', method: '', expectations: j.expectations, preconditions: j.preconditions };
}

/**
 * Streams in the shape `generateTraffic` records: 10 requests/s for 30 s, a switch to green at 6 s and
 * a rollback at 18 s, with the two ALB nodes picking up each weight change 0.5–1.4 s apart (so a few
 * responses still come from the old colour). They are constructed, not captured from AWS: the
 * switch-with-errors stream adds what a green fleet that is not ready yet produces (502s, a timeout,
 * a connection reset).
 */
function fixture(name: string): TrafficRecord {
  return JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', `${name}.json`), 'utf8'));
}

function windows(r: TrafficRecord): { toGreen: SwitchWindow; toBlue: SwitchWindow } {
  const at = (label: string) => r.actions.find((a) => a.label === label)!.startedMs;
  return {
    toGreen: { target: 'green', switchedAtMs: at('switch to green'), endMs: at('roll back to blue') },
    toBlue: { target: 'blue', switchedAtMs: at('roll back to blue'), endMs: Number.POSITIVE_INFINITY },
  };
}

function sample(seq: number, outcome: 'blue' | 'green' | 502 | 503 | 'timeout', startMs = seq * 100): RequestSample {
  if (outcome === 'timeout') return { seq, startMs, endMs: startMs + 5000, error: 'timeout after 5000 ms' };
  // The load balancer's own error page: Server awselb/2.0.
  if (outcome === 502 || outcome === 503) return { seq, startMs, endMs: startMs + 3, status: outcome, server: 'awselb/2.0' };
  return { seq, startMs, endMs: startMs + 90, status: 200, colour: outcome, version: outcome === 'blue' ? 'v1' : 'v2' };
}

describe('outcomes', () => {
  test('a sample is failed without a status, non-2xx outside 200–299 when the load balancer\'s, else its colour or unrecognised', () => {
    expect(outcomeOf(sample(0, 'timeout'))).toBe('failed');
    expect(outcomeOf(sample(0, 502))).toBe('non-2xx');
    expect(outcomeOf({ seq: 0, startMs: 0, endMs: 1, status: 304, server: 'SimpleHTTP/0.6 Python/3.9.23' })).toBe('non-2xx');
    expect(outcomeOf({ seq: 0, startMs: 0, endMs: 1, status: 200 })).toBe('unrecognised');
    expect(outcomeOf({ seq: 0, startMs: 0, endMs: 1, status: 404, server: 'SimpleHTTP/0.6 Python/3.9.23' })).toBe('non-2xx');
    expect(outcomeOf({ seq: 0, startMs: 0, endMs: 1, status: 502, server: 'squid/5.7' })).toBe('unrecognised');
    expect(outcomeOf(sample(0, 'green'))).toBe('green');
  });

  // Review 3, finding 2. Only a positive identification counts a non-2xx against AWS: the fleets' http.server names itself
  // SimpleHTTP/<version> Python/<version> ("http.server", https://docs.python.org/3/library/http.server.html); an ALB's own error
  // pages carry awselb/2.0 (observed; "ListenerAttribute", routing.http.response.server.enabled, "Enables you to allow or remove the
  // HTTP response server header", https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_ListenerAttribute.html,
  // documents the header but not its value). A bare 502 (a security appliance, a VPN gateway) is nobody's we can name.
  test('a non-2xx with no Server header is not counted as the load balancer\'s: unrecognised, and the switch is inconclusive, not failed', () => {
    expect(outcomeOf({ seq: 0, startMs: 0, endMs: 1, status: 502 })).toBe('unrecognised');
    expect(outcomeOf({ seq: 0, startMs: 0, endMs: 1, status: 503, server: 'awselb/2.0' })).toBe('non-2xx');
    expect(fromLoadBalancer({})).toBe(false);
    expect(fromLoadBalancer({ server: 'awselb/2.0' })).toBe(true);
    expect(fromLoadBalancer({ server: 'SimpleHTTP/0.6 Python/3.9.23' })).toBe(true);
    expect(fromLoadBalancer({ server: 'nginx' })).toBe(false);
    const s = switchStats([...Array.from({ length: 60 }, (_, i) => sample(i, 'green')), { seq: 60, startMs: 6000, endMs: 6003, status: 502 }], { target: 'green', switchedAtMs: 0, endMs: 10_000 });
    expect(s.counts).toMatchObject({ non2xx: 0, unrecognised: 1 });
    expect(s.failures).toEqual(["#60 at 6.0 s: HTTP 502 with no Server header, not the lab's page"]);
    expect(deriveOutcome(judgementOf(judgeSwitch(s))).outcome).toBe('inconclusive');
  });

  // Review 2, finding 6. RFC 9110 "HTTP Semantics" §7.6.3 Via (https://www.rfc-editor.org/rfc/rfc9110#section-7.6.3): "A proxy MUST
  // send an appropriate Via header field"; "HTTP headers and Application Load Balancers"
  // (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/x-forwarded-headers.html) lists no Via the load balancer adds.
  test('a non-2xx with a Via header is a proxy\'s answer (or one it relayed), not the load balancer\'s, even with no Server header', () => {
    expect(outcomeOf({ seq: 0, startMs: 0, endMs: 1, status: 502, via: '1.1 proxy.corp.example (squid/5.7)' })).toBe('unrecognised');
    expect(outcomeOf({ seq: 0, startMs: 0, endMs: 1, status: 504, server: 'awselb/2.0', via: '1.1 gateway.example' })).toBe('unrecognised');
    const s = switchStats(
      [...Array.from({ length: 60 }, (_, i) => sample(i, 'green')), { seq: 60, startMs: 6000, endMs: 6003, status: 502, via: '1.1 proxy.corp.example (squid/5.7)' }],
      { target: 'green', switchedAtMs: 0, endMs: 10_000 },
    );
    expect(s.counts).toMatchObject({ non2xx: 0, unrecognised: 1 });
    expect(s.failures).toEqual(["#60 at 6.0 s: HTTP 502 with no Server header via 1.1 proxy.corp.example (squid/5.7), not the lab's page"]);
    expect(deriveOutcome(judgementOf(judgeSwitch(s))).outcome).toBe('inconclusive');
  });

  // Review 3, finding 1. A caching proxy that stored blue's page revalidates it (If-Modified-Since); http.server answers 304 when green's
  // file is no newer, and the proxy hands its stored blue page to the client as a 200 ("Freshening Stored Responses upon Validation",
  // RFC 9111 §4.3.4). That 200 carries Via (RFC 9110 §7.6.3, "A proxy MUST send an appropriate Via header field") and Age ("The presence
  // of an Age header field implies that the response was not generated or validated by the origin server for this request",
  // RFC 9111 "HTTP Caching" §5.1, https://www.rfc-editor.org/rfc/rfc9111#section-5.1). It is not the load balancer's routing.
  test('a 2xx colour page with a Via or an Age header is a cache\'s or a proxy\'s answer: unrecognised, never a colour', () => {
    expect(outcomeOf({ seq: 0, startMs: 0, endMs: 1, status: 200, colour: 'blue', server: 'SimpleHTTP/0.6 Python/3.9.23', via: '1.1 cache.corp.example (squid/5.7)', age: '0' })).toBe('unrecognised');
    expect(outcomeOf({ seq: 0, startMs: 0, endMs: 1, status: 200, colour: 'green', via: '1.1 proxy.corp.example' })).toBe('unrecognised');
    expect(outcomeOf({ seq: 0, startMs: 0, endMs: 1, status: 200, colour: 'blue', server: 'SimpleHTTP/0.6 Python/3.9.23', age: '12' })).toBe('unrecognised');
    // Every request after a switch to green answered with blue's stored page: the old code counted 120 blue and (in a 64 s window) failed the switch.
    const cached = (i: number): RequestSample => ({ seq: i, startMs: i * 100, endMs: i * 100 + 20, status: 200, colour: 'blue', version: 'v1', server: 'SimpleHTTP/0.6 Python/3.9.23', via: '1.1 cache.corp.example (squid/5.7)', age: '0' });
    const s = switchStats(Array.from({ length: 640 }, (_, i) => cached(i)), { target: 'green', switchedAtMs: 0, endMs: 64_000 });
    expect(s.counts).toMatchObject({ blue: 0, green: 0, unrecognised: 640 });
    expect(s.failures[0]).toBe("#0 at 0.0 s: HTTP 200 from SimpleHTTP/0.6 Python/3.9.23 via 1.1 cache.corp.example (squid/5.7) (Age 0: a cache), not the lab's page");
    expect(deriveOutcome(judgementOf(judgeSwitch(s))).outcome).toBe('inconclusive');
    // The canary: 300 stored blue pages are no trials at all, not 0 green of 300.
    const c = canaryStats(Array.from({ length: 300 }, (_, i) => cached(i)), { blue: 90, green: 10 });
    expect(c).toMatchObject({ trials: 0, withinTolerance: false });
    expect(censoredCanary(c).contradicts).toBe(false);
  });

  test('counts every outcome', () => {
    expect(countOutcomes([sample(0, 'blue'), sample(1, 'green'), sample(2, 502), sample(3, 'timeout'), { seq: 4, startMs: 0, endMs: 1, status: 200 }])).toEqual({
      requests: 5, blue: 1, green: 1, non2xx: 1, failed: 1, unrecognised: 1,
    });
  });
});

describe('a clean switch (recorded shape)', () => {
  const r = fixture('clean-switch');
  const w = windows(r);

  test('blue → green: no failure, every response green 1.4 s after ModifyListener, 11 blue while switching', () => {
    const s = switchStats(r.samples, w.toGreen);
    expect(s.counts).toEqual({ requests: 120, blue: 11, green: 109, non2xx: 0, failed: 0, unrecognised: 0 });
    expect(s.convergedAfterMs).toBe(1402);
    expect(s.stableResponses).toBe(106);
    expect(s.during).toEqual({ requests: 14, blue: 11, green: 3, non2xx: 0, failed: 0, unrecognised: 0 });
    expect(s.failures).toEqual([]);
    expect(s.latency.p50Ms).toBeGreaterThan(78);
    expect(s.latency.maxMs).toBeLessThanOrEqual(108);
    expect(judgeSwitch(s)).toMatchObject({ passed: true, problems: [] });
    expect(judgeSwitch(s).expectations.every((e) => e.met)).toBe(true);
    expect(describeSwitch(s)).toBe(
      'blue → green: 120 requests, 0 non-2xx, 0 failed; every response green from 1.4 s after ModifyListener on (106 in a row), mix while switching: 11 blue, 3 green',
    );
  });

  test('green → blue (the rollback): the same, 1.0 s', () => {
    const s = switchStats(r.samples, w.toBlue);
    expect(s.counts).toMatchObject({ requests: 120, non2xx: 0, failed: 0 });
    expect(s.convergedAfterMs).toBe(1001);
    expect(judgeSwitch(s).passed).toBe(true);
  });

  test('the baseline before the switch is all blue', () => {
    expect(countOutcomes(r.samples.filter((x) => x.startMs < w.toGreen.switchedAtMs))).toMatchObject({ requests: 60, blue: 60, green: 0 });
  });
});

describe('a switch with errors (recorded shape)', () => {
  const r = fixture('switch-with-errors');
  const w = windows(r);
  const s = switchStats(r.samples, w.toGreen);

  test('counts the 502s and the requests that got no response, and lists the first five', () => {
    expect(s.counts.non2xx).toBe(8);
    expect(s.counts.failed).toBe(5);
    expect(s.failures).toHaveLength(5);
    expect(s.failures[0]).toBe('#68 at 6.8 s: HTTP 502 (awselb/2.0)');
    expect(s.failures).toEqual([
      '#68 at 6.8 s: HTTP 502 (awselb/2.0)',
      '#70 at 7.0 s: HTTP 502 (awselb/2.0)',
      '#72 at 7.2 s: timeout after 5000 ms (no HTTP answer)',
      '#74 at 7.4 s: fetch failed: ECONNRESET (no HTTP answer)',
      '#75 at 7.5 s: HTTP 502 (awselb/2.0)',
    ]);
  });

  test('fails the switch on the 502s, although it converged in time; the requests with no response decide nothing, and do not hide the 502s', () => {
    expect(s.convergedAfterMs).toBe(2402);
    const j = judgeSwitch(s);
    expect(j).toMatchObject({ passed: false, problems: ['8 response(s) from the load balancer were HTTP errors'] });
    expect(j.expectations.filter((e) => !e.met).map(describeExpectation)).toEqual(['blue → green: HTTP error responses from the load balancer after ModifyListener: expected 0, saw 8']);
    // The requests with no answer are reported as they are (an unmet precondition), and the decisive 502s fail the switch anyway.
    expect(j.preconditions.filter((p) => !p.met).map((p) => p.what.split(' (')[0])).toEqual(['blue → green: every request after ModifyListener answered by the load balancer']);
    expect(deriveOutcome(judgementOf(j))).toEqual({ outcome: 'fail', reasons: ['blue → green: HTTP error responses from the load balancer after ModifyListener: expected 0, saw 8'] });
    expect(describeSwitch(s)).toContain('failures: #68 at 6.8 s: HTTP 502 (awselb/2.0); ');
  });

  test('the rollback in the same stream is clean', () => {
    expect(judgeSwitch(switchStats(r.samples, w.toBlue)).passed).toBe(true);
  });
});

describe('judging convergence', () => {
  const window: SwitchWindow = { target: 'green', switchedAtMs: 0, endMs: 10_000 };

  // AWS documents no figure for how fast a ModifyListener weight change takes effect (ModifyListener API reference,
  // forward actions in "Action types for listener rules", the weighted target groups announcement): not converging
  // within the run is a precondition (inconclusive), and the time it took is a figure, never a limit.
  test('a window that ends before every response is green did not converge: an unmet precondition, not a failed expectation', () => {
    const samples = Array.from({ length: 50 }, (_, i) => sample(i, i % 7 === 0 ? 'blue' : 'green'));
    const s = switchStats(samples, window);
    expect(s.convergedAfterMs).toBeUndefined();
    expect(s.stableResponses).toBe(0);
    expect(s.during.requests).toBe(50);
    expect(s.windowMs).toBe(4900);
    const j = judgeSwitch(s);
    expect(j).toMatchObject({ passed: false, converged: false, problems: [] });
    expect(j.expectations.every((e) => e.met)).toBe(true);
    expect(j.preconditions.filter((p) => !p.met).map(describePrecondition)).toEqual([
      'blue → green: every response green before the window ended, at least 5 in a row (else run again with a longer --duration) (saw no: 8 blue, 42 green in the 4.9 s window)',
    ]);
    expect(describeSwitch(s)).toContain('responses never all came from green (8 blue, 42 green)');
  });

  test('a slow switch is no failure (its time is a figure); too few responses after it is not yet a switch', () => {
    const slow = [...Array.from({ length: 110 }, (_, i) => sample(i, 'blue')), ...Array.from({ length: 10 }, (_, i) => sample(110 + i, 'green'))];
    const slowJudged = judgeSwitch(switchStats(slow, { ...window, endMs: 20_000 }));
    expect(slowJudged).toMatchObject({ passed: true, converged: true, problems: [] });
    expect(switchStats(slow, { ...window, endMs: 20_000 }).convergedAfterMs).toBe(11_000);
    const lucky = [...Array.from({ length: 20 }, (_, i) => sample(i, 'blue')), sample(20, 'green'), sample(21, 'green')];
    const luckyJudged = judgeSwitch(switchStats(lucky, window));
    expect(luckyJudged.converged).toBe(false);
    expect(luckyJudged.preconditions.filter((p) => !p.met).map(describePrecondition)).toEqual([
      'blue → green: every response green before the window ended, at least 5 in a row (else run again with a longer --duration) (saw only 2 green response(s) in a row before the window ended, after 2.0 s)',
    ]);
  });

  // Review finding 1, the reviewer's reproductions with the lab's own functions: both were inconclusive ("run again with a longer --duration").
  test('117 green responses then three 502s: a fail, not inconclusive (errors are not "not switched yet")', () => {
    const samples = [...Array.from({ length: 117 }, (_, i) => sample(i, 'green')), sample(117, 502), sample(118, 502), sample(119, 502)];
    const s = switchStats(samples, { ...window, endMs: 20_000 });
    expect(s.convergedAfterMs).toBe(0);
    expect(s.stableResponses).toBe(117);
    const j = judgeSwitch(s);
    expect(j.converged).toBe(true);
    const derived = deriveOutcome(judgementOf(j));
    expect(derived).toEqual({ outcome: 'fail', reasons: ['blue → green: HTTP error responses from the load balancer after ModifyListener: expected 0, saw 3'] });
  });

  test('green answering 503 to every request after the switch: a fail on the errors, although it never converged (the unmet preconditions are reported as unmet)', () => {
    const samples = [sample(0, 'blue'), ...Array.from({ length: 119 }, (_, i) => sample(1 + i, 503))];
    const j = judgeSwitch(switchStats(samples, { ...window, endMs: 20_000 }));
    expect(j.converged).toBe(false);
    expect(j.preconditions.filter((p) => !p.met).map((p) => p.what.split(' (')[0])).toEqual([
      'blue → green: responses from green after ModifyListener',
      'blue → green: every response green before the window ended, at least 5 in a row',
    ]);
    // Only the decisive contradiction is a reason: not "responses from green", which no window settles.
    expect(deriveOutcome(judgementOf(j))).toEqual({ outcome: 'fail', reasons: ['blue → green: HTTP error responses from the load balancer after ModifyListener: expected 0, saw 119'] });
  });

  // Review 3, finding 3: AWS documents no figure for how fast a weight change takes effect ("ModifyListener",
  // https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_ModifyListener.html; forward actions in "Action types for
  // listener rules", https://docs.aws.amazon.com/elasticloadbalancing/latest/application/rule-action-types.html#forward-actions), so no
  // window is long enough for "green never answered" to fail a switch: the old code failed this 64 s window on the lab's own 60 s floor.
  test.each([[120, 20_000, '11.9'], [640, 64_000, '63.9'], [3000, 300_000, '299.9']] as const)(
    'no green response at all while blue kept answering, %i requests in a %i ms window: inconclusive whatever the window, with the window and the last blue answer as figures',
    (n, endMs, watched) => {
      const s = switchStats(Array.from({ length: n }, (_, i) => sample(i, 'blue')), { ...window, endMs });
      const j = judgeSwitch(s);
      expect(j.expectations.map((e) => e.what)).toEqual(['blue → green: HTTP error responses from the load balancer after ModifyListener']);
      const derived = deriveOutcome(judgementOf(j));
      expect(derived.outcome).toBe('inconclusive');
      expect(derived.reasons[0]).toBe(
        `blue → green: responses from green after ModifyListener (AWS documents no bound on how fast a weight change takes effect, so a window in which green never answered decides nothing, whatever its length; run again, or with a longer --duration) (saw 0 of ${n} answers (blue still answered ${watched} s after ModifyListener, of ${watched} s watched))`,
      );
      expect(s.windowMs).toBe(Number(watched) * 1000);
      expect(s.lastOldResponseAfterMs).toBe(Number(watched) * 1000);
      expect(j.problems).toEqual([]);
    },
  );

  // Review 2, finding 2: a timeout may be a green response that never arrived (the load balancer waiting on a slow green target).
  test('no green response, blue answering late in a long window, and some requests timing out: inconclusive, the client-side precondition reported unmet', () => {
    const samples = Array.from({ length: 640 }, (_, i) => sample(i, i % 2 === 1 && i < 400 ? 'timeout' : 'blue'));
    const j = judgeSwitch(switchStats(samples, { ...window, endMs: 64_000 }));
    expect(j.preconditions.find((p) => p.what.includes('responses from green'))).toMatchObject({ met: false });
    expect(j.expectations.some((e) => e.decisive && !e.met)).toBe(false);
    const derived = deriveOutcome(judgementOf(j));
    expect(derived.outcome).toBe('inconclusive');
    expect(derived.reasons).toContain(
      "blue → green: every request after ModifyListener answered by the load balancer (a timeout, a reset or another server's page is this machine's network as far as the check can tell: it decides nothing; run again) (saw 200 without an HTTP answer, 0 not the lab's page, of 640)",
    );
  });

  test('a switch whose run was not sound (HTTP errors before it) has no decisive expectation: its errors make it inconclusive with the rest', () => {
    const j = judgeSwitch(switchStats([...Array.from({ length: 60 }, (_, i) => sample(i, 'green')), sample(60, 'timeout'), sample(61, 502)], window), { decisive: false });
    expect(j.expectations.some((e) => e.decisive)).toBe(false);
    expect(deriveOutcome(judgementOf(j)).outcome).toBe('inconclusive');
  });

  // Review finding 2: a timeout or a reset is this machine's network as far as the check can tell.
  test('blue answers at first, then nothing answers: inconclusive, never a fail (the network may have dropped, not the switch)', () => {
    const samples = [...Array.from({ length: 5 }, (_, i) => sample(i, 'blue')), ...Array.from({ length: 115 }, (_, i) => sample(5 + i, 'timeout'))];
    const j = judgeSwitch(switchStats(samples, { ...window, endMs: 20_000 }));
    expect(j.expectations.some((e) => e.decisive && !e.met)).toBe(false);
    const derived = deriveOutcome(judgementOf(j));
    expect(derived.outcome).toBe('inconclusive');
    expect(derived.reasons).toContain(
      "blue → green: every request after ModifyListener answered by the load balancer (a timeout, a reset or another server's page is this machine's network as far as the check can tell: it decides nothing; run again) (saw 115 without an HTTP answer, 0 not the lab's page, of 120)",
    );
  });

  test('one timeout in an otherwise clean switch: inconclusive, not failed', () => {
    const samples = Array.from({ length: 120 }, (_, i) => sample(i, i === 50 ? 'timeout' : 'green'));
    const derived = deriveOutcome(judgementOf(judgeSwitch(switchStats(samples, { ...window, endMs: 20_000 }))));
    expect(derived.outcome).toBe('inconclusive');
    expect(derived.reasons).toHaveLength(1);
  });

  test('an immediate switch says the first request after it was already green', () => {
    const s = switchStats(Array.from({ length: 10 }, (_, i) => sample(i, 'green')), window);
    expect(s.convergedAfterMs).toBe(0);
    expect(describeSwitch(s)).toContain('(10 in a row), the first request after it already green');
  });
});

/** P(X = k) for Binomial(n, p), directly (fine for small n). */
function pmf(n: number, p: number, k: number): number {
  let c = 1;
  for (let i = 1; i <= k; i++) c = (c * (n - k + i)) / i;
  return c * p ** k * (1 - p) ** (n - k);
}

describe('binomial acceptance interval', () => {
  test('90/10 over 300 requests at 99.9 %: 14 to 48 green', () => {
    expect(binomialAcceptance(300, 0.1, 0.999)).toEqual({ low: 14, high: 48, confidence: 0.999 });
  });

  test('the tails outside the interval hold at most (1 − confidence)/2 each, and one step in would exceed it', () => {
    for (const [n, p, conf] of [[300, 0.1, 0.999], [100, 0.5, 0.95], [50, 0.2, 0.99]] as const) {
      const { low, high } = binomialAcceptance(n, p, conf);
      const tail = (1 - conf) / 2;
      let below = 0;
      for (let k = 0; k < low; k++) below += pmf(n, p, k);
      let above = 0;
      for (let k = high + 1; k <= n; k++) above += pmf(n, p, k);
      expect(below).toBeLessThanOrEqual(tail);
      expect(above).toBeLessThanOrEqual(tail);
      expect(below + pmf(n, p, low)).toBeGreaterThan(tail);
      expect(above + pmf(n, p, high)).toBeGreaterThan(tail);
    }
  });

  test('large n does not underflow (50 requests/s for 300 s)', () => {
    // Mean 1,500, standard deviation 36.7: about ±3.3 standard deviations.
    expect(binomialAcceptance(15_000, 0.1)).toEqual({ low: 1380, high: 1622, confidence: 0.999 });
  });

  test('throws when the inputs are out of range, listing every problem', () => {
    expect(() => binomialAcceptance(0, 1.5, 1)).toThrow(
      'n: received 0; allowed: an integer of at least 1; p: received 1.5; allowed: strictly between 0 and 1; confidence: received 1; allowed: strictly between 0 and 1',
    );
  });
});

describe('canary statistics', () => {
  const weights = { blue: 90, green: 10 };
  const stream = (green: number, total = 300) => Array.from({ length: total }, (_, i) => sample(i, i < green ? 'green' : 'blue'));

  test('31 green of 300 is within tolerance', () => {
    const c = canaryStats(stream(31), weights);
    expect(c).toMatchObject({ trials: 300, hits: 31, expectedShare: 0.1, withinTolerance: true, interval: { low: 14, high: 48 } });
    expect(describeCanary(c)).toBe(
      'green 31 of 300 responses (10.3 %, expected 10.0 %); a true 90/10 split gives 14 to 48 (4.7 % to 16.0 %) 99.9 % of the time (exact binomial)',
    );
  });

  test('13 or 49 green of 300 is outside', () => {
    expect(canaryStats(stream(13), weights).withinTolerance).toBe(false);
    expect(canaryStats(stream(49), weights).withinTolerance).toBe(false);
  });

  test('failures are not trials, and are reported', () => {
    const c = canaryStats([...stream(30), sample(300, 502), sample(301, 'timeout')], weights);
    expect(c.trials).toBe(300);
    expect(describeCanary(c)).toContain('; also 270 blue, 30 green, 1 non-2xx, 1 failed');
  });

  // Review 2, finding 1: requests with no answer are dropped from the trials, but the load balancer may have routed them by the
  // weights ("requests are distributed to individual target groups based on their weights", "Action types for listener rules",
  // https://docs.aws.amazon.com/elasticloadbalancing/latest/application/rule-action-types.html#forward-actions).
  test('a count below the interval that the unanswered requests could explain does not contradict the weights (the reviewer\'s 12 of 280 with 20 timeouts)', () => {
    const samples = [...stream(12, 280), ...Array.from({ length: 20 }, (_, i) => sample(280 + i, 'timeout'))];
    const c = canaryStats(samples, weights);
    expect(c).toMatchObject({ trials: 280, hits: 12, withinTolerance: false });
    expect(c.interval.low).toBe(13);
    // Over all 300 requests the interval is 14 to 48: 12 + 20 = 32 is inside it.
    expect(censoredCanary(c)).toEqual({ unanswered: 20, requests: 300, interval: { low: 14, high: 48, confidence: 0.999 }, contradicts: false });
  });

  test('a count that no assignment of the unanswered requests brings inside the interval contradicts the weights', () => {
    // Below: 2 green of 290 and 10 timeouts; even all 10 green gives 12, under 14.
    const below = canaryStats([...stream(2, 290), ...Array.from({ length: 10 }, (_, i) => sample(290 + i, 'timeout'))], weights);
    expect(censoredCanary(below)).toMatchObject({ requests: 300, interval: { low: 14, high: 48 }, contradicts: true });
    // Above: 60 green of 290; even all 10 blue leaves 60, over 48.
    const above = canaryStats([...stream(60, 290), ...Array.from({ length: 10 }, (_, i) => sample(290 + i, 'timeout'))], weights);
    expect(censoredCanary(above)).toMatchObject({ contradicts: true });
    // Within tolerance, or with nothing unanswered and out of it, the plain interval decides.
    expect(censoredCanary(canaryStats(stream(31), weights)).contradicts).toBe(false);
    expect(censoredCanary(canaryStats(stream(13), weights)).contradicts).toBe(true);
    // No trials at all: nothing to contradict.
    expect(censoredCanary(canaryStats([sample(0, 'timeout'), sample(1, 502)], weights))).toEqual({ unanswered: 1, requests: 1, contradicts: false });
  });

  test('no colour at all is never within tolerance', () => {
    const c = canaryStats([sample(0, 502)], weights);
    expect(c.withinTolerance).toBe(false);
    expect(describeCanary(c)).toBe('no response named a colour (0 blue, 0 green, 1 non-2xx)');
  });
});
