package io.dispatchapy.gateway.service;

/** How the gateway finds a client by token hash: the current token, or the previous one within its grace period. */
final class ClientTokenSql {
    /** A scalar sub-select with two parameters, both the token hash; each branch uses an index. */
    static final String CLIENT_ID_BY_TOKEN = """
            SELECT k.id FROM client k WHERE k.token_hash = ?
            UNION ALL
            SELECT k.id FROM client k WHERE k.previous_token_hash = ? AND k.previous_token_expires_at > now()
            LIMIT 1""";

    private ClientTokenSql() {
    }
}
