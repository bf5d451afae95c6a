package dev.vidferry.worker.it;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import dev.vidferry.testsupport.http.SecurityHeadersContract;

/** Every answer of a worker carries the security headers, a readiness failure included. */
@QuarkusTest
@TestProfile(WorkerTestProfile.class)
class SecurityHeadersTest extends SecurityHeadersContract {
}
