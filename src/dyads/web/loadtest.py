"""A bounded load test of `dyads serve` on 127.0.0.1: N concurrent clients for T seconds.

It starts the server in a child process on a free loopback port, drives the JSON API and the
pages with N threads (each its own HTTP connection) cycling through a fixed list of requests,
and reports requests, errors and latency percentiles. It only ever talks to 127.0.0.1, stops by
itself after T seconds, and stops the server it started.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field

import click
import httpx

PATHS = (
    "/",
    "/api/stats",
    "/api/overview",
    "/api/overview?quad_class=4",
    "/api/events?limit=50",
    "/api/events?cameo=19&limit=20",
    "/api/network",
    "/api/map",
    "/api/actors?q=ru",
    "/api/articles?limit=20",
    "/api/facets",
    "/api/events?q=%3Cscript%3E&limit=5",
    "/api/events?limit=999999",  # over the cap: must be refused with a JSON 422, which is not an error here
)


@dataclass
class LoadReport:
    clients: int
    seconds: float
    requests: int = 0
    errors: int = 0
    refused_as_expected: int = 0
    latencies_ms: list[float] = field(default_factory=list)
    error_samples: list[str] = field(default_factory=list)

    def percentile(self, p: float) -> float:
        if not self.latencies_ms:
            return 0.0
        xs = sorted(self.latencies_ms)
        return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]

    def format(self) -> str:
        return (
            f"{self.clients} clients x {self.seconds:.0f} s: {self.requests} requests "
            f"({self.requests / self.seconds:.0f}/s), {self.errors} errors, "
            f"{self.refused_as_expected} over-limit requests refused with 422 as expected; latency ms "
            f"p50 {self.percentile(50):.1f}, p95 {self.percentile(95):.1f}, p99 {self.percentile(99):.1f}, "
            f"max {max(self.latencies_ms, default=0):.1f}"
        )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: str, port: int) -> subprocess.Popen:
    proc = subprocess.Popen(
        [sys.executable, "-m", "dyads.cli", "serve", "--db", db, "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    deadline = time.time() + 60
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited: {proc.stderr.read().decode() if proc.stderr else ''}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("server did not start within 60 s")


def run_load(db: str, clients: int = 50, seconds: float = 60.0) -> LoadReport:
    port = _free_port()
    server = start_server(db, port)
    report = LoadReport(clients, seconds)
    lock = threading.Lock()
    stop_at = time.perf_counter() + seconds

    def client(k: int) -> None:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as http:
            i = k
            while time.perf_counter() < stop_at:
                path = PATHS[i % len(PATHS)]
                i += 1
                t0 = time.perf_counter()
                try:
                    r = http.get(path)
                    ok = r.status_code == 200 or (r.status_code == 422 and "999999" in path)
                    json_error = r.status_code != 200 and not r.headers.get("content-type", "").startswith(
                        "application/json")
                    ok = ok and not json_error
                    why = f"{path}: HTTP {r.status_code}"
                except httpx.HTTPError as exc:
                    ok, why = False, f"{path}: {type(exc).__name__}"
                ms = (time.perf_counter() - t0) * 1000
                with lock:
                    report.requests += 1
                    report.latencies_ms.append(ms)
                    if not ok:
                        report.errors += 1
                        if len(report.error_samples) < 10:
                            report.error_samples.append(why)
                    elif "999999" in path:
                        report.refused_as_expected += 1

    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
    return report


@click.command("load")
@click.option("--db", required=True, help="Database to serve (opened read-only).")
@click.option("--clients", default=50, show_default=True)
@click.option("--seconds", default=60.0, show_default=True)
def command(db: str, clients: int, seconds: float) -> None:
    """Load-test `dyads serve` on 127.0.0.1: CLIENTS concurrent clients for SECONDS."""
    report = run_load(db, clients, seconds)
    click.echo(report.format())
    for e in report.error_samples:
        click.echo(f"  error: {e}")
    sys.exit(1 if report.errors else 0)


if __name__ == "__main__":
    command()
