// karb's dashboard: the initial state by REST (api/v1/*), then every topic
// live over the WebSocket stream (api/v1/stream). Panels re-render at most
// five times a second, charts too; controls (halt, resume, emergency stop,
// strategy start/stop, order cancel) are POSTs with the bearer token the
// user typed (kept in sessionStorage only, never in a URL or the console).
//
// For tests: window.karb.chartPoints(pair), .spreadPairs(), .state, ...

import { Stream, apiGet, apiPost } from './stream.js';
import { SpreadChart, SeriesChart } from './charts.js';
import {
  $, el, td, setRows, num, fmt, money, pct, bp, toMs, clock, age, duration,
  signClass, statePill,
} from './util.js';

const SNAPSHOT_TOPICS = ['status', 'venues', 'strategies', 'orders', 'trades', 'positions',
  'balances', 'pnl', 'risk', 'funding', 'actors', 'opportunities'];
const STREAM_TOPICS = ['events', 'alerts'];
const SUBSCRIBE = ['spread:*', ...SNAPSHOT_TOPICS, ...STREAM_TOPICS];

// Market data is most of the event stream; the events panel leaves it out.
const QUIET_EVENTS = new Set(['orderbook_update', 'price_update', 'trade_update', 'funding_rate_update']);
const MAX_FEED = 100;
const TOKEN_KEY = 'karb.api.token';

const state = {
  topics: {},            // topic → latest data
  seq: {},               // topic → last seq
  received: {},          // topic → ms when it last arrived
  events: [],            // newest first, market data left out
  alerts: [],            // newest first
  seenStream: new Set(), // de-duplication of stream items (REST + WS)
  spreads: new Map(),    // topic → SpreadChart
  knownTrades: new Set(),
  ws: 'connecting',
  ready: false,
  errors: [],
};

// -- rendering, batched ------------------------------------------------------

const dirty = new Set();
let flushTimer = null;

function markDirty(name) {
  dirty.add(name);
  if (!flushTimer) flushTimer = setTimeout(flush, 200);
}

const renderers = {
  status: renderStatus,
  venues: renderVenues,
  strategies: renderStrategies,
  orders: renderOrders,
  trades: renderTrades,
  positions: renderPositions,
  balances: renderBalances,
  pnl: renderPnl,
  risk: renderRisk,
  funding: renderFunding,
  actors: renderActors,
  opportunities: renderOpportunities,
  events: renderEvents,
  alerts: renderAlerts,
  spreads: renderSpreads,
};

function flush() {
  flushTimer = null;
  const names = [...dirty];
  dirty.clear();
  for (const n of names) {
    try {
      renderers[n]?.();
    } catch (e) {
      // A shape the page does not expect must not stop the others.
      state.errors.push(`${n}: ${e.message}`);
    }
  }
  renderCharts();
}

function renderCharts() {
  const now = Date.now();
  for (const c of state.spreads.values()) if (c.dirty) c.render(now);
  for (const c of [charts.pnl, charts.balances, charts.success]) if (c && c.dirty) c.render(now);
}

// -- incoming data ---------------------------------------------------------------

function onMessage(m) {
  const { topic, data } = m;
  if (m.seq !== undefined) state.seq[topic] = m.seq;
  if (topic.startsWith('spread:')) {
    spreadChart(topic).push(data || {}, num(m.ts_ms));
    markDirty('spreads');
    return;
  }
  if (STREAM_TOPICS.includes(topic)) {
    addStreamItem(topic, data);
    return;
  }
  setSnapshot(topic, data, num(m.ts_ms));
}

// The panel that says so when a topic is an error (e.g. the position
// manager does not run on a node without perpetual venues).
const PANEL_OF = {
  status: 'panel-venues', venues: 'panel-venues', risk: 'panel-venues', strategies: 'panel-strategies',
  orders: 'panel-orders', trades: 'panel-trades', positions: 'panel-positions', funding: 'panel-positions',
  balances: 'panel-balances', pnl: 'panel-pnl', actors: 'panel-actors', opportunities: 'panel-opportunities',
};

