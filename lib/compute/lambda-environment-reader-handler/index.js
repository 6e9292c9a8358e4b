// @ts-check
/**
 * Looks for another function's environment variable from inside this function: in its own
 * environment (process.env), and through the Lambda API (GetFunctionConfiguration on the other
 * function, which this function's role is not allowed to call). Returns what each attempt saw; never
 * the value itself.
 */
const { LambdaClient, GetFunctionConfigurationCommand } = require('@aws-sdk/client-lambda');

const lambda = new LambdaClient({});

/** @param {{ otherFunctionName?: string, variableName?: string }} event */
async function handler(event) {
  const name = String(event?.variableName ?? '');
  const inOwnEnvironment = Object.prototype.hasOwnProperty.call(process.env, name);
  let api;
  try {
    const config = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: event?.otherFunctionName }));
    api = { outcome: 'read', sawVariable: Object.prototype.hasOwnProperty.call(config.Environment?.Variables ?? {}, name) };
  } catch (e) {
    const err = /** @type {{ name?: string, $metadata?: { httpStatusCode?: number } }} */ (e);
    api = { outcome: 'refused', errorName: err?.name ?? 'unknown', httpStatusCode: err?.$metadata?.httpStatusCode ?? null };
  }
  return { inOwnEnvironment, api };
}

exports.handler = handler;
