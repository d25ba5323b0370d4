package dlg.manager.data;

import static org.assertj.core.api.Assertions.assertThat;

import dlg.manager.NodeAddress;
import dlg.manager.data.IdleConnections.Connection;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The pool of kept data connections, with a hand-moved clock (its sockets are never connected). */
class IdleConnectionsTest {

    private static final NodeAddress A = new NodeAddress("127.0.0.1", 8000, 5555, 6666);
    private static final NodeAddress B = new NodeAddress("127.0.0.1", 8001, 5556, 6667);
    private final AtomicLong now = new AtomicLong();
    private final IdleConnections idle = new IdleConnections(2, 1_000, now::get);

    private static Connection connection() {
        return new Connection(new Socket(), new DataInputStream(new ByteArrayInputStream(new byte[0])),
                new DataOutputStream(new ByteArrayOutputStream()));
    }

    @Test
    void take_givesTheLastGivenBackToThatNode_only() {
        Connection a1 = connection();
        Connection a2 = connection();
        idle.giveBack(A, a1);
        idle.giveBack(A, a2);

        assertThat(idle.take(B)).isNull();
        assertThat(idle.take(A)).isSameAs(a2);
        assertThat(idle.take(A)).isSameAs(a1);
        assertThat(idle.take(A)).isNull();
    }

    @Test
    void take_afterWaitingTooLong_closesItAndGivesNone() {
        Connection a = connection();
        idle.giveBack(A, a);
        now.addAndGet(1_001);

        assertThat(idle.take(A)).isNull();
        assertThat(a.socket().isClosed()).isTrue();
        assertThat(idle.size()).isZero();
    }

    @Test
    void take_closedMeanwhile_isSkipped() {
        Connection old = connection();
        Connection fresh = connection();
        idle.giveBack(A, old);
        idle.giveBack(A, fresh);
        fresh.close();

        assertThat(idle.take(A)).isSameAs(old);
    }

    @Test
    void giveBack_beyondTheLimit_closesTheLeastRecentlyUsed() {
        Connection first = connection();
        Connection second = connection();
        Connection third = connection();
        idle.giveBack(A, first);
        idle.giveBack(A, second);
        idle.giveBack(A, third);

        assertThat(first.socket().isClosed()).isTrue();
        assertThat(idle.size()).isEqualTo(2);
        assertThat(idle.take(A)).isSameAs(third);
    }

    @Test
    void drop_closesTheChosenNodesConnections() {
        Connection a = connection();
        Connection b = connection();
        idle.giveBack(A, a);
        idle.giveBack(B, b);

        assertThat(idle.drop(A::equals)).isEqualTo(1);

        assertThat(a.socket().isClosed()).isTrue();
        assertThat(b.socket().isClosed()).isFalse();
        idle.closeAll();
        assertThat(b.socket().isClosed()).isTrue();
    }
}
