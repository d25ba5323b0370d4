package dlg.core.graph;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CategoryTest {

    @ParameterizedTest
    @CsvSource({
            "Application, APPLICATION", "application, APPLICATION", "APPLICATION, APPLICATION", "app, APPLICATION",
            "App, APPLICATION", "Data, DATA", "data, DATA", "DATA, DATA", "Socket, SOCKET", "socket, SOCKET",
            "Container, CONTAINER", "container, CONTAINER"})
    void ofCategoryType_knownValue_ignoresCase(String value, Category expected) {
        assertThat(Category.ofCategoryType(value)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "Service", "", "datas", " Data"})
    void ofCategoryType_otherValue_isNull(String value) {
        assertThat(Category.ofCategoryType(value)).isNull();
    }

    @ParameterizedTest
    @CsvSource({"plain, DATA", "Plain, DATA", "data, DATA", "app, APPLICATION", "application, APPLICATION",
            "socket, SOCKET", "container, CONTAINER"})
    void ofLegacyType_knownValue_ignoresCase(String value, Category expected) {
        assertThat(Category.ofLegacyType(value)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"serviceapp", "Memory", ""})
    void ofLegacyType_otherValue_isNull(String value) {
        assertThat(Category.ofLegacyType(value)).isNull();
    }

    @Test
    void isApplication_applicationsAndSockets() {
        assertThat(Category.APPLICATION.isApplication()).isTrue();
        assertThat(Category.SOCKET.isApplication()).isTrue();
        assertThat(Category.DATA.isApplication()).isFalse();
        assertThat(Category.CONTAINER.isApplication()).isFalse();
    }

    @Test
    void wireName_isWhatTheTranslatorWrites() {
        assertThat(Category.APPLICATION.wireName()).isEqualTo("Application");
        assertThat(Category.SOCKET.wireName()).isEqualTo("Socket");
        assertThat(Category.DATA.wireName()).isEqualTo("Data");
        assertThat(Category.CONTAINER.wireName()).isEqualTo("Container");
    }

    @Test
    void withArticle_isGrammatical() {
        assertThat(Category.APPLICATION.withArticle()).isEqualTo("an Application");
        assertThat(Category.SOCKET.withArticle()).isEqualTo("a Socket");
        assertThat(Category.DATA.withArticle()).isEqualTo("a Data");
        assertThat(Category.CONTAINER.withArticle()).isEqualTo("a Container");
    }
}
