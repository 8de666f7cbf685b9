// The dashboard end to end: karb-sim (Upbit, Bithumb, OKX spot and swap on
// ephemeral ports) and the node (`karb`, a generated configuration with the
// API on a free port and a random token in KARB_API_TOKEN) as child
// processes; Debian's Chromium, headless, driven by playwright-core, opens
// http://127.0.0.1:<api port>/ and checks what a user would see:
//
//   - the page loads without console errors and loads nothing from any
//     other origin;
//   - the Upbit/Bithumb spread chart receives live points;
//   - a trade (forced by the simulator's shift_mid fault) appears in the
//     trades panel;
//   - Halt without a token shows the refusal and the node keeps trading;
//     Halt with the token halts it (GET /api/v1/risk), Resume resumes it;
//   - screenshots (desktop 1366×768 and phone 390×844) are saved.
//
//   node --test tests/dashboard/dashboard.test.mjs   (or directly with node)
//     --karb build/bin/karb --sim build/bin/karb-sim
//     [--artifacts DIR]  (default $KARB_TEST_ARTIFACTS or ./artifacts)
//     [--chromium /usr/bin/chromium]  (or $KARB_CHROMIUM)
//   KARB_E2E_KEEP=1 keeps the work directory (config, logs, store).

import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';

const here = dirname(fileURLToPath(import.meta.url));

function arg(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

const karbPath = resolve(arg('--karb', join(here, '../../build/bin/karb')));
const simPath = resolve(arg('--sim', join(here, '../../build/bin/karb-sim')));
const artifacts = resolve(arg('--artifacts', process.env.KARB_TEST_ARTIFACTS || 'artifacts'));
const chromiumPath = arg('--chromium', process.env.KARB_CHROMIUM || '/usr/bin/chromium');

for (const [what, path, hint] of [
  ['playwright-core', join(here, 'node_modules', 'playwright-core'), 'run tools/setup (it runs npm ci in tests/dashboard)'],
  ['chromium', chromiumPath, 'run tools/setup (Debian package chromium) or pass --chromium PATH'],
  ['karb', karbPath, 'build it or pass --karb PATH'],
  ['karb-sim', simPath, 'build it or pass --sim PATH'],
]) {
  if (!existsSync(path)) {
    console.error(`dashboard test: no ${what} at ${path}: ${hint}`);
    process.exit(1);
  }
}
const { chromium } = await import('playwright-core');

// The simulator's paper keys (tools/karb-sim/accounts.dev.json); worthless
// anywhere else.
const PAPER_KEYS = {
  KARB_UPBIT_ACCESS_KEY: 'karb-dev-upbit-access',
  KARB_UPBIT_SECRET_KEY: 'karb-dev-upbit-secret-0123456789',
  KARB_BITHUMB_ACCESS_KEY: 'karb-dev-bithumb-access',
  KARB_BITHUMB_SECRET_KEY: 'karb-dev-bithumb-secret-0123456789',
  KARB_OKX_ACCESS_KEY: 'karb-dev-okx-access',
  KARB_OKX_SECRET_KEY: 'karb-dev-okx-secret-0123456789',
  KARB_OKX_PASSPHRASE: 'karb-dev-okx-passphrase',
};

const PAIR = 'upbit-bithumb:BTC'; // the spread topic spread:upbit-bithumb:BTC
const DESKTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };

// -- processes -----------------------------------------------------------------

/** Resolves once `pred()` is truthy (polled every `every` ms); rejects after `ms`. */
async function until(what, pred, ms, every = 100) {
  const end = Date.now() + ms;
  let last;
  for (;;) {
    try {
      last = await pred();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`${what}: not within ${ms} ms (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`);
    await new Promise((r) => setTimeout(r, every));
  }
}

