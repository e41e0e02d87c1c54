#!/usr/bin/env python3
"""The agent's time on the thread that loads the first @LlmFallback class (in the example, Boot's main thread
while it creates the beans), before and after a change to the agent: the example's fat jar started under each
agent jar with -Dllmfallback.agent.log=debug, interleaved, until "Started SummarizeApplication"; read from the
agent's debug lines. For an agent that sets Byte Buddy up on that thread ("Byte Buddy set up in N ms" before the
first "wove"), the set-up plus the first weave; for one that sets it up in the background, any wait for it
("waited N ms for Byte Buddy's set-up") plus the first weave.

  mvn -q -B -pl fallback-spring-boot-example -am -DskipTests package
  fallback-spring-boot-example/src/startup/measure-agent-main-thread.py --before OLD-agent.jar [--after NEW.jar] [--rounds 8]

Uses $JAVA_HOME's java (else the PATH's).
"""
import argparse
import os
import re
import statistics
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))


def version():
    with open(os.path.join(ROOT, "pom.xml")) as pom:
        return re.search(r"^  <version>(.*)</version>", pom.read(), re.M).group(1)


def main_thread_ms(java, agent, jar):
    process = subprocess.Popen([java, "-javaagent:" + agent, "-Dllmfallback.agent.log=debug", "-jar", jar,
                                "--spring.profiles.active=fakes", "--server.port=0", "--server.address=127.0.0.1"],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines = []
    try:
        for line in process.stdout:
            lines.append(line)
            if "Started SummarizeApplication" in line:
                break
    finally:
        process.terminate()
        process.communicate(timeout=60)
    text = "".join(lines)
    wove = re.search(r"wove dev\.llmfallback\.examples\.boot\.Summarizer in (\d+) us", text)
    if not wove:
        raise SystemExit("no 'wove' line: is the agent attached?\n" + text[-3000:])
    background = "warmed up in the background" in text or "no background warm-up" in text
    setup = re.search(r"Byte Buddy set up in (\d+) ms", text)
    wait = re.search(r"waited (\d+) ms for Byte Buddy's set-up", text)
    before_first = 0 if background else int(setup.group(1))
    return int(wove.group(1)) / 1000 + before_first + (int(wait.group(1)) if wait else 0), bool(wait)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--before", required=True)
    parser.add_argument("--after")
    parser.add_argument("--jar")
    parser.add_argument("--rounds", type=int, default=8)
    args = parser.parse_args()
    java = os.path.join(os.environ["JAVA_HOME"], "bin", "java") if os.environ.get("JAVA_HOME") else "java"
    v = version()
    jar = args.jar or os.path.join(ROOT, "fallback-spring-boot-example", "target",
                                   f"fallback-spring-boot-example-{v}.jar")
    agents = {"before": args.before,
              "after": args.after or os.path.join(ROOT, "fallback-weaver", "target", f"fallback-weaver-{v}-agent.jar")}
    results = {name: [] for name in agents}
    waits = 0
    for round_ in range(args.rounds):
        names = list(agents) if round_ % 2 == 0 else list(agents)[::-1]
        for name in names:
            ms, waited = main_thread_ms(java, agents[name], jar)
            waits += waited and name == "after"
            results[name].append(ms)
            print(f"round {round_}: {name} {ms:.0f} ms; load {open('/proc/loadavg').read().split()[0]}", flush=True)
    for name, values in results.items():
        print(f"{name}: median {statistics.median(values):.0f} ms ({min(values):.0f}-{max(values):.0f}), "
              f"{len(values)} runs")
    print(f"after: waited for the background set-up in {waits} of {args.rounds} runs")


if __name__ == "__main__":
    main()
