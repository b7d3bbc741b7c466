package com.practicescheduler.platform.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The RSA key pair that signs and verifies development tokens in the embedded default. Generated on first start
 * and kept (private key readable by its owner only) in the data directory, so tokens survive restarts. Never
 * used when an identity provider is configured.
 */
public record DevelopmentKeys(RSAPublicKey publicKey, RSAPrivateKey privateKey) {

    /** The {@code iss} of development tokens; the development decoder accepts no other. */
    public static final String ISSUER = "practice-scheduler-dev";

    static final String PRIVATE_KEY_FILE = "jwt-private-key.pem";
    static final String PUBLIC_KEY_FILE = "jwt-public-key.pem";

    /** Loads the pair from {@code directory}, generating and saving it first if it is not there. */
    public static synchronized DevelopmentKeys loadOrCreate(Path directory) {
        try {
            Path privateFile = directory.resolve(PRIVATE_KEY_FILE);
            Path publicFile = directory.resolve(PUBLIC_KEY_FILE);
            if (!Files.exists(privateFile) || !Files.exists(publicFile)) {
                generate(directory, privateFile, publicFile);
            }
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            RSAPrivateKey privateKey = (RSAPrivateKey) rsa.generatePrivate(
                    new PKCS8EncodedKeySpec(readPem(privateFile)));
            RSAPublicKey publicKey = (RSAPublicKey) rsa.generatePublic(new X509EncodedKeySpec(readPem(publicFile)));
            return new DevelopmentKeys(publicKey, privateKey);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write the development JWT keys in " + directory, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The development JWT keys in " + directory + " are unreadable", e);
        }
    }

    private static void generate(Path directory, Path privateFile, Path publicFile)
            throws IOException, GeneralSecurityException {
        Files.createDirectories(directory);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        writePem(privateFile, "PRIVATE KEY", pair.getPrivate().getEncoded(), true);
        writePem(publicFile, "PUBLIC KEY", pair.getPublic().getEncoded(), false);
    }

    private static void writePem(Path file, String type, byte[] der, boolean secret) throws IOException {
        String pem = "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
        Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        if (secret) {
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
        }
        Files.writeString(temp, pem, StandardCharsets.US_ASCII);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
    }

    private static byte[] readPem(Path file) throws IOException {
        String body = Files.readString(file, StandardCharsets.US_ASCII)
                .replaceAll("-----(BEGIN|END) [A-Z ]+-----", "")
                .replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }
}
