package com.smartlinkauto.gateway.webui;

import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.server.ServerWebExchange;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

/**
 * The web UI at {@code /}: a handler mapping for the app's paths ({@link WebUiPaths}) that comes after every other
 * one (the gateway's routes, the fallback controller), so a route always wins, and answers from the build read at
 * start-up ({@link WebUiFiles}). Spring Boot's own static resource handling and welcome page are switched off in
 * application.yml: they would serve the same files without these headers and fallbacks.
 */
@Configuration(proxyBeanMethods = false)
class WebUiConfiguration {

    @Bean
    WebUiFiles webUiFiles(ResourcePatternResolver resolver, WebUiProperties properties, MeterRegistry meters) {
        WebUiFiles files = WebUiFiles.load(resolver, properties.location());
        Gauge.builder("smartlink.gateway.web.ui.files", files, WebUiFiles::size)
                .description("Files of the web UI build this gateway serves (0: built without the app)")
                .register(meters);
        return files;
    }

    /**
     * A {@link SimpleUrlHandlerMapping} (for {@code /**}, the app's paths only): the gateway's global CORS
     * configuration ({@code add-to-simple-url-handler-mapping}) expects one such mapping, which Boot's own static
     * resource handling used to be.
     */
    @Bean
    SimpleUrlHandlerMapping webUiHandlerMapping(WebUiFiles files, WebUiProperties properties, MeterRegistry meters) {
        return new WebUiHandlerMapping(new WebUiHandler(files, properties, meters));
    }

    static final class WebUiHandlerMapping extends SimpleUrlHandlerMapping {

        WebUiHandlerMapping(WebUiHandler handler) {
            super(Map.of("/**", handler), Ordered.LOWEST_PRECEDENCE - 10);
        }

        @Override
        public Mono<Object> getHandlerInternal(ServerWebExchange exchange) {
            return WebUiPaths.isApp(exchange.getRequest().getPath().pathWithinApplication())
                    ? super.getHandlerInternal(exchange) : Mono.empty();
        }
    }
}
