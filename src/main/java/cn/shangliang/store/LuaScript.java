package cn.shangliang.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/** A Lua script run by its SHA-1 (EVALSHA), loaded on first use and after a server restart. */
final class LuaScript {

    private final String source;
    private final String sha;

    LuaScript(String source) {
        this.source = source;
        this.sha = sha1(source);
    }

    Object run(UnifiedJedis redis, List<String> keys, List<String> args) {
        try {
            return redis.evalsha(sha, keys, args);
        } catch (JedisNoScriptException e) {
            return redis.eval(source, keys, args);
        }
    }

    /** Queues the script on a pipeline by its SHA-1; read its reply with {@link Queued#result} after the sync. */
    Queued queue(AbstractPipeline pipeline, List<String> keys, List<String> args) {
        return new Queued(pipeline.evalsha(sha, keys, args), keys, args);
    }

    /** A run queued on a pipeline, with what it needs to run again. */
    final class Queued {
        private final Response<Object> response;
        private final List<String> keys;
        private final List<String> args;

        private Queued(Response<Object> response, List<String> keys, List<String> args) {
            this.response = response;
            this.keys = keys;
            this.args = args;
        }

        /**
         * The script's reply; when Redis had lost its scripts (a restart: NOSCRIPT), the script is run again now,
         * which loads it, and that reply is returned.
         */
        Object result(UnifiedJedis redis) {
            try {
                return response.get();
            } catch (RuntimeException e) {
                if (!isNoScript(e)) {
                    throw e;
                }
                return run(redis, keys, args);
            }
        }
    }

    /**
     * Queues the script on a pipeline with its source (EVAL), for writes that must not meet NOSCRIPT: commands after it
     * in the pipeline would run while it did not.
     */
    Response<Object> queueWithSource(AbstractPipeline pipeline, List<String> keys, List<String> args) {
        return pipeline.eval(source, keys, args);
    }

    static boolean isNoScript(RuntimeException e) {
        return e instanceof JedisNoScriptException
                || (e.getMessage() != null && e.getMessage().startsWith("NOSCRIPT"));
    }

    private static String sha1(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 missing from the JDK", e);
        }
    }
}
