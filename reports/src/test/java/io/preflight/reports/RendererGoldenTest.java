package io.preflight.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each renderer against its golden file, from the one shared sample report. Regenerate after an intended change
 * with {@code -Dpreflight.regenerateGoldens=true} (that run fails for each file it rewrote), review the diff, run again.
 */
class RendererGoldenTest {
    @ParameterizedTest
    @ValueSource(strings = {"text", "json", "junit", "markdown", "sarif", "html", "prometheus"})
    void rendererMatchesItsGoldenFile(String format) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Renderers.byName(format).render(SampleReport.create(), out);
        String actual = out.toString(StandardCharsets.UTF_8);
        Path golden = Path.of("src/test/resources/golden/sample." + format);
        if (Boolean.getBoolean("preflight.regenerateGoldens") && !actual.equals(Files.exists(golden) ? Files.readString(golden) : "")) {
            Files.writeString(golden, actual);
            // a regenerating run never passes on what it just wrote: review the diff, then run again
            org.junit.jupiter.api.Assertions.fail(golden + " regenerated: review the diff and run the tests again");
        }
        assertEquals(Files.readString(golden), actual);
    }
}
