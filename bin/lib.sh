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
SPARK_CP_FILE="$ROOT/spark-trainer/target/spark-classpath.txt"
if [ ! -f "$CP_FILE" ] || [ ! -f "$SPARK_CP_FILE" ] || [ -n "$(find "$ROOT" -name '*.java' -newer "$CP_FILE" -not -path '*/target/*' | head -1)" ]; then
  echo "building (the first run downloads dependencies) ..." >&2
  (cd "$ROOT" && mvn -B -q -ntp -DskipTests install >&2 \
    && mvn -B -q -ntp -pl launcher dependency:build-classpath -Dmdep.outputFile="$CP_FILE" >&2)
fi
CLASSPATH="$ROOT/launcher/target/classes:$ROOT/offline-trainer/target/classes:$ROOT/solr-plugin/target/classes:$ROOT/personalize-model/target/classes:$(cat "$CP_FILE")"
export CLASSPATH
# The JVM heap of every bin/ command: PZ_HEAP=8g for large logs (default 3g).
HEAP="-Xmx${PZ_HEAP:-3g}"
# Transparent huge pages for the heap where the kernel offers them (THP "always" or "madvise"): the
# item-factor cache's rows are read at scattered places of arrays of hundreds of MB, and 2 MB pages
# spare most of the TLB misses (README, "Installing into an existing Solr 9", step 5).
JVM_PAGES=()
if grep -qE '\[(always|madvise)\]' /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null; then
  JVM_PAGES=(-XX:+UseTransparentHugePages)
fi
run_java() { exec java "$HEAP" "${JVM_PAGES[@]}" --add-modules jdk.incubator.vector -Dconfigsets.dir="$ROOT/configsets" -Dsolr.log.dir="$ROOT/demo-data/logs" "$@"; }
# Spark on Java 17 reflects into these JDK packages (the parent pom's spark.add-opens).
SPARK_ADD_OPENS=(--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED
  --add-opens=java.base/sun.util.calendar=ALL-UNNAMED)
# The Spark engine in this JVM (local[N]): spark-trainer's classpath with Spark, without Solr's
# Jackson, which Spark 3.5 refuses.
run_spark() {
  exec java "$HEAP" "${JVM_PAGES[@]}" --add-modules jdk.incubator.vector "${SPARK_ADD_OPENS[@]}" \
    -Dlog4j2.configurationFile="$ROOT/spark-trainer/conf/log4j2-local.properties" -cp "$ROOT/spark-trainer/target/classes:$(cat "$SPARK_CP_FILE")" "$@"
}
# True when the arguments ask for the Spark engine (--engine spark or --engine=spark).
wants_spark() {
  local previous=""
  for arg in "$@"; do
    if [ "$arg" = "--engine=spark" ] || { [ "$previous" = "--engine" ] && [ "$arg" = "spark" ]; }; then
      return 0
    fi
    previous="$arg"
  done
  return 1
}
