package dev.postern.outbox.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TestPostgresTest {

    @Test
    void serverNamedByTheEnvironmentGivesLocationsOfItsDatabases() {
        TestPostgres.Server server = TestPostgres.Server.parse("postgresql://postgres@db.test:5433/postgres");
        assertThat(server.admin()).isEqualTo("postgres");
        assertThat(server.location("postern_test_1")).isEqualTo("postgresql://postgres@db.test:5433/postern_test_1");
        assertThat(server.hostAndPort()).isEqualTo("db.test:5433");
    }

    @Test
    void credentialsAndParametersTravelToEveryDatabase() {
        TestPostgres.Server server =
                TestPostgres.Server.parse("jdbc:postgresql://ci:s3cret@127.0.0.1/template1?sslmode=disable");
        assertThat(server.admin()).isEqualTo("template1");
        assertThat(server.location("t")).isEqualTo("postgresql://ci:s3cret@127.0.0.1/t?sslmode=disable");
        assertThat(server.hostAndPort()).isEqualTo("127.0.0.1");
    }

    @Test
    void urlWithoutADatabaseIsRefusedSayingTheForm() {
        assertThatThrownBy(() -> TestPostgres.Server.parse("127.0.0.1:5432"))
                .hasMessageContaining("POSTERN_TEST_PG_URL must be postgresql://user[:password]@host[:port]/database");
        assertThatThrownBy(() -> TestPostgres.Server.parse("postgresql://postgres@127.0.0.1:5432"))
                .hasMessageContaining("POSTERN_TEST_PG_URL must be");
    }
}
