package dev.postern.routing;

/** What to do when a provider may or may not have taken a message (the answer never came). */
public enum OnAmbiguous {
    /** Try the next provider at once: at-least-once delivery, a duplicate is possible. */
    FAILOVER,
    /** Stop and retry the message later through routing (the outbox's backoff). */
    DEFER
}
