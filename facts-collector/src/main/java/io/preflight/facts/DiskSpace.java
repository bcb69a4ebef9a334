package io.preflight.facts;

/** Free space on one mount of a node ({@code df -Pk}). */
public record DiskSpace(String subject, String source, String mount, long freeBytes, long totalBytes)
        implements Fact {
    public double freeRatio() {
        return totalBytes <= 0 ? 0.0 : (double) freeBytes / totalBytes;
    }
}
