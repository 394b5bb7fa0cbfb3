package dev.postern.server.config;

import dev.postern.error.PosternException;
import java.util.List;
import java.util.stream.Collectors;

/** A configuration file that cannot be used; carries every problem found, none with a secret. */
public final class InvalidConfigException extends PosternException {
    private static final long serialVersionUID = 1L;

    @SuppressWarnings("serial") // an unmodifiable List.copyOf of records
    private final List<ConfigProblem> problems;

    public InvalidConfigException(List<ConfigProblem> problems) {
        super("invalid configuration:\n  "
                + problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n  ")));
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }
}
