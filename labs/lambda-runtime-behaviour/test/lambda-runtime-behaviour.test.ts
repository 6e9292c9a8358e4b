/** What is particular to lambda-runtime-behaviour: the REPORT line parser, the statistics, and the template. */
import { parseReport, readInvoke } from '../report-line';
import { binomialUpperTail, clopperPearson, median, quantile, signTest } from '../stats';

describe('REPORT line (the example of "Log and monitor Python Lambda functions", https://docs.aws.amazon.com/lambda/latest/dg/python-logging.html)', () => {
  const DOC =
    'START RequestId: 8f507cfc-xmpl-4697-b07a-ac58fc914c95 Version: $LATEST\nEND RequestId: 8f507cfc-xmpl-4697-b07a-ac58fc914c95\n' +
    'REPORT RequestId: 8f507cfc-xmpl-4697-b07a-ac58fc914c95  Duration: 15.74 ms  Billed Duration: 147 ms Memory Size: 128 MB Max Memory Used: 56 MB  Init Duration: 130.49 ms\n' +
    'XRAY TraceId: 1-5e34a614-10bdxmplf1fb44f07bc535a1   SegmentId: 07f5xmpl2d';

  test('reads every field of the documented example, Duration not confused with Billed or Init Duration', () => {
    expect(parseReport(DOC)).toEqual({ durationMs: 15.74, billedDurationMs: 147, memorySizeMb: 128, maxMemoryUsedMb: 56, initDurationMs: 130.49 });
  });

  test('a warm invocation has no Init Duration; a tail without REPORT gives none', () => {
    expect(parseReport('REPORT RequestId: x\tDuration: 2.00 ms\tBilled Duration: 3 ms\tMemory Size: 128 MB\tMax Memory Used: 60 MB\t')?.initDurationMs).toBeUndefined();
    expect(parseReport('START RequestId: x Version: $LATEST\n')).toBeUndefined();
  });

  test('Invoke: the base64 LogResult and the Payload bytes are decoded', () => {
    const r = readInvoke({ StatusCode: 200, FunctionError: 'Unhandled', LogResult: Buffer.from(DOC).toString('base64'), Payload: new TextEncoder().encode('{"errorType":"X"}') });
    expect([r.functionError, r.payload, r.report?.initDurationMs, r.logTail]).toEqual(['Unhandled', { errorType: 'X' }, 130.49, undefined]);
  });
});

describe('statistics', () => {
  test('quantiles by interpolation', () => {
    expect(median([3, 1, 2, 10])).toBe(2.5);
    expect(quantile([1, 2, 3, 4, 5], 0.25)).toBe(2);
  });

  test('Clopper-Pearson: 40 of 200 at 95% is about 0.1475-0.2619 (the exact interval); 0 and n have a closed end', () => {
    const ci = clopperPearson(40, 200, 0.95);
    expect(ci.lower).toBeCloseTo(0.1466, 3);
    expect(ci.upper).toBeCloseTo(0.2619, 3);
    expect(clopperPearson(0, 10, 0.95).lower).toBe(0);
    expect(clopperPearson(10, 10, 0.95).upper).toBe(1);
  });

  test('the exact sign test: 9 of 10 greater has p = 11/1024; ties are left out', () => {
    expect(binomialUpperTail(10, 9, 0.5)).toBeCloseTo(11 / 1024, 10);
    const pairs = [...Array.from({ length: 9 }, () => [2, 1] as const), [1, 2] as const, [5, 5] as const];
    expect(signTest(pairs)).toEqual({ greater: 9, differing: 10, pValue: expect.closeTo(11 / 1024, 10) });
  });
});
