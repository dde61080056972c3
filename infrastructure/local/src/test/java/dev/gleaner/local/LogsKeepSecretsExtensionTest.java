package dev.gleaner.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

class LogsKeepSecretsExtensionTest {
    @SuppressWarnings("unused")
    private static final class Sample {
        private static final String TOKEN = "tok-123456";
        private static final String COOKIES = "NID_AUT=aut-abcdef; NID_SES=ses-ghijkl";
        private static final String API_KEY = "key-98765";
        private static final String CALLBACK_SECRET = "shh-secret";
        private static final String KEY = "abc";                 // too short to search for
        private static final String TARGET_DATE = "2025-01-15";  // not a secret's name
        private final String instanceToken = "not static";
    }

    @Test
    void findsTheSecretNamedConstantsAndTheValuesInCookies() {
        assertEquals(Set.of("tok-123456", "NID_AUT=aut-abcdef; NID_SES=ses-ghijkl", "aut-abcdef", "ses-ghijkl",
                "key-98765", "shh-secret"), LogsKeepSecretsExtension.secretsOf(Sample.class));
    }
}
