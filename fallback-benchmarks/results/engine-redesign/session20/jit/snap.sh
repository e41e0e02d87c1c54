#!/usr/bin/env bash
# snap.sh SRC NAME: copies SRC's build to /tmp/ab/NAME
set -e
src=$1; d=/tmp/ab/$2; rm -rf $d; mkdir -p $d
for j in $(tr ':' '\n' < $src/fallback-benchmarks/target/classpath.txt | grep "^$src/"); do cp $j $d/; done
cp $src/fallback-weaver/target/fallback-weaver-*-agent.jar $d/
cp -r $src/fallback-benchmarks/target/classes $d/bench-classes
sed "s#$src/[a-z-]*/target/#$d/#g" $src/fallback-benchmarks/target/classpath.txt > $d/cp.txt
