package dev.postern.sim.mailgun;

import dev.postern.sim.SeededSuppressions;
import dev.postern.sim.http.HttpSimulator;
import dev.postern.sim.http.SimRequest;
import dev.postern.sim.http.SimResponse;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Mailgun's API as far as Postern uses it, for one sending domain: {@code POST
 * /v3/{domain}/messages} (HTTP Basic {@code api:<key>}, {@code multipart/form-data} checked by
 * {@link MailgunRules}; {@code 200 {"id":"<…@domain>","message":"Queued. Thank you."}}) and {@code
 * GET /v4/domains/{domain}} (or {@code /v3/domains/{domain}}). Errors are {@code {"message":"…"}};
 * a refused key gets the bare text {@code Forbidden}. A rate limit states its retry time only in
 * the message text, as Mailgun's does.
 */
public final class MailgunSimulator extends HttpSimulator {
    /** The provider's own suppression list, seeded through the control API. */
    private final SeededSuppressions suppressions = new SeededSuppressions();

    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private final String apiKey;
    private final String domain;

    /** Listens on {@code port} (0 for any free one) once started; accepts {@code apiKey} for {@code domain}. */
    public MailgunSimulator(int port, String apiKey, String domain) {
        super("mailgun", port);
        sendsEvents(new MailgunEvents());
        this.apiKey = apiKey;
        this.domain = domain;
    }

    @Override
    protected Optional<SimResponse> authenticate(SimRequest request) {
        Optional<String> credentials = request.basicCredentials();
        if (credentials.isEmpty()) {
            return Optional.of(SimResponse.json(401, Map.of("Error", "unauthorized"))
                    .withHeader("WWW-Authenticate", "Basic realm=\"MG API\""));
        }
        return credentials.get().equals("api:" + apiKey) ? Optional.empty() : Optional.of(unauthorized());
    }

    @Override
    protected SimResponse unauthorized() {
        return SimResponse.text(401, "text/plain; charset=utf-8", "Forbidden")
                .withHeader("WWW-Authenticate", "Basic realm=\"MG API\"");
    }

    @Override
    protected SimResponse error(int status) {
        String message = switch (status) {
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 413 -> "request size exceeds 52.4MiB limit";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "Error " + status;
        };
        return message(status, message);
    }

    @Override
    protected SimResponse rateLimited(Duration retryAfter) {
        return message(
                429,
                "Domain " + domain + " is not allowed to send: account-requests-per-sec limit exceeded,"
                        + " try again after " + retryAfter.toSeconds() + " seconds");
    }

    @Override
    protected SimResponse recipientRejected(SimRequest request) {
        return message(400, "to parameter is not a valid address. please check documentation");
    }

    @Override
    protected boolean isSend(SimRequest request) {
        return request.path().matches("/v3/[^/]+/messages");
    }

    @Override
    public Optional<SeededSuppressions> suppressions() {
        return Optional.of(suppressions);
    }

    @Override
    protected SimResponse serve(SimRequest request) {
        String path = request.path();
        if (path.matches("/v[34]/domains/[^/]+")) {
            return request.method().equals("GET") ? domain(path.substring(path.lastIndexOf('/') + 1)) : notAllowed();
        }
        if (MailgunSuppressionList.handles(request)) {
            return MailgunSuppressionList.serve(request, suppressions, baseUrl().toString());
        }
        if (!isSend(request)) {
            return message(404, "Not Found");
        }
        if (!request.method().equals("POST")) {
            return notAllowed();
        }
        String sendingDomain = path.split("/")[2];
        if (!sendingDomain.equals(domain)) {
            return message(404, "Domain not found: " + sendingDomain);
        }
        return send(request);
    }

    private SimResponse send(SimRequest request) {
        if (!request.mediaType().equals("multipart/form-data")) {
            return message(
                    400,
                    "Invalid request content type. Expecting 'multipart/form-data' but got '" + request.mediaType()
                            + "'");
        }
        MailgunForm form;
        try {
            form = MailgunForm.parse(request.header("Content-Type").orElseThrow(), request.body());
        } catch (MailgunForm.Malformed e) {
            return message(400, e.getMessage());
        }
        Optional<String> problem = MailgunRules.problem(form);
        if (problem.isPresent()) {
            return message(400, problem.get());
        }
        String id = "<" + LocalDateTime.now().format(ID_TIME) + "." + nextId("") + "@" + domain + ">";
        record(MailgunMessages.parse(id, form));
        return SimResponse.json(200, Map.of("id", id, "message", "Queued. Thank you."));
    }

    private SimResponse domain(String name) {
        if (!name.equals(domain)) {
            return message(404, "Domain not found");
        }
        Map<String, Object> details = Map.of("name", domain, "state", "active", "type", "custom");
        return SimResponse.json(
                200, Map.of("domain", details, "receiving_dns_records", List.of(), "sending_dns_records", List.of()));
    }

    private static SimResponse notAllowed() {
        return message(405, "Method Not Allowed");
    }

    private static SimResponse message(int status, String message) {
        return SimResponse.json(status, Map.of("message", message));
    }
}
