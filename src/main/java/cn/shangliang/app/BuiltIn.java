package cn.shangliang.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.Map;

/**
 * The defaults the jar carries: the sample configuration, {@code intents/} and the synonyms, as classpath resources. A
 * configured path {@code classpath:intents} names one of them, so that the jar starts from any directory.
 */
final class BuiltIn {

    static final String PREFIX = "classpath:";
    static final String CONFIG = "config/shangliang.yaml";
    static final String INTENTS = PREFIX + "intents";
    static final String SYNONYMS = PREFIX + "config/synonyms.txt";

    private BuiltIn() {}

    /** {@code classpath:NAME} as a readable {@link Path} (inside the jar, or under target/classes); else the path. */
    static Path path(String value) {
        if (!value.startsWith(PREFIX)) {
            return Path.of(value);
        }
        String name = value.substring(PREFIX.length());
        URL url = BuiltIn.class.getResource("/" + name);
        if (url == null) {
            throw new ConfigException(value + ": not built into this jar");
        }
        try {
            URI uri = url.toURI();
            if (!"jar".equals(uri.getScheme())) {
                return Path.of(uri);
            }
            try {
                return FileSystems.newFileSystem(uri, Map.of()).provider().getPath(uri);
            } catch (FileSystemAlreadyExistsException e) {
                return Path.of(uri);
            }
        } catch (URISyntaxException e) {
            throw new IllegalStateException("resource URL " + url, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the jar for " + value, e);
        }
    }

    /** Whether {@code value} names a built-in resource. */
    static boolean isBuiltIn(String value) {
        return value.startsWith(PREFIX);
    }
}
