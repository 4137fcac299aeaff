package org.auprules.examples.serve;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * HTTPS from two PEM files, as web servers take them: the certificate chain (leaf first) and its
 * private key in PKCS #8 ({@code -----BEGIN PRIVATE KEY-----}, unencrypted; RSA, EC or Ed25519).
 * The key lives in an in-memory key store only, under a random password.
 */
final class PemTls {

    private static final Pattern PRIVATE_KEY =
            Pattern.compile("-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");
    private static final Pattern OTHER_KEY = Pattern.compile("-----BEGIN ([A-Z ]*PRIVATE KEY)-----");

    private PemTls() {}

    /**
     * A Jetty TLS context serving the certificate in {@code certFile} with the key in {@code keyFile}.
     *
     * @throws IllegalArgumentException saying which file is wrong and how to fix it
     */
    static SslContextFactory.Server contextFactory(Path certFile, Path keyFile) {
        List<? extends Certificate> chain = certificates(certFile);
        PrivateKey key = privateKey(keyFile);
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            String password = HexFormat.of().formatHex(random);
            store.setKeyEntry("server", key, password.toCharArray(), chain.toArray(Certificate[]::new));
            SslContextFactory.Server ssl = new SslContextFactory.Server();
            ssl.setKeyStore(store);
            ssl.setKeyStorePassword(password);
            ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
            return ssl;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("the key in `" + keyFile + "` does not go with the certificate in `"
                    + certFile + "`: " + e.getMessage());
        }
    }

    private static List<? extends Certificate> certificates(Path file) {
        try {
            byte[] pem = Files.readAllBytes(file);
            List<? extends Certificate> chain = List.copyOf(
                    CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem)));
            if (chain.isEmpty()) {
                throw new IllegalArgumentException("`" + file + "` holds no PEM certificate");
            }
            return chain;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read certificate `" + file + "`: " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("`" + file + "` is not a PEM certificate: " + e.getMessage());
        }
    }

    private static PrivateKey privateKey(Path file) {
        String pem;
        try {
            pem = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read private key `" + file + "`: " + e.getMessage());
        }
        Matcher m = PRIVATE_KEY.matcher(pem);
        if (!m.find()) {
            Matcher other = OTHER_KEY.matcher(pem);
            throw new IllegalArgumentException("`" + file + "` is not an unencrypted PKCS #8 private key"
                    + (other.find() ? " (it is `" + other.group(1) + "`)" : "")
                    + "; convert it with `openssl pkcs8 -topk8 -nocrypt -in " + file + " -out key.pem`");
        }
        byte[] der = Base64.getMimeDecoder().decode(m.group(1));
        for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new IllegalArgumentException("`" + file + "`: the private key is not RSA, EC or Ed25519");
    }
}
