package io.preflight.rules.derived;

import java.util.Objects;

/**
 * Derived (masters pack): how many nodes the cluster has (Exhibitor's FD budget).
 * <p>A derived fact inserted with {@code insertLogical}: a plain Java type (not a DRL {@code declare}) so the
 * precompiled packs survive serialization. Immutable; equal when every field is.
 */
public final class NodeCount {
    private final int count;

    public NodeCount(int count) {
        this.count = count;
    }

    public int getCount() {
        return count;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof NodeCount)) return false;
        NodeCount x = (NodeCount) o;
        return count == x.count;
    }

    @Override
    public int hashCode() {
        return Objects.hash(count);
    }

    @Override
    public String toString() {
        return "NodeCount[" + "count=" + count + "]";
    }
}
