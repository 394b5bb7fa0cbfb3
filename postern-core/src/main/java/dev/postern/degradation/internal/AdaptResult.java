package dev.postern.degradation.internal;

/**
 * What adapting a message to one provider gave: the sends to make, or why there are none. An
 * answer rather than an exception, so that a message that trips the adaptation still goes on to
 * the next provider with every attempt it already had.
 */
public sealed interface AdaptResult permits Adapted, Unadaptable {}
