package dev.postern.outbox.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link Store} must do. A back end's test implements this interface and says how to
 * open a store on a fresh (or the same) place; the rules below are the outbox's durability
 * contract and hold for SQLite and PostgreSQL alike.
 */
public interface StoreContract extends EventStoreContract, SuppressionContract {
    Instant T0 = Instant.parse("2026-01-05T09:00:00Z");
    Duration DAY = Duration.ofHours(24);
    Submitter SHOP = new Submitter("api_key:shop");
    Submitter OTHER_SHOP = new Submitter("api_key:other-shop");

    /** Opens a store kept under {@code dir}; opening the same {@code dir} again sees the same data. */
    Store open(Path dir);

    /**
     * Creates under {@code dir} the schema as it was before messages and idempotency keys recorded
     * their submitter, and connects to it, so a test can store rows the way an older version did.
     */
    Connection connectBeforeSubmitters(Path dir) throws SQLException;

    /** Connects to the database of the store opened under {@code dir}, as an operator's SQL client would. */
    Connection connect(Path dir) throws SQLException;

    /**
     * A message whose stored recipient standings were damaged (by hand, by a disk) is still claimed,
     * with no standings, so all its recipients are sent again; the other messages of the batch are
     * claimed with it. A damaged row must not fail every claim it is in, and with them all mail.
     */
    @Test
    default void aMessageWithDamagedRecipientStandingsIsClaimedWithoutThemAndDoesNotBlockTheOthers(@TempDir Path dir)
            throws SQLException {
        try (Store store = open(dir)) {
            store.insert(message("damaged", T0), DAY);
            store.insert(message("sound", T0.plusMillis(1)), DAY);
            try (Connection c = connect(dir);
                    java.sql.Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE messages SET recipients = '[{\"address\": \"ada@' WHERE id = 'damaged'");
            }

            List<Claimed> claimed = store.claim(T0.plusSeconds(1), 10, "owner", DAY);

            assertThat(claimed).extracting(Claimed::id).containsExactly("damaged", "sound");
            assertThat(claimed.get(0).recipients()).isEmpty();
            assertThat(store.find("damaged").orElseThrow().recipients()).isEmpty();
        }
    }

    static NewMessage message(String id, Instant at) {
        return message(id, at, null);
    }

    static NewMessage message(String id, Instant at, String key) {
        return message(id, at, key, Submitter.UNSCOPED);
    }

    static NewMessage message(String id, Instant at, String key, Submitter submitter) {
        return new NewMessage(id, at, submitter, key, payload(id), null, null);
    }

