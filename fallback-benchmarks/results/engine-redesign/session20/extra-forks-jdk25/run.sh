#!/usr/bin/env bash
# More forks for JDK 25's programmatic fall-over and its hand-written control: one fork per build in turn, 8 rounds.
out=/tmp/ab/jmh20b; mkdir -p $out
J=/usr/lib/jvm/temurin-25-jdk-amd64
for round in 1 2 3 4 5 6 7 8; do
  for v in old f20; do
    d=/tmp/ab/$v; o=$out/$v-jdk25-r$round; mkdir -p $o
    nice -n -19 $J/bin/java -cp "$d/bench-classes:$(cat $d/cp.txt)" org.openjdk.jmh.Main 'FrontDoors\.fallover_(handWritten|chain)$' -f 1 -wi 3 -w 1s -i 5 -r 1s -rf json -rff $o/doors.json > $o/doors.txt 2>&1
    echo "$v r$round done $(date +%T) load $(cut -d' ' -f1 /proc/loadavg)"
  done
done
