// ccxt compatibility test: ccxt (a client written by others, pinned in
// package.json) trades against karb-sim through its unified calls. When it
// can, the simulator speaks the venue's language.
//
//   node tests/ccxt/sim_compat.mjs --sim build/bin/karb-sim [--only upbit]
//       [--request-log FILE]
//
// Starts karb-sim itself (ephemeral ports, admin API), points each ccxt class
// at it by overriding `exchange.urls`, and checks fields of every result
// against the simulator's own view (GET /state on the admin port).
// A venue is one entry of VENUES below: adding one (e.g. binance spot and
// binanceusdm against the simulator's binance_spot / binance_usdm venues) is
// adding an entry.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';

const here = dirname(fileURLToPath(import.meta.url));

// -- per-venue setup ----------------------------------------------------------

const num = (s) => Number(s);

/// What Upbit and Bithumb (API 2.0) share: the market, the dev account's
/// starting balances (tools/karb-sim/accounts.dev.json), order sizes, the
/// price grid the test rounds to (a multiple of both venues' BTC tick and
/// within ccxt bithumb's 4 significant digits), the fee, and how to read
/// the venue's raw order (`info`).
const KOREA = {
  symbol: 'BTC/KRW', marketId: 'KRW-BTC', base: 'BTC', quote: 'KRW',
  balances: { KRW: '100000000', BTC: '1' },
  midRange: [5e7, 2e8],
  sizes: { rest: 0.001, fill: 0.0002, sell: 0.0001 },
  priceStep: 1e6,
  fee: 0.0005,
  marketBuyCost: 10000,
  raw: {
    side: { buy: 'bid', sell: 'ask' },
    open: 'wait',
    done: 'done',
    executed: (info) => num(info.executed_volume),
    tradesVolume: (info) => info.trades.reduce((a, x) => a + num(x.volume), 0),
    funds: (info) => info.trades.reduce((a, x) => a + num(x.funds), 0),
    // A market buy by cost (ord_type price) that spent its money ends
    // `cancel` with executed volume: the unspent dust is cancelled (real
    // Upbit capture, exchanges.md §1.2).
    marketBuyEnd: { ord_type: 'price', state: 'cancel', status: 'canceled' },
  },
};

/// One row per venue. `sim`: the karb-sim venue name (its listening line);
/// `ccxt`: the ccxt class; `urls(base)`: the override of `exchange.urls`;
/// `apiKey` / `secret`: the simulator's dev keys; `options`: extra ccxt
/// options; `skip`: the reason to skip a check ccxt cannot do for the
/// venue; `quirks`: known ccxt parsing gaps (the check then reads the
/// venue's raw field); the rest (market, sizes, raw order fields) as KOREA.
const VENUES = [
  {
    ...KOREA,
    sim: 'upbit',
    ccxt: 'upbit',
    // upbit.sign(): implodeParams(urls.api[api], {hostname}) + '/v1/' + path
    urls: (base) => ({ api: { public: base, private: base } }),
    apiKey: 'karb-dev-upbit-access',
    secret: 'karb-dev-upbit-secret-0123456789',
    options: {},
    skip: {
      fetchMyTrades: 'ccxt upbit has fetchMyTrades: false',
      fetchOrderByClientId: 'ccxt upbit fetchOrder always sends uuid',
    },
    quirks: {},
  },
  {
    ...KOREA,
    sim: 'bithumb',
    ccxt: 'bithumb',
    // bithumb.sign(): implodeHostname(urls.api[api]) + '/' + path, path
    // carrying its version (v1/..., v2/...); ccxt's default is generation 2
    // (API 2.0, JWT), which is what the simulator serves.
    urls: (base) => ({ api: { public: base, private: base } }),
    apiKey: 'karb-dev-bithumb-access',
    secret: 'karb-dev-bithumb-secret-0123456789',
    options: {},
    skip: { fetchMyTrades: 'ccxt bithumb has no fetchMyTrades' },
    quirks: {
      // ccxt bithumb parseTrade reads a trade's amount from trade_volume /
      // units_traded / units, while GET /v1/order's trades[] carry `volume`
      // (Upbit's shape, which Bithumb 2.0 documents): ccxt sums undefined
      // amounts and reports filled 0 for a filled order. The venue's own
      // executed_volume is checked instead.
      orderTradesVolumeIgnored: true,
    },
  },
];

