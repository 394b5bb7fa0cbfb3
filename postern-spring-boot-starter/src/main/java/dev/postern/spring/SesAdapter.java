package dev.postern.spring;

import dev.postern.provider.Provider;
import dev.postern.provider.ses.SesConfig;
import dev.postern.provider.ses.SesProviders;
import dev.postern.provider.transport.Secret;
import dev.postern.provider.transport.Timeouts;
import org.springframework.util.ClassUtils;

/**
 * {@code type: ses}, kept apart so that the optional {@code postern-ses} module (and the AWS SDK
 * it brings) is loaded only by applications that configure SES.
 */
final class SesAdapter {
    private SesAdapter() {}

    static Provider create(ProviderProperties p, Timeouts timeouts) {
        if (!ClassUtils.isPresent("dev.postern.provider.ses.SesProviders", SesAdapter.class.getClassLoader())) {
            throw new IllegalArgumentException("type ses needs dev.postern:postern-ses on the classpath");
        }
        return SesProviders.ses(new SesConfig(
                ProviderFactory.required(p.region(), "region"),
                p.accessKeyId(),
                Secret.of(p.secretAccessKey(), "secret_access_key"),
                p.baseUrl(),
                timeouts,
                p.configurationSet()));
    }
}
