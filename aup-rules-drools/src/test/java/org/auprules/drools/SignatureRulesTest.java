package org.auprules.drools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.auprules.drools.OneAccount.clauses;
import static org.auprules.drools.OneAccount.ofProcess;
import static org.auprules.drools.OneAccount.ofScannerSignature;
import static org.auprules.drools.OneAccount.ofSoftware;
import static org.auprules.drools.OneAccount.ruleIds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.auprules.api.Certainty;
import org.auprules.api.Evidence;
import org.auprules.api.Severity;
import org.auprules.api.Violation;
import org.auprules.api.facts.HostedProcess;
import org.auprules.drools.rules.CommandPattern;
import org.auprules.drools.rules.Signature;
import org.auprules.drools.rules.SignatureKind;
import org.auprules.drools.rules.SignatureMatch;
import org.auprules.drools.rules.SignatureTable;
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
    void renamedProcess_isRecognisedByTheProgramItsCommandLineStarts() {
        List<Violation> found = ofProcess("kworker", "/tmp/.x/xmrig -c /tmp/.x/config.json");

        assertThat(found)
                .extracting(Violation::ruleId, Violation::certainty, Violation::message)
                .containsExactly(
                        tuple(
                                "2.20 cryptocurrency miner",
                                Certainty.CONFIRMED,
                                "process `kworker` (pid 4242) is a cryptocurrency miner: it runs `/tmp/.x/xmrig` "
                                        + "(signature `xmrig`)"),
                        tuple(
                                "3.1 cryptocurrency miner",
                                Certainty.CONFIRMED,
                                "process `kworker` (pid 4242) is a cryptocurrency miner: it runs `/tmp/.x/xmrig` "
                                        + "(signature `xmrig`)"));
    }

    @ParameterizedTest(name = "name `{0}`, command line `{1}`")
    @CsvSource(
            delimiter = '#',
            quoteCharacter = '"',
            value = {
                "xmrig (deleted) # ./xmrig",
                "/tmp/.x/xmrig (deleted) # \"\"",
                "kworker # /tmp/.x/xmrig (deleted)",
                "XMRig # ./XMRig --threads 2",
                "/home/John Doe/bin/xmrig # /home/John Doe/bin/xmrig --threads 2",
                "xmrig # '/home/John Doe/bin/xmrig' --threads 2",
                "kworker # '/home/John Doe/bin/XMRIG' --threads 2",
            })
    void deletedBinariesMixedCaseAndPathsWithBlanks_stillMatch(String name, String commandLine) {
        assertThat(ofProcess(name, commandLine))
                .extracting(Violation::ruleId, Violation::certainty)
                .containsExactly(
                        tuple("2.20 cryptocurrency miner", Certainty.CONFIRMED),
                        tuple("3.1 cryptocurrency miner", Certainty.CONFIRMED));
    }

    @ParameterizedTest(name = "`{0}` imitates xmrig")
    @ValueSource(strings = {"xmr\u0456g", "\u0445mrig", "\uff58\uff4d\uff52\uff49\uff47", "xrnrig", "xm\u200brig"})
    void nameThatOnlyLooksLikeASignature_isSuspected_andSaysWhatItImitates(String name) {
        List<Violation> found = ofProcess(name, "./" + name + " --threads 2");

        assertThat(found)
                .extracting(Violation::ruleId, Violation::certainty, Violation::message)
                .containsExactly(
                        tuple(
                                "2.20 cryptocurrency miner",
                                Certainty.SUSPECTED,
                                "process `" + name + "` (pid 4242) may be a cryptocurrency miner: the name `" + name
                                        + "` imitates `xmrig` (signature `xmrig`)"),
                        tuple(
                                "3.1 cryptocurrency miner",
                                Certainty.SUSPECTED,
                                "process `" + name + "` (pid 4242) may be a cryptocurrency miner: the name `" + name
                                        + "` imitates `xmrig` (signature `xmrig`)"));
    }

    @Test
    void imitatingNameWithAMinersOption_isConfirmedByTheOption() {
        List<Violation> found = ofProcess("xmr\u0456g", "./xmr\u0456g --donate-level 1");

        assertThat(found)
                .extracting(Violation::ruleId, Violation::certainty)
                .containsExactly(
                        tuple("2.20 cryptocurrency miner", Certainty.CONFIRMED),
                        tuple("3.1 cryptocurrency miner", Certainty.CONFIRMED));
        assertThat(found.get(0).message()).contains("its command line contains `--donate-level`");
    }

    @Test
    void imitatedPortlessServer_isNotReportedAgainForItsPort() {
        assertThat(ruleIds(ofProcess("unrea\u04cfircd", "./unrea\u04cfircd", 6667)))
                .containsExactly("2.12 IRC server process");
    }

    @ParameterizedTest(name = "`{1}` only names a tool")
    @CsvSource(
            delimiter = '#',
            value = {
                "grep # grep -r stratum+tcp:// .",
                "grep # grep -rn -- --donate-level /home/acc1",
                "man # man nmap",
                "vim # vim xmrig.json",
                "vim # vim /home/acc1/miniircd.py",
                "apt-get # apt-get install transmission-daemon",
                "tail # tail -f ircd.log",
                "less # less /var/log/masscan.log",
                "python3 # python3 -m pip install sqlmap",
                "npm # npm install -g webtorrent-cli",
                "curl # curl -sS -o out.html https://example.com",
                "ssh # ssh -p 2222 -N -f deploy@build.example",
                "ping # ping pool.minexmr.com",
                "git # git clone https://github.com/xmrig/xmrig.git",
                "cat # cat /home/acc1/hydra.log",
                "pv # pv --rate -p backup.tar",
                "grep # grep -e --donate-level -e stratum+tcp:// config.json",
                "echo # echo --algo rx/0 -o stratum+tcp://pool.example:3333",
                "vim # /usr/bin/vim -o stratum+tcp://pool.example:3333 notes.txt",
            })
    void commandThatOnlyMentionsATool_runsNothing(String name, String commandLine) {
        assertThat(ofProcess(name, commandLine)).isEmpty();
    }

    static final String MONERO =
            "44AFFq5kSiGBoZ4NMDwYtN18obc8AemS33DBLWs3H7otXft3XjrpDtQGv7SqSsaBYBb98uNbr2VBBEt7f2wfn3RVGQBEP3A";

    @ParameterizedTest(name = "`{0}` is {1}")
    @CsvSource(
            delimiter = '#',
            value = {
                "./kworker -o stratum+tcp://pool.example:3333 # 2.20 cryptocurrency miner # CONFIRMED",
                "./kworker --url=stratum2+ssl://pool.example:443 # 2.20 cryptocurrency miner # CONFIRMED",
                "./kworker -o pool.supportxmr.com:443 # 2.20 cryptocurrency miner # CONFIRMED",
                "./kworker --pool eu1.ethermine.org:4444 # 2.20 cryptocurrency miner # CONFIRMED",
                "./kworker -o 198.51.100.7:14444 # 2.20 cryptocurrency miner # SUSPECTED",
                "./kworker -o pool.example:3333 # 2.20 cryptocurrency miner # SUSPECTED",
                "./kworker --cpu-max-threads-hint=75 # 2.20 cryptocurrency miner # CONFIRMED",
                "./kworker --algo rx/0 # 2.20 cryptocurrency miner # CONFIRMED",
                "./kworker --algo=kawpow # 2.20 cryptocurrency miner # CONFIRMED",
                "./kworker -u " + MONERO + ".rig1 # 2.20 cryptocurrency miner # CONFIRMED",
                "./kworker --user bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq # 2.20 cryptocurrency miner # CONFIRMED",
                "./kworker -u 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa+512 # 2.20 cryptocurrency miner # CONFIRMED",
                "./httpd -sS -Pn -T4 198.51.100.0/24 # 2.14 IP scanner # CONFIRMED",
                "./httpd -sV --top-ports 100 198.51.100.9 # 2.14 IP scanner # CONFIRMED",
                "./cache -p0-65535 --rate=100000 0.0.0.0/0 # 2.14 IP scanner # CONFIRMED",
                "./cache -M icmp_echoscan 0.0.0.0/0 # 2.14 IP scanner # CONFIRMED",
                "./cache -p 80 -B 10M 0.0.0.0/0 # 2.14 IP scanner # CONFIRMED",
                "python3 /opt/irc/miniircd.py --ports 6667 # 2.12 IRC server process # CONFIRMED",
                "node /usr/local/bin/ircdjs # 2.12 IRC server process # CONFIRMED",
                "node /usr/local/lib/node_modules/.bin/webtorrent seed movie.mkv # 3.5 BitTorrent client # CONFIRMED",
                "node /usr/local/bin/peerflix magnet:?xt=urn:btih:abc # 3.5 BitTorrent client # CONFIRMED",
            })
    void toolRecognisedByHowItIsUsed(String commandLine, String ruleId, Certainty certainty) {
        List<Violation> found = ofProcess("kworker", commandLine);

        assertThat(found).extracting(Violation::ruleId, Violation::certainty).contains(tuple(ruleId, certainty));
        assertThat(found).allSatisfy(v -> assertThat(v.message()).contains("its command line contains `"));
    }

    @ParameterizedTest(name = "`{0}` is no miner")
    @ValueSource(
            strings = {
                "./kworker --algo sha256",
                "./kworker -o pool.example:3306",
                "./kworker -o out.txt",
                "./kworker -u 4AAA",
                "./kworker -u 44AFFq5kSiGBoZ4NMDwYtN18obc8AemS33DBLWs3H7otXft3XjrpDtQGv7SqSsaBYBb98uNbr2VBBEt7f2wfn3RVGQBEP3A:pw",
                "./kworker -o notsupportxmr.com:443",
                "rsync -B 1024 -p src/ dst/",
                "ssh -M -S /tmp/s host",
            })
    void lookAlikeOptions_areNoTool(String commandLine) {
        assertThat(ofProcess("kworker", commandLine)).isEmpty();
    }

    @Test
    void textProgramOutsideTheSystemsDirectories_isNotTrustedToBeOne() {
        assertThat(clauses(ofProcess("grep", "/tmp/.x/grep --donate-level 1 -o stratum+tcp://pool.example:3333")))
                .containsExactly("2.20", "3.1");
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
                "Php.Webshell.C99 | 2.17 web shell",
                "PHP.C99Shell-1 | 2.17 web shell",
                "Php.Shell.R57-2 | 2.17 web shell",
                "Php.Webshell.WSO-1 | 2.17 web shell",
                "YARA.b374k_shell | 2.17 web shell",
                "Php.Webshell.b374k | 2.17 web shell",
                "Php.Malware.LeafMailer-1 | 2.16 spam mailer",
                "PHP.Spam.Owl_PHPMailer | 2.16 spam mailer",
                "Php.Webshell.Alfa-9948547-0 | 2.17 web shell",
                "Asp.Webshell.Chopper-2 | 2.17 web shell",
                "{HEX}php.cmdshell.unclassed.365 | 2.17 web shell",
                "YARA.webshell_php_generic | 2.17 web shell"
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
                "Php.Webshells2.Notes",
                "Txt.Cmdshellcode-1",
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

    /** A process of a pack scenario, and what the scenario expects of its account. */
    private record ScenarioProcess(
            String scenario, HostedProcess process, Set<String> violatedClauses, boolean innocent) {}

    private static List<ScenarioProcess> scenarioProcesses() throws IOException {
        List<ScenarioProcess> out = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> files = Files.list(SCENARIOS)) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                for (JsonNode scenario : json.readTree(file.toFile())) {
                    JsonNode expect = scenario.path("expect");
                    for (JsonNode p : scenario.path("facts").path("processes")) {
                        String account = p.path("accountId").asText();
                        Set<String> violated = new HashSet<>();
                        expect.path("violations").forEach(v -> {
                            if (v.path("accountId").asText().equals(account)) {
                                violated.add(v.path("clause").asText());
                            }
                        });
                        boolean innocent = false;
                        for (JsonNode n : expect.path("noViolations")) {
                            innocent |= n.path("accountId").asText().equals(account) && !n.has("clause");
                        }
                        HostedProcess process = HostedProcess.builder()
                                .id(p.path("id").asText())
                                .accountId(account)
                                .pid(p.path("pid").asInt())
                                .name(p.path("name").asText())
                                .commandLine(p.path("commandLine").asText())
                                .build();
                        out.add(new ScenarioProcess(
                                file.getFileName() + ": "
                                        + scenario.path("description").asText(),
                                process,
                                violated,
                                innocent));
                    }
                }
            }
        }
        return out;
    }

    private static final Path SCENARIOS = Path.of("src/main/resources/org/auprules/packs/entrecloud/scenarios");

    /** Every COMMAND_LINE row of the shipped table, so that a row added later needs its scenarios too. */
    static Stream<Signature> shippedCommandLineRows() {
        return OneAccount.EVALUATOR.compiledPolicy().signatures().rows().stream()
                .filter(s -> s.kind() == SignatureKind.COMMAND_LINE);
    }

    @ParameterizedTest(name = "line {0}")
    @MethodSource("shippedCommandLineRows")
    void everyCommandLineRow_hasAScenarioThatRunsTheTool_andOneThatOnlyNamesIt(Signature row) throws IOException {
        SignatureTable table = OneAccount.EVALUATOR.compiledPolicy().signatures();
        List<ScenarioProcess> processes = scenarioProcesses();
        Function<HostedProcess, Optional<SignatureMatch>> matchOf = p -> table.matchingCommandLine(p).stream()
                .filter(m -> m.signature().line() == row.line())
                .findFirst();

        ScenarioProcess runs = processes.stream()
                .filter(sp -> sp.violatedClauses().contains(row.clause())
                        && matchOf.apply(sp.process()).isPresent())
                .findFirst()
                .orElseThrow(() -> new AssertionError("no pack scenario runs the tool of line " + row.line()));
        String matched = matchOf.apply(runs.process()).orElseThrow().matched().toLowerCase(Locale.ROOT);
        List<String> literals = row.isCommandPattern()
                ? CommandPattern.parse(row.pattern()).literals()
                : row.isRegex() ? List.of() : List.of(row.pattern().toLowerCase(Locale.ROOT));

        assertThat(processes)
                .as(
                        "a pack scenario whose command line names the tool of line %d (%s) without running it",
                        row.line(), matched)
                .anySatisfy(sp -> {
                    assertThat(sp.innocent()).isTrue();
                    assertThat(matchOf.apply(sp.process())).isEmpty();
                    String commandLine =
                            Objects.requireNonNull(sp.process().commandLine()).toLowerCase(Locale.ROOT);
                    assertThat(literals.stream().anyMatch(l -> l.length() >= 4 && commandLine.contains(l))
                                    || sharesFiveCharacters(commandLine, matched))
                            .isTrue();
                });
    }

    private static boolean sharesFiveCharacters(String text, String matched) {
        for (int i = 0; i + 5 <= matched.length(); i++) {
            if (text.contains(matched.substring(i, i + 5))) {
                return true;
            }
        }
        return false;
    }

    /** Every exact-name row of the shipped table, so that a row added later is exercised too. */
    static Stream<Signature> shippedNameRows() {
        return OneAccount.EVALUATOR.compiledPolicy().signatures().rows().stream()
                .filter(s -> !s.isRegex() && !s.isCommandPattern() && s.kind() != SignatureKind.PORT);
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
