package io.preflight.facts.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The digest marker: its format, its parser, and which values it stands for. */
class SecretDigestTest {
    /** Fixed params so markers are reproducible in the test (the writer draws a fresh salt per key). */
    static final SecretDigest.Params P = new SecretDigest.Params(SecretDigest.MIN_ITERATIONS, "salt-of-16-bytes".getBytes());
    static final SecretDigest.Params Q = new SecretDigest.Params(SecretDigest.MIN_ITERATIONS, "other-salt-16-by".getBytes());

    @Test
    void markerRoundTripsItsParamsAndHidesTheValue() {
        String m = SecretDigest.marker(P, TextNode.valueOf("hunter2"));
        assertTrue(m.matches("\\*\\*\\*\\*:pbkdf2-sha256:10000:[A-Za-z0-9_-]{22}:[A-Za-z0-9_-]{43}"), m);
        assertEquals(P, SecretDigest.parse(m).orElseThrow());
        assertFalse(m.contains("hunter2"));
        assertTrue(m.startsWith(Secrets.MASK), "an older reader sees a masked value");
        // the salt travels in the marker, base64url without padding
        assertEquals("salt-of-16-bytes", new String(Base64.getUrlDecoder().decode(m.split(":")[3])));
    }

    @Test
    void theDigestIsPbkdf2HmacSha256OfTheCanonicalJson() throws Exception {
        // independent of SecretDigest: the JDK's PBKDF2 over the quoted JSON string, 256 bits
        javax.crypto.SecretKeyFactory f = javax.crypto.SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
        byte[] expected = f.generateSecret(new javax.crypto.spec.PBEKeySpec("\"h\\\"ü\"".toCharArray(),
                "salt-of-16-bytes".getBytes(), 10_000, 256)).getEncoded();
        String m = SecretDigest.marker(P, TextNode.valueOf("h\"ü"));
        assertEquals(Base64.getUrlEncoder().withoutPadding().encodeToString(expected), m.substring(m.lastIndexOf(':') + 1));
    }

    @Test
    void sameValueSameMarkerOtherValueOrSaltOtherMarker() {
        String a = SecretDigest.marker(P, TextNode.valueOf("hunter2"));
        assertEquals(a, SecretDigest.marker(P, TextNode.valueOf("hunter2")));
        assertNotEquals(a, SecretDigest.marker(P, TextNode.valueOf("hunter3")));
        assertNotEquals(a, SecretDigest.marker(Q, TextNode.valueOf("hunter2")), "another salt, another digest");
        assertNotEquals(a, SecretDigest.marker(new SecretDigest.Params(20_000, "salt-of-16-bytes".getBytes()),
                TextNode.valueOf("hunter2")), "other iterations, other digest");
    }

