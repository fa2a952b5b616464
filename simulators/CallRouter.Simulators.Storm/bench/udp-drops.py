#!/usr/bin/env python3
"""Where the host's UDP packets were dropped during a storm, by receiving socket's port range.

Samples /proc/net/udp every 2 s while process PID runs (at most 15 minutes) and keeps, per socket, the largest drop count seen (a socket's
counter dies with it, so short-lived sockets are caught only while open); prints the sums per range and the
host's Udp counters over the same time. Read-only: it changes nothing on the host.
    udp-drops.py PID gateway=20000-35999 sipp=36000-39999 agents=40000-49999
"""
import os
import sys
import time


def snmp():
    rows = [line.split() for line in open("/proc/net/snmp") if line.startswith("Udp:")]
    return dict(zip(rows[0][1:], map(int, rows[1][1:])))


def main(pid, specs):
    ranges = []
    for spec in specs:
        name, span = spec.split("=")
        low, high = span.split("-")
        ranges.append((name, int(low), int(high)))
    before = snmp()
    seen = {}
    until = time.time() + 900
    while time.time() < until and os.path.exists(f"/proc/{pid}"):
        for line in list(open("/proc/net/udp"))[1:]:
            fields = line.split()
            port = int(fields[1].split(":")[1], 16)
            name = next((n for n, low, high in ranges if low <= port <= high), "other")
            inode, drops = fields[9], int(fields[12])
            seen[inode] = (name, max(drops, seen.get(inode, (name, 0))[1]))
        time.sleep(2)
    after = snmp()
    totals = {name: 0 for name, _, _ in ranges}
    totals["other"] = 0
    for name, drops in seen.values():
        totals[name] += drops
    print("udp drops by receiving socket: " + ", ".join(f"{n} {d}" for n, d in totals.items()))
    print("host Udp counters over the run: " + ", ".join(f"{k} {after[k] - before[k]}" for k in ("InDatagrams", "RcvbufErrors", "SndbufErrors")))


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2:])
