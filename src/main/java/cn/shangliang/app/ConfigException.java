package cn.shangliang.app;

/** A configuration that cannot be used; the message names the file, the key and what is wrong. Exit code 2. */
public final class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