function showTopicError(topic, error) {
  const panel = PANEL_OF[topic] && $(PANEL_OF[topic]);
  if (!panel) return;
  let p = panel.querySelector(`.topic-error[data-topic="${topic}"]`);
  if (!error) {
    if (p) p.remove();
    return;
  }
  if (!p) {
    p = el('p', { class: 'topic-error', 'data-topic': topic, 'data-testid': 'topic-error' });
    panel.querySelector('h2').after(p);
  }
  p.textContent = `${topic}: ${error}`;
}

function setSnapshot(topic, data, tsMs) {
  if (!data || typeof data !== 'object') return;
  showTopicError(topic, typeof data.error === 'string' ? data.error : '');
  if (typeof data.error === 'string' && Object.keys(data).length === 1) return; // keep the last good one
  state.topics[topic] = data;
  state.received[topic] = Date.now();
  const x = Number.isFinite(tsMs) && tsMs > 0 ? tsMs : Date.now();
  if (topic === 'pnl') trackPnl(data, x);
  if (topic === 'balances') trackBalances(data, x);
  if (topic === 'spreads') for (const p of data.pairs || []) spreadChart(p);
  if (topic === 'status' && !state.topics.venues) markDirty('venues');
  if (topic === 'status') markDirty('strategies');
  if (topic === 'trades' || topic === 'orders') markDirty('kpis');
  if (renderers[topic]) markDirty(topic);
}

function streamKey(e) {
  return `${e.type}|${e.ts_ns}|${e.source}|${e.correlation_id}`;
}

function addStreamItem(topic, e) {
  if (!e || typeof e !== 'object') return;
  const key = topic + '|' + streamKey(e);
  if (state.seenStream.has(key)) return;
  state.seenStream.add(key);
  if (state.seenStream.size > 5000) state.seenStream = new Set([...state.seenStream].slice(-2500));
  if (topic === 'alerts') {
    state.alerts.unshift(e);
    state.alerts.length = Math.min(state.alerts.length, MAX_FEED);
    markDirty('alerts');
  } else if (!QUIET_EVENTS.has(e.type)) {
    state.events.unshift(e);
    state.events.length = Math.min(state.events.length, MAX_FEED);
    markDirty('events');
  }
}

function spreadChart(topic) {
  let c = state.spreads.get(topic);
  if (!c) {
    $('spreads-empty').hidden = true;
    c = new SpreadChart(topic, $('spread-charts'));
    state.spreads.set(topic, c);
    // Keep the cards in name order.
    const grid = $('spread-charts');
    const cards = [...grid.querySelectorAll('.spread-card')].sort((x, y) => x.dataset.topic.localeCompare(y.dataset.topic));
    grid.append(...cards);
  }
  return c;
}

// -- time series accumulated here ----------------------------------------------------

const charts = {};

function trackPnl(p, x) {
  for (const [ccy, v] of Object.entries(p.total || {})) charts.pnl.add(ccy, x, num(v));
  if (p.success_rate !== undefined && num(p.trades) > 0) charts.success.add('trades', x, num(p.success_rate) * 100);
}

function trackBalances(b, x) {
  const sum = {};
  for (const r of b.balances || []) sum[r.currency] = (sum[r.currency] || 0) + num(r.total);
  for (const [ccy, v] of Object.entries(sum)) charts.balances.add(ccy, x, v);
}

// -- panels ----------------------------------------------------------------------------

function renderStatus() {
  const s = state.topics.status;
  $('node-name').textContent = s.node || '—';
  state.uptimeBase = { ms: num(s.uptime_ms), at: state.received.status };
  renderUptime();
}

function renderUptime() {
  const u = state.uptimeBase;
  if (!u || !Number.isFinite(u.ms)) return;
  $('uptime').textContent = `up ${duration(u.ms + (Date.now() - u.at))}`;
}

function venueList() {
  return state.topics.venues?.venues || state.topics.status?.venues || [];
}

