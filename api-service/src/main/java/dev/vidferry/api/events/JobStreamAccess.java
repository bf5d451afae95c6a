package dev.vidferry.api.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;

/**
 * Answers a per-job event stream of a job that is not the caller's with the API's 404 (problem+json) before the
 * stream starts: once an SSE response has begun its status can no longer change. Anonymous callers pass on to the
 * resource's {@code @RolesAllowed(Roles.USER)}, which answers 401.
 */
@ApplicationScoped
public class JobStreamAccess {

    private final CurrentIdentityAssociation identities;
    private final LiveStreams streams;

    public JobStreamAccess(CurrentIdentityAssociation identities, LiveStreams streams) {
        this.identities = identities;
        this.streams = streams;
    }

    @ServerRequestFilter
    public Uni<Void> ownJobsOnly(ContainerRequestContext request, ResourceInfo resource) {
        if (resource.getResourceClass() != JobEventsResource.class) {
            return null;
        }
        String jobId = request.getUriInfo().getPathParameters().getFirst("id");
        return identities.getDeferredIdentity().chain(identity -> identity.getPrincipal() instanceof JsonWebToken jwt
                && jwt.getSubject() != null
                        ? streams.requireOwned(jwt.getSubject(), jobId).replaceWithVoid()
                        : Uni.createFrom().voidItem());
    }
}
