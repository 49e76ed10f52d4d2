package com.smartlinkauto.gateway.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

import com.smartlinkauto.servicedefaults.Correlation;
import com.smartlinkauto.servicedefaults.problem.ProblemBodies;
import com.smartlinkauto.servicedefaults.problem.ProblemTypes;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Requests refused before any Spring filter could see them — reactor-netty answers a request line that is
 * too long (414) or headers that are too large (431), and Spring's adapter a target that is no URI (a lone
 * {@code %}, {@code %u002e}, raw bytes that are not printable ASCII) with a bare 400, without a body or
 * correlation id; raw non-ASCII that Java's URI happens to accept (UTF-8 {@code é}) is refused here too. This Netty handler sits right
 * after the HTTP codec and answers those requests itself, in the platform's problem+json with a
 * correlation id, then closes the connection. Well-formed requests pass untouched.
 */
@Component
public class MalformedRequestGuard implements NettyServerCustomizer {

    static final String HANDLER_NAME = "smartlink.malformedRequestGuard";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final MeterRegistry meters;

    public MalformedRequestGuard(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public HttpServer apply(HttpServer server) {
        // runs after reactor-netty configured the channel's HTTP/1.1 pipeline, before the first request is read
        return server.doOnChannelInit((observer, channel, remoteAddress) -> {
            ChannelPipeline pipeline = channel.pipeline();
            if (pipeline.get(NettyPipeline.HttpCodec) != null && pipeline.get(HANDLER_NAME) == null) {
                pipeline.addAfter(NettyPipeline.HttpCodec, HANDLER_NAME, new Guard());
            }
        });
    }

    /** Why a request cannot be handled, or null when it can. */
    static HttpStatus refusal(HttpRequest request) {
        DecoderResult result = request.decoderResult();
        if (result.isFailure()) {
            Throwable cause = result.cause();
            if (cause instanceof TooLongHttpLineException) {
                return HttpStatus.URI_TOO_LONG;
            }
            if (cause instanceof TooLongHttpHeaderException) {
                return HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
            }
            return HttpStatus.BAD_REQUEST;
        }
        String uri = request.uri();
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            // RFC 9112/3986: a request target is printable ASCII; anything else must be percent-encoded
            if (c <= 0x20 || c >= 0x7F) {
                return HttpStatus.BAD_REQUEST;
            }
        }
        if (uri.startsWith("/")) {
            try {
                // what Spring's ReactorServerHttpRequest does with it: a target it cannot make a URI of is refused
                new URI("http://gateway" + uri);
            }
            catch (URISyntaxException ex) {
                return HttpStatus.BAD_REQUEST;
            }
        }
        return null;
    }

    static byte[] body(HttpStatus status, String path, String correlationId) {
        String detail = switch (status) {
            case URI_TOO_LONG -> "The request line is too long.";
            case REQUEST_HEADER_FIELDS_TOO_LARGE -> "The request's headers are too large.";
            default -> "The request target or headers are malformed (e.g. a lone % or an invalid escape).";
        };
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(status == HttpStatus.BAD_REQUEST ? ProblemTypes.MALFORMED_REQUEST
                : ProblemTypes.forStatus(status.value()));
        problem.setInstance(path == null ? null : Problems.instance(path));
        problem.setProperty("correlationId", correlationId);
        Map<String, Object> map = ProblemBodies.toMap(problem);
        return JSON.writeValueAsBytes(map);
    }

    private final class Guard extends ChannelInboundHandlerAdapter {

        /** The rest of a refused request (its body) is dropped until its last part. */
        private boolean discarding;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpRequest request) {
                HttpStatus status = refusal(request);
                if (status != null) {
                    discarding = !(msg instanceof LastHttpContent);
                    refuse(ctx, request, status);
                    ReferenceCountUtil.release(msg);
                    return;
                }
            }
            else if (discarding && msg instanceof HttpContent) {
                discarding = !(msg instanceof LastHttpContent);
                ReferenceCountUtil.release(msg);
                return;
            }
            ctx.fireChannelRead(msg);
        }

        private void refuse(ChannelHandlerContext ctx, HttpRequest request, HttpStatus status) {
            meters.counter("smartlink.gateway.rejections", "status", Integer.toString(status.value())).increment();
            boolean decoded = request.decoderResult().isSuccess();
            String correlationId = Correlation.acceptOrGenerate(
                    decoded ? request.headers().get(Correlation.HEADER) : null);
            String path = decoded && status != HttpStatus.URI_TOO_LONG ? pathOf(request.uri()) : null;
            byte[] body = body(status, path, correlationId);
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.valueOf(status.value()), Unpooled.wrappedBuffer(body));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE)
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                    .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
                    .set(Correlation.HEADER, correlationId);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }

        private String pathOf(String uri) {
            int query = uri.indexOf('?');
            String path = query < 0 ? uri : uri.substring(0, query);
            return path.length() > 2048 ? null : path;
        }
    }
}
