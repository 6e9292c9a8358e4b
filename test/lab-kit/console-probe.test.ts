import { EC2Client, GetConsoleOutputCommand } from '@aws-sdk/client-ec2';
import { Duration } from 'aws-cdk-lib';
import { mockClient } from 'aws-sdk-client-mock';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { decodeConsoleOutput, parseProbeLines, waitForProbeLines } from '../../lib/lab-kit/checks/console-probe-reader';
import { consoleEventCommand, consoleProbeCommands } from '../../lib/network/console-probe-commands';
import { fakeObserveContext } from '../../lib/lab-kit/testing';

const ec2 = mockClient(EC2Client);
afterEach(() => ec2.reset());

describe('consoleProbeCommands', () => {
  test('writes a script and a systemd unit that runs it forever', () => {
    const script = consoleProbeCommands({ name: 'internet', command: 'curl -sS -m 5 https://checkip.amazonaws.com' }).join('\n');
    expect(script).toContain("timeout 20 bash -c 'curl -sS -m 5 https://checkip.amazonaws.com'");
    expect(script).toContain('> /dev/console');
    expect(script).toContain('sleep 15');
    expect(script).toContain('Restart=always');
    expect(script).toContain('systemctl enable --now lab-probe-internet.service');
  });

  /** Runs the generated probe loop twice under bash, with the console redirected to a file. */
  function runProbe(command: string): string {
    const commands = consoleProbeCommands({ name: 'demo', command, interval: Duration.seconds(1) });
    const start = commands.indexOf('#!/bin/bash');
    const end = commands.indexOf('LAB_PROBE_SCRIPT', start);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'probe-'));
    const out = path.join(dir, 'console');
    const body = commands.slice(start, end).join('\n').replace('> /dev/console', `>> ${out}`).replace('while true; do', 'for _ in 1 2; do').replace(/sleep \d+/, 'sleep 0');
    fs.writeFileSync(path.join(dir, 'probe.sh'), body);
    execFileSync('bash', [path.join(dir, 'probe.sh')]);
    const text = fs.readFileSync(out, 'utf8');
    fs.rmSync(dir, { recursive: true });
    return text;
  }

  test('the probe loop, run by bash, writes lines the parser reads: success with quotes', () => {
    const lines = parseProbeLines(runProbe(`echo "it's 1.2.3.4"`));
    expect(lines.map((l) => [l.name, l.seq, l.rc, l.output])).toEqual([
      ['demo', 1, 0, "it's 1.2.3.4"],
      ['demo', 2, 0, "it's 1.2.3.4"],
    ]);
  });

  test('the probe loop records a failing command with its exit code and folded output', () => {
    const lines = parseProbeLines(runProbe('printf "curl: (28)\\nConnection timed out" >&2; exit 28'));
    expect(lines.map((l) => [l.seq, l.rc, l.output])).toEqual([
      [1, 28, 'curl: (28) Connection timed out'],
      [2, 28, 'curl: (28) Connection timed out'],
    ]);
  });

  test('throws when the name is not usable in a file name', () => {
    expect(() => consoleProbeCommands({ name: 'My Probe', command: 'true' })).toThrow('name: received "My Probe"; allowed: 1 to 32 lowercase letters, digits and hyphens');
  });
});

describe('parseProbeLines', () => {
  test('reads tagged lines among kernel noise and CRLF, and drops duplicates', () => {
    const text = [
      '[   12.345678] cloud-init[987]: running modules',
      'LABPROBE name=internet seq=1 at=1795000015 rc=28 out=curl: (28) Connection timed out',
      'LABPROBE name=internet seq=1 at=1795000015 rc=28 out=curl: (28) Connection timed out',
      'garbage LABPROBE name=internet seq=x',
      'LABPROBE name=internet seq=2 at=1795000030 rc=0 out=54.1.2.3 ',
    ].join('\r\n');
    expect(parseProbeLines(text)).toEqual([
      { name: 'internet', seq: 1, atMs: 1795000015000, rc: 28, output: 'curl: (28) Connection timed out' },
      { name: 'internet', seq: 2, atMs: 1795000030000, rc: 0, output: '54.1.2.3' },
    ]);
  });

  test('reads a restarted probe, whose seq starts again at 1', () => {
    const text = ['LABPROBE name=internet seq=1 at=1795000015 rc=28 out=x', 'LABPROBE name=internet seq=1 at=1795000900 rc=0 out=54.1.2.3'].join('\n');
    expect(parseProbeLines(text).map((l) => l.rc)).toEqual([28, 0]);
  });

  test('a one-off console event records the exit code of its command', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'event-'));
    const run = (command: string) => {
      const out = path.join(dir, command);
      execFileSync('bash', ['-c', consoleEventCommand('nat-ready', command, 'forwarding "configured"').replace('> /dev/console', `> ${out}`)]);
      return parseProbeLines(fs.readFileSync(out, 'utf8')).map((l) => [l.name, l.rc, l.output]);
    };
    expect(run('true')).toEqual([['nat-ready', 0, 'forwarding configured']]);
    expect(run('false')).toEqual([['nat-ready', 1, 'forwarding configured']]);
    fs.rmSync(dir, { recursive: true });
  });

  test('decodes GetConsoleOutput, which has no Output before the first write', () => {
    expect(decodeConsoleOutput(undefined)).toBe('');
    expect(decodeConsoleOutput(Buffer.from('hello').toString('base64'))).toBe('hello');
  });
});

describe('waitForProbeLines', () => {
  const line = (seq: number) => `LABPROBE name=internet seq=${seq} at=${1795000000 + seq} rc=0 out=54.1.2.3`;
  const output = (n: number) => ({ InstanceId: 'i-0123456789abcdef0', Output: n === 0 ? undefined : Buffer.from(Array.from({ length: n }, (_, i) => line(i + 1)).join('\n')).toString('base64') });

  test('polls with progress until enough lines appear', async () => {
    ec2.on(GetConsoleOutputCommand).resolvesOnce(output(0)).resolvesOnce(output(1)).resolves(output(3));
    const ctx = fakeObserveContext();
    const lines = await waitForProbeLines(ctx, { instanceId: 'i-0123456789abcdef0', name: 'internet' });
    expect(lines).toHaveLength(3);
    expect(ec2).toHaveReceivedCommandTimes(GetConsoleOutputCommand, 3);
    expect(ec2).toHaveReceivedCommandWith(GetConsoleOutputCommand, { InstanceId: 'i-0123456789abcdef0', Latest: true });
    expect(ctx.progressLog).toEqual([
      'waiting for probe internet on i-0123456789abcdef0: 0/3 lines, 0 s',
      'waiting for probe internet on i-0123456789abcdef0: 1/3 lines, 15 s',
    ]);
  });

  test('gives up after the timeout, saying what it saw', async () => {
    ec2.on(GetConsoleOutputCommand).resolves(output(1));
    const ctx = fakeObserveContext();
    await expect(waitForProbeLines(ctx, { instanceId: 'i-0123456789abcdef0', name: 'internet', timeoutSeconds: 60 })).rejects.toThrow(
      'probe internet on i-0123456789abcdef0 wrote 1 of 3 lines in 60 s; is the instance running? (a new instance needs 1–3 minutes)',
    );
  });
});
