import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import org.h2.mvstore.MVStore;

/**
 * Starts mongo-java-server on 127.0.0.1 and prints one line "READY <port>" once it accepts
 * connections. Usage: EmbeddedMongo <port|0> memory | EmbeddedMongo <port|0> h2 <file> [commit|fsync|delayed].
 *
 * The process lives exactly as long as its standard input stays open: the Node script that
 * spawned it holds the other end, so when that script exits for any reason (Ctrl-C, a crash,
 * SIGKILL) the pipe closes and the database stops too. No orphan Java process is left behind.
 */
public final class EmbeddedMongo {
    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: EmbeddedMongo <port> memory | EmbeddedMongo <port> h2 <file> [commit|fsync|delayed]");
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
                String durability = args.length > 3 ? args[3] : "commit";
                switch (durability) {
                    case "commit", "fsync" -> backend = new DurableH2Backend(file.toString(), durability.equals("fsync"));
                    // The stock backend, committing about a second after it answered: only the
                    // baseline of `npm run bench:durability`, never for data anyone wants back.
                    case "delayed" -> backend = new H2Backend(file.toString());
                    default -> {
                        System.err.println("durability must be commit, fsync or delayed, not " + durability);
                        System.exit(2);
                        return;
                    }
                }
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

    /**
     * The H2 backend with an acknowledgement that means "on disk" (issue 20). Stock H2Backend opens
     * its MVStore with a background auto-commit (about a second later, after the client was already
     * answered), so a crash in that second lost writes the server had confirmed. Here the background
     * commit is off and every write command is committed before its reply leaves: the reply is only
     * built after handleCommand returns.
     *
     * Write commands run one at a time under one lock, with their commit. That also makes every
     * commit fall between two commands, never inside one: a document written without its index
     * entries can no longer reach the file, which the background commit could do at any instant.
     * "fsync" additionally forces the file to the device (survives power loss, not only a killed
     * process) at the price measured by `npm run bench:durability`.
     *
     * Space: each commit writes a new chunk to the file and leaves older chunks partly or wholly dead.
     * H2 only reuses a dead chunk's space once it is older than the retention time (45 s by default) and
     * only empties partly dead chunks by compaction in its background thread, off here. With a commit
     * per write that meant 45 s of writes at full rate in the file (about 1 GB while similarity
     * fingerprints were stored, ~1.4 MB each) and chunks with a few live pages kept for ever. The
     * retention time protects two things, which this class protects explicitly instead, so that it can
     * be 0 (a dead chunk's space is reused at once):
     * - a reader walking an older root: every read command registers the version it reads for its
     *   duration (cursors are materialized within the command), and H2 does not overwrite a chunk that
     *   such a version still uses;
     * - a crash of the machine (not only of the process) while the chunks that superseded a dead one
     *   are still in the OS's cache: in "commit" mode {@link #syncAndPin} forces the file to the device
     *   and then pins the version reached, so only chunks superseded before that sync are reused
     *   ("fsync" forces every commit anyway).
     * Every {@value #MAINTAIN_EVERY} commits {@link #maintain} does that sync and empties partly dead
     * chunks (compaction), under the write lock and between two commands.
     */
    static final class DurableH2Backend extends H2Backend {
        private static final Set<String> WRITES = Set.of(
                "insert", "update", "delete", "findandmodify", "create", "drop", "dropdatabase",
                "createindexes", "dropindexes", "renamecollection");
        /** Commits between two maintenance steps: small steps often keep each reply's delay short. */
        static final int MAINTAIN_EVERY = 16;
        /** Chunks filled below this percentage have their live pages moved to the newest chunk. */
        private static final int TARGET_FILL_RATE = 50;
        /** Bytes of live pages rewritten per step at most, so that no one reply waits long for it. */
        private static final int REWRITE_BYTES = 1 << 20;

        private final MVStore store;
        private final boolean fsync;
        private final ReentrantLock writeLock = new ReentrantLock();
        private long commits;
        /** "commit" mode: the version reached at the last sync; chunks superseded since then are kept. */
        private MVStore.TxCounter synced;

        DurableH2Backend(String fileName, boolean fsync) {
            this(new MVStore.Builder().fileName(fileName).autoCommitDisabled().open(), fsync);
        }

        private DurableH2Backend(MVStore store, boolean fsync) {
            super(store);
            this.store = store;
            this.fsync = fsync;
            store.setRetentionTime(0);
            // The file as found may still be partly in the OS's cache (a process killed a moment ago).
            if (!fsync) syncAndPin();
        }

        @Override
        public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
            if (WRITES.contains(command.toLowerCase(Locale.ROOT))) {
                writeLock.lock();
                try {
                    return super.handleCommand(channel, databaseName, command, query);
                } finally {
                    // Also after a failed command: an unordered insert may have written part of its batch.
                    persist();
                    writeLock.unlock();
                }
            }
            Document reply;
            MVStore.TxCounter reading = store.registerVersionUsage();
            try {
                reply = super.handleCommand(channel, databaseName, command, query);
            } finally {
                store.deregisterVersionUsage(reading);
            }
            // Anything else that changed data (an aggregate with $out or $merge) is persisted too.
            if (store.hasUnsavedChanges()) {
                writeLock.lock();
                try {
                    persist();
                } finally {
                    writeLock.unlock();
                }
            }
            return reply;
        }

        private void persist() {
            if (!store.hasUnsavedChanges()) return;
            store.commit();
            if (fsync) store.sync();
            if (++commits % MAINTAIN_EVERY == 0) maintain();
        }

        /**
         * Called with the write lock held, right after a command's commit. Dead chunks are freed first
         * so that only partly dead ones pull the fill rate under the target. The pages compaction moves
         * hold the same data, so committing them changes nothing a client can see; the chunks it
         * empties are freed later, as any dead chunk.
         */
        private void maintain() {
            if (!fsync) syncAndPin();
            store.getFileStore().dropUnusedChunks();
            if (store.compact(TARGET_FILL_RATE, REWRITE_BYTES) && store.hasUnsavedChanges()) {
                store.commit();
                if (fsync) store.sync();
            }
        }

        /** "commit" mode, write lock held: what the chunks now dead were superseded by is on the device. */
        private void syncAndPin() {
            store.sync();
            MVStore.TxCounter previous = synced;
            synced = store.registerVersionUsage();
            if (previous != null) store.deregisterVersionUsage(previous);
        }
    }
}
