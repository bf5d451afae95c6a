package dev.vidferry.emulator.drive;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.vidferry.emulator.http.Json;

class FieldMaskTest {

    private static ObjectNode fileList() throws Exception {
        return (ObjectNode) Json.MAPPER.readTree("{\"kind\":\"drive#fileList\",\"nextPageToken\":\"t\",\"files\":["
                + "{\"id\":\"1\",\"name\":\"a\",\"size\":\"3\",\"videoMediaMetadata\":{\"width\":1,\"height\":2,\"durationMillis\":\"3\"}}]}");
    }

    @Test
    void nestedSelectionsProjectArraysAndObjects() throws Exception {
        ObjectNode out = FieldMask.parse("nextPageToken, files(id, videoMediaMetadata(width,height))").apply(fileList());
        assertThat(out.toString()).isEqualTo("{\"nextPageToken\":\"t\",\"files\":[{\"id\":\"1\","
                + "\"videoMediaMetadata\":{\"width\":1,\"height\":2}}]}");
    }

    @Test
    void slashPathsAndWildcardsSelectLikeGoogle() throws Exception {
        assertThat(FieldMask.parse("files/name").apply(fileList()).toString()).isEqualTo("{\"files\":[{\"name\":\"a\"}]}");
        assertThat(FieldMask.parse("*").apply(fileList())).isEqualTo(fileList());
        assertThat(FieldMask.parse("files(*)").selects("files", "md5Checksum")).isTrue();
        assertThat(FieldMask.parse("files(id)").selects("files", "md5Checksum")).isFalse();
    }
}
