package io.dispatchapy.admin.ui;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.dispatchapy.model.entity.Client;
import io.dispatchapy.model.token.Tokens;

/** Finds the client a portal token belongs to (by its hash; the token itself is never stored). */
@ApplicationScoped
public class PortalAccounts {

    @Transactional
    public Optional<Long> clientIdForToken(String token) {
        if (token == null || token.isBlank() || token.length() > 500) {
            return Optional.empty();
        }
        return Client.<Client> find("tokenHash", Tokens.hash(token.trim())).firstResultOptional().map(c -> c.id);
    }
}
