package dev.vidferry.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A Server-Sent Events client of the packaged api as a browser would use it ({@code Accept: text/event-stream},
 * a bearer token, optionally {@code Last-Event-ID}); one thread parses events into a queue with their arrival time.
 */
public final class SseStream implements AutoCloseable {

    /** One event with its wall-clock arrival time (the worker runs on the same machine, so clocks compare). */
    public record Event(String id, String name, JsonNode json, long receivedMillis) {

        public String jobId() {
            return json.path("jobId").asText();
        }

        public String eventId() {
            return json.path("eventId").asText();
        }

        public String status() {
            return json.path("data").path("status").asText();
        }
    }

    private static final Event END = new Event(null, "end-of-stream", null, 0);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final InputStream body;
    private final int status;
    private volatile boolean ended;

    private SseStream(HttpResponse<InputStream> response) {
        this.body = response.body();
        this.status = response.statusCode();
        if (status == 200) {
            Thread reader = new Thread(this::read, "sse-stream");
            reader.setDaemon(true);
            reader.start();
        }
    }

    /** Opens {@code /api/v1<path>} on {@code stack}'s api with {@code token}. */
    public static SseStream open(Stack stack, String token, String path, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.api().baseUrl() + "/api/v1" + path))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        try {
            return new SseStream(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public int status() {
        return status;
    }

    /** The next event within {@code timeout}; null when none came or the stream ended (see {@link #ended()}). */
    public Event next(Duration timeout) {
        try {
            Event event = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return event == END ? null : event;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Events received so far and not yet taken. */
    public List<Event> drain() {
        List<Event> out = new ArrayList<>();
        events.drainTo(out);
        out.remove(END);
        return out;
    }

    /** Whether the server ended the stream. */
    public boolean ended() {
        return ended;
    }

    /** Waits up to {@code timeout} for the server to end the stream. */
    public boolean awaitEnd(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ended && System.nanoTime() < deadline) {
            ServiceProcess.sleep(20);
        }
        return ended;
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String id = null;
            String name = null;
            StringBuilder data = null;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isEmpty()) {
                    if (data != null) {
                        long now = System.currentTimeMillis();
                        events.add(new Event(id, name, ApiClient.JSON.readTree(data.toString()), now));
                    }
                    id = null;
                    name = null;
                    data = null;
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).trim();
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    String chunk = line.substring(5).startsWith(" ") ? line.substring(6) : line.substring(5);
                    data = data == null ? new StringBuilder(chunk) : data.append('\n').append(chunk);
                }
            }
        } catch (IOException e) {
            // closed by close()
        } finally {
            ended = true;
            events.add(END);
        }
    }

    @Override
    public void close() {
        try {
            body.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
