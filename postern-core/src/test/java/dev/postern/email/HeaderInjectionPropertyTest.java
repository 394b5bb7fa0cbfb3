package dev.postern.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.characters;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** No CR or LF can reach a header line through any caller-given text (property-based, QuickTheories). */
class HeaderInjectionPropertyTest {

    @Test
    void everyEmailIsEitherRejectedOrFreeOfLineBreaks() {
        AtomicInteger built = new AtomicInteger();
        AtomicInteger tried = new AtomicInteger();
        qt().withExamples(1000).forAll(headerText(), headerText(), headerText()).checkAssert((value, subject, name) -> {
            tried.incrementAndGet();
            Email email;
            try {
                email = Emails.valid()
                        .from(Address.of("noreply@postern.dev", name))
                        .to("\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\" <bob@example.com>")
                        .subject(subject)
                        .header("X-Custom", value)
                        .build();
            } catch (InvalidEmailException rejected) {
                return;
            }
            built.incrementAndGet();
            assertThat(headerLines(email)).noneMatch(s -> s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0);
        });
        // Not vacuous: a fair share of the generated inputs must be clean enough to build.
        assertThat(built.get()).as("built %d of %d", built.get(), tried.get()).isGreaterThan(tried.get() / 20);
    }

    @Test
    void textWithCrOrLfIsAlwaysRejectedWhereverItGoes() {
        qt().withExamples(500)
                .forAll(headerText(), lineBreak(), headerText())
                .checkAssert((prefix, lineBreak, suffix) -> {
                    String text = prefix + lineBreak + suffix;
                    assertThatThrownBy(() -> Emails.valid().subject(text).build())
                            .isInstanceOf(InvalidEmailException.class);
                    assertThatThrownBy(() ->
                                    Emails.valid().header("X-Custom", text).build())
                            .isInstanceOf(InvalidEmailException.class);
                    assertThatThrownBy(() -> Address.of("ada@example.com", text))
                            .isInstanceOf(InvalidEmailException.class);
                    assertThatThrownBy(() ->
                                    Emails.valid().to(text + "bob@example.com").build())
                            .isInstanceOf(InvalidEmailException.class);
                    assertThatThrownBy(() ->
                                    Emails.valid().to("bob@example.com" + text).build())
                            .isInstanceOf(InvalidEmailException.class);
                    assertThatThrownBy(() -> Emails.valid().tag(text).build())
                            .isInstanceOf(InvalidEmailException.class);
                    assertThatThrownBy(() -> Emails.valid().metadata("k", text).build())
                            .isInstanceOf(InvalidEmailException.class);
                });
    }

    /** Half the time printable or Unicode text, half the time salted with line breaks and controls. */
    private static Gen<String> headerText() {
        Gen<Character> plain = integers().between(' ', '~').map(i -> (char) i.intValue());
        Gen<Character> any = characters().basicMultilingualPlane();
        Gen<Character> risky =
                Generate.pick(List.of('\r', '\n', '\0', '\t', '\u000B', '\u0085', '\u2028', '"', '\\', ':'));
        Gen<String> clean = text(Generate.frequency(Pair.of(9, plain), Pair.of(1, any)));
        Gen<String> salted = text(Generate.frequency(Pair.of(6, plain), Pair.of(2, any), Pair.of(1, risky)));
        return Generate.frequency(Pair.of(1, clean), Pair.of(1, salted));
    }

    private static Gen<String> text(Gen<Character> characters) {
        return lists().of(characters)
                .ofSizeBetween(0, 60)
                .map(chars -> chars.stream().map(String::valueOf).collect(Collectors.joining()));
    }

    private static Gen<String> lineBreak() {
        return Generate.pick(List.of("\r", "\n", "\r\n", "\n\r"));
    }

    private static List<String> headerLines(Email email) {
        List<String> lines = new ArrayList<>();
        lines.add(email.subject());
        lines.addAll(email.headers().keySet());
        lines.addAll(email.headers().values());
        Stream.concat(Stream.of(email.from()), email.allRecipients().stream()).forEach(a -> {
            lines.add(a.toString());
            if (a.name() != null) {
                lines.add(a.name());
            }
        });
        return lines;
    }
}
