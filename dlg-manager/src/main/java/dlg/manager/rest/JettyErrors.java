package dlg.manager.rest;

import java.nio.ByteBuffer;
import java.util.List;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jetty's own error replies, those it sends before a request reaches a route (a URI too long, bad
 * %-encoding, a malformed request line or headers, a Content-Length with chunked encoding), as
 * the JSON error body every other error has, with a Content-Length, instead of Jetty's HTML page.
 * The request was refused for its form: {@code DaliugeException}, as {@link RequestRefused}.
 */
final class JettyErrors implements Request.Handler {

    private static final Logger log = LoggerFactory.getLogger(JettyErrors.class);

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus();
        String message = (String) request.getAttribute(ErrorHandler.ERROR_MESSAGE);
        Throwable cause = (Throwable) request.getAttribute(ErrorHandler.ERROR_EXCEPTION);
        if (cause instanceof HttpException h) {
            status = h.getCode();
            response.setStatus(status);
            message = message != null ? message : h.getReason();
        }
        String reason = HttpStatus.getMessage(status);
        String text = message == null || message.isBlank() || message.equals(reason) ? reason
                : reason + ": " + message;
        log.debug("{} {}: {} {}", request.getMethod(), request.getHttpURI(), status, text);
        if (HttpStatus.hasNoBody(status) || HttpMethod.HEAD.is(request.getMethod())) {
            callback.succeeded();
            return true;
        }
        String type = status == 404 || status == 405 ? "NotFound" : "DaliugeException"; // as ManagerServer's own
        byte[] body = ManagerServer.errorBody(type, List.of(text));
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Responses.JSON_TYPE);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }
}
