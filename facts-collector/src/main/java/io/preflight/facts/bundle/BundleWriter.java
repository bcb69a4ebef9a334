package io.preflight.facts.bundle;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * Writes a fact bundle: a directory, or a {@code .tar.gz} (one top folder named like the archive) when the target
 * name ends with {@code .tar.gz} or {@code .tgz}. Every payload is masked ({@link PayloadMasker}) before it touches
 * the disk.
 *
 * <p>The write is atomic: everything goes into a hidden temporary sibling ({@code .<name>.tmp-*}), is fsynced, and is
 * then renamed onto the target. A crash or an exception never leaves a half-written bundle under the target name, and
 * a failed write leaves no temporary behind (a killed process may leave a {@code .<name>.tmp-*} sibling, never a
 * partial target). An existing bundle at the target is replaced only once the new one is complete; an existing
 * directory that is not a bundle (no {@code manifest.json}, not empty) is never replaced.
 *
 * <p>The manifest is checked with the reader's own rules before anything is written, so the writer never produces a
 * bundle {@link BundleReader} would refuse. Stateless; concurrent writes to different targets are safe.
 */
public final class BundleWriter {

    /** Supplies the raw bytes of one payload listed in the manifest (called once per payload, in manifest order). */
    @FunctionalInterface
    public interface PayloadSource {
        byte[] body(Manifest.Payload payload) throws IOException;
    }

    private BundleWriter() {
    }

    /**
     * @param target         the bundle directory, or a file ending in {@code .tar.gz} / {@code .tgz}
     * @param bodiesByFile   the raw payload bytes by their manifest {@code file} ({@code nodes/10.0.0.1/probe.txt})
     * @throws BundleException when the manifest or the bodies are inconsistent, or the target cannot be replaced
     * @throws IOException     when writing fails; the target is then untouched
     */
    public static void write(Path target, Manifest manifest, Map<String, byte[]> bodiesByFile) throws IOException {
        write(target, manifest, bodiesByFile, true);
    }

    /**
     * @param bodiesByFile  the raw payload bytes by their manifest {@code file}
     * @param secretDigests see {@link #write(Path, Manifest, PayloadSource, boolean)}
     */
    public static void write(Path target, Manifest manifest, Map<String, byte[]> bodiesByFile, boolean secretDigests)
            throws IOException {
        Set<String> listed = new HashSet<>();
        for (Manifest.Payload p : manifest.payloads()) listed.add(p.file());
        for (String file : bodiesByFile.keySet()) {
            if (!listed.contains(file)) {
                throw new BundleException(target + ": payload " + ManifestCodec.show(file) + " is not listed in the manifest");
            }
        }
        write(target, manifest, p -> bodiesByFile.get(p.file()), secretDigests);
    }

    /**
     * Writes with secret digests in the running config ({@code write(target, manifest, bodies, true)}).
     *
     * @param target the bundle directory, or a file ending in {@code .tar.gz} / {@code .tgz}
     * @param bodies supplies each listed payload's raw bytes; an exception from it aborts the write cleanly
     */
    public static void write(Path target, Manifest manifest, PayloadSource bodies) throws IOException {
        write(target, manifest, bodies, true);
    }

    /**
     * @param target        the bundle directory, or a file ending in {@code .tar.gz} / {@code .tgz}
     * @param bodies        supplies each listed payload's raw bytes; an exception from it aborts the write cleanly
     * @param secretDigests whether the running config's secrets are stored as salted digests that a target config
     *                      can be compared with ({@link PayloadMasker#mask(io.preflight.facts.parse.PayloadKind, byte[],
     *                      boolean)}), or as bare masks
     */
    public static void write(Path target, Manifest manifest, PayloadSource raw, boolean secretDigests)
            throws IOException {
        PayloadSource bodies = p -> {
            byte[] bytes = raw.body(p);
            if (bytes == null) {
                throw new BundleException(target + ": no bytes given for payload " + ManifestCodec.show(p.file()));
            }
            return PayloadMasker.mask(p.kind(), bytes, secretDigests);
        };
        byte[] manifestBytes = ManifestCodec.write(manifest);
        // the reader's rules, before anything touches the disk
        ManifestCodec.parse(manifestBytes, target + "/" + ManifestCodec.FILE + " (not written)");

        Path abs = target.toAbsolutePath().normalize();
        Path parent = abs.getParent();
        if (parent == null) throw new BundleException(target + ": cannot write a bundle at the file system root");
        String name = abs.getFileName().toString();
        Files.createDirectories(parent);
        boolean archive = isArchiveName(name);
        checkReplaceable(abs, archive);

        Path tmp = archive ? Files.createTempFile(parent, "." + name + ".tmp-", "")
                : Files.createTempDirectory(parent, "." + name + ".tmp-");
        try {
            if (archive) {
                writeArchive(tmp, topFolder(name), manifest, manifestBytes, bodies, target);
            } else {
                writeDirectory(tmp, manifest, manifestBytes, bodies, target);
            }
            moveIntoPlace(tmp, abs, archive);
        } catch (IOException | RuntimeException | Error e) {
            try {
                deleteRecursively(tmp);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        fsyncDirectory(parent);
    }

    static boolean isArchiveName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".tar.gz") || n.endsWith(".tgz");
    }