function renderVenues() {
  const vs = venueList();
  if (same('venues', vs)) return;
  setRows($('venues-table').tBodies[0], vs.map((v) => el('tr', { 'data-testid': 'venue-row', 'data-venue': v.venue },
    td(v.venue),
    v.error ? el('td', { colspan: 5 }, statePill(v.error, 'bad')) : td(statePill(v.feed)),
    ...(v.error ? [] : [
      td(statePill(v.private || '—', v.private ? undefined : 'meh')),
      td(statePill(v.breaker, v.breaker === 'closed' ? 'good' : v.breaker === 'open' ? 'bad' : 'meh')),
      td(fmt(v.reconnects), 'num'),
      td({ text: fmt(v.rest_errors), class: num(v.rest_errors) > 0 ? 'warn-text' : '' }, 'num'),
    ]))));
  const live = vs.filter((v) => v.feed === 'live').length;
  $('kpi-venues').textContent = vs.length ? `${live} / ${vs.length}` : '—';
  $('kpi-venues').className = `kpi-value ${vs.length && live < vs.length ? 'down' : ''}`;
}

function strategyState(s) {
  const children = state.topics.status?.children || [];
  const c = children.find((x) => x.name === `strategy:${s.instance || s.id}`)
    || children.find((x) => x.name.startsWith(`strategy:${s.id}`));
  return c ? c.state : (s.error ? 'stopped' : undefined);
}

function renderStrategies() {
  const xs = state.topics.strategies?.strategies || [];
  if (same('strategies', [xs, xs.map((s) => s && strategyState(s))])) return;
  setRows($('strategies-table').tBodies[0], xs.filter(Boolean).map((s) => {
    const id = s.id || String(s.instance || '').split(':')[0];
    const st = strategyState(s);
    const stopped = st && st !== 'running';
    const button = el('button', {
      type: 'button', class: `btn small ${stopped ? 'ok' : 'warn'}`, 'data-testid': 'strategy-toggle',
      'data-id': id, text: stopped ? 'start' : 'stop',
      onclick: () => control(`strategies/${encodeURIComponent(id)}/${stopped ? 'start' : 'stop'}`, {}, `strategy ${stopped ? 'start' : 'stop'} ${id}`),
    });
    return el('tr', { 'data-testid': 'strategy-row', 'data-id': id },
      td(el('span', {}, `${s.instance || id} `, st ? statePill(st) : '')),
      td((s.venues || []).join(', ') || (s.error ? { text: s.error, class: 'down' } : '—'), 'wrap'),
      td(fmt(s.opportunities_seen), 'num'),
      td(fmt(s.trades_started), 'num'),
      td(s.last_spread !== undefined ? bp(num(s.last_spread) * 1e4) : '—', 'num'),
      td(button));
  }));
}

/** A cell showing the time since `ms`, kept current by tickAges(). */
function ageCell(ms, now) {
  return el('td', { 'data-since': Number.isFinite(ms) ? ms : null, text: age(ms, now) });
}

function tickAges() {
  const now = Date.now();
  for (const c of document.querySelectorAll('[data-since]')) c.textContent = age(Number(c.dataset.since), now);
}

/** Whether `value` is what `key` rendered last (then the DOM stays as it is). */
const lastRendered = new Map();
function same(key, value) {
  const s = JSON.stringify(value);
  if (lastRendered.get(key) === s) return true;
  lastRendered.set(key, s);
  return false;
}

function renderOrders() {
  const o = state.topics.orders || {};
  renderSuccess();
  if (same('orders', o.orders)) return;
  const open = o.orders || [];
  $('orders-empty').hidden = open.length > 0;
  $('orders-count').textContent = open.length ? `${open.length}` : '';
  $('kpi-open-orders').textContent = String(open.length);
  const now = Date.now();
  setRows($('orders-table').tBodies[0], open.map((x) => {
    const id = x.client_order_id || x.venue_order_id;
    return el('tr', { 'data-testid': 'order-row', 'data-id': id },
      ageCell(toMs(x.ts_ns), now),
      td(x.book),
      td({ text: x.side, class: x.side === 'buy' ? 'up' : 'down' }),
      td(x.type),
      td(fmt(x.price), 'num'),
      td(fmt(x.amount), 'num'),
      td(fmt(x.filled), 'num'),
      td(statePill(x.status, x.status === 'open' ? 'meh' : undefined)),
      td(el('button', {
        type: 'button', class: 'btn small danger', text: 'cancel', 'data-testid': 'order-cancel', title: id,
        onclick: () => control(`orders/${encodeURIComponent(id)}/cancel`, {}, `cancel ${id}`),
      })));
  }));
}

