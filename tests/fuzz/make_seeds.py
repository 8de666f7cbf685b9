#!/usr/bin/env python3
"""Writes the seed corpora of tests/fuzz/corpus/ (committed; run again only
to rebuild them): the venue fixtures of ../shared/fixtures/exchanges/ with
each target's selector byte in front (see tests/fuzz/venue_inputs.hpp and
the targets' headers), the configuration files (whole, up to 9 KB), and hand-made inputs for the
other targets. Large fixtures are cut to a few levels or frames, so that
every other seed stays under 4 KB."""

import hashlib
import json
import os
import struct
import sys

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
fixtures = os.path.join(root, "..", "shared", "fixtures", "exchanges")
corpus = os.path.join(root, "tests", "fuzz", "corpus")
limit = 4000

# reply_member in venue_inputs.hpp, in order.
members = ["order", "orders", "balances", "positions", "snapshot", "ticker",
           "funding", "funding_history", "funding_payments", "instruments",
           "server_time", "check_reply", "read_budget", "parse_private",
           "listen_key"]

# The first keyword a REST fixture's name contains picks its member.
rest_rules = [
    ("error", "check_reply"), ("cancel", "order"), ("new_order", "order"),
    ("create_order", "order"), ("place_order", "order"),
    ("order_details", "order"), ("order_limit", "order"),
    ("order_market", "order"), ("orders_test", "order"),
    ("order_realtime", "orders"), ("orders_closed", "orders"),
    ("orders_open", "orders"), ("orders_chance", "instruments"),
    ("orderbook", "snapshot"), ("depth", "snapshot"), ("books", "snapshot"),
    ("accounts", "balances"), ("account_balance", "balances"),
    ("positions", "positions"), ("position", "positions"),
    ("account", "balances"), ("balance", "balances"), ("wallet", "balances"),
    ("ticker", "ticker"), ("premiumIndex", "funding"),
    ("fundingRate_history", "funding_history"),
    ("funding_rate_history", "funding_history"),
    ("funding_history", "funding_history"), ("funding_rate", "funding"),
    ("mark_price", "funding"), ("income", "funding_payments"),
    ("bills", "funding_payments"), ("transaction_log", "funding_payments"),
    ("exchangeInfo", "instruments"), ("instruments", "instruments"),
]

# target -> (fixture folder, venue bit) pairs
families = {
    "korea": [("upbit", 0), ("bithumb", 1)],
    "binance": [("binance_spot", 0), ("binance_usdm", 1)],
    "okx": [("okx", 0), ("okx", 1)],
    "bybit": [("bybit", 0), ("bybit", 1)],
}

private_frames = {
    "binance": [
        '{"e":"executionReport","E":1499405658658,"s":"ETHBTC","c":"k-1",'
        '"S":"BUY","o":"LIMIT","f":"GTC","q":"1.00000000","p":"0.10264410",'
        '"x":"TRADE","X":"PARTIALLY_FILLED","i":4293153,"l":"0.5","z":"0.5",'
        '"L":"0.10264410","n":"0.0001","N":"BNB","T":1499405658657,'
        '"Z":"0.05132205"}',
        '{"e":"outboundAccountPosition","E":1564034571105,"u":1564034571073,'
        '"B":[{"a":"ETH","f":"10000.000000","l":"0.000000"}]}',
        '{"e":"ORDER_TRADE_UPDATE","E":1568879465651,"T":1568879465650,'
        '"o":{"s":"BTCUSDT","c":"k-2","S":"SELL","o":"LIMIT","q":"0.001",'
        '"p":"9910","ap":"0","x":"NEW","X":"NEW","i":8886774,"l":"0",'
        '"z":"0","L":"0","T":1568879465650}}',
        '{"e":"ACCOUNT_UPDATE","E":1564745798939,"T":1564745798938,"a":{'
        '"m":"ORDER","B":[{"a":"USDT","wb":"122624.12345678",'
        '"cw":"100.12345678"}],"P":[{"s":"BTCUSDT","pa":"0.001","ep":"9000",'
        '"up":"0.5","mt":"cross","ps":"BOTH"}]}}',
        '{"listenKey":"pqia91ma19a5s61cv6a81va65sdf19v8a65a1a5s61cv6a81va65"}',
    ],
    "okx": [
        '{"event":"login","code":"0","msg":""}',
        '{"arg":{"channel":"orders","instType":"SWAP"},"data":[{"instId":'
        '"BTC-USDT-SWAP","ordId":"312269865356374016","clOrdId":"k3",'
        '"side":"buy","ordType":"limit","px":"30000","sz":"2",'
        '"accFillSz":"1","avgPx":"30000","fillSz":"1","fillPx":"30000",'
        '"state":"partially_filled","fee":"-0.01","feeCcy":"USDT",'
        '"uTime":"1597026383085","cTime":"1597026383085"}]}',
        '{"arg":{"channel":"account"},"data":[{"uTime":"1597026383085",'
        '"details":[{"ccy":"USDT","cashBal":"100","availBal":"90",'
        '"frozenBal":"10","eq":"100"}]}]}',
        '{"arg":{"channel":"positions","instType":"SWAP"},"data":[{"instId":'
        '"BTC-USDT-SWAP","pos":"-3","avgPx":"30000","upl":"1","lever":"3",'
        '"mgnMode":"cross","posSide":"net","uTime":"1597026383085"}]}',
    ],
    "bybit": [
        '{"op":"auth","success":true,"ret_msg":"","conn_id":"c1"}',
        '{"topic":"order","creationTime":1672364262474,"data":[{"symbol":'
        '"BTCUSDT","orderId":"5cf98598","orderLinkId":"k4","side":"Buy",'
        '"orderType":"Limit","price":"30000","qty":"0.01","cumExecQty":'
        '"0.005","avgPrice":"30000","orderStatus":"PartiallyFilled",'
        '"cumExecFee":"0.001","category":"linear","updatedTime":'
        '"1672364262457"}]}',
        '{"topic":"wallet","creationTime":1700034722104,"data":[{"coin":[{'
        '"coin":"USDT","walletBalance":"100","locked":"1","equity":"100"}]}]}',
        '{"topic":"position","creationTime":1697682317044,"data":[{"symbol":'
        '"BTCUSDT","side":"Sell","size":"0.01","avgPrice":"30000",'
        '"unrealisedPnl":"1","leverage":"3","category":"linear",'
        '"updatedTime":"1697682317038"}]}',
    ],
    "korea": [],
}

