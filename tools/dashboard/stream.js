// The node's API from the page: REST reads and controls under api/v1/, and
// the WebSocket stream (api/v1/stream) with reconnection and backoff.
// Paths are relative to the page, so a reverse proxy may mount it anywhere.

const API = 'api/v1/';

function headers(token, json) {
  const h = { Accept: 'application/json' };
  if (json) h['Content-Type'] = 'application/json';
  if (token) h.Authorization = `Bearer ${token}`;
  return h;
}

async function parse(r) {
  const text = await r.text();
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return { error: text.slice(0, 200) };
  }
}

/**
 * GET api/v1/`path` → {status, body}; status 0 when the node is
 * unreachable. The token (if any) goes along: reads need it on a bind other
 * than loopback.
 */
export async function apiGet(path, token) {
  try {
    const r = await fetch(API + path, { headers: headers(token), cache: 'no-store' });
    return { status: r.status, body: await parse(r) };
  } catch (e) {
    return { status: 0, body: { error: String(e.message || e) } };
  }
}

/** POST api/v1/`path` with a JSON body → {status, body}. */
export async function apiPost(path, body, token) {
  try {
    const r = await fetch(API + path, {
      method: 'POST',
      headers: headers(token, true),
      body: JSON.stringify(body ?? {}),
      cache: 'no-store',
    });
    return { status: r.status, body: await parse(r) };
  } catch (e) {
    return { status: 0, body: { error: String(e.message || e) } };
  }
}

/**
 * The live stream. Subscribes `topics` on every (re)connection; each
 * message {topic, seq, ts_ms, data} goes to `onMessage`; `onState` hears
 * 'connecting', 'live', 'reconnecting' (with the delay in ms). Backoff:
 * 0.5 s doubling to 15 s with ±20 % jitter, back to 0.5 s once a
 * connection has delivered messages.
 */
export class Stream {
  /** `token()` gives the API token or '': a browser cannot send a header
   *  on a WebSocket, so the token travels as the subprotocol
   *  "bearer.<token>" beside "karb.v1" (needed off loopback). */
  constructor(topics, onMessage, onState, token = () => '') {
    this.topics = topics;
    this.token = token;
    this.onMessage = onMessage;
    this.onState = onState;
    this.delay = 500;
    this.ws = null;
    this.timer = null;
    this.messages = 0;
    this.connects = 0;
  }

  url() {
    const u = new URL(API + 'stream', location.href);
    u.protocol = u.protocol === 'https:' ? 'wss:' : 'ws:';
    return u.href;
  }

  start() {
    this.connect();
    // A laptop waking up: reconnect at once rather than after the backoff.
    window.addEventListener('online', () => this.reconnectNow());
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible' && !this.ws) this.reconnectNow();
    });
  }

  reconnectNow() {
    clearTimeout(this.timer);
    this.timer = null;
    this.delay = 500;
    if (!this.ws) this.connect();
  }

  connect() {
    this.timer = null;
    this.onState('connecting');
    let ws;
    try {
      const t = this.token();
      ws = new WebSocket(this.url(), t ? ['karb.v1', `bearer.${t}`] : []);
    } catch {
      this.retry();
      return;
    }
    this.ws = ws;
    let got = 0;
    ws.onopen = () => {
      this.connects += 1;
      ws.send(JSON.stringify({ op: 'subscribe', topics: this.topics }));
      this.onState('live');
    };
    ws.onmessage = (ev) => {
      let m;
      try {
        m = JSON.parse(ev.data);
      } catch {
        return; // not ours to crash on
      }
      got += 1;
      this.messages += 1;
      if (got === 1) this.delay = 500;
      if (m && typeof m.topic === 'string') this.onMessage(m);
    };
    ws.onerror = () => { /* onclose follows */ };
    ws.onclose = (ev) => {
      if (this.ws === ws) this.ws = null;
      this.lastClose = { code: ev.code, reason: ev.reason };
      this.retry();
    };
  }

  retry() {
    if (this.timer) return;
    const jitter = 1 + (Math.random() * 0.4 - 0.2);
    const wait = Math.round(this.delay * jitter);
    this.delay = Math.min(this.delay * 2, 15000);
    this.onState('reconnecting', wait);
    this.timer = setTimeout(() => this.connect(), wait);
  }
}
