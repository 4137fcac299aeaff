package org.auprules.drools.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Command-line patterns match where a tool shows in a command line, and not where it is only mentioned. */
class CommandPatternTest {

    private static Optional<String> match(String pattern, String commandLine) {
        return match(pattern, commandLine, null);
    }

    private static Optional<String> match(String pattern, String commandLine, String name) {
        CommandPattern p = CommandPattern.parse(pattern);
        Optional<String> found = p.match(CommandWords.of(commandLine, name));
        // the literal prefilter never hides a match
        if (found.isPresent()) {
            assertThat(p.mayMatch(commandLine.toLowerCase(Locale.ROOT)))
                    .as("prefilter of %s on %s", pattern, commandLine)
                    .isTrue();
        }
        return found;
    }

    @ParameterizedTest(name = "`{1}` runs {0}")
    @CsvSource(
            delimiter = '#',
            value = {
                "program:miniircd # python3 miniircd.py --ports 6667 # python3 miniircd.py",
                "program:miniircd # /usr/bin/python3.11 -u /opt/irc/miniircd.py --debug # /usr/bin/python3.11 -u /opt/irc/miniircd.py",
                "program:miniircd # /opt/irc/miniircd --setuid nobody # /opt/irc/miniircd",
                "program:webtorrent # node /usr/local/bin/webtorrent seed movie.mkv # node /usr/local/bin/webtorrent",
                "program:webtorrent # node --max-old-space-size=4096 -r dotenv/config ./node_modules/.bin/webtorrent seed x # node --max-old-space-size=4096 -r dotenv/config ./node_modules/.bin/webtorrent",
                "program:sqlmap # python3 -m sqlmap -u https://x.example/?id=1 # python3 -m sqlmap",
                "program:playsmsd # php -c /etc/php.ini /usr/local/bin/playsmsd start # php -c /etc/php.ini /usr/local/bin/playsmsd",
                "program:playsmsd # php -f /usr/local/bin/playsmsd start # php -f /usr/local/bin/playsmsd",
                "program:sqlmap # SQLMAP.PY --batch # SQLMAP.PY",
                "program:xmrig # '/home/my user/xmrig' -o pool.example:3333 # /home/my user/xmrig",
                "program:xmrig # /home/my\\ user/xmrig -o pool.example:3333 # /home/my user/xmrig",
            })
    void programOrTheScriptAnInterpreterRuns_matches(String pattern, String commandLine, String shown) {
        assertThat(match(pattern, commandLine)).contains(shown);
    }

    @ParameterizedTest(name = "`{1}` only names {0}")
    @CsvSource(
            delimiter = '#',
            value = {
                "program:nmap # man nmap",
                "program:xmrig # vim xmrig.json",
                "program:transmission-daemon # apt-get install transmission-daemon",
                "program:ircd # tail -f ircd.log",
                "program:miniircd # python3 -m pip install miniircd",
                "program:miniircd # python3 -c 'import miniircd'",
                "program:miniircd # node -e require('miniircd')",
                "program:miniircd # vim miniircd.py",
                "program:miniircd # cat /opt/irc/miniircd.py",
                "program:sqlmap # sh -c 'grep sqlmap /var/log/x'",
                "program:webtorrent # npm install -g webtorrent-cli",
            })
    void commandThatOnlyNamesTheProgram_doesNotMatch(String pattern, String commandLine) {
        assertThat(match(pattern, commandLine)).isEmpty();
    }

    @Test
    void programPathWithBlanks_isReadWithTheProcessNameWhenUnquoted() {
        assertThat(match("program:xmrig", "/home/John Doe/bin/xmrig --donate-level 1", "xmrig"))
                .contains("/home/John Doe/bin/xmrig");
        // the name is what tells: without it the first word is the program
        assertThat(match("program:xmrig", "/home/John Doe/bin/xmrig --donate-level 1", null))
                .isEmpty();
        // a second path is an argument, not the rest of the program's
        assertThat(match("program:xmrig", "/usr/bin/vim /tmp/xmrig", "vim")).isEmpty();
        assertThat(match("program:xmrig", "/usr/bin/vim notes/xmrig", "vim")).isEmpty();
    }

    @ParameterizedTest(name = "`{1}` has {0}")
    @CsvSource(
            delimiter = '#',
            value = {
                "option:--donate-level # ./kworker --donate-level 1 # --donate-level",
                "option:--donate-level # ./kworker --donate-level=1 # --donate-level=1",
                "option:-o|--url=re:^stratum\\+tcp:// # ./kworker -o stratum+tcp://pool.example:3333 # -o stratum+tcp://pool.example:3333",
                "option:-o|--url=re:^stratum\\+tcp:// # ./kworker --url=STRATUM+TCP://pool.example:3333 # --url=STRATUM+TCP://pool.example:3333",
                "option:-o|--url=re:^stratum\\+tcp:// # ./kworker -ostratum+tcp://pool.example:3333 # -ostratum+tcp://pool.example:3333",
                "option:-o=host:minexmr.com # ./x -o pool.MineXMR.com:4444 # -o pool.MineXMR.com:4444",
                "option:-o=host:pool.minexmr.com # ./x -o stratum+tcp://wallet@pool.minexmr.com:4444/x # -o stratum+tcp://wallet@pool.minexmr.com:4444/x",
                "option:--algo=rx/0|cn/r # ./x --algo RX/0 # --algo RX/0",
                "program:hydra option:-l|-L|-C # hydra -l admin -P rockyou.txt ssh://203.0.113.9 # hydra -l",
                "program:hydra option:-l|-L|-C # hydra -ladmin ssh://203.0.113.9 # hydra -ladmin",
                "program:aria2c argument:re:\\.torrent$ # aria2c -d /tmp ubuntu.torrent # aria2c ubuntu.torrent",
            })
    void optionOrArgumentAtItsPlace_matches(String pattern, String commandLine, String shown) {
        assertThat(match(pattern, commandLine)).contains(shown);
    }

