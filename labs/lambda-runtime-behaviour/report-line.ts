/**
 * Lambda's REPORT line and the Invoke response, read once for every observation.
 *
 * The REPORT line's fields as the Lambda guide prints them ("Log and monitor Python Lambda functions",
 * https://docs.aws.amazon.com/lambda/latest/dg/python-logging.html, example log output):
 * `REPORT RequestId: 8f507cfc-xmpl-4697-b07a-ac58fc914c95  Duration: 15.74 ms  Billed Duration: 147 ms
 * Memory Size: 128 MB Max Memory Used: 56 MB  Init Duration: 130.49 ms`. Init Duration is there only
 * when the invocation started a new execution environment. Fields are matched by name, whatever the
 * spacing, so an added field (a Status) does not break the parse.
 *
 * The Invoke response ("Invoke", AWS Lambda API Reference, https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html):
 * `FunctionError` "If present, indicates that an error occurred during function execution"; `LogResult`
 * "The last 4 KB of the execution log, which is base64 encoded" (with LogType Tail); `ExecutedVersion`
 * "The version of the function that executed. When you invoke a function with an alias, this indicates
 * which version the alias resolved to."
 */

/** The figures of one REPORT line, in ms and MB. */
export interface ReportLine {
  readonly durationMs?: number;
  readonly billedDurationMs?: number;
  readonly memorySizeMb?: number;
  readonly maxMemoryUsedMb?: number;
  /** Present only on a cold start. */
  readonly initDurationMs?: number;
}

const num = (line: string, re: RegExp): number | undefined => {
  const m = re.exec(line);
  return m ? Number(m[1]) : undefined;
};

/** The last REPORT line of a log tail, parsed; undefined when the tail holds none. */
export function parseReport(logTail: string): ReportLine | undefined {
  const line = logTail
    .split('\n')
    .filter((l) => l.startsWith('REPORT '))
    .pop();
  if (!line) return undefined;
  return {
    durationMs: num(line, /(?<![A-Za-z] )Duration: ([\d.]+) ms/),
    billedDurationMs: num(line, /Billed Duration: ([\d.]+) ms/),
    memorySizeMb: num(line, /Memory Size: ([\d.]+) MB/),
    maxMemoryUsedMb: num(line, /Max Memory Used: ([\d.]+) MB/),
    initDurationMs: num(line, /Init Duration: ([\d.]+) ms/),
  };
}

/** One synchronous invocation, as recorded (plain JSON). */
export interface InvokeResult {
  readonly statusCode?: number;
  readonly functionError?: string;
  readonly executedVersion?: string;
  /** The payload parsed as JSON (or the text when it is not JSON). */
  readonly payload?: unknown;
  readonly report?: ReportLine;
  /** The decoded log tail, kept only when asked (failures the reader should see). */
  readonly logTail?: string;
}

/** Decodes an Invoke response (Payload bytes, base64 LogResult). */
export function readInvoke(
  response: { StatusCode?: number; FunctionError?: string; ExecutedVersion?: string; Payload?: Uint8Array; LogResult?: string },
  keepTail = false,
): InvokeResult {
  const text = response.Payload ? Buffer.from(response.Payload).toString('utf8') : undefined;
  let payload: unknown = text;
  try {
    payload = text !== undefined && text !== '' ? JSON.parse(text) : undefined;
  } catch {
    payload = text;
  }
  const tail = response.LogResult ? Buffer.from(response.LogResult, 'base64').toString('utf8') : '';
  return {
    statusCode: response.StatusCode,
    functionError: response.FunctionError,
    executedVersion: response.ExecutedVersion,
    payload,
    report: parseReport(tail),
    ...(keepTail ? { logTail: tail } : {}),
  };
}

/** The errorType and errorMessage of an error payload, when it has them. */
export function errorOf(payload: unknown): { errorType?: string; errorMessage?: string } {
  if (!payload || typeof payload !== 'object') return {};
  const p = payload as Record<string, unknown>;
  return {
    errorType: typeof p.errorType === 'string' ? p.errorType : undefined,
    errorMessage: typeof p.errorMessage === 'string' ? p.errorMessage : undefined,
  };
}
