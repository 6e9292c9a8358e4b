import { ALL_BLUE, formatWeights, MAX_WEIGHT, parseWeights, weightsProblems } from '../../lib/deployment/listener-weights';

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

  test('formatWeights and parseWeights carry the deployed weights in a stack output', () => {
    expect(formatWeights({ blue: 100, green: 0 })).toBe('blue=100,green=0');
    expect(parseWeights('output DeployedWeights', 'blue=100,green=0')).toEqual({ blue: 100, green: 0 });
    expect(parseWeights('output DeployedWeights', formatWeights({ blue: 90, green: 10 }))).toEqual({ blue: 90, green: 10 });
    expect(() => parseWeights('output DeployedWeights', 'green=0,blue=100')).toThrow(
      'output DeployedWeights: received "green=0,blue=100"; allowed: blue=<weight>,green=<weight> with integer weights from 0 to 999, such as blue=100,green=0',
    );
    expect(() => parseWeights('output DeployedWeights', 'blue=0,green=0')).toThrow('output DeployedWeights: received blue 0 and green 0');
    expect(() => parseWeights('output DeployedWeights', 'blue=1000,green=0')).toThrow('output DeployedWeights.blue: received 1000; allowed: an integer from 0 to 999');
  });

  test('an ALB weight is at most 999; the default template sends everything to blue', () => {
    expect(MAX_WEIGHT).toBe(999);
    expect(ALL_BLUE).toEqual({ blue: 100, green: 0 });
  });
});
