package cn.shangliang.app;

/** Thrown by the config records for one bad value; the loader adds the file and the path of the enclosing section. */
final class ConfigValueException extends IllegalArgumentException {

    private final String key;

    ConfigValueException(String key, String problem) {
        super(problem);
        this.key = key;
    }

    String key() {
        return key;
    }
}