    private static byte[] payload(String id) {
        return ("{\"subject\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    static AttemptView attempt(String provider, Instant at, String outcome) {
        return new AttemptView(
                provider,
                at,
                Duration.ofMillis(40),
                outcome,
                outcome + " by " + provider,
                List.of(),
                outcome.equals("ambiguous"));
    }

    private static List<String> ids(List<Claimed> claimed) {
        return claimed.stream().map(Claimed::id).toList();
    }

    private static MessageView found(Store store, String id) {
        return store.find(id).orElseThrow();
    }

    @Test
    default void insertedMessageIsQueuedAndDueAtOnce(@TempDir Path dir) {
        try (Store store = open(dir)) {
            assertThat(store.insert(message("m1", T0), DAY)).isEqualTo(new Accepted("m1", true));

            MessageView view = found(store, "m1");
            assertThat(view.status()).isEqualTo(MessageStatus.QUEUED);
            assertThat(view.createdAt()).isEqualTo(T0);
            assertThat(view.dueAt()).isEqualTo(T0);
            assertThat(view.attempts()).isEmpty();
            assertThat(store.pending()).isEqualTo(1);
        }
    }

    @Test
    default void oldestPendingIsTheEarliestMessageNotYetDeliveredOrFailed(@TempDir Path dir) {
        try (Store store = open(dir)) {
            assertThat(store.oldestPending()).isEmpty();
            store.insert(message("first", T0), DAY);
            store.insert(message("second", T0.plusSeconds(5)), DAY);
            store.claim(T0, 1, "a", Duration.ofSeconds(60));
            store.settle(
                    "first",
                    "a",
                    1,
                    List.of(attempt("p", T0, "accepted")),
                    new Settlement.Delivered(T0.plusSeconds(1), "p", "p-1", "accepted"));

            assertThat(store.oldestPending()).contains(T0.plusSeconds(5));
        }
    }

    @Test
    default void recentToFindsTheNewestMessagesToARecipientAmongTheLatestScanned(@TempDir Path dir) {
        try (Store store = open(dir)) {
            store.insert(addressed("01A", "{\"to\": [\"Ada <ada@example.com>\"], \"cc\": []}"), DAY);
            store.insert(addressed("01B", "{\"to\": [\"bob@example.com\"], \"bcc\": [\"ADA@example.com\"]}"), DAY);
            store.insert(addressed("01C", "{\"to\": [\"bob@example.com\"]}"), DAY);
            store.insert(
                    new NewMessage(
                            "01D",
                            T0,
                            null,
                            "{\"to\": [\"list@example.com\"]}".getBytes(StandardCharsets.UTF_8),
                            "Subject: raw".getBytes(StandardCharsets.UTF_8),
                            "{\"mail_from\": \"shop@shop.example\", \"rcpt_to\": [\"ada@example.com\"]}"),
                    DAY);

            assertThat(store.recentTo("ada@example.com", 10, 10)).containsExactly("01D", "01B", "01A");
            assertThat(store.recentTo("ada@example.com", 10, 2)).containsExactly("01D", "01B");
            assertThat(store.recentTo("ada@example.com", 2, 10)).containsExactly("01D");
            assertThat(store.recentTo("carol@example.com", 10, 10)).isEmpty();
        }
    }

    private static NewMessage addressed(String id, String emailJson) {
        return new NewMessage(id, T0, null, emailJson.getBytes(StandardCharsets.UTF_8), null, null);
    }

    @Test
    default void renewExtendsOnlyTheLeasesItsOwnerStillHolds(@TempDir Path dir) {
        try (Store store = open(dir)) {
            store.insert(message("m1", T0), DAY);
            store.insert(message("m2", T0), DAY);
            // leases that end at once, on whatever clock the store keeps them
            store.claim(T0, 10, "a", Duration.ZERO);

            assertThat(store.renew(List.of("m1", "m2"), "b", T0, Duration.ofSeconds(300)))
                    .isZero();
            assertThat(store.renew(List.of("m1"), "a", T0, Duration.ofSeconds(300)))
                    .isEqualTo(1);

            assertThat(ids(store.claim(T0.plusSeconds(1), 10, "b", Duration.ofSeconds(60))))
                    .containsExactly("m2");
        }
    }

    @Test
    default void acceptedMessagesSurviveReopening(@TempDir Path dir) {
        try (Store store = open(dir)) {
            store.insert(message("m1", T0), DAY);
        }
        try (Store store = open(dir)) {
            assertThat(found(store, "m1").status()).isEqualTo(MessageStatus.QUEUED);
            assertThat(store.pending()).isEqualTo(1);
            assertThat(ids(store.claim(T0, 10, "a", Duration.ofSeconds(60)))).containsExactly("m1");
        }
    }

    @Test
    default void claimTakesDueMessagesEarliestDueFirstAndMarksThemSending(@TempDir Path dir) {
        try (Store store = open(dir)) {
            store.insert(message("late", T0.plusSeconds(2)), DAY);
            store.insert(message("early", T0), DAY);
            store.insert(message("middle", T0.plusSeconds(1)), DAY);
            store.insert(message("future", T0.plusSeconds(60)), DAY);

            List<Claimed> claimed = store.claim(T0.plusSeconds(5), 10, "a", Duration.ofSeconds(60));

            assertThat(ids(claimed)).containsExactly("early", "middle", "late");
            assertThat(claimed).allSatisfy(c -> assertThat(c.round()).isEqualTo(1));
            assertThat(found(store, "early").status()).isEqualTo(MessageStatus.SENDING);
            assertThat(found(store, "future").status()).isEqualTo(MessageStatus.QUEUED);
        }
    }

    /**
     * A message at the relay's limit is stored twice: its raw MIME (25 MiB) and its JSON, which
     * holds the attachments in base64 again (about 25 MiB more); both come back unchanged.
     */
    @Test
    default void payloadsOfTheLargestMessageAreClaimedBackByteForByte(@TempDir Path dir) {
        byte[] email = new byte[26 * 1024 * 1024];
        byte[] mime = new byte[25 * 1024 * 1024];
        java.util.Random random = new java.util.Random(25);
        random.nextBytes(email);
        random.nextBytes(mime);
        String envelope = "{\"mail_from\":\"a@shop.example\",\"rcpt_to\":[\"b@example.com\"]}";
        try (Store store = open(dir)) {
            store.insert(new NewMessage("big", T0, null, email, mime, envelope), DAY);

            Claimed claimed = store.claim(T0, 1, "a", Duration.ofSeconds(60)).get(0);

            // Arrays.equals rather than isEqualTo: a failure must not print megabytes
            assertThat(java.util.Arrays.equals(claimed.email(), email)).isTrue();
            assertThat(java.util.Arrays.equals(claimed.rawMime(), mime)).isTrue();
            assertThat(claimed.envelope()).isEqualTo(envelope);
        }
    }

    @Test
    default void claimTakesNoMoreThanTheLimit(@TempDir Path dir) {
        try (Store store = open(dir)) {
            for (int i = 0; i < 5; i++) {
                store.insert(message("m" + i, T0.plusMillis(i)), DAY);
            }
            assertThat(ids(store.claim(T0.plusSeconds(1), 2, "a", Duration.ofSeconds(60))))
                    .containsExactly("m0", "m1");
            assertThat(ids(store.claim(T0.plusSeconds(1), 10, "b", Duration.ofSeconds(60))))
                    .containsExactly("m2", "m3", "m4");
        }
    }

    @Test
    default void claimExpiredTakesOnlyDueMessagesCreatedByTheCutoffEarliestDueFirst(@TempDir Path dir) {
        try (Store store = open(dir)) {
            store.insert(message("deferred", T0.minusSeconds(1)), DAY);
            store.claim(T0.minusSeconds(1), 1, "a", Duration.ofMinutes(1));
            store.settle("deferred", "a", 1, List.of(), new Settlement.Deferred(T0.plusSeconds(30), "later"));
            store.insert(message("old", T0), DAY);
            store.insert(message("cutoff", T0.plusSeconds(10)), DAY);
            store.insert(message("young", T0.plusSeconds(11)), DAY);

            List<Claimed> claimed =
                    store.claimExpired(T0.plusSeconds(20), T0.plusSeconds(10), 10, "b", Duration.ofMinutes(1));

            assertThat(ids(claimed)).containsExactly("old", "cutoff");
            assertThat(found(store, "old").status()).isEqualTo(MessageStatus.SENDING);
            assertThat(found(store, "young").status()).isEqualTo(MessageStatus.QUEUED);
            assertThat(found(store, "deferred").status()).isEqualTo(MessageStatus.DEFERRED);
            // Once due, the deferred one is taken (its second round); the leased ones are not again.
            List<Claimed> later =
                    store.claimExpired(T0.plusSeconds(30), T0.plusSeconds(10), 10, "b", Duration.ofMinutes(1));
            assertThat(ids(later)).containsExactly("deferred");
            assertThat(later.getFirst().round()).isEqualTo(2);
        }
    }

    @Test
    default void claimedMessageIsNotClaimedAgainWhileItsLeaseLasts(@TempDir Path dir) {
        try (Store store = open(dir)) {
            store.insert(message("m1", T0), DAY);
            store.claim(T0, 10, "a", Duration.ofSeconds(60));

            assertThat(store.claim(T0.plusSeconds(59), 10, "b", Duration.ofSeconds(60)))
                    .isEmpty();
        }
    }

    @Test
    default void expiredLeaseMakesTheMessageClaimableAgainAndTheFormerOwnerCannotSettleIt(@TempDir Path dir) {
        try (Store store = open(dir)) {
            store.insert(message("m1", T0), DAY);
            store.claim(T0, 10, "crashed", Duration.ZERO); // a lease that ends at once

            List<Claimed> again = store.claim(T0.plusSeconds(60), 10, "survivor", Duration.ofSeconds(60));
            assertThat(ids(again)).containsExactly("m1");
            assertThat(again.getFirst().round()).isEqualTo(2);

            Instant late = T0.plusSeconds(70);
            assertThat(store.settle(
                            "m1",
                            "crashed",
                            1,
                            List.of(attempt("p", late, "accepted")),
                            new Settlement.Delivered(late, "p", "p-1", "accepted")))
                    .isFalse();
            assertThat(found(store, "m1").status()).isEqualTo(MessageStatus.SENDING);
            assertThat(found(store, "m1").attempts()).hasSize(1); // it happened, so it is recorded
            assertThat(found(store, "m1").attempts().getFirst().possibleDuplicate())
                    .isTrue();
            assertThat(store.settle("m1", "survivor", 2, List.of(), new Settlement.Delivered(late, "p", "p-2", "ok")))
                    .isTrue();
            assertThat(found(store, "m1").providerMessageId()).contains("p-2");
        }
    }

    /**
     * Fencing: the round count is the claim's generation. A round of an owner that claimed the same
     * message again (it was released while the first round ran) cannot settle it; only the newest
     * round can, and the stale round's sends are recorded as possible duplicates.
     */
    @Test
    default void onlyTheNewestRoundOfAMessageCanSettleItEvenForTheSameOwner(@TempDir Path dir) {
        try (Store store = open(dir)) {
            store.insert(message("m1", T0), DAY);
            assertThat(store.claim(T0, 10, "a", Duration.ZERO).getFirst().round())
                    .isEqualTo(1);
            assertThat(store.claim(T0.plusSeconds(1), 10, "a", Duration.ofSeconds(60))
                            .getFirst()
                            .round())
                    .isEqualTo(2);

            Instant at = T0.plusSeconds(2);
            assertThat(store.settle(
                            "m1",
                            "a",
                            1,
                            List.of(attempt("p", at, "unavailable"), attempt("q", at, "accepted")),
                            new Settlement.Delivered(at, "q", "q-1", "accepted")))
                    .isFalse();
            assertThat(found(store, "m1").status()).isEqualTo(MessageStatus.SENDING);
            assertThat(store.settle(
                            "m1",
                            "a",
                            2,
                            List.of(attempt("q", at, "accepted")),
                            new Settlement.Delivered(at, "q", "q-2", "accepted")))
                    .isTrue();

            MessageView view = found(store, "m1");
            assertThat(view.providerMessageId()).contains("q-2");
            assertThat(view.attempts())
                    .extracting(AttemptView::outcome, AttemptView::possibleDuplicate)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("unavailable", false),
                            org.assertj.core.groups.Tuple.tuple("accepted", true),
                            org.assertj.core.groups.Tuple.tuple("accepted", false));
        }
    }

