# Shared by bin/demo and bin/trainer: checks the JDK, builds once, and puts the classpath in
# target/classpath.txt so later runs start at once.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
command -v java >/dev/null || { echo "needs a JDK 17 or newer on PATH (java not found)" >&2; exit 2; }
command -v mvn >/dev/null || { echo "needs Apache Maven on PATH (mvn not found)" >&2; exit 2; }
JAVA_MAJOR="$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | sed 's/^1\.//')"
if [ "${JAVA_MAJOR%%.*}" -lt 17 ]; then
  echo "needs Java 17 or newer, this is Java ${JAVA_MAJOR}" >&2; exit 2
fi
CP_FILE="$ROOT/launcher/target/classpath.txt"
if [ ! -f "$CP_FILE" ] || [ -n "$(find "$ROOT" -name '*.java' -newer "$CP_FILE" -not -path '*/target/*' | head -1)" ]; then
  echo "building (the first run downloads dependencies) ..." >&2
  (cd "$ROOT" && mvn -B -q -ntp -DskipTests install >&2 \
    && mvn -B -q -ntp -pl launcher dependency:build-classpath -Dmdep.outputFile="$CP_FILE" >&2)
fi
CLASSPATH="$ROOT/launcher/target/classes:$ROOT/offline-trainer/target/classes:$ROOT/solr-plugin/target/classes:$ROOT/personalize-model/target/classes:$(cat "$CP_FILE")"
export CLASSPATH
run_java() { exec java -Xmx3g --add-modules jdk.incubator.vector -Dconfigsets.dir="$ROOT/configsets" -Dsolr.log.dir="$ROOT/demo-data/logs" "$@"; }
