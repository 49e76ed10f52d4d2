package com.smartlinkauto.servicedefaults.validation;

import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ContinueResponseTiming;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.smartlinkauto.servicedefaults.problem.ProblemErrorController;
import com.smartlinkauto.servicedefaults.problem.ProblemErrorReportValve;

/**
 * Errors outside Spring MVC's handlers answer in problem+json too: the container's {@code /error} page
 * ({@link ProblemErrorController}, instead of Boot's JSON/HTML one) and Tomcat's own refusals of malformed
 * requests ({@link ProblemErrorReportValve}, instead of Tomcat's HTML page).
 */
@AutoConfiguration(before = ErrorMvcAutoConfiguration.class)
@ConditionalOnWebApplication(type = Type.SERVLET)
public class InputHardeningAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(ErrorController.class)
    ProblemErrorController problemErrorController() {
        return new ProblemErrorController();
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({ TomcatServletWebServerFactory.class, ErrorReportValve.class })
    static class TomcatErrors {

        @Bean
        WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReportValve() {
            return factory -> factory.addContextCustomizers(context -> {
                if (context.getParent() instanceof StandardHost host) {
                    // the host adds the valve of this class at start; ours is already there, so it adds no other
                    host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                    host.getPipeline().addValve(new ProblemErrorReportValve());
                }
            });
        }

        /**
         * {@code Expect: 100-continue} is answered when the application first reads the body, not as soon as
         * the headers arrive (Tomcat's default): a request refused unread (a body over the limit, no
         * credentials) then gets its 4xx before the client sends a byte of the body. Otherwise the client
         * streams the body while Tomcat closes the connection without reading it, and the kernel's reset can
         * destroy the 4xx before the client reads it.
         */
        @Bean
        WebServerFactoryCustomizer<TomcatServletWebServerFactory> continueWhenTheBodyIsRead() {
            return factory -> factory.addConnectorCustomizers(connector -> {
                if (connector.getProtocolHandler() instanceof AbstractHttp11Protocol<?> http) {
                    http.setContinueResponseTiming(ContinueResponseTiming.ON_REQUEST_BODY_READ.toString());
                }
            });
        }
    }
}
