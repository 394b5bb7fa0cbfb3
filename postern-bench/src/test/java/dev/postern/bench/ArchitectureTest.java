package dev.postern.bench;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module and package rules, checked on the main classes of every module (this module has them
 * all on its test class path; the starter comes without Spring). A class belongs to the module whose
 * build output or jar it was read from, so split packages are told apart. CONTRIBUTING.md states
 * the same rules in prose.
 */
class ArchitectureTest {
    /** Which Postern modules each module's main code may use, besides itself (the poms agree). */
    private static final Map<String, Set<String>> MAY_USE = Map.of(
            "postern-core", Set.of(),
            "postern-sim", Set.of("postern-core"),
            "postern-providers", Set.of("postern-core"),
            "postern-ses", Set.of("postern-providers", "postern-core"),
            "postern-doctor", Set.of("postern-core", "postern-providers"),
            "postern-outbox", Set.of("postern-core"),
            "postern-spring-boot-starter", Set.of("postern-outbox", "postern-ses", "postern-providers", "postern-core"),
            "postern-server",
                    Set.of(
                            "postern-outbox",
                            "postern-ses",
                            "postern-providers",
                            "postern-doctor",
                            "postern-sim",
                            "postern-core"));

    // A reactor build reads …/postern-core/target/classes, a local repository …/postern-core/0.1.0/.
    private static final Pattern MODULE = Pattern.compile("/(postern-[a-z-]+?)(?:/target/|/\\d|-\\d)");

    private static JavaClasses postern;

    @BeforeAll
    static void importEveryModule() {
        postern = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TEST_FIXTURES)
                .importPackages("dev.postern");
    }

    @Test
    void everyModuleUsesOnlyTheModulesBelowIt() {
        MAY_USE.forEach((module, below) -> {
            Set<String> allowed = new HashSet<>(below);
            allowed.add(module);
            classes()
                    .that(belongTo(Set.of(module)))
                    .should()
                    .onlyDependOnClassesThat(not(belongToAnyModule()).or(belongTo(allowed)))
                    .because("dependencies point one way: server → outbox → providers → core")
                    .check(postern);
        });
    }

    @Test
    void coreKnowsNoHttpServerDatabaseOrParticularProvider() {
        noClasses()
                .that(belongTo(Set.of("postern-core")))
                .should()
                .dependOnClassesThat(resideInAnyPackage(
                                "io.javalin..",
                                "org.eclipse.jetty..",
                                "org.subethamail..",
                                "com.sun.net.httpserver..",
                                "java.sql..",
                                "javax.sql..",
                                "org.sqlite..",
                                "org.postgresql..",
                                "org.flywaydb..",
                                "com.zaxxer..",
                                "jakarta.mail..",
                                "software.amazon..")
                        .or(resideInAPackage("dev.postern.provider..")
                                .and(not(resideInAnyPackage("dev.postern.provider", "dev.postern.provider.event")))))
                .because("core holds the provider SPI and the delivery policy, never a transport or a store")
                .check(postern);
    }

    @Test
    void noModuleUsesAnotherModulesInternalPackage() {
        MAY_USE.keySet()
                .forEach(module -> noClasses()
                        .that(belongTo(Set.of(module)))
                        .should()
                        .dependOnClassesThat(resideInAPackage("dev.postern..internal..")
                                .and(belongToAnyModule())
                                .and(not(belongTo(Set.of(module)))))
                        .because("an internal package is its module's own; other modules use the feature root")
                        .check(postern));
    }

    @Test
    void featurePackagesAreFreeOfCycles() {
        slices().assignedFrom(FEATURES)
                .should()
                .beFreeOfCycles()
                .because("a feature's root and its internal package are one unit; units depend one way")
                .check(postern);
    }

    /**
     * A feature is a package together with its {@code internal} package: the root's door builds the
     * internal implementation and the implementation fulfils the root's interfaces, so those two may
     * refer to each other. Every other package is a feature of its own.
     */
    private static final SliceAssignment FEATURES = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String name = javaClass.getPackageName();
            if (!name.startsWith("dev.postern")) {
                return SliceIdentifier.ignore();
            }
            return SliceIdentifier.of(name.replaceAll("\\.internal(\\..*)?$", ""));
        }

        @Override
        public String getDescription() {
            return "feature packages of dev.postern (each with its internal package)";
        }
    };

    private static Optional<String> moduleOf(JavaClass javaClass) {
        // An array belongs where its element type does.
        return javaClass.getBaseComponentType().getSource().flatMap(source -> {
            Matcher m = MODULE.matcher(source.getUri().toString());
            List<String> found = new ArrayList<>();
            while (m.find()) {
                found.add(m.group(1));
            }
            // The last match is the nearest folder: a jar inside …/postern-bench/… is still the jar's.
            return found.isEmpty() ? Optional.empty() : Optional.of(found.getLast());
        });
    }

    private static DescribedPredicate<JavaClass> belongTo(Set<String> modules) {
        return DescribedPredicate.describe(
                "belong to " + String.join(" or ", new TreeSet<>(modules)),
                javaClass -> moduleOf(javaClass).filter(modules::contains).isPresent());
    }

    private static DescribedPredicate<JavaClass> belongToAnyModule() {
        return DescribedPredicate.describe(
                "belong to a Postern module", javaClass -> moduleOf(javaClass).isPresent());
    }
}
