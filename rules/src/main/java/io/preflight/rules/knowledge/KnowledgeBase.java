package io.preflight.rules.knowledge;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The curated knowledge the rules judge against: the DC/OS release catalog, supported upgrade paths, bundled
 * component versions, the OS × Docker support matrix, Mesos flag changes, Mesos upgrade-order notes and the
 * {@code MESOS_*} variables DC/OS sets itself. Each row names its public source.
 *
 * <p>The data lives in YAML files under {@code knowledge/} on the classpath ({@link #FILES}); each file's header
 * says where its rows come from and how they were cleaned. Keys are snake_case and mapped by hand to the
 * records of this package. A malformed file fails the load with a {@link KnowledgeException} naming the file, the
 * row index and the field.
 *
 * <p>Immutable and thread-safe. {@link #load()} reads the files once per JVM and returns the same instance.
 */
public final class KnowledgeBase {
    /** Classpath folder of the data files. */
    public static final String RESOURCE_DIR = "knowledge/";
    public static final String RELEASES = "releases.yaml";
    public static final String UPGRADE_PATHS = "upgrade-paths.yaml";
    public static final String COMPONENT_VERSIONS = "component-versions.yaml";
    public static final String PLATFORM_SUPPORT = "platform-support.yaml";
    public static final String FLAG_CHANGES = "mesos-flag-changes.yaml";
    public static final String UPGRADE_ORDER = "upgrade-order.yaml";
    public static final String DCOS_MANAGED_FLAGS = "dcos-managed-flags.yaml";
    /** Every data file, in load order. */
    public static final List<String> FILES = List.of(RELEASES, UPGRADE_PATHS, COMPONENT_VERSIONS, PLATFORM_SUPPORT,
            FLAG_CHANGES, UPGRADE_ORDER, DCOS_MANAGED_FLAGS);

    /** OS families as the version policy names them (and {@code PlatformSupport.os} starts with). */
    public static final List<String> OS_FAMILIES = List.of("CentOS", "RHEL", "CoreOS", "Flatcar", "Oracle Linux",
            "Ubuntu");

    private static final Pattern RELEASE = Pattern.compile("\\d+\\.\\d+\\.\\d+(\\.\\d+)?");
    private static final Pattern XYZ = Pattern.compile("\\d+\\.\\d+\\.\\d+");
    private static final Pattern MINOR = Pattern.compile("\\d+\\.\\d+");
    private static final Pattern DOCKER = Pattern.compile("\\d+(\\.\\d+)+");
    private static final Pattern OS = Pattern.compile("(CentOS|RHEL|CoreOS|Flatcar|Oracle Linux|Ubuntu) \\d+(\\.\\d+)*");
    private static final Pattern FLAG = Pattern.compile("[a-z0-9_]+");
    private static final Pattern ENV_VAR = Pattern.compile("MESOS_[A-Z0-9_]+");
    private static final Pattern LEADING_DIGIT = Pattern.compile("\\d.*");
    private static final Set<String> ORIGINS = Set.of("docs", "faq");
    private static final Set<String> EDITIONS = Set.of("CE", "EE", "Engine", "RH", "");
    private static final Set<String> COMPONENTS = Set.of("master", "agent", "both");
    private static final Set<String> CHANGES = Set.of("REMOVED", "DEPRECATED", "RENAMED");

    private final List<Release> releases;
    private final List<UpgradePathEntry> upgradePaths;
    private final List<ComponentVersions> componentVersions;
    private final List<PlatformSupport> platformSupport;
    private final List<MesosFlagChange> flagChanges;
    private final List<UpgradeOrderNote> upgradeOrderNotes;
    private final List<DcosManagedFlag> dcosManagedFlags;
    private final Map<String, Release> releaseByVersion;
    private final Map<String, ComponentVersions> componentsByDcos;
    private final Map<String, Release> latestByMinor;
    private final List<String> minors;
    private final List<Object> facts;

    private KnowledgeBase(List<Release> releases, List<UpgradePathEntry> upgradePaths,
                          List<ComponentVersions> componentVersions, List<PlatformSupport> platformSupport,
                          List<MesosFlagChange> flagChanges, List<UpgradeOrderNote> upgradeOrderNotes,
                          List<DcosManagedFlag> dcosManagedFlags,
                          Map<String, ComponentVersions> componentsByDcos) {
        this.releases = List.copyOf(releases);
        this.upgradePaths = List.copyOf(upgradePaths);
        this.componentVersions = List.copyOf(componentVersions);
        this.platformSupport = List.copyOf(platformSupport);
        this.flagChanges = List.copyOf(flagChanges);
        this.upgradeOrderNotes = List.copyOf(upgradeOrderNotes);
        this.dcosManagedFlags = List.copyOf(dcosManagedFlags);
        this.componentsByDcos = Collections.unmodifiableMap(new LinkedHashMap<>(componentsByDcos));
        Map<String, Release> byVersion = new LinkedHashMap<>();
        Map<String, Release> latest = new LinkedHashMap<>();
        List<String> ms = new ArrayList<>();
        for (Release r : this.releases) {
            byVersion.put(r.version(), r);
            if (r.latestPatch()) latest.put(r.minor(), r);
            if (!ms.contains(r.minor())) ms.add(r.minor());
        }
        this.releaseByVersion = Collections.unmodifiableMap(byVersion);
        this.latestByMinor = Collections.unmodifiableMap(latest);
        this.minors = List.copyOf(ms);
        List<Object> all = new ArrayList<>();
        all.addAll(this.releases);
        all.addAll(this.upgradePaths);
        all.addAll(this.componentVersions);
        all.addAll(this.platformSupport);
        all.addAll(this.flagChanges);
        all.addAll(this.upgradeOrderNotes);
        all.addAll(this.dcosManagedFlags);
        this.facts = Collections.unmodifiableList(all);
    }

    // ------------------------------------------------------------------------------------------------ loading

    private static final class Holder {
        static final KnowledgeBase INSTANCE;
        static final KnowledgeException FAILURE;

        static {
            KnowledgeBase kb = null;
            KnowledgeException failure = null;
            try {
                kb = read(KnowledgeBase::classpathText);
            } catch (KnowledgeException e) {
                failure = e;
            }
            INSTANCE = kb;
            FAILURE = failure;
        }
    }

    /**
     * The knowledge base read from the classpath; read once per JVM, later calls return the same instance.
     *
     * @throws KnowledgeException when a file is missing or malformed (every call, with the same message)
     */
    public static KnowledgeBase load() {
        if (Holder.FAILURE != null) {
            KnowledgeException f = Holder.FAILURE;
            throw new KnowledgeException(f.file(), f.row(), f.field(), f.problem(), f);
        }
        return Holder.INSTANCE;
    }

    private static String classpathText(String file) {
        ClassLoader cl = KnowledgeBase.class.getClassLoader();
        try (InputStream in = cl.getResourceAsStream(RESOURCE_DIR + file)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new KnowledgeException(file, -1, null, "cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * Builds a knowledge base from file contents: {@code text} maps each name in {@link #FILES} to its YAML text
     * (null when missing). Not cached; {@link #load()} is the normal entry point.
     */
    static KnowledgeBase read(Function<String, String> text) {
        ObjectMapper yaml = new ObjectMapper(YAMLFactory.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());
        Map<String, List<Row>> rows = new HashMap<>();
        for (String f : FILES) rows.put(f, rows(yaml, f, text.apply(f)));

        List<Release> releases = releases(rows.get(RELEASES));
        List<UpgradePathEntry> paths = new ArrayList<>();
        for (Row r : rows.get(UPGRADE_PATHS)) paths.add(upgradePath(r));
        List<ComponentVersions> comps = new ArrayList<>();
        Map<String, ComponentVersions> compsByDcos = new LinkedHashMap<>();
        for (Row r : rows.get(COMPONENT_VERSIONS)) {
            ComponentVersions c = componentVersions(r);
            if (compsByDcos.putIfAbsent(c.dcos(), c) != null) {
                throw r.error("dcos", "DC/OS " + c.dcos() + " appears twice");
            }
            comps.add(c);
        }
        List<PlatformSupport> platform = new ArrayList<>();
        for (Row r : rows.get(PLATFORM_SUPPORT)) platform.add(platformSupport(r));
        List<MesosFlagChange> flags = new ArrayList<>();
        for (Row r : rows.get(FLAG_CHANGES)) flags.add(flagChange(r));
        List<UpgradeOrderNote> order = new ArrayList<>();
        for (Row r : rows.get(UPGRADE_ORDER)) order.add(upgradeOrder(r));
        List<DcosManagedFlag> managed = new ArrayList<>();
        for (Row r : rows.get(DCOS_MANAGED_FLAGS)) managed.add(managedFlag(r));
        return new KnowledgeBase(releases, paths, comps, platform, flags, order, managed, compsByDcos);
    }

    private static List<Row> rows(ObjectMapper yaml, String file, String text) {
        if (text == null) throw new KnowledgeException(file, -1, null, "not found (expected on the classpath under "
                + RESOURCE_DIR + ")");
        JsonNode root;
        try {
            root = yaml.readTree(text);
        } catch (JacksonException e) {
            throw new KnowledgeException(file, -1, null, "not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"), e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new KnowledgeException(file, -1, null, "is empty; expected a list of rows");
        }
        if (!root.isArray()) {
            throw new KnowledgeException(file, -1, null, "top level must be a list of rows, found "
                    + root.getNodeType().toString().toLowerCase());
        }
        if (root.isEmpty()) throw new KnowledgeException(file, -1, null, "has no rows");
        List<Row> out = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode n = root.get(i);
            if (!n.isObject()) throw new KnowledgeException(file, i, null, "row must be a mapping of fields");
            out.add(new Row(file, i, n));
        }
        return out;
    }

    // --------------------------------------------------------------------------------------- one file each

    private static List<Release> releases(List<Row> rows) {
        List<String[]> raw = new ArrayList<>();
        Version previous = null;
        for (Row r : rows) {
            r.allow("version", "source", "note");
            String v = r.text("version", RELEASE, "a release number like 1.10.7");
            Version pv = Version.parse(v);
            if (previous != null && pv.compareTo(previous) <= 0) {
                throw r.error("version", v + " does not come after " + previous
                        + ": releases must be listed once each, in ascending order");
            }
            previous = pv;
            raw.add(new String[] {v, r.text("source")});
        }
        // minor series and their newest patch, computed from the catalog itself
        Map<Version, String> minorsSorted = new TreeMap<>();
        Map<String, Version> newest = new HashMap<>();
        for (String[] x : raw) {
            Version v = Version.parse(x[0]);
            minorsSorted.put(Version.parse(v.minor()), v.minor());
            newest.merge(v.minor(), v, (a, b) -> a.compareTo(b) >= 0 ? a : b);
        }
        List<String> minorList = new ArrayList<>(minorsSorted.values());
        List<Release> out = new ArrayList<>();
        for (String[] x : raw) {
            Version v = Version.parse(x[0]);
            String minor = v.minor();
            out.add(new Release(x[0], minor, minorList.indexOf(minor), newest.get(minor).compareTo(v) == 0, x[1]));
        }
        return out;
    }

    private static UpgradePathEntry upgradePath(Row r) {
        r.allow("from", "to", "supported", "origin", "source", "note");
        String from = r.text("from", RELEASE, "a release number like 1.10.7");
        String to = r.text("to", RELEASE, "a release number like 1.11.3");
        if (Version.parse(to).compareTo(Version.parse(from)) <= 0) {
            throw r.error("to", to + " is not newer than from " + from);
        }
        boolean supported = r.bool("supported");
        String origin = r.oneOf("origin", ORIGINS);
        return new UpgradePathEntry(from, to, supported, origin, r.text("source"));
    }

    private static ComponentVersions componentVersions(Row r) {
        r.allow("dcos", "mesos", "marathon", "zookeeper", "metronome", "source", "note");
        return new ComponentVersions(
                r.text("dcos", RELEASE, "a DC/OS release number like 1.11.3"),
                r.text("mesos", XYZ, "a Mesos version x.y.z"),
                r.text("marathon", LEADING_DIGIT, "a version starting with a digit"),
                r.text("zookeeper", LEADING_DIGIT, "a version starting with a digit"),
                r.text("metronome", LEADING_DIGIT, "a version starting with a digit"),
                r.text("source"));
    }

    private static PlatformSupport platformSupport(Row r) {
        r.allow("dcos_minor", "os", "docker", "edition", "source", "note");
        return new PlatformSupport(
                r.text("dcos_minor", MINOR, "a DC/OS minor like 1.11"),
                r.text("os", OS, "'<family> <version>' with family one of " + OS_FAMILIES + ", e.g. CentOS 7.4"),
                r.text("docker", DOCKER, "a numeric Docker version like 18.09.2"),
                r.oneOf("edition", EDITIONS),
                r.text("source"));
    }

    private static MesosFlagChange flagChange(Row r) {
        r.allow("mesos_version", "component", "change", "flag", "value", "replacement", "note", "source");
        String change = r.oneOf("change", CHANGES);
        String replacement = r.optText("replacement");
        if ("RENAMED".equals(change)) {
            if (replacement == null) throw r.error("replacement", "a RENAMED row must name the new flag");
            if (!FLAG.matcher(replacement).matches()) {
                throw r.error("replacement", "'" + replacement + "' is not a flag name (lower-case, no dashes)");
            }
        }
        return new MesosFlagChange(
                r.text("mesos_version", XYZ, "a Mesos version x.y.z"),
                r.oneOf("component", COMPONENTS),
                change,
                r.text("flag", FLAG, "a flag name: lower-case, digits and '_', no leading dashes"),
                r.optText("value"),
                replacement,
                r.optText("note"),
                r.text("source"));
    }

    private static UpgradeOrderNote upgradeOrder(Row r) {
        r.allow("from_minor", "to_minor", "ordering", "procedure", "note", "why", "source");
        String from = r.text("from_minor", MINOR, "a Mesos minor like 0.11");
        String to = r.text("to_minor", MINOR, "a Mesos minor like 0.12");
        if (Version.parse(to).compareTo(Version.parse(from)) <= 0) {
            throw r.error("to_minor", to + " is not newer than from_minor " + from);
        }
        String note = r.optText("note");
        return new UpgradeOrderNote(from, to, r.text("procedure"), note == null ? "" : note, r.bool("ordering"),
                r.text("source"));
    }

    private static DcosManagedFlag managedFlag(Row r) {
        r.allow("env_var", "flag", "releases", "source", "note");
        String env = r.text("env_var", ENV_VAR, "MESOS_ followed by upper-case letters, digits or '_'");
        String flag = r.text("flag", FLAG, "a flag name: lower-case, digits and '_'");
        if (!flag.equals(env.substring("MESOS_".length()).toLowerCase())) {
            throw r.error("flag", "'" + flag + "' does not match env_var " + env);
        }
        return new DcosManagedFlag(env, flag, r.textList("releases", RELEASE, "a DC/OS release number"),
                r.text("source"));
    }

    // ------------------------------------------------------------------------------------------ accessors

    /** The DC/OS release catalog in ascending version order. */
    public List<Release> releases() {
        return releases;
    }

    /** Every row of the supported-path sources (docs and FAQ), supported or explicitly not. */
    public List<UpgradePathEntry> upgradePaths() {
        return upgradePaths;
    }

    /** Bundled Mesos/Marathon/ZooKeeper/Metronome per DC/OS release. */
    public List<ComponentVersions> componentVersions() {
        return componentVersions;
    }

    /** Supported (OS, Docker) pairs per DC/OS minor; a pair without a row is not supported. */
    public List<PlatformSupport> platformSupport() {
        return platformSupport;
    }

    /** Removed, deprecated and renamed Mesos flags (and flag values). */
    public List<MesosFlagChange> flagChanges() {
        return flagChanges;
    }

    /**
     * Every documented Mesos upgrade step (0.11 → 0.12 ... 1.9 → 1.10) with its procedure and notes;
     * {@link UpgradeOrderNote#ordering()} marks the steps with a version-specific ordering requirement or
     * prerequisite, the others state only the generic order.
     */
    public List<UpgradeOrderNote> upgradeOrderNotes() {
        return upgradeOrderNotes;
    }

    /** {@code MESOS_*} variables DC/OS itself sets, with the releases that set them. */
    public List<DcosManagedFlag> dcosManagedFlags() {
        return dcosManagedFlags;
    }

    /** The catalog entry for an exact release number ({@code 1.10.7}); empty when unknown or null. */
    public Optional<Release> release(String version) {
        return Optional.ofNullable(version == null ? null : releaseByVersion.get(version.trim()));
    }

    /**
     * The component versions bundled with an exact DC/OS release; empty when unknown, or for a catalog release
     * whose components are not documented (see component-versions.yaml).
     */
    public Optional<ComponentVersions> components(String dcosVersion) {
        return Optional.ofNullable(dcosVersion == null ? null : componentsByDcos.get(dcosVersion.trim()));
    }

    /** The newest catalog release of a minor ({@code 1.10} → 1.10.11); empty when the minor is unknown. */
    public Optional<Release> latestPatchOf(String minor) {
        return Optional.ofNullable(minor == null ? null : latestByMinor.get(minor.trim()));
    }

    /** The catalog's minor series in ascending order ({@code 1.9, 1.10, ... 2.2}); index = minorOrdinal. */
    public List<String> minors() {
        return minors;
    }

    /**
     * Every knowledge row as a fact for a rule session: releases, upgrade paths, component versions, platform
     * support, flag changes, upgrade-order notes (all of them: match {@code ordering == true} for requirements)
     * and DC/OS-managed flags. Unmodifiable.
     */
    public List<Object> facts() {
        return facts;
    }

    @Override
    public String toString() {
        return "KnowledgeBase[releases=" + releases.size() + ", upgradePaths=" + upgradePaths.size()
                + ", componentVersions=" + componentVersions.size() + ", platformSupport=" + platformSupport.size()
                + ", flagChanges=" + flagChanges.size() + ", upgradeOrderNotes=" + upgradeOrderNotes.size()
                + ", dcosManagedFlags=" + dcosManagedFlags.size() + "]";
    }

    // ----------------------------------------------------------------------------------------------- rows

    /** One row of a data file, with typed field access that fails naming file, row and field. */
    private static final class Row {
        final String file;
        final int index;
        final JsonNode node;

        Row(String file, int index, JsonNode node) {
            this.file = file;
            this.index = index;
            this.node = node;
        }

        KnowledgeException error(String field, String problem) {
            return new KnowledgeException(file, index, field, problem);
        }

        void allow(String... fields) {
            List<String> known = List.of(fields);
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!known.contains(f)) throw error(f, "unknown field; expected one of " + known);
            }
        }

        /** A required, non-blank string. */
        String text(String field) {
            String s = optText(field);
            if (s == null || s.isBlank()) throw error(field, "is required and must not be blank");
            return s;
        }

        /** A required string matching {@code p}. */
        String text(String field, Pattern p, String expected) {
            String s = text(field);
            if (!p.matcher(s).matches()) throw error(field, "'" + s + "' is not " + expected);
            return s;
        }

        /** An optional string: null when absent or YAML null; a number or boolean is an error, not a string. */
        String optText(String field) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) return null;
            if (!v.isTextual()) throw notText(field, v);
            return v.asText().trim();
        }

        /** A required string (possibly empty) from a fixed set. */
        String oneOf(String field, Set<String> allowed) {
            String s = optText(field);
            if (s == null) throw error(field, "is required; one of " + quoted(allowed));
            if (!allowed.contains(s)) throw error(field, "'" + s + "' is not one of " + quoted(allowed));
            return s;
        }

        boolean bool(String field) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) throw error(field, "is required (true or false)");
            if (!v.isBoolean()) throw error(field, "must be true or false, found '" + v.asText() + "'");
            return v.booleanValue();
        }

        List<String> textList(String field, Pattern p, String expected) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) throw error(field, "is required (a list)");
            if (!v.isArray() || v.isEmpty()) throw error(field, "must be a non-empty list");
            List<String> out = new ArrayList<>();
            for (int i = 0; i < v.size(); i++) {
                JsonNode x = v.get(i);
                if (!x.isTextual()) throw notText(field + "[" + i + "]", x);
                String s = x.asText().trim();
                if (!p.matcher(s).matches()) throw error(field + "[" + i + "]", "'" + s + "' is not " + expected);
                out.add(s);
            }
            return out;
        }

        private KnowledgeException notText(String field, JsonNode v) {
            String hint = v.isNumber() ? " (YAML read it as the number " + v.asText()
                    + "; quote versions, or 1.10 becomes 1.1)" : "";
            return error(field, "must be a quoted string, found " + v.getNodeType().toString().toLowerCase() + hint);
        }

        private static String quoted(Set<String> values) {
            List<String> l = new ArrayList<>(values);
            l.sort(Comparator.naturalOrder());
            return l.stream().map(x -> "'" + x + "'").toList().toString();
        }
    }

    /** A missing or malformed knowledge file; names the file, the row index (-1: whole file) and the field. */
    public static final class KnowledgeException extends RuntimeException {
        private final String file;
        private final int row;
        private final String field;
        private final String problem;

        KnowledgeException(String file, int row, String field, String problem) {
            this(file, row, field, problem, null);
        }

        KnowledgeException(String file, int row, String field, String problem, Throwable cause) {
            super(RESOURCE_DIR + file + (row >= 0 ? " row[" + row + "]" : "")
                    + (field != null ? " field '" + field + "'" : "") + ": " + problem, cause);
            this.file = file;
            this.row = row;
            this.field = field;
            this.problem = problem;
        }

        /** The file name, e.g. {@code releases.yaml}. */
        public String file() {
            return file;
        }

        /** 0-based index of the row in the file's list, -1 when the problem concerns the whole file. */
        public int row() {
            return row;
        }

        /** The offending field, null when the problem concerns a whole row or file. */
        public String field() {
            return field;
        }

        /** The problem without the location prefix. */
        public String problem() {
            return problem;
        }
    }
}
