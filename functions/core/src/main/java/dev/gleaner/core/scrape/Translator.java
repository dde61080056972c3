package dev.gleaner.core.scrape;

import dev.gleaner.core.product.ProductInfo;

/** Translates a product's text fields into a language; {@link #NONE} when translation is off (locally). */
public interface Translator {
    Translator NONE = new Translator() {
        @Override
        public boolean enabled() {
            return false;
        }

        @Override
        public ProductInfo translate(ProductInfo info, String targetLanguage) {
            return info;
        }
    };

    boolean enabled();

    ProductInfo translate(ProductInfo info, String targetLanguage);
}
