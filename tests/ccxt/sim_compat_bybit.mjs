// The Bybit rows of sim_compat.mjs: ccxt's `bybit` class against karb-sim's
// `bybit` venue (Bybit v5, categories spot and linear on one port, one
// UNIFIED account). Spot runs sim_compat's spotChecks with the row below;
// linear runs bybitLinearChecks (the USD-M checks' counterpart, reading
// the simulator's Bybit /state).

import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';

const num = (s) => Number(s);

/// ccxt bybit.sign(): implodeHostname(urls.api[api]) + '/' + path (path
/// `v5/...`), api one of these keys.
const urls = (base) => ({
  api: { spot: base, futures: base, v2: base, public: base, private: base },
});

const common = {
  sim: 'bybit',
  ccxt: 'bybit',
  urls,
  apiKey: 'karb-dev-bybit-access',
  secret: 'karb-dev-bybit-secret-0123456789',
};

const options = (type) => ({
  // one category per ccxt instance (ccxt's default also loads inverse and
  // option markets, which the simulator does not list)
  fetchMarkets: { types: [type] },
  defaultType: type === 'spot' ? 'spot' : 'swap',
  // ccxt refuses fetchOrder on a UNIFIED account unless told that
  // /v5/order/realtime only sees the last 500 orders
  fetchOrder: { acknowledged: true },
  acknowledged: true,
  adjustForTimeDifference: true, // GET /v5/market/time
});

export const BYBIT_VENUES = [
  {
    ...common,
    symbol: 'BTC/USDT', marketId: 'BTCUSDT', base: 'BTC', quote: 'USDT',
    balances: { USDT: '100000', BTC: '1' },
    midRange: [1e4, 5e5],
    bookTimestamp: true, // result.ts
    // ccxt's parseTicker reads a `time` field that Bybit's tickers do not
    // carry (docs, fixture rest_tickers_docs_example.json): its timestamp
    // stays undefined against the real venue too.
    tickerTimestamp: false,
    sizes: { rest: 0.001, fill: 0.0002, sell: 0.0001 },
    priceStep: 1,
    fee: 0.001,
    marketBuyCost: 100,
    quoteQtyBySteps: true,
    options: options('spot'),
    raw: {
      side: { buy: 'Buy', sell: 'Sell' },
      open: 'New',
      done: undefined, // /state lists open orders only
      executed: (info) => num(info.cumExecQty),
      funds: (info) => num(info.cumExecValue),
      // qty in USDT (marketUnit quoteCoin, a spot market Buy's default)
      marketBuyEnd: { raw: { orderType: 'Market', orderStatus: 'Filled' }, status: 'closed' },
      stateBalances: (acc) => Object.fromEntries(Object.entries(acc.spot).map(
        ([c, b]) => [c, { free: num(b.free), used: num(b.locked) }])),
      stateOrder: (orders, id) => {
        const o = orders.find((x) => x.orderId === id);
        return o && { side: o.side, state: o.orderStatus, price: num(o.price),
          volume: num(o.qty), clientId: o.orderLinkId };
      },
    },
    // Bybit spot: a buy's fee in the base coin, a sell's in USDT.
    settle: (side, vol, funds, fee) => (side === 'buy'
      ? { base: vol * (1 - fee), quote: -funds }
      : { base: -vol, quote: funds * (1 - fee) }),
    lockFee: false,
    skip: {
      fetchOrderByClientId: 'ccxt bybit sends clientOrderId= to /v5/order/realtime, '
        + 'which Bybit does not document (its name is orderLinkId): the venue ignores it '
        + 'and lists the open orders, so the check could only pass by accident '
        + '(the linear checks query by orderLinkId)',
    },
    quirks: {},
    checkMarket: async (m) => {
      assert.equal(m.precision.price, 0.01, 'priceFilter.tickSize');
      assert.equal(m.precision.amount, 0.0001, 'lotSizeFilter.basePrecision');
      assert.equal(m.limits.cost.min, 5, 'lotSizeFilter.minOrderAmt');
    },
  },
  {
    ...common,
    kind: 'bybit-linear',
    symbol: 'BTC/USDT:USDT', marketId: 'BTCUSDT', base: 'BTC', quote: 'USDT',
    settleCcy: 'USDT',
    wallet: '100000',
    midRange: [1e4, 5e5],
    sizes: { rest: 0.002, position: 0.003 },
    leverage: 10,
    fee: { maker: 0.0002, taker: 0.00055 },
    options: options('linear'),
    skip: {},
    quirks: {},
  },
];

