package dev.postern.server.config;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * {@code drills.schedule}: a five-field Unix cron expression ({@code minute hour day month
 * weekday}, e.g. {@code 0 4 * * MON}), read by cron-utils, in a given time zone.
 */
public final class DrillSchedule {
    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    private final String expression;
    private final ExecutionTime times;

    private DrillSchedule(String expression, ExecutionTime times) {
        this.expression = expression;
        this.times = times;
    }

    /**
     * Reads {@code expression}.
     *
     * @throws IllegalArgumentException when it is not a five-field cron expression
     */
    public static DrillSchedule parse(String expression) {
        problemWith(expression).ifPresent(problem -> {
            throw new IllegalArgumentException("schedule " + problem + ", but was '" + expression + "'");
        });
        return new DrillSchedule(expression, ExecutionTime.forCron(PARSER.parse(expression.strip())));
    }

    /** Why {@code expression} is not a usable schedule, in a phrase; empty when it is. */
    public static Optional<String> problemWith(String expression) {
        if (expression == null || expression.strip().split("\\s+").length != 5) {
            return Optional.of("must be a cron expression of five fields (minute hour day month weekday)");
        }
        try {
            PARSER.parse(expression.strip()).validate();
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of("is not a valid cron expression (" + e.getMessage() + ")");
        }
    }

    /** The first time strictly after {@code now} that the expression names, read in {@code zone}. */
    public Optional<Instant> nextAfter(Instant now, ZoneId zone) {
        return times.nextExecution(now.atZone(zone)).map(t -> t.toInstant());
    }

    @Override
    public String toString() {
        return expression;
    }
}