function renderTrades() {
  const t = state.topics.trades || {};
  const byId = new Map();
  for (const x of [...(t.recent || []), ...(t.open || [])]) if (x && x.trade_id) byId.set(x.trade_id, { ...byId.get(x.trade_id), ...x });
  const rows = [...byId.values()].sort((a, b) => num(b.created_ns) - num(a.created_ns)).slice(0, 50);
  $('trades-empty').hidden = rows.length > 0;
  $('trades-count').textContent = `${(t.open || []).length} open · ${t.open_orders ?? 0} open orders`;
  const first = state.knownTrades.size === 0;
  setRows($('trades-table').tBodies[0], rows.map((x) => {
    const fresh = !first && !state.knownTrades.has(x.trade_id);
    state.knownTrades.add(x.trade_id);
    return el('tr', { 'data-testid': 'trade-row', 'data-trade-id': x.trade_id, 'data-state': x.state, class: fresh ? 'fresh' : '' },
      td(clock(toMs(x.created_ns))),
      td(x.trade_id, 'mono hide-phone'),
      td(x.strategy_id),
      td(x.symbol),
      td(statePill(x.state)),
      td(x.outcome ? statePill(x.outcome, x.outcome === 'completed' ? 'good' : 'bad') : ''),
      td({ text: fmt(x.pnl_krw, { ccy: 'KRW', sign: true }), class: signClass(x.pnl_krw) }, 'num'),
      td(fmt(x.fees_krw, { ccy: 'KRW' }), 'num hide-phone'));
  }));
}

function renderPnl() {
  const p = state.topics.pnl || {};
  const ccys = [...new Set([...Object.keys(p.day || {}), ...Object.keys(p.total || {}), ...Object.keys(p.funding || {})])].sort();
  setRows($('pnl-table').tBodies[0], ccys.map((c) => el('tr', { 'data-ccy': c },
    td(c),
    td({ text: fmt(p.day?.[c], { ccy: c, sign: true }), class: signClass(p.day?.[c]) }, 'num'),
    td({ text: fmt(p.total?.[c], { ccy: c, sign: true }), class: signClass(p.total?.[c]) }, 'num'),
    td({ text: fmt(p.funding?.[c], { ccy: c, sign: true }), class: signClass(p.funding?.[c]) }, 'num'))));
  // One line per currency.
  for (const [id, m] of [['kpi-pnl', p.total], ['kpi-pnl-day', p.day]]) {
    const e = $(id);
    const xs = Object.entries(m || {}).sort(([a], [b]) => a.localeCompare(b));
    e.replaceChildren(...(xs.length ? xs.map(([c, v]) => el('span', { class: signClass(v), text: money(v, c) })) : ['—']));
    e.title = xs.map(([c, v]) => money(v, c)).join(' · ');
    e.className = 'kpi-value multi';
  }
  // `total` sums the trades the topic counts (the publisher's last ones),
  // so it says so rather than pass for an all-time figure.
  const n = p.trades !== undefined ? `${fmt(p.trades)} trades` : 'trades';
  $('kpi-pnl-label').textContent = `PnL, last ${n}`;
  $('pnl-total-head').textContent = `last ${n}`;
  $('kpi-trades').textContent = p.trades !== undefined ? `${fmt(p.completed)} / ${fmt(p.trades)}` : '—';
  $('kpi-trades').title = 'completed / started';
  $('kpi-success').textContent = num(p.trades) > 0 ? pct(p.success_rate) : '—';
  renderSuccess();
}

function renderSuccess() {
  const p = state.topics.pnl || {};
  const r = num(p.success_rate);
  const has = num(p.trades) > 0 && Number.isFinite(r);
  $('success-rate').textContent = has ? pct(r) : '—';
  $('success-rate').className = `big ${has ? (r >= 0.9 ? 'up' : r >= 0.6 ? 'warn-text' : 'down') : ''}`;
  $('success-detail').textContent = p.trades !== undefined ? `${fmt(p.completed)} of the last ${fmt(p.trades)} trades completed` : '';
  $('success-bar').style.width = has ? `${Math.max(0, Math.min(1, r)) * 100}%` : '0';
  // Orders: the outcomes among the recent order events the orders topic
  // carries (order_created / _filled / _cancelled / _rejected).
  const recent = state.topics.orders?.recent || [];
  const count = { created: 0, filled: 0, cancelled: 0, rejected: 0 };
  for (const o of recent) {
    const k = o.type ? String(o.type).replace(/^order_/, '') : o.status;
    if (k in count) count[k] += 1;
  }
  const ended = count.filled + count.cancelled + count.rejected;
  $('order-outcomes').textContent = recent.length
    ? `last ${recent.length} order events: ${count.created} placed, ${count.filled} filled, ${count.cancelled} cancelled, ${count.rejected} rejected`
      + (ended ? ` · fill rate ${pct(count.filled / ended)}` : '')
    : '';
}

