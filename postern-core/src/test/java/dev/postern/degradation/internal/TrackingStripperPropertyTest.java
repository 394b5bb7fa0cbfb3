package dev.postern.degradation.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.characters;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * The stripper runs on whatever HTML a client sends, on every failover route: it must never throw,
 * and a tracking pixel among well-formed markup never survives it (property-based, QuickTheories).
 */
class TrackingStripperPropertyTest {
    private static final String PREFIX = "https://t.example/";
    private static final String PIXEL = "<img src=\"" + PREFIX + "open?id=7\">";
    private final TrackingStripper stripper = new TrackingStripper(List.of(PREFIX));

    @Test
    void anyTextAtAllIsStrippedWithoutThrowing() {
        qt().withExamples(2000)
                .forAll(soup())
                .checkAssert(html -> assertThat(stripper.strip(html)).isNotNull());
    }

    @Test
    void aTrackingPixelAmongWellFormedMarkupIsAlwaysRemoved() {
        qt().withExamples(1000)
                .forAll(lists().of(element()).ofSizeBetween(0, 8), integers().between(0, 8))
                .checkAssert((elements, at) -> {
                    StringBuilder html = new StringBuilder();
                    for (int i = 0; i <= elements.size(); i++) {
                        if (i == Math.min(at, elements.size())) {
                            html.append(PIXEL);
                        }
                        if (i < elements.size()) {
                            html.append(elements.get(i));
                        }
                    }
                    assertThat(stripper.strip(html.toString())).doesNotContain(PREFIX + "open");
                });
    }

    /** Well-formed pieces: text, paragraphs, images and links sized and styled with any number. */
    private static Gen<String> element() {
        Gen<String> number = Generate.frequency(
                Pair.of(3, integers().between(0, 4).map(i -> String.valueOf(i))),
                Pair.of(2, longs().all().map(i -> String.valueOf(i))),
                Pair.of(1, integers().between(1, 40).map(n -> "9".repeat(n))));
        Gen<String> img = number.zip(
                number,
                (w, h) -> "<img src=\"https://shop.example/logo.png\" style=\"width:" + w + "px;height:" + h
                        + "px\" width=\"" + h + "\">");
        Gen<String> text = integers().between(0, 30).map(n -> "text " + n);
        Gen<String> link = integers()
                .between(0, 30)
                .map(n -> "<a href=\"" + PREFIX + "c?url=https%3A%2F%2Fshop.example%2F" + n + "\">go</a>");
        return Generate.frequency(
                Pair.of(2, text), Pair.of(2, text.map(t -> "<p>" + t + "</p>")), Pair.of(3, img), Pair.of(2, link));
    }

    /** Random text salted with the characters and pieces HTML, CSS and URLs are made of. */
    private static Gen<String> soup() {
        Gen<String> pieces = Generate.pick(List.of(
                "<img",
                "<a href=\"",
                PREFIX,
                "?x=",
                "%",
                "%zz",
                "style=\"",
                "width:",
                "height:",
                "px",
                ";",
                "\"",
                ">",
                "</a>",
                "<html>",
                "<!--",
                "99999999999999999999",
                "-1",
                "\u0660\u0661",
                "width=\"",
                "&amp;",
                "http://"));
        Gen<String> chars = characters().basicMultilingualPlane().map(i -> String.valueOf(i));
        return lists().of(Generate.frequency(Pair.of(2, pieces), Pair.of(1, chars)))
                .ofSizeBetween(0, 40)
                .map(parts -> parts.stream().collect(Collectors.joining()));
    }
}
