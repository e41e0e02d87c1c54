#!/usr/bin/env bash
# Before/after the registry fix (StreamingRuns' synchronized WeakHashMap replaced by TracedStream): the in-memory
# TTFT benchmarks, JDK 17, interleaved, 2 rounds x 1 fork x (3 x 1 s warm-up + 5 x 1 s), -prof gc, nice -n -19.
# Side "before" prepends the fallback-annotations jar built at the parent commit (/tmp/pubheads-ab/before.jar);
# side "after" is the build as committed.
set -uo pipefail
here="$(cd "$(dirname "$0")/../../.." && pwd)"
out="$here/results/streaming/registry-fix"
cp="$here/target/classes:$(cat "$here/target/classpath.txt")"
for round in 1 2; do
  for side in before after; do
    extra=""; [[ $side == before ]] && extra="/tmp/pubheads-ab/before.jar:"
    echo "$(date -u +%T) round $round $side load $(cut -d' ' -f1-3 /proc/loadavg)"
    nice -n -19 java -Djmh.ignoreLock=true -cp "$extra$cp" org.openjdk.jmh.Main \
      'InMemoryTtft\.(chain_text|chain_events|direct_text)$' \
      -f 1 -wi 3 -w 1 -i 5 -r 1 -prof gc -rf json -rff "$out/$side-$round.json" > "$out/$side-$round.log" 2>&1
  done
done
echo "$(date -u +%T) done load $(cut -d' ' -f1-3 /proc/loadavg)"
