package dev.postern.email;

import dev.postern.error.PosternException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown when an {@link Email}, {@link Address} or {@link Attachment} is constructed from invalid
 * input. It carries every problem found, not just the first, each naming the field by its HTTP API
 * (snake_case JSON) name, e.g. {@code to[2]}, {@code reply_to[0]}, {@code headers.X-Custom}, {@code
 * attachments[0].filename}, {@code metadata.order_id}.
 */
public final class InvalidEmailException extends PosternException {
    private static final long serialVersionUID = 1L;

    /** One rule a field breaks; {@code message} names the rule and (a bounded view of) the value. */
    public record Problem(String field, String message) {
        public Problem {
            if (field == null || message == null) {
                throw new IllegalArgumentException("field and message are required");
            }
        }

        @Override
        public String toString() {
            return field + ": " + message;
        }
    }

    @SuppressWarnings("serial") // an unmodifiable List.copyOf of records, always serializable
    private final List<Problem> problems;

    /** Creates the exception; {@code problems} must not be empty. */
    public InvalidEmailException(List<Problem> problems) {
        super(describe(problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, in the order the fields were checked; never empty. */
    public List<Problem> problems() {
        return problems;
    }

    /** The field of the first problem, e.g. {@code to[1]}. */
    public String field() {
        return problems.getFirst().field();
    }

    private static String describe(List<Problem> problems) {
        if (problems == null || problems.isEmpty()) {
            throw new IllegalArgumentException("an InvalidEmailException needs at least one problem");
        }
        return problems.stream().map(Problem::toString).collect(Collectors.joining("; "));
    }
}
