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
// A venue is one entry of VENUES below: a spot venue (Upbit, Bithumb,
// Binance spot) runs spotChecks, a USD-M one (`kind: 'usdm'`) usdmChecks.
// OKX is one simulator venue (`okx`) with two rows: its spot side runs
// spotChecks, its swaps (`kind: 'okxswap'`) okxSwapChecks.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BYBIT_VENUES, bybitLinearChecks } from './sim_compat_bybit.mjs';

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
  bookTimestamp: true,
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
    marketBuyEnd: { raw: { ord_type: 'price', state: 'cancel' }, status: 'canceled' },
    // The simulator's view (admin GET /state) of the account and an order.
    stateBalances: (acc) => Object.fromEntries(Object.entries(acc).map(
      ([c, b]) => [c, { free: num(b.balance), used: num(b.locked) }])),
    stateOrder: (orders, id) => {
      const o = orders.find((x) => x.uuid === id);
      return o && { side: o.side, state: o.state, price: num(o.price),
        volume: num(o.volume), clientId: o.identifier };
    },
  },
  // The fee is charged on top in the quote: a buy of `vol` for `funds`
  // costs funds × (1 + fee); a sell yields funds × (1 − fee). The fee is
  // locked with a bid.
  settle: (side, vol, funds, fee) => (side === 'buy'
    ? { base: vol, quote: -funds * (1 + fee) }
    : { base: -vol, quote: funds * (1 - fee) }),
  lockFee: true,
};

/// Binance spot (exchanges.md §3): BTCUSDT, the dev account of
/// tools/karb-sim/accounts.dev.json, 0.1 % taker. The commission of a buy
/// is taken from the base asset bought, of a sell from the USDT received
/// (README, Binance spot); nothing beyond price × quantity is locked.
const BINANCE_SPOT = {
  symbol: 'BTC/USDT', marketId: 'BTCUSDT', base: 'BTC', quote: 'USDT',
  balances: { USDT: '100000', BTC: '1' },
  midRange: [1e4, 5e5],
  // GET /api/v3/depth has lastUpdateId, bids, asks and no time (docs,
  // exchanges.md §3.2): ccxt's timestamp stays undefined, its nonce is
  // the lastUpdateId.
  bookTimestamp: false,
  sizes: { rest: 0.001, fill: 0.0002, sell: 0.0001 },
  priceStep: 1,
  fee: 0.001,
  marketBuyCost: 100,
  quoteQtyBySteps: true,
  raw: {
    side: { buy: 'BUY', sell: 'SELL' },
    open: 'NEW',
    done: undefined, // /state lists open orders only
    executed: (info) => num(info.executedQty),
    funds: (info) => num(info.cummulativeQuoteQty),
    // quoteOrderQty spends the amount and ends FILLED.
    marketBuyEnd: { raw: { type: 'MARKET', status: 'FILLED' }, status: 'closed' },
    stateBalances: (acc) => Object.fromEntries(Object.entries(acc.balances).map(
      ([c, b]) => [c, { free: num(b.free), used: num(b.locked) }])),
    stateOrder: (orders, id) => {
      const o = orders.find((x) => String(x.orderId) === id);
      return o && { side: o.side, state: o.status, price: num(o.price),
        volume: num(o.origQty), clientId: o.clientOrderId };
    },
  },
  settle: (side, vol, funds, fee) => (side === 'buy'
    ? { base: vol * (1 - fee), quote: -funds }
    : { base: -vol, quote: funds * (1 - fee) }),
  lockFee: false,
};

/// OKX v5 (README, OKX v5): one port and one unified account for spot and
/// USDT swaps; ccxt's `okx` signs with the passphrase (`password`). Both
/// rows share the simulator venue `okx`, the dev account and ccxt's setup.
const OKX = {
  sim: 'okx',
  ccxt: 'okx',
  // okx.sign(): implodeHostname(urls.api.rest) + '/api/v5/' + path.
  urls: (base) => ({ api: { rest: base } }),
  apiKey: 'karb-dev-okx-access',
  secret: 'karb-dev-okx-secret-0123456789',
  password: 'karb-dev-okx-passphrase',
  // Spot and swap instruments only (ccxt's default adds futures and
  // options, which the simulator lists empty); loadMarkets also reads the
  // signed GET /api/v5/asset/currencies.
  options: { fetchMarkets: { types: ['spot', 'swap'] } },
  // The markets of GET /state: spot instIds, the swaps in `funding`.
  simMarketIds: (v) => [...Object.keys(v.markets), ...Object.keys(v.funding.instruments)],
  quirks: {},
};

/// The `okx` account's balances in /state: ccxt reads eq (total) and
/// availEq (free); used = eq − availEq.
const okxStateBalances = (acc) => Object.fromEntries(acc.balance.details.map(
  (d) => [d.ccy, { free: num(d.availEq), used: num(d.eq) - num(d.availEq) }]));

