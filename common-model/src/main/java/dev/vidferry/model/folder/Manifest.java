package dev.vidferry.model.folder;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.vidferry.model.metadata.Violation;

/**
 * A folder's {@code vidferry.csv}: RFC 4180 CSV (comma separated, {@code "} quotes, {@code ""} inside quotes, UTF-8
 * with or without BOM), a header row with a {@code filename} column and any of {@link FileOverrides#FIELDS}, one row
 * per file name; tags separated by {@code |}. A row's error concerns that file only.
 *
 * @param rows parsed rows by file name (exact, case-sensitive, as Drive names the file)
 * @param problems problems of the whole manifest (no header, no filename column, bad quoting), empty when usable
 */
public record Manifest(Map<String, ParsedOverrides> rows, List<Violation> problems) {

    public static final String FILENAME_COLUMN = "filename";

    public Manifest {
        rows = Map.copyOf(rows);
        problems = List.copyOf(problems);
    }

    /** The row for {@code fileName}, if the manifest has one. */
    public Optional<ParsedOverrides> row(String fileName) {
        return Optional.ofNullable(rows.get(fileName));
    }

    /** Parses {@code csv} with {@code parser}'s rules. */
    public static Manifest parse(byte[] csv, OverrideParser parser) {
        String text = new String(csv, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<List<String>> records;
        try {
            records = records(text);
        } catch (IllegalArgumentException e) {
            return new Manifest(Map.of(), List.of(new Violation("manifest", "invalidCsv", e.getMessage())));
        }
        if (records.isEmpty()) {
            return new Manifest(Map.of(), List.of(new Violation("manifest", "invalidCsv", "the manifest is empty")));
        }
        List<String> header = records.get(0).stream().map(String::strip).toList();
        int nameColumn = header.indexOf(FILENAME_COLUMN);
        if (nameColumn < 0) {
            return new Manifest(Map.of(), List.of(new Violation("manifest", "invalidCsv",
                    "the header row needs a " + FILENAME_COLUMN + " column")));
        }
        Map<String, ParsedOverrides> rows = new LinkedHashMap<>();
        for (List<String> record : records.subList(1, records.size())) {
            if (record.size() == 1 && record.get(0).isBlank()) {
                continue;
            }
            String name = nameColumn < record.size() ? record.get(nameColumn).strip() : "";
            if (name.isEmpty()) {
                continue;
            }
            Map<String, String> cells = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                if (i != nameColumn) {
                    cells.put(header.get(i), i < record.size() ? record.get(i) : "");
                }
            }
            ParsedOverrides parsed = parser.row(cells);
            if (record.size() > header.size()) {
                List<Violation> v = new ArrayList<>(parsed.violations());
                v.add(0, new Violation("manifest", "invalidCsv", "the row has more cells than the header"));
                parsed = new ParsedOverrides(parsed.overrides(), v);
            }
            if (rows.containsKey(name)) {
                parsed = new ParsedOverrides(FileOverrides.none(), List.of(new Violation(FILENAME_COLUMN,
                        "duplicateRow", "the manifest has more than one row for " + name)));
            }
            rows.put(name, parsed);
        }
        return new Manifest(rows, List.of());
    }

    static List<List<String>> records(String text) {
        List<List<String>> out = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"' && cell.isEmpty()) {
                quoted = true;
                any = true;
            } else if (c == ',') {
                record.add(cell.toString());
                cell.setLength(0);
                any = true;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                record.add(cell.toString());
                out.add(record);
                record = new ArrayList<>();
                cell.setLength(0);
                any = false;
            } else {
                cell.append(c);
                any = true;
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("a quoted cell is not closed");
        }
        if (any || !cell.isEmpty()) {
            record.add(cell.toString());
            out.add(record);
        }
        return out;
    }
}
