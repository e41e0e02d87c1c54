#!/usr/bin/env bash
for jdkv in 17 25; do
  J=$([ $jdkv = 17 ] && echo /usr/lib/jvm/java-17-openjdk-amd64 || echo /usr/lib/jvm/temurin-25-jdk-amd64)
  for v in old fix2; do
    d=/tmp/ab/$v; out=/tmp/ab/jmhfinal/$v$jdkv; mkdir -p $out
    agent=$(ls $d/fallback-weaver-*-agent.jar | head -1)
    nice -n -19 $J/bin/java -cp "$d/bench-classes:$(cat $d/cp.txt)" org.openjdk.jmh.Main 'FrontDoors\.(happy|fallover)_(handWritten|chain|aspectj)$' -f 1 -wi 3 -w 1s -i 5 -r 1s -prof gc -rf json -rff $out/doors.json > $out/doors.txt 2>&1
    nice -n -19 $J/bin/java -cp "$d/bench-classes:$(cat $d/cp.txt)" org.openjdk.jmh.Main 'AgentFrontDoor\.' -jvmArgsAppend "-javaagent:$agent" -f 1 -wi 3 -w 1s -i 5 -r 1s -prof gc -rf json -rff $out/agent.json > $out/agent.txt 2>&1
    echo "$v$jdkv done $(date +%T) load $(cut -d' ' -f1 /proc/loadavg)"
  done
done