budget_values = {
    "korea": ["group=default; min=1799; sec=29", "group=order; min=59; sec=7"],
    "binance": ["1200", "35"],
    "okx": [],
    "bybit": ["118", "0"],
}


def trimmed(value):
    """A copy with every list cut to its first four items."""
    if isinstance(value, list):
        return [trimmed(v) for v in value[:4]]
    if isinstance(value, dict):
        return {k: trimmed(v) for k, v in value.items()}
    return value


def small_json(text):
    if len(text) <= limit:
        return text
    doc = json.loads(text, parse_float=str, parse_int=str)
    return json.dumps(trimmed(doc), separators=(",", ":"))


def frames_of(path):
    """Up to `limit` bytes of whole frames (each cut if it is too big)."""
    with open(path) as f:
        lines = [small_json(l.strip()) for l in f if l.strip()]
    out = []
    for l in lines:
        if sum(len(x) + 1 for x in out) + len(l) > limit:
            break
        out.append(l)
    return "\n".join(out or lines[:1])


def write(target, data):
    if isinstance(data, str):
        data = data.encode()
    d = os.path.join(corpus, target)
    os.makedirs(d, exist_ok=True)
    name = hashlib.sha1(data).hexdigest()[:16]
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def member_of(name):
    for key, member in rest_rules:
        if key in name:
            return member
    return None


def venue_seeds():
    for family, venues in families.items():
        for folder, bit in venues:
            d = os.path.join(fixtures, folder)
            for name in sorted(os.listdir(d)):
                path = os.path.join(d, name)
                if name.startswith("ws_") or name.endswith(".jsonl") or name.startswith("v1_ws"):
                    write("feed_" + family, bytes([bit]) + frames_of(path).encode())
                    continue
                member = member_of(name)
                if member is None or not name.endswith(".json"):
                    continue
                with open(path) as f:
                    body = small_json(f.read())
                sel = members.index(member) << 1 | bit
                write("rest_" + family, bytes([sel]) + body.encode())
                if member != "check_reply":
                    continue
                for status in range(8):  # the same error under each status
                    s = (members.index("check_reply") + len(members) * status) << 1 | bit
                    if s < 256:
                        write("rest_" + family, bytes([s]) + body.encode())
            for frame in private_frames[family]:
                member = "listen_key" if "listenKey" in frame and '"e"' not in frame else "parse_private"
                write("rest_" + family, bytes([members.index(member) << 1 | bit]) + frame.encode())
            for v in budget_values[family]:
                write("rest_" + family, bytes([members.index("read_budget") << 1 | bit]) + v.encode())
            write("rest_" + family, bytes([members.index("server_time") << 1 | bit])
                  + b'{"serverTime":1499827319559,"time":"1672376496682",'
                  b'"data":[{"ts":"1597026383085"}],"result":{"timeSecond":"1688639403"}}')