    /** A settled message has no claim left: a late second settle of the same round changes nothing. */
    @Test
    default void aRoundCannotSettleTwice(@TempDir Path dir) {
        try (Store store = open(dir)) {
            store.insert(message("m1", T0), DAY);
            store.claim(T0, 10, "a", Duration.ofSeconds(60));
            assertThat(store.settle("m1", "a", 1, List.of(), new Settlement.Failed(T0, "rejected")))
                    .isTrue();
            assertThat(store.settle("m1", "a", 1, List.of(), new Settlement.Delivered(T0, "p", "p-1", "ok")))
                    .isFalse();
            assertThat(found(store, "m1").status()).isEqualTo(MessageStatus.FAILED);
        }
    }

    @Test
    default void deferredMessageIsDueAgainAtItsRetryTime(@TempDir Path dir) {
        try (Store store = open(dir)) {
            store.insert(message("m1", T0), DAY);
            store.claim(T0, 10, "a", Duration.ofSeconds(60));
            Instant retry = T0.plusSeconds(30);
            assertThat(store.settle(
                            "m1",
                            "a",
                            1,
                            List.of(attempt("p", T0, "unavailable")),
                            new Settlement.Deferred(retry, "no provider took it")))
                    .isTrue();

            MessageView view = found(store, "m1");
            assertThat(view.status()).isEqualTo(MessageStatus.DEFERRED);
            assertThat(view.dueAt()).isEqualTo(retry);
            assertThat(view.detail()).isEqualTo("no provider took it");
            assertThat(store.claim(retry.minusMillis(1), 10, "a", Duration.ofSeconds(60)))
                    .isEmpty();
            assertThat(ids(store.claim(retry, 10, "a", Duration.ofSeconds(60)))).containsExactly("m1");
            assertThat(store.pending()).isEqualTo(1);
        }
    }

