package dev.vidferry.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.vidferry.testsupport.emulator.EmulatorClient.SeededFile;

/**
 * P4: {@code POST /api/v1/folders/{id}/enqueue} of a folder of 10,000 videos: request -> every job stored (scanned,
 * deduplicated, enqueued); then the same request after 3 new files: only those 3 are added. Reports "not available"
 * when the API does not offer the operation (its OpenAPI document has no such path).
 */
final class FolderScanBench implements Benchmark {

    static final String PATH = "/api/v1/folders/{folderId}/enqueue";
    /** Any name of the path parameter. */
    private static final java.util.regex.Pattern OFFERED = java.util.regex.Pattern
            .compile("\"/api/v1/folders/\\{[^}]+}/enqueue\"");

    @Override
    public String id() {
        return "P4";
    }

    @Override
    public String name() {
        return "folders";
    }

    @Override
    public void run(BenchContext ctx, Report report) throws Exception {
        if (!offered(ctx)) {
            report.row(id(), "folder scan and enqueue", "not available: this build's API has no " + PATH, "< 10 s",
                    null);
            return;
        }
        int count = ctx.quick ? 500 : 10_000;
        BenchContext.User user = ctx.newUser("p4");
        List<SeededFile> seeded = ctx.emulator.seedFolder(user.google().username(), null, "p4", count, 1024);
        SeededFile folder = seeded.stream().filter(SeededFile::isFolder).findFirst().orElseThrow();
        List<String> ids = new ArrayList<>(seeded.stream().filter(f -> !f.isFolder()).map(SeededFile::id).toList());
        try (Connection db = ctx.db()) {
            double first = enqueue(ctx, user, folder.id(), db, ids, count);
            report.row(id(), "enqueue a folder of " + count + " videos: request -> all jobs stored",
                    String.format("%.2f s (%.0f jobs/s)", first, count / first), "< 10 s", first < 10);
            // 3 changes: 3 files trashed, 3 new ones (the folder keeps its size, within maxFiles)
            for (int i = 0; i < 3; i++) {
                ctx.emulator.trashFile(ids.get(i));
                ids.add(ctx.emulator.seedFile(user.google().username(), folder.id(), "p4-new-" + i + ".mp4", 1024)
                        .id());
            }
            double again = enqueue(ctx, user, folder.id(), db, ids, count + 3);
            BenchContext.sleep(1000);
            long total = stored(db, ids);
            report.row(id(), "incremental re-run after 3 new files", String.format("%.2f s, %d jobs in all", again,
                    total), "< 1 s, no duplicates", again < 1 && total == count + 3);
            report.check(id(), total == count + 3, "expected " + (count + 3) + " jobs, found " + total);
        }
    }

    private static boolean offered(BenchContext ctx) throws Exception {
        HttpResponse<String> openapi = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(ctx.api
                + "/q/openapi?format=json")).build(), HttpResponse.BodyHandlers.ofString());
        return openapi.statusCode() == 200 && OFFERED.matcher(openapi.body()).find();
    }

    private double enqueue(BenchContext ctx, BenchContext.User user, String folderId, Connection db, List<String> ids,
            long expected) throws Exception {
        long start = System.nanoTime();
        // every seeded file may share its content: the md5 duplicate check is not what is measured here
        ctx.call("POST", PATH.replace("{folderId}", folderId), user.token(), Map.of("skipDuplicates", false))
                .expect(200, 201, 202);
        long deadline = start + 120_000_000_000L;
        while (stored(db, ids) < expected) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + stored(db, ids) + " of " + expected + " jobs after 120 s");
            }
            BenchContext.sleep(20);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static long stored(Connection db, List<String> ids) throws Exception {
        try (PreparedStatement count = db.prepareStatement(
                "SELECT count(*) FROM upload_job WHERE drive_file_id = ANY (?)")) {
            Array array = db.createArrayOf("text", ids.toArray());
            count.setArray(1, array);
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
