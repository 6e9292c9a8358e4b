import {
  type Action,
  DescribeListenersCommand,
  ElasticLoadBalancingV2Client,
  ModifyListenerCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { fakeLiveContext } from '../../lib/lab-kit/testing';
import {
  describeWeights,
  expectedShare,
  readWeights,
  restoreCommand,
  withListenerChange,
  withWeights,
  weightsProblems,
} from '../../lib/deployment/listener-weights';

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

describe('weights', () => {
  test('0 to 999 each, not both 0', () => {
    expect(weightsProblems('weights', { blue: 90, green: 10 })).toEqual([]);
    expect(weightsProblems('weights', { blue: 1000, green: -1 })).toEqual([
      'weights.blue: received 1000; allowed: an integer from 0 to 999',
      'weights.green: received -1; allowed: an integer from 0 to 999',
    ]);
    expect(weightsProblems('weights', { blue: 0, green: 0 })).toEqual([
      'weights: received blue 0 and green 0; allowed: at least one weight above 0 (otherwise the listener forwards to nothing)',
    ]);
    expect(weightsProblems('weights', { blue: 1.5, green: 1 })).toEqual(['weights.blue: received 1.5; allowed: an integer from 0 to 999']);
  });

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

  test('the restore command is one AWS CLI line with the original action as JSON', () => {
    expect(restoreCommand(LISTENER, ORIGINAL)).toBe(`aws elbv2 modify-listener --listener-arn ${LISTENER} --default-actions '${JSON.stringify([ORIGINAL])}'`);
  });
});

describe('withListenerChange', () => {
  test('sets weights with ModifyListener and restores the original action afterwards', async () => {
    mockListener();
    const ctx = fakeLiveContext();
    const result = await withListenerChange(ctx, { listenerArn: LISTENER, targetGroups: TGS, signals: [] }, async (change) => {
      expect(change.originalWeights).toEqual({ blue: 100, green: 0 });
      const c = await change.setWeights({ blue: 0, green: 100 });
      expect(c.weights).toEqual({ blue: 0, green: 100 });
      return 'done';
    });
    expect(result).toBe('done');
    expect(elbv2).toHaveReceivedCommandWith(DescribeListenersCommand, { ListenerArns: [LISTENER] });
    expect(modifyCalls()).toEqual([[withWeights(ORIGINAL, TGS, { blue: 0, green: 100 })], [ORIGINAL]]);
    expect(ctx.progressLog[0]).toContain('outside CloudFormation');
    expect(ctx.progressLog[0]).toContain('DetectStackResourceDrift');
    expect(ctx.progressLog[1]).toBe("restored the listener's default action (blue 100 / green 0): the listener matches the template again");
  });

  test('does not touch the listener when nothing was changed', async () => {
    mockListener();
    await withListenerChange(fakeLiveContext(), { listenerArn: LISTENER, targetGroups: TGS, signals: [] }, async () => undefined);
    expect(elbv2).not.toHaveReceivedCommand(ModifyListenerCommand);
  });

  test('restores after a failure and rethrows the failure', async () => {
    mockListener();
    await expect(
      withListenerChange(fakeLiveContext(), { listenerArn: LISTENER, targetGroups: TGS, signals: [] }, async (change) => {
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
      withListenerChange(fakeLiveContext(), { listenerArn: LISTENER, targetGroups: TGS, signals: [] }, async (change) => {
        await change.setWeights({ blue: 90, green: 10 });
        throw new Error('traffic broke');
      }),
    ).rejects.toThrow(`traffic broke; then could not restore the listener's default action (Rate exceeded): restore it by hand with aws elbv2 modify-listener --listener-arn ${LISTENER}`);
  });

  test('on SIGINT it aborts the run, restores the listener, then exits with 130', async () => {
    mockListener();
    const exit = jest.fn();
    const ctx = fakeLiveContext();
    let exited!: () => void;
    const exitedPromise = new Promise<void>((resolve) => (exited = resolve));
    exit.mockImplementation(() => exited());
    const run = withListenerChange(ctx, { listenerArn: LISTENER, targetGroups: TGS, exit }, async (change) => {
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

  test('refuses a listener that does not forward to the two colours', async () => {
    mockListener([{ Type: 'forward', TargetGroupArn: TGS.blue }]);
    await expect(withListenerChange(fakeLiveContext(), { listenerArn: LISTENER, targetGroups: TGS, signals: [] }, async () => 1)).rejects.toThrow(
      `listener ${LISTENER} does not forward to the blue and green target groups of the stack's outputs: redeploy the lab`,
    );
    mockListener([{ Type: 'authenticate-oidc' }, ORIGINAL]);
    await expect(withListenerChange(fakeLiveContext(), { listenerArn: LISTENER, targetGroups: TGS, signals: [] }, async () => 1)).rejects.toThrow(
      'default actions are [authenticate-oidc, forward]; expected exactly one forward action',
    );
  });
});
