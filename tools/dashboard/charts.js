// Charts (Chart.js 3.9.1, the global `Chart` from chart.min.js): one spread
// chart per pair (both directions and the fee threshold, a rolling window)
// and time series with one tab per currency (PnL, balances, success rate).
// Time runs on a linear axis in ms (Chart.js's time scale needs a date
// adapter, which Debian's build does not carry).

import { clock, el, bp, num } from './util.js';

const css = (name) => getComputedStyle(document.documentElement).getPropertyValue(name).trim();

export const SPREAD_WINDOW_MS = 5 * 60 * 1000;

let defaultsSet = false;
function setDefaults() {
  if (defaultsSet || typeof Chart === 'undefined') return;
  defaultsSet = true;
  Chart.defaults.color = css('--muted');
  Chart.defaults.borderColor = 'rgba(139, 150, 165, .15)';
  Chart.defaults.font.size = 11;
  Chart.defaults.animation = false;
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.responsive = true;
  Chart.defaults.plugins.legend.labels.boxWidth = 12;
  Chart.defaults.plugins.legend.labels.boxHeight = 2;
}

function timeAxis(extra = {}) {
  return {
    type: 'linear',
    ticks: { maxTicksLimit: 6, maxRotation: 0, callback: (v) => clock(v) },
    grid: { display: false },
    ...extra,
  };
}

/** "upbit-bithumb" → ["upbit", "bithumb"]; venue names use '_' not '-'. */
export function splitPair(pair) {
  const i = String(pair).indexOf('-');
  return i < 0 ? [String(pair), ''] : [pair.slice(0, i), pair.slice(i + 1)];
}

/** One pair's spreads: A→B, B→A and the threshold, in bp over time. */
export class SpreadChart {
  constructor(topic, parent) {
    setDefaults();
    this.topic = topic;
    // spread:A-B:BASE
    const [, pair = '', base = ''] = topic.split(':');
    const [a, b] = splitPair(pair);
    this.a = a;
    this.b = b;
    this.base = base;
    this.received = 0;
    this.card = el('div', { class: 'spread-card', 'data-testid': 'spread-card', 'data-topic': topic });
    this.colors = [css('--accent'), css('--accent-2'), css('--threshold')];
    const value = (i, label) => {
      const v = el('span', { class: 'v' });
      const sw = el('i', { class: 'swatch' });
      sw.style.background = this.colors[i]; // CSSOM, not a style attribute: fine under a strict CSP
      const row = el('span', { class: 'spread-dir' }, sw, `${label} `, v);
      return [row, v];
    };
    const [abRow, abVal] = value(0, `${a}→${b}`);
    const [baRow, baVal] = value(1, `${b}→${a}`);
    this.values = { ab: abVal, ba: baVal, th: el('span', { class: 'v' }) };
    this.rows = { ab: abRow, ba: baRow };
    const thSwatch = el('i', { class: 'swatch dashed' });
    thSwatch.style.borderColor = this.colors[2];
    const canvas = el('canvas', { 'data-testid': 'spread-chart', 'data-topic': topic });
    this.card.append(
      el('div', { class: 'spread-head' },
        el('span', { class: 'spread-title', text: `${base} · ${a} ⇄ ${b}` }),
        el('span', { class: 'spread-thr', title: 'both taker fees plus the minimum profit rate' },
          thSwatch, 'threshold ', this.values.th)),
      el('div', { class: 'spread-now', 'data-testid': 'spread-now' }, abRow, baRow),
      el('div', { class: 'chart-box' }, canvas));
    parent.append(this.card);
    const line = (label, color, extra = {}) => ({
      label, data: [], borderColor: color, backgroundColor: color,
      borderWidth: 1.5, pointRadius: 0, tension: 0, parsing: false, normalized: true, ...extra,
    });
    this.chart = new Chart(canvas, {
      type: 'line',
      data: {
        datasets: [
          line(`${a}→${b}`, this.colors[0]),
          line(`${b}→${a}`, this.colors[1]),
          line('threshold', this.colors[2], { borderDash: [5, 4], borderWidth: 1.2, stepped: true }),
        ],
      },
      options: {
        interaction: { mode: 'nearest', axis: 'x', intersect: false },
        scales: {
          x: timeAxis(),
          y: {
            ticks: { callback: (v) => `${v}` },
            grid: { color: (c) => (c.tick && c.tick.value === 0 ? 'rgba(219, 226, 234, .35)' : 'rgba(139, 150, 165, .12)') },
          },
        },
        plugins: {
          legend: { display: false }, // the header names the lines
          tooltip: { callbacks: { title: (items) => clock(items[0].parsed.x), label: (i) => `${i.dataset.label}: ${bp(i.parsed.y)}` } },
        },
      },
    });
    this.dirty = false;
  }