    @Test
    default void eachRecipientsStandingIsKeptAcrossRoundsAndShown(@TempDir Path dir) {
        List<RecipientView> afterFirstRound = List.of(
                new RecipientView(
                        "ada@example.com",
                        RecipientView.Status.DELIVERED,
                        Optional.of("relay"),
                        Optional.of("r-1"),
                        ""),
                new RecipientView(
                        "cy@example.com",
                        RecipientView.Status.PENDING,
                        Optional.of("relay"),
                        Optional.empty(),
                        "451 4.7.1 Greylisted"));
        try (Store store = open(dir)) {
            store.insert(message("m1", T0), DAY);
            assertThat(store.claim(T0, 10, "a", Duration.ofSeconds(60))
                            .getFirst()
                            .recipients())
                    .isEmpty();
            store.settle(
                    "m1",
                    "a",
                    1,
                    List.of(attempt("relay", T0, "accepted")),
                    new Settlement.Deferred(T0.plusSeconds(30), "greylisted", afterFirstRound));

            assertThat(found(store, "m1").recipients()).isEqualTo(afterFirstRound);
            Claimed again = store.claim(T0.plusSeconds(30), 10, "a", Duration.ofSeconds(60))
                    .getFirst();
            assertThat(again.recipients()).isEqualTo(afterFirstRound);
            // A settlement that says nothing of recipients leaves their standing as it was.
            store.settle("m1", "a", 2, List.of(), new Settlement.Deferred(T0.plusSeconds(60), "later"));
            assertThat(found(store, "m1").recipients()).isEqualTo(afterFirstRound);
        }
    }

