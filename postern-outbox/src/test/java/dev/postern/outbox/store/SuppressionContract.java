package dev.postern.outbox.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every {@link Store}'s {@link Suppressions} must do; part of {@link StoreContract}. */
public interface SuppressionContract {
    Instant AT = Instant.parse("2026-03-01T12:00:00Z");

    /** Opens a store kept under {@code dir}; opening the same {@code dir} again sees the same data. */
    Store open(Path dir);

    static Suppression bounce(String address, Instant at) {
        return new Suppression(address, Suppression.HARD_BOUNCE, Optional.of("sendgrid"), "550 5.1.1 no such user", at);
    }

    @Test
    default void anAddedAddressIsFoundInAnyCaseAndKeepsItsFirstReason(@TempDir Path dir) {
        try (Store store = open(dir)) {
            Suppressions list = store.suppressions();

            assertThat(list.add(bounce("Ada@Example.COM", AT))).isTrue();
            assertThat(list.add(Suppression.manual("ada@example.com", "by hand", AT.plusSeconds(1))))
                    .isFalse();

            Suppression found = list.find("ADA@example.com").orElseThrow();
            assertThat(found.address()).isEqualTo("ada@example.com");
            assertThat(found.reason()).isEqualTo(Suppression.HARD_BOUNCE);
            assertThat(found.provider()).contains("sendgrid");
            assertThat(found.detail()).isEqualTo("550 5.1.1 no such user");
            assertThat(found.createdAt()).isEqualTo(AT);
            assertThat(list.count()).isEqualTo(1);
        }
    }

    @Test
    default void addingManyInOneGoCountsOnlyTheNewOnesIncludingRepeatsWithinTheBatch(@TempDir Path dir) {
        try (Store store = open(dir)) {
            store.suppressions().add(bounce("ada@example.com", AT));

            int added = store.suppressions()
                    .addAll(List.of(
                            bounce("ada@example.com", AT),
                            bounce("bob@example.com", AT),
                            bounce("BOB@example.com", AT),
                            bounce("cy@example.com", AT)));

            assertThat(added).isEqualTo(2);
            assertThat(store.suppressions().count()).isEqualTo(3);
        }
    }

    @Test
    default void aManualEntryHasNoProviderAndSurvivesReopening(@TempDir Path dir) {
        try (Store store = open(dir)) {
            store.suppressions().add(Suppression.manual("bob@example.com", "", AT));
        }
        try (Store store = open(dir)) {
            Suppression found = store.suppressions().find("bob@example.com").orElseThrow();
            assertThat(found.provider()).isEmpty();
            assertThat(found.reason()).isEqualTo(Suppression.MANUAL);
        }
    }

    /** No cache: on a shared database an instance sees what another added at its next lookup. */
    @Test
    default void anEntryAddedThroughOneStoreIsSeenAtOnceThroughAnotherOnTheSameDatabase(@TempDir Path dir) {
        try (Store one = open(dir);
                Store other = open(dir)) {
            assertThat(other.suppressions().matching(List.of("ada@example.com")))
                    .isEmpty();

            one.suppressions().add(bounce("ada@example.com", AT));

            assertThat(other.suppressions().matching(List.of("ada@example.com")))
                    .containsOnlyKeys("ada@example.com");
            assertThat(other.suppressions().count()).isEqualTo(1);
        }
    }

    @Test
    default void removingAnAddressListsItNoMoreAndSaysWhetherItWasThere(@TempDir Path dir) {
        try (Store store = open(dir)) {
            store.suppressions().add(bounce("ada@example.com", AT));

            assertThat(store.suppressions().remove("ADA@example.com")).isTrue();
            assertThat(store.suppressions().remove("ada@example.com")).isFalse();
            assertThat(store.suppressions().find("ada@example.com")).isEmpty();
            assertThat(store.suppressions().count()).isZero();
        }
    }

    @Test
    default void matchingAnswersOnlyTheListedAmongTheGivenAddresses(@TempDir Path dir) {
        try (Store store = open(dir)) {
            store.suppressions().add(bounce("ada@example.com", AT));
            store.suppressions().add(Suppression.manual("eve@example.com", "", AT));

            assertThat(store.suppressions().matching(List.of("Ada@Example.com", "bob@example.com")))
                    .containsOnlyKeys("ada@example.com");
            assertThat(store.suppressions().matching(List.of())).isEmpty();
        }
    }

    @Test
    default void matchingLooksUpMoreAddressesThanOneQueryTakes(@TempDir Path dir) {
        try (Store store = open(dir)) {
            store.suppressions().add(bounce("r1199@example.com", AT));
            List<String> many = new ArrayList<>();
            for (int i = 0; i < 1200; i++) {
                many.add("r" + i + "@example.com");
            }

            assertThat(store.suppressions().matching(many)).containsOnlyKeys("r1199@example.com");
        }
    }

    @Test
    default void listingPagesNewestFirstUntilTheLastPageHasNoCursor(@TempDir Path dir) {
        try (Store store = open(dir)) {
            for (int i = 0; i < 5; i++) {
                store.suppressions().add(bounce("r" + i + "@example.com", AT.plusSeconds(i)));
            }
            // Two at the same moment: the cursor still neither repeats nor skips one.
            store.suppressions().add(bounce("s@example.com", AT.plusSeconds(4)));

            List<String> seen = new ArrayList<>();
            Optional<String> after = Optional.empty();
            int pages = 0;
            do {
                SuppressionPage page = store.suppressions().list(2, after, "");
                page.entries().forEach(s -> seen.add(s.address()));
                after = page.next();
                pages++;
            } while (after.isPresent());

            assertThat(seen)
                    .containsExactly(
                            "r4@example.com",
                            "s@example.com",
                            "r3@example.com",
                            "r2@example.com",
                            "r1@example.com",
                            "r0@example.com");
            assertThat(pages).isEqualTo(3);
        }
    }

    @Test
    default void listingFiltersByAddressPrefixTakingWildcardsLiterally(@TempDir Path dir) {
        try (Store store = open(dir)) {
            store.suppressions().add(bounce("ada_1@example.com", AT));
            store.suppressions().add(bounce("adax1@example.com", AT));
            store.suppressions().add(bounce("bob@example.com", AT));

            assertThat(store.suppressions().list(10, Optional.empty(), "ADA_").entries())
                    .extracting(Suppression::address)
                    .containsExactly("ada_1@example.com");
        }
    }

    @Test
    default void listingRefusesABadLimitOrCursor(@TempDir Path dir) {
        try (Store store = open(dir)) {
            assertThatThrownBy(() -> store.suppressions().list(0, Optional.empty(), ""))
                    .hasMessageContaining("limit must be 1..1000, but was 0");
            assertThatThrownBy(() -> store.suppressions().list(10, Optional.of("not-a-cursor"), ""))
                    .hasMessageContaining("after must be a cursor");
        }
    }
}