    @ParameterizedTest(name = "`{1}` lacks {0}")
    @CsvSource(
            delimiter = '#',
            value = {
                "option:--donate-level # grep -r -- --donate-level .",
                "option:--donate-level # grep -r donate-level .",
                "option:--donate-level # ./kworker --donate-levels 1",
                "option:-o|--url=re:^stratum\\+tcp:// # grep -r stratum+tcp:// .",
                "option:-o|--url=re:^stratum\\+tcp:// # ./kworker -o pool.example:3333",
                "option:-o|--url=re:^stratum\\+tcp:// # ./kworker --out stratum+tcp://pool.example:3333",
                "option:-o|--url=re:^stratum\\+tcp:// # ./kworker -o",
                "option:-o=host:pool.minexmr.com # ./x -o notpool.minexmr.com.evil.example:4444",
                "option:-o=host:pool.minexmr.com # ./x -o xpool.minexmr.com:4444",
                "option:-o=host:pool.minexmr.com # ping pool.minexmr.com",
                "option:--algo=rx/0|cn/r # ./x --algo rx/00",
                "program:hydra option:-l|-L|-C # hydra serve all -c /etc/config/hydra.yml",
                "program:hydra option:-l|-L|-C # vim hydra -l",
                "program:aria2c argument:re:\\.torrent$ # aria2c https://mirror.example/a.iso",
                "program:aria2c argument:re:\\.torrent$ # rm aria2c ubuntu.torrent",
            })
    void textThatOnlyMentionsIt_doesNotMatch(String pattern, String commandLine) {
        assertThat(match(pattern, commandLine)).isEmpty();
    }

    @Test
    void optionNames_compareWithCase_andValuesWithout() {
        assertThat(match("option:-L", "hydra -L users.txt")).isPresent();
        assertThat(match("option:-L", "hydra -l admin")).isEmpty();
        assertThat(match("option:--algo=rx/0", "./x --ALGO rx/0")).isEmpty();
        assertThat(match("option:--algo=rx/0", "./x --algo Rx/0")).isPresent();
        assertThat(match("option:-u=re:(?-i:^4[0-9AB])", "./x -u 4Abc")).isPresent();
        assertThat(match("option:-u=re:(?-i:^4[0-9AB])", "./x -u 4abc")).isEmpty();
    }

    @Test
    void everyTermMustHold() {
        String nmap = "option:-sS|-sT option:-Pn|-T4";
        assertThat(match(nmap, "./httpd -sS -Pn 198.51.100.0/24")).contains("-sS -Pn");
        assertThat(match(nmap, "curl -sS https://example.com")).isEmpty();
        assertThat(match(nmap, "curl -sS -T4 https://example.com")).isPresent();
    }

    @Test
    void literals_areTheNamesAndExactValuesInLowerCase() {
        assertThat(CommandPattern.parse("program:Hydra option:-l|-L argument:re:x")
                        .literals())
                .containsExactly("hydra", "-l", "-l");
        assertThat(CommandPattern.parse("option:-o=host:Pool.Example").mayMatch("./x -o 1.2.3.4:3333"))
                .isTrue();
        assertThat(CommandPattern.parse("program:xmrig").mayMatch("/usr/sbin/sshd -d"))
                .isFalse();
    }

    @Test
    void isCommandPattern_onlyForTheThreeTermNames() {
        assertThat(CommandPattern.isCommandPattern("program:x")).isTrue();
        assertThat(CommandPattern.isCommandPattern("option:-x")).isTrue();
        assertThat(CommandPattern.isCommandPattern("argument:x")).isTrue();
        assertThat(CommandPattern.isCommandPattern("stratum+tcp://")).isFalse();
        assertThat(CommandPattern.isCommandPattern("re:program:x")).isFalse();
    }

    @ParameterizedTest(name = "`{0}`")
    @CsvSource(
            delimiter = '#',
            quoteCharacter = '"',
            value = {
                "program:xmrig options:-o # 14 # expected a term `program:…`, `option:…` or `argument:…`, got `options:-o`; "
                        + "terms are separated by blanks, so write `\\s` for a blank in a regular expression",
                "program: # 0 # empty `program:` term: write what it must match",
                "option:-o|url # 10 # option `url` must start with `-`, as in `-o` or `--url`",
                "option:--algo= # 14 # empty value after `=`: write the value, or leave out `=`",
                "option:--url=re:(stratum # 13 # invalid regular expression `(stratum`: missing closing )",
                "argument:re:x* # 9 # regular expression `x*` matches an empty text, so it would match every value",
                "program:a||b # 10 # empty alternative: write a name on each side of `|`",
                "option:-o=host: # 15 # empty alternative: write a name on each side of `|`",
            })
    void badPattern_saysWhatIsWrongAndWhere(String pattern, int index, String message) {
        assertThatThrownBy(() -> CommandPattern.parse(pattern))
                .isInstanceOfSatisfying(CommandPattern.InvalidPatternException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo(message);
                    assertThat(e.index()).isEqualTo(index);
                });
    }
}
