package dev.postern.server.cli;

import dev.postern.doctor.DnsDoctor;
import dev.postern.doctor.DoctorReport;
import dev.postern.doctor.DoctorRequest;
import dev.postern.doctor.SendingProvider;
import dev.postern.error.PosternException;
import dev.postern.server.config.ConfigLoader;
import dev.postern.server.config.ConfigReport;
import dev.postern.server.config.ProviderEntry;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code postern doctor dns DOMAIN}: whether the domain's DNS authorises every configured provider. */
@Command(
        name = "doctor",
        description = "Checks what failover depends on outside Postern.",
        subcommands = DoctorCommand.Dns.class)
final class DoctorCommand {
    @ParentCommand
    Main main;

    @Command(
            name = "dns",
            description = "Checks SPF, DKIM, DMARC and MX of DOMAIN for every configured provider; "
                    + "exit 0 only when all pass (see docs/dns-doctor.md).")
    static final class Dns implements Callable<Integer> {
        @ParentCommand
        DoctorCommand parent;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "DOMAIN", description = "The sending domain, e.g. shop.example.")
        String domain;

        @Option(
                names = "--config",
                defaultValue = "postern.yml",
                description =
                        "Providers to check (default: ${DEFAULT-VALUE}; without the file only the domain is checked).")
        Path file;

        @Option(
                names = "--resolver",
                paramLabel = "HOST:PORT",
                description = "The DNS server to ask (default: the system's).")
        String resolver;

        @Option(names = "--json", description = "Print {\"domain\", \"ok\", \"spf_lookups\", \"checks\"}.")
        boolean json;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            List<SendingProvider> providers;
            if (Files.exists(file)) {
                ConfigReport report = ConfigLoader.load(file, parent.main.env);
                if (!report.valid()) {
                    err.println(file + ": " + report.problems().size() + " problem(s); run postern config check");
                    report.problems().forEach(p -> err.println("  " + p));
                    return Main.INVALID;
                }
                providers =
                        report.orThrow().providers().stream().map(Dns::sending).toList();
            } else {
                err.println(file + " not found: checking the domain only (SPF, DMARC, MX), no provider");
                providers = List.of();
            }
            try {
                DoctorRequest request = DoctorRequest.of(domain, providers);
                if (resolver != null) {
                    request = request.withResolver(resolver);
                }
                DoctorReport report = DnsDoctor.check(request);
                out.print(json ? report.toJson() : report.toTable());
                out.flush();
                return report.exitCode();
            } catch (PosternException e) {
                err.println("postern doctor dns: " + e.getMessage());
                return Main.INVALID;
            }
        }

        private static SendingProvider sending(ProviderEntry entry) {
            SendingProvider provider = SendingProvider.of(entry.name(), entry.type());
            if (entry.spfInclude().isPresent()) {
                provider = provider.withSpfInclude(entry.spfInclude().get());
            }
            if (!entry.dkimSelectors().isEmpty()) {
                provider = provider.withDkimSelectors(entry.dkimSelectors());
            }
            return provider;
        }
    }
}
