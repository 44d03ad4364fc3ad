// Checks a built web edition in a real browser and with the Nu HTML Checker.
//
//   node check.mjs SITE_DIR SCREENSHOT_DIR
//
// Every *.html page under SITE_DIR is opened from disk (file://) in headless Chromium (Debian's
// /usr/bin/chromium, or $CHROMIUM) with a fresh profile: its text, the requests it made, its errors
// and the fonts it used are recorded, and the index page is photographed at 375 px and 1280 px wide
// into SCREENSHOT_DIR. Then each page is opened again from a local HTTP server, where axe-core can
// read the stylesheets too, and axe-core runs the WCAG 2.0/2.1 A and AA rules on it, and its
// best practices (heading order, unique landmarks, ...). Then vnu.jar
// (Java from $JAVA or `java`) checks every page. One JSON report goes to standard output; the Rust
// test (tests/cli/browser.rs) reads it and asserts.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { extname, join, normalize, relative } from 'node:path';
import { pathToFileURL } from 'node:url';

import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');
const VNU = require('vnu-jar');

const [siteDir, shotDir] = process.argv.slice(2);
if (!siteDir || !shotDir) {
  console.error('usage: node check.mjs SITE_DIR SCREENSHOT_DIR');
  process.exit(2);
}

function pages(dir) {
  const found = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found.push(...pages(path));
    else if (name.endsWith('.html')) found.push(path);
  }
  return found;
}

const files = pages(siteDir);

// The site over HTTP on this machine only, for axe-core (a file:// page may not read its own
// stylesheet from script).
const TYPES = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.ttf': 'font/ttf', '.txt': 'text/plain; charset=utf-8' };
const server = createServer((req, res) => {
  const path = normalize(join(siteDir, decodeURIComponent(new URL(req.url, 'http://x').pathname)));
  try {
    const body = readFileSync(path);
    res.writeHead(200, { 'content-type': TYPES[extname(path)] || 'application/octet-stream' });
    res.end(body);
  } catch {
    res.writeHead(404);
    res.end();
  }
});
await new Promise((ready) => server.listen(0, '127.0.0.1', ready));
const origin = `http://127.0.0.1:${server.address().port}`;
const profile = mkdtempSync(join(tmpdir(), 'perspektiv-chromium-'));
// A persistent context is how Playwright takes a user data dir: here a fresh, empty one.
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
  viewport: { width: 1280, height: 900 },
  locale: 'sv-SE',
});

const report = { pages: [], vnu: [] };
try {
  for (const file of files) {
    const rel = relative(siteDir, file).split('\\').join('/');
    const requests = [];
    const failed = [];
    const errors = [];
    const watch = (page, local) => {
      page.on('request', (r) => {
        if (!local(r.url())) requests.push(r.url());
      });
      page.on('requestfailed', (r) => failed.push(r.url()));
      page.on('pageerror', (e) => errors.push(String(e)));
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
    };

    // From disk, as a reader opens the folder.
    const page = await context.newPage();
    watch(page, (u) => u.startsWith('file://'));
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    await page.evaluate(() => document.fonts.ready);
    const fonts = await page.evaluate(() =>
      [...document.fonts].filter((f) => f.status === 'loaded').map((f) => `${f.family} ${f.weight} ${f.style}`),
    );
    const text = await page.evaluate(() => document.body.innerText);
    const scripts = await page.evaluate(() => document.scripts.length);
    if (rel === 'index.html') {
      for (const width of [375, 1280]) {
        await page.setViewportSize({ width, height: 900 });
        await page.screenshot({ path: join(shotDir, `site-index-${width}.png`), fullPage: false });
        report[`overflow_${width}`] = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      }
    }
    await page.close();

    // Over HTTP, with axe-core injected after the page's own content has loaded.
    const served = await context.newPage();
    watch(served, (u) => u.startsWith(origin));
    await served.goto(`${origin}/${rel}`, { waitUntil: 'load' });
    await served.addScriptTag({ path: AXE });
    const axe = await served.evaluate(async () => {
      // eslint-disable-next-line no-undef
      const result = await axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
        resultTypes: ['violations'],
      });
      return {
        violations: result.violations.map((v) => ({
          id: v.id,
          impact: v.impact,
          help: v.help,
          nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target.join(' '), summary: n.failureSummary })),
        })),
        passes: result.passes.length,
        incomplete: result.incomplete.map((v) => v.id),
        // eslint-disable-next-line no-undef
        version: axe.version,
      };
    });
    await served.close();
    report.pages.push({ path: rel, text, fonts, requests, failed, errors, scripts, axe });
  }
} finally {
  await context.close();
  server.close();
  rmSync(profile, { recursive: true, force: true });
}

// The Nu HTML Checker: every message it reports as an error.
const java = process.env.JAVA || 'java';
const vnu = spawnSync(java, ['-jar', VNU, '--format', 'json', '--errors-only', ...files], {
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
});
if (vnu.error) {
  console.error(`could not run the Nu HTML Checker with \`${java}\`: ${vnu.error.message}`);
  process.exit(3);
}
try {
  report.vnu = JSON.parse(vnu.stderr || vnu.stdout).messages.map((m) => ({
    file: relative(siteDir, new URL(m.url).pathname),
    line: m.lastLine,
    type: m.type,
    message: m.message,
    extract: m.extract,
  }));
} catch (e) {
  console.error(`the Nu HTML Checker gave no report: ${vnu.stderr}${vnu.stdout}`);
  process.exit(3);
}
report.vnu_version = spawnSync(java, ['-jar', VNU, '--version'], { encoding: 'utf8' }).stdout.trim();
process.stdout.write(JSON.stringify(report));
