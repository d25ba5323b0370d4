package dlg.manager.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TicketsTest {

    private final AtomicLong now = new AtomicLong();
    private final Tickets tickets = new Tickets(Duration.ofMinutes(10), 3, now::get);

    @Test
    void current_withinAPeriod_staysTheSame_thenIsPrevious_thenDead() {
        Tickets.Ticket first = tickets.current();
        now.addAndGet(Duration.ofMinutes(9).toNanos());
        assertThat(tickets.current()).isSameAs(first);
        assertThat(tickets.live(first.value())).isSameAs(first);

        now.addAndGet(Duration.ofMinutes(1).toNanos());
        Tickets.Ticket second = tickets.current();
        assertThat(second).isNotSameAs(first);
        assertThat(second.value()).isNotEqualTo(first.value());
        assertThat(tickets.live(first.value())).as("previous: still taken").isSameAs(first);

        now.addAndGet(Duration.ofMinutes(10).toNanos());
        assertThat(tickets.live(first.value())).as("two periods old").isNull();
        assertThat(tickets.live(second.value())).isSameAs(second);
        assertThat(tickets.live(new byte[Handshake.TICKET])).isNull();
    }

    @Test
    void use_sameNonceTwice_isRefusedTheSecondTime() {
        Tickets.Ticket t = tickets.current();
        byte[] nonce = Handshake.nonce();

        assertThat(tickets.use(t, nonce)).isTrue();
        assertThat(tickets.use(t, nonce.clone())).isFalse();
        assertThat(tickets.use(t, Handshake.nonce())).isTrue();
    }

    @Test
    void full_afterMaxUses_rotatesTheCurrentTicket() {
        Tickets.Ticket t = tickets.current();
        for (int i = 0; i < 3; i++) {
            assertThat(tickets.full(t)).isFalse();
            tickets.use(t, Handshake.nonce());
        }

        assertThat(tickets.full(t)).isTrue();
        assertThat(tickets.current()).isNotSameAs(t);
        assertThat(tickets.live(t.value())).as("still taken as previous, but full").isSameAs(t);
        assertThat(tickets.full(t)).isTrue();
    }
}
