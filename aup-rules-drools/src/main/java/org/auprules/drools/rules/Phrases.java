package org.auprules.drools.rules;

import java.util.Locale;
import org.auprules.api.facts.HostedFile;
import org.auprules.api.facts.HostedProcess;
import org.auprules.api.facts.Website;

/** Words for messages that a support person can paste: how to name a process, a file or a site. */
public final class Phrases {

    /** Letters whose spoken name starts with a vowel sound, for acronyms: an IRC, an SMS, an MP3. */
    private static final String VOWEL_SOUND_LETTERS = "aefhilmnorsx";

    private Phrases() {
    }

    /** {@code process `xmrig` (pid 4242)}. */
    public static String process(HostedProcess p) {
        return "process `" + (p.name() == null ? p.id() : p.name()) + "` (pid " + p.pid() + ")";
    }

    /** {@code file `/home/acc/x.php`}, or the file's id when it has no path. */
    public static String file(HostedFile f) {
        return "file `" + (f.path() == null ? f.id() : f.path()) + "`";
    }

    /** {@code site `shop.example`}, or the site's id when it has no domain. */
    public static String site(Website w) {
        return "site `" + (w.domain() == null ? w.id() : w.domain()) + "`";
    }

    /**
     * A noun phrase with "a" or "an" before it: {@code a cryptocurrency miner}, {@code an IRC server}.
     * A phrase that already starts with an article is left alone.
     */
    public static String a(String noun) {
        String lower = noun.toLowerCase(Locale.ROOT);
        if (noun.isEmpty() || lower.startsWith("a ") || lower.startsWith("an ") || lower.startsWith("the ")) {
            return noun;
        }
        String word = noun.split("[\\s-]", 2)[0];
        boolean acronym = word.length() > 1 && word.length() <= 4
                && word.chars().filter(Character::isLetter).allMatch(Character::isUpperCase);
        char first = Character.toLowerCase(noun.charAt(0));
        boolean vowelSound = acronym ? VOWEL_SOUND_LETTERS.indexOf(first) >= 0 : "aeiou".indexOf(first) >= 0;
        return (vowelSound ? "an " : "a ") + noun;
    }
}