function renderBalances() {
  const b = state.topics.balances || {};
  const rows = b.balances || [];
  const venues = [...new Set(rows.map((r) => r.venue))].sort();
  const ccys = [...new Set(rows.map((r) => r.currency))].sort();
  const cell = new Map(rows.map((r) => [`${r.venue}|${r.currency}`, r]));
  const table = $('balances-table');
  table.tHead.replaceChildren(el('tr', {}, el('th', { text: 'venue' }), ...ccys.map((c) => el('th', { class: 'num', text: c }))));
  setRows(table.tBodies[0], venues.map((v) => el('tr', { 'data-venue': v },
    td(v),
    ...ccys.map((c) => {
      const r = cell.get(`${v}|${c}`);
      return td(r ? { text: fmt(r.total, { ccy: c }), title: `free ${r.free} · used ${r.used}` } : '', 'num');
    }))));
}

function renderRisk() {
  const r = state.topics.risk || {};
  const badge = $('risk-state');
  let st = 'running';
  let text = 'trading';
  if (r.halted) {
    st = 'halted';
    text = `HALTED${r.halt_reason ? ': ' + r.halt_reason : ''}`;
  } else if (r.paused) {
    st = 'paused';
    text = `paused ${duration(num(r.pause_remaining_ms))}`;
  }
  badge.dataset.state = st;
  badge.textContent = text;
  badge.title = text;
  const kv = [
    ['state', text],
    ['open trades', fmt(r.open_trades)],
    ['orders / min', fmt(r.orders_last_minute)],
    ['failures in a row', fmt(r.consecutive_failures)],
    ['approvals', fmt(r.approvals)],
    ['denials', Object.entries(r.denials || {}).map(([k, v]) => `${k} ${v}`).join(', ') || '0'],
    ['daily PnL', Object.entries(r.daily_pnl || {}).map(([c, v]) => money(v, c)).join(' · ') || '—'],
  ];
  for (const u of r.usage || []) kv.push([`drawdown ${u.quote}`, `${pct(u.equity_drawdown, 2)} of equity ${fmt(u.equity, { ccy: u.quote })}`]);
  for (const d of r.liquidation || []) kv.push([`liq. ${d.book}`, `${pct(d.distance)} away`]);
  $('risk-detail').replaceChildren(...kv.flatMap(([k, v]) => [el('dt', { text: k }), el('dd', { text: v })]));
}

function renderPositions() {
  const p = state.topics.positions || {};
  const ps = p.positions || [];
  $('positions-empty').hidden = ps.length > 0;
  setRows($('positions-table').tBodies[0], ps.map((x) => el('tr', { 'data-testid': 'position-row', 'data-book': x.book },
    td(x.book),
    td({ text: x.side, class: x.side === 'long' ? 'up' : 'down' }),
    td(fmt(x.amount), 'num'),
    td(fmt(x.entry_price), 'num'),
    td(fmt(x.mark_price), 'num'),
    td({ text: fmt(x.unrealized_pnl, { sign: true }), class: signClass(x.unrealized_pnl) }, 'num'),
    td(fmt(x.liquidation_price), 'num'))));
  const assets = Object.entries(p.assets || {}).filter(([, a]) => ['spot', 'perp', 'net'].some((k) => num(a[k]) !== 0 && Number.isFinite(num(a[k]))));
  setRows($('assets-table').tBodies[0], assets.length
    ? assets.map(([k, a]) => el('tr', {}, td(k), td(fmt(a.spot), 'num'), td(fmt(a.perp), 'num'),
      td({ text: fmt(a.net, { sign: true }), class: signClass(a.net) }, 'num')))
    : [el('tr', {}, el('td', { colspan: 4, class: 'muted', text: 'flat: no net exposure' }))]);
}

