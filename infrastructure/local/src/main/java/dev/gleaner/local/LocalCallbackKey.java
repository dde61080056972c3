package dev.gleaner.local;

import dev.gleaner.core.config.Env;
import dev.gleaner.workflow.callback.CallbackSecret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The key that signs the local runner's callbacks: {@code GLEANER_CALLBACK_SECRET} when set, else
 * a random key kept in {@code <data>/callback-secret} (made on the first run, readable by its owner
 * only), or, without {@code --data}, a new key per run in a temporary file. The start-up message
 * says where it is, so a receiver can verify {@code X-Gleaner-Signature}. There is no built-in key.
 *
 * @param file where the key is, or null when it came from the environment
 */
public record LocalCallbackKey(String value, Path file) {
    public static final String FILE_NAME = "callback-secret";

    public static LocalCallbackKey resolve(Path dataDir) {
        String fromEnv = Env.get(Env.CALLBACK_SECRET).orElse(null);
        if (fromEnv != null) {
            return new LocalCallbackKey(CallbackSecret.requireKey(fromEnv.trim(), Env.CALLBACK_SECRET), null);
        }
        try {
            if (dataDir == null) {
                Path file = Files.createTempFile("gleaner-callback-secret-", ".txt", ownerOnly());
                file.toFile().deleteOnExit();
                Files.writeString(file, newKey() + "\n", StandardCharsets.UTF_8);
                return read(file);
            }
            Files.createDirectories(dataDir);
            Path file = dataDir.resolve(FILE_NAME);
            try {
                Files.createFile(file, ownerOnly());
                Files.writeString(file, newKey() + "\n", StandardCharsets.UTF_8);
            } catch (FileAlreadyExistsException kept) {
                // The key of an earlier run on this data: receivers keep verifying with it.
            }
            return read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the callback signing key: " + e.getMessage(), e);
        }
    }

    private static LocalCallbackKey read(Path file) throws IOException {
        String value = Files.readString(file, StandardCharsets.UTF_8).trim();
        return new LocalCallbackKey(CallbackSecret.requireKey(value, file.toString()), file.toAbsolutePath());
    }

    private static String newKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static FileAttribute<?>[] ownerOnly() {
        try {
            return new FileAttribute<?>[] {
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))};
        } catch (UnsupportedOperationException notPosix) {
            return new FileAttribute<?>[0];
        }
    }

    /** For the start-up message. */
    public String where() {
        return file == null ? "the key in " + Env.CALLBACK_SECRET : "the key in " + file;
    }
}
