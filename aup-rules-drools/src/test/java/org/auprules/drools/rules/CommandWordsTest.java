package org.auprules.drools.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Splitting a command line: quotes, escapes, blanks in the program's path, and interpreters' scripts. */
class CommandWordsTest {

    @Test
    void quotesAndEscapes_groupWords() {
        assertThat(CommandWords.of("sh -c 'echo a  b' \"x \\\"y\\\"\" z\\ w", null)
                        .words())
                .containsExactly("sh", "-c", "echo a  b", "x \"y\"", "z w");
        assertThat(CommandWords.of("  ./xmrig   -o  x  ", null).words()).containsExactly("./xmrig", "-o", "x");
        assertThat(CommandWords.of("", null).program()).isEmpty();
        assertThat(CommandWords.of("'unterminated quote", null).words()).containsExactly("unterminated quote");
    }

    @Test
    void blanksInTheProgramsPath_areJoinedOnlyWhenTheNameShowsThem() {
        assertThat(CommandWords.of("/home/John Doe/xmrig -o x", "xmrig").program())
                .isEqualTo("/home/John Doe/xmrig");
        // the kernel cuts names to 15 characters
        assertThat(CommandWords.of("/srv/a b/averyveryverylongminer -o x", "averyveryverylo")
                        .program())
                .isEqualTo("/srv/a b/averyveryverylongminer");
        assertThat(CommandWords.of("/home/John Doe/xmrig -o x", "kworker").program())
                .isEqualTo("/home/John");
        assertThat(CommandWords.of("/usr/bin/vim notes/xmrig", "vim").program()).isEqualTo("/usr/bin/vim");
        assertThat(CommandWords.of("/home/a b -x /c/xmrig", "xmrig").program()).isEqualTo("/home/a");
    }

    @ParameterizedTest(name = "`{0}` runs script {1}")
    @CsvSource(
            delimiter = '|',
            nullValues = "none",
            value = {
                "python3 miniircd.py | miniircd.py",
                "python3 -u -W ignore -X dev miniircd.py | miniircd.py",
                "python3 -m http.server | http.server",
                "python3 -c print(1) | none",
                "python3 | none",
                "python3 -- x.py | x.py",
                "node -r dotenv/config app.js | app.js",
                "node --inspect=9229 app.js | app.js",
                "node -e 1 | none",
                "perl -I lib -w ircd.pl | ircd.pl",
                "ruby -e 1 | none",
                "php -d memory_limit=1G -f run.php | run.php",
                "bash -c 'ls' | none",
                "bash -x ./run.sh | ./run.sh",
                "java -Xmx1g -cp lib.jar -jar tool.jar | tool.jar",
                "npx webtorrent seed x | webtorrent",
                "/usr/bin/python3.11 x.py | x.py",
                "vim x.py | none",
                "sshd -D | none",
            })
    void interpretersScript_isFoundPastItsOwnOptions(String commandLine, String script) {
        CommandWords w = CommandWords.of(commandLine, null);
        if (script == null) {
            assertThat(w.scriptIndex()).isEqualTo(-1);
        } else {
            assertThat(w.words().get(w.scriptIndex())).isEqualTo(script);
        }
    }

    @Test
    void baseName_dropsTheDirectoryAndTheDeletedSuffix() {
        assertThat(CommandWords.baseName("/tmp/.x/xmrig (deleted)")).isEqualTo("xmrig");
        assertThat(CommandWords.baseName("xmrig")).isEqualTo("xmrig");
        assertThat(CommandWords.baseName("/tmp/dir/")).isEmpty();
    }
}
