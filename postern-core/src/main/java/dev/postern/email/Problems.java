package dev.postern.email;

import dev.postern.email.InvalidEmailException.Problem;
import java.util.ArrayList;
import java.util.List;

/** Collects every problem of one validation so the caller sees them all at once. */
final class Problems {
    private final List<Problem> list = new ArrayList<>();

    void add(String field, String message) {
        list.add(new Problem(field, message));
    }

    /** Adds problems found standalone (field {@code address}, {@code filename}...) under a field. */
    void addUnder(String field, InvalidEmailException e, boolean nested) {
        for (Problem p : e.problems()) {
            add(nested ? field + "." + p.field() : field, p.message());
        }
    }

    List<Problem> list() {
        return List.copyOf(list);
    }

    void throwIfAny() {
        if (!list.isEmpty()) {
            throw new InvalidEmailException(list);
        }
    }
}
