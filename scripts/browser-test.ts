/**
 * `npm run test:browser`: the site and each lab's example report in a real browser, Debian's
 * headless Chromium driven by puppeteer-core (no browser download). Not part of `npm test`, which
 * must pass on a machine without Chromium; `.ci/run` installs Chromium and runs both.
 *
 * It builds the site into a temporary folder, opens every lab's example report and the site's
 * pages from file:// URLs, and checks: no console error, no failed request, every plot an SVG with
 * marks, the search finds a question and the filters narrow the list. It saves screenshots to
 * docs/screenshots/ (look at them). Ends with `browser: N passed, N failed`.
 *
 * The browser: $CHROMIUM_PATH, else /usr/bin/chromium (`apt-get install -y chromium`).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { LABS } from '../labs';

const ROOT = path.join(__dirname, '..');
const SHOTS = path.join(ROOT, 'docs', 'screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The site renders a lab's example report from this fixture, when the lab has one. */
const hasExampleRun = (lab: string) => fs.existsSync(path.join(ROOT, 'labs', lab, 'test', 'fixtures', 'example-run.json'));

let passed = 0;
let failed = 0;

async function check(name: string, body: () => Promise<void>): Promise<void> {
  try {
    await body();
    passed++;
    console.log(`ok     ${name}`);
  } catch (error) {
    failed++;
    console.log(`FAILED ${name}\n       ${error instanceof Error ? error.message : String(error)}`);
  }
}

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

