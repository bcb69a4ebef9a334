package io.preflight.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/rules.md is generated from the rule metadata and must be up to date. */
class RuleReferenceDocTest {
    @Test
    void committedReferenceIsUpToDate() throws Exception {
        Path doc = Path.of("..", "docs", "rules.md");
        String fresh = RuleReference.markdown(RuleEngine.shipped().rules());
        if (Boolean.getBoolean("preflight.regenerateDocs") && !fresh.equals(Files.exists(doc) ? Files.readString(doc) : "")) {
            Files.writeString(doc, fresh);
            // a regenerating run never passes on what it just wrote: review the diff, then run again
            org.junit.jupiter.api.Assertions.fail(doc + " regenerated: review the diff and run the tests again");
        }
        String committed = Files.exists(doc) ? Files.readString(doc) : "";
        assertEquals(fresh, committed, "docs/rules.md is stale: regenerate it with "
                + "mvn -pl rules -am test -Dtest=RuleReferenceDocTest -Dpreflight.regenerateDocs=true "
                + "-Dsurefire.failIfNoSpecifiedTests=false");
    }
}
