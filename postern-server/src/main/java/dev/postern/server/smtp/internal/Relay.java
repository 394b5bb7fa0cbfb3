package dev.postern.server.smtp.internal;

/** What every transaction of one relay shares. */
record Relay(Clients clients, RelayHooks hooks, Intake intake, long maxMessageBytes, Sessions sessions) {}
