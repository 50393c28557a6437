package io.dispatchapy.model.http;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.dispatchapy.model.secret.SecretBox;
import io.dispatchapy.model.secret.SecretException;

/**
 * The last step before a call leaves: the target must pass the operator's {@link OutboundPolicy}, and stored header
 * values are decrypted here and nowhere earlier. Either failure is an {@link OutboundDeniedException} whose message is
 * safe to record (it names the rule or the header, never a secret); the caller records it as that call's failure.
 */
@ApplicationScoped
public class OutboundGuard {
    private final OutboundPolicy policy;
    private final SecretBox secrets;

    public OutboundGuard(OutboundPolicy policy, SecretBox secrets) {
        this.policy = policy;
        this.secrets = secrets;
    }

    /** Checks the target (resolving its host) and sets the decrypted headers on the request. */
    public HttpRequest.Builder prepare(HttpRequest.Builder request, URI target, Map<String, String> headers) {
        policy.check(target);
        return OutboundHttp.copyHeaders(request, open(headers));
    }

    /**
     * Checks the target (resolving its host) and returns the headers to send, decrypted, without those the HTTP client
     * manages ({@link OutboundHttp#sendable}), for a client that is not the JDK's.
     */
    public Map<String, String> headersFor(URI target, Map<String, String> headers) {
        policy.check(target);
        return OutboundHttp.sendable(open(headers));
    }

    private Map<String, String> open(Map<String, String> headers) {
        try {
            return secrets.openAll(headers);
        } catch (SecretException e) {
            throw new OutboundDeniedException("Not sent: " + e.getMessage());
        }
    }

    /** Checks a target that is not HTTP (a TCP health check). */
    public void check(URI target) {
        policy.check(target);
    }
}
