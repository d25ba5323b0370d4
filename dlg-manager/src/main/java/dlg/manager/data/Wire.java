package dlg.manager.data;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The data protocol between our NodeManagers (DALiuGE's zerorpc RPC port, replaced by a protocol
 * of our own), integers big-endian. A connection carries requests one after the other: once a
 * reply ended with {@code end := i32 0}, the client may send its next request on it (or close
 * it); after a refusal or a failure marker the server closes it. Version 1, a cluster without a
 * secret (one round trip):
 *
 * <pre>
 *   request := "DLGD" 1 sessionId:str uid:str
 *   reply   := "DLGD" 1 status:u8 ( status == OK ? chunk* end : message:str )
 *   str     := length:u16 bytes:UTF-8[length]
 *   chunk   := length:i32 (&gt; 0) bytes[length]      at most {@link #CHUNK} bytes
 *   end     := i32 0                                  the whole content was sent
 *            | i32 -1 message:str                     reading the drop failed midway
 * </pre>
 *
 * Version 2, a cluster with a secret ({@link Handshake}): the request is signed, with a ticket
 * the server gave before, and the server's answer proves it holds the secret too; a reader that
 * has no live ticket of the server (its first read there) gets one and signs again:
 *
 * <pre>
 *   request := "DLGD" 2 ticket[16] clientNonce[16] clientProof[32] sessionId:str uid:str
 *   answer  := "DLGD" 2 status:u8 ( status == OK ? serverProof[32] chunk* end
 *                                 | status == RENEW ? ticket[16]   (then: clientProof[32], and the answer again)
 *                                 | message:str )
 * </pre>
 *
 * Status codes are {@link DataReply}'s. A refusal is always {@code "DLGD" version status
 * message}, so a client reads it the same way in both versions. Chunked framing rather than a
 * length prefix: the size of a drop is not always known before it is read, and a failure midway
 * must not look like the end. The magic lets a client tell "not a
 * dlg NodeManager" (a Python NM's zerorpc, anything else) from a refusal.
 */
final class Wire {

    /** The protocol of a cluster without a secret. */
    static final int VERSION = 1;
    /** The protocol of a cluster with a secret: version 1's, each request signed and each answer too. */
    static final int VERSION_SECRET = 2;
    /** Largest chunk: big enough to amortise framing, small enough to never hold much per connection. */
    static final int CHUNK = 64 * 1024;
    static final int END = 0;
    static final int FAILED = -1;
    static final int MAX_STRING = 0xFFFF;

    private static final byte[] MAGIC = {'D', 'L', 'G', 'D'};

    private Wire() {
    }

    static void writeHeader(DataOutputStream out) throws IOException {
        writeHeader(out, VERSION);
    }

    static void writeHeader(DataOutputStream out, int version) throws IOException {
        out.write(MAGIC);
        out.writeByte(version);
    }

    /**
     * Reads the magic and version of version 1.
     *
     * @return null if they are ours, else what was wrong with them
     */
    static String readHeader(DataInputStream in) throws IOException {
        String bad = readMagic(in);
        if (bad != null) {
            return bad;
        }
        int version = in.readUnsignedByte();
        return version == VERSION ? null : "it is version " + version + " of the protocol, this node's is " + VERSION;
    }

    /**
     * Reads the magic; the version follows.
     *
     * @return null if it is ours, else what was wrong with it
     */
    static String readMagic(DataInputStream in) throws IOException {
        byte[] magic = new byte[MAGIC.length];
        in.readFully(magic);
        return Arrays.equals(magic, MAGIC) ? null : "its first bytes are " + Arrays.toString(magic) + ", not \"DLGD\"";
    }

    /** Writes a message, cut to what its length field can say. */
    static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        int n = Math.min(b.length, MAX_STRING);
        out.writeShort(n);
        out.write(b, 0, n);
    }

    static String readString(DataInputStream in) throws IOException {
        return new String(readStringBytes(in), StandardCharsets.UTF_8);
    }

    /** A string's bytes as they came, for a proof that signs them. */
    static byte[] readStringBytes(DataInputStream in) throws IOException {
        byte[] b = new byte[in.readUnsignedShort()];
        in.readFully(b);
        return b;
    }

    static byte[] readBytes(DataInputStream in, int n) throws IOException {
        byte[] b = new byte[n];
        in.readFully(b);
        return b;
    }

    /** Writes an id, which unlike a message must arrive whole. */
    static void writeId(DataOutputStream out, String what, String id) throws IOException {
        byte[] b = id.getBytes(StandardCharsets.UTF_8);
        if (b.length > MAX_STRING) {
            throw new IOException(what + " is longer than " + MAX_STRING + " bytes (" + b.length + ")");
        }
        out.writeShort(b.length);
        out.write(b);
    }
}
