package dev.vidferry.worker.google;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URL;

import com.google.api.client.http.javanet.ConnectionFactory;
import com.google.api.client.http.javanet.DefaultConnectionFactory;

/**
 * Opens the connections of one upload's session requests and remembers the latest, so another thread can cut off a
 * request in flight ({@link #abort()}): closing the socket fails a blocked write or a wait for the answer at once.
 */
final class AbortableConnections implements ConnectionFactory {

    private final ConnectionFactory connections = new DefaultConnectionFactory();
    private volatile HttpURLConnection latest;
    private volatile boolean aborted;

    @Override
    public HttpURLConnection openConnection(URL url) throws IOException {
        if (aborted) {
            throw new ResumableUpload.Aborted();
        }
        HttpURLConnection connection = connections.openConnection(url);
        latest = connection;
        return connection;
    }

    /** Closes the connection of the request in flight, if any; later requests fail at once. */
    void abort() {
        aborted = true;
        HttpURLConnection connection = latest;
        if (connection != null) {
            connection.disconnect();
        }
    }
}
