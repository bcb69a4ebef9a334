package io.preflight.facts.parse;

import com.fasterxml.jackson.databind.JsonNode;
import io.preflight.facts.CollectionProblem;
import io.preflight.facts.DockerDaemon;
import io.preflight.facts.Fact;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Docker on a node, from the probe's {@code docker-version} section ({@code docker version --format '{{json .}}'}
 * or plain {@code docker version}, stdout and stderr together), or, when that section is absent, from
 * {@code docker-info} ({@code docker info --format '{{json .}}'} or plain {@code docker info}).
 *
 * <ul>
 *   <li>rc 127 or "command not found" → not installed, not answering.
 *   <li>"permission denied" talking to the daemon → a {@code CollectionProblem} ({@code AUTH}): the probe could not
 *       look, which says nothing about the daemon.
 *   <li>a server part with a version → answering; {@code serverVersion} is the Engine component's version when the
 *       server lists components (Docker EE: {@code 17.06.2-ee-15}), else the server's version.
 *   <li>no server part ("Cannot connect to the Docker daemon", {@code "Server": null}) → installed, not answering,
 *       {@code detail} = the error line.
 * </ul>
 */
final class DockerParser {
    private DockerParser() {
    }

    static Fact fromVersion(String subject, String source, ProbeDocument.Section s) throws PayloadException {
        Fact early = notInstalledOrDenied(subject, source, s);
        if (early != null) return early;
        String client = null;
        String server = null;
        JsonNode json = jsonLine(s);
        if (json != null) {
            client = text(json.path("Client").path("Version"));
            JsonNode srv = json.path("Server");
            if (srv.isObject()) {
                for (JsonNode c : srv.path("Components")) {
                    if ("Engine".equals(c.path("Name").asText())) server = text(c.path("Version"));
                }
                if (server == null) server = text(srv.path("Version"));
            }
        } else {
            String block = null;
            boolean inEngine = false;
            int engineIndent = -1;
            for (String line : s.lines()) {
                if (line.isBlank()) continue;
                int indent = line.length() - line.stripLeading().length();
                String t = line.trim();
                if (indent == 0) {
                    block = t.startsWith("Client") ? "client" : t.startsWith("Server") ? "server" : null;
                    inEngine = false;
                    continue;
                }
                if ("server".equals(block) && t.endsWith(":")) { // a component block: " Engine:", " Kubernetes:"
                    inEngine = t.equals("Engine:");
                    engineIndent = indent;
                    continue;
                }
                if (!t.startsWith("Version:")) continue;
                String v = t.substring("Version:".length()).trim();
                if ("client".equals(block) && client == null) client = v;
                if ("server".equals(block) && server == null && (inEngine ? indent > engineIndent : engineIndent < 0)) {
                    server = v;
                }
            }
        }
        if (client == null && server == null && errorLine(s) == null) {
            throw new PayloadException("line " + s.headerLine() + ": docker-version output has neither a client nor a"
                    + " server version");
        }
        return daemon(subject, source, s, server, client);
    }

    static Fact fromInfo(String subject, String source, ProbeDocument.Section s) throws PayloadException {
        Fact early = notInstalledOrDenied(subject, source, s);
        if (early != null) return early;
        String server = null;
        JsonNode json = jsonLine(s);
        if (json != null) {
            server = text(json.path("ServerVersion"));
        } else {
            for (String line : s.lines()) {
                String t = line.trim();
                if (t.startsWith("Server Version:")) server = t.substring("Server Version:".length()).trim();
            }
        }
        if (server == null && errorLine(s) == null) {
            throw new PayloadException("line " + s.headerLine() + ": docker-info output has no server version");
        }
        return daemon(subject, source, s, server, null);
    }

    private static Fact daemon(String subject, String source, ProbeDocument.Section s, String server, String client) {
        boolean answering = server != null && !server.isBlank();
        String detail = answering ? null : errorLine(s);
        if (!answering && detail == null) detail = "the daemon did not answer (rc=" + s.rc() + ")";
        return new DockerDaemon(subject, source, true, answering, answering ? server : null, client, detail);
    }

    private static Fact notInstalledOrDenied(String subject, String source, ProbeDocument.Section s) {
        String lower = s.text().toLowerCase(Locale.ROOT);
        if (Integer.valueOf(127).equals(s.rc()) || lower.contains("command not found")
                || lower.contains("docker: not found")) {
            return new DockerDaemon(subject, source, false, false, null, null,
                    "docker is not installed: " + s.firstLine());
        }
        if (lower.contains("permission denied")) {
            return new CollectionProblem(subject, source, CollectionProblem.Kind.AUTH, s.name(),
                    "the probe user may not talk to the Docker daemon: " + s.firstLine());
        }
        return null;
    }

    /** The first line that parses as a JSON object (the {@code {{json .}}} output), or null. */
    private static JsonNode jsonLine(ProbeDocument.Section s) {
        for (String line : s.lines()) {
            String t = line.trim();
            if (!t.startsWith("{")) continue;
            try {
                JsonNode n = JsonPayload.read(t.getBytes(StandardCharsets.UTF_8), s.name());
                if (n.isObject()) return n;
            } catch (PayloadException ignored) {
                // not JSON after all: fall back to the text format
            }
        }
        return null;
    }

    /** The daemon error the CLI printed, or null. */
    private static String errorLine(ProbeDocument.Section s) {
        for (String line : s.lines()) {
            String t = line.trim();
            if (t.contains("Cannot connect to the Docker daemon") || t.startsWith("Error response from daemon")
                    || t.startsWith("error during connect") || t.startsWith("Error:")) {
                return t;
            }
        }
        return null;
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode() || n.asText().isBlank() ? null : n.asText();
    }
}
