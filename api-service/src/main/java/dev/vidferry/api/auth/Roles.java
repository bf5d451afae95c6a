package dev.vidferry.api.auth;

/** vidferry's roles: every accepted caller is a {@link #USER}; operators are also {@link #ADMIN}. */
public final class Roles {

    public static final String USER = "user";
    public static final String ADMIN = "admin";

    private Roles() {
    }
}
