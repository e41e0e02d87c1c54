#!/usr/bin/env bash
# Interleaved old (e924590, before the engine redesign) / new (HEAD) front-door runs: per round, one fork each.
set -uo pipefail
for jdkv in 17 25; do
  J=$([ $jdkv = 17 ] && echo /usr/lib/jvm/java-17-openjdk-amd64 || echo /usr/lib/jvm/temurin-25-jdk-amd64)
  for round in 1 2; do
    for lbl in old new; do
      root=$([ $lbl = old ] && echo /tmp/old-engine || echo /tmp/new-engine)
      agent=$(ls $root/fallback-weaver/target/fallback-weaver-*-agent.jar|head -1)
      cp="$root/fallback-benchmarks/target/classes:$(cat $root/fallback-benchmarks/target/classpath.txt)"
      out=/tmp/jmh-final/$lbl$jdkv; mkdir -p $out
      $J/bin/java -cp "$cp" org.openjdk.jmh.Main 'FrontDoors\.(happy|fallover)_(handWritten|chain|aspectj)$' -f 1 -wi 3 -w 1s -i 5 -r 1s -prof gc -rf json -rff $out/doors-$round.json > $out/doors-$round.txt 2>&1
      $J/bin/java -cp "$cp" org.openjdk.jmh.Main 'AgentFrontDoor\.' -jvmArgsAppend "-javaagent:$agent" -f 1 -wi 3 -w 1s -i 5 -r 1s -prof gc -rf json -rff $out/agent-$round.json > $out/agent-$round.txt 2>&1
      echo "$lbl$jdkv round $round done $(date +%T) load $(cut -d' ' -f1 /proc/loadavg)"
    done
  done
done
