/**
 * The weights of a blue/green listener's weighted forward action, as the template deploys them:
 * the model the construct validates and the stack publishes (`formatWeights`, read back by
 * `parseWeights`).
 *
 * Changing them at run time (ELBv2 ModifyListener, outside CloudFormation, restored afterwards) is
 * what a deployment tool or a live check does; that code lives with the lab that does it
 * (`labs/alb-blue-green/listener-change.ts`), never here.
 *
 * @see https://docs.aws.amazon.com/elasticloadbalancing/latest/application/rule-action-types.html#forward-actions
 */
import { type Colour, COLOURS } from './colour-page';

/** The weight of each colour's target group in the listener's forward action. */
export interface TrafficWeights {
  readonly blue: number;
  readonly green: number;
}

/** The weights of a template that sends everything to blue. */
export const ALL_BLUE: TrafficWeights = { blue: 100, green: 0 };

/** An ALB target group weight is an integer from 0 to 999. */
export const MAX_WEIGHT = 999;

/**
 * Problems with a pair of weights, each naming the prop, the value and what is allowed. ALB accepts
 * 0 to 999 per target group; this module also refuses 0/0, which would forward to nothing.
 *
 * @see https://docs.aws.amazon.com/elasticloadbalancing/latest/application/rule-action-types.html#forward-actions
 */
export function weightsProblems(name: string, weights: TrafficWeights): string[] {
  const problems: string[] = [];
  for (const colour of COLOURS) {
    const w = weights[colour];
    if (!Number.isInteger(w) || w < 0 || w > MAX_WEIGHT) {
      problems.push(`${name}.${colour}: received ${w}; allowed: an integer from 0 to ${MAX_WEIGHT}`);
    }
  }
  if (problems.length === 0 && weights.blue + weights.green === 0) {
    problems.push(`${name}: received blue 0 and green 0; allowed: at least one weight above 0 (otherwise the listener forwards to nothing)`);
  }
  return problems;
}

/** `blue=100,green=0`: the weights as a stack output carries them (see {@link parseWeights}). */
export function formatWeights(weights: TrafficWeights): string {
  return COLOURS.map((c) => `${c}=${weights[c]}`).join(',');
}

const WEIGHTS_TEXT = new RegExp(`^${COLOURS.map((c) => `${c}=(\\d+)`).join(',')}$`);

/**
 * The weights written by {@link formatWeights}.
 *
 * @throws when `text` is not `blue=<weight>,green=<weight>` with valid weights; the error names `name`
 */
export function parseWeights(name: string, text: string): TrafficWeights {
  const m = WEIGHTS_TEXT.exec(text.trim());
  if (!m) {
    throw new Error(`${name}: received ${JSON.stringify(text)}; allowed: ${COLOURS.map((c) => `${c}=<weight>`).join(',')} with integer weights from 0 to ${MAX_WEIGHT}, such as blue=100,green=0`);
  }
  const weights = Object.fromEntries(COLOURS.map((c, i) => [c, Number(m[i + 1])])) as Record<Colour, number>;
  const problems = weightsProblems(name, weights);
  if (problems.length > 0) throw new Error(problems.join('; '));
  return weights;
}
