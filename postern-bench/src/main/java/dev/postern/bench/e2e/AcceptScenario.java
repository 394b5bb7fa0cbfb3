package dev.postern.bench.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * §9 scenario 1, durable accepts: 1 KB messages from 32 closed-loop HTTP clients and 8 SMTP
 * connections, on SQLite and on PostgreSQL, with two healthy providers dispatching meanwhile.
 * Postern counts {@code 202} (answered only once the outbox write is durable) and SMTP {@code 250};
 * the baseline has no store, so its "accept" is a delivery inside the request ({@code 200}).
 */
final class AcceptScenario implements LoadTool.Scenario {
    static final int CLIENTS = 32;
    static final int CONNECTIONS = 8;
    static final int BYTES = 1024;

    @Override
    public void run(LoadTool.Settings settings, Report report) throws Exception {
        Duration warmUp = settings.time(3, 1000);
        Duration measure = settings.time(10, 500);
        String body = Gateway.message(BYTES);
        String mime = Load.mime(BYTES);
        try (Sims sims = new Sims(settings.folder("accept"), Sims.specs("primary=emailr", "backup=http"))) {
            run(settings, report, sims, warmUp, measure, body, mime);
        }
    }

    private static void run(
            LoadTool.Settings settings,
            Report report,
            Sims sims,
            Duration warmUp,
            Duration measure,
            String body,
            String mime)
            throws Exception {
        // Postfix, when one is set up: the same SMTP load into its durable queue
        Optional<Load.Rate> postfix = Optional.empty();
        if (settings.postfix().isPresent()) {
            List<Load.Task> sessions = new ArrayList<>();
            for (int i = 0; i < CONNECTIONS; i++) {
                sessions.add(Load.smtp(settings.postfix().getAsInt(), mime));
            }
            postfix = Optional.of(Load.closedLoop(CONNECTIONS, warmUp, measure, sessions::get));
        }
        Load.Rate naive;
        try (Gateway gateway = Gateway.start(
                Gateway.Kind.NAIVE, settings.folder("accept-naive"), "sqlite:unused", "{}", providers(sims))) {
            naive = Load.closedLoop(
                    CLIENTS, warmUp, measure, i -> Load.http(gateway, "/v1/messages", body, s -> s == 200));
        }
        for (String store : List.of("sqlite", "postgresql")) {
            Optional<Postgres> db = store.equals("sqlite") ? Optional.empty() : Postgres.create();
            if (store.equals("postgresql") && db.isEmpty()) {
                report.add(new Report.Row(
                        "accept",
                        "HTTP, 32 clients, PostgreSQL",
                        "not measured: no PostgreSQL on 127.0.0.1:5432",
                        "",
                        "",
                        "≥ 5,000/s",
                        ""));
                continue;
            }
            Path dir = settings.folder("accept-" + store);
            String location = db.map(Postgres::store).orElse("sqlite:" + dir.resolve("postern.db"));
            try (Gateway gateway = Gateway.start(Gateway.Kind.POSTERN, dir, location, "{}", providers(sims))) {
                Load.Rate http = Load.closedLoop(
                        CLIENTS, warmUp, measure, i -> Load.http(gateway, "/v1/messages", body, s -> s == 202));
                List<Load.Task> sessions = new ArrayList<>();
                for (int i = 0; i < CONNECTIONS; i++) {
                    sessions.add(Load.smtp(gateway.smtpPort, mime));
                }
                Load.Rate smtp = Load.closedLoop(CONNECTIONS, warmUp, measure, sessions::get);
                if (store.equals("sqlite")) {
                    // what the load generator itself manages here: the same clients on a request that does nothing
                    Load.Rate ceiling = Load.closedLoop(CLIENTS, warmUp, measure, i -> Load.get(gateway, "/healthz"));
                    report.add(new Report.Row(
                            "accept",
                            "for scale: GET /healthz, same 32 clients (the load generator's ceiling here)",
                            Report.num(ceiling.perSecond(), "/s"),
                            "",
                            "",
                            "",
                            ""));
                }
                double target = store.equals("sqlite") ? 10_000 : 5_000;
                report.add(new Report.Row(
                        "accept",
                        "HTTP, 1 KB, 32 clients, " + store,
                        Report.num(http.perSecond(), "/s") + failures(http),
                        Report.num(naive.perSecond(), "/s") + failures(naive),
                        Report.ratio(http.perSecond(), naive.perSecond()),
                        "≥ " + Report.num(target, "/s"),
                        Report.met(http.perSecond() >= target)));
                report.add(new Report.Row(
                        "accept",
                        "SMTP, 1 KB, 8 connections, " + store,
                        Report.num(smtp.perSecond(), "/s") + failures(smtp),
                        postfix.map(p -> "Postfix: " + Report.num(p.perSecond(), "/s") + failures(p))
                                .orElse("— (no SMTP in the baseline; --postfix PORT to compare)"),
                        postfix.map(p -> Report.ratio(smtp.perSecond(), p.perSecond()))
                                .orElse(""),
                        "≥ 3× Postfix",
                        postfix.map(p -> Report.met(smtp.perSecond() >= 3 * p.perSecond()))
                                .orElse("not measured (no Postfix given)")));
            } finally {
                db.ifPresent(Postgres::close);
            }
        }
    }

    private static String failures(Load.Rate rate) {
        return rate.failed() == 0 ? "" : " (" + rate.failed() + " refused)";
    }

    static List<Gateway.Provider> providers(Sims sims) {
        return List.of(
                new Gateway.Provider("primary", "emailr", 1, sims.url("primary")),
                new Gateway.Provider("backup", "http", 2, sims.url("backup")));
    }
}
