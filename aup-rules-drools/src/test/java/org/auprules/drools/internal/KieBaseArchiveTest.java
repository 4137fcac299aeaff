package org.auprules.drools.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An archive is read only when it is of the expected pack and intact, and then only into the expected classes. */
class KieBaseArchiveTest {

    static final String DIGEST = "sha256:" + "ab".repeat(32);

    /** An archive whose header and checksum are right around any payload: what a forger would write. */
    static byte[] archive(String digest, Object payload) throws IOException {
        ByteArrayOutputStream objects = new ByteArrayOutputStream();
        try (ObjectOutputStream o = new ObjectOutputStream(objects)) {
            o.writeObject(payload);
        }
        byte[] bytes = objects.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DataOutputStream data = new DataOutputStream(out);
        data.writeUTF(KieBaseArchive.MAGIC);
        data.writeUTF(digest);
        data.writeUTF(KieBaseArchive.droolsVersion());
        data.writeInt(bytes.length);
        data.write(KieBaseArchive.sha256(bytes));
        data.write(bytes);
        return out.toByteArray();
    }

    /** Not a class a knowledge package is made of. */
    record Gadget(String command) implements Serializable {}

    @Test
    void classOutsideTheAllowlist_isRefused_evenWithAValidChecksum() throws IOException {
        List<Object> smuggled = new ArrayList<>(List.of(URI.create("http://example.invalid/")));
        assertThatThrownBy(() -> KieBaseArchive.read(new ByteArrayInputStream(archive(DIGEST, smuggled)), DIGEST))
                .isInstanceOf(KieBaseArchive.Unusable.class)
                .hasMessageContaining("does not deserialize")
                .hasMessageContaining("REJECTED");
        List<Object> gadget = new ArrayList<>(List.of(new Gadget("rm -rf /")));
        assertThatThrownBy(() -> KieBaseArchive.read(new ByteArrayInputStream(archive(DIGEST, gadget)), DIGEST))
                .isInstanceOf(KieBaseArchive.Unusable.class)
                .hasMessageContaining("REJECTED");
    }

    @Test
    void allowedClassesThatAreNotPackages_areRefused() throws Exception {
        List<Object> strings = new ArrayList<>(List.of("not a package"));
        assertThatThrownBy(() -> KieBaseArchive.read(new ByteArrayInputStream(archive(DIGEST, strings)), DIGEST))
                .isInstanceOf(KieBaseArchive.Unusable.class)
                .hasMessageContaining("not a knowledge package");
        assertThat(KieBaseArchive.read(new ByteArrayInputStream(archive(DIGEST, new ArrayList<>())), DIGEST))
                .isEmpty();
    }

    @Test
    void archiveOfAnotherPack_isRefusedBeforeItsPayloadIsRead() throws IOException {
        byte[] other = archive("sha256:" + "cd".repeat(32), new ArrayList<>(List.of(new Gadget("x"))));
        assertThatThrownBy(() -> KieBaseArchive.read(new ByteArrayInputStream(other), DIGEST))
                .isInstanceOf(KieBaseArchive.Unusable.class)
                .hasMessageContaining("built from pack sha256:cdcd")
                .hasMessageNotContaining("REJECTED");
    }

    @Test
    void truncatedOrAlteredPayload_isRefused() throws IOException {
        byte[] good = archive(DIGEST, new ArrayList<>());
        byte[] truncated = java.util.Arrays.copyOf(good, good.length - 3);
        byte[] flipped = good.clone();
        flipped[flipped.length - 2] ^= 1;
        assertThatThrownBy(() -> KieBaseArchive.read(new ByteArrayInputStream(truncated), DIGEST))
                .hasMessageContaining("truncated");
        assertThatThrownBy(() -> KieBaseArchive.read(new ByteArrayInputStream(flipped), DIGEST))
                .hasMessageContaining("does not match its SHA-256");
        assertThatThrownBy(
                        () -> KieBaseArchive.read(new ByteArrayInputStream(new byte[] {0, 3, 'a', 'b', 'c'}), DIGEST))
                .hasMessageContaining("not an archive");
    }
}
