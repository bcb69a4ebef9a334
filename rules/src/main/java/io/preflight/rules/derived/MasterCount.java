package io.preflight.rules.derived;

import java.util.List;
import java.util.Objects;

/**
 * Derived (masters pack): the master count DC/OS will use, and where it comes from.
 * <p>A derived fact inserted with {@code insertLogical}: a plain Java type (not a DRL {@code declare}) so the
 * precompiled packs survive serialization. Immutable; equal when every field is.
 */
@SuppressWarnings("rawtypes")
public final class MasterCount {
    private final int count;
    private final String basis;
    private final List hosts;

    public MasterCount(int count, String basis, List hosts) {
        this.count = count;
        this.basis = basis;
        this.hosts = hosts;
    }

    public int getCount() {
        return count;
    }

    public String getBasis() {
        return basis;
    }

    public List getHosts() {
        return hosts;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof MasterCount)) return false;
        MasterCount x = (MasterCount) o;
        return count == x.count
                && Objects.equals(basis, x.basis)
                && Objects.equals(hosts, x.hosts);
    }

    @Override
    public int hashCode() {
        return Objects.hash(count, basis, hosts);
    }

    @Override
    public String toString() {
        return "MasterCount[" + "count=" + count + ", " + "basis=" + basis + ", " + "hosts=" + hosts + "]";
    }
}
