package dlg.manager.rest;

import dlg.manager.auth.TlsContexts;
import dlg.manager.auth.TlsFiles;
import io.javalin.config.JettyConfig;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * A manager's port speaking HTTPS, and nothing else: the one connector Javalin then opens, in place
 * of its plain HTTP one, on the same host and port. A plain HTTP request to it fails its TLS
 * handshake and is closed unanswered.
 *
 * <p>The key store is made when this is made ({@link #of}), so that a bad PEM file stops the
 * manager before it listens. Public for the other Javalin servers of dlg (the daemon's).
 */
public final class HttpsConnector {

    private final SslContextFactory.Server ssl;

    private HttpsConnector(SslContextFactory.Server ssl) {
        this.ssl = ssl;
    }

    /** @throws IllegalArgumentException when the PEM files cannot serve (see {@link TlsContexts#keyStore}) */
    public static HttpsConnector of(TlsFiles tls) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStore(TlsContexts.keyStore(tls));
        ssl.setKeyStorePassword(TlsContexts.KEY_STORE_PASSWORD);
        return new HttpsConnector(ssl);
    }

    /** Makes {@code jetty}'s one connector this one, on its {@code host} and {@code port}. */
    public void installIn(JettyConfig jetty) {
        jetty.addConnector((server, http) -> {
            HttpConfiguration https = new HttpConfiguration(http);
            https.setSecureScheme("https");
            // Whether the certificate names the host is for the client to judge (curl -k may not care).
            https.addCustomizer(new SecureRequestCustomizer(false));
            ServerConnector connector = new ServerConnector(server,
                    new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(https));
            connector.setHost(jetty.host);
            connector.setPort(jetty.port);
            return connector;
        });
    }
}
