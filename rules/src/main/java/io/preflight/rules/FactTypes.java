package io.preflight.rules;

import io.preflight.facts.*;
import io.preflight.rules.knowledge.ComponentVersions;
import io.preflight.rules.knowledge.DcosManagedFlag;
import io.preflight.rules.knowledge.MesosFlagChange;
import io.preflight.rules.knowledge.PlatformSupport;
import io.preflight.rules.knowledge.Release;
import io.preflight.rules.knowledge.UpgradeOrderNote;
import io.preflight.rules.knowledge.UpgradePathEntry;
import io.preflight.rules.model.HopAssessment;
import io.preflight.rules.model.PlannedHop;
import io.preflight.rules.model.Thresholds;
import io.preflight.rules.model.UpgradeRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every fact type a rule may match, by the simple name rule cases use ({@code TimeSync}). Observed facts come from
 * the collector; knowledge rows from the knowledge base; context facts from the checker.
 */
public final class FactTypes {
    private static final Map<String, Class<?>> TYPES = new LinkedHashMap<>();

    static {
        for (Class<?> c : List.of(ClusterNode.class, RoleFiles.class, DcosInstall.class, OsRelease.class,
                DockerDaemon.class, TimeSync.class, MesosFlagSetting.class, MesosFlags.class, MesosVersion.class,
                MasterStatus.class, MesosLeader.class, MesosAgent.class, ConfigEntry.class, DcosConfig.class,
                ExhibitorServer.class, ExhibitorProcess.class, ZooKeeperState.class, DiskSpace.class,
                OptIntegrity.class, CredentialsFile.class, MarathonInfo.class, MarathonApp.class,
                AppConstraint.class, MarathonDeployment.class, CollectionProblem.class,
                PlannedPlatformChange.class, UpgradeOptions.class,
                Release.class, UpgradePathEntry.class, ComponentVersions.class, PlatformSupport.class,
                MesosFlagChange.class, UpgradeOrderNote.class, DcosManagedFlag.class,
                UpgradeRequest.class, HopAssessment.class, PlannedHop.class, Thresholds.class)) {
            TYPES.put(c.getSimpleName(), c);
        }
    }

    private FactTypes() {
    }

    /** The class for a simple name, or null. */
    public static Class<?> byName(String simpleName) {
        return TYPES.get(simpleName);
    }

    public static Map<String, Class<?>> all() {
        return TYPES;
    }

    /** The known type name closest to a misspelt one, or null (see {@link Spelling}). */
    public static String nearest(String name) {
        return Spelling.nearest(name, TYPES.keySet());
    }

    /** True for facts observed on the cluster (as opposed to knowledge and context). */
    public static boolean observed(Class<?> c) {
        return Fact.class.isAssignableFrom(c);
    }
}