    @Test
    default void deferredMessagesInterleaveWithNewOnesByDueTime(@TempDir Path dir) {
        try (Store store = open(dir)) {
            store.insert(message("old", T0), DAY);
            store.claim(T0, 10, "a", Duration.ofSeconds(60));
            store.settle("old", "a", 1, List.of(), new Settlement.Deferred(T0.plusSeconds(30), "later"));
            store.insert(message("before", T0.plusSeconds(10)), DAY);
            store.insert(message("after", T0.plusSeconds(40)), DAY);

            assertThat(ids(store.claim(T0.plusSeconds(50), 10, "a", Duration.ofSeconds(60))))
                    .containsExactly("before", "old", "after");
        }
    }

    @Test
    default void makingDeferredDueBringsEveryDeferredMessageForward(@TempDir Path dir) {
        try (Store store = open(dir)) {
            for (String id : List.of("m1", "m2")) {
                store.insert(message(id, T0), DAY);
            }
            store.claim(T0, 10, "a", Duration.ofSeconds(60));
            store.settle("m1", "a", 1, List.of(), new Settlement.Deferred(T0.plusSeconds(600), "down"));
            store.settle("m2", "a", 1, List.of(), new Settlement.Deferred(T0.plusSeconds(1800), "down"));

            assertThat(store.makeDeferredDue(T0.plusSeconds(5))).isEqualTo(2);
            assertThat(ids(store.claim(T0.plusSeconds(5), 10, "a", Duration.ofSeconds(60))))
                    .containsExactlyInAnyOrder("m1", "m2");
        }
    }

