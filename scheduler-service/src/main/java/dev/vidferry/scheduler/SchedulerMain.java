package dev.vidferry.scheduler;

import jakarta.inject.Inject;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;

import dev.vidferry.scheduler.runonce.RunOnce;

/**
 * Entry point of scheduler-service: a long-running service (timed passes, the Deployment), or with
 * {@code --run-once} / {@code VIDFERRY_SCHEDULER_RUN_ONCE=true} one pass and exit (the CronJob).
 */
@QuarkusMain
public class SchedulerMain implements QuarkusApplication {

    @Inject
    RunOnce runOnce;

    public static void main(String... args) {
        Quarkus.run(SchedulerMain.class, args);
    }

    @Override
    public int run(String... args) {
        if (runOnce.requested()) {
            return runOnce.run();
        }
        Quarkus.waitForExit();
        return 0;
    }
}
