import { Duration } from 'aws-cdk-lib';
import type { LiveContext } from './claim';

/** The tag that starts every probe line on the serial console. */
export const PROBE_TAG = 'LABPROBE';

/** Options of {@link consoleProbeCommands}. */
export interface ConsoleProbeOptions {
  /** A short name for the probe: letters, digits and hyphens (`internet`). */
  readonly name: string;
  /**
   * A shell command run on every try; its exit code says success (0) or failure, and its output
   * (folded onto one line, first 200 characters) is recorded, e.g. `curl -sS -m 5 https://checkip.amazonaws.com`.
   */
  readonly command: string;
  /** Time between tries. @default Duration.seconds(15) */
  readonly interval?: Duration;
  /** A try that runs longer than this is stopped and counts as a failure. @default Duration.seconds(20) */
  readonly timeout?: Duration;
}

/**
 * User-data commands that run a probe forever as a systemd service and write one tagged line per
 * try to the serial console:
 *
 * `LABPROBE name=internet seq=3 at=1763900000 rc=0 out=54.1.2.3`
 *
 * The console is read with EC2 GetConsoleOutput, so a check can see what an instance sees without
 * SSH, an inbound rule, an SSM endpoint or any internet access of the instance itself.
 *
 * @see https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/troubleshoot-unreachable-instance.html#instance-console-console-output
 */
export function consoleProbeCommands(options: ConsoleProbeOptions): string[] {
  if (!/^[a-z0-9-]{1,32}$/.test(options.name)) {
    throw new Error(`name: received ${JSON.stringify(options.name)}; allowed: 1 to 32 lowercase letters, digits and hyphens`);
  }
  const interval = (options.interval ?? Duration.seconds(15)).toSeconds();
  const timeout = (options.timeout ?? Duration.seconds(20)).toSeconds();
  const script = `/usr/local/bin/lab-probe-${options.name}`;
  return [
    `cat > ${script} <<'LAB_PROBE_SCRIPT'`,
    '#!/bin/bash',
    'seq=0',
    'while true; do',
    '  seq=$((seq + 1))',
    `  out=$(timeout ${timeout} bash -c ${shellQuote(options.command)} 2>&1)`,
    '  rc=$?',
    "  out=$(printf '%s' \"$out\" | tr -s '\\r\\n\\t' '   ' | cut -c1-200)",
    `  echo "${PROBE_TAG} name=${options.name} seq=$seq at=$(date -u +%s) rc=$rc out=$out" > /dev/console`,
    `  sleep ${interval}`,
    'done',
    'LAB_PROBE_SCRIPT',
    `chmod 755 ${script}`,
    `cat > /etc/systemd/system/lab-probe-${options.name}.service <<'LAB_PROBE_UNIT'`,
    '[Unit]',
    `Description=Lab probe ${options.name}: one tagged line per try on the serial console`,
    'After=network-online.target',
    'Wants=network-online.target',
    '[Service]',
    `ExecStart=${script}`,
    'Restart=always',
    '[Install]',
    'WantedBy=multi-user.target',
    'LAB_PROBE_UNIT',
    'systemctl daemon-reload',
    `systemctl enable --now lab-probe-${options.name}.service`,
  ];
}

/**
 * A user-data command that writes one probe line once, for a one-off event such as "setup done":
 * `rcCommand` is run and its exit code recorded, so a failed setup says so on the console.
 */
export function consoleEventCommand(name: string, rcCommand: string, output: string): string {
  if (!/^[a-z0-9-]{1,32}$/.test(name)) {
    throw new Error(`name: received ${JSON.stringify(name)}; allowed: 1 to 32 lowercase letters, digits and hyphens`);
  }
  // rc is saved at once: the $(date) below would reset $? to 0.
  return `${rcCommand}; rc=$?; echo "${PROBE_TAG} name=${name} seq=1 at=$(date -u +%s) rc=$rc out=${output.replace(/["$`\\]/g, '')}" > /dev/console`;
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** One try of a probe, as read back from the console. */
export interface ProbeLine {
  readonly name: string;
  readonly seq: number;
  /** When the try ran (the instance's clock). */
  readonly at: Date;
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
    lines.push({ name: m[1], seq: Number(m[2]), at: new Date(Number(m[3]) * 1000), rc: Number(m[4]), output: m[5].trim() });
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
  /** How long to wait: an instance boots, installs nothing, and starts probing in 1–3 minutes. @default 8 minutes */
  readonly timeout?: Duration;
  /** Time between GetConsoleOutput calls. @default 15 seconds */
  readonly pollEvery?: Duration;
}

/**
 * Polls EC2 GetConsoleOutput (`Latest: true`, the live serial console of Nitro instances) until the
 * probe has written `minLines` lines, with progress, and returns them.
 *
 * @throws when the timeout passes first, saying how many lines were seen
 * @see https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_GetConsoleOutput.html
 */
export async function waitForProbeLines(ctx: LiveContext, options: WaitForProbeOptions): Promise<ProbeLine[]> {
  // Loaded on use: the CDK app imports this module and must not pay for the SDK at every synth.
  const { EC2Client, GetConsoleOutputCommand } = await import('@aws-sdk/client-ec2');
  const ec2 = new EC2Client(ctx.aws);
  const minLines = options.minLines ?? 3;
  const timeoutMs = (options.timeout ?? Duration.minutes(8)).toMilliseconds();
  const pollMs = (options.pollEvery ?? Duration.seconds(15)).toMilliseconds();
  const started = ctx.now();
  let lines: ProbeLine[] = [];
  for (;;) {
    const out = await ec2.send(new GetConsoleOutputCommand({ InstanceId: options.instanceId, Latest: true }));
    lines = parseProbeLines(decodeConsoleOutput(out.Output)).filter((l) => l.name === options.name);
    const elapsed = ctx.now() - started;
    if (lines.length >= minLines && (options.until?.(lines) ?? true)) return lines;
    if (elapsed >= timeoutMs) {
      throw new Error(
        lines.length >= minLines
          ? `probe ${options.name} on ${options.instanceId} did not settle in ${Math.round(elapsed / 1000)} s ` +
              `(last tries: ${lines.slice(-3).map((l) => `rc=${l.rc}`).join(', ')})`
          : `probe ${options.name} on ${options.instanceId} wrote ${lines.length} of ${minLines} lines in ` +
              `${Math.round(elapsed / 1000)} s; is the instance running? (a new instance needs 1–3 minutes)`,
      );
    }
    ctx.progress(`waiting for probe ${options.name} on ${options.instanceId}: ${lines.length}/${minLines} lines, ${Math.round(elapsed / 1000)} s`);
    await ctx.sleep(pollMs);
  }
}