    @Test
    default void deliveredAndFailedMessagesAreFinalAndNeverClaimed(@TempDir Path dir) {
        try (Store store = open(dir)) {
            store.insert(message("ok", T0), DAY);
            store.insert(message("bad", T0), DAY);
            store.claim(T0, 10, "a", Duration.ofSeconds(60));
            store.settle(
                    "ok",
                    "a",
                    1,
                    List.of(attempt("p", T0, "accepted")),
                    new Settlement.Delivered(T0.plusSeconds(1), "p", "p-9", "accepted as p-9"));
            store.settle(
                    "bad",
                    "a",
                    1,
                    List.of(attempt("p", T0, "rejected")),
                    new Settlement.Failed(T0.plusSeconds(1), "recipient suppressed"));

            MessageView ok = found(store, "ok");
            assertThat(ok.status()).isEqualTo(MessageStatus.DELIVERED);
            assertThat(ok.provider()).contains("p");
            assertThat(ok.providerMessageId()).contains("p-9");
            assertThat(ok.deliveredAt()).contains(T0.plusSeconds(1));
            assertThat(found(store, "bad").status()).isEqualTo(MessageStatus.FAILED);
            assertThat(found(store, "bad").detail()).isEqualTo("recipient suppressed");
            assertThat(store.claim(T0.plusSeconds(3600), 10, "b", Duration.ofSeconds(60)))
                    .isEmpty();
            assertThat(store.pending()).isZero();
        }
    }

    @Test
    default void everyAttemptIsRecordedInOrderAcrossRounds(@TempDir Path dir) {
        try (Store store = open(dir)) {
            store.insert(message("m1", T0), DAY);
            store.claim(T0, 10, "a", Duration.ofSeconds(60));
            store.settle(
                    "m1",
                    "a",
                    1,
                    List.of(attempt("p1", T0, "unavailable"), attempt("p2", T0, "ambiguous")),
                    new Settlement.Deferred(T0.plusSeconds(30), "later"));
            store.claim(T0.plusSeconds(30), 10, "a", Duration.ofSeconds(60));
            store.settle(
                    "m1",
                    "a",
                    2,
                    List.of(attempt("p1", T0.plusSeconds(30), "accepted")),
                    new Settlement.Delivered(T0.plusSeconds(31), "p1", "x", "accepted as x"));

            List<AttemptView> attempts = found(store, "m1").attempts();
            assertThat(attempts).extracting(AttemptView::provider).containsExactly("p1", "p2", "p1");
            assertThat(attempts)
                    .extracting(AttemptView::outcome)
                    .containsExactly("unavailable", "ambiguous", "accepted");
            assertThat(attempts.get(1).ambiguous()).isTrue();
            assertThat(attempts.get(2).startedAt()).isEqualTo(T0.plusSeconds(30));
            assertThat(attempts.get(0).latency()).isEqualTo(Duration.ofMillis(40));
            assertThat(attempts.get(0).detail()).isEqualTo("unavailable by p1");
        }
    }

    @Test
    default void sameIdempotencyKeyWithinTheWindowReturnsTheFirstIdAndCreatesNothing(@TempDir Path dir) {
        try (Store store = open(dir)) {
            assertThat(store.insert(message("first", T0, "order-42"), DAY)).isEqualTo(new Accepted("first", true));
            assertThat(store.insert(message("second", T0.plus(DAY).minusSeconds(1), "order-42"), DAY))
                    .isEqualTo(new Accepted("first", false));

            assertThat(store.find("second")).isEmpty();
            assertThat(store.pending()).isEqualTo(1);
            assertThat(store.insert(message("other", T0, "order-43"), DAY).created())
                    .isTrue();
        }
    }

    @Test
    default void sameIdempotencyKeyFromTwoSubmittersStoresTwoMessages(@TempDir Path dir) {
        try (Store store = open(dir)) {
            assertThat(store.insert(message("shop-1", T0, "order-42", SHOP), DAY))
                    .isEqualTo(new Accepted("shop-1", true));
            assertThat(store.insert(message("other-1", T0.plusSeconds(1), "order-42", OTHER_SHOP), DAY))
                    .isEqualTo(new Accepted("other-1", true));

            assertThat(store.insert(message("other-2", T0.plusSeconds(2), "order-42", OTHER_SHOP), DAY))
                    .isEqualTo(new Accepted("other-1", false));
            assertThat(store.insert(message("shop-2", T0.plusSeconds(3), "order-42", SHOP), DAY))
                    .isEqualTo(new Accepted("shop-1", false));
            assertThat(store.insert(message("library-1", T0.plusSeconds(4), "order-42"), DAY))
                    .isEqualTo(new Accepted("library-1", true));
            assertThat(ids(store.claim(T0.plusSeconds(4), 10, "a", DAY)))
                    .containsExactly("shop-1", "other-1", "library-1");
        }
    }

