import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

// The CDK app builds every lab on every synth; live checks load their SDK clients on use, so that
// `cdk synth` does not pay ~0.1–0.3 s per client (measured with `npm run bench`).
test('loading the lab registry loads no AWS SDK client', () => {
  const root = path.join(__dirname, '..', '..');
  const script = "require('./labs'); console.log(JSON.stringify(Object.keys(require.cache).filter((k) => k.includes('@aws-sdk/client-')).map((k) => k.split('node_modules/')[1])))";
  const loaded = JSON.parse(execFileSync(process.execPath, ['--require', 'tsx/cjs', '-e', script], { cwd: root, encoding: 'utf8' }));
  expect(loaded).toEqual([]);
}, 30_000);
