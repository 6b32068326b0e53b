#!/usr/bin/env python3
"""Debian's nginx playing a fleetsim estate, for bench/nginx.

nginx_estate.py conf DIR PORT PHONES LATENCY_MS KEEPALIVE [RECORD_FROM]
    writes DIR/nginx.conf and DIR/inventory.csv for the first PHONES rows of DIR/phones.csv
    (fleetsim's inventory): one worker, access log off; phonesweep and curl connect to each
    phone's own loopback address at PORT, wrk to 127.0.0.1:PORT; the Host header names the phone. A phone's
    answer to GET PATH?QUERY is the file DIR/www/HOST/PATH/_QUERY; none: 404.
    LATENCY_MS > 0 holds every answer with the echo module's echo_sleep; KEEPALIVE 0 closes
    every connection after one answer (keepalive_timeout 0).
    With RECORD_FROM (fleetsim's phone port) nginx instead passes every request to the phone
    at that port and stores each 200 answer where it will serve it from (proxy_store): one
    phonesweep sweep through it records exactly the pages phonesweep asks, as fleetsim answers
    them, so phonesweep later reads the same bytes from nginx and finds every phone healthy.
nginx_estate.py urls DIR PORT PHONES CURL_LIMIT
    writes DIR/urls.txt and DIR/urls.curl: the recorded pages of the first PHONES phones, for
    wrk (bench/tools/rotate.lua) and curl --parallel (the first CURL_LIMIT).
"""
import csv
import os
import sys


def phones(inventory: str, count: int):
    with open(inventory, newline="") as f:
        reader = csv.DictReader(f)
        rows = [row for _, row in zip(range(count), reader)]
        return reader.fieldnames, rows


def conf(out: str, port: str, count: int, latency_ms: int, keepalive: bool, record_from: str):
    fields, rows = phones(os.path.join(out, "phones.csv"), count)
    # One socket on the wildcard address, as fleetsim's phone port: a socket per phone would
    # need more descriptors than the hard limit here (20,000) for the 20,000-phone estate. Every
    # client still connects to its phone's own 127.x address; nginx tells them by the Host header.
    listens = f"    listen {port} backlog=4096;"
    if record_from:
        serve = f"""    location / {{
      proxy_pass http://$server_addr:{record_from};
      proxy_set_header Host $http_host;
      proxy_store {out}/www/$host$uri/_$args;
    }}"""
    elif latency_ms > 0:
        # echo_sleep holds the answer without a thread; the page itself is a subrequest.
        serve = f"""    location / {{ echo_sleep {latency_ms / 1000:.3f}; echo_location /__page$uri $args; }}
    location ~ ^/__page(?<page>/.*)$ {{ internal; try_files /$host$page/_$args =404; }}"""
    else:
        serve = "    location / { try_files /$host$uri/_$args =404; }"
    text = f"""load_module /usr/lib/nginx/modules/ngx_http_echo_module.so;
daemon off;
master_process off;
worker_processes 1;
worker_rlimit_nofile 20000;
pid {out}/nginx.pid;
error_log {out}/error.log error;
events {{ worker_connections 19000; multi_accept on; }}
http {{
  access_log off;
  default_type application/octet-stream;
  client_body_temp_path {out}/tmp;
  proxy_temp_path {out}/tmp;
  fastcgi_temp_path {out}/tmp;
  uwsgi_temp_path {out}/tmp;
  scgi_temp_path {out}/tmp;
  keepalive_timeout {65 if keepalive else 0};
  keepalive_requests 1000000;
  server {{
{listens}
    root {out}/www;
    location = /__stats {{ stub_status; }}
{serve}
  }}
}}
"""
    with open(os.path.join(out, "nginx.conf"), "w") as f:
        f.write(text)
    with open(os.path.join(out, "inventory.csv"), "w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=fields)
        writer.writeheader()
        for row in rows:
            row["address"] = row["address"].split(":")[0] + ":" + port
            writer.writerow(row)


def urls(out: str, port: str, count: int, curl_limit: int):
    """DIR/urls.txt ("host path" a line, for rotate.lua) and DIR/urls.curl (the first
    curl_limit as a curl -K config): every page recorded for the first PHONES phones."""
    _, rows = phones(os.path.join(out, "phones.csv"), count)
    requests = []
    for row in rows:
        host = row["address"].split(":")[0]
        top = os.path.join(out, "www", host)
        for folder, _, files in sorted(os.walk(top)):
            for name in files:
                if name.startswith("_"):
                    query = name[1:]
                    path = folder[len(top):] + ("?" + query if query else "")
                    requests.append((host, path))
    with open(os.path.join(out, "urls.txt"), "w") as f:
        f.writelines(f"{h} {p}\n" for h, p in requests)
    with open(os.path.join(out, "urls.curl"), "w") as f:
        f.writelines(f'url = "http://{h}:{port}{p}"\noutput = "/dev/null"\n' for h, p in requests[:curl_limit])
    print(len(requests))


def main():
    if sys.argv[1] == "conf":
        conf(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), sys.argv[6] == "1",
             sys.argv[7] if len(sys.argv) > 7 else "")
    elif sys.argv[1] == "urls":
        urls(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]))
    else:
        sys.exit("usage: nginx_estate.py crawl|conf ...")


if __name__ == "__main__":
    main()
