#!/bin/sh
# Run by `mvn package` in aup-rules-examples (exec-maven-plugin), after the jar and lib/ are made:
#   1. installs the launcher TARGET/aup-rules from its template, executable;
#   2. records the classes a typical run loads (evaluate SAMPLE with the pre-built default pack);
#   3. builds a static class-data-sharing archive of them, TARGET/aup-rules.jsa.
# JDK 17's dynamic archive (-XX:ArchiveClassesAtExit) crashes on Drools' lambda proxies, and a
# class list's @lambda-proxy lines make -Xshare:dump fail the same way, so those lines are dropped.
# An archive that cannot be built is only a warning: the launcher runs without one.
#
# usage: package-launcher.sh TEMPLATE TARGET_DIR JAVA SAMPLE
set -eu
template=$1
target=$(CDPATH='' cd -- "$2" && pwd -P)
java=$3
sample=$4

cp "$template" "$target/aup-rules"
chmod 755 "$target/aup-rules"

log="$target/aup-rules.jsa.log"
rm -f "$target/aup-rules.jsa" "$target/aup-rules.classlist" "$target/aup-rules.classlist.raw"
if ! "$java" -Xshare:off -XX:TieredStopAtLevel=1 -XX:DumpLoadedClassList="$target/aup-rules.classlist.raw" \
        -jar "$target/aup-rules.jar" evaluate "$sample" >/dev/null 2>"$log"; then
    echo "warning: the training run for the class-data-sharing archive failed (see $log); the launcher runs without an archive" >&2
    exit 0
fi
grep -v '^@lambda-proxy' "$target/aup-rules.classlist.raw" >"$target/aup-rules.classlist"
rm -f "$target/aup-rules.classlist.raw"
if ! "$java" -Xshare:dump -XX:SharedClassListFile="$target/aup-rules.classlist" \
        -XX:SharedArchiveFile="$target/aup-rules.jsa" -jar "$target/aup-rules.jar" >>"$log" 2>&1; then
    rm -f "$target/aup-rules.jsa"
    echo "warning: the class-data-sharing archive could not be built (see $log); the launcher runs without it" >&2
fi
