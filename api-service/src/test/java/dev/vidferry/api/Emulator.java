package dev.vidferry.api;

import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

import dev.vidferry.testsupport.emulator.EmulatorClient;
import dev.vidferry.testsupport.emulator.EmulatorClient.SeededFile;
import dev.vidferry.testsupport.emulator.GoogleEmulatorResource;

/** Test-side use of the Google emulator ({@link GoogleEmulatorResource}): users with real tokens, Drive files. */
public final class Emulator {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Emulator() {
    }

    /** An emulated person: a bearer token for our API and a Google refresh token for vidferry's scopes. */
    public record User(String username, String sub, String accessToken, String refreshToken) {

        public String bearer() {
            return "Bearer " + accessToken;
        }
    }

    public static EmulatorClient client() {
        return GoogleEmulatorResource.client();
    }

    /** A new user with a unique name, its API bearer token (password grant) and a Google refresh token. */
    public static User newUser(String prefix) {
        String username = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        EmulatorClient.EmulatorUser created = client().createUser(username, "pw");
        return new User(username, created.sub(), client().oidcAccessToken(username, "pw"), created.refreshToken());
    }

    /** Seeds a file in the user's Drive root; returns its id. */
    public static String file(User owner, String name, String mimeType, long size) {
        ArrayNode items = MAPPER.createArrayNode();
        items.addObject().put("name", name).put("mimeType", mimeType).put("size", size);
        return client().seedTree(owner.username(), null, items).get(0).id();
    }

    /** Seeds a shortcut to {@code targetId}; returns the shortcut's id. */
    public static String shortcut(User owner, String name, String targetId) {
        return client().seedShortcut(owner.username(), null, name, targetId).id();
    }

    /** Moves a file to the Drive trash. */
    public static void trash(String fileId) {
        client().trashFile(fileId);
    }

    /** The Drive file as the emulator's control API sees it (with its md5). */
    public static SeededFile describe(User owner, String fileId) {
        return client().files(owner.username()).stream().filter(f -> f.id().equals(fileId)).findFirst().orElseThrow();
    }
}
