package dev.postern.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.postern.outbox.store.Accepted;
import dev.postern.outbox.store.AttemptView;
import dev.postern.outbox.store.MessageView;
import dev.postern.outbox.store.Store;
import dev.postern.outbox.store.StoreException;
import dev.postern.testing.Mail;
import dev.postern.testing.ScriptedProvider;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackpressureTest {
    @TempDir
    Path dir;

    @Test
    void acceptBeyondMaxQueueFailsRetryablyAndSucceedsOnceTheBacklogDrains() {
        try (Harness h = new Harness(dir, Harness.config().withMaxQueue(2), ScriptedProvider.accepting("primary"))) {
            h.outbox.accept(Mail.receipt());
            h.outbox.accept(Mail.receipt());

            OutboxUnavailableException full =
                    catchThrowableOfType(OutboxUnavailableException.class, () -> h.outbox.accept(Mail.receipt()));
            assertThat(full.reason()).isEqualTo(OutboxUnavailableException.Reason.FULL);
            assertThat(full.retryable()).isTrue();
            assertThat(full).hasMessageContaining("max_queue is 2");

            h.dispatch();
            assertThat(h.outbox.accept(Mail.receipt()).created()).isTrue();
        }
    }

    @Test
    void storeThatCannotCommitMakesAcceptFailRetryablyInsteadOfDroppingTheMessage() {
        Store real = Store.open("sqlite:" + dir.resolve("postern.db"), 64);
        Store failing = new FailingStore(real);
        try (Harness h = new Harness(dir, Harness.config(), failing, ScriptedProvider.accepting("primary"))) {
            OutboxUnavailableException down =
                    catchThrowableOfType(OutboxUnavailableException.class, () -> h.outbox.accept(Mail.receipt()));

            assertThat(down.reason()).isEqualTo(OutboxUnavailableException.Reason.STORE_UNAVAILABLE);
            assertThat(down.retryable()).isTrue();
            assertThat(down).hasMessageContaining("disk I/O error");
        }
    }

    @Test
    void closedOutboxRefusesAndSaysRetryingHereIsPointless() {
        Harness h = new Harness(dir, Harness.config(), ScriptedProvider.accepting("primary"));
        h.close();

        assertThatThrownBy(() -> h.outbox.accept(Mail.receipt()))
                .isInstanceOfSatisfying(
                        OutboxUnavailableException.class,
                        e -> assertThat(e.retryable()).isFalse());
    }

    /** A store whose disk fails on every insert: the one failure SQLite cannot be made to show on demand. */
    private record FailingStore(Store delegate) implements Store {
        @Override
        public dev.postern.outbox.store.EventStore events() {
            return delegate.events();
        }

        @Override
        public dev.postern.outbox.store.Suppressions suppressions() {
            return delegate.suppressions();
        }

        @Override
        public Accepted insert(dev.postern.outbox.store.NewMessage message, java.time.Duration window) {
            throw new StoreException("could not commit to the store: disk I/O error", null);
        }

        @Override
        public java.util.List<dev.postern.outbox.store.Claimed> claim(
                java.time.Instant now, int limit, String owner, java.time.Duration lease) {
            return delegate.claim(now, limit, owner, lease);
        }

        @Override
        public java.util.List<dev.postern.outbox.store.Claimed> claimExpired(
                java.time.Instant now,
                java.time.Instant createdBefore,
                int limit,
                String owner,
                java.time.Duration lease) {
            return delegate.claimExpired(now, createdBefore, limit, owner, lease);
        }

        @Override
        public int renew(java.util.List<String> ids, String owner, java.time.Instant now, java.time.Duration lease) {
            return delegate.renew(ids, owner, now, lease);
        }

        @Override
        public boolean settle(
                String id,
                String owner,
                int round,
                java.util.List<AttemptView> attempts,
                dev.postern.outbox.store.Settlement settlement) {
            return delegate.settle(id, owner, round, attempts, settlement);
        }

        @Override
        public int makeDeferredDue(java.time.Instant now) {
            return delegate.makeDeferredDue(now);
        }

        @Override
        public java.util.Optional<MessageView> find(String id) {
            return delegate.find(id);
        }

        @Override
        public List<String> recentTo(String address, int scan, int limit) {
            return delegate.recentTo(address, scan, limit);
        }

        @Override
        public dev.postern.outbox.store.Purged purge(
                java.time.Instant payloadsBefore, java.time.Instant recordsBefore, java.time.Instant keysBefore) {
            return delegate.purge(payloadsBefore, recordsBefore, keysBefore);
        }

        @Override
        public boolean writable() {
            return false; // every insert fails
        }

        @Override
        public long pending() {
            return delegate.pending();
        }

        @Override
        public java.util.Optional<java.time.Instant> oldestPending() {
            return delegate.oldestPending();
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
