#!/usr/bin/env python3
"""bench/nginx's table: nginx_table.py RESULTS RUNS PHONES LAT_PHONES CONCURRENCY CURL_REQUESTS [RESULTS_MD]

Every figure is a median of RUNS and is shown beside its ratio to a baseline measured in the same
run (wrk, curl --parallel, the ideal). With RESULTS_MD the table replaces the block between the
bench/nginx markers there. "server CPU" is nginx's user+sys over the figure's duration: near 1.00
(its one worker's core) the server bounds the figure, well below it the client does.
"""
import os
import platform
import statistics
import sys
import datetime

path, runs, phones, lat_phones, conc, curl_n = sys.argv[1], *map(int, sys.argv[2:7])
out_md = sys.argv[7] if len(sys.argv) > 7 else None
r = {}
for line in open(path):
    k, _, v = line.strip().partition("=")
    try:
        r[k] = float(v)
    except ValueError:
        r[k] = v


def have(key):
    return key in r


def med(values):
    return statistics.median(values)


def client_us(name):
    return (r[name + "_time_user"] + r[name + "_time_sys"]) / r[name + "_requests"] * 1e6


def server_us(name):
    return r[name + "_server_s"] / r[name + "_requests"] * 1e6


rows, notes = [], []
for mode, label in (("close", "keepalive_timeout 0 (a connection per request)"), ("keep", "kept alive")):
    if not have(f"{mode}_ps1_requests"):
        continue
    ps = [f"{mode}_ps{i}" for i in range(1, runs + 1)]
    wk = [f"{mode}_wrk{i}" for i in range(1, runs + 1)]
    cu = [f"{mode}_curl{i}" for i in range(1, runs + 1)]
    ps_rates = [r[n + "_requests"] / r[n + "_sweep_s"] for n in ps]
    wrk_rates = [r[n + "_rate"] for n in wk]
    curl_rates = [r[n + "_requests"] / r[n + "_s"] for n in cu]
    ps_busy = [r[n + "_server_s"] / r[n + "_time_wall"] for n in ps]
    wrk_busy = [r[n + "_server_s"] / 10 for n in wk]
    curl_busy = [r[n + "_server_s"] / r[n + "_s"] for n in cu]
    ps_rate, wrk_rate, curl_rate = med(ps_rates), med(wrk_rates), med(curl_rates)
    ps_cpu, wrk_cpu = med([client_us(n) for n in ps]), med([client_us(n) for n in wk])
    ratio_wrk = med([a / b for a, b in zip(ps_rates, wrk_rates)])
    ratio_curl = med([a / b for a, b in zip(ps_rates, curl_rates)])
    cpu_ratio = med([client_us(a) / client_us(b) for a, b in zip(ps, wk)])
    goal = mode == "close"
    rows += [
        (f"nginx, {label}: wrk -t1 -c{conc}", f"{wrk_rate:,.0f} req/s, client CPU {wrk_cpu:.0f} µs/req",
         "1.00 (baseline)", f"server CPU {med(wrk_busy):.2f}", ""),
        (f"nginx, {label}: curl --parallel-max {conc} ({curl_n:,} URLs)",
         f"{curl_rate:,.0f} req/s, client CPU {med([client_us(n) for n in cu]):.0f} µs/req",
         f"{curl_rate / wrk_rate:.2f}× wrk", f"server CPU {med(curl_busy):.2f}", ""),
        (f"nginx, {label}: phonesweep --concurrency {conc}, {phones:,} phones",
         f"{ps_rate:,.0f} req/s, client CPU {ps_cpu:.0f} µs/req "
         f"({med([r[n + '_time_sys'] / r[n + '_requests'] * 1e6 for n in ps]):.0f} kernel)",
         f"{ratio_wrk:.2f}× wrk rate, {ratio_curl:.2f}× curl, {cpu_ratio:.2f}× wrk CPU/req",
         f"server CPU {med(ps_busy):.2f}",
         ("rate ≥ 0.6× wrk " + ("met" if ratio_wrk >= 0.6 else "**missed**") + "; CPU ≤ 2× wrk "
          + ("met" if cpu_ratio <= 2 else "**missed**") + "; ≥ 3× curl "
          + ("met" if ratio_curl >= 3 else "**missed**")) if goal else "(reference)"),
    ]
    notes.append(f"- {label}: phonesweep " + ", ".join(f"{x:,.0f}" for x in ps_rates) + " req/s; wrk "
                 + ", ".join(f"{x:,.0f}" for x in wrk_rates) + "; curl " + ", ".join(f"{x:,.0f}" for x in curl_rates)
                 + "; phonesweep CPU/req " + ", ".join(f"{client_us(n):.0f}" for n in ps) + " µs, wrk "
                 + ", ".join(f"{client_us(n):.0f}" for n in wk) + " µs; nginx CPU/req under phonesweep "
                 + ", ".join(f"{server_us(n):.0f}" for n in ps) + " µs, under wrk "
                 + ", ".join(f"{server_us(n):.0f}" for n in wk) + " µs.")

