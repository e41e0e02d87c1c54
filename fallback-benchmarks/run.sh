#!/usr/bin/env bash
# Builds llm-fallback and runs every benchmark of BENCHMARKS.md on JDK 17 and JDK 25.
#
#   fallback-benchmarks/run.sh            # everything: about 35 minutes on 2 cores
#   fallback-benchmarks/run.sh --quick    # smoke run of everything (minutes; numbers not for publishing)
#   ONLY=jmh|vthreads|outage|sustained|fleet|streaming fallback-benchmarks/run.sh   # one part
#   JAVA17=/path/to/jdk17 JAVA25=/path/to/jdk25 fallback-benchmarks/run.sh
#   MVN_ARGS="-Dmaven.repo.local=/tmp/m2" fallback-benchmarks/run.sh   # extra arguments for the build
#   SKIP_BUILD=1 fallback-benchmarks/run.sh                             # measure what is already built
#
# Results (Markdown tables, JMH JSON, the outage SVG) go to fallback-benchmarks/results/ (RESULTS=... to change).
# Close everything else first: the machine's noise is in the numbers.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
JAVA17="${JAVA17:-${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}}"
JAVA25="${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64}"
RESULTS="${RESULTS:-$here/results}"
ONLY="${ONLY:-all}"
quick=()
if [[ "${1:-}" == "--quick" ]]; then
  quick=(--quick)
  RESULTS="${RESULTS}-quick"
fi

if [[ -z "${SKIP_BUILD:-}" ]]; then
  echo "== build (JDK 17, tests skipped)"
  (cd "$root" && JAVA_HOME="$JAVA17" mvn -B -q install -DskipTests ${MVN_ARGS:-})
fi
agent="$(ls "$root"/fallback-weaver/target/fallback-weaver-*-agent.jar 2>/dev/null | head -1)"
[[ -f "$agent" ]] || { echo "no agent jar in $root/fallback-weaver/target" >&2; exit 1; }
cp="$here/target/classes:$(cat "$here/target/classpath.txt")"
mkdir -p "$RESULTS"

machine() {
  echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "cpu: $(nproc) x $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)"
  echo "memory: $(free -g | awk '/Mem:/ {print $2}') GiB; clocksource: $(cat /sys/devices/system/clocksource/clocksource0/current_clocksource 2>/dev/null || echo ?)"
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
}
machine | tee "$RESULTS/machine.txt"

if [[ "$ONLY" == all || "$ONLY" == jmh ]]; then
  for jdk in "$JAVA17" "$JAVA25"; do
    echo "== JMH front doors and scale on $jdk"
    "$jdk/bin/java" -cp "$cp" dev.llmfallback.benchmarks.RunBenchmarks --agent "$agent" --out "$RESULTS" "${quick[@]}"
  done
fi

if [[ "$ONLY" == all || "$ONLY" == vthreads ]]; then
  echo "== 10,000 virtual threads on $JAVA25"
  "$JAVA25/bin/java" -javaagent:"$agent" -cp "$cp" dev.llmfallback.benchmarks.VirtualThreadScale \
    --out "$RESULTS/vthreads-jdk25.md"
fi

if [[ "$ONLY" == all || "$ONLY" == outage ]]; then
  echo "== time to an answer during an outage (JDK 17)"
  "$JAVA17/bin/java" -cp "$cp" dev.llmfallback.benchmarks.outage.OutageBenchmark --out "$RESULTS" "${quick[@]}"
fi
if [[ "$ONLY" == all || "$ONLY" == sustained ]]; then
  seconds=60
  [[ ${#quick[@]} -gt 0 ]] && seconds=15
  for jdk in "$JAVA25" "$JAVA17"; do
    version="$("$jdk/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
    echo "== a sustained outage, with and without provider health, on $jdk (about 8 minutes)"
    "$jdk/bin/java" -cp "$cp" dev.llmfallback.benchmarks.outage.SustainedOutage --out "$RESULTS" \
      --name "sustained-outage-jdk$version" --seconds "$seconds" --steady $((seconds / 2))
  done
fi

if [[ "$ONLY" == all || "$ONLY" == fleet ]]; then
  echo "== a fleet of 20 instances sharing provider health through redis-server (JDK 17)"
  "$JAVA17/bin/java" -cp "$cp" dev.llmfallback.benchmarks.fleet.FleetBenchmark --out "$RESULTS" "${quick[@]}"
fi
if [[ "$ONLY" == all || "$ONLY" == streaming ]]; then
  mkdir -p "$RESULTS/streaming"
  for jdk in "$JAVA17" "$JAVA25"; do
    version="$("$jdk/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
    echo "== time to first token: JMH happy path, then a primary failing before its first token, on $jdk"
    "$jdk/bin/java" -cp "$cp" dev.llmfallback.benchmarks.streaming.RunStreamingBenchmarks --out "$RESULTS/streaming" "${quick[@]}"
    "$jdk/bin/java" -cp "$cp" dev.llmfallback.benchmarks.streaming.StreamingOutage --out "$RESULTS/streaming" \
      --name "ttft-outage-jdk$version"
  done
fi

echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$RESULTS/machine.txt"
echo "== done: $RESULTS"
