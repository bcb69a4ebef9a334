# Sourced by .ci/run (and usable by a developer: `. .ci/services.sh` before `mvn -B verify`).
# Installs chromium and PostgreSQL when missing, starts a throw-away PostgreSQL on 127.0.0.1 and exports
# PREFLIGHT_TEST_PG_URL and PREFLIGHT_CHROMIUM for the tests. Tests that need them skip with a visible message
# when they are absent, so a failure here never hides as a pass: the skip is printed in the test output.
_pf_apt() {
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null 2>&1 \
            || { apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null 2>&1; }
    else
        return 1
    fi
}

if ! command -v chromium >/dev/null 2>&1; then
    _pf_apt chromium || echo "ci: chromium could not be installed; the browser test will be skipped" >&2
fi
if command -v chromium >/dev/null 2>&1; then export PREFLIGHT_CHROMIUM="$(command -v chromium)"; fi

_pf_pgbin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
if [ -z "$(_pf_pgbin)" ]; then
    _pf_apt postgresql || echo "ci: postgresql could not be installed; the PostgreSQL history test will be skipped" >&2
fi
if [ -n "$(_pf_pgbin)" ] && [ -z "${PREFLIGHT_TEST_PG_URL:-}" ]; then
    _pf_bin="$(_pf_pgbin)"
    _pf_dir="$(mktemp -d /tmp/preflight-pg.XXXXXX)"
    if [ "$(id -u)" = 0 ]; then
        chown postgres "$_pf_dir"
        _pf_as() { runuser -u postgres -- "$@"; }
    else
        _pf_as() { "$@"; }
    fi
    # the first port from 54329 it can start on (another PostgreSQL, e.g. a second checkout's test run, may hold
    # one); trying the start itself works in any POSIX sh, unlike probing /dev/tcp
    _pf_started=""
    if _pf_as "$_pf_bin/initdb" -D "$_pf_dir/data" -A trust -U preflight >/dev/null 2>&1; then
        for _pf_port in ${PREFLIGHT_TEST_PG_PORT:-$(seq 54329 54348)}; do
            if _pf_as "$_pf_bin/pg_ctl" -D "$_pf_dir/data" -l "$_pf_dir/log" -w \
                -o "-p $_pf_port -k $_pf_dir -c listen_addresses=127.0.0.1" start >/dev/null 2>&1; then
                _pf_started=yes
                break
            fi
        done
    fi
    if [ -n "$_pf_started" ]; then
        export PREFLIGHT_TEST_PG_URL="jdbc:postgresql://127.0.0.1:$_pf_port/postgres?user=preflight"
        trap '_pf_as "$_pf_bin/pg_ctl" -D "$_pf_dir/data" -m fast stop >/dev/null 2>&1 || true; rm -rf "$_pf_dir"' EXIT
        echo "ci: PostgreSQL on 127.0.0.1:$_pf_port"
    else
        echo "ci: PostgreSQL could not be started (see $_pf_dir/log); the PostgreSQL history test will be skipped" >&2
    fi
fi
