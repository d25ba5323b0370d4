package dlg.manager.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The shared secret of one dlg cluster ({@code --auth-token-file}, {@code DLG_AUTH_TOKEN}): every
 * manager, daemon and client of the cluster holds the same token. The token itself only ever
 * travels in an HTTP {@code Authorization} header (or once, in the URL a user opens); everything
 * else uses a key {@linkplain #derive derived} from it for one purpose, so that no key used on one
 * channel tells anything about another: the UI's cookie, the data port's challenge-response, the
 * event port's CURVE key pairs.
 *
 * <p>Immutable and thread-safe. {@link #toString()} never shows the token.
 */
public final class ClusterSecret {

    /** Fewer characters than this is too easy to guess: refused. */
    public static final int MIN_LENGTH = 16;
    /** The environment variable that holds the token when no file is given. */
    public static final String ENV = "DLG_AUTH_TOKEN";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String HMAC = "HmacSHA256";

    private final String token;
    private final SecretKeySpec key;
    /** {@link #sign}'s keys, derived once per purpose: the data port signs on every read. */
    private final Map<String, SecretKeySpec> signingKeys = new ConcurrentHashMap<>();

    private ClusterSecret(String token) {
        this.token = token;
        this.key = new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), HMAC);
    }

    /**
     * A token as a user gave it: surrounding white space (a file's final newline) is ignored.
     *
     * @param where where it came from, for the error message
     * @throws IllegalArgumentException when it is shorter than {@link #MIN_LENGTH} or holds
     *     white space or control characters (it must fit in a header, a cookie and a URL)
     */
    public static ClusterSecret of(String token, String where) {
        Objects.requireNonNull(token, "token");
        String t = token.strip();
        if (t.length() < MIN_LENGTH) {
            throw new IllegalArgumentException("the auth token of " + where + " has " + t.length()
                    + " characters: at least " + MIN_LENGTH + " are needed (make one with: head -c 32 /dev/urandom"
                    + " | base64 > token; chmod 600 token)");
        }
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c <= ' ' || c == 127 || c == ';' || c == ',' || c == '"' || c == '\\') {
                throw new IllegalArgumentException("the auth token of " + where + " holds a character it may not"
                        + " (white space, a control character, ';', ',', '\"' or '\\') at position " + i);
            }
        }
        return new ClusterSecret(t);
    }

    /** A fresh random token of 256 bits, for a cluster that {@code dlg cluster} or {@code dlg slurm} starts. */
    public static ClusterSecret generate() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return new ClusterSecret(Base64.getUrlEncoder().withoutPadding().encodeToString(b));
    }

    /**
     * Reads a token file.
     *
     * @throws IllegalArgumentException when the file cannot be read or its token is refused
     *     ({@link #of}); a file others may read is accepted (the caller may warn: {@link #othersMayRead})
     */
    public static ClusterSecret read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the auth token file " + file + ": " + e.getMessage(), e);
        }
        return of(text, "file " + file);
    }

    /** Whether users other than the owner may read {@code file} (false where that cannot be told). */
    public static boolean othersMayRead(Path file) {
        try {
            Set<PosixFilePermission> p = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
            return p.contains(PosixFilePermission.GROUP_READ) || p.contains(PosixFilePermission.OTHERS_READ);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** Writes the token to {@code file}, readable by its owner only (created so: never readable by others, even briefly). */
    public void writeTo(Path file) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(
                EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE)));
        Files.writeString(file, token + "\n", StandardCharsets.UTF_8);
    }

    /** The token, to send in an {@code Authorization: Bearer} header or pass to a process. */
    public String token() {
        return token;
    }

    /** Whether {@code presented} is the token, in time that does not depend on where they differ. */
    public boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                presented.strip().getBytes(StandardCharsets.UTF_8));
    }

    /** 32 bytes for one purpose: HMAC-SHA256 of the purpose's name under the token. */
    public byte[] derive(String purpose) {
        return hmac(purpose.getBytes(StandardCharsets.UTF_8));
    }

    /** HMAC-SHA256 of {@code message} under the key derived for {@code purpose}. */
    public byte[] sign(String purpose, byte[]... message) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(signingKeys.computeIfAbsent(purpose, p -> new SecretKeySpec(derive(p), HMAC)));
            for (byte[] m : message) {
                mac.update(m);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private byte[] hmac(byte[] message) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    @Override
    public String toString() {
        return "ClusterSecret[" + token.length() + " characters]";
    }
}
