package io.preflight.rules.derived;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Derived (masters pack): every expected master (host → [via]), those that answered, and those that did not.
 * <p>A derived fact inserted with {@code insertLogical}: a plain Java type (not a DRL {@code declare}) so the
 * precompiled packs survive serialization. Immutable; equal when every field is.
 */
@SuppressWarnings("rawtypes")
public final class MasterRoster {
    private final List expected;
    private final List up;
    private final List missing;
    private final Map via;

    public MasterRoster(List expected, List up, List missing, Map via) {
        this.expected = expected;
        this.up = up;
        this.missing = missing;
        this.via = via;
    }

    public List getExpected() {
        return expected;
    }

    public List getUp() {
        return up;
    }

    public List getMissing() {
        return missing;
    }

    public Map getVia() {
        return via;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof MasterRoster)) return false;
        MasterRoster x = (MasterRoster) o;
        return Objects.equals(expected, x.expected)
                && Objects.equals(up, x.up)
                && Objects.equals(missing, x.missing)
                && Objects.equals(via, x.via);
    }

    @Override
    public int hashCode() {
        return Objects.hash(expected, up, missing, via);
    }

    @Override
    public String toString() {
        return "MasterRoster[" + "expected=" + expected + ", " + "up=" + up + ", " + "missing=" + missing + ", " + "via=" + via + "]";
    }
}
