package io.preflight.facts.bundle;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * The files of a bundle, by their path relative to the bundle root ({@code manifest.json},
 * {@code nodes/10.0.0.1/probe.txt}), whether the bundle is a directory or a {@code .tar.gz}. Every read is checked
 * against the size limits; paths are validated by the caller ({@link ManifestCodec#unsafePath}).
 */
abstract class BundleFiles {

    /** Size limits that refuse decompression bombs and runaway files. */
    record Limits(long maxTotalBytes, long maxFileBytes, int maxEntries) {
        static final Limits DEFAULT = new Limits(BundleReader.MAX_TOTAL_BYTES, BundleReader.MAX_FILE_BYTES,
                BundleReader.MAX_ENTRIES);

        Limits {
            if (maxFileBytes > Integer.MAX_VALUE - 16) throw new IllegalArgumentException("maxFileBytes too large");
        }
    }

    /** How a file is named in messages, e.g. {@code prod/manifest.json} or {@code prod.tar.gz:prod/manifest.json}. */
    abstract String where(String rel);

    /** The file's bytes, or null when the bundle has no such file. */
    abstract byte[] read(String rel) throws BundleException;

    static BundleFiles open(Path bundle, Limits limits) throws BundleException {
        if (Files.isDirectory(bundle)) return new Directory(bundle, limits);
        if (Files.isRegularFile(bundle)) return Archive.load(bundle, limits);
        if (Files.exists(bundle, LinkOption.NOFOLLOW_LINKS)) {
            throw new BundleException(bundle + ": not a directory or a .tar.gz file");
        }
        throw new BundleException(bundle + ": no such bundle (expected a directory or a .tar.gz file)");
    }

    static String mib(long bytes) {
        return bytes % (1L << 30) == 0 ? (bytes >> 30) + " GiB"
                : bytes % (1L << 20) == 0 ? (bytes >> 20) + " MiB" : bytes + " bytes";
    }

    /** A bundle directory. Files must be regular files inside it; symbolic links are refused. */
    static final class Directory extends BundleFiles {
        private final Path root;
        private final Path realRoot;
        private final String shown;
        private final Limits limits;
        private long total;

        Directory(Path root, Limits limits) throws BundleException {
            this.root = root;
            this.shown = root.toString().endsWith("/") && root.toString().length() > 1
                    ? root.toString().substring(0, root.toString().length() - 1) : root.toString();
            this.limits = limits;
            try {
                this.realRoot = root.toRealPath();
            } catch (IOException e) {
                throw new BundleException(root + ": cannot open bundle directory: " + e.getMessage(), e);
            }
        }

        @Override
        String where(String rel) {
            return shown + "/" + rel;
        }

        @Override
        byte[] read(String rel) throws BundleException {
            Path p = root.resolve(rel);
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) return null;
            Path real;
            try {
                real = p.toRealPath();
            } catch (NoSuchFileException e) {
                throw new BundleException(where(rel) + ": symbolic links are refused");
            } catch (IOException e) {
                throw new BundleException(where(rel) + ": " + e.getMessage(), e);
            }
            // any link on the way (or a link target outside the bundle) makes the real path differ
            if (!real.equals(realRoot.resolve(rel).normalize())) {
                throw new BundleException(where(rel) + ": symbolic links are refused");
            }
            if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) throw new BundleException(where(rel) + ": not a regular file");
            try {
                long size = Files.size(real);
                check(rel, size);
                byte[] bytes;
                try (InputStream in = Files.newInputStream(real)) {
                    bytes = in.readNBytes((int) Math.min(size + 1, limits.maxFileBytes() + 1));
                }
                if (bytes.length > size) check(rel, bytes.length); // grew while reading
                return bytes;
            } catch (BundleException e) {
                throw e;
            } catch (IOException e) {
                throw new BundleException(where(rel) + ": cannot read: " + e.getMessage(), e);
            }
        }

        private void check(String rel, long size) throws BundleException {
            if (size > limits.maxFileBytes()) {
                throw new BundleException(where(rel) + ": " + size + " bytes is more than the per-file limit of "
                        + mib(limits.maxFileBytes()));
            }
            total += size;
            if (total > limits.maxTotalBytes()) {
                throw new BundleException(where(rel) + ": the bundle is larger than the limit of "
                        + mib(limits.maxTotalBytes()));
            }
        }
    }

    /**
     * A {@code .tar.gz} bundle, read into memory once. Entries may sit at the top level or inside one top folder.
     * Only regular files and directories are accepted: symbolic and hard links, devices and FIFOs are refused, as are
     * names that are absolute or contain {@code ..}.
     */
    static final class Archive extends BundleFiles {
        private final String archive;
        private final String prefix;
        private final Map<String, byte[]> files;

        private Archive(String archive, String prefix, Map<String, byte[]> files) {
            this.archive = archive;
            this.prefix = prefix;
            this.files = files;
        }

        @Override
        String where(String rel) {
            return archive + ":" + prefix + rel;
        }

        @Override
        byte[] read(String rel) {
            return files.get(prefix + rel);
        }

        static Archive load(Path path, Limits limits) throws BundleException {
            String archive = path.toString();
            Map<String, byte[]> files = new HashMap<>();
            Set<String> tops = new LinkedHashSet<>();
            long total = 0;
            int count = 0;
            try (InputStream raw = new BufferedInputStream(Files.newInputStream(path));
                 GzipCompressorInputStream gz = GzipCompressorInputStream.builder()
                         .setInputStream(raw).setDecompressConcatenated(true).get();
                 TarArchiveInputStream tar = new TarArchiveInputStream(gz)) {
                TarArchiveEntry e;
                while ((e = tar.getNextEntry()) != null) {
                    if (++count > limits.maxEntries()) {
                        throw new BundleException(archive + ": more than " + limits.maxEntries() + " entries (limit)");
                    }
                    String name = e.getName();
                    while (name.startsWith("./")) name = name.substring(2);
                    if (e.isDirectory() && name.endsWith("/")) name = name.substring(0, name.length() - 1);
                    if (name.isEmpty() || name.equals(".")) continue;
                    String entry = archive + ": entry " + ManifestCodec.show(e.getName());
                    String bad = ManifestCodec.unsafePath(name);
                    if (bad != null) throw new BundleException(entry + ": " + bad);
                    if (e.isSymbolicLink()) throw new BundleException(entry + ": symbolic links are refused");
                    if (e.isLink()) throw new BundleException(entry + ": hard links are refused");
                    if (e.isCharacterDevice() || e.isBlockDevice() || e.isFIFO()) {
                        throw new BundleException(entry + ": not a regular file (refused)");
                    }
                    tops.add(name.contains("/") ? name.substring(0, name.indexOf('/')) : name);
                    if (e.isDirectory()) continue;
                    if (!e.isFile()) throw new BundleException(entry + ": not a regular file (refused)");
                    long size = e.getSize();
                    if (size > limits.maxFileBytes()) {
                        throw new BundleException(entry + ": " + size + " bytes is more than the per-file limit of "
                                + mib(limits.maxFileBytes()));
                    }
                    total += size;
                    if (total > limits.maxTotalBytes()) {
                        throw new BundleException(entry + ": the bundle unpacks to more than the limit of "
                                + mib(limits.maxTotalBytes()));
                    }
                    byte[] bytes = tar.readNBytes((int) size);
                    if (bytes.length != size) throw new BundleException(entry + ": truncated archive");
                    if (files.put(name, bytes) != null) throw new BundleException(entry + ": duplicate entry");
                }
            } catch (BundleException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                // commons-compress reports malformed headers as IllegalArgumentException at times
                throw new BundleException(archive + ": not a readable .tar.gz: " + e.getMessage(), e);
            }
            if (files.containsKey(ManifestCodec.FILE)) return new Archive(archive, "", files);
            if (tops.size() == 1) {
                String top = tops.iterator().next() + "/";
                if (files.containsKey(top + ManifestCodec.FILE)) return new Archive(archive, top, files);
            }
            throw new BundleException(archive + ": no " + ManifestCodec.FILE
                    + " at the top level or inside one top folder: not a fact bundle");
        }
    }
}