  /** One `spread:*` snapshot: {a_to_b_bp, b_to_a_bp, threshold_bp, ts_ms}. */
  push(data, tsMs) {
    const x = num(data.ts_ms) || tsMs || Date.now();
    const [ab, ba, th] = this.chart.data.datasets;
    const last = ab.data.length ? ab.data[ab.data.length - 1].x : -Infinity;
    if (x < last) return; // out of order (a reconnect's first snapshot)
    const y1 = num(data.a_to_b_bp);
    const y2 = num(data.b_to_a_bp);
    const y3 = num(data.threshold_bp);
    ab.data.push({ x, y: Number.isFinite(y1) ? y1 : null });
    ba.data.push({ x, y: Number.isFinite(y2) ? y2 : null });
    th.data.push({ x, y: Number.isFinite(y3) ? y3 : null });
    this.received += 1;
    this.latest = { x, ab: y1, ba: y2, th: y3 };
    this.dirty = true;
  }

  points() {
    return this.chart.data.datasets[0].data.length;
  }

  /** Drops points older than the window and redraws. */
  render(now = Date.now()) {
    const from = now - SPREAD_WINDOW_MS;
    for (const ds of this.chart.data.datasets) {
      let i = 0;
      while (i < ds.data.length && ds.data[i].x < from) i += 1;
      // Keep one point before the window so the lines reach its left edge.
      if (i > 1) ds.data.splice(0, i - 1);
    }
    // The window grows from the first point to 5 min, then slides.
    const first = this.chart.data.datasets[0].data[0];
    const max = Math.max(now, this.latest ? this.latest.x : now);
    this.chart.options.scales.x.min = first ? Math.max(from, Math.min(first.x, max - 1000)) : from;
    this.chart.options.scales.x.max = max;
    this.chart.update('none');
    this.dirty = false;
    if (this.latest) {
      const { ab, ba, th } = this.latest;
      const over = (v) => Number.isFinite(v) && Number.isFinite(th) && v >= th;
      this.values.ab.textContent = bp(ab);
      this.values.ba.textContent = bp(ba);
      this.values.th.textContent = Number.isFinite(th) ? `${th.toFixed(1)} bp` : '—';
      this.rows.ab.classList.toggle('over', over(ab));
      this.rows.ba.classList.toggle('over', over(ba));
    }
  }
}

/**
 * Time series per key (a currency), one shown at a time; tabs switch.
 * A point is kept when the value changed or `minGapMs` passed; at most
 * `maxPoints` per key.
 */
export class SeriesChart {
  constructor(canvas, tabs, { label = '', color = css('--up'), format = (v) => String(v), minGapMs = 5000, maxPoints = 3000, fill = true, yMin } = {}) {
    setDefaults();
    this.tabs = tabs;
    this.series = new Map();
    this.selected = null;
    this.minGapMs = minGapMs;
    this.maxPoints = maxPoints;
    this.format = format;
    this.dirty = false;
    this.chart = new Chart(canvas, {
      type: 'line',
      data: { datasets: [{ label, data: [], borderColor: color, backgroundColor: color + '33', fill, borderWidth: 1.5, pointRadius: 0, parsing: false, normalized: true, stepped: true }] },
      options: {
        interaction: { mode: 'nearest', axis: 'x', intersect: false },
        scales: { x: timeAxis(), y: { ticks: { callback: (v) => format(v) }, ...(yMin === undefined ? {} : { min: yMin }) } },
        plugins: {
          legend: { display: false },
          tooltip: { callbacks: { title: (items) => clock(items[0].parsed.x), label: (i) => `${this.selected}: ${format(i.parsed.y)}` } },
        },
      },
    });
  }

  add(key, x, y) {
    if (!Number.isFinite(y)) return;
    let s = this.series.get(key);
    if (!s) {
      s = [];
      this.series.set(key, s);
      if (this.selected === null) this.selected = key;
      this.renderTabs();
    }
    const last = s[s.length - 1];
    if (last && last.y === y && x - last.x < this.minGapMs) return;
    if (last && x < last.x) return;
    s.push({ x, y });
    if (s.length > this.maxPoints) s.splice(0, s.length - this.maxPoints);
    if (key === this.selected) this.dirty = true;
  }

  points(key = this.selected) {
    const s = this.series.get(key);
    return s ? s.length : 0;
  }

  select(key) {
    this.selected = key;
    this.renderTabs();
    this.dirty = true;
    this.render();
  }

  renderTabs() {
    if (!this.tabs) return;
    if (this.series.size < 2) {
      this.tabs.replaceChildren();
      return;
    }
    this.tabs.replaceChildren(...[...this.series.keys()].map((k) =>
      el('button', { type: 'button', class: 'tab', 'aria-pressed': String(k === this.selected), 'data-key': k, text: k, onclick: () => this.select(k) })));
  }

  render(now = Date.now()) {
    const s = this.series.get(this.selected) || [];
    const ds = this.chart.data.datasets[0];
    // The line runs on to now: the value still holds.
    ds.data = s.length ? [...s, { x: Math.max(now, s[s.length - 1].x), y: s[s.length - 1].y }] : [];
    ds.label = this.selected ?? '';
    this.chart.options.scales.x.min = s.length ? s[0].x : now - 60000;
    this.chart.options.scales.x.max = now;
    this.chart.update('none');
    this.dirty = false;
  }
}
