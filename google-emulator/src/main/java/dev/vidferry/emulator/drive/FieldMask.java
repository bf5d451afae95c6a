package dev.vidferry.emulator.drive;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.vidferry.emulator.http.GoogleError;
import dev.vidferry.emulator.http.Json;

/** Google's partial-response {@code fields} syntax: {@code a,b(c,d),e/f,*}. */
public final class FieldMask {

    /** field name to sub-mask; a null sub-mask selects the whole value */
    private final Map<String, FieldMask> fields = new LinkedHashMap<>();
    private boolean all;

    public static FieldMask parse(String spec) {
        FieldMask m = new FieldMask();
        int[] pos = {0};
        m.parseInto(spec.replace(" ", ""), pos);
        if (pos[0] != spec.replace(" ", "").length()) {
            throw invalid(spec);
        }
        return m;
    }

    private void parseInto(String s, int[] pos) {
        while (pos[0] < s.length()) {
            int start = pos[0];
            while (pos[0] < s.length() && ",()/".indexOf(s.charAt(pos[0])) < 0) {
                pos[0]++;
            }
            String name = s.substring(start, pos[0]);
            if (name.isEmpty()) {
                throw invalid(s);
            }
            FieldMask sub = null;
            if (pos[0] < s.length() && s.charAt(pos[0]) == '(') {
                pos[0]++;
                sub = child(name);
                sub.parseInto(s, pos);
                if (pos[0] >= s.length() || s.charAt(pos[0]) != ')') {
                    throw invalid(s);
                }
                pos[0]++;
            } else if (pos[0] < s.length() && s.charAt(pos[0]) == '/') {
                pos[0]++;
                sub = child(name);
                int before = pos[0];
                while (pos[0] < s.length() && ",)".indexOf(s.charAt(pos[0])) < 0) {
                    pos[0]++;
                }
                FieldMask path = FieldMask.parse(s.substring(before, pos[0]));
                sub.merge(path);
            } else if (name.equals("*")) {
                all = true;
            } else {
                fields.put(name, null);
            }
            if (pos[0] < s.length() && s.charAt(pos[0]) == ',') {
                pos[0]++;
            } else {
                return;
            }
        }
    }

    private FieldMask child(String name) {
        if (fields.containsKey(name) && fields.get(name) == null) {
            return new FieldMask();
        }
        return fields.computeIfAbsent(name, n -> new FieldMask());
    }

    private void merge(FieldMask other) {
        all |= other.all;
        other.fields.forEach((k, v) -> {
            if (v == null) {
                fields.put(k, null);
            } else {
                child(k).merge(v);
            }
        });
    }

    /** Whether the mask selects the value at a path, e.g. {@code selects("files", "md5Checksum")}. */
    public boolean selects(String... path) {
        FieldMask m = this;
        for (String p : path) {
            if (m.all) {
                return true;
            }
            if (!m.fields.containsKey(p)) {
                return false;
            }
            m = m.fields.get(p);
            if (m == null) {
                return true;
            }
        }
        return true;
    }

    public ObjectNode apply(ObjectNode source) {
        if (all) {
            return source;
        }
        ObjectNode out = Json.object();
        fields.forEach((name, sub) -> {
            JsonNode v = source.get(name);
            if (v == null) {
                return;
            }
            out.set(name, sub == null ? v : project(v, sub));
        });
        return out;
    }

    private static JsonNode project(JsonNode v, FieldMask sub) {
        if (v.isObject()) {
            return sub.apply((ObjectNode) v);
        }
        if (v.isArray()) {
            ArrayNode arr = Json.array();
            v.forEach(e -> arr.add(project(e, sub)));
            return arr;
        }
        return v;
    }

    private static GoogleError.Failure invalid(String spec) {
        return GoogleError.invalidParameter("fields", "Invalid field selection " + spec).failure();
    }
}
