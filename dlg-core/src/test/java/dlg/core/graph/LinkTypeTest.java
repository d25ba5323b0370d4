package dlg.core.graph;

import static dlg.core.graph.LinkType.CHILD;
import static dlg.core.graph.LinkType.CONSUMER;
import static dlg.core.graph.LinkType.INPUT;
import static dlg.core.graph.LinkType.OUTPUT;
import static dlg.core.graph.LinkType.PARENT;
import static dlg.core.graph.LinkType.PRODUCER;
import static dlg.core.graph.LinkType.STREAMING_CONSUMER;
import static dlg.core.graph.LinkType.STREAMING_INPUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class LinkTypeTest {

    @Test
    void code_everyType_equalsDaliugeDropLinkType() {
        assertThat(CONSUMER.code()).isZero();
        assertThat(STREAMING_CONSUMER.code()).isEqualTo(1);
        assertThat(PRODUCER.code()).isEqualTo(2);
        assertThat(PARENT.code()).isEqualTo(3);
        assertThat(CHILD.code()).isEqualTo(4);
        assertThat(INPUT.code()).isEqualTo(5);
        assertThat(STREAMING_INPUT.code()).isEqualTo(6);
        assertThat(OUTPUT.code()).isEqualTo(7);
    }

    @Test
    void key_everyType_isTheSpecKey() {
        assertThat(EnumSet.allOf(LinkType.class)).extracting(LinkType::key).containsExactly(
                "consumers", "streamingConsumers", "producers", "parent", "children", "inputs", "streamingInputs",
                "outputs");
    }

    @ParameterizedTest
    @EnumSource(LinkType.class)
    void ofKeyAndOfCode_roundTrip(LinkType type) {
        assertThat(LinkType.ofKey(type.key())).isSameAs(type);
        assertThat(LinkType.ofCode(type.code())).isSameAs(type);
    }

    @ParameterizedTest
    @ValueSource(strings = {"consumer", "Inputs", "", "node"})
    void ofKey_otherKey_isNull(String key) {
        assertThat(LinkType.ofKey(key)).isNull();
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 8})
    void ofCode_unknownCode_throwsNamingTheCode(int code) {
        assertThatThrownBy(() -> LinkType.ofCode(code)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no link type with code " + code);
    }

    @Test
    void direction_incomingOutgoingAndNeither() {
        assertThat(EnumSet.allOf(LinkType.class)).filteredOn(LinkType::isIncoming)
                .containsExactlyInAnyOrder(INPUT, STREAMING_INPUT, PRODUCER);
        assertThat(EnumSet.allOf(LinkType.class)).filteredOn(LinkType::isOutgoing)
                .containsExactlyInAnyOrder(OUTPUT, CONSUMER, STREAMING_CONSUMER);
        assertThat(EnumSet.allOf(LinkType.class)).filteredOn(LinkType::isStreaming)
                .containsExactlyInAnyOrder(STREAMING_INPUT, STREAMING_CONSUMER);
    }

    @Test
    void isDeclarableBy_appKeysOnApps_dataKeysOnData_familyOnAll() {
        for (LinkType t : EnumSet.of(INPUT, STREAMING_INPUT, OUTPUT)) {
            assertThat(t.isDeclarableBy(Category.APPLICATION)).as("%s", t).isTrue();
            assertThat(t.isDeclarableBy(Category.SOCKET)).as("%s", t).isTrue();
            assertThat(t.isDeclarableBy(Category.DATA)).as("%s", t).isFalse();
        }
        for (LinkType t : EnumSet.of(CONSUMER, STREAMING_CONSUMER, PRODUCER)) {
            assertThat(t.isDeclarableBy(Category.DATA)).as("%s", t).isTrue();
            assertThat(t.isDeclarableBy(Category.APPLICATION)).as("%s", t).isFalse();
            assertThat(t.isDeclarableBy(Category.CONTAINER)).as("%s", t).isFalse();
        }
        for (Category c : Category.values()) {
            assertThat(PARENT.isDeclarableBy(c)).isTrue();
            assertThat(CHILD.isDeclarableBy(c)).isTrue();
        }
    }

    @Test
    void acceptsTarget_dataFlowsBetweenAppsAndDataOnly() {
        assertThat(INPUT.acceptsTarget(Category.DATA)).isTrue();
        assertThat(INPUT.acceptsTarget(Category.APPLICATION)).isFalse();
        assertThat(OUTPUT.acceptsTarget(Category.SOCKET)).isFalse();
        assertThat(CONSUMER.acceptsTarget(Category.APPLICATION)).isTrue();
        assertThat(CONSUMER.acceptsTarget(Category.SOCKET)).isTrue();
        assertThat(PRODUCER.acceptsTarget(Category.DATA)).isFalse();
        assertThat(PARENT.acceptsTarget(Category.CONTAINER)).isTrue();
        assertThat(CHILD.acceptsTarget(Category.DATA)).isTrue();
    }

    @Test
    void links_appToApp_allowedForPlainLinksOnly() {
        assertThat(OUTPUT.links(Category.APPLICATION, Category.APPLICATION)).isTrue();
        assertThat(INPUT.links(Category.APPLICATION, Category.APPLICATION)).isTrue();
        assertThat(CONSUMER.links(Category.APPLICATION, Category.APPLICATION)).isTrue();
        assertThat(PRODUCER.links(Category.APPLICATION, Category.APPLICATION)).isTrue();
        assertThat(STREAMING_INPUT.links(Category.APPLICATION, Category.APPLICATION)).isFalse();
        assertThat(OUTPUT.links(Category.APPLICATION, Category.SOCKET)).isFalse();
        assertThat(CONSUMER.links(Category.APPLICATION, Category.DATA)).isFalse();
        assertThat(CONSUMER.links(Category.DATA, Category.DATA)).isFalse();
        assertThat(OUTPUT.links(Category.APPLICATION, Category.DATA)).isTrue();
    }
}
