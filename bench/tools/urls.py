#!/usr/bin/env python3
"""The requests phonesweep makes of a healthy fleetsim estate, for wrk and curl.

urls.py INVENTORY PORT OUT_PREFIX [CURL_LIMIT]
writes OUT_PREFIX.txt (one "host path" per request, for wrk's Lua script) and
OUT_PREFIX.curl (a curl -K config: one url/output pair per request, the first CURL_LIMIT).

A healthy phone costs four GETs: its device page, status messages, network configuration and
the screenshot. The paths per model family mirror scanner/pages/model_table.cpp for the models
fleetsim's healthy mix uses; bench/run checks that fleetsim counted exactly as many requests
from phonesweep as this list holds, so a drift shows up as a failed check, not a quiet lie.
"""
import csv
import re
import sys

CURRENT = ["/DeviceInformationX",
           "/CGI/Java/Serviceability?adapter=device.settings.status.messages",
           "/CGI/Java/Serviceability?adapter=device.statistics.configuration",
           "/CGI/Screenshot"]
OLD_79XX = ["/DeviceInformationX", "/DeviceLog?2", "/NetworkConfiguration", "/CGI/Screenshot"]


def paths(model: str):
    digits = re.search(r"(\d{4})", model)
    key = digits.group(1) if digits else ""
    if re.fullmatch(r"79\d[125]|7970|7906|7940|7960", key):
        return OLD_79XX
    return CURRENT


def main():
    inventory, port, prefix = sys.argv[1], sys.argv[2], sys.argv[3]
    curl_limit = int(sys.argv[4]) if len(sys.argv) > 4 else None
    requests = []
    with open(inventory, newline="") as f:
        for row in csv.DictReader(f):
            host = row["address"].split(":")[0]
            for path in paths(row.get("model", "")):
                requests.append((host, path))
    with open(prefix + ".txt", "w") as out:
        for host, path in requests:
            out.write(f"{host} {path}\n")
    with open(prefix + ".curl", "w") as out:
        for host, path in requests[:curl_limit]:
            out.write(f'url = "http://{host}:{port}{path}"\noutput = "/dev/null"\n')
    print(len(requests), min(len(requests), curl_limit or len(requests)))


if __name__ == "__main__":
    main()
