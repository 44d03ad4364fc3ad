// Checks a built web edition in a real browser and with the Nu HTML Checker.
//
//   node check.mjs SITE_DIR SCREENSHOT_DIR PDF_DIR
//
// Every *.html page under SITE_DIR is opened from disk (file://) in headless Chromium (Debian's
// /usr/bin/chromium, or $CHROMIUM) with a fresh profile: its text, the requests it made, its errors
// and the fonts it used are recorded, and the index page is photographed at 375 px and 1280 px wide
// into SCREENSHOT_DIR. On the same page: its width and its tables' at 320 px, its scrolling
// tables' headers at 375 px, every tab stop photographed with and without the focus, its charts'
// colours in forced colours, and the page printed to PDF (into PDF_DIR) with the texts it must
// hold on paper. Then each page is opened again from a local HTTP server, where axe-core can
// read the stylesheets too, and axe-core runs the WCAG 2.0/2.1 A and AA rules on it, and its
// best practices (heading order, unique landmarks, ...). Then vnu.jar
// (Java from $JAVA or `java`) checks every page. One JSON report goes to standard output; the Rust
// test (tests/cli/browser.rs) reads it and asserts.

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { extname, join, normalize, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { inflateSync } from 'node:zlib';

import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');
const VNU = require('vnu-jar');

const [siteDir, shotDir, pdfDir] = process.argv.slice(2);
if (!siteDir || !shotDir || !pdfDir) {
  console.error('usage: node check.mjs SITE_DIR SCREENSHOT_DIR PDF_DIR');
  process.exit(2);
}
mkdirSync(pdfDir, { recursive: true });

// The pixels of a PNG as Chromium writes a screenshot (8 bits per channel, not interlaced): enough
// to count the pixels that two screenshots of one place differ in.
function pixels(png) {
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const channels = { 2: 3, 6: 4 }[png[25]];
  if (png[24] !== 8 || !channels || png[28] !== 0) throw new Error('an unexpected PNG from a screenshot');
  const chunks = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    if (png.toString('latin1', at + 4, at + 8) === 'IDAT') chunks.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(chunks));
  const stride = width * channels;
  const out = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const value = raw[y * (stride + 1) + 1 + x];
      const a = x >= channels ? out[y * stride + x - channels] : 0;
      const b = y > 0 ? out[(y - 1) * stride + x] : 0;
      const c = x >= channels && y > 0 ? out[(y - 1) * stride + x - channels] : 0;
      const p = a + b - c;
      const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
      const paeth = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      out[y * stride + x] = (value + [0, a, b, (a + b) >> 1, paeth][filter]) & 0xff;
    }
  }
  return { width, height, channels, data: out };
}

function changedPixels(one, two) {
  const [a, b] = [pixels(one), pixels(two)];
  if (a.width !== b.width || a.height !== b.height) return a.width * a.height;
  let changed = 0;
  for (let i = 0; i < a.width * a.height; i++) {
    for (let k = 0; k < a.channels; k++) {
      if (a.data[i * a.channels + k] !== b.data[i * b.channels + k]) {
        changed++;
        break;
      }
    }
  }
  return changed;
}

// Every stop of the keyboard, in the order Tab reaches them: what it is, and how many pixels of
// its box (and a margin for the focus ring) change when it has the focus.
async function focusStops(page) {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.evaluate(() => {
    document.activeElement?.blur();
    window.scrollTo(0, 0);
  });
  const stops = [];
  const seen = new Set();
  for (let i = 0; i < 1000; i++) {
    await page.keyboard.press('Tab');
    const at = await page.evaluate(() => {
      const e = document.activeElement;
      if (!e || e === document.body) return null;
      const all = document.getElementsByTagName('*');
      const r = e.getBoundingClientRect();
      return {
        index: Array.prototype.indexOf.call(all, e),
        what: `${e.tagName.toLowerCase()}${e.getAttribute('role') ? `[role=${e.getAttribute('role')}]` : ''} ${(e.getAttribute('aria-label') || e.textContent).trim().slice(0, 60)}`,
        box: { x: r.left, y: r.top, width: r.width, height: r.height },
        viewport: { width: window.innerWidth, height: window.innerHeight },
      };
    });
    if (!at || seen.has(at.index)) break;
    seen.add(at.index);
    const margin = 8;
    const x = Math.max(0, Math.floor(at.box.x - margin));
    const y = Math.max(0, Math.floor(at.box.y - margin));
    const clip = {
      x,
      y,
      width: Math.max(1, Math.min(at.viewport.width, Math.ceil(at.box.x + at.box.width + margin)) - x),
      height: Math.max(1, Math.min(at.viewport.height, Math.ceil(at.box.y + at.box.height + margin)) - y),
    };
    const focused = await page.screenshot({ clip });
    await page.evaluate((index) => document.getElementsByTagName('*')[index].blur(), at.index);
    const unfocused = await page.screenshot({ clip });
    await page.evaluate((index) => document.getElementsByTagName('*')[index].focus({ preventScroll: true }), at.index);
    const w = Math.min(at.box.width, clip.width);
    const h = Math.min(at.box.height, clip.height);
    stops.push({ what: at.what, changed: changedPixels(focused, unfocused), perimeter: Math.round(2 * (w + h)) });
  }
  return stops;
}

