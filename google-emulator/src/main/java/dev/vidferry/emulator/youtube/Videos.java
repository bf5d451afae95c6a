package dev.vidferry.emulator.youtube;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.vidferry.emulator.EmulatorState;
import dev.vidferry.emulator.auth.OAuthClient;
import dev.vidferry.emulator.http.GoogleError;
import dev.vidferry.emulator.http.Json;

/** Turning a received upload into a stored Video, and the {@code part} parameter. */
public final class Videos {

    private Videos() {
    }

    /** All values of a repeatable list parameter (the Java client sends {@code part=a&part=b}), comma-joined. */
    public static String listParam(io.vertx.ext.web.RoutingContext ctx, String name) {
        java.util.List<String> all = ctx.request().params().getAll(name);
        return all.isEmpty() ? null : String.join(",", all);
    }

    public static Set<String> parts(String part) {
        if (part == null || part.isBlank()) {
            throw new GoogleError(400, "required", "global", "Required parameter: part", "part", "parameter").failure();
        }
        Set<String> out = new LinkedHashSet<>();
        Arrays.stream(part.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(out::add);
        out.add("id");
        return out;
    }

    /** The resource with only the parts {@code part} names (YouTube ignores the properties of other parts). */
    public static ObjectNode keepParts(ObjectNode resource, Set<String> parts) {
        ObjectNode kept = resource.deepCopy();
        kept.retain(new java.util.ArrayList<>(parts));
        return kept;
    }

    /** Stores the video of a finished (fully hashed) upload session and returns it. */
    public static Video store(EmulatorState state, UploadSession session, String uploadType) {
        ObjectNode resource = session.resource;
        JsonNode in = resource.path("snippet");
        ObjectNode snippet = Json.object();
        snippet.put("title", in.hasNonNull("title") ? in.get("title").asText() : "unknown");
        snippet.put("description", in.path("description").asText(""));
        if (in.path("tags").isArray() && !in.path("tags").isEmpty()) {
            snippet.set("tags", in.get("tags").deepCopy());
        }
        snippet.put("categoryId", in.hasNonNull("categoryId") ? in.get("categoryId").asText() : "22");
        for (String f : new String[]{"defaultLanguage", "defaultAudioLanguage"}) {
            if (in.hasNonNull(f)) {
                snippet.put(f, in.get(f).asText());
            }
        }
        JsonNode st = resource.path("status");
        ObjectNode status = Json.object();
        status.put("privacyStatus", st.path("privacyStatus").asText("public"));
        OAuthClient client = state.accounts().client(session.project);
        if (client != null && !client.verified()) {
            status.put("privacyStatus", "private");
        }
        if (st.hasNonNull("publishAt")) {
            status.put("publishAt", st.get("publishAt").asText());
        }
        status.put("license", st.path("license").asText("youtube"));
        status.put("embeddable", st.path("embeddable").asBoolean(true));
        status.put("publicStatsViewable", st.path("publicStatsViewable").asBoolean(true));
        if (st.has("selfDeclaredMadeForKids")) {
            status.put("madeForKids", st.get("selfDeclaredMadeForKids").asBoolean());
            status.put("selfDeclaredMadeForKids", st.get("selfDeclaredMadeForKids").asBoolean());
        }
        if (st.has("containsSyntheticMedia")) {
            status.put("containsSyntheticMedia", st.get("containsSyntheticMedia").asBoolean());
        }
        String id = YouTubeStore.newVideoId();
        Video v = new Video(id, session.owner.channelId, session.owner.username, session.project, snippet, status,
                session.md5(), session.received(), session.mimeType, state.clock().now(), session.id, uploadType);
        if (resource.path("localizations").isObject()) {
            v.localizations = (ObjectNode) resource.get("localizations").deepCopy();
        }
        if (resource.path("recordingDetails").isObject()) {
            v.recordingDetails = (ObjectNode) resource.get("recordingDetails").deepCopy();
        }
        state.youtube().add(v);
        return v;
    }
}
