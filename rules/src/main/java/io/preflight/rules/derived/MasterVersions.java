package io.preflight.rules.derived;

import java.util.Map;
import java.util.Objects;

/**
 * Derived (skew pack): the masters' versions aggregated once (version → hosts) and the newest of each.
 * <p>A derived fact inserted with {@code insertLogical}: a plain Java type (not a DRL {@code declare}) so the
 * precompiled packs survive serialization. Immutable; equal when every field is.
 */
@SuppressWarnings("rawtypes")
public final class MasterVersions {
    private final Map dcosHosts;
    private final Map mesosHosts;
    private final String newestDcos;
    private final long newestDcosKey;
    private final String newestMesos;
    private final long newestMesosKey;

    public MasterVersions(Map dcosHosts, Map mesosHosts, String newestDcos, long newestDcosKey, String newestMesos, long newestMesosKey) {
        this.dcosHosts = dcosHosts;
        this.mesosHosts = mesosHosts;
        this.newestDcos = newestDcos;
        this.newestDcosKey = newestDcosKey;
        this.newestMesos = newestMesos;
        this.newestMesosKey = newestMesosKey;
    }

    public Map getDcosHosts() {
        return dcosHosts;
    }

    public Map getMesosHosts() {
        return mesosHosts;
    }

    public String getNewestDcos() {
        return newestDcos;
    }

    public long getNewestDcosKey() {
        return newestDcosKey;
    }

    public String getNewestMesos() {
        return newestMesos;
    }

    public long getNewestMesosKey() {
        return newestMesosKey;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof MasterVersions)) return false;
        MasterVersions x = (MasterVersions) o;
        return Objects.equals(dcosHosts, x.dcosHosts)
                && Objects.equals(mesosHosts, x.mesosHosts)
                && Objects.equals(newestDcos, x.newestDcos)
                && newestDcosKey == x.newestDcosKey
                && Objects.equals(newestMesos, x.newestMesos)
                && newestMesosKey == x.newestMesosKey;
    }

    @Override
    public int hashCode() {
        return Objects.hash(dcosHosts, mesosHosts, newestDcos, newestDcosKey, newestMesos, newestMesosKey);
    }

    @Override
    public String toString() {
        return "MasterVersions[" + "dcosHosts=" + dcosHosts + ", " + "mesosHosts=" + mesosHosts + ", " + "newestDcos=" + newestDcos + ", " + "newestDcosKey=" + newestDcosKey + ", " + "newestMesos=" + newestMesos + ", " + "newestMesosKey=" + newestMesosKey + "]";
    }
}
