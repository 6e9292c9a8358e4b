import {
  type Action,
  DescribeListenersCommand,
  ElasticLoadBalancingV2Client,
  ModifyListenerCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { fakeObserveContext } from '../../../lib/lab-kit/testing';
import type { TrafficWeights } from '../../../lib/deployment/listener-weights';
import { INTERRUPT_SIGNALS, readWeights, restoreCommand, withListenerChange, withWeights } from '../listener-change';
import { describeWeights, expectedShare, sameWeights } from '../weights';

const elbv2 = mockClient(ElasticLoadBalancingV2Client);

const LISTENER = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/alb-bl-Servi-1Q2W3E4R5T6Y/50dc6c495c0c9188/f2f7dc8efc522ab2';
const TGS = {
  blue: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/alb-bl-Servi-BLUE0000000/73e2d6bc24d8a067',
  green: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/alb-bl-Servi-GREEN000000/09966783158cda59',
};

/** A weighted forward as DescribeListeners returns it. */
const ORIGINAL: Action = {
  Type: 'forward',
  ForwardConfig: {
    TargetGroups: [
      { TargetGroupArn: TGS.blue, Weight: 100 },
      { TargetGroupArn: TGS.green, Weight: 0 },
    ],
    TargetGroupStickinessConfig: { Enabled: false },
  },
};

/** The weights the stack deploys (its DeployedWeights output). */
const DEPLOYED: TrafficWeights = { blue: 100, green: 0 };
const ALL_GREEN: TrafficWeights = { blue: 0, green: 100 };
/** Options for a listener change that handles no signal. */
const OPTIONS = { listenerArn: LISTENER, targetGroups: TGS, deployedWeights: DEPLOYED, signals: [] };

function mockListener(actions: Action[] = [ORIGINAL]): void {
  elbv2.reset();
  elbv2.on(DescribeListenersCommand).resolves({
    Listeners: [{ ListenerArn: LISTENER, LoadBalancerArn: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/x/1', Port: 80, Protocol: 'HTTP', DefaultActions: actions }],
  });
  elbv2.on(ModifyListenerCommand).resolves({ Listeners: [{ ListenerArn: LISTENER }] });
}

function modifyCalls(): Action[][] {
  return elbv2.commandCalls(ModifyListenerCommand).map((c) => c.args[0].input.DefaultActions!);
}

afterEach(() => elbv2.reset());

describe('weights on the listener', () => {
  test('describes and shares', () => {
    expect(describeWeights({ blue: 90, green: 10 })).toBe('blue 90 / green 10');
    expect(expectedShare({ blue: 3, green: 1 }, 'green')).toBe(0.25);
  });

  test('readWeights reads a weighted forward; a missing Weight is the API default 1', () => {
    expect(readWeights(ORIGINAL, TGS)).toEqual({ blue: 100, green: 0 });
    expect(readWeights({ Type: 'forward', ForwardConfig: { TargetGroups: [{ TargetGroupArn: TGS.green }, { TargetGroupArn: TGS.blue }] } }, TGS)).toEqual({ blue: 1, green: 1 });
    expect(readWeights({ Type: 'forward', TargetGroupArn: TGS.blue }, TGS)).toBeUndefined();
    expect(readWeights({ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '503' } }, TGS)).toBeUndefined();
  });

  test('withWeights changes only the weights, keeping stickiness and order', () => {
    const sticky: Action = { ...ORIGINAL, Order: 1, ForwardConfig: { ...ORIGINAL.ForwardConfig, TargetGroupStickinessConfig: { Enabled: true, DurationSeconds: 3600 } } };
    expect(withWeights(sticky, TGS, { blue: 90, green: 10 })).toEqual({
      Type: 'forward',
      Order: 1,
      ForwardConfig: {
        TargetGroups: [
          { TargetGroupArn: TGS.blue, Weight: 90 },
          { TargetGroupArn: TGS.green, Weight: 10 },
        ],
        TargetGroupStickinessConfig: { Enabled: true, DurationSeconds: 3600 },
      },
    });
  });

  test('withWeights refuses a foreign action or invalid weights', () => {
    expect(() => withWeights({ Type: 'forward', TargetGroupArn: TGS.blue }, TGS, { blue: 1, green: 1 })).toThrow('the forward action does not forward to exactly the blue');
    expect(() => withWeights(ORIGINAL, TGS, { blue: 0, green: 0 })).toThrow('weights: received blue 0 and green 0');
  });

  test('sameWeights compares both colours', () => {
    expect(sameWeights({ blue: 100, green: 0 }, { blue: 100, green: 0 })).toBe(true);
    expect(sameWeights({ blue: 100, green: 0 }, { blue: 0, green: 100 })).toBe(false);
  });

  test('the restore command is one AWS CLI line with the original action as JSON', () => {
    expect(restoreCommand(LISTENER, ORIGINAL)).toBe(`aws elbv2 modify-listener --listener-arn ${LISTENER} --default-actions '${JSON.stringify([ORIGINAL])}'`);
  });
});

describe('withListenerChange', () => {
  test('sets weights with ModifyListener and restores the deployed weights afterwards', async () => {
    mockListener();
    const ctx = fakeObserveContext();
    const result = await withListenerChange(ctx, OPTIONS, async (change) => {
      expect(change.foundWeights).toEqual({ blue: 100, green: 0 });
      expect(change.deployed).toEqual(ORIGINAL);
      const c = await change.setWeights({ blue: 0, green: 100 });
      expect(c.weights).toEqual({ blue: 0, green: 100 });
      return 'done';
    });
    expect(result).toBe('done');
    expect(elbv2).toHaveReceivedCommandWith(DescribeListenersCommand, { ListenerArns: [LISTENER] });
    expect(modifyCalls()).toEqual([[withWeights(ORIGINAL, TGS, { blue: 0, green: 100 })], [ORIGINAL]]);
    expect(ctx.progressLog[0]).toContain('outside CloudFormation');
    expect(ctx.progressLog[0]).toContain('DetectStackResourceDrift');
    expect(ctx.progressLog[1]).toBe("restored the deployed weights (blue 100 / green 0): the listener's weights match the template again");
  });

  test('does not touch the listener when nothing was changed', async () => {
    mockListener();
    await withListenerChange(fakeObserveContext(), OPTIONS, async () => undefined);
    expect(elbv2).not.toHaveReceivedCommand(ModifyListenerCommand);
  });

  test('restores after a failure and rethrows the failure', async () => {
    mockListener();
    await expect(
      withListenerChange(fakeObserveContext(), OPTIONS, async (change) => {
        await change.setWeights({ blue: 90, green: 10 });
        throw new Error('traffic broke');
      }),
    ).rejects.toThrow('traffic broke');
    expect(modifyCalls().at(-1)).toEqual([ORIGINAL]);
  });

  test('when the restore itself fails, the error gives the command that restores by hand', async () => {
    mockListener();
    elbv2.on(ModifyListenerCommand, { DefaultActions: [ORIGINAL] }).rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
    await expect(
      withListenerChange(fakeObserveContext(), OPTIONS, async (change) => {
        await change.setWeights({ blue: 90, green: 10 });
        throw new Error('traffic broke');
      }),
    ).rejects.toThrow(
      `traffic broke; then could not restore the deployed weights (blue 100 / green 0) on the listener (Rate exceeded): restore them by hand with ${restoreCommand(LISTENER, ORIGINAL)}`,
    );
  });

  // Review 5, finding 3: IAM denies every ModifyListener of a caller without elasticloadbalancing:ModifyListener, the restore too.
  // The denial as the SDK throws it: name and Code AccessDenied, $fault client, $metadata.httpStatusCode 403 ("Error Handling in Modular
  // AWS SDK for JavaScript (v3)", https://aws.amazon.com/blogs/developer/service-error-handling-modular-aws-sdk-js/; ModifyListener's errors,
  // https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_ModifyListener.html).
  const denied = () =>
    Object.assign(new Error('User: arn:aws:sts::123456789012:assumed-role/ReadOnly/ana is not authorized to perform: elasticloadbalancing:ModifyListener'), {
      name: 'AccessDenied',
      Code: 'AccessDenied',
      $fault: 'client',
      $metadata: { httpStatusCode: 403, requestId: '1b2c3d4e-0000-11ef-9c1b-0a1b2c3d4e5f', attempts: 1, totalRetryDelay: 0 },
    });

  test('a ModifyListener IAM denies changed nothing: no restore is sent, and the AccessDenied is thrown as it came', async () => {
    mockListener();
    elbv2.on(ModifyListenerCommand).rejects(denied());
    const error = await withListenerChange(fakeObserveContext(), OPTIONS, async (change) => {
      await change.setWeights({ blue: 90, green: 10 });
    }).then(() => undefined, (e: unknown) => e as Error);
    expect(error?.name).toBe('AccessDenied');
    expect(error?.message).not.toContain('restore them by hand');
    // The one denied call, and no restore after it.
    expect(modifyCalls()).toEqual([[withWeights(ORIGINAL, TGS, { blue: 90, green: 10 })]]);
  });

  test('a restore that fails keeps the AWS error name, and a change that may have landed (no HTTP answer) is still restored', async () => {
    // Found at other weights: the listener must be restored, and IAM denies it; the error still says AccessDenied (exit 7), with the command.
    mockListener([withWeights(ORIGINAL, TGS, ALL_GREEN)]);
    elbv2.on(ModifyListenerCommand).rejects(denied());
    const error = await withListenerChange(fakeObserveContext(), OPTIONS, async () => undefined).then(() => undefined, (e: unknown) => e as Error);
    expect(error?.name).toBe('AccessDenied');
    expect((error as Error & { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode).toBe(403);
    expect(error?.message).toContain('could not restore the deployed weights (blue 100 / green 0)');
    // A call that got no HTTP answer (a reset) may have reached the listener: restored.
    mockListener();
    elbv2.on(ModifyListenerCommand, { DefaultActions: [withWeights(ORIGINAL, TGS, ALL_GREEN)] }).rejects(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET', $metadata: { attempts: 3, totalRetryDelay: 300 } }));
    await expect(withListenerChange(fakeObserveContext(), OPTIONS, (change) => change.setWeights(ALL_GREEN))).rejects.toThrow('socket hang up');
    expect(modifyCalls().at(-1)).toEqual([ORIGINAL]);
  });

  test('on SIGINT it aborts the run, restores the listener, then exits with 130', async () => {
    mockListener();
    const exit = jest.fn();
    const ctx = fakeObserveContext();
    let exited!: () => void;
    const exitedPromise = new Promise<void>((resolve) => (exited = resolve));
    exit.mockImplementation(() => exited());
    const run = withListenerChange(ctx, { listenerArn: LISTENER, targetGroups: TGS, deployedWeights: DEPLOYED, exit }, async (change) => {
      await change.setWeights({ blue: 0, green: 100 });
      process.emit('SIGINT', 'SIGINT');
      expect(change.signal.aborted).toBe(true);
      await exitedPromise;
      return 'interrupted';
    });
    await run;
    expect(exit).toHaveBeenCalledWith(130);
    expect(modifyCalls()).toEqual([[withWeights(ORIGINAL, TGS, { blue: 0, green: 100 })], [ORIGINAL]]);
    expect(ctx.progressLog).toContain('SIGINT: stopping traffic and restoring the listener before exiting (press Ctrl-C again to exit at once)');
    // The handler is gone: a later SIGINT is Node's again.
    expect(process.listenerCount('SIGINT')).toBe(0);
  });

  describe('a listener left drifted by an interrupted run', () => {
    const GREEN_ACTION = withWeights(ORIGINAL, TGS, ALL_GREEN);

    test('warns and restores the deployed weights, not the weights it found', async () => {
      mockListener([GREEN_ACTION]);
      const ctx = fakeObserveContext();
      await withListenerChange(ctx, OPTIONS, async (change) => {
        expect(change.foundWeights).toEqual(ALL_GREEN);
        expect(change.deployedWeights).toEqual(DEPLOYED);
        expect(change.deployed).toEqual(ORIGINAL);
        await change.setWeights({ blue: 90, green: 10 });
      });
      expect(modifyCalls()).toEqual([[withWeights(ORIGINAL, TGS, { blue: 90, green: 10 })], [ORIGINAL]]);
      expect(ctx.progressLog[0]).toBe(
        'the listener is at blue 0 / green 100, not at the deployed blue 100 / green 0: a previous run was interrupted (or the weights were changed by hand); ' +
          'restoring the deployed weights when this check ends',
      );
      expect(ctx.progressLog.at(-1)).toBe("restored the deployed weights (blue 100 / green 0): the listener's weights match the template again");
    });

    test('restores the deployed weights even when the run changes nothing, or fails before it does', async () => {
      mockListener([GREEN_ACTION]);
      await withListenerChange(fakeObserveContext(), OPTIONS, async () => undefined);
      expect(modifyCalls()).toEqual([[ORIGINAL]]);

      mockListener([GREEN_ACTION]);
      await expect(
        withListenerChange(fakeObserveContext(), OPTIONS, async () => {
          throw new Error('targets unhealthy');
        }),
      ).rejects.toThrow('targets unhealthy');
      expect(modifyCalls()).toEqual([[ORIGINAL]]);
    });

    test('the hand-restore command in the error sets the deployed weights', async () => {
      mockListener([GREEN_ACTION]);
      elbv2.on(ModifyListenerCommand, { DefaultActions: [ORIGINAL] }).rejects(Object.assign(new Error('Access Denied'), { name: 'AccessDenied' }));
      const error = await withListenerChange(fakeObserveContext(), OPTIONS, async () => 1).catch((e: Error) => e);
      expect(String(error)).toContain(restoreCommand(LISTENER, ORIGINAL));
      expect(String(error)).not.toContain(JSON.stringify([GREEN_ACTION]));
    });

    test('keeps the rest of the forward action as found: only the weights are restored', async () => {
      const sticky: Action = { ...GREEN_ACTION, ForwardConfig: { ...GREEN_ACTION.ForwardConfig, TargetGroupStickinessConfig: { Enabled: true, DurationSeconds: 60 } } };
      mockListener([sticky]);
      await withListenerChange(fakeObserveContext(), OPTIONS, async () => undefined);
      expect(modifyCalls()).toEqual([[withWeights(sticky, TGS, DEPLOYED)]]);
    });
  });

  test('refuses invalid deployed weights before calling AWS', async () => {
    mockListener();
    await expect(withListenerChange(fakeObserveContext(), { ...OPTIONS, deployedWeights: { blue: 0, green: 0 } }, async () => 1)).rejects.toThrow(
      'deployedWeights: received blue 0 and green 0',
    );
    expect(elbv2).not.toHaveReceivedCommand(DescribeListenersCommand);
  });

  describe('one ModifyListener at a time', () => {
    /** A ModifyListener that holds the call to green until released; records when each call starts and lands. */
    function slowGreen() {
      const events: string[] = [];
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      let inFlight!: () => void;
      const greenInFlight = new Promise<void>((resolve) => (inFlight = resolve));
      elbv2.on(ModifyListenerCommand).callsFake(async (input) => {
        const w = describeWeights(readWeights(input.DefaultActions[0], TGS)!);
        events.push(`sent ${w}`);
        if (sameWeights(readWeights(input.DefaultActions[0], TGS)!, ALL_GREEN)) {
          inFlight();
          await released;
        }
        events.push(`landed ${w}`);
        return { Listeners: [{ ListenerArn: LISTENER }] };
      });
      return { events, release, greenInFlight };
    }

    /** Lets every pending promise and timer callback run. */
    async function settle(): Promise<void> {
      for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
    }

    test('calls made together are sent in order, each after the one before has returned', async () => {
      mockListener();
      const slow = slowGreen();
      await withListenerChange(fakeObserveContext(), OPTIONS, async (change) => {
        const toGreen = change.setWeights(ALL_GREEN);
        const toCanary = change.setWeights({ blue: 90, green: 10 });
        await slow.greenInFlight;
        await settle();
        expect(slow.events).toEqual(['sent blue 0 / green 100']);
        slow.release();
        await Promise.all([toGreen, toCanary]);
      });
      expect(slow.events).toEqual([
        'sent blue 0 / green 100',
        'landed blue 0 / green 100',
        'sent blue 90 / green 10',
        'landed blue 90 / green 10',
        'sent blue 100 / green 0',
        'landed blue 100 / green 0',
      ]);
    });

    test('a signal during a weight change restores after that change has landed, refuses later changes, then exits', async () => {
      mockListener();
      const slow = slowGreen();
      const ctx = fakeObserveContext();
      let exited!: () => void;
      const exitedPromise = new Promise<void>((resolve) => (exited = resolve));
      const exit = jest.fn(() => exited());
      const listenerCounts = () => INTERRUPT_SIGNALS.map((s) => process.listenerCount(s));
      const before = listenerCounts();
      await withListenerChange(ctx, { listenerArn: LISTENER, targetGroups: TGS, deployedWeights: DEPLOYED, exit }, async (change) => {
        // SIGINT, SIGTERM and SIGHUP (a closed terminal, a lost SSH session) are handled by default.
        expect(listenerCounts()).toEqual(before.map((n) => n + 1));
        const toGreen = change.setWeights(ALL_GREEN);
        await slow.greenInFlight;
        process.emit('SIGHUP', 'SIGHUP');
        expect(change.signal.aborted).toBe(true);
        expect(listenerCounts()).toEqual(before);
        await settle();
        // The restore waits for the call in flight: sending now could land before the green change.
        expect(slow.events).toEqual(['sent blue 0 / green 100']);
        expect(exit).not.toHaveBeenCalled();
        await expect(change.setWeights({ blue: 50, green: 50 })).rejects.toThrow(
          'the listener is being restored to the deployed weights (blue 100 / green 0): blue 50 / green 50 refused',
        );
        slow.release();
        await toGreen;
        await exitedPromise;
      });
      expect(slow.events).toEqual(['sent blue 0 / green 100', 'landed blue 0 / green 100', 'sent blue 100 / green 0', 'landed blue 100 / green 0']);
      expect(modifyCalls()).toEqual([[withWeights(ORIGINAL, TGS, ALL_GREEN)], [ORIGINAL]]);
      expect(exit).toHaveBeenCalledTimes(1);
      expect(exit).toHaveBeenCalledWith(130);
      expect(ctx.progressLog).toContain('SIGHUP: stopping traffic and restoring the listener before exiting (press Ctrl-C again to exit at once)');
      // The first signal gave every signal back to Node: a second one exits at once.
      expect(listenerCounts()).toEqual(before);
    });

    test('handles SIGINT, SIGTERM and SIGHUP by default', () => {
      expect(INTERRUPT_SIGNALS).toEqual(['SIGINT', 'SIGTERM', 'SIGHUP']);
    });
  });

  test('refuses a listener that does not forward to the two colours', async () => {
    mockListener([{ Type: 'forward', TargetGroupArn: TGS.blue }]);
    await expect(withListenerChange(fakeObserveContext(), OPTIONS, async () => 1)).rejects.toThrow(
      `listener ${LISTENER} does not forward to the blue and green target groups of the stack's outputs: redeploy the lab`,
    );
    mockListener([{ Type: 'authenticate-oidc' }, ORIGINAL]);
    await expect(withListenerChange(fakeObserveContext(), OPTIONS, async () => 1)).rejects.toThrow(
      'default actions are [authenticate-oidc, forward]; expected exactly one forward action',
    );
  });
});