function renderFunding() {
  const f = state.topics.funding || {};
  const now = Date.now();
  setRows($('funding-table').tBodies[0], (f.rates || []).map((r) => {
    const next = toMs(r.next_funding_ns);
    return el('tr', { 'data-venue': r.venue },
      td(r.venue), td(r.symbol),
      td({ text: pct(r.rate, 4), class: signClass(r.rate) }, 'num'),
      td(r.predicted_rate !== undefined ? pct(r.predicted_rate, 4) : '—', 'num'),
      td(Number.isFinite(next) ? `${clock(next)} (in ${duration(Math.max(0, next - now))})` : '—'));
  }));
  const fp = Object.entries(f.funding_pnl || {}).map(([c, v]) => money(v, c)).join(' · ');
  const pays = (f.payments || []).length;
  $('funding-pnl').textContent = `funding PnL: ${fp || '0'}${pays ? ` · ${pays} recent payments` : ''}`;
}

function renderActors() {
  const a = state.topics.actors || {};
  let tree = a.tree;
  if (!tree && Array.isArray(a.actors)) tree = { name: state.topics.status?.node || 'node', kind: 'node', state: 'running', children: a.actors };
  const box = $('actor-tree');
  if (!tree) {
    box.replaceChildren(el('p', { class: 'empty', text: 'no actor tree yet' }));
    return;
  }
  const node = (n) => {
    const kids = Array.isArray(n.children) ? n.children : [];
    const extra = [];
    if (num(n.restarts) > 0) extra.push(el('span', { class: 'warn-text small', text: ` ${n.restarts} restarts` }));
    if (n.breaker && n.breaker !== 'closed') extra.push(' ', statePill(`breaker ${n.breaker}`, 'bad'));
    if (n.error) extra.push(el('span', { class: 'down small', text: ` ${n.error}` }));
    return el('li', { 'data-testid': 'actor', 'data-name': n.name },
      el('span', { text: n.name }),
      n.kind ? el('span', { class: 'kind', text: n.kind }) : '',
      n.state ? el('span', { class: 'state' }, statePill(n.state)) : '',
      ...extra,
      kids.length ? el('ul', {}, ...kids.map(node)) : null);
  };
  box.replaceChildren(el('ul', {}, node(tree)));
}

function renderOpportunities() {
  const items = state.topics.opportunities?.items || [];
  if (same('opportunities', items)) return;
  $('opportunities-empty').hidden = items.length > 0;
  const now = Date.now();
  setRows($('opportunities-table').tBodies[0], items.slice(0, 20).map((o, i) => {
    // {id, source, profit_rate, found_ms, expires_ms, data: the strategy's event}
    const d = o.data && typeof o.data === 'object' ? o.data : o;
    const r = num(o.profit_rate);
    const quote = String(d.symbol || '').split('/')[1] || '';
    const route = d.direction || (d.metadata && d.metadata.direction) || (d.exchanges || []).join(' → ');
    const t = num(o.found_ms) || toMs(d.ts_tick_ns);
    const strategy = String(o.source || '').replace(/^strategy:/, '');
    return el('tr', { 'data-testid': 'opportunity-row', 'data-id': o.id },
      td(String(i + 1)),
      td(d.symbol),
      td({ text: route, title: [strategy, o.id].filter(Boolean).join(' · ') }),
      td(Number.isFinite(r) ? bp(r * 1e4) : '—', 'num'),
      td({ text: d.expected_profit !== undefined ? `${fmt(d.expected_profit, { ccy: quote })} ${quote}` : '—', class: signClass(d.expected_profit) }, 'num'),
      td(fmt(d.size ?? d.max_position_size), 'num'),
      ageCell(t, now));
  }));
}

/** A one-line summary of an event's data: its plain fields, `detail`'s too. */
function summary(data) {
  if (data === null || data === undefined) return '';
  if (typeof data !== 'object') return String(data);
  const parts = [];
  const walk = (o, prefix) => {
    for (const [k, v] of Object.entries(o)) {
      if (v === null || v === undefined || v === '') continue;
      if (typeof v === 'object' && !Array.isArray(v)) {
        if (!prefix) walk(v, k + '.');
      } else parts.push(`${prefix}${k}=${Array.isArray(v) ? v.join(',') : v}`);
    }
  };
  walk(data, '');
  const s = parts.join(' ');
  return s.length > 240 ? s.slice(0, 239) + '…' : s;
}