    private static String topFolder(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        String top = name.substring(0, name.length() - (n.endsWith(".tar.gz") ? 7 : 4));
        return top.isEmpty() || top.equals(".") || top.equals("..") ? "bundle" : top;
    }

    private static void checkReplaceable(Path target, boolean archive) throws IOException {
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) return;
        if (Files.isSymbolicLink(target)) {
            throw new BundleException(target + ": exists and is a symbolic link; refusing to replace it");
        }
        if (archive) {
            if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
                throw new BundleException(target + ": exists and is not a file; refusing to replace it with an archive");
            }
            return;
        }
        if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new BundleException(target + ": exists and is not a directory; refusing to replace it with a bundle");
        }
        if (!Files.exists(target.resolve(ManifestCodec.FILE))) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(target)) {
                if (ds.iterator().hasNext()) {
                    throw new BundleException(target + ": exists and is not a fact bundle (no manifest.json);"
                            + " refusing to replace it");
                }
            }
        }
    }

    /** The masked bytes of {@code p} (the source given to the private writers masks). */
    private static byte[] body(PayloadSource masked, Manifest.Payload p, Path target) throws IOException {
        return masked.body(p);
    }

    private static void writeDirectory(Path dir, Manifest manifest, byte[] manifestBytes, PayloadSource bodies,
                                       Path target) throws IOException {
        Set<Path> dirs = new LinkedHashSet<>();
        writeSynced(dir.resolve(ManifestCodec.FILE), manifestBytes);
        for (Manifest.Payload p : manifest.payloads()) {
            Path file = dir.resolve(p.file());
            Files.createDirectories(file.getParent());
            for (Path d = file.getParent(); !d.equals(dir); d = d.getParent()) dirs.add(d);
            writeSynced(file, body(bodies, p, target));
        }
        // deepest first, then the bundle root: every name is durable before the rename publishes them
        List<Path> ordered = new ArrayList<>(dirs);
        ordered.sort((a, b) -> b.getNameCount() - a.getNameCount());
        for (Path d : ordered) fsyncDirectory(d);
        fsyncDirectory(dir);
    }

    private static void writeSynced(Path file, byte[] bytes) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) ch.write(buf);
            ch.force(true);
        }
    }

    private static void writeArchive(Path tmp, String top, Manifest manifest, byte[] manifestBytes,
                                     PayloadSource bodies, Path target) throws IOException {
        // entries carry the manifest's time, not "now": the same bundle gives the same archive
        FileTime time = FileTime.from(manifest.createdAt() == null ? Instant.EPOCH : manifest.createdAt());
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            // closing the tar stream writes its end records and the gzip trailer; the channel stays open for fsync
            try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(
                    new BufferedOutputStream(new KeepOpen(Channels.newOutputStream(ch)), 1 << 16)), "UTF-8")) {
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
                tar.setAddPaxHeadersForNonAsciiNames(true);
                Set<String> dirs = new HashSet<>();
                addDir(tar, top + "/", time, dirs);
                addFile(tar, top + "/" + ManifestCodec.FILE, manifestBytes, time);
                for (Manifest.Payload p : manifest.payloads()) {
                    String path = top + "/" + p.file();
                    for (int i = path.indexOf('/', top.length() + 1); i > 0; i = path.indexOf('/', i + 1)) {
                        addDir(tar, path.substring(0, i + 1), time, dirs);
                    }
                    addFile(tar, path, body(bodies, p, target), time);
                }
            }
            ch.force(true);
        }
    }

    /** Lets the compressor streams close without closing the file channel under them. */
    private static final class KeepOpen extends FilterOutputStream {
        KeepOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }

    private static void addDir(TarArchiveOutputStream tar, String name, FileTime time, Set<String> done)
            throws IOException {
        if (!done.add(name)) return;
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setMode(TarArchiveEntry.DEFAULT_DIR_MODE);
        e.setLastModifiedTime(time);
        tar.putArchiveEntry(e);
        tar.closeArchiveEntry();
    }

    private static void addFile(TarArchiveOutputStream tar, String name, byte[] bytes, FileTime time)
            throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(bytes.length);
        e.setMode(TarArchiveEntry.DEFAULT_FILE_MODE);
        e.setLastModifiedTime(time);
        tar.putArchiveEntry(e);
        tar.write(bytes);
        tar.closeArchiveEntry();
    }

    private static void moveIntoPlace(Path tmp, Path target, boolean archive) throws IOException {
        if (archive || !Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            // rename(2): atomically creates, or atomically replaces an existing archive
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            return;
        }
        // a non-empty directory cannot be renamed over: move the old one aside, the new one in, then drop the old.
        // The name is briefly absent, but never names a half-written bundle.
        Path old = target.resolveSibling("." + target.getFileName() + ".old-" + UUID.randomUUID());
        Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException back) {
                e.addSuppressed(back);
            }
            throw e;
        }
        fsyncDirectory(target.getParent());
        deleteRecursively(old);
    }

    private static void fsyncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException ignored) {
            // some file systems and platforms cannot fsync a directory; the file data is already durable
        }
    }

    static void deleteRecursively(Path p) throws IOException {
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) return;
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(p)) {
                for (Path c : ds) deleteRecursively(c);
            }
        }
        Files.deleteIfExists(p);
    }
}
