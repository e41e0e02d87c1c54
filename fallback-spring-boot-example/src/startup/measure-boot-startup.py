#!/usr/bin/env python3
"""Start-up cost of llm-fallback in a Spring Boot application: the example's executable jar started in
forked JVMs, interleaved rounds of

  plain   the starter's auto-configuration excluded (nothing of llm-fallback runs; the chain is inert)
  aop     the starter as shipped, no agent: its Spring AOP door proxies the chain bean
  agent   -javaagent:<the agent jar> (the starter stands down)

plus any --agent NAME=JAR given (e.g. an older agent jar, to compare before and after a change). Each run is
timed twice: Boot's own "Started ... (process running for S)" (JVM start to context refreshed), and the wall
time from launching the JVM to the first answered POST /summarize (the fake Anthropic answers, so every
variant takes the same path), and the process's CPU time (user + system, all its threads) at that answer,
which a loaded machine disturbs far less than wall time. Peak RSS (VmHWM) is read after that answer. One warm-up round is dropped.
The variants of one round run back to back, in an order rotated every round, so that the machine's changing
load hits them alike; the added cost is the median of the per-round differences to plain, with a 95%
bootstrap confidence interval.

  mvn -q -B -pl fallback-spring-boot-example -am -DskipTests package      # builds the two jars (no install)
  fallback-spring-boot-example/src/startup/measure-boot-startup.py [--rounds 10] [--agent before=/tmp/a.jar]

Uses $JAVA_HOME's java (else the PATH's). Prints a Markdown table; raw runs go to
fallback-spring-boot-example/target/startup/runs-<jdk>.csv.
"""
import argparse
import json
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
MODULE = os.path.join(ROOT, "fallback-spring-boot-example")
STARTED = re.compile(r"Started SummarizeApplication in [\d.]+ seconds \(process running for ([\d.]+)\)")
PORT = re.compile(r"Tomcat started on port (\d+)")
AUTO_CONFIGURATION = "dev.llmfallback.spring.boot3.LlmFallbackAutoConfiguration"


def version():
    with open(os.path.join(ROOT, "pom.xml")) as pom:
        return re.search(r"^  <version>(.*)</version>", pom.read(), re.M).group(1)


