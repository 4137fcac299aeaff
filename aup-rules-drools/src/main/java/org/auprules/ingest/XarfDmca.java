package org.auprules.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import org.auprules.api.facts.DmcaNotice;

/**
 * The six elements of a DMCA notice (17 U.S.C. 512(c)(3)(A)) that an X-ARF copyright report
 * proves. X-ARF carries no signature and no sworn statements, so a report alone is never a complete
 * notice: {@code signature}, {@code goodFaithStatement} and {@code accuracyUnderPenaltyOfPerjury}
 * always count as missing, and the evaluator reports the notice as deficient.
 */
final class XarfDmca {

    private XarfDmca() {}

    /**
     * <ul>
     * <li>workIdentified: {@code work_title} or {@code work_identifier};</li>
     * <li>materialIdentified: {@code infringing_url}; for {@code p2p} the swarm's
     *     {@code swarm_info.info_hash} or {@code swarm_info.magnet_uri} (the peer is the
     *     {@code source_identifier}); for {@code usenet} {@code newsgroup} and
     *     {@code message_info.message_id};</li>
     * <li>contactInformation: the complainant's {@code reporter.org} and {@code reporter.contact}.</li>
     * </ul>
     */
    static DmcaNotice notice(XarfType type, JsonNode r) {
        boolean work = has(r, "work_title") || has(r, "work_identifier");
        boolean material =
                switch (type) {
                    case COPYRIGHT_P2P ->
                        has(r.path("swarm_info"), "info_hash") || has(r.path("swarm_info"), "magnet_uri");
                    case COPYRIGHT_USENET -> has(r, "newsgroup") && has(r.path("message_info"), "message_id");
                    default -> has(r, "infringing_url");
                };
        boolean contact = has(r.path("reporter"), "org") && has(r.path("reporter"), "contact");
        return new DmcaNotice(false, work, material, contact, false, false);
    }

    private static boolean has(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isTextual() && !v.textValue().isBlank();
    }
}
