/** The baseline for `npm run bench`: one stack with one resource, on the same aws-cdk-lib and CLI. */
import { App, Stack } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';

const app = new App();
const stack = new Stack(app, 'bare');
new sqs.Queue(stack, 'Queue', { enforceSSL: true });
app.synth();
