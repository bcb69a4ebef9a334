#!/bin/sh
# preflight-nightly: one nightly compliance scan of one cluster, for cron or a DC/OS Metronome job.
#
#   preflight-nightly CLUSTER CHECK-OPTION...
#   preflight-nightly prod-east --inventory /etc/preflight/prod-east.yaml --fail-on-new
#
# CLUSTER is the cluster's name as the scan records it (the inventory's cluster.name). The check records into the
# scan history ($PREFLIGHT_HISTORY_STORE, password in $PREFLIGHT_HISTORY_PASSWORD; else the default file), writes
# the Prometheus report and this run's exit code as node_exporter textfiles, prints what changed since the
# previous scan (history diff), and exits as check did: 0 GO, 1 NO-GO (with --fail-on-new: a new blocker),
# 2 the check could not be done. See docs/nightly.md.
#
# Environment: PREFLIGHT_JAR (default /opt/preflight/preflight.jar), PREFLIGHT_TEXTFILE_DIR (default
# /var/lib/node_exporter/textfile; empty: no metrics), PREFLIGHT_PROMETHEUS_FORMAT (default prometheus; empty:
# only the exit-code metrics), PREFLIGHT_HISTORY_KEEP (default 400: after the scan, keep this cluster's newest 400
# scans in the history and delete older ones; empty: never prune), PREFLIGHT_JAVA_OPTS.
#
# Only `set -u`: this is POSIX sh (no pipefail), and `-e` would stop the script at check's exit 1 (NO-GO) before
# rc=$? records it; each step's status is checked explicitly instead.
set -u

if [ $# -lt 2 ]; then
    echo "usage: preflight-nightly CLUSTER CHECK-OPTION... (e.g. --inventory FILE)" >&2
    exit 2
fi
cluster=$1
shift
case $cluster in
    '' | *[!A-Za-z0-9._-]*)
        echo "preflight-nightly: cluster name '$cluster': use letters, digits, '.', '_' and '-'" >&2
        exit 2 ;;
esac
jar=${PREFLIGHT_JAR:-/opt/preflight/preflight.jar}
textfile=${PREFLIGHT_TEXTFILE_DIR-/var/lib/node_exporter/textfile}
format=${PREFLIGHT_PROMETHEUS_FORMAT-prometheus}
keep=${PREFLIGHT_HISTORY_KEEP-400}
case $keep in
    *[!0-9]* | 0*) echo "preflight-nightly: PREFLIGHT_HISTORY_KEEP '$keep': a number of scans, 1 or more (empty: never prune)" >&2
       exit 2 ;;
esac

preflight() {
    # shellcheck disable=SC2086 # the options are meant to split
    java ${PREFLIGHT_JAVA_OPTS:--XX:TieredStopAtLevel=1 -XX:+UseSerialGC} -jar "$jar" "$@"
}

set -- check "$@" --history --quiet
if [ -n "$textfile" ] && [ -n "$format" ]; then
    set -- "$@" --format "$format=$textfile/preflight-$cluster.prom"
fi
preflight "$@"
rc=$?

# the exit code as a metric: 2 (could not check) is an outage of the gate, not a verdict. Written to a temporary
# file in the same directory and renamed, so the textfile collector never reads half a file.
if [ -n "$textfile" ]; then
    metrics="$textfile/preflight-exit-$cluster.prom"
    if tmp=$(mktemp "$textfile/.preflight-exit-$cluster.XXXXXX") && {
        echo "# HELP preflight_nightly_exit_code Exit code of the last nightly preflight check: 0 GO, 1 NO-GO, 2 could not check."
        echo "# TYPE preflight_nightly_exit_code gauge"
        echo "preflight_nightly_exit_code{cluster=\"$cluster\"} $rc"
        echo "# HELP preflight_nightly_last_run_timestamp_seconds When the last nightly preflight check finished."
        echo "# TYPE preflight_nightly_last_run_timestamp_seconds gauge"
        echo "preflight_nightly_last_run_timestamp_seconds{cluster=\"$cluster\"} $(date +%s)"
    } >"$tmp" && chmod 0644 "$tmp" && mv -f "$tmp" "$metrics"; then
        :
    else
        echo "preflight-nightly: cannot write $metrics" >&2
    fi
fi

# what changed since the previous scan, for the job's log or the cron mail (the first scan has nothing to diff)
if [ "$rc" -ne 2 ]; then
    preflight history diff --cluster "$cluster" || true
    # retention: this cluster's newest $keep scans stay (the newest is never deleted); errors still reach stderr
    if [ -n "$keep" ]; then
        preflight history prune --cluster "$cluster" --keep-last "$keep" >/dev/null || true
    fi
fi
exit "$rc"