// -- arguments ----------------------------------------------------------------

function arg(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

const simPath = arg('--sim', join(here, '../../build/bin/karb-sim'));
const only = arg('--only', undefined);
const requestLog = arg('--request-log', undefined); // karb-sim's, to debug
const venues = VENUES.filter((v) => !only || only.split(',').includes(v.sim));

if (!existsSync(join(here, 'node_modules', 'ccxt'))) {
  console.error(
    `ccxt_compat: ${join(here, 'node_modules')} has no ccxt: ` +
      'run tools/setup (it runs npm ci in tests/ccxt)');
  process.exit(1);
}
if (!existsSync(simPath)) {
  console.error(`ccxt_compat: no karb-sim at ${simPath} (pass --sim PATH)`);
  process.exit(1);
}
const { default: ccxt } = await import('ccxt');

// -- the simulator as a child process -----------------------------------------

/// Starts karb-sim on ephemeral ports; resolves with {proc, urls, admin}
/// once every venue and the admin API printed their "listening" line.
function startSim() {
  const args = ['--venues', venues.map((v) => v.sim).join(','),
    '--port-base', '0', '--admin-port', '0', '--seed', '7'];
  if (requestLog) args.push('--request-log', requestLog);
  const proc = spawn(simPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (d) => { stderr += d; });
  return new Promise((resolve, reject) => {
    const urls = {};
    let admin;
    let buf = '';
    const timer = setTimeout(() => {
      proc.kill('SIGTERM');
      reject(new Error(`karb-sim did not start in 10 s: ${buf}${stderr}`));
    }, 10000);
    proc.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`karb-sim exited (${code}): ${stderr}`));
    });
    proc.stdout.on('data', (d) => {
      buf += d;
      for (const m of buf.matchAll(/karb-sim: (\w+) listening on (http:\/\/127\.0\.0\.1:\d+)/g)) {
        if (m[1] === 'admin') admin = m[2];
        else urls[m[1]] = m[2];
      }
      if (admin && venues.every((v) => urls[v.sim])) {
        clearTimeout(timer);
        proc.removeAllListeners('exit');
        resolve({ proc, urls, admin });
      }
    });
  });
}

async function adminGet(sim, path) {
  const r = await fetch(sim.admin + path);
  assert.equal(r.status, 200, `admin GET ${path}`);
  return r.json();
}

// -- helpers ------------------------------------------------------------------

/// The account's balance (available + locked) per currency, as the
/// simulator holds it.
async function simBalances(sim, venue) {
  const state = await adminGet(sim, '/state');
  const acc = state.venues[venue.sim].accounts[venue.apiKey];
  const out = {};
  for (const [ccy, b] of Object.entries(acc)) {
    out[ccy] = { free: num(b.balance), used: num(b.locked),
      total: num(b.balance) + num(b.locked) };
  }
  return out;
}

async function simOrder(sim, venue, id) {
  const state = await adminGet(sim, '/state');
  return state.venues[venue.sim].orders.find((o) => o.uuid === id);
}

function assertClose(actual, expected, what, tol = 1e-9) {
  assert.ok(Number.isFinite(actual), `${what}: ${actual} is not a number`);
  assert.ok(Math.abs(actual - expected) <= tol * Math.max(1, Math.abs(expected)),
    `${what}: ${actual} != ${expected}`);
}

function assertBalancesMatch(bal, simBal, codes) {
  for (const c of codes) {
    assert.ok(bal[c], `balance has ${c}`);
    assertClose(bal[c].total, simBal[c].total, `${c} total`);
    assertClose(bal[c].free, simBal[c].free, `${c} free`);
    assertClose(bal[c].used, simBal[c].used, `${c} used`);
  }
}

/// ccxt's `filled` of a fetched order, or, with the venue's quirk, the raw
/// executed_volume and trades[] (and a note that ccxt said 0).
function assertFilled(t, venue, o, amount) {
  assertClose(venue.raw.executed(o.info), amount, 'raw executed volume');
  if (venue.quirks.orderTradesVolumeIgnored && o.filled === 0) {
    assertClose(venue.raw.tradesVolume(o.info), amount, 'sum of trades[].volume');
    t.diagnostic(`known ccxt gap: ${venue.ccxt} filled=0 for executed_volume=${amount}`);
    return;
  }
  assertClose(o.filled, amount, 'filled');
}

