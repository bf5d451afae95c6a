package dev.vidferry.api.admin;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;

import dev.vidferry.api.auth.Roles;
import dev.vidferry.model.api.KeyReencryptionResult;

/** Operator endpoints: admin only ({@code user} gets 403). */
@Path("/api/v1/admin/keys")
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminKeysResource {

    private final KeyReencryption rotation;

    public AdminKeysResource(KeyReencryption rotation) {
        this.rotation = rotation;
    }

    @POST
    @Path("reencrypt")
    @Operation(summary = "Re-encrypt everything sealed at rest (Google tokens, upload session URLs, consent verifiers) with the active key, after adding a new primary key")
    @APIResponse(responseCode = "200", description = "Rows rewritten and rows already sealed with the active key", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = KeyReencryptionResult.class), examples = @ExampleObject(name = "example", value = "{\"activeKeyId\":\"k2\",\"reencrypted\":5,\"alreadyCurrent\":12,\"tables\":{\"google_account\":{\"reencrypted\":3,\"alreadyCurrent\":10},\"upload_job\":{\"reencrypted\":2,\"alreadyCurrent\":1},\"google_consent_state\":{\"reencrypted\":0,\"alreadyCurrent\":1}}}")))
    @APIResponse(responseCode = "403", description = "The caller is not an admin")
    public Uni<KeyReencryptionResult> reencrypt() {
        return rotation.reencryptAll();
    }
}