    @Test
    default void storedMessageNamesItsSubmitter(@TempDir Path dir) {
        try (Store store = open(dir)) {
            store.insert(message("shop-1", T0, null, SHOP), DAY);
            store.insert(message("library-1", T0), DAY);

            assertThat(found(store, "shop-1").submitter()).isEqualTo(SHOP);
            assertThat(found(store, "library-1").submitter()).isEqualTo(Submitter.UNSCOPED);
        }
    }

    /**
     * An upgrade keeps what was stored: earlier messages read as unscoped, and an earlier key still
     * replays for an unscoped caller. A submitter never matches an earlier key, whoever stored it:
     * at worst a retry across the upgrade is sent twice, never a message answered and dropped.
     */
    @Test
    default void messagesAndKeysStoredBeforeSubmittersStayUnscopedAndKeepWorking(@TempDir Path dir)
            throws SQLException {
        try (Connection c = connectBeforeSubmitters(dir);
                PreparedStatement message = c.prepareStatement("INSERT INTO messages (id, status, created_at,"
                        + " due_at, email) VALUES ('legacy-1', 'queued', ?, ?, ?)");
                PreparedStatement key = c.prepareStatement("INSERT INTO idempotency_keys (key, message_id,"
                        + " created_at) VALUES ('order-42', 'legacy-1', ?)")) {
            message.setLong(1, T0.toEpochMilli());
            message.setLong(2, T0.toEpochMilli());
            message.setBytes(3, payload("legacy-1"));
            message.executeUpdate();
            key.setLong(1, T0.toEpochMilli());
            key.executeUpdate();
        }
        try (Store store = open(dir)) {
            assertThat(found(store, "legacy-1").submitter()).isEqualTo(Submitter.UNSCOPED);

            assertThat(store.insert(message("retry", T0.plusSeconds(1), "order-42"), DAY))
                    .isEqualTo(new Accepted("legacy-1", false));
            assertThat(store.insert(message("shop-1", T0.plusSeconds(2), "order-42", SHOP), DAY))
                    .isEqualTo(new Accepted("shop-1", true));
            assertThat(ids(store.claim(T0.plusSeconds(2), 10, "a", DAY))).containsExactly("legacy-1", "shop-1");
        }
    }

    @Test
    default void idempotencyKeyOlderThanTheWindowCreatesANewMessage(@TempDir Path dir) {
        try (Store store = open(dir)) {
            store.insert(message("first", T0, "order-42"), DAY);

            assertThat(store.insert(message("second", T0.plus(DAY), "order-42"), DAY))
                    .isEqualTo(new Accepted("second", true));
            assertThat(store.insert(message("third", T0.plus(DAY).plusSeconds(1), "order-42"), DAY))
                    .isEqualTo(new Accepted("second", false));
        }
    }

    @Test
    default void purgeEmptiesPayloadsOfOldDeliveredMessagesButKeepsTheirMetadataAndAttempts(@TempDir Path dir) {
        try (Store store = open(dir)) {
            for (String id : List.of("old", "recent", "waiting")) {
                store.insert(message(id, T0), DAY);
            }
            store.claim(T0, 2, "a", Duration.ofSeconds(60));
            store.settle(
                    "old", "a", 1, List.of(attempt("p", T0, "accepted")), new Settlement.Delivered(T0, "p", "1", "ok"));
            Instant later = T0.plus(Duration.ofDays(6));
            store.settle("recent", "a", 1, List.of(), new Settlement.Delivered(later, "p", "2", "ok"));

            assertThat(store.purge(T0.plus(Duration.ofDays(1)), T0, T0)).isEqualTo(new Purged(1, 0));

            MessageView old = found(store, "old");
            assertThat(old.payloadKept()).isFalse();
            assertThat(old.status()).isEqualTo(MessageStatus.DELIVERED);
            assertThat(old.providerMessageId()).contains("1");
            assertThat(old.attempts()).hasSize(1);
            assertThat(found(store, "recent").payloadKept()).isTrue();
            assertThat(found(store, "waiting").payloadKept()).isTrue();
        }
    }

