package dev.postern.outbox.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A PostgreSQL store location can be logged: no credential survives in its text. */
class PostgresUrlTest {

    @Test
    void aPasswordInTheUserInfoOrTheQueryNeverAppearsInToString() {
        PostgresUrl url = PostgresUrl.parse("postgresql://postern:hunter2@127.0.0.1:5432/test"
                + "?sslmode=require&password=s3cret&sslpassword=k3y&ApplicationName=postern");

        assertThat(url.toString())
                .doesNotContain("hunter2", "s3cret", "k3y")
                .contains("sslmode=require", "ApplicationName=postern", "password=***", "as postern");
    }

    @Test
    void theJdbcUrlKeepsTheQueryPasswordSoTheDriverCanUseIt() {
        PostgresUrl url = PostgresUrl.parse("postgresql://127.0.0.1/test?password=s3cret");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/test?password=s3cret");
    }
}
