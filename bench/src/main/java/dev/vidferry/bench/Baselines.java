package dev.vidferry.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The two transfers P1 compares vidferry with, over the same emulator and the same Google wire protocol: the limit (one
 * streamed Drive {@code alt=media} GET piped into one resumable PUT of the whole file) and the original design (download
 * the whole file to disk, then upload it in one PUT).
 */
final class Baselines {

    private static final int BUFFER = 1 << 20;

    private final String emulator;
    private final String googleToken;

    Baselines(String emulator, String googleToken) {
        this.emulator = emulator;
        this.googleToken = googleToken;
    }

    /** Seconds for one streamed GET piped into one PUT, session creation included. */
    double streamed(String fileId, long size) throws IOException {
        long start = System.nanoTime();
        String session = initiate(size);
        HttpURLConnection get = download(fileId);
        HttpURLConnection put = put(session, size);
        try (InputStream in = get.getInputStream(); OutputStream out = put.getOutputStream()) {
            copy(in, out, size);
        }
        finish(put);
        get.disconnect();
        return (System.nanoTime() - start) / 1e9;
    }

    /** Seconds for downloading the whole file to {@code dir}, then uploading it in one PUT. */
    double downloadThenUpload(String fileId, long size, Path dir) throws IOException {
        Path file = Files.createTempFile(dir, "vf-bench-", ".mp4");
        try {
            long start = System.nanoTime();
            HttpURLConnection get = download(fileId);
            try (InputStream in = get.getInputStream(); OutputStream out = Files.newOutputStream(file)) {
                copy(in, out, size);
            }
            String session = initiate(size);
            HttpURLConnection put = put(session, size);
            try (InputStream in = Files.newInputStream(file); OutputStream out = put.getOutputStream()) {
                copy(in, out, size);
            }
            finish(put);
            return (System.nanoTime() - start) / 1e9;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private String initiate(long size) throws IOException {
        HttpURLConnection post = open(emulator + "/upload/youtube/v3/videos?uploadType=resumable&part=snippet,status");
        post.setRequestMethod("POST");
        post.setDoOutput(true);
        post.setRequestProperty("Content-Type", "application/json; charset=UTF-8");
        post.setRequestProperty("X-Upload-Content-Length", String.valueOf(size));
        post.setRequestProperty("X-Upload-Content-Type", "video/mp4");
        byte[] body = ("{\"snippet\":{\"title\":\"bench baseline\",\"categoryId\":\"22\"},\"status\":{\"privacyStatus\":"
                + "\"private\",\"selfDeclaredMadeForKids\":false}}").getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = post.getOutputStream()) {
            out.write(body);
        }
        int code = post.getResponseCode();
        String location = post.getHeaderField("Location");
        if (code != 200 || location == null) {
            throw new IOException("upload initiation answered " + code);
        }
        post.getInputStream().readAllBytes();
        return location;
    }

    private HttpURLConnection download(String fileId) throws IOException {
        HttpURLConnection get = open(emulator + "/drive/v3/files/" + fileId + "?alt=media");
        if (get.getResponseCode() != 200) {
            throw new IOException("Drive download answered " + get.getResponseCode());
        }
        return get;
    }

    private HttpURLConnection put(String session, long size) throws IOException {
        HttpURLConnection put = (HttpURLConnection) URI.create(session).toURL().openConnection();
        put.setRequestMethod("PUT");
        put.setDoOutput(true);
        put.setFixedLengthStreamingMode(size);
        put.setRequestProperty("Content-Type", "video/mp4");
        put.setReadTimeout(600_000);
        return put;
    }

    private static void finish(HttpURLConnection put) throws IOException {
        int code = put.getResponseCode();
        if (code != 200 && code != 201) {
            throw new IOException("upload PUT answered " + code);
        }
        put.getInputStream().readAllBytes();
    }

    private HttpURLConnection open(String url) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
        connection.setRequestProperty("Authorization", "Bearer " + googleToken);
        connection.setConnectTimeout(5_000);
        connection.setReadTimeout(600_000);
        return connection;
    }

    private static void copy(InputStream in, OutputStream out, long size) throws IOException {
        byte[] buffer = new byte[BUFFER];
        long copied = 0;
        int n;
        while ((n = in.read(buffer)) > 0) {
            out.write(buffer, 0, n);
            copied += n;
        }
        if (copied != size) {
            throw new IOException("copied " + copied + " of " + size + " bytes");
        }
    }
}