// At 320 px (a phone, or 400 % zoom of 1280 px): the page's own width, and each table's wrapper,
// whether it is a region the keyboard reaches and whether its table is wider than it.
async function reflow(page) {
  await page.setViewportSize({ width: 320, height: 640 });
  return page.evaluate(() => ({
    scroll_width: document.scrollingElement.scrollWidth,
    client_width: document.scrollingElement.clientWidth,
    tables: [...document.querySelectorAll('.tabell')].map((t) => ({
      label: t.getAttribute('aria-label') || t.querySelector('caption')?.textContent.slice(0, 60),
      region: t.getAttribute('role') === 'region',
      focusable: t.tabIndex >= 0,
      overflows: t.scrollWidth > t.clientWidth,
      width: t.scrollWidth,
    })),
  }));
}

// At 375 px, each scrolling table scrolled to its end: how far its first column's header and its
// first column header row are from the region's left and top edges (0: they stayed in view).
async function stickyHeaders(page) {
  await page.setViewportSize({ width: 375, height: 700 });
  return page.evaluate(() =>
    [...document.querySelectorAll('.tabell[role="region"]')].map((t) => {
      const scrolls = t.scrollWidth > t.clientWidth;
      t.scrollLeft = t.scrollWidth;
      t.scrollTop = t.scrollHeight;
      const edge = t.getBoundingClientRect();
      const rows = [...t.querySelectorAll('tbody th[scope="row"]')];
      const row = rows.find((r) => r.getBoundingClientRect().top >= edge.top) || rows[rows.length - 1];
      const head = t.querySelector('thead th');
      const result = {
        label: t.getAttribute('aria-label'),
        scrolls,
        scrolled: t.scrollLeft,
        first_column_left: row ? Math.round(row.getBoundingClientRect().left - edge.left - t.clientLeft) : null,
        header_top: head && t.scrollTop > 0 ? Math.round(head.getBoundingClientRect().top - edge.top - t.clientTop) : 0,
      };
      t.scrollLeft = 0;
      t.scrollTop = 0;
      return result;
    }),
  );
}

// The charts' strokes and dash patterns, and the system colours to compare them with.
function chartColours(page) {
  return page.evaluate(() => {
    const system = ['Canvas', 'CanvasText', 'LinkText', 'GrayText', 'Highlight', 'HighlightText', 'ButtonText', 'ButtonFace', 'ButtonBorder', 'Field', 'FieldText', 'Mark', 'MarkText', 'VisitedText', 'ActiveText'].map((c) => {
      const probe = document.createElement('span');
      probe.style.forcedColorAdjust = 'none';
      probe.style.color = c;
      document.body.append(probe);
      const value = getComputedStyle(probe).color;
      probe.remove();
      return value;
    });
    const lines = [...document.querySelectorAll('.diagram svg[role="img"] .serie polyline, .diagram svg[role="img"] .serie line, .diagram svg[role="img"] .prickar line, .diagram svg[role="img"] circle')].map((e) => {
      const s = getComputedStyle(e);
      return { kind: `${e.parentElement.getAttribute('class')} ${e.tagName}`, stroke: s.stroke, fill: s.fill, dash: s.strokeDasharray };
    });
    return { system, lines };
  });
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
    const flow = await reflow(page);
    const sticky = await stickyHeaders(page);
    const focus = await focusStops(page);
    let colours = null;
    if (await page.evaluate(() => document.querySelector('.diagram svg[role="img"]') !== null)) {
      const normal = await chartColours(page);
      await page.emulateMedia({ forcedColors: 'active' });
      const forced = await chartColours(page);
      await page.emulateMedia({ forcedColors: null });
      colours = { normal: normal.lines, forced: forced.lines, system: forced.system };
    }
    // On paper (A4, as the stylesheet's @page says): the PDF, and the texts it must hold: every
    // heading and every table header printed (the parties of the county overview among them).
    await page.emulateMedia({ media: 'print' });
    const printed = await page.evaluate(() =>
      [...document.querySelectorAll('h1, h2, h3, h4, h5, h6, th')]
        .filter((e) => e.checkVisibility())
        .map((e) => e.innerText.trim())
        .filter((t) => t !== ''),
    );
    await page.emulateMedia({ media: null });
    const pdf = join(pdfDir, `${rel.replace(/\.html$/, '').split('/').join('_')}.pdf`);
    await page.pdf({ path: pdf, preferCSSPageSize: true });
    await page.setViewportSize({ width: 1280, height: 900 });
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
    report.pages.push({ path: rel, text, fonts, requests, failed, errors, scripts, axe, reflow: flow, sticky, focus, colours, print: { pdf, texts: printed } });
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
