package io.preflight.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/facts.md is generated from the fact model and must be up to date. */
class FactReferenceDocTest {
    @Test
    void committedReferenceIsUpToDate() throws Exception {
        Path doc = Path.of("..", "docs", "facts.md");
        String fresh = FactReference.markdown();
        if (Boolean.getBoolean("preflight.regenerateDocs") && !fresh.equals(Files.exists(doc) ? Files.readString(doc) : "")) {
            Files.writeString(doc, fresh);
            // a regenerating run never passes on what it just wrote: review the diff, then run again
            org.junit.jupiter.api.Assertions.fail(doc + " regenerated: review the diff and run the tests again");
        }
        String committed = Files.exists(doc) ? Files.readString(doc) : "";
        assertEquals(fresh, committed, "docs/facts.md is stale: regenerate it with "
                + "mvn -pl rules -am test -Dtest=FactReferenceDocTest -Dpreflight.regenerateDocs=true "
                + "-Dsurefire.failIfNoSpecifiedTests=false");
    }

    @Test
    void everyFactTypeIsDocumentedWithItsFields() {
        String doc = FactReference.markdown();
        for (String type : FactTypes.all().keySet()) assertTrue(doc.contains("\n### " + type + "\n"), type);
        assertTrue(doc.contains("- `labels`: Map<String, String>\n"), "MarathonApp's labels");
        assertTrue(doc.contains("- `role`: Role (MASTER, AGENT, AGENT_PUBLIC, UNKNOWN)\n"), "enum values");
        assertTrue(doc.contains("- `freeRatio()`: double (method)\n"), "DiskSpace's helper");
    }
}
