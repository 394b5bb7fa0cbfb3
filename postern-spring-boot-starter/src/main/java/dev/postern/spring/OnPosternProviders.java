package dev.postern.spring;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when {@code postern.providers} has a first entry, from whichever source (YAML,
 * properties, {@code POSTERN_PROVIDERS_0_TYPE}): a plain property condition cannot see list entries
 * under every spelling.
 */
final class OnPosternProviders extends SpringBootCondition {
    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        boolean listed = Binder.get(context.getEnvironment())
                .bind("postern.providers[0]", Bindable.mapOf(String.class, Object.class))
                .isBound();
        return listed
                ? ConditionOutcome.match("postern.providers lists a provider")
                : ConditionOutcome.noMatch("postern.providers lists no provider");
    }
}
