package com.practicescheduler.platform.security;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The hex SHA-256 of some bytes: what is stored instead of a token, what keys a rate limit, what fingerprints a
 * request under an idempotency key. One digest per thread: looking one up among the security providers for every
 * call was not free on a request's path (issue 17, eighth round).
 */
public final class Sha256 {

    private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    });

    private Sha256() {
    }

    /** Lower-case hex, 64 characters. */
    public static String hex(byte[] bytes) {
        MessageDigest digest = DIGEST.get();
        digest.reset();
        return HexFormat.of().formatHex(digest.digest(bytes));
    }
}
