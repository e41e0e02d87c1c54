#!/usr/bin/env bash
# JMH, 3 forks per benchmark, old (e924590) vs v4, JDK 17 and 25, quiet machine
out=/tmp/ab/jmh3; mkdir -p $out
for jdkv in 17 25; do
  J=$([ $jdkv = 17 ] && echo /usr/lib/jvm/java-17-openjdk-amd64 || echo /usr/lib/jvm/temurin-25-jdk-amd64)
  for v in old v4; do
    d=/tmp/ab/$v; o=$out/$v$jdkv; mkdir -p $o
    agent=$(ls $d/fallback-weaver-*-agent.jar | head -1)
    nice -n -19 $J/bin/java -cp "$d/bench-classes:$(cat $d/cp.txt)" org.openjdk.jmh.Main 'FrontDoors\.(happy|fallover)_(handWritten|chain|aspectj)$' -f 3 -wi 3 -w 1s -i 5 -r 1s -prof gc -rf json -rff $o/doors.json > $o/doors.txt 2>&1
    nice -n -19 $J/bin/java -cp "$d/bench-classes:$(cat $d/cp.txt)" org.openjdk.jmh.Main 'AgentFrontDoor\.' -jvmArgsAppend "-javaagent:$agent" -f 3 -wi 3 -w 1s -i 5 -r 1s -prof gc -rf json -rff $o/agent.json > $o/agent.txt 2>&1
    echo "$v$jdkv done $(date +%T) load $(cut -d' ' -f1 /proc/loadavg)"
  done
done