def run_once(java, jvm_args, app_args, jar):
    command = [java, *jvm_args, "-jar", jar, "--spring.profiles.active=fakes", "--example.fakes.anthropic=answer",
               "--server.address=127.0.0.1", "--server.port=0", *app_args]
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    port = started = None
    lines = []
    try:
        for line in process.stdout:
            lines.append(line)
            if port is None and (m := PORT.search(line)):
                port = int(m.group(1))
            if (m := STARTED.search(line)):
                started = float(m.group(1)) * 1000
                break
        if port is None or started is None:
            raise RuntimeError("did not start: " + " ".join(command) + "\n" + "".join(lines[-30:]))
        request = urllib.request.Request(f"http://127.0.0.1:{port}/summarize", method="POST",
                                         data=json.dumps({"text": "Providers go down. A chain answers."}).encode(),
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=60) as response:
            body = json.loads(response.read())
        first_answer = (time.perf_counter() - start) * 1000
        if not body.get("summary", "").startswith("[fake anthropic]"):
            raise RuntimeError("unexpected answer " + json.dumps(body))
        with open(f"/proc/{process.pid}/status") as status:
            rss = int(re.search(r"VmHWM:\s+(\d+) kB", status.read()).group(1)) / 1024
        with open(f"/proc/{process.pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
            cpu = (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")
        return started, first_answer, cpu, rss, "".join(lines)
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()


def bootstrap_median_ci(values, seed=1):
    rng = random.Random(seed)
    medians = sorted(statistics.median(rng.choices(values, k=len(values))) for _ in range(2000))
    return medians[int(0.025 * len(medians))], medians[int(0.975 * len(medians)) - 1]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--agent", action="append", default=[], metavar="NAME=JAR",
                        help="another agent jar to run as a variant of its own")
    parser.add_argument("--no-aop", action="store_true", help="leave out the aop variant")
    parser.add_argument("--jar", help="the application's fat jar (default: the example's, in target/)")
    parser.add_argument("--agent-jar", help="the agent jar of the variant 'agent' (default: fallback-weaver's)")
    args = parser.parse_args()
    # Stopped from outside: leave through the finally blocks, which stop the app being measured.
    signal.signal(signal.SIGTERM, lambda *ignored: sys.exit(143))

    java = os.path.join(os.environ["JAVA_HOME"], "bin", "java") if os.environ.get("JAVA_HOME") else "java"
    v = version()
    jar = args.jar or os.path.join(MODULE, "target", f"fallback-spring-boot-example-{v}.jar")
    agent = args.agent_jar or os.path.join(ROOT, "fallback-weaver", "target", f"fallback-weaver-{v}-agent.jar")
    for f in (jar, agent):
        if not os.path.isfile(f):
            raise SystemExit(f"missing {f}: run 'mvn -q -B -pl fallback-spring-boot-example -am -DskipTests package'")
    variants = {"plain": ([], [f"--spring.autoconfigure.exclude={AUTO_CONFIGURATION}"])}
    if not args.no_aop:
        variants["aop"] = ([], [])
    variants["agent"] = ([f"-javaagent:{agent}"], [])
    for spec in args.agent:
        name, path = spec.split("=", 1)
        variants[name] = ([f"-javaagent:{os.path.abspath(path)}"], [])

    jdk = subprocess.run([java, "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    print(f"== {jdk}; {os.cpu_count()} cores; load {open('/proc/loadavg').read().split()[:3]}", flush=True)
    # Each variant once, checked: the agent variants must weave, the others must not.
    for name, (jvm, app) in variants.items():
        _, _, _, _, out = run_once(java, jvm + ["-Dllmfallback.agent.log=info"], app, jar)
        woven = "wove dev.llmfallback.examples.boot.Summarizer" in out
        if woven != bool(jvm):
            raise SystemExit(f"{name}: expected {'a' if jvm else 'no'} woven Summarizer")

    names = list(variants)
    rows = {name: [] for name in names}
    for round_ in range(args.rounds + 1):
        order = names[round_ % len(names):] + names[:round_ % len(names)]
        for name in order:
            jvm, app = variants[name]
            started, first, cpu, rss, _ = run_once(java, jvm, app, jar)
            if round_ > 0:
                rows[name].append((round_, started, first, cpu, rss))
        print(f"round {round_}/{args.rounds} done; load {open('/proc/loadavg').read().split()[0]}", flush=True)

    out_dir = os.path.join(MODULE, "target", "startup")
    os.makedirs(out_dir, exist_ok=True)
    major = re.search(r'"(\d+)', jdk).group(1) if re.search(r'"(\d+)', jdk) else "jdk"
    with open(os.path.join(out_dir, f"runs-{major}.csv"), "w") as csv:
        csv.write("variant,round,started_ms,first_answer_ms,cpu_ms,peak_rss_mb\n")
        for name in names:
            for r, s, f, c, m in rows[name]:
                csv.write(f"{name},{r},{s:.0f},{f:.0f},{c:.0f},{m:.1f}\n")

    def q(values):
        qs = statistics.quantiles(values, n=4)
        return statistics.median(values), qs[0], qs[2]

    plain = {r: (s, f, c, m) for r, s, f, c, m in rows["plain"]}
    print(f"\n{args.rounds} interleaved rounds; median [p25-p75]; added = median of per-round differences to "
          f"plain [95% CI]\n")
    print("| variant | Started (JVM uptime) | added | first answer (wall) | added | CPU to first answer | added "
          "| peak RSS | added |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name in names:
        cells = [name]
        for i in range(4):
            values = [row[1 + i] for row in rows[name]]
            med, p25, p75 = q(values)
            unit = " MB" if i == 3 else " ms"
            cells.append(f"{med:.0f}{unit} [{p25:.0f}-{p75:.0f}]")
            if name == "plain":
                cells.append("-")
            else:
                diffs = [row[1 + i] - plain[row[0]][i] for row in rows[name]]
                lo, hi = bootstrap_median_ci(diffs)
                cells.append(f"{statistics.median(diffs):+.0f}{unit} [{lo:+.0f}, {hi:+.0f}]")
        print("| " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