/// ccxt's bybit against the linear category: markets, public data,
/// funding, leverage and margin mode, orders, a position opened and closed.
/// `ctx`: sim_compat's simulator handle and helpers.
export function bybitLinearChecks(venue, ctx) {
  const { adminGet, connect, assertClose, ccxt } = ctx;
  const state = async () => (await adminGet(ctx.getSim(), '/state')).venues[venue.sim];
  const account = async () => (await state()).accounts[venue.apiKey];

  describe(`${venue.ccxt} against karb-sim ${venue.sim} (linear)`, () => {
    let ex;
    let book;
    let resting;
    let opened;

    before(() => { ex = connect(venue); });

    test('loadMarkets: a linear perpetual with the simulator\'s filters', async () => {
      const markets = await ex.loadMarkets();
      const m = markets[venue.symbol];
      assert.ok(m, `${venue.symbol} listed`);
      assert.equal(m.id, venue.marketId);
      assert.equal(m.type, 'swap');
      assert.equal(m.linear, true);
      assert.equal(m.settle, venue.settleCcy);
      assert.equal(m.contractSize, 1);
      assert.equal(m.active, true);
      assert.equal(m.precision.price, 0.1, 'tickSize');
      assert.equal(m.precision.amount, 0.001, 'qtyStep');
      assert.equal(m.limits.amount.min, 0.001, 'minOrderQty');
      assert.equal(m.limits.leverage.max, 100);
      const ids = Object.values(markets).map((x) => x.id).sort();
      assert.deepEqual(ids, Object.keys((await state()).markets).sort());
    });

    test('fetchOrderBook, fetchTicker, fetchTrades', async () => {
      book = await ex.fetchOrderBook(venue.symbol);
      assert.equal(book.symbol, venue.symbol);
      assert.ok(book.bids.length >= 5 && book.asks.length >= 5, 'levels');
      assert.ok(book.bids[0][0] < book.asks[0][0], 'not crossed');
      assert.ok(Number.isInteger(book.timestamp) && book.timestamp > 1.6e12);
      // ccxt keeps neither `u` nor `seq` of /v5/market/orderbook: no nonce
      assert.equal(book.nonce, undefined);
      const mid = (book.bids[0][0] + book.asks[0][0]) / 2;
      assert.ok(mid > venue.midRange[0] && mid < venue.midRange[1], `mid ${mid}`);
      const t = await ex.fetchTicker(venue.symbol);
      assert.equal(t.symbol, venue.symbol);
      assert.ok(Math.abs(t.last / book.bids[0][0] - 1) < 0.02, `last ${t.last}`);
      assert.equal(t.timestamp, undefined, 'no `time` in Bybit tickers (see the spot row)');
      assert.equal(typeof t.markPrice, 'number');
      assert.equal(typeof t.indexPrice, 'number');
      const trades = await ex.fetchTrades(venue.symbol, undefined, 20);
      assert.ok(trades.length > 0 && trades.length <= 20, `${trades.length} trades`);
      for (const tr of trades) {
        assert.equal(tr.symbol, venue.symbol);
        assert.ok(tr.side === 'buy' || tr.side === 'sell');
        assert.ok(tr.price > 0 && tr.amount > 0);
      }
    });

    test('fetchBalance: the UNIFIED USDT', async () => {
      const bal = await ex.fetchBalance();
      const a = await account();
      const c = venue.settleCcy;
      // one UNIFIED account: the spot row's trades moved it already
      assertClose(bal[c].total, num(a.wallet), `${c} total = /state wallet`);
      assertClose(bal[c].total, num(a.spot.USDT.free) + num(a.spot.USDT.locked),
        `${c} total = the spot view of the same USDT`);
      assertClose(bal[c].used, 0, `${c} used`);
      assertClose(bal.BTC.total, num(a.spot.BTC.free) + num(a.spot.BTC.locked),
        'the same account holds the spot coins');
    });

    test('fetchFundingRate: rate, mark, index, next funding', async () => {
      const fr = await ex.fetchFundingRate(venue.symbol);
      const s = await state();
      assert.equal(fr.symbol, venue.symbol);
      assert.equal(fr.fundingRate, num(fr.info.fundingRate));
      assert.equal(fr.fundingTimestamp, s.funding.next_funding_time, 'next funding time');
      assert.equal(fr.fundingTimestamp % (8 * 3600 * 1000), 0, 'at 00/08/16 UTC');
      assertClose(fr.markPrice, num(s.linear[venue.marketId].mark), 'mark', 2e-3);
      assertClose(fr.indexPrice, num(s.linear[venue.marketId].index), 'index', 2e-3);
      assert.ok(Math.abs(fr.fundingRate) <= 0.0075);
      assert.equal(fr.interval, '8h');
    });

    test('fetchFundingRateHistory after a settlement', async () => {
      const before = (await state()).funding;
      const r = await fetch(ctx.getSim().admin + '/funding', {
        method: 'POST', body: JSON.stringify({ venue: venue.sim }) });
      assert.equal(r.status, 200, 'admin POST /funding');
      const after = (await state()).funding;
      assert.equal(after.next_funding_time, before.next_funding_time + 8 * 3600 * 1000);
      const hist = await ex.fetchFundingRateHistory(venue.symbol);
      assert.ok(hist.length >= 1, 'one row per settlement');
      const last = hist[hist.length - 1];
      assert.equal(last.symbol, venue.symbol);
      assert.equal(last.fundingRate, num(last.info.fundingRate));
      assert.ok(Math.abs(last.timestamp - Date.now()) < 60000, `settled now: ${last.timestamp}`);
    });

    test('setLeverage (again: not modified, 110043)', async () => {
      await ex.setLeverage(venue.leverage, venue.symbol);
      const p = (await account()).positions[venue.marketId];
      assert.equal(p.leverage, String(venue.leverage));
      await assert.rejects(ex.setLeverage(venue.leverage, venue.symbol),
        (e) => e instanceof ccxt.ExchangeError && /110043/.test(e.message),
        'leverage not modified (110043)');
    });

    test('setMarginMode isolated (account level on UNIFIED)', async () => {
      await ex.setMarginMode('isolated', venue.symbol);
      const p = (await account()).positions[venue.marketId];
      assert.equal(p.tradeMode, 1, 'isolated');
      // the per-symbol switch says it is so already (110026)
      await assert.rejects(
        ex.privatePostV5PositionSwitchIsolated({ category: 'linear', symbol: venue.marketId,
          tradeMode: 1, buyLeverage: '10', sellLeverage: '10' }),
        (e) => e instanceof ccxt.ExchangeError && /110026/.test(e.message));
    });

    test('createOrder: a limit buy below the market rests, fetchOrder, fetchOpenOrders, cancelOrder', async () => {
      const price = Math.floor(book.bids[0][0] * 0.9);
      const clientOrderId = 'ccxt-bybit-lin-1';
      const o = await ex.createOrder(venue.symbol, 'limit', 'buy', venue.sizes.rest, price,
        { clientOrderId });
      assert.equal(typeof o.id, 'string');
      const s = (await state()).orders.find((x) => x.orderId === o.id);
      assert.ok(s, `the simulator has order ${o.id} open`);
      assert.equal(s.category, 'linear');
      assert.equal(s.side, 'Buy');
      assert.equal(s.orderStatus, 'New');
      assert.equal(num(s.price), price);
      assert.equal(num(s.qty), venue.sizes.rest);
      assert.equal(s.orderLinkId, clientOrderId);
      const a = await account();
      assertClose(num(a.unified.coin.find((c) => c.coin === 'USDT').totalOrderIM),
        price * venue.sizes.rest / venue.leverage, 'order margin', 1e-6);
      resting = { id: o.id, price, clientOrderId };
      const f = await ex.fetchOrder(resting.id, venue.symbol);
      assert.equal(f.status, 'open');
      assert.equal(f.price, price);
      assert.equal(f.amount, venue.sizes.rest);
      assert.equal(f.filled, 0);
      assert.equal(f.clientOrderId, clientOrderId);
      assert.equal(f.reduceOnly, false);
      const byLink = await ex.fetchOrder(undefined, venue.symbol, { orderLinkId: clientOrderId });
      assert.equal(byLink.id, resting.id, 'by orderLinkId');
      const open = await ex.fetchOpenOrders(venue.symbol);
      assert.ok(open.some((x) => x.id === resting.id), 'listed open');
      const c = await ex.cancelOrder(resting.id, venue.symbol);
      assert.equal(c.id, resting.id);
      const after = await ex.fetchOrder(resting.id, venue.symbol);
      assert.equal(after.status, 'canceled');
      assert.ok(!(await ex.fetchOpenOrders(venue.symbol)).some((x) => x.id === resting.id));
    });

    test('a market buy opens a long position: fetchPositions', async () => {
      const size = venue.sizes.position;
      const walletBefore = num((await account()).wallet);
      const o = await ex.createOrder(venue.symbol, 'market', 'buy', size);
      const f = await ex.fetchOrder(o.id, venue.symbol);
      assert.equal(f.status, 'closed');
      assert.equal(f.filled, size);
      assert.ok(f.average > 0, `average ${f.average}`);
      const positions = await ex.fetchPositions([venue.symbol]);
      assert.equal(positions.length, 1, 'one position');
      const pos = positions[0];
      const s = (await account()).positions[venue.marketId];
      assert.equal(pos.symbol, venue.symbol);
      assert.equal(pos.side, 'long');
      assert.equal(pos.contracts, size);
      assert.equal(pos.entryPrice, num(s.avgPrice));
      assertClose(pos.entryPrice, f.average, 'entry = the fill average', 1e-9);
      // ccxt's parsePosition leaves marginMode undefined (it does not read
      // tradeMode); the venue's own field says isolated
      assert.equal(s.tradeMode, 1, 'isolated (tradeMode 1)');
      assert.equal(pos.leverage, venue.leverage);
      assertClose(pos.markPrice, num(s.markPrice), 'mark', 2e-3);
      assert.equal(pos.liquidationPrice, num(s.liqPrice));
      assertClose(pos.liquidationPrice,
        (pos.entryPrice - pos.entryPrice / venue.leverage) / (1 - 0.004),
        'isolated liquidation price (BTC mmr 0.4 %)', 1e-6);
      assertClose(num((await account()).wallet), walletBefore - size * f.average * venue.fee.taker,
        'the taker fee left the wallet', 1e-6);
      opened = { size, entry: pos.entryPrice };
    });

    test('a reduceOnly market sell closes it', async () => {
      await assert.rejects(
        ex.createOrder(venue.symbol, 'market', 'sell', opened.size * 2, undefined,
          { reduceOnly: true }),
        (e) => e instanceof ccxt.ExchangeError && /110017/.test(e.message),
        'a reduce-only order larger than the position is refused (110017)');
      const walletBefore = num((await account()).wallet);
      const o = await ex.createOrder(venue.symbol, 'market', 'sell', opened.size, undefined,
        { reduceOnly: true });
      const f = await ex.fetchOrder(o.id, venue.symbol);
      assert.equal(f.status, 'closed');
      assert.equal(f.reduceOnly, true);
      assert.equal(f.filled, opened.size);
      const positions = await ex.fetchPositions([venue.symbol]);
      assert.ok(positions.every((p) => !p.contracts), 'no open position');
      const realised = opened.size * (f.average - opened.entry);
      assertClose(num((await account()).wallet) - walletBefore,
        realised - opened.size * f.average * venue.fee.taker, 'realised PnL − fee', 1e-6);
    });

    test('fetchMyTrades: both fills, USDT taker fees', async () => {
      const trades = await ex.fetchMyTrades(venue.symbol);
      const buys = trades.filter((t) => t.side === 'buy');
      const sells = trades.filter((t) => t.side === 'sell');
      assertClose(buys.reduce((a, t) => a + t.amount, 0), opened.size, 'bought');
      assertClose(sells.reduce((a, t) => a + t.amount, 0), opened.size, 'sold');
      for (const t of trades) {
        assert.equal(t.symbol, venue.symbol);
        assert.equal(t.fee.currency, venue.settleCcy);
        assertClose(t.fee.cost, t.amount * t.price * venue.fee.taker, 'taker fee', 1e-6);
      }
    });
  });
}
