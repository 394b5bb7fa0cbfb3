package dev.postern.outbox.store;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * The suppression list of a {@link Store}: addresses no message is sent to, one list for every
 * provider. Addresses are compared in lower case. Every method reads or writes the store itself,
 * with no cache, so on a shared store (PostgreSQL) an entry another instance added is seen by the
 * next call. Methods throw {@link StoreException} when the back end cannot be used.
 */
public interface Suppressions {

    /** Most entries one {@link #list} call returns. */
    int MAX_PAGE = 1000;

    /**
     * Adds {@code entry} unless its address is already listed; an entry already there is kept as it
     * is (its first reason wins, so an import never overwrites a hard bounce with a vaguer reason).
     *
     * @return true when the address was added, false when it was already listed
     */
    boolean add(Suppression entry);

    /**
     * As {@link #add} for each of {@code entries}, in one transaction: for imports, where one
     * commit per entry would cost one disk sync each.
     *
     * @return how many were added (the others were already listed)
     */
    int addAll(Collection<Suppression> entries);

    /** Removes {@code address}; returns false when it was not listed. */
    boolean remove(String address);

    /** The entry for {@code address}, if it is listed. */
    Optional<Suppression> find(String address);

    /**
     * Up to {@code limit} entries (1..{@value #MAX_PAGE}), newest first, after the cursor {@code
     * after} (from an earlier page's {@link SuppressionPage#next}) and whose address starts with
     * {@code prefix} ("" for all).
     *
     * @throws IllegalArgumentException when {@code limit} is out of range or {@code after} is not a
     *     cursor this list gave
     */
    SuppressionPage list(int limit, Optional<String> after, String prefix);

    /** How many addresses are listed. */
    long count();

    /**
     * Which of {@code addresses} are listed, keyed by lower-cased address: the dispatch path's one
     * indexed lookup per message round.
     */
    Map<String, Suppression> matching(Collection<String> addresses);
}
