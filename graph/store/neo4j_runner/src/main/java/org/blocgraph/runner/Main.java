package org.blocgraph.runner;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

/**
 * Runs Neo4j Community in this JVM and serves it over Bolt on 127.0.0.1 only.
 *
 * <p>Usage: {@code Main --port 7687 --data DIR [--pagecache-mb 256]}. DIR is the Neo4j home:
 * databases go to DIR/data, Neo4j's own logs to DIR/logs.
 *
 * <p>Authentication is off on purpose: the connector is bound to the loopback interface, so only
 * processes on this machine can reach it, and Community edition would otherwise demand an initial
 * password change before first use. Do not change the listen address without turning auth on.
 */
public final class Main {
    private static final Duration GRACE = Duration.ofSeconds(1);

    private Main() {}

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> opts = parse(args);
        int port = Integer.parseInt(opts.getOrDefault("--port", "7687"));
        Path home = Path.of(opts.getOrDefault("--data", "neo4j-home")).toAbsolutePath();
        long pageCacheMb = Long.parseLong(opts.getOrDefault("--pagecache-mb", "256"));

        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                .setConfig(HttpConnector.enabled, false)
                .setConfig(HttpsConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pageCacheMb))
                // The databases are checkpointed before Bolt stops; its default 2 x 5 s grace
                // period would only make every stop (and every test session) slower.
                .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, GRACE)
                .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, GRACE)
                .build();
        Runtime.getRuntime().addShutdownHook(new Thread(dbms::shutdown, "neo4j-shutdown"));

        System.out.println("READY bolt://127.0.0.1:" + port + " home=" + home);
        System.out.flush();
        Thread.currentThread().join(); // Serve until SIGTERM runs the shutdown hook.
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value, got " + args[i]);
            }
            opts.put(args[i], args[i + 1]);
        }
        return opts;
    }
}
