package cn.shangliang.app;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads {@code config/shangliang.yaml}, lays the environment variables of DESIGN.md over it, and binds it to
 * {@link AppConfig}. Every failure is a {@link ConfigException} naming file, key and problem.
 */
public final class ConfigLoader {

    /** Environment variable → config key it overrides. */
    private static final Map<String, String> OVERRIDES = Map.of(
            "PORT", "server.port",
            "SHANGLIANG_PUBLIC_URL", "server.public_url",
            "REDIS_URL", "redis.url",
            "SHANGLIANG_DATA", "data_dir",
            "GENERIC_REPLY_URL", "channels.generic.reply_url",
            "DINGTALK_MODE", "channels.dingtalk.mode",
            "TELEGRAM_BOT_USERNAME", "channels.telegram.bot_username",
            "TELEGRAM_API_BASE_URL", "channels.telegram.base_url");

    private final Map<String, String> env;

    public ConfigLoader(Map<String, String> env) {
        this.env = env;
    }

    /** Keys holding a path; a relative one in a file is relative to that file's directory. */
    private static final List<String> PATH_KEYS = List.of("data_dir", "intents_dir", "synonyms_file");

    public AppConfig load(Path file) {
        JsonNode tree = read(file);
        ObjectNode root = tree == null || tree.isNull() || tree.isMissingNode()
                ? JsonNodeFactory.instance.objectNode()
                : requireObject(tree, file);
        Path base = file.toAbsolutePath().getParent();
        resolvePaths(root, value -> base.resolve(value).normalize().toString());
        return overlay(root, file);
    }

    /**
     * The sample configuration built into the jar: its {@code intents_dir} and {@code synonyms_file} name the jar's own
     * copies; {@code data_dir} stays relative to the working directory.
     */
    public AppConfig loadBuiltIn() {
        Path name = Path.of("jar:/" + BuiltIn.CONFIG);
        JsonNode tree;
        try (java.io.InputStream in = ConfigLoader.class.getResourceAsStream("/" + BuiltIn.CONFIG)) {
            if (in == null) {
                throw new ConfigException(BuiltIn.CONFIG + ": no such file here, and none is built into the jar"
                        + " (give one with --config or SHANGLIANG_CONFIG)");
            }
            tree = new ObjectMapper(new YAMLFactory()).readTree(in);
        } catch (IOException e) {
            throw new ConfigException(name + ": cannot read: " + e.getMessage(), e);
        }
        ObjectNode root = requireObject(tree, name);
        root.remove("data_dir");
        resolvePaths(
                root,
                value -> BuiltIn.PREFIX
                        + Path.of("config")
                                .resolve(value)
                                .normalize()
                                .toString()
                                .replace('\\', '/'));
        return overlay(root, name);
    }

    private static void resolvePaths(ObjectNode root, java.util.function.UnaryOperator<String> relative) {
        for (String key : PATH_KEYS) {
            JsonNode value = root.get(key);
            if (value != null && value.isTextual() && !value.asText().isBlank()) {
                String text = value.asText().strip();
                if (!BuiltIn.isBuiltIn(text) && !Path.of(text).isAbsolute()) {
                    root.put(key, relative.apply(text));
                }
            }
        }
    }

    private AppConfig overlay(ObjectNode root, Path file) {
        OVERRIDES.forEach((var, key) -> {
            String value = env.get(var);
            if (value != null && !value.isBlank()) {
                put(root, key, value.strip());
            }
        });
        resolveSecret(root);
        resolveDingTalk(root);
        resolveTokens(root);
        return bind(root, file);
    }

