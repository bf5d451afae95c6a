package dev.vidferry.emulator;

import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.vertx.ext.web.RoutingContext;

import dev.vidferry.emulator.auth.AccessToken;
import dev.vidferry.emulator.auth.Accounts;
import dev.vidferry.emulator.auth.User;
import dev.vidferry.emulator.control.Faults;
import dev.vidferry.emulator.drive.DriveStore;
import dev.vidferry.emulator.http.GoogleError;
import dev.vidferry.emulator.youtube.QuotaConfig;
import dev.vidferry.emulator.youtube.QuotaLedger;
import dev.vidferry.emulator.youtube.YouTubeStore;

/** Everything the emulator knows; shared by all event loops (thread-safe stores). */
public final class EmulatorState {

    private final EmulatorClock clock = new EmulatorClock();
    private final Accounts accounts = new Accounts(clock);
    private final Faults faults = new Faults();
    private final ExecutorService digestExecutor = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "emulator-digest");
        t.setDaemon(true);
        return t;
    });
    private final DriveStore drive = new DriveStore(digestExecutor, clock::now);
    private final YouTubeStore youtube = new YouTubeStore();
    private final dev.vidferry.emulator.drive.DriveCalls driveCalls = new dev.vidferry.emulator.drive.DriveCalls();
    private final QuotaLedger quota;
    private final QuotaConfig initialQuota;
    private volatile String baseUrl;

    public EmulatorState(QuotaConfig quotaConfig) {
        this.initialQuota = quotaConfig;
        this.quota = new QuotaLedger(clock, quotaConfig);
    }

    public EmulatorClock clock() {
        return clock;
    }

    public Accounts accounts() {
        return accounts;
    }

    public Faults faults() {
        return faults;
    }

    public DriveStore drive() {
        return drive;
    }

    public YouTubeStore youtube() {
        return youtube;
    }

    /** Drive API requests received, by method. */
    public dev.vidferry.emulator.drive.DriveCalls driveCalls() {
        return driveCalls;
    }

    public QuotaLedger quota() {
        return quota;
    }

    public String baseUrl() {
        return baseUrl;
    }

    void baseUrl(String url) {
        this.baseUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        accounts.issuer(this.baseUrl);
    }

    /** Back to an empty emulator with the default OAuth client, the start quota model and a real clock. */
    public synchronized void reset() {
        accounts.reset();
        faults.reset();
        drive.reset();
        youtube.reset();
        driveCalls.reset();
        clock.reset();
        quota.reset(initialQuota);
    }

    /** Adds a user with a Google account, a channel and a My Drive root folder (replacing one of the same name). */
    public synchronized User createUser(String username, String email, String password, String channelTitle,
            boolean channelVerified) {
        User user = accounts.addUser(new User(username, email, password, channelTitle, channelVerified));
        drive.addRootFolder(user, clock.now());
        return user;
    }

    /** Validates the bearer token and that it carries one of the accepted scopes (403 insufficientPermissions). */
    public AccessToken authenticate(RoutingContext ctx, Set<String> acceptedScopes) {
        AccessToken token = accounts.validate(ctx.request().getHeader("Authorization"));
        if (!token.hasAny(acceptedScopes)) {
            throw GoogleError.insufficientScopes().failure();
        }
        return token;
    }

    /** The token's user; client-only tokens can't use Drive or YouTube. */
    public static User userOf(AccessToken token) {
        if (token.user() == null) {
            throw GoogleError.of(403, "forbidden", "global", "The request requires a user.").failure();
        }
        return token.user();
    }

    void close() {
        digestExecutor.shutdownNow();
    }
}
