#!/usr/bin/env bash
# run-grid.sh NEW OUT [ROUNDS]: every front door, JDK 25 and 17, one fork per build in turn (e924590's snapshot
# /tmp/ab/old against /tmp/ab/NEW, each made by session20's snap.sh). grid-old-s21b: NEW=s21b, 5 rounds;
# grid-old-m21: NEW=m21, 6 rounds.
new=$1; out=$2; mkdir -p $out
for round in $(seq 1 ${3:-6}); do
 for jdkv in 25 17; do
  J=$([ $jdkv = 17 ] && echo /usr/lib/jvm/java-17-openjdk-amd64 || echo /usr/lib/jvm/temurin-25-jdk-amd64)
  for v in old $new; do
    d=/tmp/ab/$v; o=$out/$v-jdk$jdkv-r$round; mkdir -p $o
    agent=$(ls $d/fallback-weaver-*-agent.jar | head -1)
    nice -n -19 $J/bin/java -cp "$d/bench-classes:$(cat $d/cp.txt)" org.openjdk.jmh.Main 'FrontDoors\.(happy|fallover)_(handWritten|chain|aspectj)$' -f 1 -wi 3 -w 1s -i 5 -r 1s -prof gc -rf json -rff $o/doors.json > $o/doors.txt 2>&1
    nice -n -19 $J/bin/java -cp "$d/bench-classes:$(cat $d/cp.txt)" org.openjdk.jmh.Main 'AgentFrontDoor\.' -jvmArgsAppend "-javaagent:$agent" -f 1 -wi 3 -w 1s -i 5 -r 1s -prof gc -rf json -rff $o/agent.json > $o/agent.txt 2>&1
    echo "$v jdk$jdkv r$round done $(date +%T) load $(cut -d' ' -f1 /proc/loadavg)"
  done
 done
done