    @Test
    default void purgeEmptiesPayloadsOfOldFailedMessagesButKeepsTheirMetadataAndAttempts(@TempDir Path dir) {
        try (Store store = open(dir)) {
            store.insert(message("old", T0), DAY);
            store.insert(message("recent", T0), DAY);
            store.claim(T0, 2, "a", Duration.ofSeconds(60));
            store.settle("old", "a", 1, List.of(attempt("p", T0, "rejected")), new Settlement.Failed(T0, "refused"));
            store.settle("recent", "a", 1, List.of(), new Settlement.Failed(T0.plus(Duration.ofDays(6)), "refused"));

            assertThat(store.purge(T0.plus(Duration.ofDays(1)), T0, T0)).isEqualTo(new Purged(1, 0));

            MessageView old = found(store, "old");
            assertThat(old.payloadKept()).isFalse();
            assertThat(old.status()).isEqualTo(MessageStatus.FAILED);
            assertThat(old.detail()).isEqualTo("refused");
            assertThat(old.attempts()).hasSize(1);
            assertThat(found(store, "recent").payloadKept()).isTrue();
        }
    }

    @Test
    default void purgeDeletesFinalMessagesWithTheirAttemptsPastTheRecordCutOffAndNothingPending(@TempDir Path dir) {
        try (Store store = open(dir)) {
            for (String id : List.of("delivered", "failed", "recent")) {
                store.insert(message(id, T0), DAY);
            }
            store.claim(T0, 3, "a", Duration.ofSeconds(60));
            store.settle(
                    "delivered",
                    "a",
                    1,
                    List.of(attempt("p", T0, "accepted")),
                    new Settlement.Delivered(T0, "p", "1", "ok"));
            store.settle("failed", "a", 1, List.of(attempt("p", T0, "rejected")), new Settlement.Failed(T0, "refused"));
            store.settle("recent", "a", 1, List.of(), new Settlement.Delivered(T0.plus(DAY), "p", "2", "ok"));
            store.insert(message("sending", T0), DAY);
            assertThat(store.claim(T0, 1, "b", Duration.ofSeconds(60))).hasSize(1);
            store.insert(message("waiting", T0), DAY);
            Instant cutOff = T0.plusSeconds(1);

            assertThat(store.purge(cutOff, cutOff, T0)).isEqualTo(new Purged(2, 2));

            assertThat(store.find("delivered")).isEmpty();
            assertThat(store.find("failed")).isEmpty();
            assertThat(found(store, "recent").payloadKept()).isTrue();
            assertThat(store.find("waiting")).isPresent();
            assertThat(store.find("sending")).isPresent();
            assertThat(store.purge(cutOff, cutOff, T0)).isEqualTo(new Purged(0, 0));
        }
    }

    @Test
    default void purgeForgetsIdempotencyKeysOlderThanItsCutOff(@TempDir Path dir) {
        try (Store store = open(dir)) {
            store.insert(message("first", T0, "k"), DAY);
            store.purge(T0, T0, T0.plusSeconds(1));
            // A window longer than the purge cut-off no longer finds the key: the purge removed it.
            assertThat(store.insert(message("second", T0.plusSeconds(2), "k"), Duration.ofDays(30))
                            .created())
                    .isTrue();
        }
    }

    @Test
    default void concurrentInsertsAreAllDurableAndEachReturnsItsOwnId(@TempDir Path dir) throws Exception {
        int threads = 16;
        int each = 50;
        try (Store store = open(dir);
                var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<List<String>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                Callable<List<String>> task = () -> {
                    List<String> ids = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        ids.add(store.insert(message(thread + "-" + i, T0), DAY).id());
                    }
                    return ids;
                };
                futures.add(pool.submit(task));
            }
            for (int t = 0; t < threads; t++) {
                String prefix = t + "-";
                assertThat(futures.get(t).get()).hasSize(each).allMatch(id -> id.startsWith(prefix));
            }
        }
        try (Store store = open(dir)) {
            assertThat(store.pending()).isEqualTo((long) threads * each);
        }
    }
}