/** Opens a page and collects what the browser complained about while loading it. */
async function open(browser: Browser, file: string, width = 1100): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage();
  await page.setViewport({ width, height: 900 });
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e instanceof Error ? e.message : String(e)}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`));
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  return { page, problems };
}

async function main(): Promise<void> {
  if (!fs.existsSync(CHROMIUM)) {
    console.error(`npm run test:browser: no Chromium at ${CHROMIUM}; install it with \`apt-get install -y chromium\` (Debian) or set CHROMIUM_PATH`);
    process.exitCode = 2;
    return;
  }
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'labs-site-'));
  const built = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'site.ts'), `--out=${out}`], { cwd: ROOT, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`npm run site failed:\n${built.stdout}${built.stderr}`);
  fs.mkdirSync(SHOTS, { recursive: true });
  // Root in a container has no user namespace for Chromium's sandbox.
  const browser = await puppeteer.launch({ executablePath: CHROMIUM, headless: true, args: process.getuid?.() === 0 ? ['--no-sandbox'] : [] });
  try {
    for (const lab of LABS.filter((l) => hasExampleRun(l.id))) {
      await check(`${lab.id}: its example report opens without a console error and every plot is an SVG with marks`, async () => {
        const { page, problems } = await open(browser, path.join(out, 'labs', `${lab.id}-example-report.html`));
        const plots = await page.$$eval('figure.plot', (figures) =>
          figures.map((f) => ({ title: f.querySelector('h3')?.textContent ?? '', marks: f.querySelectorAll('svg g[class*="mark-"] path, svg g[class*="mark-"] line, svg g[class*="mark-"] rect').length, width: f.querySelector('svg')?.getBoundingClientRect().width ?? 0 })),
        );
        assert(plots.length > 0, 'no plot on the page');
        for (const p of plots) assert(p.marks > 0 && p.width > 100, `plot "${p.title}" drew ${p.marks} marks, ${p.width} px wide`);
        assert((await page.$eval('.example', (e) => e.textContent ?? '')).startsWith('EXAMPLE: an example, not a real run'), 'the page does not say it is an example');
        assert(problems.length === 0, problems.join('; '));
        // The top of the page (the example banner and provenance), then each plot as drawn.
        await page.screenshot({ path: path.join(SHOTS, `report-${lab.id}.png`) });
        const figures = await page.$$('figure.plot');
        for (const [i, f] of figures.entries()) await f.screenshot({ path: path.join(SHOTS, `report-${lab.id}-plot-${i + 1}.png`) });
        await page.close();
      });
    }
    await check('site index: 135 questions, no console error', async () => {
      const { page, problems } = await open(browser, path.join(out, 'index.html'));
      const rows = await page.$$eval('#questions tbody tr', (r) => r.length);
      assert(rows === 135, `${rows} rows`);
      assert((await page.$eval('#count', (e) => e.textContent)) === '135 of 135 questions', 'the count does not say 135 of 135');
      assert(problems.length === 0, problems.join('; '));
      await page.screenshot({ path: path.join(SHOTS, 'site-index.png') });
      await page.close();
    });
    await check('site search finds a question by the words of its claims, and the filters narrow the list', async () => {
      const { page, problems } = await open(browser, path.join(out, 'index.html'));
      await page.type('#q', 'maxReceiveCount');
      const visible = () => page.$$eval('#questions tbody tr', (r) => r.filter((x) => !(x as any).hidden).map((x) => x.querySelector('td')?.textContent ?? ''));
      const found = await visible();
      assert(found.includes('I12'), `searching maxReceiveCount shows ${found.join(', ') || 'nothing'}`);
      assert(found.length < 135, 'the search hid nothing');
      await page.screenshot({ path: path.join(SHOTS, 'site-search.png') });
      await page.$eval('#q', (e) => {
        (e as any).value = '';
        e.dispatchEvent(new (globalThis as any).Event("input"));
      });
      await page.select('select[data-facet="level"]', 'toptal');
      const toptal = await visible();
      assert(toptal.length === 10 && toptal.every((id) => id.startsWith('T')), `level toptal shows ${toptal.join(', ')}`);
      await page.select('select[data-facet="settled"]', 'offline');
      const offline = await visible();
      assert(offline.includes('T2') && offline.length < 10, `toptal settled offline shows ${offline.join(', ') || 'nothing'}`);
      assert(problems.length === 0, problems.join('; '));
      await page.close();
    });
    for (const lab of LABS) {
      await check(`${lab.id}: its lab page draws the diagram (an SVG with nodes, from the site's own Mermaid) without a console error`, async () => {
        const { page, problems } = await open(browser, path.join(out, 'labs', `${lab.id}.html`));
        // Mermaid renders asynchronously after load: wait for the figure to be shown, or for an error.
        await page.waitForFunction(() => !(globalThis as any).document.getElementById('diagram')?.hidden, { timeout: 15_000 }).catch(() => undefined);
        // Before judging it, so a wrong drawing can be looked at.
        if (lab.id === 'rds-multi-az-failover') await page.screenshot({ path: path.join(SHOTS, 'site-lab.png'), fullPage: true });
        const drawn = await page.$eval('#diagram', (f) => {
          const svg = f.querySelector('svg');
          return { hidden: (f as any).hidden as boolean, nodes: f.querySelectorAll('svg g.node').length, clusters: f.querySelectorAll('svg g.cluster').length, width: svg?.getBoundingClientRect().width ?? 0, labels: Array.from(f.querySelectorAll('svg g.node') as ArrayLike<{ textContent: string | null }>).map((n) => n.textContent ?? '') };
        });
        assert(problems.length === 0, problems.join('; '));
        assert(!drawn.hidden && drawn.nodes > 0 && drawn.width > 100, `the diagram drew ${drawn.nodes} nodes, ${drawn.width} px wide${drawn.hidden ? ', and is still hidden' : ''}`);
        // Every node of the source is drawn, its label as text (not the raw <br/> markup).
        const source = await page.$eval('#diagram-source pre', (p) => p.textContent ?? '');
        // Mermaid draws an empty subgraph (a subnet with nothing in it) as a node of its own.
        const expected = (source.match(/^\s*\w+[[({]/gm) ?? []).length + (source.match(/^\s*subgraph [^\n]*\n\s*end$/gm) ?? []).length;
        assert(drawn.nodes === expected, `the source has ${expected} nodes (empty subgraphs included), the drawing ${drawn.nodes}`);
        assert(drawn.labels.every((l) => l.trim().length > 0 && !l.includes('<br')), `node labels: ${drawn.labels.join(' | ')}`);
        assert(!(await page.$eval('#diagram-source', (d) => (d as any).open as boolean)), 'the source is still unfolded after the drawing');
        const scripts = await page.$$eval('script[src]', (s) => s.map((x) => (x as any).src as string));
        assert(scripts.length > 0 && scripts.every((src) => src.startsWith('file:')), `scripts from ${scripts.join(', ')}`);
        await page.close();
      });
    }
    await check('site question page and lab pages open without a console error; a lab page links its example report, labelled an example', async () => {
      const { page, problems } = await open(browser, path.join(out, 'questions', 'b2.html'));
      assert((await page.$$('section.claim')).length > 0, 'B2 shows no claim');
      await page.close();
      for (const lab of LABS) {
        const l = await open(browser, path.join(out, 'labs', `${lab.id}.html`));
        if (!hasExampleRun(lab.id)) {
          assert(await l.page.$$eval('h2 + p.muted', (p) => p.some((x) => x.textContent === 'No example report.')), `${lab.id}: no example run, and the page does not say there is no example report`);
          problems.push(...l.problems);
          await l.page.close();
          continue;
        }
        assert((await l.page.$eval('.example', (e) => e.textContent ?? '')).startsWith('EXAMPLE:'), `${lab.id}: the example is not labelled`);
        const href = await l.page.$eval('a[href$="-example-report.html"]', (a) => (a as any).href);
        assert(fs.existsSync(new URL(href)), `${lab.id}: ${href} does not exist`);
        problems.push(...l.problems);
        await l.page.close();
      }
      assert(problems.length === 0, problems.join('; '));
    });
  } finally {
    await browser.close();
    fs.rmSync(out, { recursive: true, force: true });
  }
  console.log(`screenshots in ${path.relative(process.cwd(), SHOTS)}`);
  console.log(`\nbrowser: ${passed} passed, ${failed} failed`);
  process.exitCode = failed === 0 ? 0 : 1;
}

main().catch((error) => {
  console.error('npm run test:browser:', error);
  console.log(`\nbrowser: ${passed} passed, ${failed + 1} failed`);
  process.exitCode = 1;
});