// -- the checks, run per venue ------------------------------------------------

let sim;
before(async () => { sim = await startSim(); });
// Never leave the child behind, even when the runner exits early.
process.on('exit', () => { if (sim && sim.proc.exitCode === null) sim.proc.kill('SIGKILL'); });
after(async () => {
  if (!sim) return;
  const exited = new Promise((r) => sim.proc.on('exit', r));
  sim.proc.kill('SIGTERM');
  await exited;
});

for (const venue of venues) {
  describe(`${venue.ccxt} against karb-sim ${venue.sim}`, () => {
    let ex;
    let book;
    let resting;

    before(() => {
      const base = sim.urls[venue.sim];
      ex = new ccxt[venue.ccxt]({
        apiKey: venue.apiKey, secret: venue.secret,
        enableRateLimit: true, timeout: 10000, options: venue.options,
      });
      ex.urls = { ...ex.urls, ...venue.urls(base) };
    });

    test('loadMarkets / fetchMarkets', async () => {
      const markets = await ex.loadMarkets();
      const m = markets[venue.symbol];
      assert.ok(m, `${venue.symbol} listed`);
      assert.equal(m.id, venue.marketId);
      assert.equal(m.base, venue.base);
      assert.equal(m.quote, venue.quote);
      assert.equal(m.spot, true);
      const state = await adminGet(sim, '/state');
      const simMarkets = Object.keys(state.venues[venue.sim].markets).sort();
      const ids = Object.values(markets).map((x) => x.id).sort();
      assert.deepEqual(ids, simMarkets, 'the same markets as the simulator');
    });

    test('fetchOrderBook', async () => {
      book = await ex.fetchOrderBook(venue.symbol);
      assert.equal(book.symbol, venue.symbol);
      assert.ok(book.bids.length >= 5 && book.asks.length >= 5, 'levels');
      for (const side of [book.bids, book.asks]) {
        for (const [p, q] of side) {
          assert.equal(typeof p, 'number');
          assert.equal(typeof q, 'number');
          assert.ok(p > 0 && q > 0, `level ${p} ${q}`);
        }
      }
      for (let i = 1; i < book.bids.length; ++i)
        assert.ok(book.bids[i][0] < book.bids[i - 1][0], 'bids descending');
      for (let i = 1; i < book.asks.length; ++i)
        assert.ok(book.asks[i][0] > book.asks[i - 1][0], 'asks ascending');
      assert.ok(book.bids[0][0] < book.asks[0][0], 'not crossed');
      assert.ok(Number.isInteger(book.timestamp) && book.timestamp > 1.6e12,
        `timestamp ${book.timestamp}`);
      const mid = (book.bids[0][0] + book.asks[0][0]) / 2;
      const [lo, hi] = venue.midRange;
      assert.ok(mid > lo && mid < hi, `mid ${mid} within ${lo}..${hi}`);
    });

    test('fetchTicker', async () => {
      const t = await ex.fetchTicker(venue.symbol);
      assert.equal(t.symbol, venue.symbol);
      assert.equal(typeof t.last, 'number');
      assert.equal(t.close, t.last);
      assert.ok(Math.abs(t.last / book.bids[0][0] - 1) < 0.02, `last ${t.last}`);
      assert.ok(t.high >= t.low, 'high >= low');
      assert.ok(t.timestamp > 1.6e12, `timestamp ${t.timestamp}`);
      assert.equal(typeof t.baseVolume, 'number');
    });

    test('fetchTrades', async () => {
      const trades = await ex.fetchTrades(venue.symbol, undefined, 20);
      assert.ok(trades.length > 0, 'some trades');
      for (const tr of trades) {
        assert.equal(tr.symbol, venue.symbol);
        assert.ok(tr.side === 'buy' || tr.side === 'sell', `side ${tr.side}`);
        assert.ok(tr.price > 0 && tr.amount > 0);
        assert.ok(tr.timestamp > 1.6e12);
        assert.ok(typeof tr.id === 'string' && tr.id.length > 0, 'id');
      }
      for (let i = 1; i < trades.length; ++i)
        assert.ok(trades[i].timestamp >= trades[i - 1].timestamp, 'sorted');
    });

    test('fetchBalance equals the dev account', async () => {
      const bal = await ex.fetchBalance();
      for (const [c, v] of Object.entries(venue.balances)) {
        assertClose(bal[c].total, num(v), `${c} total`);
        assertClose(bal[c].free, num(v), `${c} free`);
        assertClose(bal[c].used, 0, `${c} used`);
      }
      assertBalancesMatch(bal, await simBalances(sim, venue), [venue.quote, venue.base]);
    });

    test('createOrder: a limit buy below the market rests', async () => {
      const step = venue.priceStep;
      const price = Math.floor(book.bids[0][0] * 0.9 / step) * step;
      const clientOrderId = `ccxt-${venue.sim}-1`;
      const o = await ex.createOrder(venue.symbol, 'limit', 'buy', venue.sizes.rest, price,
        { clientOrderId });
      assert.equal(typeof o.id, 'string');
      assert.ok(o.id.length > 0);
      const s = await simOrder(sim, venue, o.id);
      assert.ok(s, `the simulator knows order ${o.id}`);
      assert.equal(s.side, venue.raw.side.buy);
      assert.equal(s.state, venue.raw.open);
      assert.equal(num(s.price), price);
      assert.equal(num(s.volume), venue.sizes.rest);
      assert.equal(s.identifier, clientOrderId, 'the client id reached the venue');
      resting = { id: o.id, price, clientOrderId };
    });

    test('fetchOrder: the resting order is open', async () => {
      const o = await ex.fetchOrder(resting.id, venue.symbol);
      assert.equal(o.id, resting.id);
      assert.equal(o.status, 'open');
      assert.equal(o.symbol, venue.symbol);
      assert.equal(o.side, 'buy');
      assert.equal(o.type, 'limit');
      assert.equal(o.price, resting.price);
      assert.equal(o.amount, venue.sizes.rest);
      assert.equal(o.filled, 0);
      assert.equal(o.remaining, venue.sizes.rest);
      assert.equal(o.clientOrderId, resting.clientOrderId);
    });

    test('fetchOrder by clientOrderId', async (t) => {
      if (venue.skip.fetchOrderByClientId) return t.skip(venue.skip.fetchOrderByClientId);
      const o = await ex.fetchOrder(undefined, venue.symbol,
        { clientOrderId: resting.clientOrderId });
      assert.equal(o.id, resting.id);
      assert.equal(o.status, 'open');
      assert.equal(o.clientOrderId, resting.clientOrderId);
    });

    test('fetchBalance: the order locks quote', async () => {
      const bal = await ex.fetchBalance();
      const simBal = await simBalances(sim, venue);
      assertBalancesMatch(bal, simBal, [venue.quote, venue.base]);
      // price × volume plus the fee is locked.
      assertClose(bal[venue.quote].used,
        resting.price * venue.sizes.rest * (1 + venue.fee), 'quote locked', 1e-6);
    });

    test('fetchOpenOrders lists it', async () => {
      const open = await ex.fetchOpenOrders(venue.symbol);
      const mine = open.find((o) => o.id === resting.id);
      assert.ok(mine, `open orders (${open.map((o) => o.id)}) have ${resting.id}`);
      assert.equal(mine.status, 'open');
      assert.equal(mine.price, resting.price);
      assert.equal(mine.side, 'buy');
    });

    test('cancelOrder, then fetchOrder says canceled', async () => {
      const c = await ex.cancelOrder(resting.id, venue.symbol);
      assert.equal(c.id, resting.id);
      // The cancel is applied before the simulator's next request.
      const o = await ex.fetchOrder(resting.id, venue.symbol);
      assert.equal(o.id, resting.id);
      assert.equal(o.status, 'canceled');
      assert.equal(o.filled, 0);
      const open = await ex.fetchOpenOrders(venue.symbol);
      assert.ok(!open.some((x) => x.id === resting.id), 'no longer open');
      const bal = await ex.fetchBalance();
      assertClose(bal[venue.quote].total, num(venue.balances[venue.quote]), 'quote back');
      assertClose(bal[venue.quote].used, 0, 'nothing locked');
    });

    test('fetchCanceledOrders has it', async (t) => {
      if (!ex.has.fetchCanceledOrders) return t.skip('not in ccxt for this venue');
      const orders = await ex.fetchCanceledOrders(venue.symbol);
      const mine = orders.find((o) => o.id === resting.id);
      assert.ok(mine, 'canceled order listed');
      assert.equal(mine.status, 'canceled');
    });

    let filled;
    test('createOrder: a marketable limit buy fills, the balance moves', async (t) => {
      const before = await ex.fetchBalance();
      const ob = await ex.fetchOrderBook(venue.symbol);
      const step = venue.priceStep;
      const size = venue.sizes.fill;
      const price = Math.ceil(ob.asks[0][0] * 1.01 / step) * step;
      const o = await ex.createOrder(venue.symbol, 'limit', 'buy', size, price);
      const f = await ex.fetchOrder(o.id, venue.symbol);
      assert.equal(f.status, 'closed');
      assertFilled(t, venue, f, size);
      assert.equal(f.remaining, 0);
      const s = await simOrder(sim, venue, o.id);
      assert.equal(s.state, venue.raw.done);
      const after = await ex.fetchBalance();
      const [b, q] = [venue.base, venue.quote];
      assertClose(after[b].total - before[b].total, size, 'base bought', 1e-6);
      const spent = before[q].total - after[q].total;
      // Taker at the asks: between the best ask and the limit, plus fee.
      assert.ok(spent >= ob.asks[0][0] * size * 0.99
        && spent <= price * size * (1 + venue.fee) * 1.000001, `quote spent ${spent}`);
      assertBalancesMatch(after, await simBalances(sim, venue), [venue.quote, venue.base]);
      filled = { id: o.id };
    });

    test('createOrder: a market sell fills', async (t) => {
      const before = await ex.fetchBalance();
      const size = venue.sizes.sell;
      const o = await ex.createOrder(venue.symbol, 'market', 'sell', size);
      const f = await ex.fetchOrder(o.id, venue.symbol);
      assert.equal(f.side, 'sell');
      assert.equal(f.type, 'market');
      assert.equal(f.status, 'closed');
      assertFilled(t, venue, f, size);
      const after = await ex.fetchBalance();
      const [b, q] = [venue.base, venue.quote];
      assertClose(before[b].total - after[b].total, size, 'base sold', 1e-6);
      assert.ok(after[q].total > before[q].total, 'quote received');
      assertBalancesMatch(after, await simBalances(sim, venue), [venue.quote, venue.base]);
    });

    test('createMarketBuyOrderWithCost spends quote, base arrives', async (t) => {
      if (!ex.has.createMarketBuyOrderWithCost) return t.skip('not in ccxt for this venue');
      const before = await ex.fetchBalance();
      const cost = venue.marketBuyCost;
      const o = await ex.createMarketBuyOrderWithCost(venue.symbol, cost);
      const f = await ex.fetchOrder(o.id, venue.symbol);
      assert.equal(f.side, 'buy');
      const end = venue.raw.marketBuyEnd;
      for (const [k, v] of Object.entries(end))
        if (k !== 'status') assert.equal(f.info[k], v, `raw ${k}`);
      assert.equal(f.status, end.status);
      const vol = venue.raw.executed(f.info);
      assert.ok(vol > 0, `executed volume ${vol}`);
      const funds = venue.raw.funds(f.info);
      assert.ok(funds > cost * 0.99 && funds <= cost, `funds ${funds}`);
      const after = await ex.fetchBalance();
      const [b, q] = [venue.base, venue.quote];
      assertClose(after[b].total - before[b].total, vol, 'base bought', 1e-6);
      assertClose(before[q].total - after[q].total, funds * (1 + venue.fee), 'quote spent', 1e-6);
      assertBalancesMatch(after, await simBalances(sim, venue), [venue.quote, venue.base]);
    });

    test('fetchClosedOrders lists the filled buy', async () => {
      const closed = await ex.fetchClosedOrders(venue.symbol);
      const mine = closed.find((o) => o.id === filled.id);
      assert.ok(mine, `closed orders (${closed.map((o) => o.id)}) have ${filled.id}`);
      assert.equal(mine.status, 'closed');
      assert.equal(mine.side, 'buy');
      assert.equal(mine.filled, venue.sizes.fill);
      assert.ok(!closed.some((o) => o.id === resting.id), 'not the canceled one');
    });

    test('fetchMyTrades', async (t) => {
      if (!ex.has.fetchMyTrades) return t.skip(venue.skip.fetchMyTrades);
      const trades = await ex.fetchMyTrades(venue.symbol);
      assert.ok(trades.some((x) => x.order === filled.id));
    });
  });
}