function severity(e) {
  if (e.type === 'emergency_stop' || e.type === 'risk_limit_breach' || e.type === 'order_rejected' || e.type === 'exchange_disconnected') return 'sev-bad';
  if (e.type === 'risk_alert') return e.data && e.data.healthy === true ? '' : 'sev-warn';
  return '';
}

function feedItem(e) {
  return el('li', { class: severity(e), 'data-type': e.type },
    el('span', { class: 'when', text: clock(toMs(e.ts_ns)) }),
    el('span', { class: 'what', text: e.type + (e.data && e.data.alert ? `: ${e.data.alert}` : '') }),
    el('span', { class: 'src', text: e.source || '' }),
    el('span', { text: summary(e.data) }));
}

function renderEvents() {
  $('events-list').replaceChildren(...state.events.slice(0, 60).map(feedItem));
}

function renderAlerts() {
  $('alerts-empty').hidden = state.alerts.length > 0;
  $('alerts-count').textContent = state.alerts.length ? String(state.alerts.length) : '';
  $('alerts-list').replaceChildren(...state.alerts.map((e) => {
    const li = feedItem(e);
    li.dataset.testid = 'alert-item';
    return li;
  }));
}

function renderSpreads() {
  // The charts themselves redraw in renderCharts().
  $('spreads-empty').hidden = state.spreads.size > 0;
}

renderers.kpis = () => {};

// -- controls ------------------------------------------------------------------------------

function token() {
  return $('token-input').value.trim();
}

function showResult(kind, text, status) {
  const r = $('control-result');
  r.dataset.kind = kind;
  if (status !== undefined) r.dataset.status = String(status);
  else delete r.dataset.status;
  r.textContent = text;
}

function refusal(status, body) {
  const why = body && body.error ? ` — ${body.error}` : '';
  if (status === 401) return `Refused (401): the node wants a valid API token${why}`;
  if (status === 403) return `Refused (403): not allowed${why}`;
  if (status === 0) return `The node is unreachable${why}`;
  if (status === 429) return `Refused (429): too many requests${why}`;
  return `Failed (${status})${why}`;
}

/** POSTs a control; shows the outcome (refusals in red, with the status). */
async function control(path, body, label) {
  const buttons = document.querySelectorAll('[data-action], [data-testid="strategy-toggle"], [data-testid="order-cancel"]');
  buttons.forEach((b) => { b.disabled = true; });
  showResult('pending', `${label}…`);
  try {
    const r = await apiPost(path, body, token());
    if (r.status >= 200 && r.status < 300 && !(r.body && r.body.error)) {
      let detail = '';
      const risk = r.body && r.body.risk;
      if (risk && typeof risk === 'object') {
        setSnapshot('risk', { ...(state.topics.risk || {}), ...risk });
        detail = risk.halted ? ` — halted${risk.halt_reason ? ': ' + risk.halt_reason : ''}` : ' — trading';
      } else if (r.body && r.body.flatten) {
        const f = r.body.flatten;
        detail = ` — ${f.orders_cancelled} orders cancelled, ${f.positions_closed} positions closed, ${f.remaining} remaining`;
      } else if (r.body && r.body.result) {
        detail = ` — ${r.body.result}`;
      }
      showResult('ok', `${label}: done${detail}`, r.status);
    } else {
      showResult('error', refusal(r.status, r.body), r.status);
    }
    return r;
  } finally {
    buttons.forEach((b) => { b.disabled = false; });
  }
}

/** A dangerous button acts on a second click within 5 s. */
function armed(button, labelArmed, act) {
  const label = button.textContent;
  let timer = null;
  button.addEventListener('click', () => {
    if (!button.classList.contains('armed')) {
      button.classList.add('armed');
      button.textContent = labelArmed;
      timer = setTimeout(() => { button.classList.remove('armed'); button.textContent = label; }, 5000);
      return;
    }
    clearTimeout(timer);
    button.classList.remove('armed');
    button.textContent = label;
    act();
  });
}

