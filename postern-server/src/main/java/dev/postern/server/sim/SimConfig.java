package dev.postern.server.sim;

import java.net.URI;

/**
 * The {@code postern.yml} that {@code postern sim} prints: a gateway on loopback whose providers
 * are the simulators, with one API key (scopes send and admin) given by its SHA-256, and {@code
 * server.public_url} on its HTTP address, where the simulators send their delivery events.
 *
 * @param httpListen the gateway's HTTP API, e.g. {@code 127.0.0.1:8025}
 * @param smtpListen the gateway's SMTP relay, e.g. {@code 127.0.0.1:2525}
 * @param store the outbox store, e.g. {@code sqlite:./data/postern-sim.db}
 */
public record SimConfig(String httpListen, String smtpListen, String store) {
    /** The first line of every file {@code postern sim} writes; it overwrites no other file. */
    public static final String HEADER =
            "# postern.yml written by `postern sim`: its providers are simulators on this machine.";

    /** The whole file, for {@code stack}'s simulators and the API key whose hash is {@code keySha256}. */
    public String yaml(SimStack stack, String keySha256) {
        return HEADER + "\n" + """
                # Their control API: %s
                # The API key was printed by `postern sim`; only its SHA-256 is here.
                server:
                  http: { listen: %s }
                  smtp: { listen: %s }
                  public_url: %s
                store: %s
                auth:
                  api_keys:
                    - { name: sim, key_sha256: %s, scopes: [send, admin], sender_domains: ["*"] }
                routing:
                  strategy: priority
                  max_attempts: 3
                  retry: { initial: 5s, max: 1m }
                alerts:
                  sinks:
                    - { type: log }
                """.formatted(stack.controlUrl(), httpListen, smtpListen, publicUrl(), store, keySha256)
                + stack.providersYaml();
    }

    /**
     * Where the simulators, on this machine, reach the gateway: {@code http://} and {@link
     * #httpListen}, a wildcard address ({@code 0.0.0.0}, {@code [::]}) read as loopback.
     */
    public URI publicUrl() {
        int colon = httpListen.lastIndexOf(':');
        String host = colon < 0 ? httpListen : httpListen.substring(0, colon);
        String port = colon < 0 ? "" : httpListen.substring(colon);
        if (host.isEmpty() || host.equals("0.0.0.0") || host.equals("[::]") || host.equals("::")) {
            host = "127.0.0.1";
        }
        return URI.create("http://" + host + port);
    }
}
