package org.auprules.drools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.auprules.drools.OneAccount.clauses;
import static org.auprules.drools.OneAccount.ofProcess;
import static org.auprules.drools.OneAccount.ofScannerSignature;
import static org.auprules.drools.OneAccount.ofSoftware;
import static org.auprules.drools.OneAccount.ruleIds;

import java.util.List;
import java.util.stream.Stream;
import org.auprules.api.Certainty;
import org.auprules.api.Evidence;
import org.auprules.api.Severity;
import org.auprules.api.Violation;
import org.auprules.drools.rules.Signature;
import org.auprules.drools.rules.SignatureKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The default pack's signatures.csv: every seeded name fires on its clause, and look-alikes stay quiet. */
class SignatureRulesTest {

    @ParameterizedTest(name = "process `{0}` violates {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "unrealircd | 2.12",
                "inspircd | 2.12",
                "ngircd | 2.12",
                "ircd-hybrid | 2.12",
                "ircd | 2.12",
                "ergo | 2.12",
                "charybdis | 2.12",
                "solanum | 2.12",
                "transmission-daemon | 3.5",
                "rtorrent | 3.5",
                "qbittorrent-nox | 3.5",
                "deluged | 3.5",
                "ctorrent | 3.5",
                "opentracker | 3.5",
                "amule | 3.6",
                "amuled | 3.6",
                "mldonkey | 3.6",
                "gtk-gnutella | 3.6",
                "bearerbox | 2.13",
                "smsbox | 2.13",
                "playsmsd | 2.13",
                "smsd | 2.13",
                "gammu-smsd | 2.13",
                "jasmin | 2.13",
                "nmap | 2.14",
                "masscan | 2.14",
                "zmap | 2.14",
                "unicornscan | 2.14",
                "zgrab | 2.14",
                "xmrig | 2.20 3.1",
                "xmr-stak | 2.20 3.1",
                "minerd | 2.20 3.1",
                "cpuminer | 2.20 3.1",
                "ccminer | 2.20 3.1",
                "ethminer | 2.20 3.1",
                "cgminer | 2.20 3.1",
                "bfgminer | 2.20 3.1",
                "nbminer | 2.20 3.1",
                "t-rex | 2.20 3.1",
                "lolminer | 2.20 3.1",
                "PhoenixMiner | 2.20 3.1",
                "teamredminer | 2.20 3.1",
                "sqlmap | 2.17",
                "nikto | 2.17",
                "msfconsole | 2.17",
            })
    void prohibitedProgramByItsProcessName_violatesItsClauses(String name, String expected) {
        List<Violation> found = ofProcess(name, "/usr/local/bin/" + name);

        assertThat(clauses(found)).containsExactly(expected.split(" "));
        assertThat(found).allSatisfy(v -> {
            assertThat(v.certainty()).isEqualTo(Certainty.CONFIRMED);
            assertThat(v.evidence()).containsExactly(new Evidence("process", "p-1"));
        });
    }

    @ParameterizedTest(name = "`{0}` is innocent")
    @ValueSource(
            strings = {
                "php-fpm",
                "node",
                "irssi",
                "weechat",
                "hexchat",
                "sshd",
                "rsync",
                "nginx",
                "apache2",
                "mysqld",
                "python3",
                "ircd-client",
                "xmrig-proxy-docs",
                "transmission-gtk-docs"
            })
    void innocentLookAlike_isAllowed(String name) {
        assertThat(ofProcess(name, "/usr/bin/" + name + " --config /etc/" + name + ".conf", 443, 8080))
                .isEmpty();
    }

    @Test
    void ircClientConnectedToAnIrcServer_isNotAnIrcServer() {
        assertThat(ofProcess("irssi", "irssi -c irc.libera.chat -p 6697")).isEmpty();
        assertThat(ofProcess("weechat", "weechat --dir /home/acc1/.weechat")).isEmpty();
    }

    @Test
    void minerByName_saysWhatWasSeenInWordsSupportCanPaste() {
        Violation v = ofProcess("xmrig", "./xmrig -o pool.example:443").get(0);

        assertThat(v.ruleId()).isEqualTo("2.20 cryptocurrency miner");
        assertThat(v.message()).isEqualTo("process `xmrig` (pid 4242) is a cryptocurrency miner (signature `xmrig`)");
        assertThat(v.severity()).isEqualTo(Severity.HIGH);
    }

    @Test
    void ircServer_citesTheRuleIdOfTheFactsContract() {
        assertThat(ruleIds(ofProcess("unrealircd", "./unrealircd", 6667))).containsExactly("2.12 IRC server process");
    }

    @Test
    void processNameWithItsDirectory_matchesByItsLastPart() {
        assertThat(clauses(ofProcess("/tmp/.x/xmrig", "/tmp/.x/xmrig"))).containsExactly("2.20", "3.1");
    }

    @Test
    void minerMatchingItsNameAndTwoCommandLineMarkers_givesOneViolationPerClause() {
        List<Violation> found = ofProcess("xmrig", "./xmrig --donate-level 1 -o stratum+tcp://pool.example:3333");

        assertThat(found)
                .extracting(Violation::ruleId, Violation::message)
                .containsExactly(
                        tuple(
                                "2.20 cryptocurrency miner",
                                "process `xmrig` (pid 4242) is a cryptocurrency miner (signature `xmrig`)"),
                        tuple(
                                "3.1 cryptocurrency miner",
                                "process `xmrig` (pid 4242) is a cryptocurrency miner (signature `xmrig`)"));
    }

    @ParameterizedTest(name = "command line `{0}` is a miner")
    @ValueSource(
            strings = {
                "./kworker -o stratum+tcp://pool.example:3333 -u wallet",
                "./kworker -o STRATUM+SSL://pool.example:443",
                "./systemd-helper --donate-level=0 -o pool.example:80"
            })
    void renamedMinerByItsCommandLine_violates2_20And3_1(String commandLine) {
        List<Violation> found = ofProcess("kworker", commandLine);

        assertThat(clauses(found)).containsExactly("2.20", "3.1");
        assertThat(found.get(0).message())
                .startsWith("process `kworker` (pid 4242) is a cryptocurrency miner: " + "its command line contains `");
    }

    @ParameterizedTest(name = "aria2c `{0}` is a torrent client")
    @ValueSource(
            strings = {
                "aria2c --seed-time=0 ubuntu-24.04.iso.torrent",
                "/usr/bin/aria2c magnet:?xt=urn:btih:abcdef",
                "aria2c --bt-max-peers=50 -d /home/acc1 file.torrent",
                "aria2c --enable-dht=true http://x.example/a",
                "aria2c -T /home/acc1/a.torrent"
            })
    void aria2cWithTorrentArguments_violates3_5(String commandLine) {
        assertThat(ruleIds(ofProcess("aria2c", commandLine))).containsExactly("3.5 BitTorrent client");
    }

    @ParameterizedTest(name = "aria2c `{0}` is a plain download")
    @ValueSource(
            strings = {
                "aria2c https://releases.example/ubuntu-24.04.iso",
                "aria2c -x 16 -s 16 https://mirror.example/a.tar.gz",
                "aria2c --follow-torrent=false https://mirror.example/b.zip",
                "aria2c -t 60 https://mirror.example/c.zip"
            })
    void aria2cAsAPlainDownloader_isAllowed(String commandLine) {
        assertThat(ofProcess("aria2c", commandLine)).isEmpty();
    }

    @Test
    void hackingToolsRunAsScripts_violate2_17() {
        assertThat(ruleIds(
                        ofProcess("python3", "python3 /opt/sqlmap/sqlmap.py -u https://victim.example/?id=1 --batch")))
                .containsExactly("2.17 hacking tool");
        assertThat(ruleIds(ofProcess("ruby", "ruby /opt/metasploit-framework/msfconsole -q")))
                .containsExactly("2.17 hacking tool");
        assertThat(ofProcess("vim", "vim /home/acc1/notes-about-sqlmap.txt")).isEmpty();
    }

    @Test
    void thcHydraCrackingLogins_violates2_17_butOryHydraTheOAuthServerDoesNot() {
        assertThat(ruleIds(ofProcess("hydra", "hydra -l admin -P rockyou.txt ssh://203.0.113.9")))
                .containsExactly("2.17 hacking tool");
        assertThat(ruleIds(ofProcess("hydra", "hydra -L users.txt -p secret ftp://203.0.113.9")))
                .containsExactly("2.17 hacking tool");
        assertThat(ofProcess("hydra", "hydra serve all -c /etc/config/hydra.yml"))
                .isEmpty();
    }

    @Test
    void smsGatewayScriptsRunByAnInterpreter_violate2_13() {
        assertThat(clauses(ofProcess("python3", "/usr/bin/python3 /usr/bin/jasmind.py --enable-interceptor-client")))
                .containsExactly("2.13");
        assertThat(clauses(ofProcess("php", "php /usr/local/bin/playsmsd /etc/playsmsd.conf start")))
                .containsExactly("2.13");
    }

    @ParameterizedTest(name = "port {0} → {1}")
    @CsvSource(
            delimiter = '|',
            nullValues = "none",
            value = {
                "6659 | none",
                "6660 | 2.12 IRC port",
                "6667 | 2.12 IRC port",
                "6669 | 2.12 IRC port",
                "6670 | none",
                "6696 | none",
                "6697 | 2.12 IRC port",
                "6698 | none",
                "6880 | none",
                "6881 | 3.5 BitTorrent port",
                "6889 | 3.5 BitTorrent port",
                "6890 | none",
                "51412 | none",
                "51413 | 3.5 BitTorrent port",
                "51414 | none",
                "6968 | none",
                "6969 | 3.5 BitTorrent tracker port",
                "6970 | none",
                "443 | none",
                "80 | none",
                "22 | none"
            })
    void unknownProcessListeningOnAWellKnownPort_isOnlySuspected(int port, String expectedRuleId) {
        List<Violation> found = ofProcess("node", "node /srv/app/server.js", port);

        if (expectedRuleId == null) {
            assertThat(found).isEmpty();
        } else {
            assertThat(found)
                    .extracting(Violation::ruleId, Violation::certainty, Violation::severity)
                    .containsExactly(tuple(expectedRuleId, Certainty.SUSPECTED, Severity.MEDIUM));
        }
    }

    @Test
    void portMessage_namesThePortsAndTheRange() {
        assertThat(ofProcess("node", "node server.js", 6882, 443, 6881).get(0).message())
                .isEqualTo(
                        "process `node` (pid 4242) listens on ports 6881, 6882, a BitTorrent port (signature `6881-6889`)");
    }

    @Test
    void serverNamedByItsProcess_isNotReportedAgainForItsPort() {
        assertThat(ruleIds(ofProcess("unrealircd", "./unrealircd", 6667, 6697)))
                .containsExactly("2.12 IRC server process");
        assertThat(ruleIds(ofProcess("transmission-daemon", "transmission-daemon -f", 51413, 9091)))
                .containsExactly("3.5 BitTorrent client");
        assertThat(ruleIds(ofProcess("opentracker", "opentracker -p 6969", 6969)))
                .containsExactly("3.5 BitTorrent tracker");
    }

    @Test
    void portOfAnotherClause_stillCountsBesideANamedProgram() {
        assertThat(ruleIds(ofProcess("xmrig", "./xmrig", 6667)))
                .containsExactly("2.12 IRC port", "2.20 cryptocurrency miner", "3.1 cryptocurrency miner");
    }

    @ParameterizedTest(name = "scanner signature `{0}` → {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "Php.Webshell.C99 | 2.17 web shell", "PHP.C99Shell-1 | 2.17 web shell",
                        "Php.Shell.R57-2 | 2.17 web shell",
                "Php.Webshell.WSO-1 | 2.17 web shell", "YARA.b374k_shell | 2.17 web shell",
                        "Php.Webshell.b374k | 2.17 web shell",
                "Php.Malware.LeafMailer-1 | 2.16 spam mailer", "PHP.Spam.Owl_PHPMailer | 2.16 spam mailer"
            })
    void webShellsAndSpamMailersByTheScannersName(String signature, String expectedRuleId) {
        List<Violation> found = ofScannerSignature(signature);

        assertThat(ruleIds(found)).containsExactly(expectedRuleId);
        assertThat(found.get(0).evidence()).containsExactly(new Evidence("file", "f-1"));
    }

    @ParameterizedTest(name = "scanner signature `{0}` is not a web shell")
    @ValueSource(
            strings = {
                "Win.Trojan.C990-1",
                "Java.Exploit.WSO2-CVE-2022-29464",
                "Php.Malware.Agent-123",
                "Txt.R570-Manual",
                "Html.Phishing.Bank",
                "Unix.Tool.Bowlmailer"
            })
    void otherScannerSignatures_areNotTheseSignatures(String signature) {
        assertThat(ofScannerSignature(signature)).isEmpty();
    }

    @Test
    void webShellMessage_quotesTheScannersName() {
        assertThat(ofScannerSignature("Php.Webshell.C99").get(0).message())
                .matches(
                        "file `/home/acc1/public_html/x\\.php` is a web shell: the malware scanner reports `Php\\.Webshell\\.C99` "
                                + "\\(signatures\\.csv line \\d+\\)");
    }

    @ParameterizedTest(name = "software `{0}` → {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "Revive Adserver 5.4 | 2.10 ad server",
                "revive adserver v5 | 2.10 ad server",
                "Revive Adserver | 2.10 ad server",
                "OpenX 2.8.11 | 2.10 ad server",
                "OpenX Source 2.8.7 | 2.10 ad server",
                "XFileSharing Pro 3.1 | 2.19 file-hosting script",
                "XFileSharing 2.5 | 2.19 file-hosting script",
                "YetiShare 5.0 | 2.19 file-hosting script",
                "Rapidleech 2.3 | 2.19 file-hosting script",
                "Rapidshare Clone Script 1.0 | 2.19 file-hosting script",
                "Leaf PHPMailer 2.8 | 2.16 spam mailer",
                "Owl Mailer 1.2 | 2.16 spam mailer",
                "playSMS 1.4.4 | 2.13 SMS gateway"
            })
    void prohibitedSoftwareWithItsVersion(String installed, String expectedRuleId) {
        assertThat(ruleIds(ofSoftware(installed))).containsExactly(expectedRuleId);
    }

    @ParameterizedTest(name = "software `{0}` is innocent")
    @ValueSource(
            strings = {
                "PHPMailer 6.9",
                "WordPress 6.4",
                "Open-Xchange 7.10",
                "OpenXchange 7",
                "Revive Adserver Fork",
                "Mirror Theme 1.2",
                "Nextcloud 28.0",
                "Roundcube 1.6"
            })
    void innocentSoftware_isAllowed(String installed) {
        assertThat(ofSoftware(installed)).isEmpty();
    }

    @Test
    void adServerMessage_namesTheSiteAndTheSoftware() {
        Violation v = ofSoftware("Revive Adserver 5.4").get(0);

        assertThat(v.message())
                .isEqualTo("site `shop.example` runs `Revive Adserver 5.4`, an ad server "
                        + "(signature `Revive Adserver`)");
        assertThat(v.certainty()).isEqualTo(Certainty.SUSPECTED);
        assertThat(v.evidence()).containsExactly(new Evidence("website", "w-1"));
    }

    /** Every exact-name row of the shipped table, so that a row added later is exercised too. */
    static Stream<Signature> shippedNameRows() {
        return OneAccount.EVALUATOR.compiledPolicy().signatures().rows().stream()
                .filter(s -> !s.isRegex() && s.kind() != SignatureKind.PORT);
    }

    @ParameterizedTest(name = "line {0}")
    @MethodSource("shippedNameRows")
    void everyShippedNameRow_firesOnItsOwnName(Signature row) {
        List<Violation> found =
                switch (row.kind()) {
                    case PROCESS -> ofProcess(row.pattern(), "./" + row.pattern());
                    case COMMAND_LINE -> ofProcess("sh", "sh -c './run " + row.pattern() + "pool.example:3333'");
                    case FILE_SIGNATURE -> ofScannerSignature(row.pattern());
                    case SOFTWARE -> ofSoftware(row.pattern() + " 1.0");
                    case PORT -> throw new IllegalStateException("ports are tested at their edges");
                };
        assertThat(found)
                .extracting(Violation::ruleId, Violation::severity, Violation::certainty)
                .contains(tuple(row.ruleId(), row.severity(), row.certainty()));
    }
}
