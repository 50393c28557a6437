package io.dispatchapy.model.alert;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import io.dispatchapy.model.secret.SecretBox;
import io.dispatchapy.model.secret.SecretException;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.StartTLSOptions;

/**
 * Sends plain-text mail through the SMTP server of the runtime settings, which an operator may change at any time (so a
 * fresh client is made per send rather than Quarkus' static mailer configuration). STARTTLS is required for
 * {@code starttls}, implicit TLS is used for {@code ssl}, and {@code none} is plain (the seed forced STARTTLS for
 * anything but ssl). Every send is bounded by a timeout.
 */
@ApplicationScoped
public class MailGateway {
    private static final long TIMEOUT_SECONDS = 30;

    private final Vertx vertx;
    private final SecretBox secrets;

    public MailGateway(Vertx vertx, SecretBox secrets) {
        this.vertx = vertx;
        this.secrets = secrets;
    }

    /** Sends the mail or throws {@link MailException} with what went wrong. */
    public void send(SmtpSettings smtp, List<String> to, String subject, String body) {
        if (!smtp.configured()) {
            throw new MailException("SMTP is not configured (host and from address are required)");
        }
        if (to.isEmpty()) {
            throw new MailException("No recipients");
        }
        MailConfig config;
        try {
            config = config(smtp, secrets);
        } catch (SecretException e) {
            throw new MailException("Not sent: SMTP password: " + e.getMessage());
        }
        MailClient client = MailClient.create(vertx, config);
        try {
            MailMessage message = new MailMessage().setFrom(smtp.from()).setTo(to).setSubject(subject).setText(body);
            client.sendMail(message).toCompletionStage().toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new MailException(e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
        } catch (TimeoutException e) {
            throw new MailException("SMTP server did not answer within " + TIMEOUT_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MailException("Interrupted");
        } finally {
            client.close();
        }
    }

    /** The SMTP password is stored encrypted and decrypted only here, just before the connection. */
    private static MailConfig config(SmtpSettings s, SecretBox secrets) {
        boolean login = s.username() != null && !s.username().isBlank();
        MailConfig c = new MailConfig().setHostname(s.host()).setPort(s.port()).setConnectTimeout(10_000)
                .setSslHandshakeTimeout(10).setKeepAlive(false)
                .setLogin(login ? LoginOption.REQUIRED : LoginOption.DISABLED);
        if (login) {
            c.setUsername(s.username()).setPassword(s.password() == null ? "" : secrets.open(s.password()));
        }
        switch (s.encryption()) {
        case "ssl" -> c.setSsl(true).setStarttls(StartTLSOptions.DISABLED);
        case "none" -> c.setSsl(false).setStarttls(StartTLSOptions.DISABLED);
        default -> c.setSsl(false).setStarttls(StartTLSOptions.REQUIRED);
        }
        return c;
    }

    /** A mail that could not be sent. */
    public static class MailException extends RuntimeException {
        public MailException(String message) {
            super(message);
        }
    }
}
