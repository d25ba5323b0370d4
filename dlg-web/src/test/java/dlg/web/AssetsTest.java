package dlg.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AssetsTest {

    @Test
    void load_managerTypeIsEscapedIntoEveryPage() {
        Assets assets = Assets.load("<b>\"DIM\" & co</b>");
        for (String page : new String[] {"sessions.html", "session.html", "drop-log.html"}) {
            String html = new String(assets.body(page), StandardCharsets.UTF_8);
            assertThat(html).as(page).contains("&lt;b&gt;&quot;DIM&quot; &amp; co&lt;/b&gt;")
                    .doesNotContain("<b>", "{{");
        }
    }

    @Test
    void body_aNameThatIsNoAsset_isNull() {
        Assets assets = Assets.load("NodeManager");
        assertThat(assets.body("../WebUi.class")).isNull();
        assertThat(assets.body("states.js")).isNotEmpty();
    }
}