    @Test
    void numbersCompareByValueStringsByText() {
        assertEquals(SecretDigest.marker(P, DoubleNode.valueOf(1.5)), SecretDigest.marker(P, DecimalNode.valueOf(new BigDecimal("1.50"))));
        assertEquals(SecretDigest.marker(P, IntNode.valueOf(12345)), SecretDigest.marker(P, DecimalNode.valueOf(new BigDecimal("12345"))));
        assertNotEquals(SecretDigest.marker(P, IntNode.valueOf(12345)), SecretDigest.marker(P, TextNode.valueOf("12345")),
                "a quoted number is another value, as ConfigEntry fingerprints see it");
        assertThrows(IllegalArgumentException.class, () -> SecretDigest.marker(P, BooleanNode.TRUE));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "****",
            "****:pbkdf2-sha256:",
            "****:pbkdf2-sha256:210000:c2FsdC1vZi0xNi1ieXRlcw",                                  // no digest
            "****:pbkdf2-sha256:210000:c2FsdC1vZi0xNi1ieXRlcw:AAAA",                             // digest too short
            "****:pbkdf2-sha256:210000:c2FsdC1vZi0xNi1ieXRlcw:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA:x",
            "****:pbkdf2-sha256:210000:c2FsdC1vZi0xNi1ieXRlcw:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAB", // bits beyond 32 bytes
            "****:pbkdf2-sha256:210000:c2FsdC1vZi0xNi1ieXRlcw==:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", // padding
            "****:pbkdf2-sha256:210000:c2FsdC1vZi0xNi1ieXRlcw:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+", // not base64url
            "****:pbkdf2-sha256:9999:c2FsdC1vZi0xNi1ieXRlcw:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",   // too few rounds
            "****:pbkdf2-sha256:999999999:c2FsdC1vZi0xNi1ieXRlcw:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", // too many
            "****:pbkdf2-sha256:0210000:c2FsdC1vZi0xNi1ieXRlcw:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "****:pbkdf2-sha256:210000:c2FsdA:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",       // salt of 4 bytes
            "****:pbkdf2-sha1:210000:c2FsdC1vZi0xNi1ieXRlcw:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            " ****:pbkdf2-sha256:210000:c2FsdC1vZi0xNi1ieXRlcw:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"})
    void aGarbledMarkerIsNoMarker(String text) {
        assertTrue(SecretDigest.parse(text).isEmpty(), text);
    }

    @Test
    void theExampleInTheFormatDocumentIsWhatTheWriterMakes() {
        // docs/bundle-format.md, "Secret digests" (computed there with Python's hashlib.pbkdf2_hmac)
        SecretDigest.Params p = new SecretDigest.Params(210_000, java.util.HexFormat.of()
                .parseHex("ab42f1dfef72289d7470d9adb6e2740b"));
        assertEquals("****:pbkdf2-sha256:210000:q0Lx3-9yKJ10cNmttuJ0Cw:3JbV_wYuJ7uTvcD44cN_Yxtco1VCh388hAlCJonSews",
                SecretDigest.marker(p, TextNode.valueOf("example")));
    }

    @Test
    void aWellFormedHandWrittenMarkerParses() {
        assertEquals(new SecretDigest.Params(210_000, "salt-of-16-bytes".getBytes()), SecretDigest.parse(
                "****:pbkdf2-sha256:210000:c2FsdC1vZi0xNi1ieXRlcw:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").orElseThrow());
    }

    @Test
    void onlyValuesTheWriterWouldMaskWholeAreDigested() {
        String k = "superuser_password_hash";
        assertTrue(SecretDigest.digestable(k, TextNode.valueOf("$6$abc")));
        assertTrue(SecretDigest.digestable(k, IntNode.valueOf(7)));
        assertFalse(SecretDigest.digestable(null, TextNode.valueOf("$6$abc")), "not under a secret key");
        assertFalse(SecretDigest.digestable(k, TextNode.valueOf("")), "nothing to hide");
        assertFalse(SecretDigest.digestable(k, TextNode.valueOf("/opt/mesosphere/etc/credentials")), "a file path");
        assertFalse(SecretDigest.digestable(k, BooleanNode.TRUE));
        assertFalse(SecretDigest.digestable(k, NullNode.instance));
        assertFalse(SecretDigest.digestable(k, TextNode.valueOf(Secrets.MASK)), "already masked");
        assertFalse(SecretDigest.digestable(k, TextNode.valueOf(SecretDigest.marker(P, TextNode.valueOf("x")))));
    }

    @Test
    void paramsAreCheckedAndCopied() {
        assertThrows(IllegalArgumentException.class, () -> new SecretDigest.Params(1, new byte[16]));
        assertThrows(IllegalArgumentException.class, () -> new SecretDigest.Params(210_000, new byte[4]));
        byte[] salt = new byte[16];
        SecretDigest.Params p = new SecretDigest.Params(210_000, salt);
        salt[0] = 1;
        assertEquals(0, p.salt()[0]);
        assertNotEquals(SecretDigest.Params.fresh(210_000), SecretDigest.Params.fresh(210_000), "random salts");
    }
}
