package io.preflight.rules;

/**
 * One DRL file to compile: its display path (used in {@code file:line} messages) and its text.
 *
 * @param pack the pack (area) name: the folder the file lives in
 */
public record RuleSource(String path, String pack, String text) {
}
