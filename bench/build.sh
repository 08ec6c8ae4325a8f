# Sourced by the bench/run-*.sh scripts (from the repository root): builds the jar and the test classes (where the
# benchmark code lives) unless SKIP_BUILD=1, and sets JAVA and CP (test classes, classes, runtime dependencies).
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
if [[ "${SKIP_BUILD:-}" != 1 ]]; then
  ./mvnw -B -q package -DskipTests -Dspotless.check.skip
  ./mvnw -B -q test-compile dependency:build-classpath -Dspotless.check.skip \
    -Dmdep.includeScope=runtime -Dmdep.outputFile=target/bench.classpath
fi
CP="target/test-classes:target/classes:$(cat target/bench.classpath)"
