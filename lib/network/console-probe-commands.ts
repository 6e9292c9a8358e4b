// Type only: the check side (the kit's console-probe reader) imports PROBE_TAG from here and must
// not load aws-cdk-lib for it.
import type { Duration } from 'aws-cdk-lib';

/** The tag that starts every probe line on the serial console. */
export const PROBE_TAG = 'LABPROBE';

/** Options of {@link consoleProbeCommands}. */
export interface ConsoleProbeOptions {
  /** A short name for the probe: letters, digits and hyphens (`internet`). */
  readonly name: string;
  /**
   * A shell command run on every try; its exit code says success (0) or failure, and its output
   * (folded onto one line, first 200 characters) is recorded, e.g. `curl -fsS -m 5 https://checkip.amazonaws.com`.
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
  const interval = options.interval?.toSeconds() ?? 15;
  const timeout = options.timeout?.toSeconds() ?? 20;
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

