package io.preflight.rules.derived;

import java.util.Objects;

/**
 * Derived (masters pack): a host the cluster is configured or seen to have as a master, and who says so.
 * <p>A derived fact inserted with {@code insertLogical}: a plain Java type (not a DRL {@code declare}) so the
 * precompiled packs survive serialization. Immutable; equal when every field is.
 */
public final class ExpectedMaster {
    private final String host;
    private final String via;

    public ExpectedMaster(String host, String via) {
        this.host = host;
        this.via = via;
    }

    public String getHost() {
        return host;
    }

    public String getVia() {
        return via;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof ExpectedMaster)) return false;
        ExpectedMaster x = (ExpectedMaster) o;
        return Objects.equals(host, x.host)
                && Objects.equals(via, x.via);
    }

    @Override
    public int hashCode() {
        return Objects.hash(host, via);
    }

    @Override
    public String toString() {
        return "ExpectedMaster[" + "host=" + host + ", " + "via=" + via + "]";
    }
}
