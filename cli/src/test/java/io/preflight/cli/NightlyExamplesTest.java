package io.preflight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.preflight.facts.input.Inventory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The nightly-operation examples cannot rot: the Metronome job has what Metronome requires (its v1 job schema),
 * refers to secrets it declares and inlines none, and its command line, the docs' cron command lines and the
 * Dockerfile's paths match the real CLI and build.
 */
class NightlyExamplesTest {
    static final Path ROOT = Path.of("..");
    static final Path NIGHTLY = ROOT.resolve("examples/nightly");
    static final Pattern JOB_ID = Pattern.compile("^([a-z0-9]+(-[a-z0-9]+)*)(\\.([a-z0-9]+(-[a-z0-9]+)*))*$");
    static final Pattern SCHEDULE_ID = Pattern.compile("^([a-z0-9][a-z0-9\\-]*[a-z0-9]+)$");
    static final Set<String> JOB_KEYS = Set.of("id", "description", "labels", "schedules", "run");
    static final Set<String> RUN_KEYS = Set.of("args", "artifacts", "cmd", "cpus", "gpus", "disk", "networks", "ucr",
            "docker", "env", "maxLaunchDelay", "mem", "placement", "user", "taskKillGracePeriodSeconds", "restart",
            "volumes", "secrets");

    static JsonNode job() throws Exception {
        return new ObjectMapper().readTree(NIGHTLY.resolve("metronome-job.json").toFile());
    }

    @Test
    void metronomeJobHasWhatMetronomeRequires() throws Exception {
        JsonNode job = job();
        assertKeysWithin(job, JOB_KEYS, "job");
        assertTrue(JOB_ID.matcher(job.path("id").asText()).matches(), "job id: " + job.get("id"));
        JsonNode run = job.get("run");
        assertNotNull(run, "run");
        assertKeysWithin(run, RUN_KEYS, "run");
        assertTrue(run.has("cmd") ^ run.has("args"), "exactly one of run.cmd and run.args");
        assertTrue(run.path("cpus").isNumber() && run.get("cpus").asDouble() >= 0.01, "run.cpus >= 0.01");
        assertTrue(run.path("mem").isNumber() && run.get("mem").asDouble() >= 32, "run.mem >= 32 (MB)");
        assertTrue(run.path("disk").isNumber() && run.get("disk").asDouble() >= 0, "run.disk >= 0");
        String image = run.at("/ucr/image/id").asText(run.at("/docker/image").asText(""));
        assertFalse(image.isBlank(), "a container image");
        assertEquals("NEVER", run.at("/restart/policy").asText(), "a NO-GO is an answer, not a failure to retry");

        JsonNode schedules = job.get("schedules");
        assertTrue(schedules != null && schedules.isArray() && schedules.size() > 0, "schedules[]");
        for (JsonNode s : schedules) {
            assertTrue(SCHEDULE_ID.matcher(s.path("id").asText()).matches(), "schedule id: " + s.get("id"));
            String[] cron = s.path("cron").asText().trim().split("\\s+");
            assertEquals(5, cron.length, "schedules[].cron has five fields: " + s.get("cron"));
            for (String field : cron) assertTrue(field.matches("[0-9*/,\\-]+"), "cron field " + field);
            ZoneId.of(s.path("timeZone").asText()); // an IANA zone, or this throws
            if (s.has("concurrencyPolicy")) assertEquals("ALLOW", s.get("concurrencyPolicy").asText());
        }
    }

