#!/usr/bin/env bash
# CPU-time A/B: run.sh; env VARS, METHODS, JDKS, ROUNDS
for jdkv in ${JDKS:-17 25}; do
  J=$([ $jdkv = 17 ] && echo /usr/lib/jvm/java-17-openjdk-amd64 || echo /usr/lib/jvm/temurin-25-jdk-amd64)
  for round in $(seq 1 ${ROUNDS:-3}); do
    for v in ${VARS:-old head noweak nolisten both}; do
      d=/tmp/ab/$v
      for m in ${METHODS:-happy_handWritten happy_chain}; do
        extra=""; case $m in *_agent) extra="-javaagent:$(ls $d/fallback-weaver-*-agent.jar 2>/dev/null | head -1)";; esac
        echo "$jdkv $v $round $(nice -n -19 $J/bin/java $extra ${JX} -cp "/tmp/ab/cpu:$d/bench-classes:$(cat $d/cp.txt)" CpuTime $m)"
      done
    done
  done
done
