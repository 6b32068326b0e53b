#!/usr/bin/env python3
"""window.py SAMPLES CONCURRENCY: the window over a sweep, from "time in_progress" samples.

Prints key=value lines for bench/nginx: the sweep's span (first to last sample with a request in
progress), the share of it with the window at least 90 % full, and the tail: from the last time
the window was 90 % full to the last request.
"""
import sys

samples = []
for line in open(sys.argv[1]):
    parts = line.split()
    if len(parts) == 2 and parts[1].isdigit():
        samples.append((float(parts[0]), int(parts[1]) - 1))  # the stub_status request itself
conc = int(sys.argv[2])
busy = [(t, n) for t, n in samples if n > 0]
if not busy:
    sys.exit("window.py: no request in progress was ever seen")
start, end = busy[0][0], busy[-1][0]
full = [t for t, n in busy if n >= 0.9 * conc]
span = end - start
full_share = len(full) / len(busy)
tail = end - full[-1] if full else span
print(f"window_span_s={span:.2f}")
print(f"window_full_share={full_share:.3f}")
print(f"window_tail_s={tail:.2f}")
print(f"window_mean={sum(n for _, n in busy) / len(busy):.0f}")