/// One row per venue. `sim`: the karb-sim venue name (its listening line);
/// `ccxt`: the ccxt class; `urls(base)`: the override of `exchange.urls`;
/// `apiKey` / `secret`: the simulator's dev keys; `options`: extra ccxt
/// options; `skip`: the reason to skip a check ccxt cannot do for the
/// venue; `quirks`: known ccxt parsing gaps (the check then reads the
/// venue's raw field); the rest (market, sizes, raw order fields) as KOREA.
/// Optional: `password` (OKX's passphrase), `label` (two rows of one
/// simulator venue), `simMarketIds(state)` (the markets /state lists, when
/// not just its `markets` keys), `clientOrderId` (a venue's own alphabet).
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
  {
    ...BINANCE_SPOT,
    sim: 'binance_spot',
    ccxt: 'binance',
    // binance.sign(): urls.api[api] + '/' + path, with api one of many
    // keys (public/private = /api/v3, v1, sapi*, fapi*, dapi*, eapi*,
    // papi*): every one is moved to the simulator, so a call the simulator
    // does not serve ends in its 404 and never leaves the machine.
    urls: (base, api) => ({ api: rehost(api, base) }),
    apiKey: 'karb-dev-binance-spot-access',
    secret: 'karb-dev-binance-spot-secret-0123456789',
    options: {
      // Spot markets only (default: spot, linear and inverse, i.e. also
      // /fapi and /dapi exchangeInfo), no margin pairs (sapi).
      fetchMarkets: { types: ['spot'] },
      fetchMargins: false,
      // fetchCurrencies calls sapi /capital/config/getall (wallet API),
      // which the simulator does not serve: ccxt then derives the
      // currencies from the markets.
      fetchCurrencies: false,
      // loadMarkets first reads GET /api/v3/time and signs with the
      // simulator's clock.
      adjustForTimeDifference: true,
    },
    skip: {},
    quirks: {},
    // Precision and limits come from the symbol's filters in
    // GET /api/v3/exchangeInfo.
    checkMarket: async (m) => {
      const f = await binanceFilters('binance_spot', '/api/v3/exchangeInfo', 'BTCUSDT');
      assert.equal(m.precision.price, num(f.PRICE_FILTER.tickSize), 'price precision = tickSize');
      assert.equal(m.precision.amount, num(f.LOT_SIZE.stepSize), 'amount precision = stepSize');
      assert.equal(m.limits.amount.min, num(f.LOT_SIZE.minQty));
      assert.equal(m.limits.amount.max, num(f.LOT_SIZE.maxQty));
      assert.equal(m.limits.price.min, num(f.PRICE_FILTER.minPrice));
      assert.equal(m.limits.price.max, num(f.PRICE_FILTER.maxPrice));
      assert.equal(m.limits.cost.min, num(f.NOTIONAL.minNotional));
      assert.equal(m.limits.cost.max, num(f.NOTIONAL.maxNotional));
      assert.equal(m.limits.market.min, num(f.MARKET_LOT_SIZE.minQty));
      assert.equal(m.precision.price, 0.01, 'BTC tick (README)');
      assert.equal(m.precision.amount, 0.0001, 'BTC step (README)');
      assert.equal(m.limits.cost.min, 5, 'min notional (README)');
    },
  },
  {
    sim: 'binance_usdm',
    ccxt: 'binanceusdm',
    kind: 'usdm',
    symbol: 'BTC/USDT:USDT', marketId: 'BTCUSDT', base: 'BTC', quote: 'USDT',
    settleCcy: 'USDT',
    wallet: '100000',
    midRange: [1e4, 5e5],
    sizes: { rest: 0.002, position: 0.003 },
    leverage: 10,
    fee: { maker: 0.0002, taker: 0.0005 },
    urls: (base, api) => ({ api: rehost(api, base) }),
    apiKey: 'karb-dev-binance-usdm-access',
    secret: 'karb-dev-binance-usdm-secret-0123456789',
    options: {
      fetchMarkets: { types: ['linear'] }, // binanceusdm's default too
      fetchCurrencies: false,
      adjustForTimeDifference: true,  // GET /fapi/v1/time
    },
    skip: {},
    quirks: {},
  },
  {
    ...OKX,
    label: 'spot',
    symbol: 'BTC/USDT', marketId: 'BTC-USDT', base: 'BTC', quote: 'USDT',
    balances: { USDT: '100000', BTC: '1' },
    midRange: [1e4, 5e5],
    bookTimestamp: true, // GET /market/books carries ts
    sizes: { rest: 0.001, fill: 0.0002, sell: 0.0001 },
    priceStep: 1,
    fee: 0.001, // taker
    marketBuyCost: 100,
    // The spot side runs on the Binance spot engine (README, OKX v5): a
    // quote-sized market buy fills whole lots.
    quoteQtyBySteps: true,
    // clOrdId: alphanumerics only, up to 32.
    clientOrderId: 'ccxtokxspot1',
    raw: {
      side: { buy: 'buy', sell: 'sell' },
      open: 'live',
      done: undefined, // /state lists open orders only
      executed: (info) => num(info.accFillSz),
      funds: (info) => num(info.accFillSz) * num(info.avgPx),
      // A spot market buy with sz in USDT (tgtCcy quote_ccy) ends filled.
      marketBuyEnd: { raw: { ordType: 'market', state: 'filled' }, status: 'closed' },
      stateBalances: (acc) => okxStateBalances(acc),
      stateOrder: (orders, id) => {
        const o = orders.find((x) => x.ordId === id);
        return o && { side: o.side, state: o.state, price: num(o.px),
          volume: num(o.sz), clientId: o.clOrdId };
      },
    },
    // As Binance spot: a buy's fee is taken from the BTC bought, a sell's
    // from the USDT received; nothing beyond px × sz is frozen.
    settle: BINANCE_SPOT.settle,
    lockFee: false,
    skip: {},
    checkMarket: async (m) => {
      const i = await okxInstrument('SPOT', 'BTC-USDT');
      assert.equal(m.type, 'spot');
      assert.equal(m.precision.price, num(i.tickSz), 'price precision = tickSz');
      assert.equal(m.precision.amount, num(i.lotSz), 'amount precision = lotSz');
      assert.equal(m.limits.amount.min, num(i.minSz), 'minSz');
      assert.equal(m.precision.price, 0.01, 'BTC tick (README)');
      assert.equal(m.precision.amount, 0.0001, 'BTC lot (README)');
      assert.equal(m.active, true, 'state live');
    },
  },
  {
    ...OKX,
    label: 'swap',
    kind: 'okxswap',
    symbol: 'BTC/USDT:USDT', marketId: 'BTC-USDT-SWAP', base: 'BTC', quote: 'USDT',
    settleCcy: 'USDT',
    midRange: [1e4, 5e5],
    contractSize: 0.01, // ctVal (README)
    sizes: { rest: 1, position: 3 }, // contracts
    leverage: 10,
    fee: { maker: 0.0002, taker: 0.0005 },
    skip: {},
  },
  ...BYBIT_VENUES, // sim_compat_bybit.mjs: bybit spot and linear
];

/// Every URL of ccxt's `urls.api` (a map of name → URL) with its scheme and
/// host replaced by the simulator's `base`, the path kept.
function rehost(api, base) {
  const out = {};
  for (const [k, u] of Object.entries(api)) {
    if (typeof u !== 'string') continue;
    const url = new URL(u);
    out[k] = base + url.pathname.replace(/\/$/, '');
  }
  return out;
}

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
  // One simulator venue may serve several rows (OKX: spot and swap; Bybit:
  // spot and linear).
  const names = [...new Set(venues.map((v) => v.sim))];
  const args = ['--venues', names.join(','),
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
  const acc = venue.raw.stateBalances(state.venues[venue.sim].accounts[venue.apiKey]);
  const out = {};
  for (const [ccy, b] of Object.entries(acc))
    out[ccy] = { free: b.free, used: b.used, total: b.free + b.used };
  return out;
}

/// The simulator's open or (Upbit/Bithumb) finished order `id`, as
/// {side, state, price, volume, clientId} in the venue's words.
async function simOrder(sim, venue, id) {
  const state = await adminGet(sim, '/state');
  return venue.raw.stateOrder(state.venues[venue.sim].orders, id);
}

/// The filters of `symbol` in a Binance venue's exchangeInfo, by type.
async function binanceFilters(venueName, path, symbol) {
  const r = await fetch(sim.urls[venueName] + path);
  assert.equal(r.status, 200, `GET ${path}`);
  const info = await r.json();
  const sym = info.symbols.find((x) => x.symbol === symbol);
  assert.ok(sym, `${symbol} in ${path}`);
  return Object.fromEntries(sym.filters.map((f) => [f.filterType, f]));
}

