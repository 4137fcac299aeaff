package org.auprules.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The history store on SQLite, the default: a file in a temporary folder. */
class HistorySqliteTest extends HistoryStoreContract {

    private int stores;

    @Test
    void aStoreThatCannotBeCreatedIsExitFiveAndPrintsNothing() throws Exception {
        String db = dir.resolve("no/such/folder/desk.db").toString();
        CliRun r = evaluate(db, NIGHT_1);
        assertThat(r.code()).as(r.toString()).isEqualTo(HistoryOption.HISTORY_FAILED);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("aup-rules: history store " + db + ": cannot migrate its schema");
    }

    @Override
    String newStore() {
        return dir.resolve("desk-" + ++stores + ".db").toString();
    }

    @Override
    void failInsertsOf(String db, String accountId) throws Exception {
        sql(
                db,
                "CREATE TRIGGER fail_midway BEFORE INSERT ON aup_finding WHEN NEW.account_id = '" + accountId
                        + "' BEGIN SELECT RAISE(ABORT, 'the disk is full, says the test'); END");
    }

    @Override
    void allowInserts(String db) throws Exception {
        sql(db, "DROP TRIGGER fail_midway");
    }

    private static void sql(String db, String statement) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }
}
