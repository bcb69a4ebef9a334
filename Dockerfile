# syntax=docker/dockerfile:1
# The preflight image for scheduled scans (cron on a host, or a DC/OS Metronome job: see docs/nightly.md).
#   docker build -t registry.example.com/preflight:0.1.0 .
#   docker run --rm registry.example.com/preflight:0.1.0 check --bundle /data/bundle --history-store jdbc:postgresql://...
# No Docker engine runs on the project's build machine, so CI does not build this image; its file references are
# checked by NightlyExamplesTest.

# --- build: the shaded jar, tests skipped (CI runs them) ---
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 mvn -B -q -DskipTests package -pl cli -am

# --- runtime: a JRE, the jar and the nightly wrapper, a non-root user ---
FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 preflight \
    && useradd --system --uid 10001 --gid preflight --home-dir /var/lib/preflight --create-home \
        --shell /usr/sbin/nologin preflight
COPY --from=build /src/cli/target/preflight.jar /opt/preflight/preflight.jar
COPY --chmod=0755 examples/nightly/preflight-nightly.sh /opt/preflight/bin/preflight-nightly
# the default scan history (without --history-store / $PREFLIGHT_HISTORY_STORE) lands in the user's home:
# /var/lib/preflight/.local/share/preflight/history.mv.db; mount a volume there to keep it
ENV HOME=/var/lib/preflight \
    PREFLIGHT_JAR=/opt/preflight/preflight.jar
USER 10001:10001
WORKDIR /var/lib/preflight
# C1 only and the serial collector: a check is a short run (as the ./preflight launcher does)
ENTRYPOINT ["java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", "/opt/preflight/preflight.jar"]
CMD ["--help"]
