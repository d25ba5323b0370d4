package dlg.manager.data;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The data protocol between our NodeManagers (DALiuGE's zerorpc RPC port, replaced by a protocol
 * of our own). One request per TCP connection, integers big-endian:
 *
 * <pre>
 *   request := "DLGD" version:u8 sessionId:str uid:str
 *   reply   := "DLGD" version:u8 status:u8 ( status == OK ? chunk* end : message:str )
 *   str     := length:u16 bytes:UTF-8[length]
 *   chunk   := length:i32 (&gt; 0) bytes[length]      at most {@link #CHUNK} bytes
 *   end     := i32 0                                  the whole content was sent
 *            | i32 -1 message:str                     reading the drop failed midway
 * </pre>
 *
 * Status codes are {@link DataReply}'s. Chunked framing rather than a length prefix: the size of
 * a drop is not always known before it is read, and a failure midway must not look like the end.
 * The magic lets a client tell "not a dlg NodeManager" (a Python NM's zerorpc, anything else)
 * from a refusal.
 */
final class Wire {

    static final int VERSION = 1;
    /** Largest chunk: big enough to amortise framing, small enough to never hold much per connection. */
    static final int CHUNK = 64 * 1024;
    static final int END = 0;
    static final int FAILED = -1;
    static final int MAX_STRING = 0xFFFF;

    private static final byte[] MAGIC = {'D', 'L', 'G', 'D'};

    private Wire() {
    }

    static void writeHeader(DataOutputStream out) throws IOException {
        out.write(MAGIC);
        out.writeByte(VERSION);
    }

    /**
     * Reads the magic and version.
     *
     * @return null if they are ours, else what was wrong with them
     */
    static String readHeader(DataInputStream in) throws IOException {
        byte[] magic = new byte[MAGIC.length];
        in.readFully(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            return "its first bytes are " + Arrays.toString(magic) + ", not \"DLGD\"";
        }
        int version = in.readUnsignedByte();
        return version == VERSION ? null : "it is version " + version + " of the protocol, this node's is " + VERSION;
    }

    /** Writes a message, cut to what its length field can say. */
    static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        int n = Math.min(b.length, MAX_STRING);
        out.writeShort(n);
        out.write(b, 0, n);
    }

    static String readString(DataInputStream in) throws IOException {
        byte[] b = new byte[in.readUnsignedShort()];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
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
