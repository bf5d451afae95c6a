package dev.vidferry.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

class UserTokenRuleTest {

    @Test
    void aPersonsTokenIsAUser() {
        assertThat(UserTokenRule.refusal("1123", "vidferry", null, Set.of(), Optional.empty())).isEmpty();
    }

    @Test
    void aClientThatIsItsOwnSubjectIsNoUser() {
        assertThat(UserTokenRule.refusal("vidferry", "vidferry", null, Set.of(), Optional.empty())).isPresent();
        assertThat(UserTokenRule.refusal("svc", null, "svc", Set.of(), Optional.empty())).isPresent();
        assertThat(UserTokenRule.refusal(" ", "vidferry", null, Set.of(), Optional.empty())).isPresent();
    }

    @Test
    void aConfiguredRequiredRoleMustBeInTheToken() {
        Optional<String> required = Optional.of("vidferry-user");
        assertThat(UserTokenRule.refusal("1123", "vidferry", null, Set.of("admin"), required)).isPresent();
        assertThat(UserTokenRule.refusal("1123", "vidferry", null, Set.of("vidferry-user"), required)).isEmpty();
    }
}