function setupControls() {
  const input = $('token-input');
  try {
    input.value = sessionStorage.getItem(TOKEN_KEY) || '';
  } catch { /* storage off: the field still works */ }
  input.addEventListener('input', () => {
    try {
      if (input.value) sessionStorage.setItem(TOKEN_KEY, input.value);
      else sessionStorage.removeItem(TOKEN_KEY);
    } catch { /* ignore */ }
  });
  const reason = () => $('reason-input').value.trim() || 'dashboard';
  $('control-form').addEventListener('submit', (e) => e.preventDefault());
  $('halt-button').addEventListener('click', () => control('risk/halt', { reason: reason() }, 'halt'));
  $('resume-button').addEventListener('click', () => control('risk/resume', {}, 'resume'));
  armed($('estop-button'), 'Confirm emergency stop', () => control('risk/emergency-stop', { reason: reason() }, 'emergency stop'));
  armed($('cancel-all-button'), 'Confirm cancel all', () => control('orders/cancel-all', {}, 'cancel all orders'));
}

// -- start -----------------------------------------------------------------------------------

function setWsState(s, wait) {
  state.ws = s;
  const b = $('ws-state');
  b.dataset.state = s;
  b.textContent = s === 'reconnecting' ? `reconnecting in ${Math.ceil(wait / 1000)} s` : s;
}

function listOf(body, key) {
  if (Array.isArray(body)) return body;
  if (!body || typeof body !== 'object') return [];
  return body[key] || body.items || [];
}

/** The first state by REST; a topic not published yet is skipped quietly. */
async function loadInitial() {
  const t = token();
  const gets = [...SNAPSHOT_TOPICS, 'spreads'].map(async (topic) => {
    const r = await apiGet(topic, t);
    if (r.status === 200 && r.body) setSnapshot(topic, r.body);
  });
  const streams = STREAM_TOPICS.map(async (topic) => {
    const r = await apiGet(topic, t);
    if (r.status !== 200) return;
    // Oldest first in the reply; the feeds keep the newest first.
    for (const e of listOf(r.body, topic)) addStreamItem(topic, e.data && e.type === undefined ? e.data : e);
  });
  await Promise.all([...gets, ...streams]);
}

async function main() {
  charts.pnl = new SeriesChart($('pnl-chart'), $('pnl-tabs'), { format: (v) => fmt(v, { sign: true }) });
  charts.balances = new SeriesChart($('balance-chart'), $('balance-tabs'), { color: getComputedStyle(document.documentElement).getPropertyValue('--accent').trim(), format: (v) => fmt(v) });
  charts.success = new SeriesChart($('success-chart'), null, { format: (v) => `${Math.round(v)} %`, yMin: 0 });
  setupControls();
  await loadInitial();
  state.ready = true;
  document.body.dataset.ready = 'true';
  const stream = new Stream(SUBSCRIBE, onMessage, setWsState, token);
  state.stream = stream;
  stream.start();
  // Ages, uptime and the charts' sliding window move on without data.
  setInterval(() => {
    renderUptime();
    tickAges();
    for (const c of state.spreads.values()) c.dirty = true;
    for (const c of [charts.pnl, charts.balances, charts.success]) c.dirty = true;
    markDirty('spreads');
  }, 1000);
  flush();
}

function findSpread(pair) {
  if (state.spreads.has(pair)) return state.spreads.get(pair);
  for (const [topic, c] of state.spreads) {
    if (topic === `spread:${pair}` || topic.startsWith(`spread:${pair}:`)) return c;
  }
  return undefined;
}

// The test hooks: read-only views of what the page holds.
window.karb = {
  state,
  /** Points in the spread chart of `pair` ("spread:A-B:BASE", "A-B:BASE" or "A-B"); 0 if none. */
  chartPoints: (pair) => findSpread(pair)?.points() ?? 0,
  /** Spread points received since the page opened (the chart drops those older than 5 min). */
  spreadReceived: (pair) => findSpread(pair)?.received ?? 0,
  spreadPairs: () => [...state.spreads.keys()],
  seriesPoints: (name, key) => charts[name]?.points(key) ?? 0,
  wsState: () => state.ws,
  messages: () => state.stream?.messages ?? 0,
  renderErrors: () => [...state.errors],
};

main();
