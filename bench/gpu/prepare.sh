#!/usr/bin/env bash
# Prepares what a GPU machine without Java or Maven needs to run TileVM: a small Java runtime made
# with jlink and the TileVM jars, in .gpu/ at the repository root (git-ignored; carry it to the
# machine). Then, on the machine: bench/gpu/session.sh (see bench/gpu/README.md).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
./tilevm build
find_jdk() {
  for d in "${TILEVM_JAVA_HOME:-}" "${JAVA_HOME:-}" /usr/lib/jvm/*; do
    [ -n "$d" ] && [ -x "$d/bin/jlink" ] || continue
    v="$("$d/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
    [ "${v%%.*}" -ge 25 ] 2>/dev/null && { echo "$d"; return; }
  done
  echo "prepare.sh: no JDK >= 25 with jlink found (set TILEVM_JAVA_HOME)" >&2; exit 2
}
JH="$(find_jdk)"
rm -rf .gpu && mkdir -p .gpu/lib
"$JH/bin/jlink" --add-modules java.base,java.logging,jdk.unsupported,jdk.incubator.vector \
  --strip-debug --no-man-pages --no-header-files --compress zip-9 --output .gpu/jre
cp cli/target/classes -r .gpu/lib/cli-classes
{ tr ":" "\n" < cli/target/classpath.txt; echo; } | while read -r jar; do [ -n "$jar" ] && cp "$jar" .gpu/lib/; done
EXCLUDE="$(git rev-parse --git-path info/exclude)"
grep -qx '/.gpu/' "$EXCLUDE" 2>/dev/null || echo '/.gpu/' >> "$EXCLUDE"
du -sh .gpu
