import type { ObserveContext } from './lab-definition';
import { PROBE_TAG } from '../../network/console-probe-commands';

/** One try of a probe, as read back from the console. */
export interface ProbeLine {
  readonly name: string;
  readonly seq: number;
  /** When the try ran, epoch milliseconds (the instance's clock, whole seconds). */
  readonly atMs: number;
  /** The command's exit code: 0 is success; 124 is the probe's own timeout. */
  readonly rc: number;
  readonly output: string;
}

const LINE = new RegExp(`${PROBE_TAG} name=([a-z0-9-]+) seq=(\\d+) at=(\\d+) rc=(\\d+) out=(.*)$`);

/** Decodes GetConsoleOutput's `Output` (base64; absent until the instance has written anything). */
export function decodeConsoleOutput(output: string | undefined): string {
  return output ? Buffer.from(output, 'base64').toString('utf8') : '';
}

/**
 * The probe lines of a console text, in order, duplicates (the same name, seq and time) removed. Kernel
 * messages and other writers may interleave with probe lines; anything that is not a whole probe
 * line is ignored.
 */
export function parseProbeLines(consoleText: string): ProbeLine[] {
  const seen = new Set<string>();
  const lines: ProbeLine[] = [];
  for (const raw of consoleText.split(/\r?\n|\r/)) {
    const m = LINE.exec(raw);
    if (!m) continue;
    // The time is part of the key: a restarted probe counts from seq=1 again.
    const key = `${m[1]}#${m[2]}#${m[3]}`;
    if (seen.has(key)) continue;
    seen.add(key);
    lines.push({ name: m[1], seq: Number(m[2]), atMs: Number(m[3]) * 1000, rc: Number(m[4]), output: m[5].trim() });
  }
  return lines;
}

/** Options of {@link waitForProbeLines}. */
export interface WaitForProbeOptions {
  readonly instanceId: string;
  /** The probe's name. */
  readonly name: string;
  /** How many tries to wait for. @default 3 */
  readonly minLines?: number;
  /** Waits until this holds for the lines read so far (on top of `minLines`). @default always true */
  readonly until?: (lines: readonly ProbeLine[]) => boolean;
  /** How long to wait, in seconds: an instance boots, installs nothing, and starts probing in 1–3 minutes. @default 480 */
  readonly timeoutSeconds?: number;
  /** Seconds between GetConsoleOutput calls. @default 15 */
  readonly pollEverySeconds?: number;
  /** Which of the lines read count, for the progress line and the timeout message (e.g. only tries since a mark). @default every line */
  readonly counted?: (lines: readonly ProbeLine[]) => readonly ProbeLine[];
}

/**
 * Polls EC2 GetConsoleOutput (`Latest: true`, the live serial console of Nitro instances) until the
 * probe has written `minLines` lines, with progress, and returns them.
 *
 * @throws when the timeout passes first, saying how many lines were seen
 * @see https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_GetConsoleOutput.html
 */
export async function waitForProbeLines(ctx: Pick<ObserveContext, 'aws' | 'progress' | 'sleep' | 'now'>, options: WaitForProbeOptions): Promise<ProbeLine[]> {
  // Loaded on use: the CDK app imports this module and must not pay for the SDK at every synth.
  const { EC2Client, GetConsoleOutputCommand } = await import('@aws-sdk/client-ec2');
  const ec2 = new EC2Client(ctx.aws);
  const minLines = options.minLines ?? 3;
  const timeoutMs = (options.timeoutSeconds ?? 480) * 1000;
  const pollMs = (options.pollEverySeconds ?? 15) * 1000;
  const started = ctx.now();
  let lines: ProbeLine[] = [];
  for (;;) {
    const out = await ec2.send(new GetConsoleOutputCommand({ InstanceId: options.instanceId, Latest: true }));
    lines = parseProbeLines(decodeConsoleOutput(out.Output)).filter((l) => l.name === options.name);
    const elapsed = ctx.now() - started;
    if (lines.length >= minLines && (options.until?.(lines) ?? true)) return lines;
    const counted = options.counted?.(lines) ?? lines;
    if (elapsed >= timeoutMs) {
      throw new Error(
        lines.length >= minLines && counted.length > 0
          ? `probe ${options.name} on ${options.instanceId} did not settle in ${Math.round(elapsed / 1000)} s ` +
              `(last tries: ${counted.slice(-3).map((l) => `rc=${l.rc}`).join(', ')})`
          : `probe ${options.name} on ${options.instanceId} wrote ${counted.length} of ${minLines} ${options.counted ? 'new ' : ''}lines in ` +
              `${Math.round(elapsed / 1000)} s; is the instance running? (a new instance needs 1–3 minutes)`,
      );
    }
    ctx.progress(`waiting for probe ${options.name} on ${options.instanceId}: ${counted.length}/${minLines} ${options.counted ? 'new ' : ''}lines, ${Math.round(elapsed / 1000)} s`);
    await ctx.sleep(pollMs);
  }
}
