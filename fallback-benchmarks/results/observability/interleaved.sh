#!/usr/bin/env bash
# Interleaved old/new runs of the happy front doors without listeners (one fork per round per side), and the
# Observability benchmark (new only) in the same rounds.
set -uo pipefail
JDKS=${JDKS:-"17 25"}
ROUNDS=${ROUNDS:-4}
for jdkv in $JDKS; do
  J=$([ $jdkv = 17 ] && echo /usr/lib/jvm/java-17-openjdk-amd64 || echo /usr/lib/jvm/temurin-25-jdk-amd64)
  for round in $(seq 1 $ROUNDS); do
    for lbl in old new; do
      root=/tmp/obs-$lbl
      agent=$(ls $root/fallback-weaver/target/fallback-weaver-*-agent.jar|head -1)
      cp="$root/fallback-benchmarks/target/classes:$(cat $root/fallback-benchmarks/target/classpath.txt)"
      out=/tmp/obs-jmh/$lbl$jdkv; mkdir -p $out
      $J/bin/java -cp "$cp" org.openjdk.jmh.Main 'FrontDoors\.happy_(chain|aspectj)$' -f 1 -wi 3 -w 1s -i 5 -r 1s -prof gc -rf json -rff $out/doors-$round.json > $out/doors-$round.txt 2>&1
      $J/bin/java -cp "$cp" org.openjdk.jmh.Main 'AgentFrontDoor\.happy_agent' -jvmArgsAppend "-javaagent:$agent" -f 1 -wi 3 -w 1s -i 5 -r 1s -prof gc -rf json -rff $out/agent-$round.json > $out/agent-$round.txt 2>&1
      if [ $lbl = new ]; then
        $J/bin/java -cp "$cp" org.openjdk.jmh.Main 'Observability\.' -f 1 -wi 3 -w 1s -i 5 -r 1s -prof gc -rf json -rff $out/obs-$round.json > $out/obs-$round.txt 2>&1
      fi
      echo "$lbl$jdkv round $round done $(date +%T) load $(cut -d' ' -f1 /proc/loadavg)"
    done
  done
done
echo ALL DONE
