#!/usr/bin/env bash
# Runs the streaming benchmarks on JDK 17 and 25 once no other JMH fork runs (waits at most 6 min).
set -uo pipefail
here=/work/wt-streamdemo/fallback-benchmarks
out=$here/results/streaming
cp="$here/target/classes:$(cat $here/target/classpath.txt)"
wait_quiet() {
  for i in $(seq 1 36); do
    pgrep -f 'jmh.runner.ForkedMain' >/dev/null || return 0
    echo "$(date -u +%T) another JMH fork is running; waiting"; sleep 10
  done
  echo "$(date -u +%T) still busy after 6 min; running anyway"
}
{
  echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "commit: $(git -C $here rev-parse --short HEAD)"
  echo "cpu: $(nproc) x $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)"
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
} > $out/machine.txt
for jdk in /usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/temurin-25-jdk-amd64; do
  v=$($jdk/bin/java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
  wait_quiet
  echo "$(date -u +%T) JMH on JDK $v, load $(cut -d' ' -f1-3 /proc/loadavg)"
  $jdk/bin/java -Djmh.ignoreLock=true -cp "$cp" dev.llmfallback.benchmarks.streaming.RunStreamingBenchmarks --out $out > $out/ttft-jmh-jdk$v.log 2>&1
  echo "$(date -u +%T) rc=$? outage on JDK $v, load $(cut -d' ' -f1-3 /proc/loadavg)"
  $jdk/bin/java -cp "$cp" dev.llmfallback.benchmarks.streaming.StreamingOutage --out $out --name ttft-outage-jdk$v > $out/ttft-outage-jdk$v.log 2>&1
  echo "$(date -u +%T) rc=$? done JDK $v"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >> $out/machine.txt
echo "$(date -u +%T) all done"
