package dev.vidferry.emulator.drive;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;

import dev.vidferry.emulator.http.GoogleError;

/**
 * The subset of Drive's search syntax vidferry uses: {@code 'id' in parents}, {@code 'email' in owners},
 * {@code trashed = true|false}, {@code mimeType = | != | contains 'x'}, {@code name = | != | contains 'x'}
 * (contains = prefix match on name tokens, like Drive), {@code modifiedTime}/{@code createdTime} comparisons,
 * {@code not}, {@code and}, {@code or} (and binds tighter) and parentheses.
 */
public final class DriveQuery {

    private final List<String> tokens;
    private final Function<String, String> folderAlias;
    private final Function<DriveFile, String> ownerEmail;
    private int pos;

    private DriveQuery(List<String> tokens, Function<String, String> folderAlias, Function<DriveFile, String> ownerEmail) {
        this.tokens = tokens;
        this.folderAlias = folderAlias;
        this.ownerEmail = ownerEmail;
    }

    /**
     * @param folderAlias maps {@code root} to the user's root folder id and {@code me} to the user's email, other
     *        ids to themselves
     * @param ownerEmail the owner email of a file (for {@code in owners})
     */
    public static Predicate<DriveFile> parse(String q, Function<String, String> folderAlias,
            Function<DriveFile, String> ownerEmail) {
        if (q == null || q.isBlank()) {
            return f -> true;
        }
        DriveQuery parser = new DriveQuery(tokenize(q), folderAlias, ownerEmail);
        Predicate<DriveFile> p = parser.or();
        if (parser.pos != parser.tokens.size()) {
            throw invalid();
        }
        return p;
    }

    /**
     * The folder every match must be a child of, when {@code q} is {@code 'id' in parents} joined to the rest by a
     * top-level {@code and} (no top-level {@code or}, no {@code not} before it); else null. Lets a list walk only
     * that folder's children; the full predicate still decides.
     */
    public static String requiredParent(String q, Function<String, String> folderAlias) {
        if (q == null || q.isBlank()) {
            return null;
        }
        List<String> t;
        try {
            t = tokenize(q);
        } catch (GoogleError.Failure e) {
            return null;
        }
        int depth = 0;
        for (String token : t) {
            depth += "(".equals(token) ? 1 : ")".equals(token) ? -1 : 0;
            if (depth == 0 && !isString(token) && token.equalsIgnoreCase("or")) {
                return null;
            }
        }
        if (t.size() >= 3 && isString(t.get(0)) && t.get(1).equalsIgnoreCase("in")
                && t.get(2).equalsIgnoreCase("parents") && (t.size() == 3 || t.get(3).equalsIgnoreCase("and"))) {
            return folderAlias.apply(unquote(t.get(0)));
        }
        return null;
    }

    private Predicate<DriveFile> or() {
        Predicate<DriveFile> left = and();
        while (peekKeyword("or")) {
            pos++;
            left = left.or(and());
        }
        return left;
    }

    private Predicate<DriveFile> and() {
        Predicate<DriveFile> left = unary();
        while (peekKeyword("and")) {
            pos++;
            left = left.and(unary());
        }
        return left;
    }

    private Predicate<DriveFile> unary() {
        if (peekKeyword("not")) {
            pos++;
            return unary().negate();
        }
        if ("(".equals(peek())) {
            pos++;
            Predicate<DriveFile> inner = or();
            expect(")");
            return inner;
        }
        return condition();
    }