    private static JsonNode read(Path file) {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": no such file (give another with --config or SHANGLIANG_CONFIG)");
        } catch (JacksonException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : ":" + at.getLineNr();
            throw new ConfigException(file + where + ": not valid YAML: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static ObjectNode requireObject(JsonNode tree, Path file) {
        if (!tree.isObject()) {
            throw new ConfigException(file + ": the top level must be a mapping of keys");
        }
        return (ObjectNode) tree;
    }

    /** Bearer tokens come from environment variables: SHANGLIANG_ADMIN_TOKEN, and each person's {@code token_env}. */
    private void resolveTokens(ObjectNode root) {
        root.put("admin_token", env.getOrDefault("SHANGLIANG_ADMIN_TOKEN", ""));
        JsonNode people = root.get("people");
        if (people != null && people.isArray()) {
            for (JsonNode person : people) {
                if (person instanceof ObjectNode p && p.hasNonNull("token_env")) {
                    p.put("token", env.getOrDefault(p.get("token_env").asText(), ""));
                }
            }
        }
    }

    private void resolveSecret(ObjectNode root) {
        ObjectNode generic = objectAt(root, "channels.generic");
        String secretEnv = generic.path("secret_env").asText("GENERIC_SECRET");
        String secret = env.getOrDefault(secretEnv, "");
        generic.put("secret", secret);
        ObjectNode telegram = objectAt(root, "channels.telegram");
        telegram.put("bot_token", fromEnv(telegram, "bot_token_env", "TELEGRAM_BOT_TOKEN"));
        telegram.put("secret_token", fromEnv(telegram, "secret_token_env", "TELEGRAM_SECRET_TOKEN"));
        PLATFORM_CREDENTIALS.forEach((var, key) -> put(root, key, env.getOrDefault(var, "")));
    }

    /** Platform credentials: only from the environment (DESIGN.md), whatever the file says. */
    private static final Map<String, String> PLATFORM_CREDENTIALS = Map.of(
            "WECOM_TOKEN", "channels.wecom.token",
            "WECOM_AES_KEY", "channels.wecom.aes_key",
            "WECOM_CORP_ID", "channels.wecom.corp_id",
            "WECOM_SECRET", "channels.wecom.secret",
            "WECOM_AGENT_ID", "channels.wecom.agent_id",
            "WECHAT_TOKEN", "channels.wechat.token",
            "WECHAT_AES_KEY", "channels.wechat.aes_key",
            "WECHAT_APP_ID", "channels.wechat.app_id",
            "WECHAT_APP_SECRET", "channels.wechat.app_secret");

    /** DingTalk's credentials come from DINGTALK_APP_KEY and DINGTALK_APP_SECRET only. */
    private void resolveDingTalk(ObjectNode root) {
        ObjectNode dingtalk = objectAt(root, "channels.dingtalk");
        dingtalk.put("app_key", env.getOrDefault("DINGTALK_APP_KEY", ""));
        dingtalk.put("app_secret", env.getOrDefault("DINGTALK_APP_SECRET", ""));
    }

    /** The value of the environment variable that {@code section.key} names ({@code defaultVariable} if unnamed). */
    private String fromEnv(ObjectNode section, String key, String defaultVariable) {
        String variable = section.path(key).asText("").strip();
        return env.getOrDefault(variable.isEmpty() ? defaultVariable : variable, "");
    }

    private static AppConfig bind(ObjectNode root, Path file) {
        ObjectMapper mapper = new ObjectMapper()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        try {
            return mapper.treeToValue(root, AppConfig.class);
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException(file + ": " + orTop(path(e)) + ": unknown key (known here: "
                    + e.getKnownPropertyIds().stream()
                            .map(Object::toString)
                            .sorted()
                            .collect(Collectors.joining(", "))
                    + ")");
        } catch (JsonMappingException e) {
            if (e.getCause() instanceof ConfigValueException bad) {
                String section = path(e);
                String key = section.isEmpty() ? bad.key() : section + "." + bad.key();
                throw new ConfigException(file + ": " + key + ": " + bad.getMessage(), e);
            }
            throw new ConfigException(file + ": " + orTop(path(e)) + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ConfigException(file + ": " + e.getMessage(), e);
        }
    }

    private static String path(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
        return path;
    }

    private static String orTop(String path) {
        return path.isEmpty() ? "(top level)" : path;
    }

    private static void put(ObjectNode root, String dottedKey, String value) {
        int dot = dottedKey.lastIndexOf('.');
        ObjectNode parent = dot < 0 ? root : objectAt(root, dottedKey.substring(0, dot));
        parent.put(dottedKey.substring(dot + 1), value);
    }

    private static ObjectNode objectAt(ObjectNode root, String dottedPath) {
        ObjectNode node = root;
        for (String part : dottedPath.split("\\.")) {
            JsonNode child = node.get(part);
            if (child == null || child.isNull()) {
                node = node.putObject(part);
            } else if (child.isObject()) {
                node = (ObjectNode) child;
            } else {
                throw new ConfigException("config key " + dottedPath + " must be a mapping");
            }
        }
        return node;
    }
}
