#!/usr/bin/env bash
# A/B: the streaming chain's in-memory TTFT with and without StreamingRuns' FallbackTrace.of registry (TRACES.put
# removed in /tmp/ab-notraces/classes, prepended to the class path). Interleaved, 2 rounds, 1 fork each, JDK 17.
set -uo pipefail
here=/work/wt-streamdemo/fallback-benchmarks
out=$here/results/streaming/registry-ab
mkdir -p $out
cp="$here/target/classes:$(cat $here/target/classpath.txt)"
for round in 1 2; do
  for side in registry noregistry; do
    extra=""; [[ $side == noregistry ]] && extra="/tmp/ab-notraces/classes:"
    echo "$(date -u +%T) round $round $side load $(cut -d' ' -f1-3 /proc/loadavg)"
    java -Djmh.ignoreLock=true -cp "$extra$cp" org.openjdk.jmh.Main 'InMemoryTtft\.(chain|direct)_(text|events)$' \
      -f 1 -wi 3 -w 1 -i 5 -r 1 -prof gc -rf json -rff $out/$side-$round.json > $out/$side-$round.log 2>&1
  done
done
echo "$(date -u +%T) done load $(cut -d' ' -f1-3 /proc/loadavg)"
