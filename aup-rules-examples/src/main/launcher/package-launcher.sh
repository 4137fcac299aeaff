#!/bin/sh
# Run by `mvn package` in aup-rules-examples (exec-maven-plugin), after the jar and lib/ are made:
#   1. installs the launcher TARGET/aup-rules from its template, executable;
#   2. records the classes a typical run loads (evaluate SAMPLE with the pre-built default pack);
#   3. builds a static class-data-sharing archive of them, TARGET/aup-rules.jsa, and checks it by
#      evaluating SAMPLE with it (-Xshare:on, so an archive the JVM cannot map fails the check).
# Some JDK 17 builds crash on archived lambda proxies (the dynamic archive, -XX:ArchiveClassesAtExit,
# and a class list's @lambda-proxy lines alike). The class list is tried whole first (its lambda
# proxies save about a tenth of the CPU of a run), then without the @lambda-proxy lines.
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
# dump CLASSLIST: a static archive of the classes listed, then a run of the sample with it
dump() {
    rm -f "$target/aup-rules.jsa"
    "$java" -Xshare:dump -XX:SharedClassListFile="$1" -XX:SharedArchiveFile="$target/aup-rules.jsa" \
        -jar "$target/aup-rules.jar" >>"$log" 2>&1 &&
        "$java" -Xshare:on -XX:SharedArchiveFile="$target/aup-rules.jsa" -XX:TieredStopAtLevel=1 \
            -jar "$target/aup-rules.jar" evaluate "$sample" >/dev/null 2>>"$log"
}
if dump "$target/aup-rules.classlist.raw"; then
    mv "$target/aup-rules.classlist.raw" "$target/aup-rules.classlist"
    exit 0
fi
echo "the archive with lambda proxies failed; building it without them" >>"$log"
grep -v '^@lambda-proxy' "$target/aup-rules.classlist.raw" >"$target/aup-rules.classlist"
rm -f "$target/aup-rules.classlist.raw"
if ! dump "$target/aup-rules.classlist"; then
    rm -f "$target/aup-rules.jsa"
    echo "warning: the class-data-sharing archive could not be built (see $log); the launcher runs without it" >&2
fi
