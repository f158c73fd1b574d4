import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * Starts mongo-java-server on 127.0.0.1 and prints one line "READY <port>" once it accepts
 * connections. Usage: EmbeddedMongo <port|0> memory | EmbeddedMongo <port|0> h2 <file>.
 *
 * The process lives exactly as long as its standard input stays open: the Node script that
 * spawned it holds the other end, so when that script exits for any reason (Ctrl-C, a crash,
 * SIGKILL) the pipe closes and the database stops too. No orphan Java process is left behind.
 */
public final class EmbeddedMongo {
    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: EmbeddedMongo <port> memory | EmbeddedMongo <port> h2 <file>");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        MongoBackend backend;
        switch (args[1]) {
            case "memory" -> backend = new MemoryBackend();
            case "h2" -> {
                if (args.length < 3) {
                    System.err.println("the h2 backend needs a file name");
                    System.exit(2);
                }
                Path file = Path.of(args[2]).toAbsolutePath();
                Files.createDirectories(file.getParent());
                backend = new H2Backend(file.toString());
            }
            default -> {
                System.err.println("unknown backend: " + args[1]);
                System.exit(2);
                return;
            }
        }

        MongoServer server = new MongoServer(backend);
        server.bind("127.0.0.1", port);
        InetSocketAddress address = server.getLocalAddress();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdown();
            backend.close();
        }));
        System.out.println("READY " + address.getPort());
        System.out.flush();

        InputStream in = System.in;
        byte[] buffer = new byte[256];
        while (in.read(buffer) != -1) {
            // the parent only ever closes the pipe; anything written to it is ignored
        }
        System.exit(0);
    }
}