function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.on('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

/** karb-sim on ephemeral ports: {proc, urls: {venue: base}, admin}. */
function startSim(dir) {
  const venues = ['upbit', 'bithumb', 'okx'];
  const proc = spawn(simPath, ['--venues', venues.join(','), '--port-base', '0', '--admin-port', '0',
    '--seed', '7', '--request-log', join(dir, 'sim-requests.jsonl')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stderr.on('data', (d) => { out += d; });
  return new Promise((res, rej) => {
    const urls = {};
    let admin;
    let done = false;
    const early = (code) => { clearTimeout(timer); rej(new Error(`karb-sim exited (${code}): ${out}`)); };
    const timer = setTimeout(() => { proc.kill('SIGKILL'); rej(new Error(`karb-sim did not start in 15 s: ${out}`)); }, 15000);
    proc.on('exit', early);
    proc.stdout.on('data', (d) => {
      if (done) return; // its later lines (e.g. on SIGTERM) are not ours to parse
      out += d;
      for (const m of out.matchAll(/karb-sim: (\w+) listening on (http:\/\/127\.0\.0\.1:\d+)/g)) {
        if (m[1] === 'admin') admin = m[2];
        else urls[m[1]] = m[2];
      }
      if (admin && venues.every((v) => urls[v])) {
        done = true;
        clearTimeout(timer);
        proc.off('exit', early);
        res({ proc, urls, admin });
      }
    });
  });
}

/** The node's configuration: the KRW pair between Upbit and Bithumb, OKX
 * spot and swap (so the position manager and the funding service run),
 * the API on `apiPort`. */
function nodeYaml(dir, sim, apiPort) {
  const hostPort = (v) => sim.urls[v].replace('http://', '');
  const venue = (name, simVenue, ws, priv, env, taker, extra = '') => `  ${name}:
    rest_url: "http://${hostPort(simVenue)}"
    ws_url: "ws://${hostPort(simVenue)}${ws}"
    private_ws_url: "ws://${hostPort(simVenue)}${priv}"
    access_key_env: KARB_${env}_ACCESS_KEY
    secret_key_env: KARB_${env}_SECRET_KEY
    fees: {maker: 0.0005, taker: ${taker}}
    heartbeat_s: 60
    request_timeout_ms: 5000
${extra}`;
  return `node:
  name: karb-dashboard-test
  store: ${join(dir, 'karb.db')}
  store_sync: normal
  audit_file: ${join(dir, 'audit.jsonl')}
  status_interval_s: 10
  log: {level: info, file: ${join(dir, 'karb.log')}, max_size_mb: 50, max_files: 2}
  inspect: {bind: 127.0.0.1, port: 0, control: true}
  api: {bind: 127.0.0.1, port: ${apiPort}, grpc_port: -1, token_env: KARB_API_TOKEN}
supervision:
  restart_base_ms: 500
  restart_cap_ms: 30000
  restart_jitter: 0.2
  breaker_failures: 5
  breaker_cool_down_s: 300
  stable_after_s: 30
  shutdown_timeout_s: 10
venues:
${venue('upbit', 'upbit', '/websocket/v1', '/websocket/v1/private', 'UPBIT', 0.0005, '    rate_limit_per_s: 8\n')}\
${venue('bithumb', 'bithumb', '/websocket/v1', '/websocket/v2/private', 'BITHUMB', 0.0005, '    rate_limit_per_s: 20\n')}\
${venue('okx_spot', 'okx', '/ws/v5/public', '/ws/v5/private', 'OKX', 0.001, '    passphrase_env: KARB_OKX_PASSPHRASE\n')}\
${venue('okx_swap', 'okx', '/ws/v5/public', '/ws/v5/private', 'OKX', 0.0005, '    passphrase_env: KARB_OKX_PASSPHRASE\n    leverage: 3\n    margin_mode: cross\n')}\
strategies:
  - {id: btc-spread, type: spread_arbitrage, venues: [upbit, bithumb],
     symbols: [BTC], min_profit_rate: 0.002, max_size: 0.01}
risk:
  min_profit_rate: 0.002
  max_position: {BTC: 0.1}
  max_notional: {KRW: 5000000, USDT: 5000}
  daily_loss_limit: {KRW: 1000000, USDT: 1000}
  min_balance: {BTC: 0.05, KRW: 1000000, USDT: 1000}
  max_concurrent_trades: 1
  max_orders_per_minute: 60
  failures_to_pause: 5
  failure_pause_s: 300
  max_drawdown: 0.1
  leverage_limit: 1
execution:
  order_timeout_ms: 3000
  reprice_band: 0.002
  naked_notional_cap: {KRW: 10000000, USDT: 10000}
  naked_time_cap_s: 30
alerts:
  webhook_url: ""
  renotify_s: 600
  venue_disconnected_s: 60
  consecutive_order_failures: 3
  min_balance: {KRW: 1000000, USDT: 1000, BTC: 0.05}
  risk_halt: true
  trade_exposed: true
`;
}

function startNode(dir, config, token) {
  const out = openSync(join(dir, 'node.out'), 'a');
  return spawn(karbPath, ['--config', config], {
    stdio: ['ignore', out, out],
    env: { ...process.env, ...PAPER_KEYS, KARB_API_TOKEN: token },
  });
}

/** SIGTERM, then SIGKILL after `ms`. */
function stop(proc, ms = 15000) {
  if (!proc || proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
  return new Promise((res) => {
    const t = setTimeout(() => proc.kill('SIGKILL'), ms);
    proc.once('exit', () => { clearTimeout(t); res(); });
    proc.kill('SIGTERM');
  });
}

function tail(file, lines = 40) {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return `(no ${file})`;
  }
}

// -- the test ---------------------------------------------------------------------

describe('dashboard', { timeout: 170000 }, () => {
  let dir;
  let sim;
  let node;
  let base; // http://127.0.0.1:<api port>
  let token;
  let browser;
  let page;
  const consoleErrors = [];   // {text, url}
  const foreignRequests = [];
  let stopping = false;

  const api = async (path, init = {}) => {
    const r = await fetch(`${base}/api/v1/${path}`, init);
    const text = await r.text();
    let body;
    try { body = JSON.parse(text); } catch { body = text; }
    return { status: r.status, body };
  };
  const admin = (path, body) => fetch(sim.admin + path, { method: 'POST', body: JSON.stringify(body) })
    .then((r) => { assert.equal(r.status, 200, `sim admin POST ${path}`); });
  const shot = async (p, name, fullPage = false) => {
    await p.screenshot({ path: join(artifacts, name), fullPage });
  };

  before(async () => {
    mkdirSync(artifacts, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'karb-dashboard-'));
    token = randomBytes(24).toString('hex');
    sim = await startSim(dir);
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const config = join(dir, 'karb.yaml');
    writeFileSync(config, nodeYaml(dir, sim, port));
    node = startNode(dir, config, token);
    node.on('exit', (code, sig) => { if (!stopping) console.error(`karb exited early (${code ?? sig}):\n${tail(join(dir, 'node.out'))}`); });
    // The API answers, and every topic the page reads first is published
    // (so the page's REST load meets no 503 and logs no error).
    await until('the API answers GET /api/v1/status', async () => (await api('status')).status === 200, 30000, 200);
    for (const t of ['venues', 'strategies', 'orders', 'trades', 'positions', 'balances', 'pnl', 'risk', 'funding', 'actors', 'opportunities', 'spreads', 'events', 'alerts']) {
      await until(`GET /api/v1/${t} is 200`, async () => (await api(t)).status === 200, 20000, 200);
    }
    await until(`the spreads list ${PAIR}`, async () => {
      const r = await api('spreads');
      return (r.body.pairs || []).includes(`spread:${PAIR}`) && r.body;
    }, 20000, 200);
    browser = await chromium.launch({
      executablePath: chromiumPath,
      headless: true,
      // As root (containers, CI) Chromium's sandbox cannot start.
      args: process.getuid && process.getuid() === 0 ? ['--no-sandbox'] : [],
    });
    const ctx = await browser.newContext({ viewport: DESKTOP });
    page = await ctx.newPage();
    page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push({ text: m.text(), url: m.location().url }); });
    page.on('pageerror', (e) => consoleErrors.push({ text: `uncaught: ${e.message}`, url: '' }));
    page.on('request', (r) => {
      const u = new URL(r.url());
      if (!['data:', 'blob:'].includes(u.protocol) && u.origin !== base) foreignRequests.push(r.url());
    });
  });

  after(async () => {
    stopping = true; // from here on, an exit is ours
    await browser?.close().catch(() => {});
    await stop(node);
    await stop(sim?.proc, 5000);
    // The evidence next to the screenshots: the configuration and the
    // node's last log lines.
    if (dir) {
      for (const [from, to] of [['karb.yaml', 'dashboard-karb.yaml'], ['node.out', 'dashboard-node.out'], ['karb.log', 'dashboard-karb.log']]) {
        if (existsSync(join(dir, from))) writeFileSync(join(artifacts, to), tail(join(dir, from), 400) + '\n');
      }
    }
    if (dir && !process.env.KARB_E2E_KEEP) rmSync(dir, { recursive: true, force: true });
    else if (dir) console.error(`dashboard test: kept ${dir}`);
  });

  test('the page loads without console errors and nothing from elsewhere', async () => {
    const r = await page.goto(`${base}/`);
    assert.equal(r.status(), 200);
    assert.equal(await page.title(), 'karb');
    await page.waitForSelector('body[data-ready="true"]', { timeout: 15000 });
    await page.waitForFunction(() => window.karb.wsState() === 'live', null, { timeout: 15000 });
    // The panels fill from the stream: the node's name, the venues, the actor tree.
    await page.waitForFunction(() => document.querySelector('[data-testid="node-name"]').textContent === 'karb-dashboard-test', null, { timeout: 15000 });
    await page.waitForSelector('[data-testid="venue-row"][data-venue="upbit"]', { timeout: 15000 });
    await page.waitForSelector('[data-testid="actor"]', { timeout: 15000 });
    assert.equal(await page.evaluate(() => typeof Chart), 'function', 'Chart.js from /chart.min.js');
    assert.deepEqual(await page.evaluate(() => window.karb.renderErrors()), [], 'every panel rendered');
    assert.deepEqual(consoleErrors, [], 'console errors');
    assert.deepEqual(foreignRequests, [], 'requests to other origins');
  });

  test('the spread chart receives live points', async () => {
    // Counted on the chart itself (Chart.js's instance on the canvas):
    // both directions and the threshold line; the helper is the test's.
    await page.evaluate(() => {
      window.__drawnPoints = (p) => {
        const canvas = document.querySelector(`canvas[data-topic="spread:${p}"]`);
        const chart = canvas && Chart.getChart(canvas);
        return chart ? chart.data.datasets.map((d) => d.data.filter((pt) => pt.y !== null).length) : [0, 0, 0];
      };
    });
    await page.waitForFunction((p) => Math.min(...window.__drawnPoints(p)) >= 2, PAIR, { timeout: 15000 });
    const first = Math.max(...await page.evaluate((p) => window.__drawnPoints(p), PAIR));
    // Books refresh the spread topics four times a second: more points come.
    await page.waitForFunction(([p, n]) => Math.min(...window.__drawnPoints(p)) >= n + 5, [PAIR, first], { timeout: 15000 });
    // The page's own count (window.karb, for people debugging) agrees.
    assert.ok(await page.evaluate((p) => window.karb.chartPoints(p), PAIR) >= first + 5);
    const card = page.locator(`[data-testid="spread-card"][data-topic="spread:${PAIR}"]`);
    await card.waitFor({ state: 'visible', timeout: 5000 });
    // The latest values are printed over the chart.
    const now = await card.locator('[data-testid="spread-now"]').textContent();
    assert.match(now, /upbit→bithumb [+-]?\d+\.\d bp/);
    assert.match(now, /bithumb→upbit [+-]?\d+\.\d bp/);
    assert.match(await card.textContent(), /threshold \d+\.\d bp/);
  });

  test('a trade appears in the trades panel', async () => {
    const ids = () => [...document.querySelectorAll('[data-testid="trade-row"]')].map((r) => r.dataset.tradeId);
    const before = await page.evaluate(`(${ids})()`);
    // Bithumb 40 bp rich: buying on Upbit and selling on Bithumb clears
    // both taker fees (10 bp) and the minimum profit rate (20 bp).
    await admin('/fault', { venue: 'bithumb', fault: 'shift_mid', bp: 40 });
    try {
      await page.waitForFunction((old) => [...document.querySelectorAll('[data-testid="trade-row"]')]
        .some((r) => !old.includes(r.dataset.tradeId)), before, { timeout: 45000 });
    } finally {
      await admin('/fault', { venue: 'bithumb', fault: 'shift_mid', bp: 0 });
    }
    const id = (await page.evaluate(`(${ids})()`)).find((x) => !before.includes(x));
    assert.ok(id, 'the new row names its trade');
    const row = page.locator(`[data-testid="trade-row"][data-trade-id="${id}"]`);
    assert.match(await row.textContent(), /btc-spread/);
    // The same trade, by REST.
    const t = await api('trades');
    const all = [...(t.body.recent || []), ...(t.body.open || [])];
    assert.ok(all.some((x) => x.trade_id === id), `trade ${id} in GET /api/v1/trades`);
    await shot(page, 'dashboard-desktop.png');
    await shot(page, 'dashboard-desktop-full.png', true);
  });

  test('without a token the page shows the refusal; with it, halt halts the node', async () => {
    const result = page.getByTestId('control-result');
    // No token: the node refuses and the page says so.
    await page.getByTestId('token-input').fill('');
    await page.getByTestId('reason-input').fill('dashboard e2e');
    await page.getByTestId('halt-button').click();
    await page.waitForSelector('[data-testid="control-result"][data-kind="error"]', { timeout: 10000 });
    assert.match(await result.getAttribute('data-status'), /^40[13]$/);
    assert.match(await result.textContent(), /Refused \(40[13]\)/);
    assert.equal((await api('risk')).body.halted, false, 'not halted without a token');
    // A wrong token: refused too.
    await page.getByTestId('token-input').fill('not-the-token');
    await page.getByTestId('halt-button').click();
    await page.waitForFunction(() => {
      const r = document.querySelector('[data-testid="control-result"]');
      return r.dataset.kind === 'error' && /^40[13]$/.test(r.dataset.status || '') && r.textContent.includes('Refused');
    }, null, { timeout: 10000 });
    assert.equal((await api('risk')).body.halted, false, 'not halted with a wrong token');
    // Those refusals are the only console errors (Chromium logs a failed
    // fetch); drop them, anything else stays an error.
    const refused = (e) => /status of 40[13]/.test(e.text) && e.url.endsWith('/api/v1/risk/halt');
    assert.deepEqual(consoleErrors.filter((e) => !refused(e)), [], 'console errors');
    consoleErrors.length = 0;

    // The token: the node halts.
    await page.getByTestId('token-input').fill(token);
    await page.getByTestId('halt-button').click();
    await page.waitForSelector('[data-testid="control-result"][data-kind="ok"]', { timeout: 15000 });
    const risk = await until('GET /api/v1/risk says halted', async () => {
      const r = await api('risk');
      return r.body.halted === true && r.body;
    }, 10000, 200);
    assert.match(risk.halt_reason, /dashboard e2e/);
    await page.waitForSelector('[data-testid="risk-state"][data-state="halted"]', { timeout: 10000 });
    assert.equal(await page.evaluate(() => sessionStorage.getItem('karb.api.token')) !== null, true, 'the token is kept for the session');
    await shot(page, 'dashboard-halted.png');

    // Resume.
    await page.getByTestId('resume-button').click();
    await until('GET /api/v1/risk says trading', async () => (await api('risk')).body.halted === false, 10000, 200);
    await page.waitForSelector('[data-testid="risk-state"][data-state="running"]', { timeout: 10000 });
    assert.deepEqual(consoleErrors, [], 'console errors');
  });

  test('on a phone the page fits the screen', async () => {
    const ctx = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    const phone = await ctx.newPage();
    const errors = [];
    phone.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    phone.on('pageerror', (e) => errors.push(e.message));
    await phone.goto(`${base}/`);
    await phone.waitForFunction((p) => window.karb.wsState() === 'live' && window.karb.chartPoints(p) >= 3, PAIR, { timeout: 15000 });
    await phone.waitForSelector('[data-testid="trade-row"]', { timeout: 15000 });
    const width = await phone.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= PHONE.width, `no sideways scrolling (page ${width} px wide)`);
    // The controls are on the first screen.
    const halt = await phone.getByTestId('halt-button').boundingBox();
    assert.ok(halt && halt.y + halt.height <= PHONE.height, 'Halt is visible without scrolling');
    await shot(phone, 'dashboard-phone.png');
    await shot(phone, 'dashboard-phone-full.png', true);
    assert.deepEqual(errors, [], 'console errors');
    await ctx.close();
  });
});
