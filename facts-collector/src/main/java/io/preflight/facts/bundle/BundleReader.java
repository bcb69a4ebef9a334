package io.preflight.facts.bundle;

import io.preflight.facts.ClusterNode;
import io.preflight.facts.CollectionProblem;
import io.preflight.facts.Fact;
import io.preflight.facts.Role;
import io.preflight.facts.parse.PayloadException;
import io.preflight.facts.parse.Payloads;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a fact bundle (a directory or a {@code .tar.gz}) written by {@link BundleWriter} — or by hand, following
 * {@code docs/bundle-format.md} — and turns it into facts. Payloads are parsed on read by
 * {@link Payloads#parse}, so an old bundle gets today's parsers.
 *
 * <p>Every problem is a {@link BundleException} whose one-line message names the file and the place in it. The
 * reader refuses rather than guesses: a newer {@code formatVersion}, an unknown payload kind, a listed file that is
 * missing, a path or tar entry that would escape the bundle, links, and input larger than {@link #MAX_FILE_BYTES}
 * per file or {@link #MAX_TOTAL_BYTES} in all. Unknown manifest fields and files not listed in the manifest are
 * ignored. Stateless and thread-safe.
 */
public final class BundleReader {
    /** Most bytes read from one bundle, uncompressed (2 GiB). */
    public static final long MAX_TOTAL_BYTES = 2L << 30;
    /** Most bytes of one file in a bundle (512 MiB). */
    public static final long MAX_FILE_BYTES = 512L << 20;
    /** Most entries in a {@code .tar.gz} bundle. */
    public static final int MAX_ENTRIES = 100_000;
    /** The {@code source} of the facts the manifest itself yields ({@code ClusterNode}s). */
    public static final String MANIFEST_SOURCE = "bundle:manifest.json";

    private BundleReader() {
    }

    /**
     * @param bundle a bundle directory or a {@code .tar.gz} of one
     * @return the manifest and every fact the bundle holds
     * @throws BundleException when the bundle is unreadable, malformed or unsafe; the message is one line naming
     *                         the file and the place
     */
    public static Bundle read(Path bundle) throws BundleException {
        return read(bundle, Payloads::parse, BundleFiles.Limits.DEFAULT);
    }

    static Bundle read(Path bundle, PayloadParser parser, BundleFiles.Limits limits) throws BundleException {
        BundleFiles files = BundleFiles.open(bundle, limits);
        byte[] manifestBytes = files.read(ManifestCodec.FILE);
        if (manifestBytes == null) {
            throw new BundleException(files.where(ManifestCodec.FILE) + ": missing: not a fact bundle");
        }
        Manifest manifest = ManifestCodec.parse(manifestBytes, files.where(ManifestCodec.FILE));

        List<Fact> facts = new ArrayList<>();
        for (Manifest.Node n : manifest.nodes()) {
            facts.add(new ClusterNode(n.host(), MANIFEST_SOURCE, n.role(), n.seenBy()));
        }
        for (Manifest.Problem p : manifest.problems()) {
            String source = p.source().isEmpty() ? MANIFEST_SOURCE : p.source();
            facts.add(new CollectionProblem(p.subject(), source, p.kind(), p.what(), p.detail()));
        }
        List<Manifest.Payload> payloads = manifest.payloads();
        for (int i = 0; i < payloads.size(); i++) {
            Manifest.Payload p = payloads.get(i);
            byte[] body = files.read(p.file());
            if (body == null) {
                throw new BundleException(files.where(p.file()) + ": listed in " + ManifestCodec.FILE
                        + " ($.payloads[" + i + "]) but missing from the bundle");
            }
            Role role = p.kind().perNode() ? manifest.node(p.subject()).role() : Role.UNKNOWN;
            List<Fact> parsed;
            try {
                parsed = parser.parse(p.kind(), p.subject(), role, p.source(), body);
            } catch (PayloadException e) {
                throw new BundleException(files.where(p.file()) + ": " + e.getMessage(), e);
            } catch (RuntimeException e) {
                // a parser bug must still end in a one-line message, never a stack trace
                throw new BundleException(files.where(p.file()) + ": cannot parse this " + Manifest.kindName(p.kind())
                        + " payload: " + e, e);
            }
            if (parsed != null) {
                for (Fact f : parsed) if (f != null) facts.add(f);
            }
        }
        return new Bundle(manifest, facts);
    }
}
