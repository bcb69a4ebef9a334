#!/usr/bin/env python3
"""Builds the example fact bundles from the real payloads in ../shared/fixtures.

Run from the repository root:  python3 examples/bundles/build.py ../shared/fixtures
The bundles it writes are committed; this script documents exactly how each was assembled (which fixture, which
field was adapted so that payloads from different public sources describe one consistent cluster). See
examples/bundles/README.md for the attribution of every fixture used.
"""
import copy
import json
import os
import shutil
import sys

FIX = sys.argv[1] if len(sys.argv) > 1 else "../shared/fixtures"
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)))
NOW = "2026-11-20T06:00:00Z"

MASTERS = ["10.0.6.68", "10.0.6.69", "10.0.6.70"]          # Exhibitor fixture's ensemble
PRIVATE = ["10.0.2.242", "10.0.0.231", "10.0.3.6"]          # bun DC/OS 2.0 state fixture's agents
PUBLIC = ["10.0.6.50", "10.0.6.64"]


# A few of the MESOS_* lines DC/OS renders into /opt/mesosphere/etc/mesos-slave-common (variable names from
# dcos/dcos gen/dcos-config.yaml, see reference/dcos-mesos-env-flags-by-version.tsv; values hand-written).
AGENT_ENV = """MESOS_CONTAINERIZERS=docker,mesos
MESOS_WORK_DIR=/var/lib/mesos/slave
MESOS_ISOLATION=cgroups/cpu,cgroups/mem,cgroups/blkio,disk/du,network/cni,filesystem/linux,docker/runtime
MESOS_MODULES_DIR=/opt/mesosphere/etc/mesos-slave-modules
MESOS_DOCKER_STOP_TIMEOUT=20secs
MESOS_HOSTNAME_LOOKUP=false
MESOS_RECOVERY_TIMEOUT=24hrs
MESOS_CGROUPS_ENABLE_CFS=true
"""


def fx(path):
    with open(os.path.join(FIX, path), encoding="utf-8") as f:
        return f.read()


def fxj(path):
    return json.loads(fx(path))


def section(name, body, rc=0, **attrs):
    head = "### section %s rc=%d" % (name, rc)
    for k, v in attrs.items():
        head += " %s=%s" % (k, v.replace("%", "%25").replace(" ", "%20"))
    lines = []
    for line in body.rstrip("\n").split("\n") if body else []:
        if line.startswith("###") or line.startswith("\\"):
            line = "\\" + line
        lines.append(line)
    return head + "\n" + "\n".join(lines) + ("\n" if lines else "") + "### end\n"


def docker_version(server_version):
    """The real `docker version --format '{{json .}}'` output of the InSpec fixture (17.03.0-ce), with the
    client/server version fields set to the cluster's Docker version when one is given."""
    d = fxj("node-facts/docker-version-json_client-server-17.03.0-ce_inspec-fixture.json")
    if server_version:
        d["Client"]["Version"] = server_version
        d["Server"]["Version"] = server_version
        d["Client"]["Os"] = "linux"
    return json.dumps(d)


