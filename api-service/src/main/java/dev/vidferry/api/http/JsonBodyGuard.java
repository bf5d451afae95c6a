package dev.vidferry.api.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

import dev.vidferry.api.common.ApiException;

/**
 * Checks a JSON body's raw bytes before Jackson maps it ({@link JsonScan}): strict UTF-8, no duplicate keys, no NUL
 * or lone surrogates in any string, numbers of sane length. The refusal names the JSON path at fault.
 */
@Provider
public class JsonBodyGuard implements ReaderInterceptor {

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException, WebApplicationException {
        MediaType type = context.getMediaType();
        if (type == null || !(type.getSubtype().equals("json") || type.getSubtype().endsWith("+json"))) {
            return context.proceed();
        }
        byte[] body = context.getInputStream().readAllBytes();
        if (body.length > 0) {
            ApiException refused = JsonScan.check(body);
            if (refused != null) {
                throw refused;
            }
        }
        context.setInputStream(new ByteArrayInputStream(body));
        return context.proceed();
    }
}
