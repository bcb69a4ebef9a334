package io.preflight.facts.parse;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.preflight.facts.ConfigEntry;
import io.preflight.facts.ConfigScope;
import io.preflight.facts.DcosConfig;
import io.preflight.facts.Fact;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A DC/OS {@code config.yaml}: the running one ({@code /opt/mesosphere/etc/user.config.yaml}, payload
 * {@code CONFIG_RUNNING}) or the one prepared for the upgrade ({@code --target-config}).
 *
 * <p>Produces one {@link DcosConfig} (subject {@link ConfigScope#subject()}) and one {@link ConfigEntry} per
 * top-level key (subject {@code config.yaml:<key>}). Never throws for bad content: a file that is not YAML, or not a
 * mapping, gives a {@code DcosConfig} whose {@code parseError} names the line and column, and no entries. Duplicate
 * keys are read as DC/OS reads them ({@code yaml.safe_load}: the last one wins).
 *
 * <p>Secrets: an entry's {@code value} is canonical JSON (sorted keys) in which the value of every secret-looking key
 * ({@link Secrets#isSecretKey}, at any depth) is {@code "****"} and URL passwords ({@code http://u:pw@proxy}) are
 * masked; its {@code fingerprint} is the SHA-256 of the unmasked canonical JSON, so two configs can be compared
 * without showing the secret. Error messages never quote the file's text.
 *
 * <p>Secret digests ({@link SecretDigest}, {@code docs/bundle-format.md} "Secret digests"): in a running config read
 * from a bundle, a secret may be stored as a digest marker instead of the bare mask. Its entry's {@code value} shows
 * {@code "****"}; its {@code fingerprint} is {@code pbkdf2-sha256:<iterations>:<salt>:<hex>}, the SHA-256 of the
 * canonical value as stored (markers included). A target config parsed with such running entries
 * ({@link #parseConfig(ConfigScope, String, byte[], Collection)}) gets, for those keys, a fingerprint of the same form:
 * its secrets digested with the running key's salt and iterations, so equal values give equal fingerprints. A value
 * holding a bare mask, a garbled marker, markers with different salts, or (in a target config) any marker at all, has
 * the fingerprint {@link ConfigEntry#MASKED}: it cannot be compared.
 *
 * <p>{@code provider}: the {@code provider} key as written, except {@code aws}, which only DC/OS's CloudFormation
 * templates set (on-premises installs render {@code onprem}), reported as {@code aws-cloudformation}; without the key,
 * {@code aws-cloudformation} when the file has keys only the CloudFormation template generator reads
 * ({@code aws_template_*}, {@code *cloudformation*}); null otherwise. AWS credentials alone (an S3 Exhibitor backend)
 * do not make a CloudFormation cluster.
 */
public final class ConfigYamlParser {
    static final String CLOUDFORMATION = "aws-cloudformation";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> BACKENDS = Set.of("static", "zookeeper", "aws_s3", "azure", "shared_filesystem");
    private static final Set<String> DISCOVERY = Set.of("static", "master_http_loadbalancer");
    private static final Set<Integer> MASTER_COUNTS = Set.of(1, 3, 5, 7);
    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

    private ConfigYamlParser() {
    }

    /**
     * @param scope  which config this is
     * @param source where it came from (file path or endpoint), copied into every fact
     * @param body   the file's bytes (UTF-8)
     * @return the {@code DcosConfig} first, then one {@code ConfigEntry} per top-level key in file order
     */
    public static List<Fact> parseConfig(ConfigScope scope, String source, byte[] body) {
        return parseConfig(scope, source, body, List.of());
    }

    /**
     * As {@link #parseConfig(ConfigScope, String, byte[])}, with the fingerprint of every key whose entry in
     * {@code compareWith} is {@link ConfigEntry#digested()} computed in that form (salt and iterations from it), so the
     * two compare. Used for the target config, with the running config's facts.
     *
     * @param compareWith facts of the other config (others are ignored); the digested {@code ConfigEntry}s count
     */
    public static List<Fact> parseConfig(ConfigScope scope, String source, byte[] body,
                                         Collection<? extends Fact> compareWith) {
        Map<String, SecretDigest.Params> digestedKeys = new HashMap<>();
        for (Fact f : compareWith) {
            if (f instanceof ConfigEntry c && c.scope() != scope && c.key() != null) {
                paramsOf(c.fingerprint()).ifPresent(p -> digestedKeys.put(c.key(), p));
            }
        }
        JsonNode root;
        try {
            root = body == null ? null : YAML.readTree(body);
        } catch (JsonProcessingException e) {
            return List.of(failed(scope, source, describe(e)));
        } catch (IOException e) {
            return List.of(failed(scope, source, "cannot read: " + e.getMessage()));
        }
        if (root == null || root.isMissingNode() || root.isNull()) return List.of(failed(scope, source, "the file is empty"));
        if (!root.isObject()) {
            return List.of(failed(scope, source, "line 1: the document is not a mapping of config keys (found "
                    + root.getNodeType().name().toLowerCase(Locale.ROOT) + ")"));
        }
        List<Fact> facts = new ArrayList<>();
        facts.add(config(scope, source, root));
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
        root.properties().forEach(entries::add);
        // PBKDF2 is slow on purpose: one key after another would add up with many secrets, so keys run in parallel
        String[] fingerprints = new String[entries.size()];
        java.util.stream.IntStream.range(0, entries.size()).parallel().forEach(i -> fingerprints[i] =
                fingerprint(scope, entries.get(i).getKey(), entries.get(i).getValue(),
                        digestedKeys.get(entries.get(i).getKey())));
        for (int i = 0; i < entries.size(); i++) {
            String key = entries.get(i).getKey();
            CanonicalJson.Masked masked = CanonicalJson.mask(key, entries.get(i).getValue());
            facts.add(new ConfigEntry("config.yaml:" + key, source, scope, key, CanonicalJson.write(masked.value()),
                    fingerprints[i], Secrets.isSecretKey(key) || masked.secret()));
        }
        return facts;
    }

    /**
     * The fingerprint of one key's value (see the class comment).
     *
     * @param compareParams the salt and iterations of the other config's digested entry for this key, or null
     */
    static String fingerprint(ConfigScope scope, String key, JsonNode value, SecretDigest.Params compareParams) {
        if (scope == ConfigScope.RUNNING) {
            // markers are read only in the running config: in a target file a marker is literal text, not the secret
            SecretDigest.Params stored = null;
            for (String text : CanonicalJson.maskedTexts(value)) {
                Optional<SecretDigest.Params> p = SecretDigest.parse(text);
                if (p.isEmpty() || (stored != null && !stored.equals(p.get()))) return ConfigEntry.MASKED;
                stored = p.get();
            }
            if (stored != null) return digested(stored, value);
            return CanonicalJson.sha256(CanonicalJson.write(value));
        }
        if (CanonicalJson.containsMask(value)) return ConfigEntry.MASKED;
        if (compareParams != null) return digested(compareParams, SecretDigest.digestTree(key, value, compareParams));
        return CanonicalJson.sha256(CanonicalJson.write(value));
    }

    private static String digested(SecretDigest.Params params, JsonNode storedForm) {
        return ConfigEntry.DIGESTED + params.text() + ":" + CanonicalJson.sha256(CanonicalJson.write(storedForm));
    }

    /** The salt and iterations of a {@link ConfigEntry#digested()} fingerprint; empty for any other. */
    static Optional<SecretDigest.Params> paramsOf(String fingerprint) {
        if (fingerprint == null || !fingerprint.startsWith(ConfigEntry.DIGESTED)) return Optional.empty();
        String[] parts = fingerprint.substring(ConfigEntry.DIGESTED.length()).split(":", -1);
        if (parts.length != 3) return Optional.empty();
        // the params read like a marker's: reuse its strict parser with a dummy digest of the right size
        return SecretDigest.parse(SecretDigest.PREFIX + parts[0] + ":" + parts[1] + ":" + "A".repeat(43));
    }

    private static DcosConfig config(ConfigScope scope, String source, JsonNode root) {
        List<String> violations = new ArrayList<>();
        String discovery = text(root.get("master_discovery"));
        String backend = text(root.get("exhibitor_storage_backend"));
        String bootstrapUrl = text(root.get("bootstrap_url"));
        List<String> masters = new ArrayList<>();
        JsonNode list = root.get("master_list");
        if (list != null && !list.isNull()) {
            if (list.isArray()) {
                for (JsonNode m : list) masters.add(m.isNull() ? "" : JsonPayload.scalarText(m));
            } else {
                violations.add("master_list is not a list");
            }
        }
        boolean isStatic = discovery == null || discovery.equals("static");
        if (isStatic) {
            if (list == null || list.isNull()) {
                violations.add("master_discovery is static but master_list is missing");
            } else if (!MASTER_COUNTS.contains(masters.size())) {
                violations.add("master_list has " + masters.size() + " entries; DC/OS needs 1, 3, 5 or 7 masters");
            }
        } else if (root.has("num_masters")) {
            String n = text(root.get("num_masters"));
            if (!isInt(n) || !MASTER_COUNTS.contains(Integer.parseInt(n.trim()))) {
                violations.add("num_masters is " + n + "; DC/OS needs 1, 3, 5 or 7 masters");
            }
        }
        Set<String> distinct = new LinkedHashSet<>();
        Set<String> duplicates = new LinkedHashSet<>();
        for (String m : masters) {
            if (!distinct.add(m)) duplicates.add(m);
            if (!IPV4.matcher(m).matches()) violations.add("master_list entry '" + m + "' is not an IPv4 address");
        }
        for (String d : duplicates) violations.add("master_list lists " + d + " more than once");
        if (bootstrapUrl != null && bootstrapUrl.endsWith("/")) {
            violations.add("bootstrap_url must not end with '/'");
        }
        if (backend != null && !BACKENDS.contains(backend)) {
            violations.add("exhibitor_storage_backend '" + backend + "' is not one of " + String.join(", ",
                    sortedCopy(BACKENDS)));
        }
        if (discovery != null && !DISCOVERY.contains(discovery)) {
            violations.add("master_discovery '" + discovery + "' is not one of " + String.join(", ",
                    sortedCopy(DISCOVERY)));
        }
        return new DcosConfig(scope.subject(), source, scope, null, masters, discovery, backend,
                Secrets.maskUrlCredentials(bootstrapUrl), text(root.get("security")), provider(root), violations);
    }

    static String provider(JsonNode root) {
        String provider = text(root.get("provider"));
        if (provider != null && !provider.isBlank()) {
            String p = provider.trim().toLowerCase(Locale.ROOT);
            return p.equals("aws") ? CLOUDFORMATION : p;
        }
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            String k = e.getKey().toLowerCase(Locale.ROOT);
            if (k.startsWith("aws_template_") || k.contains("cloudformation")) return CLOUDFORMATION;
        }
        return null;
    }

    private static DcosConfig failed(ConfigScope scope, String source, String error) {
        return new DcosConfig(scope.subject(), source, scope, error, List.of(), null, null, null, null, null, List.of());
    }

    /** {@code line L, column C: problem}, without the offending text (it may hold a secret). */
    static String describe(JsonProcessingException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.yaml.snakeyaml.error.MarkedYAMLException m && m.getProblemMark() != null) {
                return "line " + (m.getProblemMark().getLine() + 1) + ", column " + (m.getProblemMark().getColumn() + 1)
                        + ": " + m.getProblem();
            }
        }
        JsonLocation loc = e.getLocation();
        String msg = e.getOriginalMessage() == null ? "invalid YAML" : e.getOriginalMessage().lines().findFirst()
                .orElse("invalid YAML");
        return loc == null ? msg : "line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ": " + msg;
    }

    private static String text(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) return null;
        return JsonPayload.scalarText(n);
    }

    private static boolean isInt(String s) {
        if (s == null) return false;
        try {
            Integer.parseInt(s.trim());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static List<String> sortedCopy(Set<String> s) {
        return s.stream().sorted().toList();
    }
}
