package dev.postern.degradation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrackingStripperTest {
    private final TrackingStripper stripper = new TrackingStripper(List.of("https://t.example/"));

    @Test
    void htmlWithoutTrackingComesBackAsTheSameString() {
        String html =
                "<p>Hi <a href=\"https://shop.example/\">shop</a><img src=\"x.png\" width=\"2\" height=\"1\"></p>";

        assertThat(stripper.strip(html)).isSameAs(html);
    }

    @Test
    void pixelsSizedByStyleOrFromATrackingPrefixAreRemoved() {
        String html = "<p>a</p><img src=\"https://any.example/p\" style=\"width:1px;height:1px\">"
                + "<img src=\"https://t.example/open?id=1\" width=\"10\" height=\"10\">";

        assertThat(stripper.strip(html)).isEqualTo("<p>a</p>");
    }

    @Test
    void aWrappedLinkWhoseTargetCannotBeRecoveredIsLeftWorking() {
        String html = "<a href=\"https://t.example/ls/click?upn=opaque123\">go</a>";

        assertThat(stripper.strip(html)).isSameAs(html);
    }

    @Test
    void aWholeDocumentStaysAWholeDocument() {
        String html =
                "<html><head><title>t</title></head><body><a href=\"https://t.example/r?to=http%3A%2F%2Fa.example%2F\">a</a></body></html>";

        assertThat(stripper.strip(html))
                .startsWith("<html><head><title>t</title></head>")
                .contains("<a href=\"http://a.example/\">a</a>");
    }

    @Test
    void aSizeTooLargeForAnIntIsNotAPixelAndDoesNotThrow() {
        String html = "<p>a</p><img src=\"https://shop.example/banner.png\" style=\"width:99999999999px\">";

        assertThat(stripper.strip(html)).isSameAs(html);
    }
}
