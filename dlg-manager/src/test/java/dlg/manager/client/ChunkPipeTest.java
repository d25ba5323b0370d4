package dlg.manager.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ChunkPipeTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void source_writerOnAnotherThread_readsEveryByteInOrder() throws Exception {
        ChunkPipe pipe = new ChunkPipe(1000, 2);
        byte[] data = new byte[100_003];
        new Random(7).nextBytes(data);
        Thread.ofVirtual().start(() -> {
            try (OutputStream out = pipe.sink()) {
                out.write(data, 0, 10);
                out.write(data[10]);
                out.write(data, 11, data.length - 11);
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
            pipe.finish(null);
        });

        try (InputStream in = pipe.source()) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
        // 101 chunks went through, in a few buffers filled again once read
        assertThat(pipe.chunksMade()).isLessThanOrEqualTo(2 + 2 + 2);
    }

    @Test
    void sink_readerClosesTheSource_blockedWriterGetsReaderGone() {
        ChunkPipe pipe = new ChunkPipe(10, 1);
        AtomicReference<Throwable> writerSaw = new AtomicReference<>();
        Thread writer = Thread.ofVirtual().start(() -> {
            try (OutputStream out = pipe.sink()) {
                while (true) {
                    out.write(new byte[10]); // fills the pipe, then blocks: nobody reads
                }
            } catch (IOException e) {
                writerSaw.set(e);
            }
        });
        await().atMost(WAIT).until(() -> writer.getState() == Thread.State.WAITING);

        pipe.closeSource();

        await().atMost(WAIT).until(() -> !writer.isAlive());
        assertThat(writerSaw.get()).isInstanceOf(ChunkPipe.ReaderGone.class);
    }

    @Test
    void source_writerFailed_readFailsWithItsCause() throws Exception {
        ChunkPipe pipe = new ChunkPipe(10, 4);
        try (OutputStream out = pipe.sink()) {
            out.write("[1, 2".getBytes());
        }
        var failure = new IllegalStateException("no text for this value");

        pipe.finish(failure);

        InputStream in = pipe.source();
        assertThat(in.readNBytes(5)).isEqualTo("[1, 2".getBytes());
        assertThatThrownBy(in::read).isInstanceOf(IOException.class).hasCause(failure);
    }
}
