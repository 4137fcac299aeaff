package org.auprules.examples.cli;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/** The history store on SQLite, the default: a file in a temporary folder. */
class HistorySqliteTest extends HistoryStoreContract {

    private int stores;

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
