package dev.gleaner.aws.translate;

import dev.gleaner.core.product.ProductInfo;
import dev.gleaner.core.scrape.Translator;
import software.amazon.awssdk.services.translate.TranslateClient;

/**
 * Amazon Translate for title, description and category (source language detected by the
 * service). Enabled by {@code TRANSLATE_ENABLED=true}; off locally.
 */
public final class AmazonTranslator implements Translator {
    /** TranslateText accepts at most 10,000 bytes per call; longer descriptions are cut first. */
    private static final int MAX_CHARS = 3000;

    private final TranslateClient client;

    public AmazonTranslator(TranslateClient client) {
        this.client = client;
    }

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public ProductInfo translate(ProductInfo info, String targetLanguage) {
        return info.toBuilder()
                .title(text(info.title(), targetLanguage))
                .description(text(info.description(), targetLanguage))
                .category(text(info.category(), targetLanguage))
                .build();
    }

    private String text(String value, String target) {
        if (value == null || value.isBlank()) {
            return value;
        }
        String input = value.length() > MAX_CHARS ? value.substring(0, MAX_CHARS) : value;
        return client.translateText(b -> b.text(input).sourceLanguageCode("auto").targetLanguageCode(target))
                .translatedText();
    }
}
