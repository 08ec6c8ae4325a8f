#!/usr/bin/env python3
"""Redis command statistics of a benchmark run (no redis-cli needed).

    bench/redis-commandstats.py DATA_DIR reset        # CONFIG RESETSTAT on the server's Redis
    bench/redis-commandstats.py DATA_DIR show [N]     # commands, calls and CPU µs, per message when N is given

DATA_DIR is the server's data directory (it holds redis.url and redis.password, written by the embedded Redis).
"""
import os
import socket
import sys
from urllib.parse import urlparse


def command(sock, *args):
    out = b"*%d\r\n" % len(args)
    for a in args:
        a = a.encode()
        out += b"$%d\r\n%s\r\n" % (len(a), a)
    sock.sendall(out)
    f = sock.makefile("rb")
    line = f.readline()
    if line.startswith(b"$"):
        n = int(line[1:])
        return f.read(n + 2)[:-2].decode()
    return line.decode().strip()


def main():
    data_dir, action = sys.argv[1], sys.argv[2]
    url = urlparse(open(f"{data_dir}/redis.url").read().strip())
    with socket.create_connection((url.hostname, url.port or 6379)) as sock:
        password_file = f"{data_dir}/redis.password"
        if os.path.exists(password_file):
            print(command(sock, "AUTH", open(password_file).read().strip()), file=sys.stderr)
        if action == "reset":
            print(command(sock, "CONFIG", "RESETSTAT"))
            return
        per = float(sys.argv[3]) if len(sys.argv) > 3 else 0
        rows = []
        for line in command(sock, "INFO", "commandstats").splitlines():
            if not line.startswith("cmdstat_"):
                continue
            name, fields = line[len("cmdstat_"):].split(":", 1)
            kv = dict(f.split("=") for f in fields.split(","))
            rows.append((name, int(kv["calls"]), int(kv["usec"])))
        rows.sort(key=lambda r: -r[2])
        total_calls = sum(r[1] for r in rows)
        total_usec = sum(r[2] for r in rows)
        print(f"{'command':<16}{'calls':>10}{'usec':>12}" + (f"{'calls/msg':>11}{'usec/msg':>10}" if per else ""))
        for name, calls, usec in rows + [("(all)", total_calls, total_usec)]:
            line = f"{name:<16}{calls:>10}{usec:>12}"
            if per:
                line += f"{calls / per:>11.2f}{usec / per:>10.1f}"
            print(line)


if __name__ == "__main__":
    main()