    private Predicate<DriveFile> condition() {
        String first = next();
        if (isString(first)) {
            String value = unquote(first);
            if (!peekKeyword("in")) {
                throw invalid();
            }
            pos++;
            String field = next().toLowerCase(Locale.ROOT);
            return switch (field) {
                case "parents" -> {
                    String id = folderAlias.apply(value);
                    yield f -> f.parents.contains(id);
                }
                case "owners" -> {
                    String email = value.equals("me") ? folderAlias.apply("me") : value;
                    yield f -> email.equalsIgnoreCase(ownerEmail.apply(f));
                }
                default -> throw invalid();
            };
        }
        String field = first;
        String op = next().toLowerCase(Locale.ROOT);
        String raw = next();
        switch (field) {
            case "trashed", "starred", "sharedWithMe" -> {
                boolean v = bool(raw);
                boolean eq = op.equals("=");
                if (!eq && !op.equals("!=")) {
                    throw invalid();
                }
                return f -> (field.equals("trashed") ? f.trashed : false) == v == eq;
            }
            case "name", "mimeType", "fullText" -> {
                String v = unquoteRequired(raw);
                Function<DriveFile, String> get = field.equals("mimeType") ? f -> f.mimeType : f -> f.name;
                return switch (op) {
                    case "=" -> f -> get.apply(f).equals(v);
                    case "!=" -> f -> !get.apply(f).equals(v);
                    case "contains" -> field.equals("mimeType")
                            ? f -> f.mimeType.contains(v)
                            : f -> tokenPrefixMatch(get.apply(f), v);
                    default -> throw invalid();
                };
            }
            case "modifiedTime", "createdTime" -> {
                Instant t = time(unquoteRequired(raw));
                Function<DriveFile, Instant> get = field.equals("createdTime") ? f -> f.createdTime : f -> f.modifiedTime;
                return switch (op) {
                    case "=" -> f -> get.apply(f).equals(t);
                    case "!=" -> f -> !get.apply(f).equals(t);
                    case "<" -> f -> get.apply(f).isBefore(t);
                    case "<=" -> f -> !get.apply(f).isAfter(t);
                    case ">" -> f -> get.apply(f).isAfter(t);
                    case ">=" -> f -> !get.apply(f).isBefore(t);
                    default -> throw invalid();
                };
            }
            default -> throw invalid();
        }
    }

    /** Drive matches {@code name contains 'x'} by prefix of a name token (HelloWorld matches Hello, not World). */
    static boolean tokenPrefixMatch(String name, String term) {
        String n = name.toLowerCase(Locale.ROOT);
        String t = term.toLowerCase(Locale.ROOT);
        for (int i = 0; i <= n.length() - t.length(); i++) {
            if ((i == 0 || !Character.isLetterOrDigit(n.charAt(i - 1))) && n.startsWith(t, i)) {
                return true;
            }
        }
        return false;
    }

    private static Instant time(String s) {
        try {
            return s.endsWith("Z") || s.matches(".*[+-]\\d\\d:\\d\\d$")
                    ? java.time.OffsetDateTime.parse(s).toInstant()
                    : LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
        } catch (Exception e) {
            throw invalid();
        }
    }

    private static boolean bool(String raw) {
        if (raw.equalsIgnoreCase("true")) {
            return true;
        }
        if (raw.equalsIgnoreCase("false")) {
            return false;
        }
        throw invalid();
    }

    private boolean peekKeyword(String kw) {
        String t = peek();
        return t != null && !isString(t) && t.equalsIgnoreCase(kw);
    }

    private String peek() {
        return pos < tokens.size() ? tokens.get(pos) : null;
    }

    private String next() {
        if (pos >= tokens.size()) {
            throw invalid();
        }
        return tokens.get(pos++);
    }

    private void expect(String t) {
        if (!t.equals(next())) {
            throw invalid();
        }
    }

    private static boolean isString(String t) {
        return t.startsWith("'") || t.startsWith("\"");
    }

    private static String unquoteRequired(String t) {
        if (!isString(t)) {
            throw invalid();
        }
        return unquote(t);
    }

    private static String unquote(String t) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i < t.length() - 1; i++) {
            char c = t.charAt(i);
            if (c == '\\' && i + 1 < t.length() - 1) {
                c = t.charAt(++i);
            }
            sb.append(c);
        }
        return sb.toString();
    }

    static List<String> tokenize(String q) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < q.length()) {
            char c = q.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '\'' || c == '"') {
                int j = i + 1;
                while (j < q.length() && q.charAt(j) != c) {
                    j += q.charAt(j) == '\\' ? 2 : 1;
                }
                if (j >= q.length()) {
                    throw invalid();
                }
                out.add(q.substring(i, j + 1));
                i = j + 1;
            } else if (c == '(' || c == ')') {
                out.add(String.valueOf(c));
                i++;
            } else if (c == '=' || c == '<' || c == '>' || c == '!') {
                int j = i + 1;
                if (j < q.length() && q.charAt(j) == '=') {
                    j++;
                }
                out.add(q.substring(i, j));
                i = j;
            } else {
                int j = i;
                while (j < q.length() && !Character.isWhitespace(q.charAt(j)) && "()=<>!'\"".indexOf(q.charAt(j)) < 0) {
                    j++;
                }
                out.add(q.substring(i, j));
                i = j;
            }
        }
        return out;
    }

    static GoogleError.Failure invalid() {
        return GoogleError.invalidParameter("q", "Invalid Value").failure();
    }
}
