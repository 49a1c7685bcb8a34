package org.paywatch.config;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.function.Function;

/**
 * How the county's files write durations ("30s", "400d") and dates ("2016-01-01"), for Jackson: read once into typed
 * fields, written back the same way. A value of the wrong form fails as Jackson's InvalidFormatException, which
 * {@link JobFileMistake} tells as one sentence with the line, the key and the fix.
 */
final class ConfigValueTypes {
    private ConfigValueTypes() {}

    static SimpleModule module() {
        return new SimpleModule("paywatch-config-values")
                .addDeserializer(Duration.class, scalar(Duration.class, DurationText::parseOrNull))
                .addSerializer(Duration.class, text(DurationText::format))
                .addDeserializer(LocalDate.class, scalar(LocalDate.class, ConfigValueTypes::dateOrNull))
                .addSerializer(LocalDate.class, text(LocalDate::toString));
    }

    private static LocalDate dateOrNull(String text) {
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static <T> JsonDeserializer<T> scalar(Class<T> type, Function<String, T> parse) {
        return new JsonDeserializer<>() {
            @Override
            public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                if (!p.currentToken().isScalarValue()) {
                    return type.cast(ctxt.handleUnexpectedToken(type, p));
                }
                T value = parse.apply(p.getText());
                if (value == null) {
                    throw new InvalidFormatException(p, "not a " + type.getSimpleName(), p.getText(), type);
                }
                return value;
            }
        };
    }

    private static <T> JsonSerializer<T> text(Function<T, String> format) {
        return new JsonSerializer<>() {
            @Override
            public void serialize(T value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                gen.writeString(format.apply(value));
            }
        };
    }
}
