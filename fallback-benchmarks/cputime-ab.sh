#!/usr/bin/env bash
# A/B of builds in thread CPU time (dev.llmfallback.benchmarks.cputime.CpuTime): robust to a shared machine's load.
#
#   fallback-benchmarks/cputime-ab.sh old=/path/to/old-checkout new=/path/to/new-checkout
#   METHODS="happy_handWritten happy_chain happy_aspectj happy_agent" JDKS="17 25" ROUNDS=3 fallback-benchmarks/cputime-ab.sh ...
#
# Each checkout must have been built (mvn -o -q package -DskipTests -pl fallback-benchmarks -am). The harness is
# this checkout's, put first on each build's classpath, so older builds can be measured too. One JVM per
# method, build and round, interleaved, at nice -19 (root) so that the benchmark thread keeps its core.
# Prints "<jdk> <label> <round> <method> min <ns> med <ns> bytes <B>" lines; compare the same method across labels.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
harness="$(mktemp -d)"
mkdir -p "$harness/dev/llmfallback/benchmarks"
cp -r "$here/target/classes/dev/llmfallback/benchmarks/cputime" "$harness/dev/llmfallback/benchmarks/"
nice_cmd=(); [ "$(id -u)" = 0 ] && nice_cmd=(nice -n -19)
for jdk in ${JDKS:-17 25}; do
  java="/usr/lib/jvm/java-17-openjdk-amd64/bin/java"; [ "$jdk" = 25 ] && java="${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
  for round in $(seq 1 "${ROUNDS:-3}"); do
    for build in "$@"; do
      label="${build%%=*}"; root="${build#*=}"
      cp="$harness:$root/fallback-benchmarks/target/classes:$(cat "$root/fallback-benchmarks/target/classpath.txt")"
      agent="$(ls "$root"/fallback-weaver/target/fallback-weaver-*-agent.jar | head -1)"
      for method in ${METHODS:-happy_handWritten happy_chain happy_aspectj happy_agent fallover_handWritten fallover_chain fallover_aspectj fallover_agent}; do
        extra=(); [[ "$method" == *_agent ]] && extra=("-javaagent:$agent")
        echo "$jdk $label $round $("${nice_cmd[@]}" "$java" "${extra[@]}" -cp "$cp" dev.llmfallback.benchmarks.cputime.CpuTime "$method" 2>/dev/null | tail -1)"
      done
    done
  done
done
rm -rf "$harness"
