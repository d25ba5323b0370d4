package dlg.manager.auth;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the PEM files of {@code --tls-cert}, {@code --tls-key} and {@code --tls-ca} with the JDK
 * alone: X.509 certificates ({@code BEGIN CERTIFICATE}, as many as the file holds), and an
 * unencrypted private key, PKCS#8 ({@code BEGIN PRIVATE KEY}: RSA, EC or EdDSA) or PKCS#1
 * ({@code BEGIN RSA PRIVATE KEY}). Anything else (an encrypted key, an EC key in OpenSSL's own
 * format, DER, garbage) is refused with an {@link IllegalArgumentException} naming the file and the
 * {@code openssl} command that converts it.
 */
public final class Pem {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END ([A-Z0-9 ]+)-----", Pattern.DOTALL);
    private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "EdDSA");
    /** DER of PKCS#8's AlgorithmIdentifier for rsaEncryption (1.2.840.113549.1.1.1, NULL parameters). */
    private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
        (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};

    private Pem() {
    }

    /** One {@code -----BEGIN type-----} block: its type, its header lines (an encrypted key has some), its bytes. */
    private record Block(String type, boolean hasHeaders, byte[] der) {
    }

    /**
     * The certificates of a PEM file, in the file's order (a chain: the server's own first).
     *
     * @param what what the file is for, in messages ({@code --tls-cert})
     */
    public static List<X509Certificate> certificates(Path file, String what) {
        List<X509Certificate> certificates = new ArrayList<>();
        CertificateFactory factory;
        try {
            factory = CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException("the JDK has no X.509 certificate factory", e);
        }
        for (Block b : blocks(file, what, "CERTIFICATE")) {
            if (!b.type().equals("CERTIFICATE") && !b.type().equals("TRUSTED CERTIFICATE")) {
                throw new IllegalArgumentException(what + " " + file + " holds a " + b.type()
                        + " where certificates were expected (-----BEGIN CERTIFICATE-----)"
                        + (b.type().contains("PRIVATE KEY") ? ": is it the key file?" : ""));
            }
            try {
                certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(b.der())));
            } catch (CertificateException | ClassCastException e) {
                throw new IllegalArgumentException(what + " " + file + " holds a certificate that cannot be read: "
                        + e.getMessage(), e);
            }
        }
        return List.copyOf(certificates);
    }

    /**
     * The one private key of a PEM file.
     *
     * @param what what the file is for, in messages ({@code --tls-key})
     */
    public static PrivateKey privateKey(Path file, String what) {
        List<Block> blocks = blocks(file, what, "PRIVATE KEY");
        List<Block> keys = blocks.stream().filter(b -> b.type().contains("PRIVATE KEY")).toList();
        String convert = " (convert it: openssl pkcs8 -topk8 -nocrypt -in " + file + " -out key.pem)";
        if (keys.isEmpty()) {
            throw new IllegalArgumentException(what + " " + file + " holds no private key but a " + blocks.get(0).type()
                    + (blocks.get(0).type().equals("CERTIFICATE") ? ": is it the certificate file?" : ""));
        }
        if (keys.size() > 1) {
            throw new IllegalArgumentException(what + " " + file + " holds " + keys.size() + " private keys: one is needed");
        }
        Block key = keys.get(0);
        byte[] pkcs8 = switch (key.type()) {
            case "PRIVATE KEY" -> key.der();
            case "RSA PRIVATE KEY" -> {
                if (key.hasHeaders()) { // OpenSSL's traditional encryption: Proc-Type: 4,ENCRYPTED
                    throw new IllegalArgumentException(what + " " + file + " is encrypted: dlg needs it unencrypted"
                            + convert);
                }
                yield pkcs8OfPkcs1(key.der());
            }
            case "ENCRYPTED PRIVATE KEY" -> throw new IllegalArgumentException(what + " " + file
                    + " is encrypted: dlg needs it unencrypted" + convert);
            default -> throw new IllegalArgumentException(what + " " + file + " holds a " + key.type()
                    + ", which dlg cannot read: it reads PKCS#8 (BEGIN PRIVATE KEY) and RSA (BEGIN RSA PRIVATE KEY)"
                    + convert);
        };
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                // not this algorithm: try the next
            }
        }
        throw new IllegalArgumentException(what + " " + file + " holds a private key that is neither RSA, EC nor EdDSA,"
                + " or is damaged");
    }

    private static List<Block> blocks(Path file, String what, String expected) {
        String text;
        try {
            text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1); // PEM is ASCII; DER is not text
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + what + " " + file + ": " + e, e);
        }
        List<Block> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            if (!m.group(1).equals(m.group(3))) {
                throw new IllegalArgumentException(what + " " + file + ": a PEM block begins as " + m.group(1)
                        + " and ends as " + m.group(3));
            }
            blocks.add(block(file, what, m.group(1), m.group(2)));
        }
        if (blocks.isEmpty()) {
            throw new IllegalArgumentException(what + " " + file + " is not a PEM file (no -----BEGIN " + expected
                    + "----- line)" + (expected.equals("CERTIFICATE")
                    ? "; if it is DER, convert it: openssl x509 -inform der -in " + file + " -out cert.pem"
                    : "; if it is DER, convert it: openssl pkcs8 -topk8 -nocrypt -inform der -in " + file
                    + " -out key.pem"));
        }
        return blocks;
    }

    private static Block block(Path file, String what, String type, String body) {
        boolean headers = false;
        StringBuilder base64 = new StringBuilder();
        for (String line : body.split("\r?\n|\r")) {
            if (line.contains(":")) {
                headers = true;
            } else {
                base64.append(line.strip());
            }
        }
        try {
            return new Block(type, headers, Base64.getDecoder().decode(base64.toString()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " " + file + ": its " + type + " is not valid base64: "
                    + e.getMessage(), e);
        }
    }

    /** PKCS#8's PrivateKeyInfo around a PKCS#1 RSAPrivateKey: version 0, rsaEncryption, the key as an OCTET STRING. */
    private static byte[] pkcs8OfPkcs1(byte[] pkcs1) {
        ByteArrayOutputStream inner = new ByteArrayOutputStream();
        inner.writeBytes(new byte[] {0x02, 0x01, 0x00});
        inner.writeBytes(RSA_ALGORITHM);
        inner.write(0x04);
        inner.writeBytes(derLength(pkcs1.length));
        inner.writeBytes(pkcs1);
        ByteArrayOutputStream outer = new ByteArrayOutputStream();
        outer.write(0x30);
        outer.writeBytes(derLength(inner.size()));
        outer.writeBytes(inner.toByteArray());
        return outer.toByteArray();
    }

    private static byte[] derLength(int n) {
        if (n < 0x80) {
            return new byte[] {(byte) n};
        }
        int bytes = (32 - Integer.numberOfLeadingZeros(n) + 7) / 8;
        byte[] out = new byte[1 + bytes];
        out[0] = (byte) (0x80 | bytes);
        for (int i = 0; i < bytes; i++) {
            out[bytes - i] = (byte) (n >>> (8 * i));
        }
        return out;
    }
}
