package dev.vidferry.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;

import dev.vidferry.emulator.auth.OAuthRoutes;
import dev.vidferry.emulator.control.ControlRoutes;
import dev.vidferry.emulator.drive.DriveRoutes;
import dev.vidferry.emulator.http.GoogleError;
import dev.vidferry.emulator.http.Json;
import dev.vidferry.emulator.http.SecurityHeaders;
import dev.vidferry.emulator.youtube.ThumbnailRoutes;
import dev.vidferry.emulator.youtube.UploadRoutes;
import dev.vidferry.emulator.youtube.YouTubeRoutes;

/**
 * The emulator on plain Vert.x: one host serving Google's OAuth/OIDC, Drive v3, YouTube v3 and upload endpoints plus
 * the control API. Embeddable: {@code EmulatorServer.start(Vertx.vertx(), EmulatorOptions.defaults()).port()}.
 */
public final class EmulatorServer implements AutoCloseable {

    private final Vertx vertx;
    private final EmulatorState state;
    private final ControlRoutes control;
    private final List<String> deployments = new ArrayList<>();
    private volatile int port;

    private EmulatorServer(Vertx vertx, EmulatorOptions options) {
        this.vertx = vertx;
        this.state = new EmulatorState(options.quota());
        this.control = new ControlRoutes(state);
    }

    /** Starts and blocks until bound (don't call on an event loop; use {@link #startAsync}). */
    public static EmulatorServer start(Vertx vertx, EmulatorOptions options) {
        try {
            return startAsync(vertx, options).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Google emulator failed to start", e);
        }
    }

    public static Future<EmulatorServer> startAsync(Vertx vertx, EmulatorOptions options) {
        EmulatorServer server = new EmulatorServer(vertx, options);
        int instances = options.effectiveInstances();
        // a negative port makes Vert.x share one random port among the instances
        int bindPort = options.port() == 0 ? -1 : options.port();
        return vertx.deployVerticle(() -> server.new HttpVerticle(options.host(), bindPort),
                new DeploymentOptions().setInstances(instances)).map(id -> {
                    server.deployments.add(id);
                    server.state.baseUrl(options.baseUrl() != null
                            ? options.baseUrl()
                            : "http://" + publicHost(options.host()) + ":" + server.port);
                    if (options.demoSeed()) {
                        server.control.seeder().demo();
                    }
                    return server;
                });
    }

    private static String publicHost(String host) {
        return host == null || host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return state.baseUrl();
    }

    public EmulatorState state() {
        return state;
    }

    @Override
    public void close() {
        List<Future<Void>> undeploys = deployments.stream().map(vertx::undeploy).toList();
        try {
            Future.join(new ArrayList<>(undeploys)).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // closing anyway
        }
        state.close();
    }

    Router router() {
        Router router = Router.router(vertx);
        router.route().handler(ctx -> {
            ctx.request().pause();
            long latency = state.faults().latencyMillis();
            String path = ctx.normalizedPath();
            if (latency > 0 && !path.startsWith("/_emulator") && !path.startsWith("/q/")) {
                vertx.setTimer(latency, t -> ctx.next());
            } else {
                ctx.next();
            }
        });
        router.get("/q/health*").handler(ctx -> Json.send(ctx, 200, Json.object().put("status", "UP")));
        new OAuthRoutes(state).mount(router);
        new DriveRoutes(state).mount(router);
        new UploadRoutes(state).mount(router);
        new ThumbnailRoutes(state).mount(router);
        new YouTubeRoutes(state).mount(router);
        control.mount(router);
        router.route().handler(ctx -> GoogleError.notFound("Not Found").send(ctx));
        router.route().failureHandler(ctx -> {
            Throwable f = ctx.failure();
            if (ctx.response().headWritten()) {
                ctx.request().connection().close();
                return;
            }
            if (f instanceof GoogleError.Failure gf) {
                gf.error.send(ctx);
            } else if (f instanceof Json.BadRequest br) {
                GoogleError.badRequest(br.reason, br.getMessage()).send(ctx);
            } else if (f == null && ctx.statusCode() == 405) {
                GoogleError.of(405, "httpMethodNotAllowed", "global", "Method Not Allowed").send(ctx);
            } else if (f == null && ctx.statusCode() > 0 && ctx.statusCode() < 500) {
                GoogleError.of(ctx.statusCode(), "badRequest", "global", "Bad Request").send(ctx);
            } else {
                GoogleError.of(500, "backendError", "global", "Backend Error: " + f).send(ctx);
            }
        });
        return router;
    }

    /** One HTTP server on one event loop; several share the port. */
    private final class HttpVerticle extends AbstractVerticle {

        private final String host;
        private final int bindPort;

        HttpVerticle(String host, int bindPort) {
            this.host = host;
            this.bindPort = bindPort;
        }

        @Override
        public void start(Promise<Void> startPromise) {
            HttpServerOptions opts = new HttpServerOptions().setHost(host).setPort(bindPort)
                    .setDecompressionSupported(true).setCompressionSupported(false).setTcpNoDelay(true)
                    .setReceiveBufferSize(1 << 20).setSendBufferSize(1 << 20).setMaxChunkSize(64 * 1024)
                    .setIdleTimeout(0).setHandle100ContinueAutomatically(true)
                    .setMaxInitialLineLength(64 * 1024).setMaxHeaderSize(64 * 1024);
            Router router = router();
            HttpServer server = vertx.createHttpServer(opts).requestHandler(request -> {
                SecurityHeaders.apply(request.response());
                router.handle(request);
            });
            server.listen().onSuccess(s -> {
                if (port == 0) {
                    port = s.actualPort();
                }
                startPromise.complete();
            }).onFailure(startPromise::fail);
        }
    }
}
