package dev.gleaner.cli.ui;

import dev.gleaner.core.config.Env;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * What people read, in Korean or English ({@code dev/gleaner/cli/messages*.properties}). The
 * language is {@code --lang}, else {@code GLEANER_LANG}, else the locale variables (LC_ALL,
 * LC_MESSAGES, LANG: {@code ko_KR.UTF-8} gives Korean), else English. JSON output is never translated.
 */
public final class Messages {
    private final ResourceBundle bundle;
    private final Locale locale;

    private Messages(Locale locale) {
        this.locale = locale;
        this.bundle = ResourceBundle.getBundle("dev.gleaner.cli.messages", locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    public static Messages of(String lang) {
        return new Messages("ko".equals(lang) ? Locale.KOREAN : Locale.ROOT);
    }

    /** The language to use when --lang is not given: {@code ko} or {@code en}. */
    public static String languageFrom(Map<String, String> env) {
        String explicit = env.get(Env.CLI_LANG);
        if (explicit != null && !explicit.isBlank()) {
            return explicit.trim().toLowerCase(Locale.ROOT).startsWith("ko") ? "ko" : "en";
        }
        for (String name : new String[] {"LC_ALL", "LC_MESSAGES", "LANG"}) {
            String v = env.get(name);
            if (v != null && !v.isBlank()) {
                return v.toLowerCase(Locale.ROOT).startsWith("ko") ? "ko" : "en";
            }
        }
        return "en";
    }

    public boolean korean() {
        return locale.getLanguage().equals("ko");
    }

    /** The message {@code key} with its {@code {0}}-style arguments filled in. */
    public String get(String key, Object... args) {
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            throw new IllegalStateException("no message " + key, e);
        }
        return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
    }
}