/// An OKX instrument of GET /api/v5/public/instruments.
async function okxInstrument(instType, instId) {
  const r = await fetch(`${sim.urls.okx}/api/v5/public/instruments?instType=${instType}&instId=${instId}`);
  assert.equal(r.status, 200, `GET /api/v5/public/instruments ${instId}`);
  const body = await r.json();
  assert.equal(body.code, '0');
  assert.equal(body.data.length, 1, `${instId} listed`);
  return body.data[0];
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

/// The suite's name: ccxt class, simulator venue and (okx) the side.
function title(venue) {
  return `${venue.ccxt} against karb-sim ${venue.sim}${venue.label ? ` (${venue.label})` : ''}`;
}

/// A ccxt class pointed at the simulator's venue.
function connect(venue) {
  const base = sim.urls[venue.sim];
  const ex = new ccxt[venue.ccxt]({
    apiKey: venue.apiKey, secret: venue.secret, password: venue.password,
    enableRateLimit: true, timeout: 10000, options: venue.options,
  });
  ex.urls = { ...ex.urls, ...venue.urls(base, ex.urls.api) };
  return ex;
}

for (const venue of venues) {
  if (venue.kind === 'usdm') usdmChecks(venue);
  else if (venue.kind === 'okxswap') okxSwapChecks(venue);
  else if (venue.kind === 'bybit-linear') {
    bybitLinearChecks(venue, { getSim: () => sim, adminGet, connect, assertClose, ccxt });
  } else spotChecks(venue);
}

/// Spot venues (Upbit, Bithumb, Binance spot): markets, public data,
/// balances, orders (rest, cancel, fill), trades.
function spotChecks(venue) {
  describe(title(venue), () => {
    let ex;
    let book;
    let resting;

    before(() => { ex = connect(venue); });

    test('loadMarkets / fetchMarkets', async () => {
      const markets = await ex.loadMarkets();
      const m = markets[venue.symbol];
      assert.ok(m, `${venue.symbol} listed`);
      assert.equal(m.id, venue.marketId);
      assert.equal(m.base, venue.base);
      assert.equal(m.quote, venue.quote);
      assert.equal(m.spot, true);
      const state = await adminGet(sim, '/state');
      const v = state.venues[venue.sim];
      const simMarkets = (venue.simMarketIds
        ? venue.simMarketIds(v) : Object.keys(v.markets)).sort();
      const ids = Object.values(markets).map((x) => x.id).sort();
      assert.deepEqual(ids, simMarkets, 'the same markets as the simulator');
      if (venue.checkMarket) await venue.checkMarket(m);
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
      if (venue.bookTimestamp) {
        assert.ok(Number.isInteger(book.timestamp) && book.timestamp > 1.6e12,
          `timestamp ${book.timestamp}`);
      } else {
        assert.equal(book.timestamp, undefined);
        const state = await adminGet(sim, '/state');
        const id = state.venues[venue.sim].update_ids[venue.marketId];
        assert.ok(Number.isInteger(book.nonce) && book.nonce <= id,
          `nonce ${book.nonce} is a lastUpdateId (now ${id})`);
      }
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
      if (venue.tickerTimestamp === false) assert.equal(t.timestamp, undefined);
      else assert.ok(t.timestamp > 1.6e12, `timestamp ${t.timestamp}`);
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
      const clientOrderId = venue.clientOrderId ?? `ccxt-${venue.sim}-1`;
      const o = await ex.createOrder(venue.symbol, 'limit', 'buy', venue.sizes.rest, price,
        { clientOrderId });
      assert.equal(typeof o.id, 'string');
      assert.ok(o.id.length > 0);
      const s = await simOrder(sim, venue, o.id);
      assert.ok(s, `the simulator knows order ${o.id}`);
      assert.equal(s.side, venue.raw.side.buy);
      assert.equal(s.state, venue.raw.open);
      assert.equal(s.price, price);
      assert.equal(s.volume, venue.sizes.rest);
      assert.equal(s.clientId, clientOrderId, 'the client id reached the venue');
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
      // price × volume (Upbit, Bithumb: plus the fee) is locked.
      assertClose(bal[venue.quote].used,
        resting.price * venue.sizes.rest * (1 + (venue.lockFee ? venue.fee : 0)),
        'quote locked', 1e-6);
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
      if (venue.raw.done) assert.equal(s.state, venue.raw.done);
      else assert.equal(s, undefined, 'no longer among the open orders');
      const after = await ex.fetchBalance();
      const [b, q] = [venue.base, venue.quote];
      // Taker at the asks: between the best ask and the limit.
      const funds = venue.raw.funds(f.info);
      assert.ok(funds >= ob.asks[0][0] * size * 0.99 && funds <= price * size * 1.000001,
        `executed funds ${funds}`);
      const d = venue.settle('buy', size, funds, venue.fee);
      assertClose(after[b].total - before[b].total, d.base, 'base bought', 1e-6);
      assertClose(after[q].total - before[q].total, d.quote, 'quote spent', 1e-6);
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
      const d = venue.settle('sell', size, venue.raw.funds(f.info), venue.fee);
      assert.ok(d.quote > 0, 'quote received');
      assertClose(after[b].total - before[b].total, d.base, 'base sold', 1e-6);
      assertClose(after[q].total - before[q].total, d.quote, 'quote received', 1e-6);
      assertBalancesMatch(after, await simBalances(sim, venue), [venue.quote, venue.base]);
    });

    test('createMarketBuyOrderWithCost spends quote, base arrives', async (t) => {
      if (!ex.has.createMarketBuyOrderWithCost) return t.skip('not in ccxt for this venue');
      const before = await ex.fetchBalance();
      const ask = (await ex.fetchOrderBook(venue.symbol)).asks[0][0];
      const cost = venue.marketBuyCost;
      const o = await ex.createMarketBuyOrderWithCost(venue.symbol, cost);
      const f = await ex.fetchOrder(o.id, venue.symbol);
      assert.equal(f.side, 'buy');
      const end = venue.raw.marketBuyEnd;
      for (const [k, v] of Object.entries(end.raw)) assert.equal(f.info[k], v, `raw ${k}`);
      assert.equal(f.status, end.status);
      const vol = venue.raw.executed(f.info);
      assert.ok(vol > 0, `executed volume ${vol}`);
      const funds = venue.raw.funds(f.info);
      // Binance executes a whole number of LOT_SIZE steps "as close as
      // possible" to quoteOrderQty (docs): up to one step's worth short.
      const short = venue.quoteQtyBySteps
        ? ex.market(venue.symbol).precision.amount * ask * 1.01 : cost * 0.01;
      assert.ok(funds > cost - short && funds <= cost, `funds ${funds} of ${cost}`);
      const after = await ex.fetchBalance();
      const [b, q] = [venue.base, venue.quote];
      const d = venue.settle('buy', vol, funds, venue.fee);
      assertClose(after[b].total - before[b].total, d.base, 'base bought', 1e-6);
      assertClose(after[q].total - before[q].total, d.quote, 'quote spent', 1e-6);
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
      const mine = trades.filter((x) => x.order === filled.id);
      assert.ok(mine.length > 0, `trades of order ${filled.id}`);
      assertClose(mine.reduce((a, x) => a + x.amount, 0), venue.sizes.fill, 'traded amount');
      for (const tr of mine) {
        assert.equal(tr.symbol, venue.symbol);
        assert.equal(tr.side, 'buy');
        assert.equal(tr.takerOrMaker, 'taker');
        assert.ok(tr.price > 0, `price ${tr.price}`);
        // Binance: a buy's commission is taken from the base asset.
        assert.equal(tr.fee.currency, venue.base);
        assertClose(tr.fee.cost, tr.amount * venue.fee, 'commission', 1e-6);
      }
    });
  });
}

/// The USD-M account as the simulator holds it: wallet, available and the
/// position of `symbol` (undefined when none).
async function simPerp(venue) {
  const state = await adminGet(sim, '/state');
  const v = state.venues[venue.sim];
  const acc = v.accounts[venue.apiKey];
  return {
    wallet: num(acc.wallet), available: num(acc.available),
    position: acc.positions.find((p) => p.symbol === venue.marketId),
    funding: v.funding, orders: v.orders,
  };
}

/// binanceusdm against the USD-M venue: markets, public data, funding,
/// leverage and margin mode, orders, a position opened and closed.
function usdmChecks(venue) {
  describe(title(venue), () => {
    let ex;
    let book;
    let resting;

    before(() => { ex = connect(venue); });

    test('loadMarkets: a linear perpetual with the simulator\'s filters', async () => {
      const markets = await ex.loadMarkets();
      const m = markets[venue.symbol];
      assert.ok(m, `${venue.symbol} listed`);
      assert.equal(m.id, venue.marketId);
      assert.equal(m.type, 'swap');
      assert.equal(m.swap, true);
      assert.equal(m.linear, true);
      assert.equal(m.contract, true);
      assert.equal(m.settle, venue.settleCcy);
      assert.equal(m.contractSize, 1);
      assert.equal(m.active, true);
      const f = await binanceFilters(venue.sim, '/fapi/v1/exchangeInfo', venue.marketId);
      assert.equal(m.precision.price, num(f.PRICE_FILTER.tickSize), 'price precision = tickSize');
      assert.equal(m.precision.amount, num(f.LOT_SIZE.stepSize), 'amount precision = stepSize');
      assert.equal(m.precision.price, 0.1, 'BTC tick (README)');
      assert.equal(m.precision.amount, 0.001, 'BTC step (README)');
      assert.equal(m.limits.amount.min, num(f.LOT_SIZE.minQty));
      assert.equal(m.limits.market.max, num(f.MARKET_LOT_SIZE.maxQty));
      assert.equal(m.limits.cost.min, num(f.MIN_NOTIONAL.notional));
      assert.equal(m.limits.cost.min, 5);
      const state = await adminGet(sim, '/state');
      const simMarkets = Object.keys(state.venues[venue.sim].markets).sort();
      const ids = Object.values(markets).map((x) => x.id).sort();
      assert.deepEqual(ids, simMarkets, 'the same markets as the simulator');
    });

    test('fetchOrderBook', async () => {
      book = await ex.fetchOrderBook(venue.symbol);
      assert.equal(book.symbol, venue.symbol);
      assert.ok(book.bids.length >= 5 && book.asks.length >= 5, 'levels');
      for (let i = 1; i < book.bids.length; ++i)
        assert.ok(book.bids[i][0] < book.bids[i - 1][0], 'bids descending');
      for (let i = 1; i < book.asks.length; ++i)
        assert.ok(book.asks[i][0] > book.asks[i - 1][0], 'asks ascending');
      assert.ok(book.bids[0][0] < book.asks[0][0], 'not crossed');
      // ccxt takes the book's time from T (transaction time).
      assert.ok(Number.isInteger(book.timestamp) && book.timestamp > 1.6e12,
        `timestamp ${book.timestamp}`);
      assert.ok(Number.isInteger(book.nonce), `nonce (lastUpdateId) ${book.nonce}`);
      const mid = (book.bids[0][0] + book.asks[0][0]) / 2;
      const [lo, hi] = venue.midRange;
      assert.ok(mid > lo && mid < hi, `mid ${mid}`);
    });

    test('fetchTicker', async () => {
      const t = await ex.fetchTicker(venue.symbol);
      assert.equal(t.symbol, venue.symbol);
      assert.equal(typeof t.last, 'number');
      assert.ok(Math.abs(t.last / book.bids[0][0] - 1) < 0.02, `last ${t.last}`);
      assert.ok(t.high >= t.low, 'high >= low');
      assert.ok(t.timestamp > 1.6e12, `timestamp ${t.timestamp}`);
      assert.equal(typeof t.baseVolume, 'number');
    });

    test('fetchTrades', async () => {
      const trades = await ex.fetchTrades(venue.symbol, undefined, 20);
      assert.ok(trades.length > 0 && trades.length <= 20, `${trades.length} trades`);
      for (const tr of trades) {
        assert.equal(tr.symbol, venue.symbol);
        assert.ok(tr.side === 'buy' || tr.side === 'sell', `side ${tr.side}`);
        assert.ok(tr.price > 0 && tr.amount > 0);
        assert.ok(typeof tr.id === 'string' && tr.id.length > 0, 'id');
      }
    });

    test('fetchBalance: the USDT wallet', async () => {
      const bal = await ex.fetchBalance();
      const p = await simPerp(venue);
      const c = venue.settleCcy;
      assertClose(bal[c].total, num(venue.wallet), `${c} total = the dev wallet`);
      assertClose(bal[c].total, p.wallet, `${c} total = /state wallet`);
      assertClose(bal[c].free, p.available, `${c} free = /state available`);
      assertClose(bal[c].used, 0, `${c} used`);
    });

    test('fetchFundingRate: rate, mark, index, next funding', async () => {
      const fr = await ex.fetchFundingRate(venue.symbol);
      const p = await simPerp(venue);
      const s = p.funding.symbols[venue.marketId];
      assert.equal(fr.symbol, venue.symbol);
      // The raw premiumIndex, parsed field by field.
      assert.equal(fr.fundingRate, num(fr.info.lastFundingRate));
      assert.equal(fr.markPrice, num(fr.info.markPrice));
      assert.equal(fr.indexPrice, num(fr.info.indexPrice));
      assert.equal(fr.interestRate, 0.0001);
      assert.equal(fr.fundingTimestamp, p.funding.next_funding_time, 'next funding time');
      assert.equal(fr.fundingTimestamp % (8 * 3600 * 1000), 0, 'at 00/08/16 UTC');
      assert.ok(fr.fundingTimestamp > fr.timestamp, 'in the future');
      // ccxt reads the interval from premiumIndex.fundingIntervalHours, a
      // field Binance does not document there (fixture
      // rest_premiumIndex_docs_example.json): it stays undefined. The
      // documented place is GET /fapi/v1/fundingInfo.
      assert.equal(fr.interval, undefined);
      const infoRes = await fetch(`${sim.urls[venue.sim]}/fapi/v1/fundingInfo`);
      const fi = (await infoRes.json()).find((x) => x.symbol === venue.marketId);
      assert.equal(fi.fundingIntervalHours, 8);
      // The market moves between the two reads: close, not equal.
      assertClose(fr.markPrice, num(s.mark), 'mark = /state mark', 2e-3);
      assertClose(fr.indexPrice, num(s.index), 'index = /state index', 2e-3);
      assert.ok(Math.abs(fr.fundingRate) <= 0.0075, `rate ${fr.fundingRate} within the cap`);
      assert.ok(Math.abs(fr.fundingRate - num(s.rate)) <= 5e-4, `rate ${fr.fundingRate} ~ ${s.rate}`);
    });

    test('fetchFundingRateHistory after a settlement', async () => {
      const before = (await simPerp(venue)).funding;
      const r = await fetch(sim.admin + '/funding', {
        method: 'POST', body: JSON.stringify({ venue: venue.sim }) });
      assert.equal(r.status, 200, 'admin POST /funding');
      const after = (await simPerp(venue)).funding;
      // /state counts /fundingRate rows: one per symbol and settlement.
      const nSymbols = Object.keys(after.symbols).length;
      assert.equal(after.settlements, before.settlements + nSymbols);
      assert.equal(after.next_funding_time, before.next_funding_time + 8 * 3600 * 1000);
      const hist = await ex.fetchFundingRateHistory(venue.symbol);
      assert.equal(hist.length, after.settlements / nSymbols, 'one row per settlement');
      const last = hist[hist.length - 1];
      assert.equal(last.symbol, venue.symbol);
      assert.equal(typeof last.fundingRate, 'number');
      assert.equal(last.fundingRate, num(last.info.fundingRate));
      assert.ok(Math.abs(last.fundingRate) <= 0.0075);
      assert.ok(Math.abs(last.timestamp - Date.now()) < 60000, `settled now: ${last.timestamp}`);
      for (let i = 1; i < hist.length; ++i)
        assert.ok(hist[i].timestamp >= hist[i - 1].timestamp, 'ascending');
      const fr = await ex.fetchFundingRate(venue.symbol);
      assert.equal(fr.fundingTimestamp, after.next_funding_time, 'the next funding moved on');
    });

    test('setLeverage', async () => {
      const r = await ex.setLeverage(venue.leverage, venue.symbol);
      assert.equal(r.symbol, venue.marketId);
      assert.equal(r.leverage, venue.leverage);
      // ccxt refuses 126 itself; the venue's own check through the raw call.
      await assert.rejects(
        ex.fapiPrivatePostLeverage({ symbol: venue.marketId, leverage: 126 }),
        (e) => e instanceof ccxt.BadRequest && /-4028/.test(e.message),
        'leverage 126 refused by the venue (-4028)');
    });

    test('setMarginMode isolated (and again: MarginModeAlreadySet)', async () => {
      const r = await ex.setMarginMode('isolated', venue.symbol);
      assert.equal(r.code, 200);
      // ccxt maps -4046 "No need to change margin type." to MarginModeAlreadySet.
      await assert.rejects(ex.setMarginMode('isolated', venue.symbol), ccxt.MarginModeAlreadySet);
    });

    test('createOrder: a limit buy below the market rests', async () => {
      const price = Math.floor(book.bids[0][0] * 0.9);
      const clientOrderId = 'ccxt-usdm-1';
      const o = await ex.createOrder(venue.symbol, 'limit', 'buy', venue.sizes.rest, price,
        { clientOrderId });
      assert.equal(typeof o.id, 'string');
      assert.equal(o.status, 'open');
      assert.equal(o.clientOrderId, clientOrderId);
      const p = await simPerp(venue);
      const s = p.orders.find((x) => String(x.orderId) === o.id);
      assert.ok(s, `the simulator has order ${o.id} open`);
      assert.equal(s.side, 'BUY');
      assert.equal(s.status, 'NEW');
      assert.equal(num(s.price), price);
      assert.equal(num(s.origQty), venue.sizes.rest);
      assert.equal(s.clientOrderId, clientOrderId);
      // The opening order reserves price × qty / leverage of the wallet.
      assertClose(p.wallet - p.available, price * venue.sizes.rest / venue.leverage,
        'order margin', 1e-6);
      resting = { id: o.id, price, clientOrderId };
    });

    test('fetchOrder: open', async () => {
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
      assert.equal(o.reduceOnly, false);
      assert.equal(o.clientOrderId, resting.clientOrderId);
      const byClient = await ex.fetchOrder(undefined, venue.symbol,
        { clientOrderId: resting.clientOrderId });
      assert.equal(byClient.id, resting.id);
    });

    test('fetchOpenOrders lists it', async () => {
      const open = await ex.fetchOpenOrders(venue.symbol);
      const mine = open.find((o) => o.id === resting.id);
      assert.ok(mine, `open orders (${open.map((o) => o.id)}) have ${resting.id}`);
      assert.equal(mine.status, 'open');
      assert.equal(mine.price, resting.price);
    });

    test('cancelOrder, then fetchOrder says canceled', async () => {
      const c = await ex.cancelOrder(resting.id, venue.symbol);
      assert.equal(c.id, resting.id);
      assert.equal(c.status, 'canceled');
      const o = await ex.fetchOrder(resting.id, venue.symbol);
      assert.equal(o.status, 'canceled');
      assert.equal(o.filled, 0);
      const open = await ex.fetchOpenOrders(venue.symbol);
      assert.ok(!open.some((x) => x.id === resting.id), 'no longer open');
      const p = await simPerp(venue);
      assertClose(p.available, p.wallet, 'the order margin is released');
    });

    let opened;
    test('a market buy opens a long position: fetchPositions', async () => {
      const size = venue.sizes.position;
      const walletBefore = (await simPerp(venue)).wallet;
      const o = await ex.createOrder(venue.symbol, 'market', 'buy', size);
      const f = await ex.fetchOrder(o.id, venue.symbol);
      assert.equal(f.status, 'closed');
      assert.equal(f.filled, size);
      assert.ok(f.average > 0, `average ${f.average}`);
      const positions = await ex.fetchPositions([venue.symbol]);
      const p = await simPerp(venue);
      assert.equal(positions.length, 1, 'one position');
      const pos = positions[0];
      const s = p.position;
      assert.ok(s, 'the simulator has the position');
      assert.equal(pos.symbol, venue.symbol);
      assert.equal(pos.side, 'long');
      assert.equal(pos.contracts, size);
      assert.equal(num(s.positionAmt), size);
      assert.equal(pos.entryPrice, num(s.entryPrice));
      assertClose(pos.entryPrice, f.average, 'entry = the fill average', 1e-9);
      assert.equal(pos.marginMode, 'isolated');
      assert.equal(s.marginType, 'isolated');
      assert.equal(s.leverage, venue.leverage, 'the leverage set above');
      // mark and uPnL move with the market: ccxt's own numbers agree with
      // each other, and with /state to within the move between two reads.
      assertClose(pos.markPrice, num(s.markPrice), 'mark = /state mark', 2e-3);
      assertClose(pos.unrealizedPnl, size * (pos.markPrice - pos.entryPrice),
        'uPnL = contracts × (mark − entry)', 1e-6);
      assertClose(pos.notional, size * pos.markPrice, 'notional', 1e-6);
      // Isolated long: (entry − M/|amt|) / (1 − mmr), M = |amt| × entry / leverage.
      assert.equal(pos.liquidationPrice, num(s.liquidationPrice));
      assertClose(pos.liquidationPrice,
        (pos.entryPrice - pos.entryPrice / venue.leverage) / (1 - 0.004),
        'liquidation price (BTC mmr 0.4 %)', 1e-6);
      assert.ok(pos.liquidationPrice < pos.entryPrice);
      assertClose(p.wallet, walletBefore - size * f.average * venue.fee.taker,
        'the taker commission left the wallet', 1e-6);
      opened = { size, entry: pos.entryPrice };
    });

    test('a reduceOnly market sell closes it: position flat', async () => {
      await assert.rejects(
        ex.createOrder(venue.symbol, 'market', 'sell', opened.size * 2, undefined,
          { reduceOnly: true }),
        (e) => e instanceof ccxt.ExchangeError && /-2022/.test(e.message),
        'a reduce-only order larger than the position is refused (-2022)');
      const walletBefore = (await simPerp(venue)).wallet;
      const o = await ex.createOrder(venue.symbol, 'market', 'sell', opened.size, undefined,
        { reduceOnly: true });
      const f = await ex.fetchOrder(o.id, venue.symbol);
      assert.equal(f.status, 'closed');
      assert.equal(f.reduceOnly, true);
      assert.equal(f.filled, opened.size);
      const positions = await ex.fetchPositions([venue.symbol]);
      assert.deepEqual(positions, [], 'no open position');
      const p = await simPerp(venue);
      assert.ok(!p.position || num(p.position.positionAmt) === 0, 'the simulator is flat');
      const realised = opened.size * (f.average - opened.entry);
      // Within 1e-4 USDT: the venue rounds each fill's commission, ccxt's
      // `average` is the rounded VWAP of the fills.
      assertClose(p.wallet - walletBefore,
        realised - opened.size * f.average * venue.fee.taker, 'realised PnL − commission', 1e-4);
      const bal = await ex.fetchBalance();
      assertClose(bal[venue.settleCcy].total, p.wallet, 'fetchBalance = wallet');
    });

    test('fetchMyTrades: both fills', async () => {
      const trades = await ex.fetchMyTrades(venue.symbol);
      assert.ok(trades.length >= 2, `${trades.length} trades`);
      const buys = trades.filter((t) => t.side === 'buy');
      const sells = trades.filter((t) => t.side === 'sell');
      assertClose(buys.reduce((a, t) => a + t.amount, 0), opened.size, 'bought');
      assertClose(sells.reduce((a, t) => a + t.amount, 0), opened.size, 'sold');
      for (const t of trades) {
        assert.equal(t.symbol, venue.symbol);
        assert.equal(t.fee.currency, venue.settleCcy);
        assertClose(t.fee.cost, t.amount * t.price * venue.fee.taker, 'taker commission', 1e-6);
      }
    });
  });
}

/// The okx venue's unified account and swap side as /state holds them:
/// the USDT detail, the position of `instId` (undefined when flat), the
/// funding view and the open orders.
async function simOkx(venue) {
  const state = await adminGet(sim, '/state');
  const v = state.venues[venue.sim];
  const acc = v.accounts[venue.apiKey];
  const usdt = acc.balance.details.find((d) => d.ccy === venue.settleCcy);
  return {
    usdt, cash: num(usdt.cashBal), frozen: num(usdt.frozenBal),
    position: acc.positions.find((p) => p.instId === venue.marketId && num(p.pos) !== 0),
    funding: v.funding, orders: v.orders,
  };
}

/// ccxt okx against the okx venue's USDT swaps (sizes in contracts of
/// ctVal BTC): markets, public data, funding, leverage and margin mode,
/// orders, a position opened and closed, fills.
function okxSwapChecks(venue) {
  describe(title(venue), () => {
    let ex;
    let book;
    let resting;

    before(() => { ex = connect(venue); });

    test('loadMarkets: a linear swap with the instrument\'s ctVal, tick and lot', async () => {
      const markets = await ex.loadMarkets();
      const m = markets[venue.symbol];
      assert.ok(m, `${venue.symbol} listed`);
      assert.equal(m.id, venue.marketId);
      assert.equal(m.type, 'swap');
      assert.equal(m.swap, true);
      assert.equal(m.linear, true);
      assert.equal(m.contract, true);
      assert.equal(m.settle, venue.settleCcy);
      assert.equal(m.active, true);
      const i = await okxInstrument('SWAP', venue.marketId);
      assert.equal(m.contractSize, num(i.ctVal), 'contractSize = ctVal');
      assert.equal(m.contractSize, venue.contractSize, 'BTC ctVal (README)');
      assert.equal(m.precision.price, num(i.tickSz), 'price precision = tickSz');
      assert.equal(m.precision.amount, num(i.lotSz), 'amount precision = lotSz');
      assert.equal(m.limits.amount.min, num(i.minSz), 'minSz');
      assert.equal(m.precision.price, 0.1, 'BTC tick (README)');
      assert.equal(m.precision.amount, 0.1, 'BTC lot in contracts (README)');
      const state = await adminGet(sim, '/state');
      const ids = Object.values(markets).map((x) => x.id).sort();
      assert.deepEqual(ids, venue.simMarketIds(state.venues[venue.sim]).sort(),
        'the same markets as the simulator');
    });

    test('fetchOrderBook (sizes in contracts)', async () => {
      book = await ex.fetchOrderBook(venue.symbol);
      assert.equal(book.symbol, venue.symbol);
      assert.ok(book.bids.length >= 5 && book.asks.length >= 5, 'levels');
      for (let i = 1; i < book.bids.length; ++i)
        assert.ok(book.bids[i][0] < book.bids[i - 1][0], 'bids descending');
      for (let i = 1; i < book.asks.length; ++i)
        assert.ok(book.asks[i][0] > book.asks[i - 1][0], 'asks ascending');
      assert.ok(book.bids[0][0] < book.asks[0][0], 'not crossed');
      for (const [p, q] of [...book.bids, ...book.asks])
        assert.ok(p > 0 && q > 0, `level ${p} ${q}`);
      assert.ok(Number.isInteger(book.timestamp) && book.timestamp > 1.6e12,
        `timestamp ${book.timestamp}`);
      const mid = (book.bids[0][0] + book.asks[0][0]) / 2;
      const [lo, hi] = venue.midRange;
      assert.ok(mid > lo && mid < hi, `mid ${mid}`);
    });

    test('fetchTicker', async () => {
      const t = await ex.fetchTicker(venue.symbol);
      assert.equal(t.symbol, venue.symbol);
      assert.equal(typeof t.last, 'number');
      assert.ok(Math.abs(t.last / book.bids[0][0] - 1) < 0.02, `last ${t.last}`);
      assert.ok(t.high >= t.low, 'high >= low');
      assert.ok(t.timestamp > 1.6e12, `timestamp ${t.timestamp}`);
      assert.equal(typeof t.baseVolume, 'number');
    });

    test('fetchTrades', async () => {
      const trades = await ex.fetchTrades(venue.symbol, undefined, 20);
      assert.ok(trades.length > 0 && trades.length <= 20, `${trades.length} trades`);
      for (const tr of trades) {
        assert.equal(tr.symbol, venue.symbol);
        assert.ok(tr.side === 'buy' || tr.side === 'sell', `side ${tr.side}`);
        assert.ok(tr.price > 0 && tr.amount > 0);
        assert.ok(typeof tr.id === 'string' && tr.id.length > 0, 'id');
      }
    });

    test('fetchBalance: the unified USDT', async () => {
      const bal = await ex.fetchBalance();
      const s = await simOkx(venue);
      const c = venue.settleCcy;
      assertClose(bal[c].total, num(s.usdt.eq), `${c} total = /state eq`);
      assertClose(bal[c].free, num(s.usdt.availEq), `${c} free = /state availEq`);
      assertClose(bal[c].used, num(s.usdt.eq) - num(s.usdt.availEq), `${c} used`);
    });

    test('fetchFundingRate: rate and the next funding time', async () => {
      const fr = await ex.fetchFundingRate(venue.symbol);
      const s = await simOkx(venue);
      const f = s.funding.instruments[venue.marketId];
      assert.equal(fr.symbol, venue.symbol);
      assert.equal(fr.fundingRate, num(fr.info.fundingRate));
      // OKX's fundingTime is the coming settlement, nextFundingTime the one after.
      assert.equal(fr.fundingTimestamp, s.funding.next_funding_time, 'fundingTime = /state next');
      assert.equal(fr.nextFundingTimestamp, s.funding.next_funding_time + 8 * 3600 * 1000);
      assert.equal(fr.interval, '8h');
      assert.equal(fr.fundingTimestamp % (8 * 3600 * 1000), 0, 'at 00/08/16 UTC');
      assert.ok(Math.abs(fr.fundingRate) <= 0.0075, `rate ${fr.fundingRate} within the cap`);
      assert.ok(Math.abs(fr.fundingRate - num(f.rate)) <= 5e-4, `rate ${fr.fundingRate} ~ ${f.rate}`);
    });

    test('fetchFundingRateHistory after a settlement', async () => {
      const before = (await simOkx(venue)).funding;
      const r = await fetch(sim.admin + '/funding', {
        method: 'POST', body: JSON.stringify({ venue: venue.sim }) });
      assert.equal(r.status, 200, 'admin POST /funding');
      const after = (await simOkx(venue)).funding;
      assert.equal(after.next_funding_time, before.next_funding_time + 8 * 3600 * 1000);
      const nSymbols = Object.keys(after.instruments).length;
      assert.equal(after.settlements, before.settlements + nSymbols);
      const hist = await ex.fetchFundingRateHistory(venue.symbol);
      assert.equal(hist.length, after.settlements / nSymbols, 'one row per settlement');
      const last = hist[hist.length - 1];
      assert.equal(last.symbol, venue.symbol);
      assert.equal(last.fundingRate, num(last.info.fundingRate));
      assert.ok(Math.abs(last.timestamp - Date.now()) < 60000, `settled now: ${last.timestamp}`);
      for (let i = 1; i < hist.length; ++i)
        assert.ok(hist[i].timestamp >= hist[i - 1].timestamp, 'ascending');
      const fr = await ex.fetchFundingRate(venue.symbol);
      assert.equal(fr.fundingTimestamp, after.next_funding_time, 'the next funding moved on');
    });

    test('setMarginMode isolated, setLeverage', async () => {
      const m = await ex.setMarginMode('isolated', venue.symbol, { lever: venue.leverage });
      assert.equal(m.code, '0');
      assert.equal(m.data[0].mgnMode, 'isolated');
      const r = await ex.setLeverage(venue.leverage, venue.symbol, { marginMode: 'isolated' });
      assert.equal(r.code, '0');
      assert.equal(r.data[0].lever, String(venue.leverage));
      // ccxt refuses 126 itself; the venue's own check through the raw call.
      await assert.rejects(
        ex.privatePostAccountSetLeverage({ instId: venue.marketId, lever: '126', mgnMode: 'isolated' }),
        (e) => e instanceof ccxt.ExchangeError && /51000/.test(e.message),
        'leverage 126 refused by the venue (51000)');
    });

    test('createOrder: an isolated limit buy below the market rests', async () => {
      const price = Math.floor(book.bids[0][0] * 0.9);
      const clientOrderId = 'ccxtokxswap1';
      const before = await simOkx(venue);
      const o = await ex.createOrder(venue.symbol, 'limit', 'buy', venue.sizes.rest, price,
        { clientOrderId, marginMode: 'isolated' });
      assert.equal(typeof o.id, 'string');
      assert.equal(o.clientOrderId, clientOrderId);
      const s = await simOkx(venue);
      const so = s.orders.find((x) => x.ordId === o.id);
      assert.ok(so, `the simulator has order ${o.id} open`);
      assert.equal(so.side, 'buy');
      assert.equal(so.state, 'live');
      assert.equal(so.tdMode, 'isolated');
      assert.equal(num(so.px), price);
      assert.equal(num(so.sz), venue.sizes.rest);
      assert.equal(so.clOrdId, clientOrderId);
      // The opening order freezes px × sz × ctVal / lever of the USDT.
      assertClose(s.frozen - before.frozen,
        price * venue.sizes.rest * venue.contractSize / venue.leverage, 'order margin', 1e-6);
      resting = { id: o.id, price, clientOrderId };
    });

    test('fetchOrder: open (by id and by clientOrderId)', async () => {
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
      assert.equal(o.reduceOnly, false);
      assert.equal(o.clientOrderId, resting.clientOrderId);
      const byClient = await ex.fetchOrder(undefined, venue.symbol,
        { clientOrderId: resting.clientOrderId });
      assert.equal(byClient.id, resting.id);
    });

    test('fetchOpenOrders lists it', async () => {
      const open = await ex.fetchOpenOrders(venue.symbol);
      const mine = open.find((o) => o.id === resting.id);
      assert.ok(mine, `open orders (${open.map((o) => o.id)}) have ${resting.id}`);
      assert.equal(mine.status, 'open');
      assert.equal(mine.price, resting.price);
    });

    test('cancelOrder, then fetchOrder says canceled', async () => {
      const c = await ex.cancelOrder(resting.id, venue.symbol);
      assert.equal(c.id, resting.id);
      const o = await ex.fetchOrder(resting.id, venue.symbol);
      assert.equal(o.status, 'canceled');
      assert.equal(o.filled, 0);
      const open = await ex.fetchOpenOrders(venue.symbol);
      assert.ok(!open.some((x) => x.id === resting.id), 'no longer open');
      const s = await simOkx(venue);
      assert.ok(!s.orders.some((x) => x.ordId === resting.id), 'not open in /state');
    });

    let opened;
    test('a market buy opens an isolated long: fetchPositions', async () => {
      const size = venue.sizes.position;
      const cashBefore = (await simOkx(venue)).cash;
      const o = await ex.createOrder(venue.symbol, 'market', 'buy', size, undefined,
        { marginMode: 'isolated' });
      const f = await ex.fetchOrder(o.id, venue.symbol);
      assert.equal(f.status, 'closed');
      assert.equal(f.filled, size);
      assert.ok(f.average > 0, `average ${f.average}`);
      const positions = await ex.fetchPositions([venue.symbol]);
      const s = await simOkx(venue);
      assert.equal(positions.length, 1, 'one position');
      const pos = positions[0];
      const sp = s.position;
      assert.ok(sp, 'the simulator has the position');
      assert.equal(pos.symbol, venue.symbol);
      assert.equal(pos.side, 'long');
      assert.equal(pos.contracts, size);
      assert.equal(pos.contractSize, venue.contractSize);
      assert.equal(num(sp.pos), size);
      assert.equal(pos.entryPrice, num(sp.avgPx));
      assertClose(pos.entryPrice, f.average, 'entry = the fill average', 1e-9);
      assert.equal(pos.marginMode, 'isolated');
      assert.equal(sp.mgnMode, 'isolated');
      assert.equal(pos.leverage, venue.leverage);
      assert.equal(num(sp.lever), venue.leverage, 'the leverage set above');
      const base = size * venue.contractSize;
      assertClose(pos.markPrice, num(sp.markPx), 'mark = /state markPx', 2e-3);
      assertClose(pos.unrealizedPnl, base * (pos.markPrice - pos.entryPrice),
        'uPnL = contracts × ctVal × (mark − entry)', 1e-6);
      assertClose(pos.collateral, base * pos.entryPrice / venue.leverage,
        'isolated margin = notional at entry / lever', 1e-6);
      assert.equal(pos.liquidationPrice, num(sp.liqPx));
      assert.ok(pos.liquidationPrice > 0 && pos.liquidationPrice < pos.entryPrice,
        `liquidation ${pos.liquidationPrice} below entry`);
      assertClose(s.cash, cashBefore - base * f.average * venue.fee.taker,
        'the taker fee left the cash', 1e-6);
      opened = { size, entry: pos.entryPrice };
    });

    test('a reduceOnly market sell closes it: position flat', async () => {
      const cashBefore = (await simOkx(venue)).cash;
      const o = await ex.createOrder(venue.symbol, 'market', 'sell', opened.size, undefined,
        { reduceOnly: true, marginMode: 'isolated' });
      const f = await ex.fetchOrder(o.id, venue.symbol);
      assert.equal(f.status, 'closed');
      assert.equal(f.reduceOnly, true);
      assert.equal(f.filled, opened.size);
      const positions = await ex.fetchPositions([venue.symbol]);
      assert.deepEqual(positions, [], 'no open position');
      const s = await simOkx(venue);
      assert.equal(s.position, undefined, 'the simulator is flat');
      const base = opened.size * venue.contractSize;
      const realised = base * (f.average - opened.entry);
      assertClose(s.cash - cashBefore, realised - base * f.average * venue.fee.taker,
        'realised PnL − fee', 1e-6);
      await assert.rejects(
        ex.createOrder(venue.symbol, 'market', 'sell', opened.size, undefined,
          { reduceOnly: true, marginMode: 'isolated' }),
        (e) => e instanceof ccxt.ExchangeError && /51169/.test(e.message),
        'reduce-only without a position is refused (51169)');
      const bal = await ex.fetchBalance();
      assertClose(bal[venue.settleCcy].total, num(s.usdt.eq), 'fetchBalance = eq');
    });

    test('fetchMyTrades: both fills', async () => {
      const trades = await ex.fetchMyTrades(venue.symbol);
      const buys = trades.filter((t) => t.side === 'buy');
      const sells = trades.filter((t) => t.side === 'sell');
      assertClose(buys.reduce((a, t) => a + t.amount, 0), opened.size, 'bought (contracts)');
      assertClose(sells.reduce((a, t) => a + t.amount, 0), opened.size, 'sold (contracts)');
      for (const t of trades) {
        assert.equal(t.symbol, venue.symbol);
        assert.equal(t.takerOrMaker, 'taker');
        assert.equal(t.fee.currency, venue.settleCcy);
        assertClose(t.fee.cost, t.amount * venue.contractSize * t.price * venue.fee.taker,
          'taker fee', 1e-6);
      }
    });
  });
}