def book_sequence_seeds():
    def levels(prices):
        out = bytes([len(prices)])
        for p, q in prices:
            out += bytes([p, q])
        return out

    for mode in range(6):
        data = bytes([mode])
        # a whole book: op 0, seq +1, 10 ms
        data += bytes([0, 1, 1]) + levels([(40, 2), (39, 1)]) + levels([(41, 2), (42, 1)])
        seq_step = 1
        for i in range(6):
            flags = 0x10 if i == 0 and mode >= 4 else 0
            data += bytes([1, seq_step, 1]) + levels([(39 - i % 3, i % 4)]) \
                + levels([(42 + i % 2, (i + 1) % 4)]) + bytes([flags]) + struct.pack("<q", 0)
        data += bytes([2, 0, 255, 3, 0, 0])
        write("book_sequence", data)
    write("book_sequence", bytes([2, 1, 5, 1]) + bytes([1, 1, 40, 1, 1, 41, 1, 0]) + bytes(8))


def decimal_seeds():
    for a, b in [("0.00012345", "98765432.1"), ("103493000.0", "1e-05"),
                 ("-0.5", "3"), ("92233720368.54775807", "0.00000001"),
                 ("-92233720368.54775807", "-1"), ("1.000000005", "2.5E+3"),
                 ("0", "0"), ("12345678901234567890", "0.1")]:
        for mode in (0, 1, 2, 3, 4):
            write("decimal", bytes([mode]) + f"{a}\n{b}".encode())


def signing_seeds():
    texts = ["karb-dev-access", "karb-dev-secret-0123456789",
             "6f1bc6f8-9f5c-4d0e-9b1e-1b6a2f6f0c11", "/api/v3/order",
             "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=0.01&price=30000.5",
             '{"instId":"BTC-USDT","sz":"1"}', "BTC-USDT", "karb-1a2b",
             "eyJhbGciOiJIUzI1NiJ9.eyJhIjoxfQ.c2ln"]
    for sel in range(0, 96, 7):
        write("signing", bytes([sel]) + struct.pack("<q", 1700000000123) + "\n".join(texts).encode())
    write("signing", bytes([5 + 8]) + struct.pack("<q", -1) + b"\n\n\n\n\n\n\n\n")


def config_seeds():
    for name in ["binance.yaml", "demo.yaml", "development.yaml", "production.yaml"]:
        with open(os.path.join(root, "config", name), "rb") as f:
            data = f.read()
        write("config_yaml", data)  # whole files: a cut one is no seed
    write("config_yaml", b"node:\n  id: fuzz\nvenues: {}\nstrategies: []\n")
    write("config_yaml", b"node: [1, {a: *x}]\n")


def api_seeds():
    reqs = [
        "GET /health HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /api/v1/status HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /api/v1/books/upbit/KRW-BTC HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /api/v1/events?limit=2&since=1 HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /api/v1/orders/o-1 HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /api/v1/opportunities?limit=1 HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /metrics HTTP/1.0\r\n\r\n",
        "GET /index.html HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\n\r\n",
        "POST /api/v1/halt HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer fuzz-token\r\n"
        "Content-Type: application/json\r\nContent-Length: 23\r\n\r\n{\"reason\":\"maintenance\"}",
        "POST /api/v1/strategies/spread:BTC/stop HTTP/1.1\r\nHost: x\r\n"
        "Authorization: Bearer fuzz-token\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n",
        "DELETE /api/v1/orders/o-1 HTTP/1.1\r\nAuthorization: Bearer wrong\r\n\r\n",
        "OPTIONS /api/v1/status HTTP/1.1\r\n\r\n",
    ]
    for r in reqs:
        write("api_http", r)


def inspector_seeds():
    for words in [["book", "upbit", "BTC", "--depth", "5"], ["book", "okx_swap", "BTC/USDT"],
                  ["book", "bithumb", "KRW-BTC"], ["events", "50"], ["trades"],
                  ["halt", "maintenance", "now"], ["strategy", "start", "spread"],
                  ["cancel", "k-1"], ["latency", "--buckets"]]:
        write("inspector_command", "\n".join(words))


def main():
    venue_seeds()
    book_sequence_seeds()
    decimal_seeds()
    signing_seeds()
    config_seeds()
    api_seeds()
    inspector_seeds()


if __name__ == "__main__":
    sys.exit(main())
