package cn.shangliang.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.UnifiedJedis;

/** Turns a Redis URL into a pooled client. The same store code runs on every kind of URL. */
public final class RedisConnector {

    private RedisConnector() {}

    /**
     * Connects to {@code redis://[:password@]host:port[/db]}, {@code rediss://…} (TLS), or
     * {@code redis-cluster://host:port,host:port}.
     *
     * @throws IllegalArgumentException when the URL is not one of these forms
     */
    public static UnifiedJedis connect(String url, int poolSize) {
        if (url.startsWith("redis-cluster://")) {
            return connectCluster(url.substring("redis-cluster://".length()), poolSize);
        }
        URI uri = parse(url);
        GenericObjectPoolConfig<Connection> pool = poolConfig(poolSize);
        return new JedisPooled(pool, uri, (int) Duration.ofSeconds(5).toMillis());
    }

    private static URI parse(String url) {
        try {
            URI uri = new URI(url);
            if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme())) {
                throw new IllegalArgumentException(
                        "Redis URL must start with redis://, rediss:// or redis-cluster:// (was " + redact(url) + ")");
            }
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("Redis URL has no host: " + redact(url));
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Redis URL is malformed: " + redact(url), e);
        }
    }

    private static UnifiedJedis connectCluster(String hostList, int poolSize) {
        Set<HostAndPort> nodes = Arrays.stream(hostList.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .map(HostAndPort::from)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("redis-cluster:// URL lists no host:port");
        }
        return new JedisCluster(nodes, DefaultJedisClientConfig.builder().build(), poolConfig(poolSize));
    }

    private static GenericObjectPoolConfig<Connection> poolConfig(int poolSize) {
        GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
        pool.setMaxTotal(poolSize);
        pool.setMaxIdle(poolSize);
        pool.setMinIdle(Math.min(4, poolSize));
        pool.setMaxWait(Duration.ofSeconds(5));
        pool.setJmxEnabled(false);
        return pool;
    }

    /** The URL without its password, for messages and logs. */
    public static String redact(String url) {
        return url.replaceAll("//([^@/]*)@", "//***@");
    }
}
