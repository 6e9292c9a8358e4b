import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { NatInstance } from '../../lib/network/nat-instance';

// "Work with NAT instances" (https://docs.aws.amazon.com/vpc/latest/userguide/work-with-nat-instances.html) lists two OS
// steps: turn IP forwarding on (net.ipv4.ip_forward=1) and add the iptables MASQUERADE rule. The `nat-ready` line
// must say rc=0 only when both hold: a NAT instance with the rule but no forwarding drops every forwarded packet.
describe('NatInstance: the nat-ready check', () => {
  let bin: string;
  beforeAll(() => {
    bin = mkdtempSync(path.join(tmpdir(), 'nat-ready-'));
    // Stand-ins for the two tools, driven by the environment: sysctl -n prints the forwarding flag, iptables -C
    // exits 0 when the rule exists and 1 when it does not (iptables(8): -C "Check whether a rule matching the
    // specification does exist in the selected chain").
    writeFileSync(path.join(bin, 'sysctl'), '#!/bin/sh\n[ "$1" = "-n" ] && [ "$2" = "net.ipv4.ip_forward" ] && echo "$FAKE_IP_FORWARD"\n');
    writeFileSync(path.join(bin, 'iptables'), '#!/bin/sh\nexit "$FAKE_RULE_RC"\n');
    chmodSync(path.join(bin, 'sysctl'), 0o755);
    chmodSync(path.join(bin, 'iptables'), 0o755);
  });
  afterAll(() => rmSync(bin, { recursive: true, force: true }));

  const run = (ipForward: string, ruleRc: number) =>
    spawnSync('bash', ['-c', `out_if=ens5; ${NatInstance.READY_CHECK}`], { env: { PATH: `${bin}:/usr/bin:/bin`, FAKE_IP_FORWARD: ipForward, FAKE_RULE_RC: String(ruleRc) } }).status;

  test('rc=0 when forwarding is on and the MASQUERADE rule is in place', () => expect(run('1', 0)).toBe(0));
  test('not 0 when the rule is in place but forwarding is off (sysctl -p failed)', () => expect(run('0', 0)).not.toBe(0));
  test('not 0 when forwarding is on but the rule is missing', () => expect(run('1', 1)).not.toBe(0));

  test('the setup writes nat-ready with that check as its exit code', () => {
    const line = NatInstance.SETUP_COMMANDS[NatInstance.SETUP_COMMANDS.length - 1];
    expect(line.startsWith(`${NatInstance.READY_CHECK}; rc=$?;`)).toBe(true);
    expect(line).toContain(`name=${NatInstance.READY_EVENT} `);
  });
});