    @Test
    void secretsAreReferencedNeverInlined() throws Exception {
        JsonNode run = job().get("run");
        Set<String> declared = new HashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = run.get("secrets").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            assertFalse(e.getValue().path("source").asText().isBlank(), "secret " + e.getKey() + " has a source");
            declared.add(e.getKey());
        }
        Set<String> used = new HashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = run.get("env").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isObject()) {
                used.add(e.getValue().path("secret").asText());
            } else {
                assertFalse(e.getKey().matches("(?i).*(PASSWORD|TOKEN|SECRET|KEY).*"),
                        e.getKey() + " must come from a secret");
                assertFalse(e.getValue().asText().matches("(?i).*password=.*"), e.getKey() + " holds a password");
            }
        }
        for (JsonNode v : run.get("volumes")) if (v.has("secret")) used.add(v.get("secret").asText());
        assertEquals(declared, used, "every declared secret is used, every used secret declared");
        assertTrue(used.contains(run.at("/env/PREFLIGHT_HISTORY_PASSWORD/secret").asText()),
                "the database password is a secret");
        assertFalse(run.get("cmd").asText().matches("(?i).*(password|token)=.*"));
    }

    @Test
    void theJobsCommandAndInventoryMatchTheCli() throws Exception {
        JsonNode run = job().get("run");
        List<String> words = shellWords(run.get("cmd").asText());
        assertEquals("/opt/preflight/bin/preflight-nightly", words.get(0));
        assertEquals("prod-east", words.get(1));
        List<String> check = new ArrayList<>(List.of("check"));
        check.addAll(words.subList(2, words.size()));
        new CommandLine(new Main()).parseArgs(check.toArray(String[]::new)); // throws on an unknown option
        // the inventory it names is the one beside it, fetched as an artifact, and it parses
        String inventory = words.get(words.indexOf("--inventory") + 1);
        String name = Path.of(inventory).getFileName().toString();
        assertTrue(run.get("artifacts").toString().contains("/" + name), "artifact " + name);
        Inventory inv = Inventory.read(NIGHTLY.resolve(name));
        assertEquals(words.get(1), inv.cluster().name(), "the wrapper's CLUSTER is the inventory's cluster.name");
        Set<String> mounted = new HashSet<>();
        for (JsonNode v : run.get("volumes")) mounted.add(v.get("containerPath").asText());
        assertTrue(mounted.contains(inv.cluster().tokenFile().toString()), "the token file is a mounted secret");
        assertTrue(mounted.contains(inv.ssh().privateKey().toString()), "the SSH key is a mounted secret");
    }

    @Test
    void theDocsCommandLinesParse() throws Exception {
        String doc = Files.readString(ROOT.resolve("docs/nightly.md"));
        Matcher blocks = Pattern.compile("```(?:sh|bash|console)\\n(.*?)```", Pattern.DOTALL).matcher(doc);
        int parsed = 0;
        while (blocks.find()) {
            String block = blocks.group(1).replaceAll("\\\\\\n\\s*", " ");
            for (String line : block.lines().map(l -> l.replaceAll("\\s#\\s.*$", "")).toList()) {
                Matcher m = Pattern.compile("(?:^|\\s)(?:preflight|java -jar \\S+preflight\\.jar)\\s+(check|history)\\s(.*)")
                        .matcher(line);
                if (!m.find()) continue;
                List<String> args = new ArrayList<>(List.of(m.group(1)));
                for (String w : shellWords(m.group(2).replaceAll("\\s*(\\|\\||;|&&|>|\\|).*$", ""))) args.add(w);
                try {
                    new CommandLine(new Main()).parseArgs(args.toArray(String[]::new));
                } catch (CommandLine.ParameterException e) {
                    throw new AssertionError("docs/nightly.md: " + line.trim() + ": " + e.getMessage(), e);
                }
                parsed++;
            }
        }
        assertTrue(parsed >= 3, "the doc's command lines were found: " + parsed);
    }

    @Test
    void theDockerfileCopiesWhatTheBuildMakesAndRunsItAsNonRoot() throws Exception {
        String docker = Files.readString(ROOT.resolve("Dockerfile"));
        String cliPom = Files.readString(ROOT.resolve("cli/pom.xml"));
        assertTrue(cliPom.contains("<finalName>preflight</finalName>"), "the shaded jar is cli/target/preflight.jar");
        assertTrue(docker.contains("COPY --from=build /src/cli/target/preflight.jar /opt/preflight/preflight.jar"));
        assertTrue(docker.contains("ENTRYPOINT [\"java\""), docker);
        assertTrue(docker.contains("\"-jar\", \"/opt/preflight/preflight.jar\"]"), docker);
        Matcher copy = Pattern.compile("COPY --chmod=0755 (\\S+) /opt/preflight/bin/preflight-nightly").matcher(docker);
        assertTrue(copy.find(), "the nightly wrapper is in the image");
        assertTrue(Files.isRegularFile(ROOT.resolve(copy.group(1))), copy.group(1));
        assertTrue(Files.isExecutable(ROOT.resolve(copy.group(1))), copy.group(1) + " is executable");
        Matcher user = Pattern.compile("(?m)^USER (\\S+)").matcher(docker);
        assertTrue(user.find() && !user.group(1).startsWith("0") && !user.group(1).startsWith("root"), "USER");
        assertTrue(docker.contains("FROM maven:3.9-eclipse-temurin-17 AS build"));
        assertTrue(docker.contains("FROM eclipse-temurin:17-jre"));
    }

    /**
     * Splits a command line as /bin/sh would into words: plain words, single and double quotes, and {@code $(...)}
     * kept whole (nothing is expanded).
     */
    static List<String> shellWords(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        int depth = 0;
        char prev = 0;
        for (char c : s.toCharArray()) {
            if (depth > 0) {
                w.append(c);
                if (c == '(') depth++;
                else if (c == ')') depth--;
            } else if (c == '(' && prev == '$') {
                w.append(c);
                depth = 1;
            } else if (quote != 0) {
                if (c == quote) quote = 0;
                else w.append(c);
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) out.add(w.toString());
                w.setLength(0);
                inWord = false;
            } else {
                w.append(c);
                inWord = true;
            }
            prev = c;
        }
        if (inWord) out.add(w.toString());
        return out;
    }

    static void assertKeysWithin(JsonNode o, Set<String> allowed, String where) {
        for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            assertTrue(allowed.contains(k), where + "." + k + " is not in Metronome's job schema");
        }
    }
}
