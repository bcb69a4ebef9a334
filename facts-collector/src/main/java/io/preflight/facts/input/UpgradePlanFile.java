package io.preflight.facts.input;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.preflight.facts.Fact;
import io.preflight.facts.PlannedPlatformChange;
import io.preflight.facts.UpgradeOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The operator's upgrade plan ({@code --upgrade-plan FILE}): how the upgrade will be run, and which OS or Docker
 * changes are planned in the same maintenance. Without it preflight assumes preflight checks stay on and no
 * platform layer changes.
 * <pre>
 * skip_checks: false              # the upgrade script's --skip-checks / SKIP_CHECKS
 * platform_changes:
 *   - host: 10.0.0.7
 *     os: "CentOS 7.6"            # planned OS (optional)
 *     docker: "18.09.2"           # planned Docker (optional)
 * </pre>
 */
public final class UpgradePlanFile {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> TOP = Set.of("skip_checks", "platform_changes");
    private static final Set<String> CHANGE = Set.of("host", "os", "docker");

    private UpgradePlanFile() {
    }

    public static List<Fact> read(Path file) throws InputFileException {
        byte[] body;
        try {
            body = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InputFileException(file + ": no such file");
        } catch (IOException e) {
            throw new InputFileException(file + ": cannot read: " + e.getMessage());
        }
        JsonNode root;
        try {
            root = YAML.readTree(body);
        } catch (JsonProcessingException e) {
            JsonLocation l = e.getLocation();
            throw new InputFileException(file + (l != null ? ":" + l.getLineNr() : "") + ": not valid YAML: "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InputFileException(file + ": cannot read: " + e.getMessage());
        }
        String source = "upgrade-plan:" + file;
        List<Fact> facts = new ArrayList<>();
        if (root == null || root.isNull() || root.isMissingNode()) return facts;
        if (!root.isObject()) throw new InputFileException(file + ":1: expected a mapping (skip_checks, platform_changes)");
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!TOP.contains(k)) throw new InputFileException(file + ": unknown key '" + k + "' (valid: " + TOP + ")");
        }
        JsonNode skip = root.get("skip_checks");
        if (skip != null && !skip.isBoolean()) throw new InputFileException(file + ": skip_checks must be true or false");
        facts.add(new UpgradeOptions("upgrade", source, skip != null && skip.asBoolean(), file + ": skip_checks"));
        JsonNode changes = root.get("platform_changes");
        if (changes != null && !changes.isNull()) {
            if (!changes.isArray()) throw new InputFileException(file + ": platform_changes must be a list");
            int i = 0;
            for (JsonNode c : changes) {
                String where = file + ": platform_changes[" + i++ + "]";
                if (!c.isObject() || !c.hasNonNull("host")) throw new InputFileException(where + ": needs a host");
                for (Iterator<String> it = c.fieldNames(); it.hasNext(); ) {
                    String k = it.next();
                    if (!CHANGE.contains(k)) throw new InputFileException(where + ": unknown key '" + k + "'");
                }
                String host = c.get("host").asText();
                if (c.hasNonNull("os")) facts.add(new PlannedPlatformChange(host, source, "os", null, c.get("os").asText()));
                if (c.hasNonNull("docker")) {
                    facts.add(new PlannedPlatformChange(host, source, "docker", null, c.get("docker").asText()));
                }
            }
        }
        return facts;
    }
}
