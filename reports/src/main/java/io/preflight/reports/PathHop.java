package io.preflight.reports;

import java.util.List;

/** One hop of the qualified path, with the source that qualifies it and its version-specific notes. */
public record PathHop(String from, String to, String qualifiedBy, List<String> notes) {
}
