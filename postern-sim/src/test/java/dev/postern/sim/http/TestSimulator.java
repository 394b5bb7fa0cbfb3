package dev.postern.sim.http;

import dev.postern.sim.ReceivedMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The smallest provider: bearer key "good", POST /send accepts, GET /health answers. */
final class TestSimulator extends HttpSimulator {
    TestSimulator() {
        super("test", 0);
    }

    @Override
    protected Optional<SimResponse> authenticate(SimRequest request) {
        return request.bearerToken().filter("good"::equals).isPresent()
                ? Optional.empty()
                : Optional.of(unauthorized());
    }

    @Override
    protected SimResponse unauthorized() {
        return SimResponse.json(401, Map.of("error", "bad key"));
    }

    @Override
    protected SimResponse error(int status) {
        return SimResponse.json(status, Map.of("error", "status " + status));
    }

    @Override
    protected SimResponse rateLimited(Duration retryAfter) {
        return SimResponse.json(429, Map.of("error", "slow down"))
                .withHeader("Retry-After", "" + retryAfter.toSeconds());
    }

    @Override
    protected SimResponse recipientRejected(SimRequest request) {
        return SimResponse.json(422, Map.of("error", "recipient suppressed"));
    }

    @Override
    protected boolean isSend(SimRequest request) {
        return request.path().equals("/send");
    }

    @Override
    protected SimResponse serve(SimRequest request) {
        if (isSend(request) && request.method().equals("POST")) {
            String id = nextId("msg-");
            record(new ReceivedMessage(
                    id,
                    "a@b.example",
                    List.of("c@d.example"),
                    List.of(),
                    List.of(),
                    request.bodyText(),
                    "",
                    null,
                    Map.of(),
                    Map.of(),
                    List.of(),
                    List.of()));
            return SimResponse.json(200, Map.of("id", id));
        }
        if (request.path().equals("/health")) {
            return SimResponse.json(200, Map.of("ok", true));
        }
        return SimResponse.json(404, Map.of("error", "no such path"));
    }
}