if have("lat_ps1_requests"):
    lp = [f"lat_ps{i}" for i in range(1, runs + 1)]
    ideal = [r[n + "_requests"] * 0.2 / 2000 for n in lp]
    eff = [i / r[n + "_sweep_s"] for i, n in zip(ideal, lp)]
    rows += [
        ("nginx, 200 ms, kept alive: wrk -t1 -c2000", f"{r['lat_wrk_rate']:,.0f} req/s, mean latency {r['lat_wrk_latency']}",
         f"{r['lat_wrk_rate'] / 10000:.2f} of the ideal 10,000 req/s", f"server CPU {r['lat_wrk_server_s'] / 10:.2f}", ""),
        (f"nginx, 200 ms, kept alive: phonesweep --concurrency 2000, {lat_phones:,} phones",
         f"{med([r[n + '_sweep_s'] for n in lp]):.2f} s (ideal {med(ideal):.2f} s)", f"efficiency {med(eff):.2f}",
         f"server CPU {med([r[n + '_server_s'] / r[n + '_time_wall'] for n in lp]):.2f}",
         "≥ 0.9 " + ("met" if med(eff) >= 0.9 else "**missed**")),
    ]
    notes.append("- latency-bound sweeps: " + ", ".join(f"{r[n + '_sweep_s']:.2f}" for n in lp) + " s; efficiency "
                 + ", ".join(f"{e:.2f}" for e in eff) + "; peak RSS "
                 + ", ".join(f"{r[n + '_time_rss_kb'] / 1024:.1f}" for n in lp) + " MB.")
if have("window_span_s"):
    rows.append(("nginx, 200 ms: the window over one more sweep (stub_status every 50 ms)",
                 f"mean {r['window_mean']:.0f} in flight; ≥ 90 % full {100 * r['window_full_share']:.0f} % of the sweep",
                 f"tail {r['window_tail_s']:.2f} s of {r['window_span_s']:.2f} s", "", ""))
if have("rss_ps1_time_rss_kb"):
    rp = [f"rss_ps{i}" for i in range(1, runs + 1)]
    rss = med([r[n + "_time_rss_kb"] / 1024 for n in rp])
    rows.append(("nginx, 200 ms: phonesweep peak RSS, 10,000 phones, 2,000 in flight", f"{rss:.1f} MB", "", "",
                 "≤ 64 MB " + ("met" if rss <= 64 else "**missed**")))
    notes.append("- peak RSS, 10,000 phones at 2,000 in flight: " + ", ".join(f"{r[n + '_time_rss_kb'] / 1024:.1f}" for n in rp) + " MB.")

machine = f"{os.cpu_count()} CPUs, Linux {platform.release()}; {datetime.datetime.utcnow():%Y-%m-%d %H:%M} UTC; median of {runs}"
table = ["| measurement | result | ratio (same run) | bound by | goal |", "|---|---|---|---|---|"]
table += [f"| {' | '.join(row)} |" for row in rows]
text = f"Machine: {machine}\n\n" + "\n".join(table) + "\n\n" + "\n".join(notes) + "\n"
print(text)
if out_md:
    start, end = "<!-- bench/nginx: table -->", "<!-- bench/nginx: end -->"
    md = open(out_md).read()
    block = f"{start}\n{text}{end}"
    md = md[: md.index(start)] + block + md[md.index(end) + len(end):] if start in md else md + "\n## nginx\n\n" + block + "\n"
    open(out_md, "w").write(md)
