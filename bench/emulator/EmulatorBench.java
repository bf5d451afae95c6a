import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loopback throughput of the Google emulator: a 1 GiB Drive media download and a 1 GiB resumable YouTube upload in
 * 8 MiB chunks. Usage: java EmulatorBench.java http://127.0.0.1:8089 [sizeMiB]
 */
public class EmulatorBench {

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0] : "http://127.0.0.1:8089";
        long size = (args.length > 1 ? Long.parseLong(args[1]) : 1024) << 20;
        String user = "bench" + System.nanoTime();
        String created = post(base + "/_emulator/users", "{\"username\":\"" + user + "\"}", "application/json");
        String token = field(created, "accessToken");
        String files = post(base + "/_emulator/files", "{\"owner\":\"" + user + "\",\"name\":\"bench.mp4\",\"size\":" + size
                + ",\"seed\":42}", "application/json");
        String fileId = field(files, "id");
        long seeded = System.nanoTime();
        String meta = get(base + "/drive/v3/files/" + fileId + "?fields=md5Checksum,size", token);
        System.out.printf("seed %d MiB: md5+sha256 ready after %.2f s%n", size >> 20, (System.nanoTime() - seeded) / 1e9);
        String expectedMd5 = field(meta, "md5Checksum");

        // download
        for (int round = 0; round < 2; round++) {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            long t0 = System.nanoTime();
            HttpResponse<InputStream> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/drive/v3/files/" + fileId
                    + "?alt=media")).header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofInputStream());
            long n = 0;
            byte[] buf = new byte[1 << 20];
            try (InputStream in = r.body()) {
                int k;
                while ((k = in.read(buf)) > 0) {
                    n += k;
                    if (round == 0) {
                        md5.update(buf, 0, k);
                    }
                }
            }
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf("download %s: %d MiB in %.2f s = %.0f MiB/s%s%n", round == 0 ? "(client md5)" : "(no md5)",
                    n >> 20, s, (n >> 20) / s, round == 0 ? ", md5 " + (HexFormat.of().formatHex(md5.digest())
                            .equals(expectedMd5) ? "matches" : "MISMATCH") : "");
        }

        // resumable upload, 8 MiB chunks
        int chunk = 8 << 20;
        byte[] block = new byte[chunk];
        new Random(1).nextBytes(block);
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        for (long off = 0; off < size; off += chunk) {
            md5.update(block, 0, (int) Math.min(chunk, size - off));
        }
        String sentMd5 = HexFormat.of().formatHex(md5.digest());
        HttpResponse<String> init = HTTP.send(HttpRequest.newBuilder(URI.create(base
                + "/upload/youtube/v3/videos?uploadType=resumable&part=snippet,status"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("X-Upload-Content-Length", String.valueOf(size)).header("X-Upload-Content-Type", "video/mp4")
                .POST(HttpRequest.BodyPublishers.ofString("{\"snippet\":{\"title\":\"bench\"},\"status\":{\"privacyStatus\":\"private\"}}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        String session = init.headers().firstValue("Location").orElseThrow(() -> new IllegalStateException(init.body()));
        long t0 = System.nanoTime();
        String videoJson = null;
        for (long off = 0; off < size; off += chunk) {
            int len = (int) Math.min(chunk, size - off);
            // HttpURLConnection in fixed-length streaming mode: what google-http-client's NetHttpTransport does
            java.net.HttpURLConnection c = (java.net.HttpURLConnection) URI.create(session).toURL().openConnection();
            c.setRequestMethod("PUT");
            c.setDoOutput(true);
            c.setFixedLengthStreamingMode(len);
            c.setRequestProperty("Content-Range", "bytes " + off + "-" + (off + len - 1) + "/" + size);
            try (java.io.OutputStream out = c.getOutputStream()) {
                out.write(block, 0, len);
            }
            int status = c.getResponseCode();
            if (status != 308 && status != 201) {
                throw new IllegalStateException("PUT " + status);
            }
            try (InputStream in = status == 201 ? c.getInputStream() : c.getErrorStream()) {
                videoJson = in == null ? "" : new String(in.readAllBytes());
            }
        }
        double s = (System.nanoTime() - t0) / 1e9;
        String videoId = field(videoJson, "id");
        String stored = get(base + "/_emulator/videos", null);
        int at = stored.indexOf("\"id\":\"" + videoId + "\"");
        String storedMd5 = field(stored.substring(at), "md5");
        System.out.printf("upload: %d MiB in %.2f s = %.0f MiB/s, md5 %s%n", size >> 20, s, (size >> 20) / s,
                storedMd5.equals(sentMd5) ? "matches" : "MISMATCH");
        System.out.println("emulator stats: " + get(base + "/_emulator/stats", null));
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"?([^\",}]*)").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException(name + " not in " + json);
        }
        return m.group(1);
    }

    static String post(String url, String body, String type) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(url + " " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    static String get(String url, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(url + " " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }
}