def probe(host, role, dcos="2.0.6", os_release="etc-os-release_redhat_7.7_ansible-fixture.txt",
          redhat_release="etc-redhat-release_redhat_7.7_ansible-fixture.txt", docker="19.03.5", docker_rc=0,
          time_section=("chronyc-tracking", "chronyc-tracking_leap-normal_pingcap-docs.txt"),
          extra_env=None, df_free_kb=None, zk=None, fds=5, opt_modified="", credentials=None):
    out = ["### preflight-probe v1 host=%s\n" % host]
    out.append(section("roles", {"master": "master", "agent": "slave", "agent_public": "slave_public"}[role]))
    dv = fxj("dcos/dcos-version_2.2.0_dcos-ui.json")
    dv["version"] = dcos
    out.append(section("dcos-version", json.dumps(dv, indent=2)))
    out.append(section("os-release", fx("node-facts/" + os_release)))
    if redhat_release and redhat_release.startswith("CentOS Linux release"):
        out.append(section("centos-release", redhat_release))   # adapted minor version, see README
    elif redhat_release:
        out.append(section("redhat-release", fx("node-facts/" + redhat_release)))
    out.append(section("uname-r", "3.10.0-1062.el7.x86_64"))
    if docker_rc == 0:
        out.append(section("docker-version", docker_version(docker)))
    else:
        out.append(section("docker-version", "Cannot connect to the Docker daemon at unix:///var/run/docker.sock."
                           " Is the docker daemon running?", rc=docker_rc))
    out.append(section(time_section[0], fx("node-facts/" + time_section[1])))
    if role == "master":
        out.append(section("env-file", "MESOS_QUORUM=2\nMESOS_CLUSTER=examplecluster\nMESOS_HOSTNAME_LOOKUP=false\n"
                           "MESOS_MAX_SLAVE_PING_TIMEOUTS=20\nMESOS_REGISTRY_STRICT=false\n",
                           path="/opt/mesosphere/etc/mesos-master"))
    else:
        out.append(section("env-file", AGENT_ENV, path="/opt/mesosphere/etc/mesos-slave-common"))
    if extra_env:
        out.append(section("env-file", extra_env[1], path=extra_env[0]))
    free = df_free_kb or {}
    df = ["Filesystem     1024-blocks     Used Available Capacity Mounted on"]
    for dev, mnt in (("/dev/sda1", "/opt/mesosphere"), ("/dev/sda2", "/var/lib"), ("tmpfs", "/tmp")):
        total = 104857600
        avail = free.get(mnt, 62914560)
        df.append("%-14s %11d %8d %9d %7d%% %s" % (dev, total, total - avail, avail,
                                                   100 * (total - avail) // total, mnt))
    out.append(section("df", "\n".join(df)))
    if role == "master":
        zk = zk or {"datadir": "/var/lib/dcos/exhibitor/zookeeper", "backup_path": "/var/tmp/zookeeper.tar",
                    "backup_age_seconds": "7200"}
        out.append(section("zookeeper", "\n".join("%s=%s" % kv for kv in zk.items())))
        out.append(section("exhibitor-fds", str(fds)))
    out.append(section("opt-integrity", opt_modified))
    if credentials:
        path, flag, fmt = credentials
        out.append(section("credentials", fmt, path=path, flag=flag))
    return "".join(out)


def mesos_state(inactive=(), leader=MASTERS[0], mesos=None):
    """bun's DC/OS 2.0 master /state (Mesos 1.9.1), with its leader set to this cluster's leading master (and, for
    an older cluster, the Mesos version fields set to that cluster's bundled Mesos)."""
    d = fxj("mesos-master/state_mesos-1.9.1_dcos-2.0_ok_bun-bundle.json")
    d["leader"] = "master@%s:5050" % leader
    d["hostname"] = leader
    if mesos:
        d["version"] = mesos
        for s in d["slaves"]:
            s["version"] = mesos
    for s in d["slaves"]:
        if s["hostname"] in inactive:
            s["active"] = False
    return d


def metrics(elected, recovered=1.0):
    """The v1 GET_METRICS example of the Mesos 1.11 operator API doc, as the flat /metrics/snapshot map, with
    master/elected and registrar/log/recovered set for this master."""
    d = fxj("mesos-master/v1-GET_METRICS_example_mesos-1.11.0-operator-http-api-doc.json")
    snap = {m["name"]: m.get("value", 0.0) for m in d["get_metrics"]["metrics"]}
    snap["master/elected"] = 1.0 if elected else 0.0
    snap["registrar/log/recovered"] = recovered
    return snap


def mesos_version(v="1.9.1"):
    d = fxj("mesos-master/version_mesos-1.3.0_openvas-nasl-comment.json")
    d["version"] = v
    d["git_tag"] = v
    return d


def running_config(masters=MASTERS, security=None):
    """The DC/OS 2.2 documentation's example config.yaml (static discovery, 3 masters), placeholders filled with
    this cluster's hosts, resolvers and name."""
    cfg = fx("dcos/config.yaml_example_dcos-2.2_02_example-configurations.yaml")
    cfg = cfg.replace("- <master-private-ip-1>\n- <master-private-ip-2>\n- <master-private-ip-3>\n",
                      "".join("- %s\n" % m for m in masters))
    agents = "".join("- %s\n" % a for a in PRIVATE)
    cfg = cfg.replace("- <agent-private-ip-1>\n- <agent-private-ip-2>\n- <agent-private-ip-3>\n"
                      "- <agent-private-ip-4>\n- <agent-private-ip-5>\n", agents)
    cfg = cfg.replace("<cluster-name>", "examplecluster").replace("<dns-resolver-1>", "10.0.0.2")
    cfg = cfg.replace("- <dns-resolver-2>\n", "").replace("'<port-number>'", "'22'").replace("<username>", "centos")
    if security:
        cfg += "security: %s\n" % security
    return cfg


def marathon_info(version="1.9.136-c0e59f4ca", leader="10.0.6.68:8080"):
    d = fxj("marathon/v2-info.example_marathon-master-1.10.json")
    d["version"] = version
    d["leader"] = leader
    return d


def apps(kind="healthy"):
    if kind == "healthy":
        return fxj("marathon/v2-apps_zdd-blue-green_marathon-lb-test.json")
    d = fxj("marathon/v2-apps_zdd-blue-green_marathon-lb-test.json")
    bad = copy.deepcopy(d["apps"][0])
    bad["id"] = "/nginx-canary"
    bad["constraints"] = [["hostname", "UNIQUE", "true"], ["rack_id", "GROUP_BY", "two"]]
    d["apps"].append(bad)
    return d


def write_bundle(name, nodes, cluster_payloads, node_payloads, problems=(), cluster_name=None):
    root = os.path.join(OUT, name)
    if os.path.exists(root):
        shutil.rmtree(root)
    manifest = {"formatVersion": 1, "tool": {"name": "preflight", "version": "0.1.0"}, "createdAt": NOW,
                "cluster": {"name": cluster_name or name, "mesos": "http://%s:5050" % MASTERS[0],
                            "marathon": "http://%s:8080" % MASTERS[0], "exhibitor": "http://%s:8181" % MASTERS[0]},
                "nodes": [{"host": h, "role": r, "seenBy": s} for h, r, s in nodes],
                "payloads": [], "problems": list(problems)}
    for kind, (file, source, body) in cluster_payloads.items():
        path = os.path.join(root, "cluster", file)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(body if isinstance(body, str) else json.dumps(body, indent=2) + "\n")
        manifest["payloads"].append({"kind": kind, "subject": "cluster", "file": "cluster/" + file,
                                     "source": source, "collectedAt": NOW})
    for host, entries in node_payloads.items():
        for kind, (file, source, body) in entries.items():
            path = os.path.join(root, "nodes", host, file)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as f:
                f.write(body if isinstance(body, str) else json.dumps(body, indent=2) + "\n")
            manifest["payloads"].append({"kind": kind, "subject": host, "file": "nodes/%s/%s" % (host, file),
                                         "source": source, "collectedAt": NOW})
    with open(os.path.join(root, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")


def cluster(name, probe_overrides=None, state_kw=None, cfg=None, apps_kind="healthy", drop_master=None,
            exhibitor="exhibitor/cluster-status_3-masters-serving_dcos-docs-troubleshooting.json",
            dcos_versions=None, mesos="1.9.1", marathon="1.9.136-c0e59f4ca", node_defaults=None):
    probe_overrides = probe_overrides or {}
    state_kw = dict(state_kw or {})
    if mesos != "1.9.1":
        state_kw["mesos"] = mesos
    nodes = [(m, "master", "master_list,exhibitor") for m in MASTERS]
    nodes += [(a, "agent", "mesos") for a in PRIVATE] + [(a, "agent_public", "mesos") for a in PUBLIC]
    problems = []
    cp = {
        "mesos-state": ("mesos-state.json", "http://%s:5050/master/state" % MASTERS[0], mesos_state(**state_kw)),
        "marathon-info": ("marathon-info.json", "http://%s:8080/v2/info" % MASTERS[0], marathon_info(marathon)),
        "marathon-leader": ("marathon-leader.json", "http://%s:8080/v2/leader" % MASTERS[0],
                            {"leader": "10.0.6.68:8080"}),
        "marathon-apps": ("marathon-apps.json", "http://%s:8080/v2/apps?embed=apps.tasks" % MASTERS[0], apps(apps_kind)),
        "marathon-deployments": ("marathon-deployments.json", "http://%s:8080/v2/deployments" % MASTERS[0], []),
        "exhibitor-status": ("exhibitor-status.json", "http://%s:8181/exhibitor/v1/cluster/status" % MASTERS[0],
                             fxj(exhibitor)),
        "config-running": ("config-running.yaml", "ssh://%s/opt/mesosphere/etc/user.config.yaml" % MASTERS[0],
                           cfg or running_config()),
    }
    np = {}
    for host, role, _ in nodes:
        if host == drop_master:
            problems.append({"subject": host, "kind": "UNREACHABLE", "what": "ssh-probe",
                             "detail": "connect to %s:22: connection refused" % host, "source": "ssh://%s:22" % host})
            problems.append({"subject": host, "kind": "UNREACHABLE", "what": "mesos /metrics/snapshot",
                             "detail": "connect to %s:5050: connection refused" % host,
                             "source": "http://%s:5050/metrics/snapshot" % host})
            continue
        kw = dict(node_defaults or {})
        kw.update(probe_overrides.get(host, {}))
        if dcos_versions and host in dcos_versions:
            kw["dcos"] = dcos_versions[host]
        entries = {"node-probe": ("probe.txt", "ssh://%s:22" % host, probe(host, role, **kw))}
        if role == "master":
            entries["mesos-metrics"] = ("mesos-metrics.json", "http://%s:5050/metrics/snapshot" % host,
                                        metrics(host == MASTERS[0]))
            entries["mesos-version"] = ("mesos-version.json", "http://%s:5050/version" % host, mesos_version(mesos))
        np[host] = entries
    write_bundle(name, nodes, cp, np, problems)


def main():
    # GO: DC/OS 2.0.6 on RHEL 7.7 + Docker 19.03.5, every node healthy; next qualified hop 2.0.6 -> 2.2.1
    cluster("healthy-2.0")
    # NO-GO: a master is down (unreachable over SSH and HTTP)
    cluster("missing-master", drop_master=MASTERS[2])
    # NO-GO: chrony on one agent says "Not synchronised"; ntpstat on another says unsynchronised
    cluster("ntp-unsynced", probe_overrides={
        PRIVATE[0]: {"time_section": ("chronyc-tracking", "chronyc-tracking_leap-not-synchronized_telegraf-v1.26.0-test.txt")},
        PUBLIC[1]: {"time_section": ("ntpstat", "ntpstat_unsynchronised_pingcap-docs.txt")}})
    # NO-GO: agents on Docker 17.03.0-ce (the fixture's own version), not supported by DC/OS 2.2 on RHEL 7.7
    cluster("unsupported-docker", probe_overrides={h: {"docker": None} for h in PRIVATE})
    # NO-GO: an agent still sets the plain-text credential flag removed in Mesos 1.11 (bundled with DC/OS 2.2)
    cluster("removed-mesos-flag", probe_overrides={PRIVATE[1]: {"extra_env": (
        "/var/lib/dcos/mesos-slave-common", "MESOS_CREDENTIAL=/etc/mesos/agent-credential\n"
                                             "MESOS_AGENT_FEATURES=[{\"capabilities\":[{\"type\":\"MULTI_ROLE\"}]}]\n"),
        "credentials": ("/etc/mesos/agent-credential", "credential", "TEXT")}})
    # NO-GO: a DC/OS 1.10.2 cluster (Mesos 1.4.0, Marathon 1.5.2, CentOS 7.4 + Docker 1.13.1, all supported by
    # 1.10 and 1.12) asked to leapfrog to 1.12.0; check it with --target 1.12.0
    cluster("leapfrog-1.10", mesos="1.4.0", marathon="1.5.2",
            node_defaults={"dcos": "1.10.2", "os_release": "etc-os-release_centos7_python-distro.txt",
                           "redhat_release": "CentOS Linux release 7.4.1708 (Core)", "docker": "1.13.1"})
    # NO-GO: the target config changes security mode and adds a master (see target-config.yaml beside it)
    cluster("config-change")
    os.makedirs(os.path.join(OUT, "..", "configs"), exist_ok=True)
    with open(os.path.join(OUT, "..", "configs", "config-change.yaml"), "w") as f:
        f.write(running_config(masters=MASTERS + ["10.0.6.71", "10.0.6.72"], security="strict"))
    # NO-GO: a Marathon app with malformed constraints (UNIQUE with a value; GROUP_BY with a non-integer)
    cluster("invalid-constraint", apps_kind="invalid")


if __name__ == "__main__":
    main()
