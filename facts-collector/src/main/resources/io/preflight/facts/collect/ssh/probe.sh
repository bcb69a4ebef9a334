# preflight node probe, document format v1 (the specification is the Javadoc of
# io.preflight.facts.parse.NodeProbeParser). Sent on stdin to `sh -s` in one SSH channel.
#
# POSIX sh (dash, busybox ash, bash): no bashisms. Reads only; never writes a file on the node
# (command output is held in shell variables, nothing goes to /tmp).
#
# PREFLIGHT_ROOT (environment, or an argument PREFLIGHT_ROOT=<dir> after `sh -s --`) is put in front of
# every file path the probe reads; empty on a real node, a fixture tree in tests. Tools are whatever
# is on PATH. df reports mounts, so it is always run on the real paths (tests put a fake df on PATH).
#
# opt-integrity: pkgpanda extracts every package under /opt/mesosphere/packages/ and never rewrites those
# files; DC/OS writes dcos-version.json when it installs or upgrades. A package file modified after that
# stamp was changed by hand. (Heuristic: a hand edit that kept the old mtime is not seen.) Without the
# stamp or the packages folder the section fails (rc 1) and the fact is reported unverified, never "clean".
for preflight_arg in "$@"; do
    case $preflight_arg in
        PREFLIGHT_ROOT=*) PREFLIGHT_ROOT=${preflight_arg#PREFLIGHT_ROOT=} ;;
    esac
done
R=${PREFLIGHT_ROOT:-}
R=${R%/}
LC_ALL=C
export LC_ALL
# commands that talk to a daemon (docker, chronyc, ...) are bounded on the node too, when coreutils
# timeout exists, so that a wedged daemon does not hold the whole probe
T=
if command -v timeout >/dev/null 2>&1; then T="timeout ${PREFLIGHT_CMD_TIMEOUT:-10}"; fi

# attribute value: % -> %25, space -> %20, tab -> %09
pf_enc() {
    printf '%s' "$1" | sed -e 's/%/%25/g' -e 's/ /%20/g' -e 's/	/%09/g'
}

# pf_emit NAME RC ATTRS BODY: one section; body lines starting with # or \ get a \ in front
pf_emit() {
    printf '### section %s rc=%s%s\n' "$1" "$2" "$3"
    if [ -n "$4" ]; then
        printf '%s\n' "$4" | sed 's/^[#\\]/\\&/'
    fi
    printf '### end\n'
}

# pf_run NAME ATTRS COMMAND...: runs the command (stdout and stderr together) and prints its section
pf_run() {
    pf_name=$1
    pf_attrs=$2
    shift 2
    pf_out=$("$@" 2>&1 </dev/null)
    pf_rc=$?
    pf_emit "$pf_name" "$pf_rc" "$pf_attrs" "$pf_out"
}

# pf_cat NAME PATH [ATTRS]: cat of PATH under the root
pf_cat() {
    pf_run "$1" "${3:-}" cat "$R$2"
}

pf_has() {
    command -v "$1" >/dev/null 2>&1
}

pf_host=$(uname -n 2>/dev/null)
printf '### preflight-probe v1 host=%s\n' "$(pf_enc "${pf_host:-unknown}")"

# roles
pf_run roles "" ls "$R/etc/mesosphere/roles"
pf_master=no
if [ -e "$R/etc/mesosphere/roles/master" ]; then pf_master=yes; fi

pf_cat dcos-version /opt/mesosphere/etc/dcos-version.json

# os-release: /etc/os-release, else /usr/lib/os-release (os-release(5))
if [ ! -e "$R/etc/os-release" ] && [ -e "$R/usr/lib/os-release" ]; then
    pf_cat os-release /usr/lib/os-release
else
    pf_cat os-release /etc/os-release
fi
if [ -e "$R/etc/centos-release" ]; then pf_cat centos-release /etc/centos-release; fi
if [ -e "$R/etc/redhat-release" ]; then pf_cat redhat-release /etc/redhat-release; fi
pf_run uname-r "" uname -r

# docker: run even when not installed, so that rc 127 says so
if pf_has docker; then
    pf_run docker-version "" $T docker version --format '{{json .}}'
    pf_run docker-info "" $T docker info --format '{{json .}}'
else
    pf_emit docker-version 127 "" "sh: docker: command not found"
fi

# time sync: every tool that is installed; none -> the chronyc section says rc 127
pf_time=0
if pf_has chronyc; then pf_run chronyc-tracking "" $T chronyc tracking; pf_time=1; fi
if pf_has ntpstat; then pf_run ntpstat "" $T ntpstat; pf_time=1; fi
if pf_has ntpq; then pf_run ntpq-p "" $T ntpq -p; pf_time=1; fi
if pf_has timedatectl; then pf_run timedatectl "" $T timedatectl; pf_time=1; fi
if pf_has adjtimex; then pf_run adjtimex "" $T adjtimex -p; pf_time=1; fi
if [ "$pf_time" = 0 ]; then
    pf_emit chronyc-tracking 127 "" "sh: chronyc: command not found"
fi

# Mesos env files the units load
for pf_f in "$R"/opt/mesosphere/etc/mesos-master* "$R"/opt/mesosphere/etc/mesos-slave* \
        "$R"/var/lib/dcos/mesos-slave-common "$R"/var/lib/dcos/mesos-master* "$R"/etc/mesosphere/mesos/*; do
    [ -f "$pf_f" ] || continue
    pf_cat env-file "${pf_f#"$R"}" " path=$(pf_enc "${pf_f#"$R"}")"
done

pf_run df "" df -Pk /opt/mesosphere /var/lib /tmp

if [ "$pf_master" = yes ]; then
    # ZooKeeper data dir: Exhibitor's zoo.cfg, else the directories DC/OS versions used
    pf_zk=
    for pf_f in "$R"/var/lib/dcos/exhibitor/conf/zoo.cfg "$R"/var/lib/zookeeper/conf/zoo.cfg; do
        if [ -f "$pf_f" ]; then
            pf_zk=$(sed -n 's/^[[:space:]]*dataDir[[:space:]]*=[[:space:]]*//p' "$pf_f" | head -n 1)
            [ -n "$pf_zk" ] && break
        fi
    done
    if [ -z "$pf_zk" ]; then
        for pf_d in /var/lib/dcos/exhibitor/zookeeper /var/lib/zookeeper; do
            if [ -d "$R$pf_d" ]; then pf_zk=$pf_d; break; fi
        done
    fi
    if [ -n "$pf_zk" ]; then
        pf_bp=
        pf_age=
        if [ -f "$R/var/tmp/zookeeper.tar" ]; then
            pf_bp=/var/tmp/zookeeper.tar
            pf_mt=$(stat -c %Y "$R$pf_bp" 2>/dev/null || date -r "$R$pf_bp" +%s 2>/dev/null)
            pf_now=$(date +%s)
            if [ -n "$pf_mt" ] && [ -n "$pf_now" ]; then pf_age=$((pf_now - pf_mt)); fi
        fi
        pf_emit zookeeper 0 "" "datadir=$pf_zk
backup_path=$pf_bp
backup_age_seconds=$pf_age"
    else
        pf_emit zookeeper 1 "" "no ZooKeeper data directory found (no zoo.cfg, /var/lib/dcos/exhibitor/zookeeper or /var/lib/zookeeper)"
    fi

    # open file descriptors of the Exhibitor java process
    pf_pid=
    for pf_f in "$R"/proc/[0-9]*/cmdline; do
        [ -r "$pf_f" ] || continue
        pf_c=$(tr '\000' ' ' <"$pf_f" 2>/dev/null)
        case $pf_c in
            *java*exhibitor*|*exhibitor*java*)
                pf_pid=${pf_f%/cmdline}
                pf_pid=${pf_pid##*/}
                break ;;
        esac
    done
    if [ -z "$pf_pid" ]; then
        pf_emit exhibitor-fds 1 "" "no Exhibitor java process found"
    else
        pf_out=$(ls -A "$R/proc/$pf_pid/fd" 2>&1)
        pf_rc=$?
        if [ "$pf_rc" = 0 ]; then
            if [ -z "$pf_out" ]; then pf_n=0; else pf_n=$(printf '%s\n' "$pf_out" | wc -l); fi
            pf_emit exhibitor-fds 0 "" "$((pf_n + 0))"
        else
            pf_emit exhibitor-fds "$pf_rc" "" "$pf_out"
        fi
    fi
fi

# see opt-integrity above: at most 50 hand-modified package files
if [ -f "$R/opt/mesosphere/etc/dcos-version.json" ] && [ -d "$R/opt/mesosphere/packages" ]; then
    pf_out=$(find "$R/opt/mesosphere/packages" -type f -newer "$R/opt/mesosphere/etc/dcos-version.json" 2>/dev/null \
        | head -n 50 | sed "s#^$R##")
    pf_emit opt-integrity 0 "" "$pf_out"
else
    pf_emit opt-integrity 1 "" "cannot check: /opt/mesosphere/packages or /opt/mesosphere/etc/dcos-version.json missing"
fi

if [ -e "$R/opt/mesosphere/etc/user.config.yaml" ]; then
    pf_cat user-config /opt/mesosphere/etc/user.config.yaml
fi
exit 0
