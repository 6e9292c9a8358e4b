/**
 * What the live observations say and compute about a pair of weights (the model itself, which the
 * construct validates and the stack publishes, is `lib/deployment/listener-weights.ts`).
 */
import { type Colour, COLOURS } from '../../lib/deployment/colour-page';
import type { TrafficWeights } from '../../lib/deployment/listener-weights';

/** `blue 90 / green 10`. */
export function describeWeights(weights: TrafficWeights): string {
  return `blue ${weights.blue} / green ${weights.green}`;
}

/** True when both colours have the same weight in `a` and `b`. */
export function sameWeights(a: TrafficWeights, b: TrafficWeights): boolean {
  return COLOURS.every((c) => a[c] === b[c]);
}

/** The share of requests a colour should get: its weight over the sum. */
export function expectedShare(weights: TrafficWeights, colour: Colour): number {
  return weights[colour] / (weights.blue + weights.green);
}
