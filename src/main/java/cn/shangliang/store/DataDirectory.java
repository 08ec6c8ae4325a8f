package cn.shangliang.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The embedded Redis's data directory holds residents' messages unmasked (the append-only file) and the Redis password:
 * it is kept 0700 and every file in it 0600 (PIPL, personal data at rest). On a file system without POSIX modes
 * (Windows) nothing is changed.
 */
public final class DataDirectory {

    static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final boolean POSIX =
            FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private DataDirectory() {}

    /**
     * Creates the directory 0700 if needed, and takes group and other rights off it and off the files Redis and
     * Shangliang keep in it (only those: a data directory set to a shared place must not have unrelated files changed).
     */
    public static void secure(Path dir) throws IOException {
        if (!POSIX) {
            Files.createDirectories(dir);
            return;
        }
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIRECTORY));
        }
        Files.setPosixFilePermissions(dir, DIRECTORY);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                if (ours(p.getFileName().toString()) && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.setPosixFilePermissions(p, FILE);
                }
            }
        }
    }

    /** Files of redis-server (append-only file, snapshot, their temporary copies) and of EmbeddedRedis. */
    static boolean ours(String name) {
        return name.startsWith("appendonly")
                || name.startsWith("dump")
                || name.startsWith("temp-")
                || name.startsWith("redis.")
                || name.equals(EmbeddedRedis.LOCK_FILE);
    }

    /** Makes {@code file} readable and writable by its owner only. */
    public static void ownerOnly(Path file) throws IOException {
        if (POSIX) {
            Files.setPosixFilePermissions(file, FILE);
        }
    }

    /** Creates {@code file} empty and 0600 unless it exists (then only its mode is set). */
    static void touchPrivate(Path file) throws IOException {
        if (!Files.exists(file)) {
            if (POSIX) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
            } else {
                Files.createFile(file);
            }
        }
        ownerOnly(file);
    }

    /** Writes {@code text} to {@code file}, which is 0600 before the first byte goes in. */
    static void writePrivate(Path file, String text) throws IOException {
        touchPrivate(file);
        Files.writeString(
                file, text, StandardCharsets.UTF_8, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
    }
}
