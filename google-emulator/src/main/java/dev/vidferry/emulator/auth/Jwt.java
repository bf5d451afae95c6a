package dev.vidferry.emulator.auth;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.HexFormat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.vidferry.emulator.http.Json;

/** RS256 signing and verification with one RSA key generated at start; JWKS publishes it under {@link #kid()}. */
public final class Jwt {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final KeyPair keys;
    private final String kid;

    public Jwt() {
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
            gen.initialize(2048);
            keys = gen.generateKeyPair();
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(keys.getPublic().getEncoded());
            kid = HexFormat.of().formatHex(digest, 0, 20);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public String kid() {
        return kid;
    }

    public String sign(ObjectNode claims) {
        try {
            ObjectNode header = Json.object().put("alg", "RS256").put("kid", kid).put("typ", "JWT");
            String input = B64.encodeToString(Json.MAPPER.writeValueAsBytes(header)) + "."
                    + B64.encodeToString(Json.MAPPER.writeValueAsBytes(claims));
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(keys.getPrivate());
            s.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + B64.encodeToString(s.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Claims of a token signed by this key, or null if malformed or the signature doesn't verify. */
    public ObjectNode verify(String token) {
        try {
            String[] parts = token.split("\\.");
            if (parts.length != 3) {
                return null;
            }
            JsonNode header = Json.MAPPER.readTree(B64D.decode(parts[0]));
            if (!"RS256".equals(header.path("alg").asText())) {
                return null;
            }
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initVerify(keys.getPublic());
            s.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!s.verify(B64D.decode(parts[2]))) {
                return null;
            }
            JsonNode claims = Json.MAPPER.readTree(B64D.decode(parts[1]));
            return claims.isObject() ? (ObjectNode) claims : null;
        } catch (Exception e) {
            return null;
        }
    }

    public ObjectNode jwks() {
        RSAPublicKey pub = (RSAPublicKey) keys.getPublic();
        ObjectNode key = Json.object().put("kty", "RSA").put("alg", "RS256").put("use", "sig").put("kid", kid)
                .put("n", B64.encodeToString(unsigned(pub.getModulus())))
                .put("e", B64.encodeToString(unsigned(pub.getPublicExponent())));
        ObjectNode root = Json.object();
        root.putArray("keys").add(key);
        return root;
    }

    private static byte[] unsigned(BigInteger v) {
        byte[] b = v.toByteArray();
        if (b.length > 1 && b[0] == 0) {
            byte[] t = new byte[b.length - 1];
            System.arraycopy(b, 1, t, 0, t.length);
            return t;
        }
        return b;
    }
}
