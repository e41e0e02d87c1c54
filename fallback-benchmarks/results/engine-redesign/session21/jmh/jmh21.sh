#!/usr/bin/env bash
# jmh21.sh OUT ROUNDS JDK "VARIANTS" REGEX: one fork per build in turn
out=/tmp/ab/$1; mkdir -p $out
J=$([ $3 = 17 ] && echo /usr/lib/jvm/java-17-openjdk-amd64 || echo /usr/lib/jvm/temurin-25-jdk-amd64)
for round in $(seq 1 $2); do
  for v in $4; do
    d=/tmp/ab/$v; o=$out/$v-jdk$3-r$round; mkdir -p $o
    extra=""; case "$5" in *agent*) extra="-jvmArgsAppend -javaagent:$(ls $d/fallback-weaver-*-agent.jar | head -1)";; esac
    nice -n -19 $J/bin/java -cp "$d/bench-classes:$(cat $d/cp.txt)" org.openjdk.jmh.Main "$5" $extra ${JMHX} -f 1 -wi 3 -w 1s -i 5 -r 1s -rf json -rff $o/r.json > $o/r.txt 2>&1
    echo "$v r$round done $(date +%T) load $(cut -d' ' -f1 /proc/loadavg)"
  done
done
