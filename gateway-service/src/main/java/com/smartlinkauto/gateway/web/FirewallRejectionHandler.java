package com.smartlinkauto.gateway.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import com.smartlinkauto.servicedefaults.problem.ProblemTypes;

import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

/**
 * Spring Security's {@code StrictServerWebExchangeFirewall} refuses paths that could mean something else to
 * a service than to the gateway's rules ({@code /api/users/..;/admin/users}, {@code /api/%2e%2e/admin},
 * {@code //api/users/me}, encoded slashes, backslashes, percent signs or NUL, non-printable header values).
 * Its stock handler answers a bare 400; this one answers the platform's problem+json with the correlation
 * id, and counts it in {@code smartlink.gateway.rejections{status="400"}}. {@code @EnableWebFluxSecurity}
 * picks the one bean of this type up.
 */
@Component
public class FirewallRejectionHandler implements ServerExchangeRejectedHandler {

    private static final Logger log = LoggerFactory.getLogger(FirewallRejectionHandler.class);

    private final MeterRegistry meters;

    public FirewallRejectionHandler(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, ServerExchangeRejectedException ex) {
        RequestIdLogging.log(exchange, () -> log.info("Refused a malformed request: {}", ex.getMessage()));
        if (exchange.getResponse().isCommitted()) {
            return Mono.empty();
        }
        meters.counter("smartlink.gateway.rejections", "status", "400").increment();
        exchange.getResponse().getHeaders().clear();
        return Problems.write(exchange, exchange.getResponse(), HttpStatus.BAD_REQUEST, ProblemTypes.MALFORMED_REQUEST,
                "The request path or headers are malformed: no dot segments, empty segments, semicolons, "
                        + "encoded slashes, backslashes, percent signs or NUL.");
    }
}
