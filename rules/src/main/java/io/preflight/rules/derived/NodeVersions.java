package io.preflight.rules.derived;

import io.preflight.facts.Role;
import java.util.Objects;

/**
 * Derived (skew pack): one node's DC/OS and Mesos versions (null when the node did not report them).
 * <p>A derived fact inserted with {@code insertLogical}: a plain Java type (not a DRL {@code declare}) so the
 * precompiled packs survive serialization. Immutable; equal when every field is.
 */
public final class NodeVersions {
    private final String host;
    private final Role role;
    private final String dcos;
    private final long dcosKey;
    private final String mesos;
    private final long mesosKey;

    public NodeVersions(String host, Role role, String dcos, long dcosKey, String mesos, long mesosKey) {
        this.host = host;
        this.role = role;
        this.dcos = dcos;
        this.dcosKey = dcosKey;
        this.mesos = mesos;
        this.mesosKey = mesosKey;
    }

    public String getHost() {
        return host;
    }

    public Role getRole() {
        return role;
    }

    public String getDcos() {
        return dcos;
    }

    public long getDcosKey() {
        return dcosKey;
    }

    public String getMesos() {
        return mesos;
    }

    public long getMesosKey() {
        return mesosKey;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof NodeVersions)) return false;
        NodeVersions x = (NodeVersions) o;
        return Objects.equals(host, x.host)
                && Objects.equals(role, x.role)
                && Objects.equals(dcos, x.dcos)
                && dcosKey == x.dcosKey
                && Objects.equals(mesos, x.mesos)
                && mesosKey == x.mesosKey;
    }

    @Override
    public int hashCode() {
        return Objects.hash(host, role, dcos, dcosKey, mesos, mesosKey);
    }

    @Override
    public String toString() {
        return "NodeVersions[" + "host=" + host + ", " + "role=" + role + ", " + "dcos=" + dcos + ", " + "dcosKey=" + dcosKey + ", " + "mesos=" + mesos + ", " + "mesosKey=" + mesosKey + "]";
    }
}
