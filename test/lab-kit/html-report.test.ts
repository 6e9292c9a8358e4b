/**
 * `labs report --html`: the page of each lab's example run, drawn by the real CLI in a child
 * process (vega and vega-lite are ES modules with top-level await, which jest cannot load), and
 * each lab's timeline data mapping, judged here on the example runs.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { TimelinePlot } from '../../lib/lab-kit/checks/lab-definition';
import { esc } from '../../lib/lab-kit/report/html';
import { LABS } from '../../labs';

const ROOT = path.join(__dirname, '..', '..');
const example = (lab: string) => path.join(ROOT, 'labs', lab, 'test', 'fixtures', 'example-run.json');
const observedOf = (file: string) => Object.fromEntries(JSON.parse(fs.readFileSync(file, 'utf8')).observations.filter((o: { outcome: string }) => o.outcome === 'observed').map((o: { name: string; value: unknown }) => [o.name, o.value]));

async function plotsOf(lab: string, observed = observedOf(example(lab))): Promise<TimelinePlot[]> {
  const def = LABS.find((l) => l.id === lab)!;
  // A lab without timelines draws none: its page has the claims and figures only.
  return def.timelines ? (await def.timelines())(observed) : [];
}

/** Every data row of a plot, its layers' included. */
function rows(plot: TimelinePlot): any[] {
  const spec = plot.spec as any;
  return [spec, ...(spec.layer ?? [])].flatMap((l: any) => l.data?.values ?? []);
}

describe('each lab maps its recorded observations to its timeline plots', () => {
  test.each(LABS.filter((l) => l.timelines).map((l) => l.id))('%s draws at least one plot with data from its example run', async (lab) => {
    const plots = await plotsOf(lab);
    expect(plots.length).toBeGreaterThan(0);
    for (const p of plots) expect(rows(p).length).toBeGreaterThan(0);
  });

  test('rds-multi-az-failover: one DNS and one probe mark per try, the downtime shaded from the outage, RDS events as rules', async () => {
    const f = observedOf(example('rds-multi-az-failover')).failover;
    const [plot] = await plotsOf('rds-multi-az-failover');
    const tries = f.windows.flatMap((w: { attempts: unknown[] }) => w.attempts).length;
    const values = rows(plot);
    expect(values.filter((r) => r.lane === 'probe')).toHaveLength(tries);
    expect(values.filter((r) => String(r.lane).startsWith('DNS → '))).toHaveLength(tries);
    const o = f.answers.outages[0];
    const tenths = (ms: number) => Math.round(ms / 100) / 10;
    expect(values).toContainEqual({ from: tenths(o.startAt - f.requestedAt), to: tenths(o.endAt - f.requestedAt), label: `down ${o.seconds} s` });
    expect(values).toContainEqual(expect.objectContaining({ label: 'RDS-EVENT-0013' }));
  });

  test('alb-blue-green: every request counted once per second by what answered, the switch and rollback marked', async () => {
    const sw = observedOf(example('alb-blue-green')).switch;
    const [plot] = await plotsOf('alb-blue-green');
    const values = rows(plot);
    expect(values.filter((r) => r.requests).reduce((n, r) => n + r.requests, 0)).toBe(sw.record.samples.length);
    expect(values.filter((r) => r.label).map((r) => r.label)).toEqual(['switch to green', 'roll back to blue', 'switch to green', 'roll back to blue']);
  });

  test('alb-blue-green: an HTTP error and a request without an answer are their own kinds', async () => {
    const observed = observedOf(example('alb-blue-green'));
    const samples = observed.switch.record.samples;
    samples[70] = { ...samples[70], status: 502, colour: undefined };
    samples[71] = { seq: 71, startMs: samples[71].startMs, endMs: samples[71].startMs + 5000, error: 'timeout after 5000 ms' };
    const kinds = rows((await plotsOf('alb-blue-green', observed))[0]).map((r) => r.kind);
    expect(kinds).toEqual(expect.arrayContaining(['HTTP 502', 'no answer']));
  });

  test('a run whose observations failed draws no plot (the page says so)', async () => {
    for (const lab of LABS.filter((l) => l.timelines)) expect(await plotsOf(lab.id, {})).toEqual([]);
  });
});

describe('labs report <run.json> --html', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'labs-html-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const run = (file: string, out: string) => spawnSync(process.execPath, [path.join(ROOT, 'bin', 'labs.cjs'), 'report', file, '--html', out], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

  // The four pages drawn in one child process (each CLI start loads vega again: about 3 s).
  const drawAll = () => {
    const script = `
      const { LABS } = require('./labs'); const { CATALOG } = require('./catalog');
      const { loadRun, claimLookup, writeHtmlReport } = require('./lib/lab-kit/cli/report');
      const { rejudge } = require('./lib/lab-kit/record/rejudge');
      (async () => {
        const env = { labs: LABS, catalog: CATALOG, io: { out() {}, err() {} } };
        for (const lab of LABS.filter((l) => l.timelines)) {
          const { record } = loadRun(env, 'labs/' + lab.id + '/test/fixtures/example-run.json');
          const drawn = await writeHtmlReport(env, lab, record, rejudge(lab, record, claimLookup(env)), ${JSON.stringify(dir)} + '/' + lab.id + '.html');
          console.log(lab.id, drawn.plots, drawn.failed);
        }
      })();`;
    return spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: ROOT, encoding: 'utf8' });
  };

  test('each lab\'s example run: one self-contained page, an SVG with marks per plot, the example labelled as one', async () => {
    const r = drawAll();
    expect(r.stderr).toBe('');
    // The labs with timelines (issue 13's four): each records an example run.
    for (const lab of LABS.filter((l) => l.timelines)) {
      const plots = await plotsOf(lab.id);
      expect(r.stdout).toContain(`${lab.id} ${plots.length} 0`);
      const html = fs.readFileSync(path.join(dir, `${lab.id}.html`), 'utf8');
      expect(html.match(/<svg[^>]*class="marks"/g) ?? []).toHaveLength(plots.length);
      // Every plot drew marks: a path, rect, line or symbol in each SVG.
      for (const svg of html.split('<svg').slice(1)) expect(svg).toMatch(/<(path|line|rect)[^>]*class|class="mark-(symbol|rect|rule|tick)/);
      expect(html).toContain('<p class="example">EXAMPLE: an example, not a real run: ');
      for (const p of plots) expect(html).toContain(`<h3>${esc(p.title)}</h3>`);
      // Nothing fetched at view time: no script, no external source, stylesheet or link.
      expect(html).not.toMatch(/<script|<link|\bsrc=|href="(https?:)?\/\//);
    }
  }, 120_000);

  test('text from the run is escaped, in the page and in the plots', () => {
    const record = JSON.parse(fs.readFileSync(example('rds-multi-az-failover'), 'utf8'));
    const evil = '<img src=x onerror=alert(1)>';
    record.example = `${evil} example`;
    const failover = record.observations.find((o: { name: string }) => o.name === 'failover').value;
    failover.events.messages.push({ date: failover.requestedAt + 5000, message: `${evil} an event` });
    const file = path.join(dir, 'evil.json');
    fs.writeFileSync(file, JSON.stringify(record));
    const out = path.join(dir, 'evil.html');
    const r = run(file, out);
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toContain(`wrote ${out}: one self-contained page (inline CSS and SVG, no network), 1 timeline plot(s); the run is an EXAMPLE and the page says so`);
    const html = fs.readFileSync(out, 'utf8');
    expect(html).not.toContain(evil);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; example');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; an');
  }, 60_000);
});
