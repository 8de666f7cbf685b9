// Small helpers: numbers (the API sends decimals as strings), times, and DOM
// building without innerHTML (every value from the node goes in as text).

/** A decimal string or number as a number; NaN when absent. */
export function num(x) {
  if (x === null || x === undefined || x === '') return NaN;
  return typeof x === 'number' ? x : Number(x);
}

const grouped0 = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const grouped2 = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/**
 * A value for a table: large amounts grouped with few decimals, small ones
 * with up to 8 significant digits; '—' when absent.
 */
export function fmt(x, opts = {}) {
  const v = num(x);
  if (!Number.isFinite(v)) return '—';
  const a = Math.abs(v);
  let s;
  if (opts.ccy === 'KRW' || a >= 100000 || (Number.isInteger(v) && a >= 1)) s = grouped0.format(v);
  else if (a >= 100) s = grouped2.format(v);
  else if (a === 0) s = '0';
  else s = Number(v.toPrecision(6)).toString();
  return opts.sign && v > 0 ? '+' + s : s;
}

/** An amount with its currency, e.g. "+12,345 KRW". */
export function money(x, ccy, sign = true) {
  return `${fmt(x, { ccy, sign })} ${ccy}`;
}

/** A ratio (0..1) as a percentage. */
export function pct(r, digits = 1) {
  const v = num(r);
  return Number.isFinite(v) ? `${(v * 100).toFixed(digits)} %` : '—';
}

/** Basis points with a sign. */
export function bp(x) {
  const v = num(x);
  if (!Number.isFinite(v)) return '—';
  return `${v > 0 ? '+' : ''}${v.toFixed(1)} bp`;
}

/** Nanoseconds (or milliseconds when small) since the epoch → ms. */
export function toMs(ts) {
  const v = num(ts);
  if (!Number.isFinite(v) || v <= 0) return NaN;
  if (v > 1e17) return v / 1e6; // ns
  if (v > 1e14) return v / 1e3; // µs
  return v;                     // ms
}

const two = (n) => String(n).padStart(2, '0');

/** HH:MM:SS in local time. */
export function clock(ms) {
  if (!Number.isFinite(ms)) return '—';
  const d = new Date(ms);
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}

/** "5 s", "3 min", "2 h" since `ms`. */
export function age(ms, now = Date.now()) {
  if (!Number.isFinite(ms)) return '—';
  return duration(Math.max(0, now - ms));
}

export function duration(ms) {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min`;
  if (s < 86400) return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
  return `${Math.floor(s / 86400)} d ${Math.floor((s % 86400) / 3600)} h`;
}

/** The class for a signed value. */
export function signClass(x) {
  const v = num(x);
  if (!Number.isFinite(v) || v === 0) return '';
  return v > 0 ? 'up' : 'down';
}

/**
 * el('td', {class: 'num', text: '1'}, child...). Attributes: `text`
 * (textContent), `class`, `data-*`, `title`, anything else as an attribute.
 */
export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'text') e.textContent = String(v);
    else if (k === 'class') e.className = v;
    else if (k.startsWith('on') && typeof v === 'function') e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) if (c !== null && c !== undefined) e.append(c);
  return e;
}

/** A table cell: plain text, or {text, class, title}. */
export function td(x, cls) {
  if (x instanceof Node) return el('td', { class: cls }, x);
  if (x && typeof x === 'object') return el('td', { class: [cls, x.class].filter(Boolean).join(' '), text: x.text, title: x.title });
  return el('td', { class: cls, text: x ?? '—' });
}

/** Replaces the rows of `tbody`. */
export function setRows(tbody, rows) {
  tbody.replaceChildren(...rows);
}

/** The element with data-testid=`id`. */
export function $(id) {
  return document.querySelector(`[data-testid="${id}"]`);
}

/** A pill for a state: good / bad / meh by the words in it. */
export function statePill(state, kind) {
  const s = String(state ?? '—');
  const l = s.toLowerCase();
  if (!kind) {
    kind = 'meh';
    if (/^(live|running|done|filled|completed|ok|up|connected|healthy|flat)$/.test(l)) kind = 'good';
    else if (/(down|fail|error|halt|reject|disconnect|dead|stopped|exposed|unhealthy|banned)/.test(l)) kind = 'bad';
  }
  return el('span', { class: `pill ${kind}`, text: s });
}
