package dev.vidferry.scheduler;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import dev.vidferry.testsupport.http.SecurityHeadersContract;

/** Every answer of the scheduler carries the security headers, a readiness failure included. */
@QuarkusTest
@TestProfile(SchedulerTestProfile.class)
class SecurityHeadersTest extends SecurityHeadersContract {
}
